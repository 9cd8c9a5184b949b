#pragma once

#include "core/diagram/diagramdata.h"

#include <QGraphicsItem>
#include <QIcon>

namespace sds::gui {

class EdgeItem;

// A component on the canvas: its icon, label and kind, a handle to drag
// connections from, and, while traffic runs, a utilisation ring, the queue
// length and a down state. Position changes snap to the grid and drag the
// attached edges along.
class NodeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr QSizeF kSize{172, 60};
    // Below this zoom the kind line and the badges' words go, and the label
    // alone is drawn in a font grown so it stays kMinLabelPx tall on screen
    // (on two lines if it must), so a design fitted to a small canvas still
    // reads. Below kMinLabelScale even that would be a few letters, while
    // shaping text is most of a frame on big designs: the label goes too.
    static constexpr qreal kMinTextScale = 0.55;
    static constexpr qreal kMinLabelScale = 0.2;
    // Below this zoom the compact label takes the icon's place too.
    static constexpr qreal kIconScale = 0.3;
    static constexpr int kMinLabelPx = 8;
    static constexpr qreal kGrid = 20;

    NodeItem(const diagram::Node &node, const QIcon &icon);
    int type() const override { return Type; }

    QString id() const { return m_id; }
    diagram::NodeKind kind() const { return m_kind; }
    void update(const diagram::Node &node);
    void setIcon(const QIcon &icon);

    void addEdge(EdgeItem *edge) { m_edges.append(edge); }
    void removeEdge(EdgeItem *edge) { m_edges.removeAll(edge); }
    const QList<EdgeItem *> &edges() const { return m_edges; }

    // Live figures while a run is loaded; utilization < 0 hides them.
    void setLive(double utilization, int queue, bool up);
    void clearLive();
    void setProblem(const QString &message); // empty: none
    bool isDown() const { return !m_up; }

    // The connection handle on the right edge, in item coordinates.
    QRectF handleRect() const;
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    // The label alone, at a zoom too small for the full layout.
    void paintCompactLabel(QPainter *p, qreal lod, const QRectF &iconRect, const QColor &colour);

    QString m_id;
    QString m_label;
    QString m_kindName;
    diagram::NodeKind m_kind;
    QIcon m_icon;
    QList<EdgeItem *> m_edges;
    double m_utilization = -1;
    int m_queue = 0;
    bool m_up = true;
    bool m_hover = false;
    QString m_problem;
};

} // namespace sds::gui
