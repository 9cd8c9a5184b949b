#include "app/cli/simcommand.h"

#include "app/cli/experimentcommand.h"
#include "core/diagram/catalogue.h"
#include "core/diagram/diagramformat.h"
#include "core/sim/analytic.h"
#include "core/sim/cost.h"
#include "core/sim/network.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace sds::cli {

namespace {

const char *const kSynopsis =
    "Usage: sdstudio-cli sim run FILE [--requests N | --duration SECONDS] [--seed N]\n"
    "                            [--rate RPS] [--warmup SECONDS] [--json]\n"
    "       sdstudio-cli sim analyze FILE [--json]\n"
    "       sdstudio-cli sim kinds [--json]\n";
const char *const kDetails =
    "run      Simulate the diagram in FILE and print what was measured.\n"
    "analyze  Print what queueing theory predicts for it, where a formula applies.\n"
    "kinds    List the component kinds and their parameters (the catalogue).\n\n"
    "Options of run:\n"
    "  --requests N        stop after N requests have finished after the warm-up\n"
    "  --duration SECONDS  simulated time of the run, warm-up included (default: the file's)\n"
    "  --seed N            random seed (default: the file's); same seed, same figures\n"
    "  --rate RPS          total request rate, shared over the clients in their proportions\n"
    "  --warmup SECONDS    statistics start after this (default: the file's)\n"
    "  --json              one JSON object instead of a table\n";

QString usage()
{
    return QString::fromUtf8(kSynopsis) + QString::fromUtf8(kExperimentSynopsis) + u'\n' +
           QString::fromUtf8(kDetails) + u'\n' + QString::fromUtf8(kExperimentDetails);
}

struct Options {
    QString action;
    QString file;
    std::optional<double> requests, duration, seed, rate, warmup;
    bool json = false;
};

// Parses "run|analyze FILE [options]"; returns an error message or empty.
QString parse(const QStringList &args, Options &o)
{
    QCommandLineParser p;
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption requests(QStringLiteral("requests"), {}, QStringLiteral("N"));
    const QCommandLineOption duration(QStringLiteral("duration"), {}, QStringLiteral("SECONDS"));
    const QCommandLineOption seed(QStringLiteral("seed"), {}, QStringLiteral("N"));
    const QCommandLineOption rate(QStringLiteral("rate"), {}, QStringLiteral("RPS"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), {}, QStringLiteral("SECONDS"));
    const QCommandLineOption json(QStringLiteral("json"));
    p.addOptions({requests, duration, seed, rate, warmup, json});
    if (!p.parse(QStringList{QStringLiteral("sim")} + args))
        return p.errorText();
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return QStringLiteral("expected an action and a FILE");
    o.action = pos[0];
    o.file = pos[1];
    if (o.action != u"run" && o.action != u"analyze")
        return QStringLiteral("unknown action '%1'; use run or analyze").arg(o.action);
    o.json = p.isSet(json);

    struct Number {
        const QCommandLineOption &option;
        std::optional<double> &out;
        double min, max;
        bool whole;
    };
    const Number numbers[] = {
        {requests, o.requests, 1, 1e12, true},       {duration, o.duration, 0.001, 1e9, false},
        {seed, o.seed, 0, 9007199254740991.0, true}, {rate, o.rate, 0, 1e7, false},
        {warmup, o.warmup, 0, 1e9, false},
    };
    for (const Number &n : numbers) {
        if (!p.isSet(n.option))
            continue;
        if (o.action == u"analyze")
            return QStringLiteral("--%1 is an option of run, not analyze")
                .arg(n.option.names().first());
        bool ok = false;
        const double v = p.value(n.option).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < n.min || v > n.max || (n.whole && v != std::floor(v)))
            return QStringLiteral("--%1 must be %2 from %3 to %4, not '%5'")
                .arg(n.option.names().first(),
                     n.whole ? QStringLiteral("a whole number") : QStringLiteral("a number"))
                .arg(n.min)
                .arg(n.max)
                .arg(p.value(n.option));
        n.out = v;
    }
    if (o.requests && o.duration)
        return QStringLiteral("give --requests or --duration, not both");
    return {};
}

QString fmtMs(double seconds)
{
    return QString::number(seconds * 1000.0, 'f', 2);
}

void printRun(QTextStream &out, const sim::RunMetrics &m, const sim::Network &net, double wall)
{
    out << "simulated " << QString::number(m.now, 'f', 1) << " s (measured "
        << QString::number(m.measured, 'f', 1) << " s) in " << QString::number(wall, 'f', 2)
        << " s wall, " << m.events << " events\n";
    out << "completed " << m.completed << ", failed " << m.failed << " (rejected " << m.rejected
        << ", timeout " << m.timeouts << ", node down " << m.nodeDown << "), retries " << m.retries
        << ", stale reads " << m.staleReads << "\n";
    out << "throughput " << QString::number(m.throughput(), 'f', 1) << " rps\n";
    out << "cost " << sim::formatDollars(sim::monthlyCost(net, &m).total)
        << " per month (list prices; see FORMAT.md)\n";
    out << "latency ms: mean " << fmtMs(m.latency.mean());
    if (m.latencyMeanCi.valid)
        out << " (95% CI " << fmtMs(m.latencyMeanCi.low) << "–" << fmtMs(m.latencyMeanCi.high)
            << ")";
    out << ", p50 " << fmtMs(m.latency.quantile(0.5)) << ", p95 " << fmtMs(m.latency.quantile(0.95))
        << ", p99 " << fmtMs(m.latency.quantile(0.99)) << ", p99.9 "
        << fmtMs(m.latency.quantile(0.999)) << "\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(QStringLiteral("node"), -20)
               .arg(QStringLiteral("util"), 7)
               .arg(QStringLiteral("queue"), 9)
               .arg(QStringLiteral("served"), 10)
               .arg(QStringLiteral("dropped"), 9)
               .arg(QStringLiteral("hit"), 6);
    for (std::size_t n = 0; n < m.nodes.size(); ++n) {
        const sim::NodeMetrics &nm = m.nodes[n];
        if (net.nodes[n].behaviour == sim::Behaviour::Source)
            continue;
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(nm.id.left(20), -20)
                   .arg(QString::number(nm.utilization * 100, 'f', 1) + QLatin1Char('%'), 7)
                   .arg(QString::number(nm.meanQueue, 'f', 2), 9)
                   .arg(nm.served, 10)
                   .arg(nm.dropped(), 9)
                   .arg(nm.isCache ? QString::number(nm.hitRatio() * 100, 'f', 1) + QLatin1Char('%')
                                   : QStringLiteral("-"),
                        6);
    }
}

int run(const Options &o, Streams &io)
{
    const diagram::LoadResult loaded = diagram::loadDiagramFile(o.file);
    if (!loaded.ok()) {
        for (const QString &e : loaded.errors)
            io.err << "sdstudio-cli: " << e << '\n';
        return kExitUsage;
    }
    for (const QString &w : loaded.warnings)
        io.err << "sdstudio-cli: warning: " << w << '\n';

    diagram::DiagramData d = loaded.diagram;
    if (o.seed)
        d.run.seed = quint64(*o.seed);
    if (o.warmup)
        d.run.warmupS = *o.warmup;
    if (o.duration)
        d.run.durationS = *o.duration;
    if (o.requests)
        d.run.durationS = 1e12; // ends by count; see the guard below
    sim::CompileResult compiled = sim::compileNetwork(d);
    if (!compiled.ok()) {
        for (const QString &e : compiled.errors)
            io.err << "sdstudio-cli: " << o.file << ": " << e << '\n';
        return kExitUsage;
    }
    for (const QString &w : compiled.warnings)
        io.err << "sdstudio-cli: warning: " << w << '\n';

    sim::Network &net = compiled.network;
    double total = 0;
    if (o.rate) {
        sim::scaleToTotalRate(net, *o.rate);
        total = *o.rate;
    } else {
        for (const sim::NodeModel &n : net.nodes)
            total += n.behaviour == sim::Behaviour::Source ? n.rate : 0;
    }
    if (o.requests && total <= 0) {
        io.err << "sdstudio-cli: " << o.file
               << ": every client's rate is 0, so no request would ever finish\n";
        return kExitUsage;
    }

    sim::Simulation simulation(std::move(net));
    simulation.setSamplePercentiles(false); // the report has no time series
    if (o.requests)
        simulation.setStopAfterRequests(std::uint64_t(*o.requests));
    QElapsedTimer timer;
    timer.start();
    simulation.run();
    const double wall = double(timer.nsecsElapsed()) / 1e9;
    const sim::RunMetrics metrics = simulation.metrics();
    if (simulation.overloaded())
        io.err << "sdstudio-cli: the design is overloaded: requests piled up faster than it "
                  "serves them, so the run stopped at "
               << QString::number(simulation.now(), 'f', 1)
               << " s; lower the rate or add capacity\n";

    if (o.json) {
        sim::RunInfo info{wall, simulation.overloaded(), d.run.seed};
        io.out << QJsonDocument(sim::runReport(metrics, simulation.network(), info))
                      .toJson(QJsonDocument::Indented);
    } else {
        printRun(io.out, metrics, simulation.network(), wall);
    }
    return simulation.overloaded() ? kExitFailure : kExitOk;
}

int listKinds(bool json, Streams &io)
{
    using namespace diagram;
    const auto typeName = [](ParamType t) {
        switch (t) {
        case ParamType::Int:
            return QStringLiteral("integer");
        case ParamType::Real:
            return QStringLiteral("number");
        case ParamType::Enum:
            return QStringLiteral("choice");
        case ParamType::Bool:
            return QStringLiteral("boolean");
        }
        return QString();
    };
    QJsonArray kinds;
    for (const KindSpec &k : catalogue()) {
        QJsonArray params;
        for (const ParamSpec &p : k.params) {
            QJsonObject j{{QStringLiteral("key"), p.key},
                          {QStringLiteral("label"), p.label},
                          {QStringLiteral("type"), typeName(p.type)},
                          {QStringLiteral("default"), QJsonValue::fromVariant(p.defaultValue)},
                          {QStringLiteral("help"), p.help}};
            if (!p.unit.isEmpty())
                j.insert(QStringLiteral("unit"), p.unit);
            if (p.type == ParamType::Enum)
                j.insert(QStringLiteral("choices"), QJsonArray::fromStringList(p.choices));
            else if (p.type != ParamType::Bool)
                j.insert(QStringLiteral("range"), QJsonArray{p.min, p.max});
            params.append(j);
        }
        kinds.append(QJsonObject{{QStringLiteral("kind"), k.key},
                                 {QStringLiteral("name"), k.name},
                                 {QStringLiteral("group"), k.group},
                                 {QStringLiteral("help"), k.help},
                                 {QStringLiteral("params"), params}});
    }
    if (json) {
        io.out << QJsonDocument(kinds).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    for (const KindSpec &k : catalogue()) {
        io.out << k.key << " (" << k.name << ", " << k.group << "): " << k.help << '\n';
        for (const ParamSpec &p : k.params) {
            io.out << "  " << p.key.leftJustified(20) << ' ' << p.defaultValue.toString();
            if (!p.unit.isEmpty())
                io.out << ' ' << p.unit;
            io.out << "  " << p.help << '\n';
        }
    }
    return kExitOk;
}

int analyzeFile(const Options &o, Streams &io)
{
    const diagram::LoadResult loaded = diagram::loadDiagramFile(o.file);
    if (!loaded.ok()) {
        for (const QString &e : loaded.errors)
            io.err << "sdstudio-cli: " << e << '\n';
        return kExitUsage;
    }
    const sim::CompileResult compiled = sim::compileNetwork(loaded.diagram);
    if (!compiled.ok()) {
        for (const QString &e : compiled.errors)
            io.err << "sdstudio-cli: " << o.file << ": " << e << '\n';
        return kExitUsage;
    }
    const sim::Prediction p = sim::analyze(compiled.network);
    if (o.json) {
        io.out << QJsonDocument(sim::predictionReport(p)).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    if (!p.applicable) {
        io.out << "no analytic model applies: " << p.reason << '\n';
        return kExitOk;
    }
    io.out << "model: " << p.model << '\n';
    if (!p.stable)
        io.out << "unstable: '" << p.unstableNode << "' is at or over 100% utilization\n";
    io.out << "throughput " << QString::number(p.throughput, 'f', 1) << " rps, mean latency "
           << (std::isfinite(p.meanLatency) ? fmtMs(p.meanLatency) + QStringLiteral(" ms")
                                            : QStringLiteral("unbounded"))
           << '\n';
    for (const sim::NodePrediction &n : p.nodes)
        io.out << "  " << n.id << ": utilization " << QString::number(n.utilization * 100, 'f', 1)
               << "%, response " << fmtMs(n.responseTime) << " ms\n";
    return kExitOk;
}

} // namespace

Command simCommand()
{
    return {QStringLiteral("sim"), QStringLiteral("Run or analyze a lab diagram headless."),
            [](const QStringList &args, Streams &io) {
                if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h") {
                    (args.isEmpty() ? io.err : io.out) << usage();
                    return args.isEmpty() ? kExitUsage : kExitOk;
                }
                if (args.first() == u"kinds") {
                    const bool json = args.size() == 2 && args[1] == u"--json";
                    if (args.size() > 2 || (args.size() == 2 && !json)) {
                        io.err << "sdstudio-cli sim: kinds takes only --json\n";
                        return kExitUsage;
                    }
                    return listKinds(json, io);
                }
                if (isExperimentAction(args.first()))
                    return runExperiment(args, io);
                Options o;
                const QString error = parse(args, o);
                if (!error.isEmpty()) {
                    io.err << "sdstudio-cli sim: " << error << "\n\n" << usage();
                    return kExitUsage;
                }
                return o.action == u"run" ? run(o, io) : analyzeFile(o, io);
            }};
}

} // namespace sds::cli
