#pragma once

#include "core/experiment/replications.h"

#include <optional>

/**
 * Capacity: the highest total request rate at which a design still meets
 * its service-level objective (p99 latency at most X ms and, optionally, an
 * error rate at most e). For each seed the rate is doubled (or halved) until
 * it brackets the limit and then bisected to within 1 %; the seeds' limits
 * give a mean and a 95 % interval, and the design is then run K times at
 * that mean rate for the metrics there. Each seed's search uses that seed
 * throughout, so its pass/fail answer changes only with the rate.
 */
namespace sds::experiment {

struct CapacityGoal {
    double p99Ms = 100;
    std::optional<double> maxErrorRate;
};

struct CapacityPlan {
    CapacityGoal goal;
    ReplicationPlan replications;
    double tolerance = 0.01; ///< relative width at which bisection stops
};

struct CapacityResult {
    Estimate maxRate;            ///< rps
    std::vector<double> perSeed; ///< each seed's limit, rps
    Summary atMax;               ///< the metrics at maxRate.mean
    QString problem;             ///< the goal cannot be met at any rate, or is never broken
    bool cancelled = false;

    bool ok() const { return problem.isEmpty() && !cancelled; }
};

QString checkCapacityPlan(const CapacityPlan &plan);

/** Whether one run's figures meet @p goal (a run where nothing succeeded does not). */
bool meetsGoal(const MetricValues &values, const CapacityGoal &goal);

CapacityResult findCapacity(const sim::Network &network, const CapacityPlan &plan,
                            Progress *progress = nullptr);

} // namespace sds::experiment
