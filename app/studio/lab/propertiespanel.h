#pragma once

#include "core/diagram/diagram.h"

#include <QFormLayout>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QUndoStack;

namespace sds::gui {

// The properties of the selection, generated from the catalogue: a node's
// label and parameters (spin boxes with units and ranges, combo boxes for
// choices), an edge's latency and routing, or, with nothing selected, the
// diagram's workload and run settings. Every change is an undoable command.
class PropertiesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropertiesPanel)

public:
    PropertiesPanel(diagram::Diagram &doc, QUndoStack &undo, QWidget *parent = nullptr);

    void showNode(const QString &id);
    void showEdge(const QString &id);
    void showDiagram();
    // The editor of parameter (or field) @p key, for tests and focus.
    QWidget *editor(const QString &key) const;
    QString message() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    static constexpr int kSideBySideWidth = 380; // px: narrower, labels go above their values
    QFormLayout::RowWrapPolicy wrapPolicy() const;
    void clearForm(const QString &title, const QString &subtitle);
    void refreshValues();
    void setMessage(const QString &text);
    void addNodeEditors(const diagram::Node &node);
    void addEdgeEditors(const diagram::Edge &edge);
    void addDiagramEditors();
    // A number field with its range and unit, added as a row under @p key.
    QDoubleSpinBox *addNumber(const QString &key, const QString &label, double min, double max,
                              int decimals, const QString &suffix, const QString &tip);

    diagram::Diagram &m_doc;
    QUndoStack &m_undo;
    QLabel *m_title;
    QLabel *m_subtitle;
    QWidget *m_formHost;
    QFormLayout *m_form = nullptr;
    QLabel *m_message;
    QString m_nodeId;
    QString m_edgeId;
    QHash<QString, QWidget *> m_editors;
};

} // namespace sds::gui
