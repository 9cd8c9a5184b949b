// Engine benchmark: the whole run of a design, as `sdstudio-cli sim run FILE
// --requests N --json` does it (compiling the network, the run with its
// histograms, batch means and time series, the metrics and the JSON report),
// against a hand-written loop of the same model (bareloops.cpp), in the same
// process, alternating, several rounds; for M/M/1 (mm1.json) and the
// reference topology (reference.json). Then peak memory for 1 M and 10 M
// requests of each, each run in a child process of its own so one run's peak
// cannot hide the other's, and customers per second against SimPy on the same
// M/M/1 model (when packaging/deps.sh --bench has installed it).
//
// usage: bench_engine [REQUESTS [ROUNDS]]      (default 2 000 000 and 5)
//        bench_engine --engine mm1|reference N  (one whole run, e.g. under callgrind)
//        bench_engine --bare mm1|reference N    (one hand-written run)
#include "bareloops.h"
#include "core/diagram/diagramformat.h"
#include "core/sim/network.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>
#include <vector>

namespace {

sds::diagram::DiagramData loadDiagram(const char *model)
{
    const auto loaded = sds::diagram::loadDiagramFile(
        QStringLiteral(SDS_BENCH_DIR "/") + QLatin1String(model) + QStringLiteral(".json"));
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.errors.join(u'\n')));
        std::exit(1);
    }
    return loaded.diagram;
}

struct EngineRun {
    std::uint64_t completed = 0;
    std::uint64_t events = 0;
    double meanLatency = 0;
    double seconds = 0;
    std::size_t arena = 0;
};

// What the CLI does after reading the file, timed from the compile to the report.
EngineRun runEngine(sds::diagram::DiagramData d, std::uint64_t requests)
{
    QElapsedTimer t;
    t.start();
    d.run.durationS = 1e12; // ends by count, as sim run --requests
    auto compiled = sds::sim::compileNetwork(d);
    if (!compiled.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(compiled.errors.join(u'\n')));
        std::exit(1);
    }
    sds::sim::Simulation sim(std::move(compiled.network));
    sim.setSamplePercentiles(false); // as sdstudio-cli sim run
    sim.setStopAfterRequests(requests);
    sim.run();
    const sds::sim::RunMetrics m = sim.metrics();
    const QByteArray json =
        QJsonDocument(sds::sim::runReport(m, sim.network(), {0, false, d.run.seed})).toJson();
    EngineRun out{m.completed, m.events, m.latency.mean(), double(t.nsecsElapsed()) / 1e9,
                  sim.arenaSize()};
    if (json.isEmpty())
        std::exit(1);
    return out;
}

bench::BareResult runBare(const char *model, std::uint64_t requests, std::uint64_t seed)
{
    return qstrcmp(model, "mm1") == 0 ? bench::bareMm1(requests, seed)
                                      : bench::bareReference(requests, seed);
}

// The peak resident set of this process image, VmHWM: unlike getrusage's
// ru_maxrss, which Linux carries across exec, it cannot report the parent's
// peak at the fork instead of the child's own.
long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

struct Range {
    double lo = 1e300, hi = -1e300;
    void add(double v)
    {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 4 && qstrcmp(argv[1], "--engine") == 0) {
        const EngineRun r = runEngine(loadDiagram(argv[2]), std::strtoull(argv[3], nullptr, 10));
        std::printf("%ld %zu %.3f\n", peakRssKb(), r.arena, r.seconds);
        return 0;
    }
    if (argc == 4 && qstrcmp(argv[1], "--bare") == 0) {
        const bench::BareResult r = runBare(argv[2], std::strtoull(argv[3], nullptr, 10), 1);
        std::printf("%ld %.3f\n", peakRssKb(), r.seconds);
        return 0;
    }
    const std::uint64_t requests = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;

    for (const char *model : {"mm1", "reference"}) {
        const sds::diagram::DiagramData d = loadDiagram(model);
        runEngine(d, requests / 10); // warm caches and the allocator
        runBare(model, requests / 10, d.run.seed);
        Range ratio, engineRate, bareRate;
        for (int round = 0; round < rounds; ++round) {
            const EngineRun e = runEngine(d, requests);
            const bench::BareResult b = runBare(model, requests, d.run.seed);
            ratio.add(b.seconds / e.seconds);
            engineRate.add(double(e.completed) / e.seconds);
            bareRate.add(double(b.completed) / b.seconds);
            std::printf("%s round %d: engine %.3f s (%llu events, mean %.3f ms), hand-written "
                        "%.3f s (%llu events, mean %.3f ms): engine/bare %.3f\n",
                        model, round + 1, e.seconds, static_cast<unsigned long long>(e.events),
                        e.meanLatency * 1e3, b.seconds, static_cast<unsigned long long>(b.events),
                        b.meanLatency * 1e3, b.seconds / e.seconds);
        }
        std::printf("%s, %llu requests, whole run: engine %.2f-%.2f M requests/s, hand-written "
                    "%.2f-%.2f M/s, engine/bare %.3f-%.3f over %d rounds (goal >= 0.5)\n",
                    model, static_cast<unsigned long long>(requests), engineRate.lo / 1e6,
                    engineRate.hi / 1e6, bareRate.lo / 1e6, bareRate.hi / 1e6, ratio.lo, ratio.hi,
                    rounds);
    }

    // SimPy on the same M/M/1, for the README's second engine goal.
    {
        const EngineRun ours = runEngine(loadDiagram("mm1"), 1000000);
        const double oursRate = double(ours.completed) / ours.seconds;
        QProcess simpy;
        simpy.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral(SDS_BENCH_DIR "/simpy_mm1.py"), QStringLiteral("100000")});
        const bool ran = simpy.waitForFinished(600000) && simpy.exitCode() == 0;
        const QList<QByteArray> parts = simpy.readAllStandardOutput().trimmed().split(' ');
        if (ran && parts.size() == 3) {
            const double theirs = parts[0].toDouble() / parts[1].toDouble();
            std::printf("M/M/1: engine %.2f M customers/s, SimPy %.3f M/s (mean %.2f ms): "
                        "%.0fx (goal >= 100x)\n",
                        oursRate / 1e6, theirs / 1e6, parts[2].toDouble() * 1e3, oursRate / theirs);
        } else {
            std::printf("M/M/1: SimPy not available (packaging/deps.sh --bench installs it)\n");
        }
    }

    for (const char *model : {"mm1", "reference"}) {
        for (const char *n : {"1000000", "10000000"}) {
            QProcess child;
            child.start(QString::fromLocal8Bit(argv[0]),
                        {QStringLiteral("--engine"), QLatin1String(model), QLatin1String(n)});
            child.waitForFinished(-1);
            const QList<QByteArray> parts = child.readAllStandardOutput().trimmed().split(' ');
            if (parts.size() != 3) {
                std::fprintf(stderr, "memory child failed\n");
                return 1;
            }
            std::printf("%s, %s requests: peak RSS %.1f MiB, request arena %s slots\n", model, n,
                        parts[0].toDouble() / 1024.0, parts[1].constData());
        }
    }
    return 0;
}
