#include "app/studio/lab/diagramscene.h"

#include "app/studio/icons.h"
#include "app/studio/lab/diagramcommands.h"
#include "app/studio/lab/edgeitem.h"
#include "app/studio/lab/flowoverlay.h"
#include "app/studio/lab/nodeitem.h"
#include "app/studio/lab/simrunner.h"

#include <QApplication>
#include <QGraphicsLineItem>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPalette>
#include <QUndoStack>

namespace sds::gui {

using diagram::DiagramChange;
using diagram::NodeKind;

DiagramScene::DiagramScene(diagram::Diagram &doc, QUndoStack &undo, QObject *parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
    , m_undo(undo)
    , m_overlay(new FlowOverlay)
{
    addItem(m_overlay);
    connect(&m_doc, &diagram::Diagram::changed, this, &DiagramScene::follow);
    rebuild();
}

QIcon DiagramScene::iconFor(NodeKind kind) const
{
    return themedIcon(QStringLiteral("kind-") + diagram::kindSpec(kind).key,
                      QApplication::palette().color(QPalette::Text));
}

void DiagramScene::refreshIcons()
{
    for (NodeItem *n : std::as_const(m_nodes))
        n->setIcon(iconFor(n->kind()));
    update();
}

NodeItem *DiagramScene::createNode(const diagram::Node &node)
{
    auto *item = new NodeItem(node, iconFor(node.kind));
    addItem(item);
    m_nodes.insert(node.id, item);
    return item;
}

EdgeItem *DiagramScene::createEdge(const diagram::Edge &edge)
{
    NodeItem *from = m_nodes.value(edge.from);
    NodeItem *to = m_nodes.value(edge.to);
    if (!from || !to)
        return nullptr;
    auto *item = new EdgeItem(edge, from, to);
    addItem(item);
    m_edges.insert(edge.id, item);
    // An opposite edge bends away from this one.
    for (EdgeItem *other : to->edges()) {
        if (other != item)
            other->adjust();
    }
    return item;
}

void DiagramScene::removeEdgeItem(const QString &id)
{
    EdgeItem *e = m_edges.take(id);
    if (!e)
        return;
    e->from()->removeEdge(e);
    e->to()->removeEdge(e);
    delete e;
}

void DiagramScene::removeNodeItem(const QString &id)
{
    NodeItem *n = m_nodes.take(id);
    if (!n)
        return;
    const QList<EdgeItem *> edges = n->edges();
    for (EdgeItem *e : edges)
        removeEdgeItem(e->id());
    delete n;
}

void DiagramScene::rebuild()
{
    m_overlay->clear();
    for (const QString &id : m_edges.keys())
        removeEdgeItem(id);
    for (const QString &id : m_nodes.keys())
        removeNodeItem(id);
    for (const diagram::Node &n : m_doc.data().nodes)
        createNode(n);
    for (const diagram::Edge &e : m_doc.data().edges)
        createEdge(e);
}

void DiagramScene::follow(const DiagramChange &change)
{
    const bool wasEmpty = m_nodes.isEmpty();
    followChange(change);
    // The view draws a hint on an empty canvas: it must go (or come back)
    // whole, not only where the change was.
    if (m_nodes.isEmpty() != wasEmpty)
        emit emptyChanged(m_nodes.isEmpty());
}

void DiagramScene::followChange(const DiagramChange &change)
{
    const diagram::DiagramData &d = m_doc.data();
    switch (change.kind) {
    case DiagramChange::Kind::Reset:
        rebuild();
        break;
    case DiagramChange::Kind::NodeAdded:
        if (const diagram::Node *n = d.node(change.id))
            createNode(*n);
        break;
    case DiagramChange::Kind::NodeRemoved:
        removeNodeItem(change.id);
        break;
    case DiagramChange::Kind::NodeMoved:
    case DiagramChange::Kind::NodeChanged:
        if (const diagram::Node *n = d.node(change.id)) {
            if (NodeItem *item = m_nodes.value(change.id))
                item->update(*n);
        }
        break;
    case DiagramChange::Kind::EdgeAdded: {
        const int i = d.edgeIndex(change.id);
        if (i >= 0)
            createEdge(d.edges[i]);
        break;
    }
    case DiagramChange::Kind::EdgeRemoved:
        removeEdgeItem(change.id);
        break;
    case DiagramChange::Kind::EdgeChanged: {
        const int i = d.edgeIndex(change.id);
        if (EdgeItem *item = m_edges.value(change.id); item && i >= 0)
            item->update(d.edges[i]);
        break;
    }
    case DiagramChange::Kind::WorkloadChanged:
    case DiagramChange::Kind::FaultsChanged:
    case DiagramChange::Kind::RunChanged:
    case DiagramChange::Kind::InfoChanged:
        break;
    }
}

QStringList DiagramScene::selectedNodeIds() const
{
    QStringList ids;
    for (const diagram::Node &n : m_doc.data().nodes) { // document order, not hash order
        if (NodeItem *item = m_nodes.value(n.id); item && item->isSelected())
            ids << n.id;
    }
    return ids;
}

QStringList DiagramScene::selectedEdgeIds() const
{
    QStringList ids;
    for (const diagram::Edge &e : m_doc.data().edges) {
        if (EdgeItem *item = m_edges.value(e.id); item && item->isSelected())
            ids << e.id;
    }
    return ids;
}

void DiagramScene::selectNode(const QString &id)
{
    clearSelection();
    if (NodeItem *n = m_nodes.value(id)) {
        n->setSelected(true);
        n->setFocus();
    }
}

QString DiagramScene::addNodeAt(NodeKind kind, QPointF scenePos)
{
    const diagram::KindSpec &spec = diagram::kindSpec(kind);
    diagram::Node node;
    node.kind = kind;
    node.id = m_doc.data().uniqueNodeId(spec.key);
    // A readable label ("Web server 2"); the id ("web_server-2") stays for links and files.
    const qsizetype dash = node.id.lastIndexOf(u'-');
    bool numbered = false;
    const int n = dash > 0 ? node.id.mid(dash + 1).toInt(&numbered) : 0;
    node.label = numbered ? tr("%1 %2").arg(spec.name).arg(n) : spec.name;
    node.x = std::round((scenePos.x() - NodeItem::kSize.width() / 2) / NodeItem::kGrid) *
             NodeItem::kGrid;
    node.y = std::round((scenePos.y() - NodeItem::kSize.height() / 2) / NodeItem::kGrid) *
             NodeItem::kGrid;
    m_undo.push(new AddNodeCommand(m_doc, node));
    selectNode(node.id);
    return node.id;
}

QString DiagramScene::connectNodes(const QString &from, const QString &to)
{
    const diagram::Node *a = m_doc.data().node(from);
    const diagram::Node *b = m_doc.data().node(to);
    if (!a || !b)
        return tr("Connect two nodes");
    if (b->kind == NodeKind::Client)
        return tr("A client only sends requests; it cannot receive them");
    for (const diagram::Edge &e : m_doc.data().edges) {
        if (e.from == from && e.to == to)
            return tr("'%1' is already connected to '%2'").arg(a->displayName(), b->displayName());
    }
    if (a->kind == NodeKind::SqlDatabase || a->kind == NodeKind::NoSqlStore ||
        a->kind == NodeKind::ObjectStore)
        return tr("A %1 answers requests itself; it does not forward them")
            .arg(diagram::kindSpec(a->kind).name.toLower());
    if (a->kind == NodeKind::MessageQueue && b->kind != NodeKind::WorkerPool)
        return tr("A message queue hands its messages to a worker pool");
    diagram::Edge edge;
    edge.from = from;
    edge.to = to;
    m_undo.push(new AddEdgeCommand(m_doc, edge));
    return {};
}

void DiagramScene::deleteSelection()
{
    const QStringList nodes = selectedNodeIds();
    QStringList edges = selectedEdgeIds();
    if (nodes.isEmpty() && edges.isEmpty())
        return;
    m_undo.push(new RemoveItemsCommand(m_doc, nodes, edges));
}

diagram::DiagramData DiagramScene::selectionAsDiagram() const
{
    diagram::DiagramData out;
    const QStringList ids = selectedNodeIds();
    for (const QString &id : ids)
        out.nodes.append(*m_doc.data().node(id));
    for (const diagram::Edge &e : m_doc.data().edges) {
        if (ids.contains(e.from) && ids.contains(e.to))
            out.edges.append(e);
    }
    return out;
}

void DiagramScene::pasteDiagram(const diagram::DiagramData &fragment, QPointF offset)
{
    if (fragment.nodes.isEmpty())
        return;
    diagram::DiagramData after = m_doc.data();
    QHash<QString, QString> renamed;
    for (diagram::Node n : fragment.nodes) {
        const QString id = after.uniqueNodeId(n.id);
        renamed.insert(n.id, id);
        n.id = id;
        n.x += offset.x();
        n.y += offset.y();
        after.nodes.append(n);
    }
    for (diagram::Edge e : fragment.edges) {
        if (!renamed.contains(e.from) || !renamed.contains(e.to))
            continue;
        e.from = renamed.value(e.from);
        e.to = renamed.value(e.to);
        e.id = after.uniqueEdgeId();
        after.edges.append(e);
    }
    m_undo.push(new ReplaceDiagramCommand(
        m_doc, m_doc.data(), after, tr("Paste %n node(s)", nullptr, int(fragment.nodes.size()))));
    clearSelection();
    for (const QString &id : renamed)
        if (NodeItem *n = m_nodes.value(id))
            n->setSelected(true);
}

void DiagramScene::selectNextNode(bool forward)
{
    const auto &nodes = m_doc.data().nodes;
    if (nodes.isEmpty())
        return;
    const QStringList selected = selectedNodeIds();
    qsizetype at =
        selected.isEmpty() ? (forward ? -1 : 0) : m_doc.data().nodeIndex(selected.first());
    at = (at + (forward ? 1 : nodes.size() - 1)) % nodes.size();
    selectNode(nodes[at].id);
}

NodeItem *DiagramScene::nodeAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == NodeItem::Type)
            return static_cast<NodeItem *>(item);
    }
    return nullptr;
}

void DiagramScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(event->mimeData()->hasFormat(QLatin1String(kKindMimeType)));
}

void DiagramScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    event->setAccepted(event->mimeData()->hasFormat(QLatin1String(kKindMimeType)));
}

void DiagramScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    const QString key = QString::fromUtf8(event->mimeData()->data(QLatin1String(kKindMimeType)));
    const diagram::KindSpec *spec = diagram::findKind(key);
    if (!spec) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    addNodeAt(spec->kind, event->scenePos());
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        NodeItem *node = nodeAt(event->scenePos());
        if (node && node->handleRect().contains(node->mapFromScene(event->scenePos()))) {
            m_connectFrom = node;
            const QPointF start = node->mapToScene(node->handleRect().center());
            m_connectLine =
                addLine(QLineF(start, event->scenePos()),
                        QPen(QApplication::palette().color(QPalette::Highlight), 2, Qt::DashLine));
            m_connectLine->setZValue(20);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_moveStart.clear();
    for (const QString &id : selectedNodeIds())
        m_moveStart.insert(id, m_nodes.value(id)->pos());
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        QLineF line = m_connectLine->line();
        line.setP2(event->scenePos());
        m_connectLine->setLine(line);
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        NodeItem *from = std::exchange(m_connectFrom, nullptr);
        NodeItem *to = nodeAt(event->scenePos());
        if (!to) {
            emit statusMessage(tr("Drop the connection on another node"));
            return;
        }
        const QString problem = connectNodes(from->id(), to->id());
        emit statusMessage(problem.isEmpty() ? tr("Connected %1 to %2").arg(from->id(), to->id())
                                             : problem);
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    // One undoable move for everything that was dragged together.
    QHash<QString, QPointF> from, to;
    for (auto it = m_moveStart.begin(); it != m_moveStart.end(); ++it) {
        NodeItem *item = m_nodes.value(it.key());
        if (item && item->pos() != it.value()) {
            from.insert(it.key(), it.value());
            to.insert(it.key(), item->pos());
        }
    }
    m_moveStart.clear();
    if (!to.isEmpty())
        m_undo.push(new MoveNodesCommand(m_doc, from, to));
}

void DiagramScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    if (NodeItem *node = nodeAt(event->scenePos())) {
        if (!node->isSelected())
            selectNode(node->id());
        emit nodeContextMenu(node->id(), event->screenPos());
        event->accept();
        return;
    }
    QGraphicsScene::contextMenuEvent(event);
}

void DiagramScene::keyPressEvent(QKeyEvent *event)
{
    // Arrow keys nudge the selection by one grid step, as one undoable move.
    QPointF delta;
    switch (event->key()) {
    case Qt::Key_Left:
        delta = {-NodeItem::kGrid, 0};
        break;
    case Qt::Key_Right:
        delta = {NodeItem::kGrid, 0};
        break;
    case Qt::Key_Up:
        delta = {0, -NodeItem::kGrid};
        break;
    case Qt::Key_Down:
        delta = {0, NodeItem::kGrid};
        break;
    default:
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    QHash<QString, QPointF> from, to;
    for (const QString &id : selectedNodeIds()) {
        const QPointF p = m_nodes.value(id)->pos();
        from.insert(id, p);
        to.insert(id, p + delta);
    }
    if (!to.isEmpty())
        m_undo.push(new MoveNodesCommand(m_doc, from, to));
    event->accept();
}

void DiagramScene::showFrame(const LabFrame &frame)
{
    const diagram::DiagramData &d = m_doc.data();
    std::vector<NodeItem *> nodes;
    nodes.reserve(std::size_t(d.nodes.size()));
    for (const diagram::Node &n : d.nodes)
        nodes.push_back(m_nodes.value(n.id));
    std::vector<EdgeItem *> edges;
    edges.reserve(std::size_t(d.edges.size()));
    for (const diagram::Edge &e : d.edges)
        edges.push_back(m_edges.value(e.id));
    // Metrics are in the order of the compiled network, which is the document's.
    // The ring shows the last sample interval's utilisation: the run's
    // average would hide a node that has just become saturated.
    m_lastUtilization.resize(nodes.size(), 0.0);
    if (!frame.newSamples.empty()) {
        const auto &u = frame.newSamples.back().utilization;
        for (std::size_t i = 0; i < u.size() && i < m_lastUtilization.size(); ++i)
            m_lastUtilization[i] = u[i];
    }
    for (std::size_t i = 0; i < frame.metrics.nodes.size() && i < nodes.size(); ++i) {
        const sim::NodeMetrics &m = frame.metrics.nodes[i];
        if (!nodes[i] || nodes[i]->id() != m.id)
            continue;
        if (nodes[i]->kind() == NodeKind::Client || m.servers == 0)
            nodes[i]->setLive(-1, 0, true);
        else
            nodes[i]->setLive(m_lastUtilization[i], m.queueNow, m.up);
    }
    m_overlay->setFrame(frame.inFlight, std::move(nodes), std::move(edges));
}

void DiagramScene::clearLive()
{
    m_lastUtilization.clear();
    for (NodeItem *n : std::as_const(m_nodes))
        n->clearLive();
    m_overlay->clear();
}

void DiagramScene::setProblems(const QList<diagram::Problem> &problems)
{
    QHash<QString, QString> byNode;
    for (const diagram::Problem &p : problems) {
        if (!p.nodeId.isEmpty() && !byNode.contains(p.nodeId))
            byNode.insert(p.nodeId, p.message);
    }
    for (NodeItem *n : std::as_const(m_nodes))
        n->setProblem(byNode.value(n->id()));
}

} // namespace sds::gui
