#pragma once

#include "core/sim/network.h"
#include "core/sim/tailtrace.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>

/**
 * Why a design performs as it does, from one traced run of it: the
 * component that limits it (the busiest by utilisation, with its queue and
 * what it turned away), where the slowest 1 % of answered requests spent
 * their time (queueing, service, network and retry waiting per component,
 * as shares of that tail's total), and how many errors came while each
 * scripted fault was in force. The grader adds this to its verdicts; the
 * lab's report can show it for any run.
 */
namespace sds::challenge {

struct Bottleneck {
    QString node;
    QString label;
    double utilization = 0;
    double meanQueue = 0;
    std::uint64_t rejected = 0;
    std::uint64_t failed = 0; ///< lost while it was down
    QString why;              ///< one sentence for the learner
};

struct TailPart {
    QString node;
    QString label;
    double share = 0; ///< of the tail's total time
    std::array<double, sim::kTimeKinds>
        parts{}; ///< queueing, service, network, retry: shares of the total
};

struct TailAttribution {
    double thresholdMs = 0; ///< the p99 of the run: the tail is at or above it
    std::uint64_t requests = 0;
    QList<TailPart> parts; ///< largest share first
};

struct FaultImpact {
    QString node;
    double atS = 0;
    double durationS = 0;
    double errors = 0;              ///< requests that failed while it was down
    std::uint64_t failedAtNode = 0; ///< requests lost at the node itself over the run
};

struct Diagnosis {
    std::optional<Bottleneck> bottleneck; ///< none when nothing but clients
    TailAttribution tail;
    QList<FaultImpact> faults;
    double errors = 0; ///< all failed requests in the run
};

/** Runs @p network once (its own seed and length) with tracing, and reads the figures above. */
Diagnosis diagnose(sim::Network network, const QStringList &labels);

QString timeKindKey(sim::TimeKind kind); ///< "queueing", "service", "network", "retry"

} // namespace sds::challenge
