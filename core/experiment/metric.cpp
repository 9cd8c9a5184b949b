#include "core/experiment/metric.h"

#include "core/sim/cost.h"

#include <cmath>
#include <limits>

namespace sds::experiment {

QString metricKey(Metric m)
{
    switch (m) {
    case Metric::Throughput:
        return QStringLiteral("throughput_rps");
    case Metric::LatencyMean:
        return QStringLiteral("latency_mean_ms");
    case Metric::LatencyP50:
        return QStringLiteral("latency_p50_ms");
    case Metric::LatencyP95:
        return QStringLiteral("latency_p95_ms");
    case Metric::LatencyP99:
        return QStringLiteral("latency_p99_ms");
    case Metric::ErrorRate:
        return QStringLiteral("error_rate");
    case Metric::StaleReads:
        return QStringLiteral("stale_reads");
    case Metric::LostWrites:
        return QStringLiteral("lost_writes");
    case Metric::Cost:
        return QStringLiteral("cost_per_month");
    case Metric::JobThroughput:
        return QStringLiteral("job_throughput_rps");
    }
    return {};
}

QString metricLabel(Metric m)
{
    switch (m) {
    case Metric::Throughput:
        return QStringLiteral("Throughput");
    case Metric::LatencyMean:
        return QStringLiteral("Mean latency");
    case Metric::LatencyP50:
        return QStringLiteral("p50 latency");
    case Metric::LatencyP95:
        return QStringLiteral("p95 latency");
    case Metric::LatencyP99:
        return QStringLiteral("p99 latency");
    case Metric::ErrorRate:
        return QStringLiteral("Error rate");
    case Metric::StaleReads:
        return QStringLiteral("Stale reads");
    case Metric::LostWrites:
        return QStringLiteral("Lost writes");
    case Metric::Cost:
        return QStringLiteral("Cost per month");
    case Metric::JobThroughput:
        return QStringLiteral("Job throughput");
    }
    return {};
}

QString metricUnit(Metric m)
{
    switch (m) {
    case Metric::Throughput:
    case Metric::JobThroughput:
        return QStringLiteral("rps");
    case Metric::LatencyMean:
    case Metric::LatencyP50:
    case Metric::LatencyP95:
    case Metric::LatencyP99:
        return QStringLiteral("ms");
    case Metric::ErrorRate:
        return QStringLiteral("%");
    case Metric::StaleReads:
    case Metric::LostWrites:
        return {};
    case Metric::Cost:
        return QStringLiteral("$");
    }
    return {};
}

bool lowerIsBetter(Metric m)
{
    return m != Metric::Throughput && m != Metric::JobThroughput;
}

QString formatMetric(Metric m, double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("–");
    switch (m) {
    case Metric::Throughput:
    case Metric::JobThroughput:
        return QString::number(v, 'f', 1) + QStringLiteral(" rps");
    case Metric::ErrorRate:
        return QString::number(v * 100, 'f', 2) + QStringLiteral(" %");
    case Metric::Cost:
        return v < 0 ? QStringLiteral("-") + sim::formatDollars(-v) : sim::formatDollars(v);
    case Metric::StaleReads:
    case Metric::LostWrites:
        return QString::number(v, 'f', std::abs(v) < 10 ? 1 : 0);
    default:
        return QString::number(v, 'f', std::abs(v) < 10 ? 2 : 1) + QStringLiteral(" ms");
    }
}

MetricValues metricValues(const sim::RunMetrics &run, const sim::Network &network)
{
    MetricValues v{};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const bool answered = run.latency.count() > 0;
    constexpr double qs[] = {0.5, 0.95, 0.99};
    double q[3] = {nan, nan, nan};
    if (answered)
        run.latency.quantiles(qs, q, 3);
    at(v, Metric::Throughput) = run.throughput();
    at(v, Metric::LatencyMean) = answered ? run.latency.mean() * 1000 : nan;
    at(v, Metric::LatencyP50) = answered ? q[0] * 1000 : nan;
    at(v, Metric::LatencyP95) = answered ? q[1] * 1000 : nan;
    at(v, Metric::LatencyP99) = answered ? q[2] * 1000 : nan;
    const double finished = double(run.completed + run.failed);
    at(v, Metric::ErrorRate) = finished > 0 ? double(run.failed) / finished : 0.0;
    at(v, Metric::StaleReads) = double(run.staleReads);
    at(v, Metric::LostWrites) = double(run.lostWrites);
    at(v, Metric::Cost) = sim::monthlyCost(network, &run).total;
    at(v, Metric::JobThroughput) =
        run.measured > 0 ? double(run.jobsCompleted) / run.measured : 0.0;
    return v;
}

} // namespace sds::experiment
