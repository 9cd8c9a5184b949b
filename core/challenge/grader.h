#pragma once

#include "core/challenge/challenge.h"
#include "core/challenge/diagnosis.h"
#include "core/experiment/confidence.h"
#include "core/experiment/parallel.h"
#include "core/result.h"

#include <QList>
#include <QStringList>

/**
 * Grading a design against a challenge. The design is locked to the
 * challenge's clients, workload, run and faults (lockDesign()), then run over
 * K seeds (replications on all cores: seed 1 to K, so a grade is the same
 * bit for bit wherever it runs). A goal passes when its whole 95 % interval
 * is on the right side of the limit, fails when the whole interval is on the
 * wrong side, and is too close to call otherwise; while a goal is too close,
 * the grader doubles the seeds up to the cap and looks again. The challenge
 * is solved when every goal passes. One traced run (seed 1) adds the
 * explanation: the bottleneck, where the tail comes from, what each fault
 * cost; and the hints of the goals that did not pass.
 */
namespace sds::challenge {

enum class Verdict { Pass, Fail, TooClose };
QString verdictKey(Verdict v); ///< "pass", "fail", "too close"

struct GoalResult {
    Goal goal;
    experiment::Estimate value; ///< over the seeds; not valid when nothing was answered
    Verdict verdict = Verdict::Fail;
};

struct GradeOptions {
    int seeds = 0;    ///< to start with; 0: the challenge's
    int maxSeeds = 0; ///< cap; 0: the challenge's (never below seeds)
    int threads = 0;  ///< 0: all cores
};

struct GradeResult {
    QString challenge;
    bool solved = false;
    bool cancelled = false;
    int seeds = 0;
    int overloadedRuns = 0; ///< runs stopped because requests piled up without bound
    experiment::Estimate cost;
    QList<GoalResult> goals;
    Diagnosis diagnosis;
    QStringList faultNames; ///< the challenge's label for each fault in diagnosis.faults
    QList<Hint> hints;
    QStringList notes; ///< from locking the design
};

/** Verdict of one goal on an interval; exposed for tests. */
Verdict judge(const Goal &goal, const experiment::Estimate &value);

/**
 * Grades @p design. Fails (a message for the learner) when the design cannot
 * be graded: a missing or extra client, or a design the simulator refuses.
 */
Result<GradeResult> grade(const Challenge &challenge, const diagram::DiagramData &design,
                          const GradeOptions &options = {},
                          experiment::Progress *progress = nullptr);

} // namespace sds::challenge
