#pragma once

#include "core/sim/metrics.h"
#include "core/sim/network.h"

#include <QString>

#include <array>
#include <cstddef>

/**
 * The figures an experiment compares across runs: throughput, the mean and
 * tail latencies, the error rate, stale reads, lost writes, the monthly
 * cost and the jobs finished behind queues per second. Each has a
 * stable key (the CLI's JSON uses it), a label, a unit and a direction
 * (lower is better for everything but throughput). A run's values come from
 * its RunMetrics; a latency is NaN when no request succeeded, since 0 ms
 * would read as a perfect result.
 */
namespace sds::experiment {

enum class Metric : int {
    Throughput,
    LatencyMean,
    LatencyP50,
    LatencyP95,
    LatencyP99,
    ErrorRate,
    StaleReads,
    LostWrites,
    Cost,
    JobThroughput, ///< asynchronous jobs finished per second: the work behind a queue
};
inline constexpr std::size_t kMetricCount = 10;

/** One value per metric, indexed by Metric. */
using MetricValues = std::array<double, kMetricCount>;

constexpr std::array<Metric, kMetricCount> allMetrics()
{
    return {Metric::Throughput, Metric::LatencyMean,  Metric::LatencyP50, Metric::LatencyP95,
            Metric::LatencyP99, Metric::ErrorRate,    Metric::StaleReads, Metric::LostWrites,
            Metric::Cost,       Metric::JobThroughput};
}

QString metricKey(Metric m);   ///< "throughput_rps", "latency_p99_ms", ...
QString metricLabel(Metric m); ///< "Throughput", "p99 latency", ...
QString metricUnit(Metric m);  ///< "rps", "ms", "%", ""
bool lowerIsBetter(Metric m);
/** Formats @p v for a table, with its unit (error rate as a percentage). */
QString formatMetric(Metric m, double v);

/** The run's figures; the cost needs the network it ran. */
MetricValues metricValues(const sim::RunMetrics &run, const sim::Network &network);

inline double &at(MetricValues &v, Metric m)
{
    return v[std::size_t(m)];
}
inline double at(const MetricValues &v, Metric m)
{
    return v[std::size_t(m)];
}

} // namespace sds::experiment
