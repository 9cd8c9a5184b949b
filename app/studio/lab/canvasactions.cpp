#include "app/studio/lab/canvasactions.h"

#include "app/studio/lab/diagramclipboard.h"
#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/diagramview.h"

#include <QAction>
#include <QGraphicsItem>

namespace sds::gui {

CanvasActions::CanvasActions(DiagramScene &scene, DiagramView &view, QWidget *page)
    : QObject(page)
    , m_scene(scene)
    , m_view(view)
{
    const auto action = [this](QWidget *owner, const QString &text, QKeySequence key, auto &&slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        owner->addAction(a);
        return a;
    };
    m_delete =
        action(&m_view, tr("&Delete"), QKeySequence::Delete, [this] { m_scene.deleteSelection(); });
    m_delete->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    m_cut = action(&m_view, tr("Cu&t"), QKeySequence::Cut, [this] {
        copySelection();
        m_scene.deleteSelection();
    });
    m_copy = action(&m_view, tr("&Copy"), QKeySequence::Copy, [this] { copySelection(); });
    m_paste = action(&m_view, tr("&Paste"), QKeySequence::Paste, [this] { paste(); });
    m_duplicate = action(&m_view, tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] {
        m_scene.pasteDiagram(m_scene.selectionAsDiagram(), QPointF(40, 40));
    });
    m_selectAll = action(&m_view, tr("Select &All"), QKeySequence::SelectAll, [this] {
        for (QGraphicsItem *item : m_scene.items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable)
                item->setSelected(true);
    });
    // No keys: the app's one Zoom In / Zoom Out pair triggers these in Lab mode,
    // so Ctrl++ is listed once and never ambiguous with the reader's text size.
    m_zoomIn = action(page, tr("Zoom &In"), QKeySequence(), [this] { m_view.zoomBy(1.25); });
    m_zoomOut = action(page, tr("Zoom &Out"), QKeySequence(), [this] { m_view.zoomBy(0.8); });
    m_fit = action(page, tr("&Fit Diagram"), QKeySequence(Qt::CTRL | Qt::Key_0),
                   [this] { m_view.fitAll(); });
}

void CanvasActions::copySelection()
{
    const diagram::DiagramData part = m_scene.selectionAsDiagram();
    if (part.nodes.isEmpty())
        return;
    copyDiagram(part);
    emit statusMessage(tr("Copied %n node(s)", nullptr, int(part.nodes.size())), 3000);
}

void CanvasActions::paste()
{
    if (const auto part = pastedDiagram())
        m_scene.pasteDiagram(*part, QPointF(40, 40));
    else
        emit statusMessage(tr("The clipboard holds no diagram to paste"), 4000);
}

} // namespace sds::gui
