#include "core/experiment/sweep.h"

#include "core/sim/analytic.h"

#include <cmath>
#include <mutex>

namespace sds::experiment {

QString SweepParameter::name() const
{
    return target == Target::Rate ? QStringLiteral("rate") : id + QLatin1Char('.') + key;
}

namespace {

struct EdgeParam {
    const char *key;
    double min, max;
    const char *unit;
};
constexpr EdgeParam kEdgeParams[] = {
    {"latency_ms", 0, 1e6, "ms"}, {"weight", 0, 1e6, ""}, {"probability", 0, 1, ""}};

bool numeric(const diagram::ParamSpec &p)
{
    return p.type == diagram::ParamType::Int || p.type == diagram::ParamType::Real;
}

} // namespace

QString parseSweepParameter(const diagram::DiagramData &diagram, const QString &text,
                            SweepParameter &out)
{
    out = {};
    if (text == u"rate") {
        out.unit = QStringLiteral("rps");
        return {};
    }
    const qsizetype dot = text.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == text.size() - 1)
        return QStringLiteral("'%1' is not rate, NODE.PARAM or EDGE.PARAM").arg(text);
    const QString id = text.left(dot), key = text.mid(dot + 1);
    if (const diagram::Node *node = diagram.node(id)) {
        const diagram::ParamSpec *spec = diagram::kindSpec(node->kind).param(key);
        if (!spec || !numeric(*spec)) {
            QStringList keys;
            for (const diagram::ParamSpec &p : diagram::kindSpec(node->kind).params)
                if (numeric(p))
                    keys << p.key;
            return QStringLiteral("node '%1' has no numeric parameter '%2' (it has: %3)")
                .arg(id, key, keys.join(QStringLiteral(", ")));
        }
        out.target = SweepParameter::Target::Node;
        out.id = id;
        out.key = key;
        out.whole = spec->type == diagram::ParamType::Int;
        out.min = spec->min;
        out.max = spec->max;
        out.unit = spec->unit;
        return {};
    }
    if (diagram.edgeIndex(id) >= 0) {
        for (const EdgeParam &p : kEdgeParams) {
            if (key != QLatin1String(p.key))
                continue;
            out.target = SweepParameter::Target::Edge;
            out.id = id;
            out.key = key;
            out.min = p.min;
            out.max = p.max;
            out.unit = QString::fromLatin1(p.unit);
            return {};
        }
        return QStringLiteral("edge '%1' has no parameter '%2' (it has: latency_ms, weight, "
                              "probability)")
            .arg(id, key);
    }
    return QStringLiteral("no node or edge is called '%1'").arg(id);
}

QStringList sweepableParameters(const diagram::DiagramData &diagram)
{
    QStringList out{QStringLiteral("rate")};
    for (const diagram::Node &n : diagram.nodes)
        for (const diagram::ParamSpec &p : diagram::kindSpec(n.kind).params)
            if (numeric(p))
                out << n.id + QLatin1Char('.') + p.key;
    for (const diagram::Edge &e : diagram.edges)
        for (const EdgeParam &p : kEdgeParams)
            out << e.id + QLatin1Char('.') + QLatin1String(p.key);
    return out;
}

QString checkSweepPlan(const SweepPlan &plan)
{
    if (QString e = checkPlan(plan.replications); !e.isEmpty())
        return e;
    if (plan.steps < 1 || plan.steps > 200)
        return QStringLiteral("the number of steps must be from 1 to 200, not %1").arg(plan.steps);
    const SweepParameter &p = plan.parameter;
    for (double v : {plan.from, plan.to}) {
        if (!std::isfinite(v) || v < p.min || v > p.max)
            return QStringLiteral("%1 must stay between %2 and %3, not %4")
                .arg(p.name())
                .arg(p.min)
                .arg(p.max)
                .arg(v);
    }
    if (plan.loadFactor < 0 || !std::isfinite(plan.loadFactor))
        return QStringLiteral("the load factor must be a number of 0 or more");
    return {};
}

std::vector<double> sweepValues(const SweepPlan &plan)
{
    std::vector<double> values;
    const int n = plan.steps;
    for (int i = 0; i < n; ++i) {
        double v = n == 1 ? plan.from : plan.from + (plan.to - plan.from) * i / (n - 1);
        if (plan.parameter.whole)
            v = std::round(v);
        if (values.empty() || values.back() != v)
            values.push_back(v);
    }
    return values;
}

sim::CompileResult networkAt(const diagram::DiagramData &diagram, const SweepPlan &plan,
                             double value)
{
    const SweepParameter &p = plan.parameter;
    diagram::DiagramData d = diagram;
    if (p.target == SweepParameter::Target::Node) {
        diagram::Node &node = d.nodes[d.nodeIndex(p.id)];
        node.params.insert(p.key, p.whole ? QVariant(qint64(value)) : QVariant(value));
    } else if (p.target == SweepParameter::Target::Edge) {
        diagram::Edge &edge = d.edges[d.edgeIndex(p.id)];
        if (p.key == u"latency_ms")
            edge.latencyMs = value;
        else if (p.key == u"weight")
            edge.weight = value;
        else
            edge.probability = value;
    }
    sim::CompileResult compiled = sim::compileNetwork(d);
    if (!compiled.ok())
        return compiled;
    if (p.target == SweepParameter::Target::Rate)
        sim::scaleToTotalRate(compiled.network, value);
    else
        compiled.network.loadFactor = plan.loadFactor;
    return compiled;
}

SweepResult runSweep(const diagram::DiagramData &diagram, const SweepPlan &plan, Progress *progress,
                     const std::function<void(int, const SweepPoint &)> &onPoint)
{
    SweepResult result;
    const std::vector<double> values = sweepValues(plan);
    std::vector<sim::Network> networks;
    std::vector<std::optional<double>> analytic;
    for (double v : values) {
        sim::CompileResult c = networkAt(diagram, plan, v);
        if (!c.ok()) {
            result.error = QStringLiteral("at %1 = %2: %3")
                               .arg(plan.parameter.name())
                               .arg(v)
                               .arg(c.errors.join(QStringLiteral("; ")));
            return result;
        }
        const sim::Prediction twin = sim::analyze(c.network);
        analytic.push_back(twin.applicable && twin.stable && std::isfinite(twin.meanLatency)
                               ? std::optional<double>(twin.meanLatency * 1000)
                               : std::nullopt);
        networks.push_back(std::move(c.network));
    }

    const std::size_t k = std::size_t(plan.replications.seeds);
    const std::size_t n = values.size();
    std::vector<RunResult> runs(n * k);
    std::vector<int> left(n, int(k));
    std::vector<bool> reported(n, false);
    std::mutex mutex;
    if (progress)
        progress->total += int(n * k);
    // Point-major order, so the first points finish first and appear early.
    parallelFor(n * k, plan.replications.threads, progress, [&](std::size_t j) {
        const std::size_t point = j / k, seed = j % k;
        runs[j] = runOnce(networks[point], plan.replications.baseSeed + seed,
                          plan.replications.length, progress);
        if (runs[j].cancelled)
            return;
        if (progress)
            ++progress->done;
        std::unique_lock lock(mutex);
        if (--left[point] > 0)
            return;
        reported[point] = true;
        lock.unlock();
        if (onPoint) {
            SweepPoint p{
                values[point],
                summarize({runs.begin() + long(point * k), runs.begin() + long((point + 1) * k)}),
                analytic[point]};
            onPoint(int(point), p);
        }
    });
    for (std::size_t point = 0; point < n; ++point) {
        if (!reported[point]) {
            result.cancelled = true;
            continue;
        }
        result.points.push_back(
            {values[point],
             summarize({runs.begin() + long(point * k), runs.begin() + long((point + 1) * k)}),
             analytic[point]});
    }
    return result;
}

} // namespace sds::experiment
