#pragma once

#include "core/challenge/challenge.h"
#include "core/diagram/diagramdata.h"
#include "core/result.h"

#include <QStringList>

/**
 * What the grader imposes on a learner's design, so that a challenge is
 * passed by the architecture and never by editing the problem: the clients
 * are the starting canvas's, with its parameters (rate, read share, pattern,
 * timeouts and retries), and every edge out of a client has the challenge's
 * user latency; components of a kind the challenge names under `work` take
 * at least its service time, failover time and replication lag (and its
 * distribution, when given) and have at most its ceilings (the largest
 * instance, the longest time to live), each cap told in the notes; the workload
 * (keys, skew) is the starting canvas's; the run
 * length is the challenge's; the design's own faults are replaced by the
 * challenge's. A scripted fault names a component by id or by kind (the
 * first of those kinds, in id order); a fault that finds nothing to fail is
 * reported in the notes rather than dropped in silence.
 */
namespace sds::challenge {

struct LockedDesign {
    diagram::DiagramData design;
    QStringList notes; ///< for the learner: faults that found no target, values capped
    /** For each of the challenge's faults, the node it failed (empty when none). */
    QStringList faultTargets;
};

/** Fails when the design lacks one of the challenge's clients or has clients of its own. */
Result<LockedDesign> lockDesign(const Challenge &challenge, const diagram::DiagramData &design);

/**
 * Fails, with the challenge's reason, when the design has no node of a
 * required kind that requests reach. The grader asks after the design
 * compiles, so an unfinished canvas hears what is unconnected first.
 */
Result<void> checkRequirements(const Challenge &challenge, const diagram::DiagramData &design);

} // namespace sds::challenge
