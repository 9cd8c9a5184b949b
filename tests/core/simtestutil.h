#pragma once

// Small builders for the engine tests: diagrams written in code, compiled
// and run, so each test states its network in a few lines.

#include "core/diagram/diagramdata.h"
#include "core/sim/network.h"
#include "core/sim/simulation.h"

#include <QTest>

#include <memory>

namespace simtest {

using sds::diagram::DiagramData;
using sds::diagram::Edge;
using sds::diagram::Node;
using sds::diagram::NodeKind;

inline Node node(const QString &id, NodeKind kind, const QVariantMap &params = {})
{
    Node n;
    n.id = id;
    n.kind = kind;
    n.params = params;
    return n;
}

inline Edge edge(const QString &from, const QString &to, double probability = -1,
                 double latencyMs = 0)
{
    Edge e;
    e.id = from + QStringLiteral("->") + to;
    e.from = from;
    e.to = to;
    e.latencyMs = latencyMs;
    if (probability >= 0)
        e.probability = probability;
    return e;
}

inline DiagramData diagram(QList<Node> nodes, QList<Edge> edges, double duration, double warmup,
                           quint64 seed = 1)
{
    DiagramData d;
    d.nodes = std::move(nodes);
    d.edges = std::move(edges);
    d.run.durationS = duration;
    d.run.warmupS = warmup;
    d.run.seed = seed;
    d.workload.zipf = 0;
    return d;
}

inline std::unique_ptr<sds::sim::Simulation> simulation(const DiagramData &d)
{
    sds::sim::CompileResult c = sds::sim::compileNetwork(d);
    if (!c.ok())
        qFatal("test diagram does not compile: %s", qPrintable(c.errors.join(QLatin1String("; "))));
    return std::make_unique<sds::sim::Simulation>(std::move(c.network));
}

inline sds::sim::RunMetrics run(const DiagramData &d)
{
    auto s = simulation(d);
    s->run();
    return s->metrics();
}

inline const sds::sim::NodeMetrics &nodeMetrics(const sds::sim::RunMetrics &m, const QString &id)
{
    for (const auto &n : m.nodes) {
        if (n.id == id)
            return n;
    }
    qFatal("no node %s", qPrintable(id));
}

/** @p base with the values of @p more added or replaced. */
inline QVariantMap with(QVariantMap base, const QVariantMap &more)
{
    for (auto it = more.begin(); it != more.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

/** Service parameters for a station. */
inline QVariantMap station(int servers, double serviceMs, const char *dist = "exponential",
                           double cv = 1)
{
    return {{QStringLiteral("servers"), servers},
            {QStringLiteral("service_ms"), serviceMs},
            {QStringLiteral("service_dist"), QString::fromLatin1(dist)},
            {QStringLiteral("service_cv"), cv}};
}

inline QVariantMap client(double rate, double readFraction = 1.0)
{
    return {{QStringLiteral("rate_rps"), rate}, {QStringLiteral("read_fraction"), readFraction}};
}

} // namespace simtest
