// Experiments benchmark (PRODUCT.md: "K replications on C cores take no more
// than 1.25 x K / C single runs; a sweep streams its points as they
// finish"). In one process: K single runs one after another, the same K as
// replications on C threads, and their ratio against K / C; then a sweep's
// first point against its whole run time.
//
// usage: bench_experiments [K] [REQUESTS]   (default 16 replications of 200 000 requests)
#include "core/diagram/diagramformat.h"
#include "core/experiment/replications.h"
#include "core/experiment/sweep.h"
#include "core/sim/network.h"

#include <QElapsedTimer>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace {

sds::diagram::DiagramData loadDiagram(const char *name)
{
    const auto loaded =
        sds::diagram::loadDiagramFile(QStringLiteral(SDS_BENCH_DIR "/") + QLatin1String(name));
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.errors.join(u'\n')));
        std::exit(1);
    }
    return loaded.diagram;
}

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace sds::experiment;
    const int k = argc > 1 ? std::atoi(argv[1]) : 16;
    const std::uint64_t requests = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 200000;
    const int cores = threadCount(0);
    const auto diagram = loadDiagram("reference.json");
    const sds::sim::Network net = sds::sim::compileNetwork(diagram).network;
    RunLength length;
    length.requests = requests;

    QElapsedTimer t;
    t.start();
    for (int i = 0; i < k; ++i)
        runOnce(net, 1 + std::uint64_t(i), length);
    const double single = seconds(t);

    ReplicationPlan plan;
    plan.seeds = k;
    plan.baseSeed = 1;
    plan.length = length;
    plan.threads = cores;
    t.restart();
    runReplications(net, plan);
    const double parallel = seconds(t);
    const double ratio = parallel / (single / cores);
    std::printf("replications: %d runs of %llu requests on the reference topology\n", k,
                static_cast<unsigned long long>(requests));
    std::printf("  one after another %.3f s, on %d threads %.3f s\n", single, cores, parallel);
    std::printf("  parallel / (single / C) = %.3f (goal <= 1.25)\n", ratio);

    // A sweep streams: the first point lands after about 1 / N of the time.
    SweepPlan sweep;
    QString error = parseSweepParameter(diagram, QStringLiteral("rate"), sweep.parameter);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    sweep.from = 500;
    sweep.to = 3000;
    sweep.steps = 8;
    sweep.replications = plan;
    sweep.replications.seeds = cores * 2;
    std::atomic<qint64> firstNs{-1};
    t.restart();
    runSweep(diagram, sweep, nullptr, [&](int, const SweepPoint &) {
        qint64 expected = -1;
        firstNs.compare_exchange_strong(expected, t.nsecsElapsed());
    });
    const double whole = seconds(t);
    std::printf("sweep: %d points x %d seeds in %.3f s; first point after %.3f s (%.0f %% of the "
                "run; 1 / N = %.0f %%)\n",
                sweep.steps, sweep.replications.seeds, whole, double(firstNs.load()) / 1e9,
                100 * double(firstNs.load()) / 1e9 / whole, 100.0 / sweep.steps);
    return 0;
}
