#include "core/diagram/diagram.h"

#include <cmath>

namespace sds::diagram {

namespace {

QString noNode(const QString &id)
{
    return QStringLiteral("there is no node '%1'").arg(id);
}

} // namespace

Diagram::Diagram(QObject *parent)
    : QObject(parent)
{}

void Diagram::reset(DiagramData data)
{
    m_data = std::move(data);
    emit changed({DiagramChange::Kind::Reset, {}, {}});
}

QString Diagram::addNode(const Node &node, int at)
{
    if (node.id.trimmed().isEmpty())
        return QStringLiteral("a node needs an id");
    if (m_data.nodeIndex(node.id) >= 0)
        return QStringLiteral("the id '%1' is taken").arg(node.id);
    const KindSpec &spec = kindSpec(node.kind);
    for (auto it = node.params.begin(); it != node.params.end(); ++it) {
        const ParamSpec *p = spec.param(it.key());
        if (p && !p->accepts(it.value()))
            return QStringLiteral("%1: %2 %3").arg(node.id, p->label, p->problem(it.value()));
    }
    m_data.nodes.insert(at < 0 || at > m_data.nodes.size() ? m_data.nodes.size() : at, node);
    emit changed({DiagramChange::Kind::NodeAdded, node.id, {}});
    return {};
}

QString Diagram::removeNode(const QString &id)
{
    const int index = m_data.nodeIndex(id);
    if (index < 0)
        return noNode(id);
    QStringList removed;
    for (int i = int(m_data.edges.size()) - 1; i >= 0; --i) {
        const Edge &e = m_data.edges[i];
        if (e.from == id || e.to == id) {
            removed.prepend(e.id);
            m_data.edges.removeAt(i);
        }
    }
    m_data.faults.removeIf([&](const Fault &f) { return f.node == id; });
    m_data.nodes.removeAt(index);
    emit changed({DiagramChange::Kind::NodeRemoved, id, removed});
    return {};
}

QString Diagram::moveNode(const QString &id, double x, double y)
{
    const int index = m_data.nodeIndex(id);
    if (index < 0)
        return noNode(id);
    if (!std::isfinite(x) || !std::isfinite(y))
        return QStringLiteral("a position must be a finite number");
    Node &n = m_data.nodes[index];
    if (n.x == x && n.y == y)
        return {};
    n.x = x;
    n.y = y;
    emit changed({DiagramChange::Kind::NodeMoved, id, {}});
    return {};
}

QString Diagram::setNodeLabel(const QString &id, const QString &label)
{
    const int index = m_data.nodeIndex(id);
    if (index < 0)
        return noNode(id);
    if (m_data.nodes[index].label == label)
        return {};
    m_data.nodes[index].label = label;
    emit changed({DiagramChange::Kind::NodeChanged, id, {}});
    return {};
}

QString Diagram::setNodeParams(const QString &id, const QVariantMap &params)
{
    const int index = m_data.nodeIndex(id);
    if (index < 0)
        return noNode(id);
    Node &n = m_data.nodes[index];
    for (auto it = params.begin(); it != params.end(); ++it) {
        const ParamSpec *p = kindSpec(n.kind).param(it.key());
        if (p && !p->accepts(it.value()))
            return QStringLiteral("%1 %2").arg(p->label, p->problem(it.value()));
    }
    if (n.params == params)
        return {};
    n.params = params;
    emit changed({DiagramChange::Kind::NodeChanged, id, {}});
    return {};
}

QString Diagram::setNodeParam(const QString &id, const QString &key, const QVariant &value)
{
    const int index = m_data.nodeIndex(id);
    if (index < 0)
        return noNode(id);
    Node &n = m_data.nodes[index];
    const ParamSpec *p = kindSpec(n.kind).param(key);
    if (!p)
        return QStringLiteral("a %1 has no parameter '%2'").arg(kindSpec(n.kind).name, key);
    if (!p->accepts(value))
        return QStringLiteral("%1 %2").arg(p->label, p->problem(value));
    if (n.params.value(key) == value)
        return {};
    n.params.insert(key, value);
    emit changed({DiagramChange::Kind::NodeChanged, id, {}});
    return {};
}

QString Diagram::checkEdge(const Edge &e, bool isNew) const
{
    if (!m_data.node(e.from))
        return noNode(e.from);
    if (!m_data.node(e.to))
        return noNode(e.to);
    if (!std::isfinite(e.latencyMs) || e.latencyMs < 0)
        return QStringLiteral("latency must be zero or more");
    if (!std::isfinite(e.weight) || e.weight < 0)
        return QStringLiteral("weight must be zero or more");
    if (e.probability && !(*e.probability >= 0 && *e.probability <= 1))
        return QStringLiteral("probability must be between 0 and 1");
    if (isNew) {
        for (const Edge &other : m_data.edges) {
            if (other.from == e.from && other.to == e.to)
                return QStringLiteral("'%1' is already connected to '%2'").arg(e.from, e.to);
        }
    }
    return {};
}

QString Diagram::addEdge(Edge edge, QString *assignedId, int at)
{
    if (edge.id.isEmpty())
        edge.id = m_data.uniqueEdgeId();
    else if (m_data.edgeIndex(edge.id) >= 0)
        return QStringLiteral("the edge id '%1' is taken").arg(edge.id);
    const QString problem = checkEdge(edge, true);
    if (!problem.isEmpty())
        return problem;
    if (assignedId)
        *assignedId = edge.id;
    m_data.edges.insert(at < 0 || at > m_data.edges.size() ? m_data.edges.size() : at, edge);
    emit changed({DiagramChange::Kind::EdgeAdded, edge.id, {}});
    return {};
}

QString Diagram::removeEdge(const QString &id)
{
    const int index = m_data.edgeIndex(id);
    if (index < 0)
        return QStringLiteral("there is no edge '%1'").arg(id);
    m_data.edges.removeAt(index);
    emit changed({DiagramChange::Kind::EdgeRemoved, id, {}});
    return {};
}

QString Diagram::setEdge(const Edge &edge)
{
    const int index = m_data.edgeIndex(edge.id);
    if (index < 0)
        return QStringLiteral("there is no edge '%1'").arg(edge.id);
    const Edge &old = m_data.edges[index];
    if (old.from != edge.from || old.to != edge.to)
        return QStringLiteral("an edge's ends cannot change; remove it and connect again");
    const QString problem = checkEdge(edge, false);
    if (!problem.isEmpty())
        return problem;
    m_data.edges[index] = edge;
    emit changed({DiagramChange::Kind::EdgeChanged, edge.id, {}});
    return {};
}

void Diagram::setWorkload(const Workload &workload)
{
    m_data.workload = workload;
    emit changed({DiagramChange::Kind::WorkloadChanged, {}, {}});
}

QString Diagram::setFaults(const QList<Fault> &faults)
{
    for (const Fault &f : faults) {
        if (!m_data.node(f.node))
            return noNode(f.node);
        if (!(f.atS >= 0) || !(f.durationS >= 0))
            return QStringLiteral("a fault needs a start and a duration of zero or more");
    }
    m_data.faults = faults;
    emit changed({DiagramChange::Kind::FaultsChanged, {}, {}});
    return {};
}

QString Diagram::setRun(const RunSettings &run)
{
    if (!(run.durationS > 0) || !(run.warmupS >= 0) || !(run.sampleIntervalS > 0))
        return QStringLiteral("the run needs a positive duration and sample interval");
    if (run.warmupS >= run.durationS)
        return QStringLiteral("the warm-up must be shorter than the run");
    m_data.run = run;
    emit changed({DiagramChange::Kind::RunChanged, {}, {}});
    return {};
}

void Diagram::setInfo(const QString &name, const QString &description)
{
    m_data.name = name;
    m_data.description = description;
    emit changed({DiagramChange::Kind::InfoChanged, {}, {}});
}

} // namespace sds::diagram
