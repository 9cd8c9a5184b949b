#include "app/studio/lab/diagramview.h"

#include "app/studio/lab/diagramscene.h"
#include "app/studio/lab/nodeitem.h"
#include "app/studio/theme.h"

#include <QApplication>
#include <QKeyEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace sds::gui {

namespace {
constexpr qreal kMinZoom = 0.15;
constexpr qreal kMaxZoom = 4.0;
} // namespace

DiagramView::DiagramView(QGraphicsScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setObjectName(QStringLiteral("diagramView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    // Room to grow in every direction, so dropping at the edge never clips.
    setSceneRect(-4000, -3000, 8000, 6000);
    if (auto *diagram = qobject_cast<DiagramScene *>(scene))
        connect(diagram, &DiagramScene::emptyChanged, viewport(), qOverload<>(&QWidget::update));
}

qreal DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::zoomBy(qreal factor)
{
    m_fitted = false;
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    scale(target / zoom(), target / zoom());
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    // Until the user zooms or pans, a fitted design stays fitted while the
    // window and the docks settle (first show, a restored layout, a resize).
    if ((m_fitPending || m_fitted) && isVisible())
        fitAll();
}

void DiagramView::fitAll()
{
    // A view that is not on screen yet has no real size to fit into.
    m_fitPending = !isVisible() || viewport()->width() < 40 || viewport()->height() < 40;
    if (m_fitPending)
        return;
    m_fitted = true;
    QRectF bounds;
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() == NodeItem::Type)
            bounds = bounds.united(item->sceneBoundingRect());
    }
    if (bounds.isEmpty()) {
        resetTransform();
        centerOn(0, 0);
        return;
    }
    fitInView(bounds.adjusted(-30, -30, 30, 30), Qt::KeepAspectRatio);
    if (zoom() > 1.25) { // a small diagram is not blown up beyond comfortable
        scale(1.25 / zoom(), 1.25 / zoom());
        centerOn(bounds.center());
    }
}

void DiagramView::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette pal = QApplication::palette();
    painter->fillRect(rect, pal.color(QPalette::Base));
    if (zoom() < 0.4)
        return; // dots would turn into a grey haze
    const qreal step = NodeItem::kGrid * 2;
    painter->setPen(QPen(blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.18), 0));
    for (qreal x = std::floor(rect.left() / step) * step; x < rect.right(); x += step) {
        for (qreal y = std::floor(rect.top() / step) * step; y < rect.bottom(); y += step)
            painter->drawPoint(QPointF(x, y));
    }
}

void DiagramView::drawForeground(QPainter *painter, const QRectF &)
{
    const auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!diagram || !diagram->isEmpty())
        return;
    // An empty canvas says what to do next.
    painter->save();
    painter->resetTransform();
    const QPalette pal = QApplication::palette();
    painter->setPen(blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.55));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    painter->setFont(f);
    painter->drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                      Qt::AlignCenter | Qt::TextWordWrap,
                      tr("Drag a component here from the list on the left,\n"
                         "or start from File › New from Template."));
    painter->restore();
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    m_fitted = false; // scrolled by the user
    QGraphicsView::wheelEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_fitted = false;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

bool DiagramView::focusNextPrevChild(bool next)
{
    // Inside the canvas Tab walks the nodes, as the keyboard path to them.
    if (auto *s = qobject_cast<DiagramScene *>(scene()); s && !s->items().isEmpty()) {
        s->selectNextNode(next);
        const QStringList ids = s->selectedNodeIds();
        if (!ids.isEmpty())
            ensureVisible(s->nodeItem(ids.first()));
        return true;
    }
    return QGraphicsView::focusNextPrevChild(next);
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

} // namespace sds::gui
