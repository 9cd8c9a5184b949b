#pragma once

#include "core/sim/metrics.h"
#include "core/sim/network.h"

#include <QString>

#include <vector>

/**
 * What a design would cost per month on a public cloud, so "add servers"
 * has a price. Each component is priced by its kind and size, from rounded
 * on-demand list prices (FORMAT.md names them and their source): compute by
 * the vCPU (a server is one vCPU), databases by instance (shards x (1 +
 * replicas), each with its servers as vCPUs), caches by memory, and the
 * pay-per-request services (DNS, CDN, rate limiter rules, object store,
 * queue) by the requests that reach them in a run, when one is given.
 */
namespace sds::sim {

struct CostItem {
    QString node;
    double perMonth = 0; ///< USD
    QString basis;       ///< how it was priced, e.g. "8 vCPU × $35"
};

struct CostEstimate {
    double total = 0; ///< USD per month
    std::vector<CostItem> items;
    /// Whether per-request prices used measured traffic; false without a run,
    /// when those parts count as 0.
    bool trafficKnown = false;
};

/** "$1,814", or "$4.50" below ten dollars. */
QString formatDollars(double usd);

/** Monthly cost of @p network; @p run supplies each node's request rate for the priced requests. */
CostEstimate monthlyCost(const Network &network, const RunMetrics *run = nullptr);

} // namespace sds::sim
