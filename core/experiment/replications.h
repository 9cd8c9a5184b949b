#pragma once

#include "core/experiment/confidence.h"
#include "core/experiment/metric.h"
#include "core/experiment/parallel.h"
#include "core/sim/network.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

/**
 * Replications: one design run K times with independent seeds (base seed,
 * base + 1, ...), spread over the cores, each metric reported as a mean with
 * its 95 % interval across the runs. Run i always gets seed base + i, so the
 * figures are the same bit for bit whatever the number of threads, and two
 * designs run with the same plan see the same seeds (common random numbers,
 * which the A/B comparison relies on).
 */
namespace sds::experiment {

/** How long each run lasts: a count of finished requests, or simulated seconds. */
struct RunLength {
    std::uint64_t requests = 0; ///< > 0: stop after this many finished after the warm-up
    double durationS = 0;       ///< > 0 (and requests == 0): simulated time, warm-up included
    // Both 0: the design's own duration.
};

struct ReplicationPlan {
    int seeds = 10; ///< K
    std::uint64_t baseSeed = 1;
    RunLength length;
    int threads = 0; ///< 0 = all cores
};

/** What one run measured, in the experiment's terms. */
struct RunResult {
    MetricValues values{};
    bool overloaded = false; ///< stopped early: requests piled up without bound
    bool cancelled = false;
};

struct Summary {
    std::array<Estimate, kMetricCount> metrics;
    int runs = 0;
    int overloadedRuns = 0;

    const Estimate &operator[](Metric m) const { return metrics[std::size_t(m)]; }
};

/** Refuses plans that make no sense (K < 1 or above 1000, a negative length). */
QString checkPlan(const ReplicationPlan &plan);

/**
 * Runs @p network once with @p seed for @p length; polls @p progress (may be
 * null) for cancellation between slices of events.
 */
RunResult runOnce(sim::Network network, std::uint64_t seed, const RunLength &length,
                  const Progress *progress = nullptr);

/**
 * Runs the plan; result i is seed base + i. Adds plan.seeds to
 * progress->total and counts each finished run in progress->done. When
 * cancelled, the runs not done are marked cancelled.
 */
std::vector<RunResult> runReplications(const sim::Network &network, const ReplicationPlan &plan,
                                       Progress *progress = nullptr);

Summary summarize(const std::vector<RunResult> &runs);

/** The sum of every client's rate, load factor applied. */
double totalRate(const sim::Network &network);

} // namespace sds::experiment
