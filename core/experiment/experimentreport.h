#pragma once

#include "core/experiment/capacity.h"
#include "core/experiment/compare.h"
#include "core/experiment/sweep.h"

#include <QJsonObject>

/**
 * The JSON the CLI prints for experiments: a contract other tools rely on
 * (the README lists the keys). Numbers that do not exist (a latency where
 * nothing was answered) are null.
 */
namespace sds::experiment {

/** {"throughput_rps": {"mean": x, "ci95": [lo, hi]}, ...} */
QJsonObject summaryJson(const Summary &summary);
/** {"seeds": K, "metrics": {"<key>": {"a", "b", "diff", "diff_ci95", "verdict"}}} */
QJsonObject comparisonJson(const Comparison &comparison, int seeds);
/** {"param", "seeds", "points": [{"value", "<key>": {"mean", "ci95"}, "analytic_latency_ms"}]} */
QJsonObject sweepJson(const SweepResult &sweep, const SweepPlan &plan);
/** {"max_rate_rps", "ci95", "per_seed_rps", "goal", "metrics"} */
QJsonObject capacityJson(const CapacityResult &capacity, const CapacityPlan &plan);

} // namespace sds::experiment
