#include "app/studio/lab/edgeitem.h"

#include "app/studio/lab/nodeitem.h"
#include "app/studio/theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace sds::gui {

namespace {
constexpr qreal kArrow = 10;
} // namespace

QPointF borderPoint(const QRectF &rect, const QPointF &outside)
{
    const QPointF c = rect.center();
    const QPointF d = outside - c;
    if (d.isNull())
        return c;
    const qreal sx = d.x() != 0 ? (rect.width() / 2) / std::abs(d.x()) : 1e9;
    const qreal sy = d.y() != 0 ? (rect.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min({sx, sy, 1.0});
}

EdgeItem::EdgeItem(const diagram::Edge &edge, NodeItem *from, NodeItem *to)
    : m_from(from)
    , m_to(to)
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setZValue(0);
    from->addEdge(this);
    if (to != from)
        to->addEdge(this);
    update(edge);
}

void EdgeItem::update(const diagram::Edge &edge)
{
    m_id = edge.id;
    QStringList parts;
    if (edge.latencyMs > 0)
        parts << QStringLiteral("%1 ms").arg(edge.latencyMs);
    if (edge.probability)
        parts << QStringLiteral("p %1").arg(*edge.probability);
    else if (edge.weight != 1)
        parts << QStringLiteral("w %1").arg(edge.weight);
    if (edge.role != diagram::EdgeRole::Any)
        parts << diagram::edgeRoleKey(edge.role);
    m_text = parts.join(QStringLiteral(" · "));
    setToolTip(QStringLiteral("%1 → %2").arg(edge.from, edge.to) +
               (m_text.isEmpty() ? QString() : QStringLiteral("\n") + m_text));
    adjust();
}

void EdgeItem::adjust()
{
    prepareGeometryChange();
    const QRectF a = m_from->sceneBoundingRect().adjusted(8, 12, -10, -8); // the body, not badges
    const QRectF b = m_to->sceneBoundingRect().adjusted(8, 12, -10, -8);
    m_curved = false;
    if (m_from == m_to) {
        // A feedback loop on one node: an arc over its top.
        m_start = QPointF(a.center().x() + 30, a.top());
        m_end = QPointF(a.center().x() - 30, a.top());
        m_control = QPointF(a.center().x(), a.top() - 70);
        m_curved = true;
        return;
    }
    m_start = borderPoint(a, b.center());
    m_end = borderPoint(b, a.center());
    // Two edges in opposite directions bend apart instead of overlapping.
    for (EdgeItem *other : m_to->edges()) {
        if (other != this && other->m_to == m_from) {
            const QPointF d = m_end - m_start;
            const QPointF normal(-d.y(), d.x());
            const qreal len = std::hypot(normal.x(), normal.y());
            if (len > 0) {
                m_control = (m_start + m_end) / 2 + normal / len * 28;
                m_curved = true;
            }
        }
    }
}

QPointF EdgeItem::pointAt(qreal t) const
{
    if (!m_curved)
        return m_start + (m_end - m_start) * t;
    const qreal u = 1 - t;
    return u * u * m_start + 2 * u * t * m_control + t * t * m_end;
}

QRectF EdgeItem::boundingRect() const
{
    QRectF r = QRectF(m_start, m_end).normalized();
    if (m_curved)
        r = r.united(QRectF(m_control, QSizeF(1, 1)));
    return r.adjusted(-60, -24, 60, 24);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPath path(m_start);
    if (m_curved)
        path.quadTo(m_control, m_end);
    else
        path.lineTo(m_end);
    QPainterPathStroker stroker;
    stroker.setWidth(12);
    return stroker.createStroke(path);
}

void EdgeItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette pal = QApplication::palette();
    const bool selected = option->state & QStyle::State_Selected;
    const QColor colour = selected
                              ? pal.color(QPalette::Highlight)
                              : blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45);
    // Zoomed far out, a line is a pixel or two wide: antialiasing it costs
    // much of a frame on a big design and is hard to see.
    const bool detailed =
        option->levelOfDetailFromTransform(p->worldTransform()) >= NodeItem::kMinTextScale;
    p->setRenderHint(QPainter::Antialiasing, detailed);
    p->setPen(QPen(colour, selected ? 2.5 : 1.6));
    p->setBrush(Qt::NoBrush);
    QPainterPath path(m_start);
    if (m_curved)
        path.quadTo(m_control, m_end);
    else
        path.lineTo(m_end);
    p->drawPath(path);

    // Arrowhead along the last bit of the line.
    const QPointF tip = m_end;
    const QPointF back = pointAt(0.97);
    qreal angle = std::atan2(tip.y() - back.y(), tip.x() - back.x());
    if (!std::isfinite(angle))
        angle = 0;
    const QPointF left = tip - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * kArrow;
    const QPointF right = tip - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * kArrow;
    p->setBrush(colour);
    p->drawPolygon(QPolygonF{tip, left, right});

    if (!m_text.isEmpty() &&
        option->levelOfDetailFromTransform(p->worldTransform()) >= NodeItem::kMinTextScale) {
        QFont font = p->font();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        p->setFont(font);
        const QPointF mid = pointAt(0.5);
        const qreal w = p->fontMetrics().horizontalAdvance(m_text) + 10;
        const QRectF r(mid.x() - w / 2, mid.y() - 9, w, 18);
        p->setPen(Qt::NoPen);
        p->setBrush(pal.color(QPalette::Base));
        p->drawRoundedRect(r, 4, 4);
        p->setPen(blend(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.75));
        p->drawText(r, Qt::AlignCenter, m_text);
    }
}

} // namespace sds::gui
