#include "core/challenge/challenge.h"

#include "core/diagram/diagramformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace sds::challenge {

namespace {

struct MetricName {
    GoalMetric metric;
    const char *key;
    const char *label;
};

constexpr std::array<MetricName, 11> kMetrics{{
    {GoalMetric::Throughput, "throughput_rps", "Throughput"},
    {GoalMetric::LatencyMean, "latency_mean_ms", "Mean latency"},
    {GoalMetric::LatencyP50, "latency_p50_ms", "p50 latency"},
    {GoalMetric::LatencyP95, "latency_p95_ms", "p95 latency"},
    {GoalMetric::LatencyP99, "latency_p99_ms", "p99 latency"},
    {GoalMetric::ErrorRate, "error_rate", "Error rate"},
    {GoalMetric::Availability, "availability", "Availability"},
    {GoalMetric::StaleReads, "stale_reads", "Stale reads"},
    {GoalMetric::LostWrites, "lost_writes", "Lost writes"},
    {GoalMetric::Cost, "cost_per_month", "Cost per month"},
    {GoalMetric::JobThroughput, "job_throughput_rps", "Job throughput"},
}};

std::optional<GoalMetric> metricFromKey(const QString &key)
{
    for (const MetricName &m : kMetrics) {
        if (key == QLatin1String(m.key))
            return m.metric;
    }
    return std::nullopt;
}

// Reads a design given inline (a diagram object) or, for the reference, as "scenario:ID".
Result<diagram::DiagramData>
readDesign(const QJsonValue &v, const QString &what,
           const std::function<const diagram::DiagramData *(const QString &)> &scenario,
           QString *scenarioId)
{
    if (v.isString() && v.toString().startsWith(QLatin1String("scenario:")) && scenarioId) {
        const QString id = v.toString().mid(9);
        const diagram::DiagramData *found = scenario ? scenario(id) : nullptr;
        if (!found)
            return fail(QStringLiteral("%1: there is no lab scenario \"%2\"").arg(what, id));
        *scenarioId = id;
        return *found;
    }
    if (!v.isObject())
        return fail(QStringLiteral("%1 must be a diagram object").arg(what));
    const auto loaded = diagram::parseDiagram(QJsonDocument(v.toObject()).toJson());
    if (!loaded.ok())
        return fail(QStringLiteral("%1: %2").arg(what, loaded.errors.join(QStringLiteral("; "))));
    return loaded.diagram;
}

Result<double> number(const QJsonObject &o, const char *key, double min, double max,
                      const QString &where, std::optional<double> fallback = std::nullopt)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() && fallback)
        return *fallback;
    if (!v.isDouble())
        return fail(QStringLiteral("%1: \"%2\" must be a number").arg(where, QLatin1String(key)));
    const double x = v.toDouble();
    if (!(x >= min && x <= max))
        return fail(QStringLiteral("%1: \"%2\" must be between %3 and %4")
                        .arg(where, QLatin1String(key))
                        .arg(min)
                        .arg(max));
    return x;
}

Result<QList<Goal>> readGoals(const QJsonArray &array)
{
    QList<Goal> goals;
    for (qsizetype k = 0; k < array.size(); ++k) {
        const QJsonObject o = array.at(k).toObject();
        Goal g;
        g.id = o.value(QLatin1String("id")).toString();
        const QString where =
            QStringLiteral("goal %1").arg(g.id.isEmpty() ? QString::number(k + 1) : g.id);
        if (g.id.isEmpty())
            return fail(where + QStringLiteral(": needs an \"id\""));
        for (const Goal &other : goals) {
            if (other.id == g.id)
                return fail(where + QStringLiteral(": the id is used twice"));
        }
        const auto metric = metricFromKey(o.value(QLatin1String("metric")).toString());
        if (!metric)
            return fail(where + QStringLiteral(": \"metric\" must be one of ") +
                        goalMetricKeys().join(QStringLiteral(", ")));
        g.metric = *metric;
        const bool hasMax = o.contains(QLatin1String("max"));
        if (hasMax == o.contains(QLatin1String("min")))
            return fail(where + QStringLiteral(": give exactly one of \"max\" and \"min\""));
        g.atMost = hasMax;
        const auto limit = number(o, hasMax ? "max" : "min", 0, 1e12, where);
        if (!limit)
            return fail(limit.error());
        g.limit = *limit;
        goals.append(g);
    }
    if (goals.isEmpty())
        return fail(QStringLiteral("a challenge needs at least one goal"));
    return goals;
}

// The parameters a challenge can set a floor on: facts of the system, not
// choices of the design.
constexpr const char *kFloorParams[] = {"service_ms", "failover_s", "replication_lag_ms",
                                        "health_check_s"};
// ...and a ceiling on, under "at_most".
constexpr const char *kCeilingParams[] = {"servers", "ttl_s", "flush_interval_s"};

Result<QList<Work>> readWork(const QJsonObject &o)
{
    QList<Work> work;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString where = QStringLiteral("work \"%1\"").arg(it.key());
        const diagram::KindSpec *kind = diagram::findKind(it.key());
        if (!kind || kind->kind == diagram::NodeKind::Client || !kind->param(u"service_ms"))
            return fail(where + QStringLiteral(": not a kind with a service time"));
        const QJsonObject w = it.value().toObject();
        Work item;
        item.kind = it.key();
        for (const char *key : kFloorParams) {
            const QString name = QLatin1String(key);
            if (!w.contains(name))
                continue;
            const diagram::ParamSpec *spec = kind->param(name);
            if (!spec)
                return fail(where + QStringLiteral(": this kind has no %1").arg(name));
            const auto least = number(w, key, spec->min, spec->max, where);
            if (!least)
                return fail(least.error());
            item.least.insert(name, *least);
        }
        const QJsonObject most = w.value(QLatin1String("at_most")).toObject();
        for (auto m = most.begin(); m != most.end(); ++m) {
            const QString name = m.key();
            const bool allowed =
                std::any_of(std::begin(kCeilingParams), std::end(kCeilingParams),
                            [&](const char *key) { return name == QLatin1String(key); });
            const diagram::ParamSpec *spec = kind->param(name);
            if (!allowed || !spec)
                return fail(where + QStringLiteral(": \"at_most\" cannot limit %1").arg(name));
            const QByteArray key = name.toLatin1();
            const auto limit = number(most, key.constData(), std::max(spec->min, 1e-3), spec->max,
                                      where + QStringLiteral(" at_most"));
            if (!limit)
                return fail(limit.error());
            item.most.insert(name, *limit);
        }
        if (!item.least.contains(QStringLiteral("service_ms")))
            return fail(where + QStringLiteral(": needs \"service_ms\""));
        item.serviceDist = w.value(QLatin1String("service_dist")).toString();
        if (!item.serviceDist.isEmpty() &&
            !kind->param(u"service_dist")->accepts(QVariant(item.serviceDist)))
            return fail(where +
                        QStringLiteral(": unknown service_dist \"%1\"").arg(item.serviceDist));
        if (w.contains(QLatin1String("service_cv"))) {
            const auto cv = number(w, "service_cv", 0, 10, where);
            if (!cv)
                return fail(cv.error());
            item.serviceCv = *cv;
        }
        work.append(item);
    }
    return work;
}

Result<QList<ChallengeFault>> readFaults(const QJsonArray &array, double durationS)
{
    QList<ChallengeFault> faults;
    for (qsizetype k = 0; k < array.size(); ++k) {
        const QJsonObject o = array.at(k).toObject();
        const QString where = QStringLiteral("fault %1").arg(k + 1);
        ChallengeFault f;
        f.node = o.value(QLatin1String("node")).toString();
        for (const QJsonValue &kind : o.value(QLatin1String("kinds")).toArray()) {
            if (!diagram::findKind(kind.toString()))
                return fail(where + QStringLiteral(": unknown kind \"%1\"").arg(kind.toString()));
            f.kinds.append(kind.toString());
        }
        if (f.node.isEmpty() == f.kinds.isEmpty())
            return fail(where + QStringLiteral(": give exactly one of \"node\" and \"kinds\""));
        const auto at = number(o, "at_s", 0, durationS, where);
        if (!at)
            return fail(at.error());
        const auto length = number(o, "duration_s", 0.001, 1e7, where);
        if (!length)
            return fail(length.error());
        f.atS = *at;
        f.durationS = *length;
        f.label = o.value(QLatin1String("label")).toString();
        faults.append(f);
    }
    return faults;
}

} // namespace

QString goalMetricKey(GoalMetric m)
{
    for (const MetricName &n : kMetrics) {
        if (n.metric == m)
            return QLatin1String(n.key);
    }
    return {};
}

QString goalMetricLabel(GoalMetric m)
{
    for (const MetricName &n : kMetrics) {
        if (n.metric == m)
            return QLatin1String(n.label);
    }
    return {};
}

QString formatGoalValue(GoalMetric m, double v, const QLocale &l)
{
    if (!std::isfinite(v))
        return QStringLiteral("none");
    switch (m) {
    case GoalMetric::LatencyMean:
    case GoalMetric::LatencyP50:
    case GoalMetric::LatencyP95:
    case GoalMetric::LatencyP99:
        return l.toString(v, 'f', v < 10 ? 2 : v < 100 ? 1 : 0) + QStringLiteral(" ms");
    case GoalMetric::ErrorRate:
    case GoalMetric::Availability:
        return l.toString(v * 100, 'f', v * 100 >= 99 || v < 0.01 ? 3 : 2) + QStringLiteral(" %");
    case GoalMetric::Throughput:
    case GoalMetric::JobThroughput:
        return l.toString(v, 'f', v < 100 ? 1 : 0) + QStringLiteral(" rps");
    case GoalMetric::Cost:
        return QStringLiteral("$") + l.toString(v, 'f', 0);
    case GoalMetric::StaleReads:
    case GoalMetric::LostWrites:
        return l.toString(v, 'f', v < 10 ? 1 : 0);
    }
    return l.toString(v);
}

QStringList goalMetricKeys()
{
    QStringList keys;
    for (const MetricName &n : kMetrics)
        keys.append(QLatin1String(n.key));
    return keys;
}

Result<Challenge>
parseChallenge(const QByteArray &json,
               const std::function<const diagram::DiagramData *(const QString &)> &scenario)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON at byte %1: %2")
                        .arg(error.offset)
                        .arg(error.errorString()));
    if (!doc.isObject())
        return fail(QStringLiteral("a challenge file holds one JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String(kFormatName))
        return fail(QStringLiteral("\"format\" must be \"%1\"").arg(QLatin1String(kFormatName)));
    const int version = o.value(QLatin1String("version")).toInt(0);
    if (version > kFormatVersion)
        return fail(QStringLiteral("this challenge is format version %1; this app reads up to %2: "
                                   "update the app")
                        .arg(version)
                        .arg(kFormatVersion));
    if (version < 1)
        return fail(QStringLiteral("\"version\" must be a whole number from 1"));

    Challenge c;
    c.id = o.value(QLatin1String("id")).toString();
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    if (!idPattern.match(c.id).hasMatch())
        return fail(QStringLiteral("\"id\" must be lower-case letters, digits and dashes"));
    c.title = o.value(QLatin1String("title")).toString();
    c.brief = o.value(QLatin1String("brief")).toString();
    if (c.title.isEmpty() || c.brief.isEmpty())
        return fail(QStringLiteral("a challenge needs a \"title\" and a \"brief\""));
    const auto level = number(o, "level", 1, 5, QStringLiteral("challenge"));
    if (!level || *level != int(*level))
        return fail(QStringLiteral("\"level\" must be a whole number from 1 to 5"));
    c.level = int(*level);
    c.order = o.value(QLatin1String("order")).toInt(0);
    for (const QJsonValue &t : o.value(QLatin1String("topics")).toArray())
        c.topics.append(t.toString());

    const QJsonObject run = o.value(QLatin1String("run")).toObject();
    const auto duration = number(run, "duration_s", 1, 86400, QStringLiteral("run"), 120.0);
    const auto warmup = number(run, "warmup_s", 0, 86400, QStringLiteral("run"), 10.0);
    if (!duration)
        return fail(duration.error());
    if (!warmup)
        return fail(warmup.error());
    if (*warmup >= *duration)
        return fail(QStringLiteral("run: the warm-up must be shorter than the run"));
    c.durationS = *duration;
    c.warmupS = *warmup;
    const auto clientLatency =
        number(o, "client_latency_ms", 0, 10000, QStringLiteral("challenge"), 20.0);
    if (!clientLatency)
        return fail(clientLatency.error());
    c.clientLatencyMs = *clientLatency;
    const QJsonObject seeds = o.value(QLatin1String("seeds")).toObject();
    const auto start = number(seeds, "start", 2, 100, QStringLiteral("seeds"), 5.0);
    const auto max = number(seeds, "max", 2, 200, QStringLiteral("seeds"), 20.0);
    if (!start || !max || *max < *start)
        return fail(QStringLiteral("seeds: \"start\" 2 to 100, \"max\" from start to 200"));
    c.seeds = int(*start);
    c.maxSeeds = int(*max);

    auto faults = readFaults(o.value(QLatin1String("faults")).toArray(), c.durationS);
    if (!faults)
        return fail(faults.error());
    c.faults = *faults;
    auto work = readWork(o.value(QLatin1String("work")).toObject());
    if (!work)
        return fail(work.error());
    c.work = *work;
    for (const QJsonValue &v : o.value(QLatin1String("requires")).toArray()) {
        const QJsonObject ro = v.toObject();
        Requirement r;
        for (const QJsonValue &kind : ro.value(QLatin1String("kinds")).toArray()) {
            const diagram::KindSpec *spec = diagram::findKind(kind.toString());
            if (!spec || spec->kind == diagram::NodeKind::Client)
                return fail(QStringLiteral("a requirement names the kind \"%1\", which is not a "
                                           "component")
                                .arg(kind.toString()));
            r.kinds.append(kind.toString());
        }
        r.reason = ro.value(QLatin1String("reason")).toString();
        if (r.kinds.isEmpty() || r.reason.isEmpty())
            return fail(QStringLiteral("a requirement needs \"kinds\" and a \"reason\""));
        c.requirements.append(r);
    }
    auto goals = readGoals(o.value(QLatin1String("goals")).toArray());
    if (!goals)
        return fail(goals.error());
    c.goals = *goals;
    for (const QJsonValue &h : o.value(QLatin1String("hints")).toArray()) {
        const QJsonObject ho = h.toObject();
        Hint hint{ho.value(QLatin1String("goal")).toString(),
                  ho.value(QLatin1String("text")).toString(),
                  ho.value(QLatin1String("topic")).toString()};
        if (hint.text.isEmpty())
            return fail(QStringLiteral("a hint needs a \"text\""));
        const bool known =
            hint.goal.isEmpty() || std::any_of(c.goals.begin(), c.goals.end(),
                                               [&](const Goal &g) { return g.id == hint.goal; });
        if (!known)
            return fail(
                QStringLiteral("a hint names the goal \"%1\", which the challenge does not have")
                    .arg(hint.goal));
        c.hints.append(hint);
    }

    auto startDesign =
        readDesign(o.value(QLatin1String("start")), QStringLiteral("start"), {}, nullptr);
    if (!startDesign)
        return fail(startDesign.error());
    c.start = *startDesign;
    const bool hasClient =
        std::any_of(c.start.nodes.begin(), c.start.nodes.end(),
                    [](const auto &n) { return n.kind == diagram::NodeKind::Client; });
    if (!hasClient)
        return fail(QStringLiteral("start: the starting design must have the challenge's clients"));
    auto reference = readDesign(o.value(QLatin1String("reference")), QStringLiteral("reference"),
                                scenario, &c.referenceScenario);
    if (!reference)
        return fail(reference.error());
    c.reference = *reference;
    auto naive = readDesign(o.value(QLatin1String("naive")), QStringLiteral("naive"), {}, nullptr);
    if (!naive)
        return fail(naive.error());
    c.naive = *naive;
    return c;
}

} // namespace sds::challenge
