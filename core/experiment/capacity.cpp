#include "core/experiment/capacity.h"

#include <cmath>

namespace sds::experiment {

namespace {

constexpr int kMaxDoublings = 30; // 2^30 times the start: far past any design
constexpr int kMaxHalvings = 10;
constexpr double kMaxRate = 1e7;

enum class Search { Found, NeverMet, NeverBroken, Cancelled };

// The limit for one seed, by bracketing and bisection.
Search searchSeed(const sim::Network &network, std::uint64_t seed, const CapacityPlan &plan,
                  Progress *progress, double &limit)
{
    const auto meets = [&](double rate, bool &cancelled) {
        sim::Network net = network;
        sim::scaleToTotalRate(net, rate);
        const RunResult r = runOnce(std::move(net), seed, plan.replications.length, progress);
        cancelled = r.cancelled;
        if (progress && !cancelled)
            ++progress->done;
        return !r.overloaded && meetsGoal(r.values, plan.goal);
    };
    bool cancelled = false;
    double start = totalRate(network);
    if (!(start > 0))
        start = 1;
    // Bracket the limit: double from a passing start, halve from a failing one.
    double lo = 0, hi = 0;
    const bool up = meets(start, cancelled);
    if (cancelled)
        return Search::Cancelled;
    (up ? lo : hi) = start;
    for (int i = 0; i < (up ? kMaxDoublings : kMaxHalvings) && !(lo > 0 && hi > 0); ++i) {
        const double r = up ? std::min(lo * 2, kMaxRate) : hi / 2;
        (meets(r, cancelled) ? lo : hi) = r;
        if (cancelled)
            return Search::Cancelled;
        if (up && hi == 0 && r >= kMaxRate)
            break;
    }
    if (hi == 0)
        return Search::NeverBroken;
    if (lo == 0)
        return Search::NeverMet;
    while (hi - lo > plan.tolerance * lo) {
        const double mid = (lo + hi) / 2;
        if (meets(mid, cancelled))
            lo = mid;
        else
            hi = mid;
        if (cancelled)
            return Search::Cancelled;
    }
    limit = lo;
    return Search::Found;
}

} // namespace

QString checkCapacityPlan(const CapacityPlan &plan)
{
    if (QString e = checkPlan(plan.replications); !e.isEmpty())
        return e;
    if (!(plan.goal.p99Ms > 0) || !std::isfinite(plan.goal.p99Ms))
        return QStringLiteral("the p99 target must be a positive number of milliseconds");
    if (plan.goal.maxErrorRate && (!(*plan.goal.maxErrorRate >= 0) || *plan.goal.maxErrorRate > 1))
        return QStringLiteral("the error rate limit must be from 0 to 1");
    if (!(plan.tolerance > 0) || plan.tolerance > 0.5)
        return QStringLiteral("the tolerance must be above 0 and at most 0.5");
    return {};
}

bool meetsGoal(const MetricValues &values, const CapacityGoal &goal)
{
    const double p99 = at(values, Metric::LatencyP99);
    if (std::isnan(p99) || p99 > goal.p99Ms)
        return false;
    return !goal.maxErrorRate || at(values, Metric::ErrorRate) <= *goal.maxErrorRate;
}

CapacityResult findCapacity(const sim::Network &network, const CapacityPlan &plan,
                            Progress *progress)
{
    CapacityResult result;
    const std::size_t k = std::size_t(plan.replications.seeds);
    std::vector<double> limits(k, std::nan(""));
    std::vector<Search> outcomes(k, Search::Cancelled);
    if (progress)
        progress->total += int(k) * 16; // a typical search; corrected below
    parallelFor(k, plan.replications.threads, progress, [&](std::size_t i) {
        outcomes[i] =
            searchSeed(network, plan.replications.baseSeed + i, plan, progress, limits[i]);
    });
    for (Search s : outcomes) {
        if (s == Search::Cancelled) {
            result.cancelled = true;
            return result;
        }
    }
    for (Search s : outcomes) {
        if (s == Search::NeverMet) {
            result.problem =
                QStringLiteral("the goal is not met even at %1 rps: the design is too slow for "
                               "this p99 whatever the load")
                    .arg(std::max(totalRate(network), 1.0) / (1 << kMaxHalvings), 0, 'g', 3);
            return result;
        }
        if (s == Search::NeverBroken) {
            result.problem =
                QStringLiteral(
                    "the goal still holds at %1 rps: nothing in the design limits the rate")
                    .arg(kMaxRate, 0, 'g', 3);
            return result;
        }
    }
    result.perSeed = limits;
    result.maxRate = estimate(limits);
    if (progress) // the searches are done: what is left is the K runs at the limit
        progress->total = progress->done.load();
    sim::Network atLimit = network;
    sim::scaleToTotalRate(atLimit, result.maxRate.mean);
    const std::vector<RunResult> runs = runReplications(atLimit, plan.replications, progress);
    result.cancelled = progress && progress->cancelled();
    result.atMax = summarize(runs);
    return result;
}

} // namespace sds::experiment
