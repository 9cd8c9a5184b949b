#include "app/cli/experimentcommand.h"

#include "app/cli/runprogress.h"
#include "core/diagram/diagramformat.h"
#include "core/experiment/capacity.h"
#include "core/experiment/compare.h"
#include "core/experiment/experimentreport.h"
#include "core/experiment/sweep.h"
#include "core/sim/network.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>
#include <thread>
#include <unistd.h>

namespace sds::cli {

const char *const kExperimentSynopsis =
    "       sdstudio-cli sim compare A B [common options] [--json]\n"
    "       sdstudio-cli sim sweep FILE --param rate|NODE.PARAM|EDGE.PARAM --from X --to Y\n"
    "                            [--steps N] [common options] [--json]\n"
    "       sdstudio-cli sim capacity FILE --p99-ms X [--max-error-rate E]\n"
    "                            [common options] [--json]\n";
const char *const kExperimentDetails =
    "compare   Run designs A and B on the same seeds; per metric B - A, its 95% interval\n"
    "          and a verdict: better, worse or no clear difference.\n"
    "sweep     Vary one thing over N evenly spaced values (default 10) and estimate\n"
    "          every metric at each, beside the analytic twin where it applies.\n"
    "capacity  The highest total rate at which p99 <= X ms (and errors <= E), with\n"
    "          its 95% interval over the seeds.\n\n"
    "Common options of compare, sweep and capacity:\n"
    "  --seeds K           replications, seeds S, S+1, ... (default 10)\n"
    "  --seed S            the first seed (default: the file's)\n"
    "  --requests N | --duration SECONDS   length of each run (default: the file's duration)\n"
    "  --threads T         worker threads (default: all cores); results do not depend on it\n";

namespace {

struct Options {
    QString action;
    QStringList files;
    experiment::ReplicationPlan plan;
    std::optional<std::uint64_t> seed;
    QString param;
    std::optional<double> from, to, p99, maxErrors;
    int steps = 10;
    bool json = false;
};

QString parseOptions(const QStringList &args, Options &o)
{
    QCommandLineParser p;
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption seeds(QStringLiteral("seeds"), {}, QStringLiteral("K"));
    const QCommandLineOption seed(QStringLiteral("seed"), {}, QStringLiteral("S"));
    const QCommandLineOption requests(QStringLiteral("requests"), {}, QStringLiteral("N"));
    const QCommandLineOption duration(QStringLiteral("duration"), {}, QStringLiteral("S"));
    const QCommandLineOption threads(QStringLiteral("threads"), {}, QStringLiteral("T"));
    const QCommandLineOption param(QStringLiteral("param"), {}, QStringLiteral("P"));
    const QCommandLineOption from(QStringLiteral("from"), {}, QStringLiteral("X"));
    const QCommandLineOption to(QStringLiteral("to"), {}, QStringLiteral("Y"));
    const QCommandLineOption steps(QStringLiteral("steps"), {}, QStringLiteral("N"));
    const QCommandLineOption p99(QStringLiteral("p99-ms"), {}, QStringLiteral("X"));
    const QCommandLineOption errors(QStringLiteral("max-error-rate"), {}, QStringLiteral("E"));
    const QCommandLineOption json(QStringLiteral("json"));
    p.addOptions(
        {seeds, seed, requests, duration, threads, param, from, to, steps, p99, errors, json});
    if (!p.parse(QStringList{QStringLiteral("sim")} + args))
        return p.errorText();
    const QStringList pos = p.positionalArguments();
    o.action = pos.value(0);
    o.files = pos.mid(1);
    const int wanted = o.action == u"compare" ? 2 : 1;
    if (o.files.size() != wanted)
        return QStringLiteral("%1 takes %2")
            .arg(o.action,
                 wanted == 2 ? QStringLiteral("two files, A and B") : QStringLiteral("one FILE"));
    o.json = p.isSet(json);

    // Each option belongs to some actions; one given to another is a mistake, not noise.
    const auto only = [&](const QCommandLineOption &opt, const QString &action) -> QString {
        if (p.isSet(opt) && o.action != action)
            return QStringLiteral("--%1 is an option of %2, not %3")
                .arg(opt.names().first(), action, o.action);
        return {};
    };
    for (const auto &[opt, action] : {std::pair{&param, u"sweep"},
                                      {&from, u"sweep"},
                                      {&to, u"sweep"},
                                      {&steps, u"sweep"},
                                      {&p99, u"capacity"},
                                      {&errors, u"capacity"}})
        if (QString e = only(*opt, QString::fromUtf16(action)); !e.isEmpty())
            return e;

    const auto number = [&](const QCommandLineOption &opt, double min, double max, bool whole,
                            double &out) -> QString {
        bool ok = false;
        const double v = p.value(opt).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < min || v > max || (whole && v != std::floor(v)))
            return QStringLiteral("--%1 must be %2 from %3 to %4, not '%5'")
                .arg(opt.names().first(),
                     whole ? QStringLiteral("a whole number") : QStringLiteral("a number"))
                .arg(min)
                .arg(max)
                .arg(p.value(opt));
        out = v;
        return {};
    };
    double v = 0;
    if (p.isSet(seeds)) {
        if (QString e = number(seeds, 1, 1000, true, v); !e.isEmpty())
            return e;
        o.plan.seeds = int(v);
    }
    if (p.isSet(seed)) {
        if (QString e = number(seed, 0, 9007199254740991.0, true, v); !e.isEmpty())
            return e;
        o.seed = std::uint64_t(v);
    }
    if (p.isSet(requests) && p.isSet(duration))
        return QStringLiteral("give --requests or --duration, not both");
    if (p.isSet(requests)) {
        if (QString e = number(requests, 1, 1e10, true, v); !e.isEmpty())
            return e;
        o.plan.length.requests = std::uint64_t(v);
    }
    if (p.isSet(duration)) {
        if (QString e = number(duration, 0.001, 1e9, false, v); !e.isEmpty())
            return e;
        o.plan.length.durationS = v;
    }
    if (p.isSet(threads)) {
        if (QString e = number(threads, 1, 256, true, v); !e.isEmpty())
            return e;
        o.plan.threads = int(v);
    }
    if (o.action == u"sweep") {
        if (!p.isSet(param) || !p.isSet(from) || !p.isSet(to))
            return QStringLiteral("sweep needs --param, --from and --to");
        o.param = p.value(param);
        double x = 0;
        if (QString e = number(from, -1e12, 1e12, false, x); !e.isEmpty())
            return e;
        o.from = x;
        if (QString e = number(to, -1e12, 1e12, false, x); !e.isEmpty())
            return e;
        o.to = x;
        if (p.isSet(steps)) {
            if (QString e = number(steps, 1, 200, true, x); !e.isEmpty())
                return e;
            o.steps = int(x);
        }
    }
    if (o.action == u"capacity") {
        if (!p.isSet(p99))
            return QStringLiteral("capacity needs --p99-ms");
        double x = 0;
        if (QString e = number(p99, 1e-6, 1e9, false, x); !e.isEmpty())
            return e;
        o.p99 = x;
        if (p.isSet(errors)) {
            if (QString e = number(errors, 0, 1, false, x); !e.isEmpty())
                return e;
            o.maxErrors = x;
        }
    }
    return {};
}

// Loads and checks a design file; prints why not.
std::optional<diagram::DiagramData> load(const QString &file, Streams &io)
{
    const diagram::LoadResult loaded = diagram::loadDiagramFile(file);
    if (!loaded.ok()) {
        for (const QString &e : loaded.errors)
            io.err << "sdstudio-cli: " << e << '\n';
        return std::nullopt;
    }
    for (const QString &w : loaded.warnings)
        io.err << "sdstudio-cli: warning: " << w << '\n';
    return loaded.diagram;
}

std::optional<sim::Network> compile(const QString &file, const diagram::DiagramData &d, Streams &io)
{
    sim::CompileResult c = sim::compileNetwork(d);
    if (!c.ok()) {
        for (const QString &e : c.errors)
            io.err << "sdstudio-cli: " << file << ": " << e << '\n';
        return std::nullopt;
    }
    return std::move(c.network);
}

QString fmt(experiment::Metric m, const experiment::Estimate &e)
{
    using experiment::formatMetric;
    if (!e.valid())
        return QStringLiteral("no value");
    return QStringLiteral("%1 [%2, %3]")
        .arg(formatMetric(m, e.mean), formatMetric(m, e.low), formatMetric(m, e.high));
}

void printSummary(QTextStream &out, const experiment::Summary &s)
{
    for (experiment::Metric m : experiment::allMetrics())
        out << "  " << experiment::metricLabel(m).leftJustified(14) << ' ' << fmt(m, s[m]) << '\n';
}

int compareFiles(Options &o, Streams &io)
{
    std::optional<sim::Network> nets[2];
    for (int i = 0; i < 2; ++i) {
        const auto d = load(o.files[i], io);
        if (!d)
            return kExitUsage;
        if (i == 0)
            o.plan.baseSeed = o.seed.value_or(d->run.seed);
        nets[i] = compile(o.files[i], *d, io);
        if (!nets[i])
            return kExitUsage;
    }
    experiment::Progress progress;
    experiment::Comparison c;
    const QString what = QStringLiteral("comparing: %1 runs").arg(2 * o.plan.seeds);
    withProgress(progress, io, what, o.plan.threads,
                 [&] { c = experiment::compare(*nets[0], *nets[1], o.plan, &progress); });
    if (c.cancelled) {
        io.err << "sdstudio-cli: cancelled\n";
        return kExitFailure;
    }
    if (o.json) {
        io.out << QJsonDocument(experiment::comparisonJson(c, o.plan.seeds))
                      .toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    io.out << "A: " << o.files[0] << "\nB: " << o.files[1] << "\n"
           << o.plan.seeds << " seeds from " << o.plan.baseSeed << " (the same for both)\n\n";
    io.out << "  " << QStringLiteral("metric").leftJustified(14) << ' '
           << QStringLiteral("A").rightJustified(12) << "  "
           << QStringLiteral("B").rightJustified(12) << "  "
           << QStringLiteral("B - A [95% interval]").leftJustified(36) << " verdict\n";
    for (experiment::Metric m : experiment::allMetrics()) {
        const experiment::MetricComparison &mc = c[m];
        io.out << "  " << experiment::metricLabel(m).leftJustified(14) << ' '
               << experiment::formatMetric(m, mc.a.mean).rightJustified(12) << "  "
               << experiment::formatMetric(m, mc.b.mean).rightJustified(12) << "  "
               << fmt(m, mc.diff).leftJustified(36) << ' ' << experiment::verdictText(mc.verdict)
               << '\n';
    }
    return kExitOk;
}

int sweepFile(Options &o, Streams &io)
{
    const auto d = load(o.files[0], io);
    if (!d)
        return kExitUsage;
    if (!compile(o.files[0], *d, io))
        return kExitUsage;
    experiment::SweepPlan plan;
    if (QString e = experiment::parseSweepParameter(*d, o.param, plan.parameter); !e.isEmpty()) {
        io.err << "sdstudio-cli: --param: " << e << '\n';
        return kExitUsage;
    }
    o.plan.baseSeed = o.seed.value_or(d->run.seed);
    plan.from = *o.from;
    plan.to = *o.to;
    plan.steps = o.steps;
    plan.replications = o.plan;
    if (QString e = experiment::checkSweepPlan(plan); !e.isEmpty()) {
        io.err << "sdstudio-cli: " << e << '\n';
        return kExitUsage;
    }
    experiment::Progress progress;
    experiment::SweepResult r;
    const QString what = QStringLiteral("sweeping %1: %2 points x %3 seeds")
                             .arg(plan.parameter.name())
                             .arg(experiment::sweepValues(plan).size())
                             .arg(plan.replications.seeds);
    withProgress(progress, io, what, o.plan.threads,
                 [&] { r = experiment::runSweep(*d, plan, &progress); });
    if (!r.error.isEmpty()) {
        io.err << "sdstudio-cli: " << r.error << '\n';
        return kExitUsage;
    }
    if (r.cancelled) {
        io.err << "sdstudio-cli: cancelled\n";
        return kExitFailure;
    }
    if (o.json) {
        io.out << QJsonDocument(experiment::sweepJson(r, plan)).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    using experiment::Metric;
    io.out << plan.parameter.name() << ", " << plan.replications.seeds
           << " seeds per point; mean [95% interval]\n\n";
    for (const experiment::SweepPoint &p : r.points) {
        io.out << plan.parameter.name() << " = " << p.value << '\n';
        printSummary(io.out, p.summary);
        if (p.analyticLatencyMs)
            io.out << "  " << QStringLiteral("twin's mean").leftJustified(14) << ' '
                   << experiment::formatMetric(Metric::LatencyMean, *p.analyticLatencyMs) << '\n';
        if (p.summary.overloadedRuns)
            io.out << "  overloaded in " << p.summary.overloadedRuns << " of " << p.summary.runs
                   << " runs\n";
    }
    return kExitOk;
}

int capacityFile(Options &o, Streams &io)
{
    const auto d = load(o.files[0], io);
    if (!d)
        return kExitUsage;
    const auto net = compile(o.files[0], *d, io);
    if (!net)
        return kExitUsage;
    experiment::CapacityPlan plan;
    plan.goal.p99Ms = *o.p99;
    plan.goal.maxErrorRate = o.maxErrors;
    o.plan.baseSeed = o.seed.value_or(d->run.seed);
    plan.replications = o.plan;
    if (QString e = experiment::checkCapacityPlan(plan); !e.isEmpty()) {
        io.err << "sdstudio-cli: " << e << '\n';
        return kExitUsage;
    }
    experiment::Progress progress;
    experiment::CapacityResult r;
    const QString what =
        QStringLiteral("searching capacity over %1 seeds").arg(plan.replications.seeds);
    withProgress(progress, io, what, o.plan.threads,
                 [&] { r = experiment::findCapacity(*net, plan, &progress); });
    if (r.cancelled) {
        io.err << "sdstudio-cli: cancelled\n";
        return kExitFailure;
    }
    if (!r.problem.isEmpty()) {
        io.err << "sdstudio-cli: " << o.files[0] << ": " << r.problem << '\n';
        return kExitFailure;
    }
    if (o.json) {
        io.out << QJsonDocument(experiment::capacityJson(r, plan)).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    io.out << "capacity for p99 <= " << plan.goal.p99Ms << " ms";
    if (plan.goal.maxErrorRate)
        io.out << " and error rate <= " << *plan.goal.maxErrorRate;
    io.out << ": " << QString::number(r.maxRate.mean, 'f', 1) << " rps (95% interval "
           << QString::number(r.maxRate.low, 'f', 1) << "–"
           << QString::number(r.maxRate.high, 'f', 1) << ", " << plan.replications.seeds
           << " seeds)\n\nat that rate:\n";
    printSummary(io.out, r.atMax);
    return kExitOk;
}

} // namespace

bool isExperimentAction(const QString &action)
{
    return action == u"compare" || action == u"sweep" || action == u"capacity";
}

int runExperiment(const QStringList &args, Streams &io)
{
    Options o;
    if (QString e = parseOptions(args, o); !e.isEmpty()) {
        io.err << "sdstudio-cli sim: " << e << "\n\n" << kExperimentSynopsis;
        return kExitUsage;
    }
    if (o.action == u"compare")
        return compareFiles(o, io);
    if (o.action == u"sweep")
        return sweepFile(o, io);
    return capacityFile(o, io);
}

} // namespace sds::cli
