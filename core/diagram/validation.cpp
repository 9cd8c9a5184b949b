#include "core/diagram/validation.h"

#include <QHash>

#include <cmath>

namespace sds::diagram {

namespace {

bool isDataStore(NodeKind k)
{
    return k == NodeKind::SqlDatabase || k == NodeKind::NoSqlStore || k == NodeKind::ObjectStore;
}

// Nodes where a request can end: stores and every node with nowhere to go
// answer requests; caches answer hits; a queue answers its client at once;
// probabilities below one let the rest leave.
bool isExit(const Node &n, const QList<const Edge *> &out)
{
    if (out.isEmpty() || isDataStore(n.kind))
        return true;
    if (n.kind == NodeKind::Cache || n.kind == NodeKind::Cdn || n.kind == NodeKind::RateLimiter)
        return true;
    double sum = 0;
    bool probabilistic = false;
    for (const Edge *e : out) {
        if (e->probability) {
            probabilistic = true;
            sum += *e->probability;
        }
    }
    return probabilistic && sum < 1 - 1e-12;
}

} // namespace

bool hasErrors(const QList<Problem> &problems)
{
    for (const Problem &p : problems) {
        if (p.isError())
            return true;
    }
    return false;
}

QList<Problem> checkDiagram(const DiagramData &d)
{
    QList<Problem> problems;
    const auto error = [&](const QString &node, const QString &msg, const QString &edge = {}) {
        problems.append({Problem::Severity::Error, node, edge, msg});
    };
    const auto warning = [&](const QString &node, const QString &msg) {
        problems.append({Problem::Severity::Warning, node, {}, msg});
    };

    QHash<QString, QList<const Edge *>> out;
    QHash<QString, QList<const Edge *>> in;
    for (const Edge &e : d.edges) {
        out[e.from].append(&e);
        in[e.to].append(&e);
        if (!d.node(e.from) || !d.node(e.to))
            error({},
                  QStringLiteral("edge '%1' connects '%2' to '%3', which is not a node")
                      .arg(e.id, e.from, d.node(e.from) ? e.to : e.from),
                  e.id);
    }

    bool anyClient = false;
    for (const Node &n : d.nodes) {
        const QString name = QStringLiteral("%1 '%2'").arg(kindSpec(n.kind).name, n.id);
        const auto &o = out.value(n.id);
        if (n.kind == NodeKind::Client) {
            anyClient = true;
            if (!in.value(n.id).isEmpty())
                error(n.id,
                      QStringLiteral("%1 receives requests, but clients only send them").arg(name));
            if (o.isEmpty())
                error(n.id, QStringLiteral("%1 is not connected to anything").arg(name));
        }
        if (n.kind == NodeKind::LoadBalancer && o.isEmpty())
            error(n.id, QStringLiteral("%1 has no servers behind it").arg(name));
        if (n.kind == NodeKind::MessageQueue) {
            if (o.isEmpty())
                error(n.id, QStringLiteral("%1 has no worker pool to take its messages").arg(name));
            for (const Edge *e : o) {
                const Node *t = d.node(e->to);
                if (t && t->kind != NodeKind::WorkerPool)
                    error(n.id,
                          QStringLiteral("%1 can only hand messages to a worker pool, not to "
                                         "'%2'")
                              .arg(name, e->to),
                          e->id);
            }
        }
        if ((n.kind == NodeKind::Cache || n.kind == NodeKind::Cdn) && o.isEmpty())
            error(n.id, QStringLiteral("%1 has no store behind it to answer misses").arg(name));
        if (isDataStore(n.kind) && !o.isEmpty())
            error(
                n.id,
                QStringLiteral("%1 answers requests itself; remove its outgoing edges").arg(name));

        int withProbability = 0;
        double sum = 0;
        for (const Edge *e : o) {
            if (e->probability) {
                ++withProbability;
                sum += *e->probability;
            }
        }
        if (withProbability > 0 && withProbability < o.size())
            error(n.id,
                  QStringLiteral("%1: give every outgoing edge a probability, or none").arg(name));
        if (sum > 1 + 1e-9)
            error(n.id, QStringLiteral("%1: outgoing probabilities add up to %2, more than 1")
                            .arg(name)
                            .arg(sum));
        if (n.kind == NodeKind::LoadBalancer && withProbability > 0)
            error(n.id, QStringLiteral("%1 chooses targets by its algorithm; remove the edge "
                                       "probabilities")
                            .arg(name));
    }
    if (!anyClient)
        error({}, QStringLiteral("the diagram has no client, so nothing sends requests"));

    // Reachability from the clients.
    QHash<QString, bool> reached;
    QList<QString> stack;
    for (const Node &n : d.nodes) {
        if (n.kind == NodeKind::Client) {
            reached[n.id] = true;
            stack << n.id;
        }
    }
    while (!stack.isEmpty()) {
        const QString id = stack.takeLast();
        for (const Edge *e : out.value(id)) {
            if (!reached.value(e->to)) {
                reached[e->to] = true;
                stack << e->to;
            }
        }
    }
    // Nodes from which some exit can be reached, found backwards from the exits.
    QHash<QString, bool> canFinish;
    for (const Node &n : d.nodes) {
        if (isExit(n, out.value(n.id))) {
            canFinish[n.id] = true;
            stack << n.id;
        }
    }
    while (!stack.isEmpty()) {
        const QString id = stack.takeLast();
        for (const Edge *e : in.value(id)) {
            if (!canFinish.value(e->from)) {
                canFinish[e->from] = true;
                stack << e->from;
            }
        }
    }
    for (const Node &n : d.nodes) {
        if (!reached.value(n.id)) {
            warning(n.id, QStringLiteral("%1 '%2' is not reached from any client")
                              .arg(kindSpec(n.kind).name, n.id));
        } else if (!canFinish.value(n.id) && n.kind != NodeKind::Client) {
            error(n.id, QStringLiteral("requests that reach %1 '%2' can never finish: every path "
                                       "from it loops back (a loop with no exit)")
                            .arg(kindSpec(n.kind).name, n.id));
        }
    }

    for (const Fault &f : d.faults) {
        const Node *n = d.node(f.node);
        if (!n)
            error({}, QStringLiteral("a fault names '%1', which is not a node").arg(f.node));
        else if (n->kind == NodeKind::Client)
            error(n->id,
                  QStringLiteral("client '%1' cannot fail; lower its rate instead").arg(n->id));
    }
    if (d.run.warmupS >= d.run.durationS)
        error({}, QStringLiteral("run: the warm-up (%1 s) must be shorter than the run (%2 s)")
                      .arg(d.run.warmupS)
                      .arg(d.run.durationS));
    return problems;
}

} // namespace sds::diagram
