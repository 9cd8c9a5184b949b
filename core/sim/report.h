#pragma once

#include "core/sim/analytic.h"
#include "core/sim/metrics.h"
#include "core/sim/network.h"

#include <QJsonObject>

/**
 * The figures of a run and of the analytic twin as JSON, with the key names
 * that `sdstudio-cli sim run --json` and `sim analyze --json` promise to
 * scripts (documented in core/diagram/FORMAT.md). Times are in
 * milliseconds, rates in requests per second.
 */
namespace sds::sim {

struct RunInfo {
    double wallSeconds = 0;
    bool overloaded = false; ///< stopped early: too many requests in flight
    std::uint64_t seed = 0;
};

QJsonObject runReport(const RunMetrics &metrics, const Network &network, const RunInfo &info);
QJsonObject predictionReport(const Prediction &prediction);

} // namespace sds::sim
