#include "app/studio/lab/nodeitem.h"

#include "app/studio/lab/edgeitem.h"
#include "app/studio/theme.h"

#include <QApplication>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace sds::gui {

namespace {

constexpr qreal kRadius = 10;
constexpr qreal kIcon = 28;
constexpr qreal kHandle = 10;
const QColor kDown(0xdc, 0x26, 0x26);
const QColor kWarn(0xf5, 0x9e, 0x0b);

// Green below 70 %, amber to 90 %, red beyond: what a user scans for.
QColor loadColor(double u)
{
    if (u < 0.7)
        return QColor(0x16, 0xa3, 0x4a);
    if (u < 0.9)
        return kWarn;
    return kDown;
}

} // namespace

NodeItem::NodeItem(const diagram::Node &node, const QIcon &icon)
    : m_icon(icon)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemIsFocusable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);

    update(node);
}

void NodeItem::update(const diagram::Node &node)
{
    m_id = node.id;
    m_label = node.displayName();
    m_kind = node.kind;
    m_kindName = diagram::kindSpec(node.kind).name;
    setToolTip(QStringLiteral("%1 (%2)").arg(m_id, m_kindName));
    if (pos() != QPointF(node.x, node.y))
        setPos(node.x, node.y);
    QGraphicsItem::update();
}

void NodeItem::setIcon(const QIcon &icon)
{
    m_icon = icon;
    QGraphicsItem::update();
}

void NodeItem::setLive(double utilization, int queue, bool up)
{
    if (utilization == m_utilization && queue == m_queue && up == m_up)
        return;
    m_utilization = utilization;
    m_queue = queue;
    m_up = up;
    QGraphicsItem::update();
}

void NodeItem::clearLive()
{
    setLive(-1, 0, true);
}

void NodeItem::setProblem(const QString &message)
{
    if (message == m_problem)
        return;
    m_problem = message;
    setToolTip(message.isEmpty() ? QStringLiteral("%1 (%2)").arg(m_id, m_kindName)
                                 : QStringLiteral("%1 (%2)\n⚠ %3").arg(m_id, m_kindName, message));
    QGraphicsItem::update();
}

QRectF NodeItem::handleRect() const
{
    return QRectF(kSize.width() - kHandle / 2, kSize.height() / 2 - kHandle / 2, kHandle, kHandle);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the handle and the badges that sit on the border.
    return QRectF(QPointF(0, 0), kSize).adjusted(-8, -12, 10, 8);
}

void NodeItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette pal = QApplication::palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    const bool selected = option->state & QStyle::State_Selected;
    const QRectF body(QPointF(0, 0), kSize);
    p->setRenderHint(QPainter::Antialiasing);

    QColor fill = blend(text, base, 0.04);
    QColor border = blend(text, base, 0.3);
    if (!m_up) {
        fill = blend(kDown, base, 0.12);
        border = kDown;
    }
    if (selected)
        border = pal.color(QPalette::Highlight);
    p->setPen(QPen(border, selected || !m_up ? 2.0 : 1.0));
    p->setBrush(fill);
    p->drawRoundedRect(body, kRadius, kRadius);

    // Icon, with the utilisation ring around it when a run is loaded.
    const QRectF iconRect(12, (kSize.height() - kIcon) / 2, kIcon, kIcon);
    const qreal lod = option->levelOfDetailFromTransform(p->worldTransform());
    if (lod >= kIconScale)
        m_icon.paint(p, iconRect.toRect(), Qt::AlignCenter, m_up ? QIcon::Normal : QIcon::Disabled);
    if (m_utilization >= 0) {
        const QRectF ring = iconRect.adjusted(-5, -5, 5, 5);
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(blend(text, base, 0.12), 3));
        p->drawEllipse(ring);
        const double u = std::clamp(m_utilization, 0.0, 1.0);
        p->setPen(QPen(loadColor(u), 3, Qt::SolidLine, Qt::FlatCap));
        p->drawArc(ring, 90 * 16, -int(std::round(u * 360 * 16)));
    }

    if (lod < kMinTextScale) {
        if (lod >= kMinLabelScale)
            paintCompactLabel(p, lod, iconRect, m_up ? text : blend(text, base, 0.55));
        if (!m_up) {
            p->setPen(Qt::NoPen);
            p->setBrush(kDown);
            p->drawRoundedRect(QRectF(kSize.width() - 56, -9, 48, 18), 9, 9);
        }
        if (m_hover || selected) {
            p->setPen(QPen(pal.color(QPalette::Highlight), 1.5));
            p->setBrush(base);
            p->drawEllipse(handleRect());
        }
        return;
    }

    // Label and kind.
    QFont font = p->font();
    font.setBold(true);
    p->setFont(font);
    p->setPen(m_up ? text : blend(text, base, 0.55));
    const QRectF textRect(iconRect.right() + 12, 8, kSize.width() - iconRect.right() - 22, 24);
    p->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                p->fontMetrics().elidedText(m_label, Qt::ElideRight, int(textRect.width())));
    font.setBold(false);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    p->setFont(font);
    p->setPen(blend(text, base, 0.6));
    const QRectF kindRect = textRect.translated(0, 20);
    const QString second = m_utilization >= 0
                               ? QStringLiteral("%1 % busy").arg(std::round(m_utilization * 100))
                               : m_kindName;
    p->drawText(kindRect, Qt::AlignLeft | Qt::AlignVCenter,
                p->fontMetrics().elidedText(second, Qt::ElideRight, int(kindRect.width())));

    // Badges on the top border: down state, queue length, problem.
    qreal badgeRight = kSize.width() - 8;
    const auto badge = [&](const QString &label, const QColor &colour) {
        const qreal w = p->fontMetrics().horizontalAdvance(label) + 12;
        const QRectF r(badgeRight - w, -9, w, 18);
        p->setPen(Qt::NoPen);
        p->setBrush(colour);
        p->drawRoundedRect(r, 9, 9);
        p->setPen(Qt::white);
        p->drawText(r, Qt::AlignCenter, label);
        badgeRight = r.left() - 4;
    };
    if (!m_up)
        badge(QStringLiteral("DOWN"), kDown);
    if (m_queue > 0)
        badge(QStringLiteral("queue %1").arg(m_queue), loadColor(m_queue > 50 ? 1.0 : 0.8));
    if (!m_problem.isEmpty())
        badge(QStringLiteral("!"), kWarn);

    if (m_hover || selected) {
        p->setPen(QPen(pal.color(QPalette::Highlight), 1.5));
        p->setBrush(base);
        p->drawEllipse(handleRect());
    }
}

void NodeItem::paintCompactLabel(QPainter *p, qreal lod, const QRectF &iconRect,
                                 const QColor &colour)
{
    QFont font = p->font();
    font.setBold(true);
    const int pixels = QFontInfo(font).pixelSize();
    font.setPixelSize(std::max(pixels, int(std::ceil(kMinLabelPx / lod))));
    const qreal left = lod >= kIconScale ? iconRect.right() + 6 : 8;
    const QRectF area(left, 1, kSize.width() - left - 4, kSize.height() - 2);
    // One line if it fits; else two, broken at the space nearest the middle,
    // in a font a little smaller if two lines need it (never below 7 px on
    // screen); each line elided if need be.
    QStringList lines{m_label};
    if (QFontMetricsF(font).horizontalAdvance(m_label) > area.width()) {
        const qsizetype middle = m_label.size() / 2;
        qsizetype cut = m_label.lastIndexOf(u' ', middle);
        const qsizetype after = m_label.indexOf(u' ', middle);
        if (cut < 0 || (after >= 0 && after - middle < middle - cut))
            cut = after;
        QFont two = font;
        while (2 * QFontMetricsF(two).lineSpacing() > area.height() &&
               (two.pixelSize() - 1) * lod >= 7)
            two.setPixelSize(two.pixelSize() - 1);
        if (cut > 0 && 2 * QFontMetricsF(two).lineSpacing() <= area.height()) {
            lines = {m_label.left(cut), m_label.mid(cut + 1)};
            font = two;
        }
    }
    p->setFont(font);
    p->setPen(colour);
    const QFontMetricsF fm(font);
    const qreal top = area.center().y() - lines.size() * fm.lineSpacing() / 2;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRectF row(area.left(), top + i * fm.lineSpacing(), area.width(), fm.lineSpacing());
        p->drawText(row, Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(lines.at(i), Qt::ElideRight, area.width()));
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange) {
        const QPointF p = value.toPointF();
        return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
    }
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = true;
    QGraphicsItem::update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hover = false;
    QGraphicsItem::update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace sds::gui
