#pragma once

#include "core/experiment/replications.h"

/**
 * The A/B verdict: two designs run on the same seeds, and for each metric
 * the paired difference B - A with its 95 % interval. Pairing is what makes
 * common random numbers pay: the noise both runs of a seed share cancels in
 * the difference. The verdict is "better" or "worse" only when the whole
 * interval lies on one side of zero and the difference is more than 1 % of
 * A's value (a difference nobody would act on is not a result); otherwise
 * "no clear difference".
 */
namespace sds::experiment {

enum class Verdict { Better, Worse, NoClearDifference };

QString verdictText(Verdict v); ///< "better", "worse", "no clear difference"

struct MetricComparison {
    Metric metric = Metric::Throughput;
    Estimate a, b;
    Estimate diff; ///< paired B - A over the seeds where both have a value
    Verdict verdict = Verdict::NoClearDifference;
};

struct Comparison {
    std::array<MetricComparison, kMetricCount> metrics;
    Summary a, b;
    bool cancelled = false;

    const MetricComparison &operator[](Metric m) const { return metrics[std::size_t(m)]; }
};

/** The verdict for a paired difference of metric @p m against A's mean @p aMean. */
Verdict verdictFor(Metric m, const Estimate &diff, double aMean);

/** Compares already finished runs of A and B (run i of each on the same seed). */
Comparison compareRuns(const std::vector<RunResult> &a, const std::vector<RunResult> &b);

/** Runs both designs with @p plan (2 K runs on the shared pool) and compares them. */
Comparison compare(const sim::Network &a, const sim::Network &b, const ReplicationPlan &plan,
                   Progress *progress = nullptr);

} // namespace sds::experiment
