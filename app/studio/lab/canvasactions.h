#pragma once

#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace sds::gui {

class DiagramScene;
class DiagramView;

// The canvas's edit and view actions: delete, cut, copy, paste, duplicate,
// select all, zoom and fit. Edits act only while the canvas (or a child)
// has the focus, so typing in the properties panel never deletes a node;
// zoom and fit work anywhere in @p page.
class CanvasActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CanvasActions)

public:
    CanvasActions(DiagramScene &scene, DiagramView &view, QWidget *page);

    QAction *deleteAction() const { return m_delete; }
    QAction *selectAllAction() const { return m_selectAll; }
    QList<QAction *> clipboardActions() const { return {m_cut, m_copy, m_paste, m_duplicate}; }
    QList<QAction *> viewActions() const { return {m_zoomIn, m_zoomOut, m_fit}; }

    // The selection as diagram JSON on the clipboard, and back.
    void copySelection();
    void paste();

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    DiagramScene &m_scene;
    DiagramView &m_view;
    QAction *m_delete;
    QAction *m_cut;
    QAction *m_copy;
    QAction *m_paste;
    QAction *m_duplicate;
    QAction *m_selectAll;
    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_fit;
};

} // namespace sds::gui
