#pragma once

#include "core/sim/network.h"

#include <QString>

#include <vector>

/**
 * The analytic twin: what queueing theory predicts for a network, to show
 * beside the simulated figures. Open Jackson networks (Poisson clients,
 * exponential service, unlimited queues, probabilistic or weighted routing,
 * feedback allowed) are solved exactly from the traffic equations and the
 * Erlang C formula per node. A single station also gets the exact M/M/c/K
 * result (finite capacity) or the Pollaczek–Khinchine result for one server
 * with any service distribution (M/G/1, M/D/1). Anything else — caches,
 * replicas, retries, faults, bursty clients — is reported as not applicable,
 * with the reason, rather than guessed.
 */
namespace sds::sim {

struct NodePrediction {
    QString id;
    double arrivalRate = 0;  ///< requests per second reaching the node
    double utilization = 0;  ///< per server
    double meanQueue = 0;    ///< waiting, not in service
    double responseTime = 0; ///< mean wait + service per visit, s
};

struct Prediction {
    bool applicable = false;
    QString reason;     ///< why not, when !applicable
    QString model;      ///< "Jackson network", "M/M/c/K", "M/G/1"
    bool stable = true; ///< false when some node is at or over 100 % utilization
    QString unstableNode;
    double throughput = 0;             ///< requests per second answered
    double meanLatency = 0;            ///< end to end, s, network latency included
    double blocking = 0;               ///< share of requests rejected (M/M/c/K)
    std::vector<NodePrediction> nodes; ///< the queueing nodes only
};

Prediction analyze(const Network &network);

/** Probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu (Erlang C).
 */
double erlangC(int servers, double offeredLoad);

} // namespace sds::sim
