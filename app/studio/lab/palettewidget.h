#pragma once

#include "core/diagram/catalogue.h"

#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace sds::gui {

// The component palette, built from the catalogue: kinds grouped as the
// primer groups them, a filter box, a tooltip per kind. Drag a kind onto the
// canvas, or select it and press Enter to add it at the view's centre.
class PaletteWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaletteWidget)

public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    void setFilter(const QString &text);
    // Kinds currently listed (not filtered out), in order.
    QStringList visibleKinds() const;
    QTreeWidget *tree() const { return m_tree; }
    void refreshIcons();

signals:
    void kindActivated(sds::diagram::NodeKind kind);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace sds::gui
