#include "core/challenge/grader.h"

#include "core/challenge/lockdesign.h"
#include "core/experiment/metric.h"
#include "core/experiment/replications.h"
#include "core/sim/network.h"

#include <algorithm>

namespace sds::challenge {

namespace {

using experiment::Metric;

// One run's value of @p m; NaN when it has none (a latency with nothing answered).
double valueOf(GoalMetric m, const experiment::MetricValues &v)
{
    switch (m) {
    case GoalMetric::Throughput:
        return experiment::at(v, Metric::Throughput);
    case GoalMetric::LatencyMean:
        return experiment::at(v, Metric::LatencyMean);
    case GoalMetric::LatencyP50:
        return experiment::at(v, Metric::LatencyP50);
    case GoalMetric::LatencyP95:
        return experiment::at(v, Metric::LatencyP95);
    case GoalMetric::LatencyP99:
        return experiment::at(v, Metric::LatencyP99);
    case GoalMetric::ErrorRate:
        return experiment::at(v, Metric::ErrorRate);
    case GoalMetric::Availability:
        return 1 - experiment::at(v, Metric::ErrorRate);
    case GoalMetric::StaleReads:
        return experiment::at(v, Metric::StaleReads);
    case GoalMetric::LostWrites:
        return experiment::at(v, Metric::LostWrites);
    case GoalMetric::Cost:
        return experiment::at(v, Metric::Cost);
    case GoalMetric::JobThroughput:
        return experiment::at(v, Metric::JobThroughput);
    }
    return 0;
}

experiment::Estimate estimateOf(GoalMetric m, const std::vector<experiment::RunResult> &runs)
{
    std::vector<double> values;
    values.reserve(runs.size());
    for (const experiment::RunResult &r : runs)
        values.push_back(valueOf(m, r.values));
    return experiment::estimate(values);
}

QStringList labelsOf(const diagram::DiagramData &d)
{
    QStringList labels;
    for (const diagram::Node &n : d.nodes)
        labels.append(n.displayName());
    return labels;
}

} // namespace

QString verdictKey(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return QStringLiteral("pass");
    case Verdict::Fail:
        return QStringLiteral("fail");
    case Verdict::TooClose:
        return QStringLiteral("too close");
    }
    return {};
}

Verdict judge(const Goal &goal, const experiment::Estimate &value)
{
    if (!value.valid() || value.missing > 0)
        return Verdict::Fail; // a run that answered nothing has no latency to pass with
    const double inside = goal.atMost ? value.high : -value.low;
    const double outside = goal.atMost ? value.low : -value.high;
    const double limit = goal.atMost ? goal.limit : -goal.limit;
    if (inside <= limit)
        return Verdict::Pass;
    if (outside > limit)
        return Verdict::Fail;
    return Verdict::TooClose;
}

Result<GradeResult> grade(const Challenge &challenge, const diagram::DiagramData &design,
                          const GradeOptions &options, experiment::Progress *progress)
{
    auto locked = lockDesign(challenge, design);
    if (!locked)
        return fail(locked.error());
    sim::CompileResult compiled = sim::compileNetwork(locked->design);
    if (!compiled.ok())
        return fail(QStringLiteral("the design cannot run: ") +
                    compiled.errors.join(QStringLiteral("; ")));
    if (auto met = checkRequirements(challenge, locked->design); !met)
        return fail(met.error());

    GradeResult out;
    out.challenge = challenge.id;
    out.notes = locked->notes;
    const int first = std::clamp(options.seeds > 0 ? options.seeds : challenge.seeds, 2, 1000);
    const int cap = std::max(first, options.maxSeeds > 0 ? options.maxSeeds : challenge.maxSeeds);

    std::vector<experiment::RunResult> runs;
    experiment::ReplicationPlan plan;
    plan.seeds = first;
    plan.baseSeed = 1;
    plan.threads = options.threads;
    for (;;) {
        auto more = experiment::runReplications(compiled.network, plan, progress);
        const bool cancelled =
            std::any_of(more.begin(), more.end(), [](const auto &r) { return r.cancelled; });
        if (cancelled) {
            out.cancelled = true;
            return out;
        }
        runs.insert(runs.end(), more.begin(), more.end());
        out.goals.clear();
        bool close = false;
        for (const Goal &g : challenge.goals) {
            GoalResult r{g, estimateOf(g.metric, runs), Verdict::Fail};
            r.verdict = judge(g, r.value);
            close = close || r.verdict == Verdict::TooClose;
            out.goals.append(r);
        }
        const int n = int(runs.size());
        if (!close || n >= cap)
            break;
        plan.baseSeed = std::uint64_t(n) + 1; // seeds 1..n done: the next ones follow on
        plan.seeds = std::min(cap - n, n);
    }
    out.seeds = int(runs.size());
    out.overloadedRuns =
        int(std::count_if(runs.begin(), runs.end(), [](const auto &r) { return r.overloaded; }));
    out.cost = estimateOf(GoalMetric::Cost, runs);
    out.solved = std::all_of(out.goals.begin(), out.goals.end(),
                             [](const GoalResult &g) { return g.verdict == Verdict::Pass; });

    sim::Network traced = compiled.network;
    traced.seed = 1;
    out.diagnosis = diagnose(std::move(traced), labelsOf(locked->design));
    for (qsizetype k = 0; k < challenge.faults.size(); ++k) {
        if (!locked->faultTargets[k].isEmpty())
            out.faultNames.append(challenge.faults[k].label.isEmpty() ? locked->faultTargets[k]
                                                                      : challenge.faults[k].label);
    }

    for (const Hint &h : challenge.hints) {
        const bool show =
            h.goal.isEmpty()
                ? !out.solved
                : std::any_of(out.goals.begin(), out.goals.end(), [&](const GoalResult &g) {
                      return g.goal.id == h.goal && g.verdict != Verdict::Pass;
                  });
        if (show)
            out.hints.append(h);
    }
    return out;
}

} // namespace sds::challenge
