// The event loop compiled for networks of sources and plain stations must
// give exactly what the general loop gives: every counter, every latency
// figure, every sample of the time series, for several plain networks, whole
// runs and runs driven in steps, and after the lab fails a node mid-run.
#include "core/sim/report.h"
#include "simtestutil.h"

#include <QJsonDocument>

Q_DECLARE_METATYPE(sds::diagram::DiagramData)

using namespace simtest;
using sds::sim::RunMetrics;
using sds::sim::Simulation;

namespace {

const QString C = QStringLiteral("users");

// Everything a run produces, as text: the report, the figures it leaves out,
// and the whole time series. Bit-exact: doubles are printed with all digits.
QByteArray fingerprint(Simulation &sim)
{
    const RunMetrics m = sim.metrics();
    QByteArray out = QJsonDocument(sds::sim::runReport(m, sim.network(), {0, false, 1})).toJson();
    const auto num = [&out](double v) {
        out += QByteArray::number(v, 'g', 17) + ' ';
    };
    num(m.now);
    num(m.measured);
    num(double(m.events));
    num(m.latency.mean());
    num(m.latency.min());
    num(m.latency.max());
    for (double q : {0.1, 0.5, 0.9, 0.99, 0.999})
        num(m.latency.quantile(q));
    num(m.latencyMeanCi.low);
    num(m.latencyMeanCi.high);
    num(m.throughputCi.low);
    num(m.throughputCi.high);
    for (const auto &n : m.nodes) {
        for (double v : {double(n.arrivals), double(n.served), n.utilization, n.meanQueue,
                         double(n.queueNow), double(n.busyNow)})
            num(v);
    }
    out += '\n';
    for (const auto &s : sim.samples()) {
        for (double v : {s.time, s.throughput, s.errorRate, s.p50, s.p95, s.p99})
            num(v);
        for (float u : s.utilization)
            num(u);
        for (float q : s.queue)
            num(q);
        out += '\n';
    }
    out += QByteArray::number(qulonglong(sim.pendingEvents())) + ' ' +
           QByteArray::number(qulonglong(sim.arenaSize()));
    return out;
}

// Whole runs, and the same run in slices as the lab drives it.
enum class Drive { Run, Slices, Events, FailMidway };

QByteArray runWith(const DiagramData &d, bool fast, Drive drive, bool percentiles,
                   std::uint64_t stopAfter)
{
    auto sim = simulation(d);
    sim->setFastPath(fast);
    sim->setSamplePercentiles(percentiles);
    if (stopAfter > 0)
        sim->setStopAfterRequests(stopAfter);
    switch (drive) {
    case Drive::Run:
        sim->run();
        break;
    case Drive::Slices:
        for (double t = 0.37; sim->runUntil(t); t += 0.37) {
        }
        break;
    case Drive::Events:
        while (sim->runEvents(997) > 0) {
        }
        break;
    case Drive::FailMidway: {
        const double half = d.run.durationS / 2;
        sim->runUntil(half);
        const std::uint32_t web = sim->network().nodeIndex(QStringLiteral("web"));
        sim->failNode(web);
        sim->runUntil(half + 1);
        sim->restoreNode(web);
        sim->run();
        break;
    }
    }
    return fingerprint(*sim);
}

} // namespace

class TestPlainLoop : public QObject
{
    Q_OBJECT

private slots:
    void sameResultsOnBothLoops_data()
    {
        QTest::addColumn<DiagramData>("design");
        const QString web = QStringLiteral("web"), app = QStringLiteral("app"),
                      a = QStringLiteral("a"), b = QStringLiteral("b");
        QTest::newRow("M/M/1") << diagram(
            {node(C, NodeKind::Client, client(80)), node(web, NodeKind::WebServer, station(1, 10))},
            {edge(C, web)}, 60, 5, 7);
        QTest::newRow("tandem, edge latency, M/D/4 and lognormal")
            << diagram({node(C, NodeKind::Client, client(300)),
                        node(web, NodeKind::WebServer, station(4, 10, "deterministic")),
                        node(app, NodeKind::AppService, station(2, 5, "lognormal", 2))},
                       {edge(C, web, -1, 2), edge(web, app, -1, 0.5)}, 40, 3, 11);
        QTest::newRow("probabilistic routing, two clients, constant arrivals") << diagram(
            {node(C, NodeKind::Client, client(150)),
             node(QStringLiteral("batch"), NodeKind::Client,
                  with(client(40), {{QStringLiteral("pattern"), QStringLiteral("constant")}})),
             node(web, NodeKind::WebServer, station(3, 8, "uniform", 0.4)),
             node(a, NodeKind::AppService, station(1, 4)),
             node(b, NodeKind::AppService, station(2, 6))},
            {edge(C, web), edge(QStringLiteral("batch"), web), edge(web, a, 0.6),
             edge(web, b, 0.3)},
            40, 2, 3);
        QTest::newRow("weighted fan-out, bursty arrivals") << diagram(
            {node(C, NodeKind::Client,
                  with(client(200), {{QStringLiteral("pattern"), QStringLiteral("bursty")}})),
             node(web, NodeKind::WebServer, station(2, 4)),
             node(a, NodeKind::AppService, station(1, 3)),
             node(b, NodeKind::AppService, station(1, 3))},
            {edge(C, web), edge(web, a, -1, 1), edge(web, b)}, 40, 2, 5);
    }

    void sameResultsOnBothLoops()
    {
        QFETCH(DiagramData, design);
        for (const Drive drive : {Drive::Run, Drive::Slices, Drive::Events, Drive::FailMidway}) {
            for (const bool percentiles : {true, false}) {
                const QByteArray general = runWith(design, false, drive, percentiles, 0);
                const QByteArray fast = runWith(design, true, drive, percentiles, 0);
                QVERIFY(general.contains("\"completed\""));
                QCOMPARE(fast, general);
            }
        }
        // Ended by a count, as sdstudio-cli sim run --requests.
        QCOMPARE(runWith(design, true, Drive::Run, false, 3000),
                 runWith(design, false, Drive::Run, false, 3000));
    }

    void theFingerprintTellsRunsApart()
    {
        // The comparison above means something only if a different run shows.
        const DiagramData one =
            diagram({node(C, NodeKind::Client, client(80)),
                     node(QStringLiteral("web"), NodeKind::WebServer, station(1, 10))},
                    {edge(C, QStringLiteral("web"))}, 30, 5, 1);
        DiagramData other = one;
        other.run.seed = 2;
        QVERIFY(runWith(one, true, Drive::Run, true, 0) !=
                runWith(other, true, Drive::Run, true, 0));
        QVERIFY(runWith(one, true, Drive::Run, true, 0) !=
                runWith(one, true, Drive::FailMidway, true, 0));
    }
};

QTEST_GUILESS_MAIN(TestPlainLoop)
#include "tst_simplainloop.moc"
