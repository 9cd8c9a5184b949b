#include "core/experiment/compare.h"

#include <cmath>

namespace sds::experiment {

QString verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Better:
        return QStringLiteral("better");
    case Verdict::Worse:
        return QStringLiteral("worse");
    case Verdict::NoClearDifference:
        return QStringLiteral("no clear difference");
    }
    return {};
}

Verdict verdictFor(Metric m, const Estimate &diff, double aMean)
{
    if (!diff.valid() || diff.n < 2)
        return Verdict::NoClearDifference;
    const bool above = diff.low > 0, below = diff.high < 0;
    if (!above && !below)
        return Verdict::NoClearDifference;
    const double scale = std::isfinite(aMean) ? std::abs(aMean) : 0.0;
    if (std::abs(diff.mean) <= 0.01 * scale)
        return Verdict::NoClearDifference;
    const bool bIsLower = below;
    return bIsLower == lowerIsBetter(m) ? Verdict::Better : Verdict::Worse;
}

Comparison compareRuns(const std::vector<RunResult> &a, const std::vector<RunResult> &b)
{
    Comparison c;
    c.a = summarize(a);
    c.b = summarize(b);
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        c.cancelled = c.cancelled || a[i].cancelled || b[i].cancelled;
    for (Metric m : allMetrics()) {
        MetricComparison &mc = c.metrics[std::size_t(m)];
        mc.metric = m;
        mc.a = c.a[m];
        mc.b = c.b[m];
        std::vector<double> diffs;
        for (std::size_t i = 0; i < n; ++i) {
            if (a[i].cancelled || b[i].cancelled)
                continue;
            diffs.push_back(at(b[i].values, m) - at(a[i].values, m)); // NaN if either is
        }
        mc.diff = estimate(diffs);
        mc.verdict = verdictFor(m, mc.diff, mc.a.mean);
    }
    return c;
}

Comparison compare(const sim::Network &a, const sim::Network &b, const ReplicationPlan &plan,
                   Progress *progress)
{
    const std::size_t k = std::size_t(std::max(plan.seeds, 0));
    std::vector<RunResult> ra(k), rb(k);
    for (std::size_t i = 0; i < k; ++i)
        ra[i].cancelled = rb[i].cancelled = true;
    if (progress)
        progress->total += int(2 * k);
    // One pool over both designs, so 2 K runs keep every core busy.
    parallelFor(2 * k, plan.threads, progress, [&](std::size_t j) {
        const std::size_t i = j / 2;
        RunResult &out = j % 2 ? rb[i] : ra[i];
        out = runOnce(j % 2 ? b : a, plan.baseSeed + i, plan.length, progress);
        if (progress && !out.cancelled)
            ++progress->done;
    });
    return compareRuns(ra, rb);
}

} // namespace sds::experiment
