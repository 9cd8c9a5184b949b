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

    /**
     * The interval for the samples after the one just taken: the run's
     * interval for the first kFineSamples samples, then doubled after each
     * block of samples, the blocks halving down to kMinBlock, until it is
     * kMaxCoarsening times the run's; only in headless runs (no per-sample
     * percentiles), whose series no chart draws. A long one (M/M/1 for 10 M
     * requests is 35 simulated hours) so keeps a few thousand samples instead
     * of one per second: its memory stays flat in its length. The lab's
     * series keep the run's interval, as its charts expect.
     */
    void advance()
    {
        if (recordPercentiles || samples.size() < nextCoarsening || weight >= kMaxCoarsening)
            return;
        interval *= 2;
        weight *= 2;
        block = block / 2 > kMinBlock ? block / 2 : kMinBlock;
        nextCoarsening += block;
    }

    static constexpr std::size_t kFineSamples = 4096;
    static constexpr std::size_t kMinBlock = 512;
    static constexpr int kMaxCoarsening = 128;

    std::vector<Sample> samples;
    double interval = 1; ///< simulated seconds the next sample covers
    int weight = 1;      ///< interval / the run's, for the throughput batches
    std::size_t nextCoarsening = kFineSamples;
    std::size_t block = kFineSamples;
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
