#include "app/studio/lab/diagramcommands.h"

#include <QCoreApplication>

namespace sds::gui {

using diagram::kindSpec;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DiagramCommands", text);
}

// Commands are only built from edits the panels checked first; a refusal
// here means the undo history no longer matches the document.
void expectOk(const QString &error)
{
    if (!error.isEmpty())
        qWarning("diagram edit refused during undo/redo: %s", qPrintable(error));
}

} // namespace

AddNodeCommand::AddNodeCommand(diagram::Diagram &doc, diagram::Node node)
    : m_doc(doc)
    , m_node(std::move(node))
{
    setText(tr("Add %1").arg(kindSpec(m_node.kind).name));
}

void AddNodeCommand::redo()
{
    expectOk(m_doc.addNode(m_node));
}

void AddNodeCommand::undo()
{
    expectOk(m_doc.removeNode(m_node.id));
}

AddEdgeCommand::AddEdgeCommand(diagram::Diagram &doc, diagram::Edge edge)
    : m_doc(doc)
    , m_edge(std::move(edge))
{
    if (m_edge.id.isEmpty())
        m_edge.id = doc.data().uniqueEdgeId();
    setText(tr("Connect %1 to %2").arg(m_edge.from, m_edge.to));
}

void AddEdgeCommand::redo()
{
    expectOk(m_doc.addEdge(m_edge));
}

void AddEdgeCommand::undo()
{
    expectOk(m_doc.removeEdge(m_edge.id));
}

RemoveItemsCommand::RemoveItemsCommand(diagram::Diagram &doc, const QStringList &nodeIds,
                                       const QStringList &edgeIds)
    : m_doc(doc)
    , m_before(doc.data())
    , m_nodes(nodeIds)
    , m_edges(edgeIds)
{
    const qsizetype count = nodeIds.size() + edgeIds.size();
    setText(count == 1 ? tr("Delete %1").arg(nodeIds.isEmpty() ? edgeIds.first() : nodeIds.first())
                       : tr("Delete %1 items").arg(count));
}

void RemoveItemsCommand::redo()
{
    for (const QString &e : m_edges) {
        if (m_doc.data().edgeIndex(e) >= 0)
            expectOk(m_doc.removeEdge(e));
    }
    for (const QString &n : m_nodes)
        expectOk(m_doc.removeNode(n));
}

void RemoveItemsCommand::undo()
{
    // Put nodes back first (in their old order), then every edge and fault
    // that went with them.
    for (int i = 0; i < m_before.nodes.size(); ++i) {
        if (m_nodes.contains(m_before.nodes[i].id))
            expectOk(m_doc.addNode(m_before.nodes[i], i));
    }
    for (int i = 0; i < m_before.edges.size(); ++i) {
        if (m_doc.data().edgeIndex(m_before.edges[i].id) < 0)
            expectOk(m_doc.addEdge(m_before.edges[i], nullptr, i));
    }
    if (m_doc.data().faults.size() != m_before.faults.size())
        expectOk(m_doc.setFaults(m_before.faults));
}

ReplaceDiagramCommand::ReplaceDiagramCommand(diagram::Diagram &doc, diagram::DiagramData before,
                                             diagram::DiagramData after, const QString &text)
    : m_doc(doc)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void ReplaceDiagramCommand::redo()
{
    m_doc.reset(m_after);
}

void ReplaceDiagramCommand::undo()
{
    m_doc.reset(m_before);
}

MoveNodesCommand::MoveNodesCommand(diagram::Diagram &doc, QHash<QString, QPointF> from,
                                   QHash<QString, QPointF> to)
    : m_doc(doc)
    , m_from(std::move(from))
    , m_to(std::move(to))
{
    setText(m_to.size() == 1 ? tr("Move %1").arg(m_to.begin().key())
                             : tr("Move %1 nodes").arg(m_to.size()));
}

void MoveNodesCommand::apply(const QHash<QString, QPointF> &positions)
{
    for (auto it = positions.begin(); it != positions.end(); ++it)
        expectOk(m_doc.moveNode(it.key(), it.value().x(), it.value().y()));
}

void MoveNodesCommand::redo()
{
    apply(m_to);
}

void MoveNodesCommand::undo()
{
    apply(m_from);
}

SetNodeParamsCommand::SetNodeParamsCommand(diagram::Diagram &doc, const QString &id,
                                           const QString &key, const QVariant &value)
    : m_doc(doc)
    , m_node(id)
    , m_key(key)
{
    const diagram::Node *n = doc.data().node(id);
    m_before = n ? n->params : QVariantMap();
    m_after = m_before;
    m_after.insert(key, value);
    const diagram::ParamSpec *spec = n ? kindSpec(n->kind).param(key) : nullptr;
    setText(tr("Set %1 of %2").arg(spec ? spec->label.toLower() : key, id));
}

void SetNodeParamsCommand::redo()
{
    expectOk(m_doc.setNodeParams(m_node, m_after));
}

void SetNodeParamsCommand::undo()
{
    expectOk(m_doc.setNodeParams(m_node, m_before));
}

bool SetNodeParamsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetNodeParamsCommand *>(other);
    if (o->m_node != m_node || o->m_key != m_key)
        return false;
    m_after = o->m_after;
    return true;
}

SetNodeLabelCommand::SetNodeLabelCommand(diagram::Diagram &doc, const QString &id,
                                         const QString &label)
    : m_doc(doc)
    , m_node(id)
    , m_after(label)
{
    const diagram::Node *n = doc.data().node(id);
    m_before = n ? n->label : QString();
    setText(tr("Rename %1").arg(id));
}

void SetNodeLabelCommand::redo()
{
    expectOk(m_doc.setNodeLabel(m_node, m_after));
}

void SetNodeLabelCommand::undo()
{
    expectOk(m_doc.setNodeLabel(m_node, m_before));
}

SetEdgeCommand::SetEdgeCommand(diagram::Diagram &doc, const diagram::Edge &edge)
    : m_doc(doc)
    , m_after(edge)
{
    const int i = doc.data().edgeIndex(edge.id);
    m_before = i >= 0 ? doc.data().edges[i] : edge;
    setText(tr("Change edge %1").arg(edge.id));
}

void SetEdgeCommand::redo()
{
    expectOk(m_doc.setEdge(m_after));
}

void SetEdgeCommand::undo()
{
    expectOk(m_doc.setEdge(m_before));
}

} // namespace sds::gui
