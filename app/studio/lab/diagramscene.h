#pragma once

#include "core/diagram/diagram.h"
#include "core/diagram/validation.h"

#include <QGraphicsScene>
#include <QHash>

#include <vector>

class QGraphicsLineItem;
class QUndoStack;

namespace sds::gui {

class EdgeItem;
class FlowOverlay;
class NodeItem;
struct LabFrame;

inline constexpr char kKindMimeType[] = "application/x-sdstudio-kind";
inline constexpr char kDiagramMimeType[] = "application/x-sdstudio-diagram";

// The canvas: a view of the diagram document. It builds and updates its
// items from Diagram::changed() only, and turns what the user does (drop a
// kind from the palette, drag a node, drag from a node's handle to another
// node, delete) into undoable commands on the document.
class DiagramScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagramScene)

public:
    DiagramScene(diagram::Diagram &doc, QUndoStack &undo, QObject *parent = nullptr);

    NodeItem *nodeItem(const QString &id) const { return m_nodes.value(id); }
    EdgeItem *edgeItem(const QString &id) const { return m_edges.value(id); }
    QStringList selectedNodeIds() const;
    QStringList selectedEdgeIds() const;

    // Adds a node of @p kind centred at @p scenePos, as an undoable command.
    QString addNodeAt(diagram::NodeKind kind, QPointF scenePos);
    // Connects two nodes, as an undoable command; returns why not, or empty.
    QString connectNodes(const QString &from, const QString &to);
    void deleteSelection();
    // The selected nodes and the edges among them, as a diagram of their own
    // (what the clipboard carries).
    diagram::DiagramData selectionAsDiagram() const;
    // Adds @p fragment with fresh ids, shifted by @p offset, as one undoable
    // step, and selects what was added.
    void pasteDiagram(const diagram::DiagramData &fragment, QPointF offset);
    // Tab and Shift+Tab: the next or previous node in the document, selected.
    void selectNextNode(bool forward);
    void selectNode(const QString &id);

    void showFrame(const LabFrame &frame);
    void clearLive();
    void setProblems(const QList<diagram::Problem> &problems);
    void refreshIcons();

    bool isEmpty() const { return m_nodes.isEmpty(); }

signals:
    void statusMessage(const QString &message);
    void emptyChanged(bool empty);
    void nodeContextMenu(const QString &id, const QPoint &screenPos);

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void follow(const diagram::DiagramChange &change);
    void followChange(const diagram::DiagramChange &change);
    void rebuild();
    NodeItem *createNode(const diagram::Node &node);
    EdgeItem *createEdge(const diagram::Edge &edge);
    void removeNodeItem(const QString &id);
    void removeEdgeItem(const QString &id);
    NodeItem *nodeAt(QPointF scenePos) const;
    QIcon iconFor(diagram::NodeKind kind) const;

    diagram::Diagram &m_doc;
    QUndoStack &m_undo;
    QHash<QString, NodeItem *> m_nodes;
    QHash<QString, EdgeItem *> m_edges;
    FlowOverlay *m_overlay;
    // Connecting: the node the drag started on and the rubber line.
    NodeItem *m_connectFrom = nullptr;
    QGraphicsLineItem *m_connectLine = nullptr;
    // Moving: where the dragged nodes started.
    QHash<QString, QPointF> m_moveStart;
    std::vector<double> m_lastUtilization; // per document node, from the latest sample
};

} // namespace sds::gui
