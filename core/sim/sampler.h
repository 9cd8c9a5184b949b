#pragma once

#include "core/sim/batchmeans.h"
#include "core/sim/histogram.h"
#include "core/sim/metrics.h"

#include <cstdint>
#include <vector>

/**
 * The engine's statistics beyond the raw counters: the time series, the
 * latency of the current sample interval, the batch means behind the
 * confidence intervals, and the "value at the last sample" marks that turn
 * running totals into per-interval figures. The engine (Simulation::Impl)
 * owns one; sampler.cpp holds the code that takes a sample, resets the
 * statistics at the end of the warm-up and assembles metrics().
 */
namespace sds::sim {

struct Sampler {
    /** One answered request's latency, for the interval and, once @p measuring, the batches. */
    void recordLatency(double latency, bool measuring)
    {
        if (recordPercentiles)
            intervalLatency.record(latency);
        if (measuring)
            latencyBatches.add(latency);
    }

    std::vector<Sample> samples;
    BatchMeans latencyBatches{64};
    BatchMeans throughputBatches{64};
    LatencyHistogram intervalLatency;
    bool recordPercentiles = true; ///< per-sample percentiles, for charts
    double measureStart = 0;       ///< when the statistics (re)started
    // RunMetrics counters at the last sample; per-node and per-station marks
    // sit beside their counters.
    std::uint64_t completedMark = 0, failedMark = 0, staleMark = 0;
};

} // namespace sds::sim
