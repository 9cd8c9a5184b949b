// Engine benchmark (PRODUCT.md): the event rate of the simulation on a
// reference topology, against a bare std::priority_queue push/pop loop with
// the same number of events and the same heap size, in the same process;
// peak memory for 1 M vs 10 M simulated requests, each measured in a
// child process of its own so one run's peak cannot hide the other's; and
// customers per second against SimPy on the same M/M/1 model (when
// packaging/deps.sh --bench has installed it).
//
// usage: bench_engine [REQUESTS]      (default 2 000 000)
#include "core/diagram/diagramformat.h"
#include "core/sim/network.h"
#include "core/sim/simulation.h"

#include <QElapsedTimer>
#include <QProcess>
#include <queue>

#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>
#include <vector>

namespace {

sds::sim::Network loadNetwork(const char *name)
{
    const auto loaded =
        sds::diagram::loadDiagramFile(QStringLiteral(SDS_BENCH_DIR "/") + QLatin1String(name));
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.errors.join(u'\n')));
        std::exit(1);
    }
    auto compiled = sds::sim::compileNetwork(loaded.diagram);
    if (!compiled.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(compiled.errors.join(u'\n')));
        std::exit(1);
    }
    return std::move(compiled.network);
}

struct EngineRun {
    std::uint64_t events = 0;
    double seconds = 0;
    std::size_t pending = 0;
    std::size_t arena = 0;
};

EngineRun runEngine(std::uint64_t requests)
{
    sds::sim::Simulation sim(loadNetwork("reference.json"));
    sim.setStopAfterRequests(requests);
    sim.setSamplePercentiles(false); // as sdstudio-cli sim run
    QElapsedTimer t;
    t.start();
    sim.run();
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    return {sim.metrics().events, seconds, sim.pendingEvents(), sim.arenaSize()};
}

// The same 32-byte event the engine uses, ordered the same way.
struct BareEvent {
    double time;
    std::uint64_t seq;
    std::uint32_t a, b;
    std::uint8_t type;
};
struct Later {
    bool operator()(const BareEvent &x, const BareEvent &y) const
    {
        return x.time > y.time || (x.time == y.time && x.seq > y.seq);
    }
};

// Hold model: pop the earliest event, push one a random step later.
double runBare(std::uint64_t events, std::size_t heapSize)
{
    std::priority_queue<BareEvent, std::vector<BareEvent>, Later> q;
    std::uint64_t x = 88172645463325252ull; // xorshift64, cheaper than the engine's generator
    const auto step = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return double(x >> 11) * 0x1.0p-53;
    };
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < heapSize; ++i)
        q.push({step(), seq++, 0, 0, 0});
    QElapsedTimer t;
    t.start();
    double sink = 0;
    for (std::uint64_t i = 0; i < events; ++i) {
        const BareEvent e = q.top();
        q.pop();
        sink += e.a;
        q.push({e.time + step(), seq++, std::uint32_t(i), 0, 1});
    }
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    if (sink < 0)
        std::puts("");
    return seconds;
}

long peakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--memory") == 0) {
        const EngineRun r = runEngine(std::strtoull(argv[2], nullptr, 10));
        std::printf("%ld %zu\n", peakRssKb(), r.arena);
        return 0;
    }
    const std::uint64_t requests = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2000000;

    runEngine(requests / 10); // warm caches and the allocator
    const EngineRun engine = runEngine(requests);
    const double bare = runBare(engine.events, std::max<std::size_t>(engine.pending, 16));
    const double engineRate = double(engine.events) / engine.seconds;
    const double bareRate = double(engine.events) / bare;
    std::printf("reference topology, %llu requests: %llu events in %.3f s = %.2f M events/s "
                "(heap ~%zu events)\n",
                static_cast<unsigned long long>(requests),
                static_cast<unsigned long long>(engine.events), engine.seconds, engineRate / 1e6,
                engine.pending);
    std::printf("bare std::priority_queue, same events: %.3f s = %.2f M events/s\n", bare,
                bareRate / 1e6);
    std::printf("engine / bare = %.3f (goal >= 0.333)\n", engineRate / bareRate);

    // The same M/M/1 (80 rps, 10 ms exponential service) in both.
    {
        const std::uint64_t customers = 1000000;
        sds::sim::Network network = loadNetwork("mm1.json");
        network.duration = 1e12; // end by count, not by the file's run length
        sds::sim::Simulation mm1(std::move(network));
        mm1.setStopAfterRequests(customers);
        mm1.setSamplePercentiles(false);
        QElapsedTimer t;
        t.start();
        mm1.run();
        const double ours = double(mm1.metrics().completed) / (double(t.nsecsElapsed()) / 1e9);
        std::printf("M/M/1: engine %.2f M customers/s (mean latency %.2f ms)\n", ours / 1e6,
                    mm1.metrics().latency.mean() * 1e3);
        QProcess simpy;
        simpy.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral(SDS_BENCH_DIR "/simpy_mm1.py"), QStringLiteral("100000")});
        const bool ran = simpy.waitForFinished(600000) && simpy.exitCode() == 0;
        const QList<QByteArray> parts = simpy.readAllStandardOutput().trimmed().split(' ');
        if (ran && parts.size() == 3) {
            const double theirs = parts[0].toDouble() / parts[1].toDouble();
            std::printf("M/M/1: SimPy %.3f M customers/s (mean latency %.2f ms)\n", theirs / 1e6,
                        parts[2].toDouble() * 1e3);
            std::printf("engine / SimPy = %.0fx (goal >= 100x)\n", ours / theirs);
        } else {
            std::printf("M/M/1: SimPy not available (packaging/deps.sh --bench installs it)\n");
        }
    }

    for (const char *n : {"1000000", "10000000"}) {
        QProcess child;
        child.start(QString::fromLocal8Bit(argv[0]),
                    {QStringLiteral("--memory"), QLatin1String(n)});
        child.waitForFinished(-1);
        const QList<QByteArray> parts = child.readAllStandardOutput().trimmed().split(' ');
        if (parts.size() != 2) {
            std::fprintf(stderr, "memory child failed\n");
            return 1;
        }
        std::printf("%s requests: peak RSS %.1f MiB, request arena %s slots\n", n,
                    parts[0].toDouble() / 1024.0, parts[1].constData());
    }
    return 0;
}
