#include "core/sim/report.h"

#include "core/sim/cost.h"

#include <QJsonArray>

#include <cmath>

namespace sds::sim {

namespace {

double ms(double seconds)
{
    return seconds * 1000.0;
}

// JSON has no infinity; an unstable queue reports null.
QJsonValue finiteOrNull(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject runReport(const RunMetrics &m, const Network &net, const RunInfo &info)
{
    QJsonObject o;
    o.insert(QStringLiteral("seed"), double(info.seed));
    o.insert(QStringLiteral("sim_time_s"), m.now);
    o.insert(QStringLiteral("measured_s"), m.measured);
    o.insert(QStringLiteral("overloaded"), info.overloaded);
    o.insert(QStringLiteral("sent"), double(m.sent));
    o.insert(QStringLiteral("retries"), double(m.retries));
    o.insert(QStringLiteral("completed"), double(m.completed));
    o.insert(QStringLiteral("failed"), double(m.failed));
    o.insert(QStringLiteral("rejected"), double(m.rejected));
    o.insert(QStringLiteral("timeouts"), double(m.timeouts));
    o.insert(QStringLiteral("node_down"), double(m.nodeDown));
    o.insert(QStringLiteral("late_responses"), double(m.lateResponses));
    o.insert(QStringLiteral("stale_reads"), double(m.staleReads));
    o.insert(QStringLiteral("lost_writes"), double(m.lostWrites));
    o.insert(QStringLiteral("jobs_completed"), double(m.jobsCompleted));
    o.insert(QStringLiteral("throughput_rps"), m.throughput());
    if (m.throughputCi.valid)
        o.insert(QStringLiteral("throughput_ci95_rps"),
                 QJsonArray{m.throughputCi.low, m.throughputCi.high});
    else
        o.insert(QStringLiteral("throughput_ci95_rps"), QJsonValue::Null);

    QJsonObject latency;
    latency.insert(QStringLiteral("mean"), ms(m.latency.mean()));
    latency.insert(QStringLiteral("p50"), ms(m.latency.quantile(0.5)));
    latency.insert(QStringLiteral("p95"), ms(m.latency.quantile(0.95)));
    latency.insert(QStringLiteral("p99"), ms(m.latency.quantile(0.99)));
    latency.insert(QStringLiteral("p999"), ms(m.latency.quantile(0.999)));
    latency.insert(QStringLiteral("max"), ms(m.latency.max()));
    o.insert(QStringLiteral("latency_ms"), latency);
    if (m.latencyMeanCi.valid)
        o.insert(QStringLiteral("latency_mean_ci95_ms"),
                 QJsonArray{ms(m.latencyMeanCi.low), ms(m.latencyMeanCi.high)});
    else
        o.insert(QStringLiteral("latency_mean_ci95_ms"), QJsonValue::Null);
    if (m.jobsCompleted > 0) {
        QJsonObject jobs;
        jobs.insert(QStringLiteral("mean"), ms(m.jobLatency.mean()));
        jobs.insert(QStringLiteral("p99"), ms(m.jobLatency.quantile(0.99)));
        o.insert(QStringLiteral("job_latency_ms"), jobs);
    }

    const CostEstimate cost = monthlyCost(net, &m);
    o.insert(QStringLiteral("cost_per_month"), cost.total);
    QJsonObject costByNode;
    for (const CostItem &item : cost.items)
        costByNode.insert(item.node, item.perMonth);
    o.insert(QStringLiteral("cost_by_node"), costByNode);
    QJsonObject nodes;
    for (std::size_t n = 0; n < m.nodes.size(); ++n) {
        const NodeMetrics &nm = m.nodes[n];
        if (net.nodes[n].behaviour == Behaviour::Source)
            continue;
        QJsonObject j;
        j.insert(QStringLiteral("utilization"), nm.utilization);
        j.insert(QStringLiteral("mean_queue"), nm.meanQueue);
        j.insert(QStringLiteral("served"), double(nm.served));
        j.insert(QStringLiteral("dropped"), double(nm.dropped()));
        j.insert(QStringLiteral("rejected"), double(nm.rejected));
        j.insert(QStringLiteral("failed"), double(nm.failed));
        j.insert(QStringLiteral("up"), nm.up);
        if (nm.isCache) {
            j.insert(QStringLiteral("hit_ratio"), nm.hitRatio());
            j.insert(QStringLiteral("hits"), double(nm.hits));
            j.insert(QStringLiteral("misses"), double(nm.misses));
        }
        if (net.nodes[n].behaviour == Behaviour::Database)
            j.insert(QStringLiteral("stale_reads"), double(nm.staleReads));
        if (nm.lostWrites > 0)
            j.insert(QStringLiteral("lost_writes"), double(nm.lostWrites));
        nodes.insert(nm.id, j);
    }
    o.insert(QStringLiteral("nodes"), nodes);
    o.insert(QStringLiteral("events"), double(m.events));
    o.insert(QStringLiteral("wall_s"), info.wallSeconds);
    o.insert(QStringLiteral("events_per_s"),
             info.wallSeconds > 0 ? double(m.events) / info.wallSeconds : 0.0);
    return o;
}

QJsonObject predictionReport(const Prediction &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("applicable"), p.applicable);
    if (!p.applicable) {
        o.insert(QStringLiteral("reason"), p.reason);
        return o;
    }
    o.insert(QStringLiteral("model"), p.model);
    o.insert(QStringLiteral("stable"), p.stable);
    if (!p.stable)
        o.insert(QStringLiteral("unstable_node"), p.unstableNode);
    o.insert(QStringLiteral("throughput_rps"), p.throughput);
    QJsonObject latency;
    latency.insert(QStringLiteral("mean"), finiteOrNull(ms(p.meanLatency)));
    o.insert(QStringLiteral("latency_ms"), latency);
    if (p.blocking > 0)
        o.insert(QStringLiteral("blocking"), p.blocking);
    QJsonObject nodes;
    for (const NodePrediction &n : p.nodes) {
        QJsonObject j;
        j.insert(QStringLiteral("utilization"), n.utilization);
        j.insert(QStringLiteral("arrival_rps"), n.arrivalRate);
        j.insert(QStringLiteral("mean_queue"), finiteOrNull(n.meanQueue));
        j.insert(QStringLiteral("response_ms"), finiteOrNull(ms(n.responseTime)));
        nodes.insert(n.id, j);
    }
    o.insert(QStringLiteral("nodes"), nodes);
    return o;
}

} // namespace sds::sim
