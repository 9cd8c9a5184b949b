#pragma once

#include "core/sim/simulation.h"

#include <QGraphicsItem>

#include <vector>

namespace sds::gui {

class EdgeItem;
class NodeItem;

// Requests in flight as dots: a bounded sample, drawn in one paint pass by
// one item on top of the canvas, never one graphics item per request. Dots
// on an edge move along it; queued ones line up under their node; ones in
// service sit inside it. Reads and writes have different colours.
class FlowOverlay final : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };
    FlowOverlay();
    int type() const override { return Type; }

    // @p nodes and @p edges are indexed like the diagram's nodes and edges.
    void setFrame(std::vector<sim::InFlight> dots, std::vector<NodeItem *> nodes,
                  std::vector<EdgeItem *> edges);
    void clear();
    std::size_t dotCount() const { return m_dots.size(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    std::vector<sim::InFlight> m_dots;
    std::vector<NodeItem *> m_nodes;
    std::vector<EdgeItem *> m_edges;
    QRectF m_bounds;
};

} // namespace sds::gui
