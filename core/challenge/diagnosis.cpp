#include "core/challenge/diagnosis.h"

#include "core/sim/simulation.h"

#include <cmath>

namespace sds::challenge {

namespace {

QString percent(double x)
{
    return QString::number(x * 100, 'f', x < 0.1 ? 1 : 0) + QStringLiteral(" %");
}

std::optional<Bottleneck> findBottleneck(const sim::RunMetrics &m, const sim::Network &net,
                                         const QStringList &labels)
{
    std::optional<Bottleneck> best;
    for (std::size_t n = 0; n < net.nodes.size() && n < m.nodes.size(); ++n) {
        if (net.nodes[n].behaviour == sim::Behaviour::Source)
            continue;
        const sim::NodeMetrics &nm = m.nodes[n];
        // Utilisation first; among equally busy ones, the one that turned more away.
        const bool better =
            !best || nm.utilization > best->utilization + 1e-9 ||
            (std::abs(nm.utilization - best->utilization) <= 1e-9 && nm.rejected > best->rejected);
        if (!better)
            continue;
        Bottleneck b;
        b.node = net.nodes[n].id;
        b.label = n < std::size_t(labels.size()) && !labels[n].isEmpty() ? labels[n] : b.node;
        b.utilization = nm.utilization;
        b.meanQueue = nm.meanQueue;
        b.rejected = nm.rejected;
        b.failed = nm.failed;
        best = b;
    }
    if (!best)
        return best;
    Bottleneck &b = *best;
    b.why = QStringLiteral("%1 is the busiest component: its servers are busy %2 of the time")
                .arg(b.label, percent(b.utilization));
    if (b.meanQueue >= 0.5)
        b.why += QStringLiteral(", with %1 requests waiting on average")
                     .arg(b.meanQueue, 0, 'f', b.meanQueue < 10 ? 1 : 0);
    if (b.rejected > 0)
        b.why += QStringLiteral("; it turned away %1 requests").arg(b.rejected);
    if (b.failed > 0)
        b.why += QStringLiteral("; %1 were lost while it was down").arg(b.failed);
    b.why += QLatin1Char('.');
    return best;
}

TailAttribution attributeTail(const sim::Simulation &run, const sim::RunMetrics &m,
                              const QStringList &labels)
{
    TailAttribution t;
    if (m.latency.count() == 0)
        return t;
    const double p99 = m.latency.quantile(0.99);
    t.thresholdMs = p99 * 1000;
    const auto breakdown = run.tailBreakdown(p99);
    if (!breakdown || breakdown->latencyS <= 0)
        return t;
    t.requests = breakdown->requests;
    const auto &net = run.network();
    for (const sim::TailShare &s : breakdown->nodes) {
        TailPart p;
        p.node = net.nodes[s.node].id;
        p.label = s.node < std::uint32_t(labels.size()) && !labels[s.node].isEmpty()
                      ? labels[s.node]
                      : p.node;
        p.share = s.total() / breakdown->latencyS;
        for (std::size_t k = 0; k < sim::kTimeKinds; ++k)
            p.parts[k] = s.seconds[k] / breakdown->latencyS;
        t.parts.append(p);
    }
    return t;
}

QList<FaultImpact> faultImpacts(const sim::Simulation &run, const sim::RunMetrics &m)
{
    QList<FaultImpact> out;
    const auto &net = run.network();
    const auto &samples = run.samples();
    for (const sim::ScheduledFault &f : net.faults) {
        FaultImpact impact;
        impact.node = net.nodes[f.node].id;
        impact.atS = f.at;
        impact.durationS = f.duration;
        impact.failedAtNode = m.nodes[f.node].failed;
        // Each sample covers the interval that ends at its time; the fault's
        // window is widened by one interval so the one in which it ends counts.
        double previous = 0;
        for (const sim::Sample &s : samples) {
            if (s.time > f.at && previous < f.at + f.duration)
                impact.errors += s.errorRate * (s.time - previous);
            previous = s.time;
        }
        impact.errors = std::round(impact.errors);
        out.append(impact);
    }
    return out;
}

} // namespace

QString timeKindKey(sim::TimeKind kind)
{
    switch (kind) {
    case sim::TimeKind::Queueing:
        return QStringLiteral("queueing");
    case sim::TimeKind::Service:
        return QStringLiteral("service");
    case sim::TimeKind::Network:
        return QStringLiteral("network");
    case sim::TimeKind::Retry:
        return QStringLiteral("retry");
    }
    return {};
}

Diagnosis diagnose(sim::Network network, const QStringList &labels)
{
    sim::Simulation run(std::move(network));
    run.setTraceTail(true);
    run.setSamplePercentiles(false);
    run.run();
    const sim::RunMetrics m = run.metrics();
    Diagnosis d;
    d.bottleneck = findBottleneck(m, run.network(), labels);
    d.tail = attributeTail(run, m, labels);
    d.faults = faultImpacts(run, m);
    d.errors = double(m.failed);
    return d;
}

} // namespace sds::challenge
