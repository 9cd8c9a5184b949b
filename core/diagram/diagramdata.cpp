#include "core/diagram/diagramdata.h"

namespace sds::diagram {

QVariant Node::param(QStringView key) const
{
    const auto it = params.constFind(key.toString());
    if (it != params.constEnd())
        return *it;
    if (const ParamSpec *spec = kindSpec(kind).param(key))
        return spec->defaultValue;
    return {};
}

int DiagramData::nodeIndex(QStringView id) const
{
    for (int i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id)
            return i;
    }
    return -1;
}

const Node *DiagramData::node(QStringView id) const
{
    const int i = nodeIndex(id);
    return i < 0 ? nullptr : &nodes[i];
}

int DiagramData::edgeIndex(QStringView id) const
{
    for (int i = 0; i < edges.size(); ++i) {
        if (edges[i].id == id)
            return i;
    }
    return -1;
}

QList<const Edge *> DiagramData::outEdges(QStringView nodeId) const
{
    QList<const Edge *> out;
    for (const Edge &e : edges) {
        if (e.from == nodeId)
            out.append(&e);
    }
    return out;
}

QString DiagramData::uniqueNodeId(const QString &base) const
{
    if (nodeIndex(base) < 0)
        return base;
    for (int n = 2;; ++n) {
        const QString id = QStringLiteral("%1-%2").arg(base).arg(n);
        if (nodeIndex(id) < 0)
            return id;
    }
}

QString DiagramData::uniqueEdgeId() const
{
    for (int n = int(edges.size()) + 1;; ++n) {
        const QString id = QStringLiteral("e%1").arg(n);
        if (edgeIndex(id) < 0)
            return id;
    }
}

QString edgeRoleKey(EdgeRole role)
{
    switch (role) {
    case EdgeRole::Any:
        return QStringLiteral("any");
    case EdgeRole::Read:
        return QStringLiteral("read");
    case EdgeRole::Write:
        return QStringLiteral("write");
    }
    return {};
}

std::optional<EdgeRole> edgeRoleFromKey(QStringView key)
{
    for (EdgeRole r : {EdgeRole::Any, EdgeRole::Read, EdgeRole::Write}) {
        if (key == edgeRoleKey(r))
            return r;
    }
    return std::nullopt;
}

} // namespace sds::diagram
