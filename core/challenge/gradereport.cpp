#include "core/challenge/gradereport.h"

#include <cmath>

namespace sds::challenge {

namespace {

QJsonValue number(double x)
{
    return std::isfinite(x) ? QJsonValue(x) : QJsonValue(QJsonValue::Null);
}

QJsonObject goalJson(const Goal &g)
{
    return {
        {QStringLiteral("id"), g.id},
        {QStringLiteral("metric"), goalMetricKey(g.metric)},
        {QStringLiteral("limit"), g.limit},
        {QStringLiteral("direction"), g.atMost ? QStringLiteral("max") : QStringLiteral("min")}};
}

QJsonObject tailJson(const TailAttribution &t)
{
    QJsonArray parts;
    for (const TailPart &p : t.parts) {
        QJsonObject o{{QStringLiteral("node"), p.node},
                      {QStringLiteral("label"), p.label},
                      {QStringLiteral("share"), p.share}};
        for (std::size_t k = 0; k < sim::kTimeKinds; ++k)
            o.insert(timeKindKey(sim::TimeKind(k)), p.parts[k]);
        parts.append(o);
    }
    return {{QStringLiteral("threshold_ms"), t.thresholdMs},
            {QStringLiteral("requests"), double(t.requests)},
            {QStringLiteral("components"), parts}};
}

} // namespace

QJsonArray challengeListJson(const QList<Challenge> &challenges)
{
    QJsonArray list;
    for (const Challenge &c : challenges) {
        QJsonArray goals;
        for (const Goal &g : c.goals)
            goals.append(goalJson(g));
        list.append(QJsonObject{{QStringLiteral("id"), c.id},
                                {QStringLiteral("title"), c.title},
                                {QStringLiteral("level"), c.level},
                                {QStringLiteral("topics"), QJsonArray::fromStringList(c.topics)},
                                {QStringLiteral("goals"), goals}});
    }
    return list;
}

QJsonObject gradeJson(const GradeResult &r)
{
    QJsonArray goals;
    for (const GoalResult &g : r.goals) {
        QJsonObject o = goalJson(g.goal);
        o.insert(QStringLiteral("value"), g.value.valid() ? number(g.value.mean) : QJsonValue());
        o.insert(QStringLiteral("ci95"),
                 g.value.valid() ? QJsonValue(QJsonArray{number(g.value.low), number(g.value.high)})
                                 : QJsonValue());
        o.insert(QStringLiteral("verdict"), verdictKey(g.verdict));
        goals.append(o);
    }
    QJsonValue bottleneck;
    if (const auto &b = r.diagnosis.bottleneck) {
        bottleneck = QJsonObject{{QStringLiteral("node"), b->node},
                                 {QStringLiteral("label"), b->label},
                                 {QStringLiteral("utilization"), b->utilization},
                                 {QStringLiteral("mean_queue"), b->meanQueue},
                                 {QStringLiteral("rejected"), double(b->rejected)},
                                 {QStringLiteral("failed"), double(b->failed)},
                                 {QStringLiteral("why"), b->why}};
    }
    QJsonArray faults;
    for (qsizetype k = 0; k < r.diagnosis.faults.size(); ++k) {
        const FaultImpact &f = r.diagnosis.faults[k];
        faults.append(QJsonObject{
            {QStringLiteral("name"), k < r.faultNames.size() ? r.faultNames[k] : f.node},
            {QStringLiteral("node"), f.node},
            {QStringLiteral("at_s"), f.atS},
            {QStringLiteral("duration_s"), f.durationS},
            {QStringLiteral("errors"), f.errors},
            {QStringLiteral("failed_at_node"), double(f.failedAtNode)}});
    }
    QJsonArray hints;
    for (const Hint &h : r.hints) {
        hints.append(QJsonObject{{QStringLiteral("goal"), h.goal},
                                 {QStringLiteral("text"), h.text},
                                 {QStringLiteral("topic"), h.topic}});
    }
    return {{QStringLiteral("challenge"), r.challenge},
            {QStringLiteral("solved"), r.solved},
            {QStringLiteral("seeds"), r.seeds},
            {QStringLiteral("cost_per_month"), number(r.cost.mean)},
            {QStringLiteral("cost_per_month_ci95"),
             QJsonArray{number(r.cost.low), number(r.cost.high)}},
            {QStringLiteral("goals"), goals},
            {QStringLiteral("bottleneck"), bottleneck},
            {QStringLiteral("tail_attribution"), tailJson(r.diagnosis.tail)},
            {QStringLiteral("faults"), faults},
            {QStringLiteral("errors"), r.diagnosis.errors},
            {QStringLiteral("overloaded_runs"), r.overloadedRuns},
            {QStringLiteral("hints"), hints},
            {QStringLiteral("notes"), QJsonArray::fromStringList(r.notes)}};
}

} // namespace sds::challenge
