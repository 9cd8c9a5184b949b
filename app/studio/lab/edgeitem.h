#pragma once

#include "core/diagram/diagramdata.h"

#include <QGraphicsItem>

namespace sds::gui {

class NodeItem;

// A directed connection drawn as an arrow between the borders of its nodes,
// labelled with its latency and routing share when they are set.
class EdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(const diagram::Edge &edge, NodeItem *from, NodeItem *to);
    int type() const override { return Type; }

    QString id() const { return m_id; }
    NodeItem *from() const { return m_from; }
    NodeItem *to() const { return m_to; }
    void update(const diagram::Edge &edge);
    // Recomputes the line after a node moved.
    void adjust();
    // A point along the drawn line, 0 at the source border, 1 at the target's.
    QPointF pointAt(qreal fraction) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QString m_id;
    QString m_text;
    NodeItem *m_from;
    NodeItem *m_to;
    QPointF m_start;
    QPointF m_end;
    QPointF m_control; // a self-loop or a pair of opposite edges curves
    bool m_curved = false;
};

// Where the segment from the centre of @p rect towards @p outside leaves the rect.
QPointF borderPoint(const QRectF &rect, const QPointF &outside);

} // namespace sds::gui
