#include "app/studio/lab/flowoverlay.h"

#include "app/studio/lab/edgeitem.h"
#include "app/studio/lab/nodeitem.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <cmath>

namespace sds::gui {

namespace {
constexpr qreal kDot = 3.2;
constexpr int kQueueColumns = 16;
const QColor kWrite(0xf9, 0x73, 0x16);
} // namespace

FlowOverlay::FlowOverlay()
{
    setZValue(10);
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(ItemHasNoContents, false);
}

void FlowOverlay::setFrame(std::vector<sim::InFlight> dots, std::vector<NodeItem *> nodes,
                           std::vector<EdgeItem *> edges)
{
    m_dots = std::move(dots);
    m_nodes = std::move(nodes);
    m_edges = std::move(edges);
    // Dots stay near the nodes and the edges between them. Announcing a
    // geometry change re-indexes the scene, so do it only when the area
    // really changed, not on every frame.
    QRectF bounds;
    for (const NodeItem *n : m_nodes) {
        if (n)
            bounds |= n->sceneBoundingRect();
    }
    for (const EdgeItem *e : m_edges) {
        if (e)
            bounds |= e->sceneBoundingRect();
    }
    bounds = bounds.isNull() ? QRectF() : bounds.adjusted(-40, -40, 40, 80);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

void FlowOverlay::clear()
{
    setFrame({}, {}, {});
}

QRectF FlowOverlay::boundingRect() const
{
    return m_bounds;
}

void FlowOverlay::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_dots.empty())
        return;
    // Thousands of dots per frame: blit two pre-drawn dots rather than
    // antialiasing each circle.
    const QColor read = QApplication::palette().color(QPalette::Highlight);
    const qreal dpr = p->device() ? p->device()->devicePixelRatioF() : 1.0;
    const qreal scale = p->worldTransform().m11() * dpr;
    const auto dot = [&](const QColor &colour) {
        const int size = std::max(2, int(std::ceil(kDot * 2 * scale)));
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter dp(&pm);
        dp.setRenderHint(QPainter::Antialiasing);
        dp.setPen(Qt::NoPen);
        dp.setBrush(colour);
        dp.drawEllipse(QRectF(0, 0, size, size));
        dp.end();
        pm.setDevicePixelRatio(dpr);
        return pm;
    };
    const QPixmap readDot = dot(read);
    const QPixmap writeDot = dot(kWrite);
    // Blit in device pixels with no transform: the raster engine's fastest
    // path, instead of a scaled draw per dot.
    const QTransform toDevice = p->worldTransform();
    const qreal half = readDot.width() / (2 * dpr);
    p->save();
    p->resetTransform();
    std::vector<int> inService(m_nodes.size(), 0);
    for (const sim::InFlight &f : m_dots) {
        QPointF at;
        switch (f.where) {
        case sim::InFlight::Where::Edge:
            if (f.edge >= m_edges.size() || !m_edges[f.edge])
                continue;
            at = m_edges[f.edge]->pointAt(f.fraction);
            break;
        case sim::InFlight::Where::Queue: {
            if (f.node >= m_nodes.size() || !m_nodes[f.node] || f.position >= 64)
                continue; // a long queue shows as its badge, not as a carpet of dots
            const QRectF r = m_nodes[f.node]->sceneBoundingRect();
            at = QPointF(r.left() + 16 + (f.position % kQueueColumns) * 9,
                         r.bottom() + 4 + (f.position / kQueueColumns) * 9);
            break;
        }
        case sim::InFlight::Where::Service: {
            if (f.node >= m_nodes.size() || !m_nodes[f.node])
                continue;
            const int k = inService[f.node]++;
            if (k >= 24)
                continue;
            const QRectF r = m_nodes[f.node]->sceneBoundingRect();
            at = QPointF(r.right() - 24 - (k % 6) * 8, r.bottom() - 20 - (k / 6) * 8);
            break;
        }
        }
        const QPointF d = toDevice.map(at);
        p->drawPixmap(QPointF(std::round(d.x() - half), std::round(d.y() - half)),
                      f.write ? writeDot : readDot);
    }
    p->restore();
}

} // namespace sds::gui
