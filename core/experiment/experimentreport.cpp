#include "core/experiment/experimentreport.h"

#include <QJsonArray>

#include <cmath>

namespace sds::experiment {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonArray interval(const Estimate &e)
{
    return {number(e.low), number(e.high)};
}

QJsonObject estimateJson(const Estimate &e)
{
    return {{QStringLiteral("mean"), number(e.mean)}, {QStringLiteral("ci95"), interval(e)}};
}

} // namespace

QJsonObject summaryJson(const Summary &summary)
{
    QJsonObject o;
    for (Metric m : allMetrics())
        o.insert(metricKey(m), estimateJson(summary[m]));
    return o;
}

QJsonObject comparisonJson(const Comparison &c, int seeds)
{
    QJsonObject metrics;
    for (Metric m : allMetrics()) {
        const MetricComparison &mc = c[m];
        metrics.insert(metricKey(m),
                       QJsonObject{{QStringLiteral("a"), number(mc.a.mean)},
                                   {QStringLiteral("b"), number(mc.b.mean)},
                                   {QStringLiteral("diff"), number(mc.diff.mean)},
                                   {QStringLiteral("diff_ci95"), interval(mc.diff)},
                                   {QStringLiteral("verdict"), verdictText(mc.verdict)}});
    }
    return {{QStringLiteral("seeds"), seeds},
            {QStringLiteral("overloaded_runs_a"), c.a.overloadedRuns},
            {QStringLiteral("overloaded_runs_b"), c.b.overloadedRuns},
            {QStringLiteral("metrics"), metrics}};
}

QJsonObject sweepJson(const SweepResult &sweep, const SweepPlan &plan)
{
    QJsonArray points;
    for (const SweepPoint &p : sweep.points) {
        QJsonObject o = summaryJson(p.summary);
        o.insert(QStringLiteral("value"), p.value);
        o.insert(QStringLiteral("overloaded_runs"), p.summary.overloadedRuns);
        if (p.analyticLatencyMs)
            o.insert(QStringLiteral("analytic_latency_ms"), *p.analyticLatencyMs);
        points.append(o);
    }
    return {{QStringLiteral("param"), plan.parameter.name()},
            {QStringLiteral("seeds"), plan.replications.seeds},
            {QStringLiteral("points"), points}};
}

QJsonObject capacityJson(const CapacityResult &c, const CapacityPlan &plan)
{
    QJsonArray perSeed;
    for (double v : c.perSeed)
        perSeed.append(number(v));
    QJsonObject goal{{QStringLiteral("p99_ms"), plan.goal.p99Ms}};
    if (plan.goal.maxErrorRate)
        goal.insert(QStringLiteral("max_error_rate"), *plan.goal.maxErrorRate);
    return {{QStringLiteral("max_rate_rps"), number(c.maxRate.mean)},
            {QStringLiteral("ci95"), interval(c.maxRate)},
            {QStringLiteral("per_seed_rps"), perSeed},
            {QStringLiteral("seeds"), plan.replications.seeds},
            {QStringLiteral("goal"), goal},
            {QStringLiteral("metrics"), summaryJson(c.atMax)}};
}

} // namespace sds::experiment
