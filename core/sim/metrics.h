#pragma once

#include "core/sim/batchmeans.h"
#include "core/sim/histogram.h"

#include <QString>

#include <cstdint>
#include <vector>

/**
 * What a run measured, as plain values: totals and latency percentiles for
 * the whole design and per node, with 95 % confidence intervals from batch
 * means, and the time series the lab's charts draw. Everything counts from
 * the end of the warm-up, except the time series, which covers the whole run.
 */
namespace sds::sim {

struct NodeMetrics {
    QString id;
    int servers = 0; ///< over all instances (replicas, shards)
    std::uint64_t arrivals = 0;
    std::uint64_t served = 0;     ///< service completions
    std::uint64_t rejected = 0;   ///< refused: full, queue bound, rate limit
    std::uint64_t failed = 0;     ///< lost because the node was down
    std::uint64_t hits = 0;       ///< caches
    std::uint64_t misses = 0;     ///< caches
    std::uint64_t staleReads = 0; ///< databases
    std::uint64_t lostWrites = 0; ///< write-behind caches that crashed
    double utilization = 0;       ///< busy servers / servers, time-averaged
    double meanQueue = 0;         ///< waiting requests, time-averaged
    int queueNow = 0;
    int busyNow = 0;
    bool up = true;
    bool isCache = false;

    std::uint64_t dropped() const { return rejected + failed; }
    double hitRatio() const
    {
        const auto lookups = hits + misses;
        return lookups ? double(hits) / double(lookups) : 0.0;
    }
};

struct RunMetrics {
    double now = 0;           ///< simulated time reached, s
    double measured = 0;      ///< simulated time since the warm-up, s
    std::uint64_t events = 0; ///< events processed, warm-up included
    std::uint64_t sent = 0;   ///< attempts sent by clients, retries included
    std::uint64_t retries = 0;
    std::uint64_t completed = 0; ///< requests answered successfully
    std::uint64_t failed = 0;    ///< requests that finally failed (after retries)
    std::uint64_t rejected = 0;  ///< ... of which the last attempt was refused
    std::uint64_t timeouts = 0;  ///< ... of which the last attempt timed out
    std::uint64_t nodeDown = 0;  ///< ... of which the last attempt met a failed node
    std::uint64_t staleReads = 0;
    std::uint64_t lateResponses = 0; ///< answers that arrived after the client gave up
    std::uint64_t jobsCompleted = 0; ///< asynchronous jobs finished by workers
    std::uint64_t lostWrites = 0;
    LatencyHistogram latency;    ///< successful requests, end to end (retries included)
    LatencyHistogram jobLatency; ///< enqueue to finish of asynchronous jobs
    ConfidenceInterval latencyMeanCi;
    ConfidenceInterval throughputCi;
    std::vector<NodeMetrics> nodes;

    double throughput() const { return measured > 0 ? double(completed) / measured : 0.0; }
};

/** One point of the time series, over the interval that ends at @c time. */
struct Sample {
    double time = 0;
    double throughput = 0;            ///< completions per second
    double errorRate = 0;             ///< failures per second
    double p50 = 0, p95 = 0, p99 = 0; ///< seconds, of requests completed in the interval
    std::uint64_t staleReads = 0;     ///< in the interval
    double hitRatio = -1;             ///< over all caches in the interval; -1 without lookups
    std::vector<float> utilization;   ///< per node, over the interval
    std::vector<float> queue;         ///< per node, at the end of the interval
    std::vector<std::uint8_t> up;     ///< per node, at the end of the interval
};

} // namespace sds::sim
