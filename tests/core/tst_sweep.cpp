// Sweeps and capacity against queueing theory: an M/M/1 sweep over the rate
// follows the analytic curve, and the capacity for a p99 target lands near
// the closed form ln(100) / (mu - lambda) = target.
#include "core/experiment/capacity.h"
#include "core/experiment/sweep.h"
#include "tests/core/simtestutil.h"

#include <QTest>

#include <cmath>
#include <mutex>

using namespace sds::experiment;
using namespace simtest;

namespace {

DiagramData mm1Diagram(double rate, QVariantMap serverParams = station(1, 10))
{
    return diagram({node(QStringLiteral("users"), NodeKind::Client, client(rate)),
                    node(QStringLiteral("server"), NodeKind::WebServer, serverParams)},
                   {edge(QStringLiteral("users"), QStringLiteral("server"))}, 60, 5, 3);
}

sds::sim::Network compiled(const DiagramData &d)
{
    auto c = sds::sim::compileNetwork(d);
    if (!c.ok())
        qFatal("does not compile");
    return c.network;
}

ReplicationPlan reps(int seeds, std::uint64_t requests)
{
    ReplicationPlan p;
    p.seeds = seeds;
    p.baseSeed = 40;
    p.length.requests = requests;
    return p;
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private slots:
    void parsesWhatCanVary()
    {
        const DiagramData d = mm1Diagram(50);
        SweepParameter p;
        QVERIFY(parseSweepParameter(d, QStringLiteral("rate"), p).isEmpty());
        QCOMPARE(p.target, SweepParameter::Target::Rate);

        QVERIFY(parseSweepParameter(d, QStringLiteral("server.servers"), p).isEmpty());
        QCOMPARE(p.target, SweepParameter::Target::Node);
        QVERIFY(p.whole);
        QCOMPARE(p.min, 1.0);

        QVERIFY(parseSweepParameter(d, QStringLiteral("users->server.latency_ms"), p).isEmpty());
        QCOMPARE(p.target, SweepParameter::Target::Edge);
        QCOMPARE(p.id, QStringLiteral("users->server"));
        QVERIFY(!p.whole);

        QVERIFY(parseSweepParameter(d, QStringLiteral("nosuch.servers"), p).contains(u"no node"));
        QVERIFY(parseSweepParameter(d, QStringLiteral("server.colour"), p)
                    .contains(u"servers")); // lists what it has
        QVERIFY(!parseSweepParameter(d, QStringLiteral("server.service_dist"), p).isEmpty());
        QVERIFY(!parseSweepParameter(d, QStringLiteral("servers"), p).isEmpty());
        QVERIFY(sweepableParameters(d).contains(QStringLiteral("server.service_ms")));
        QCOMPARE(sweepableParameters(d).first(), QStringLiteral("rate"));
    }

    void valuesAreEvenAndWholeWhereTheParameterIs()
    {
        SweepPlan plan;
        plan.from = 10;
        plan.to = 20;
        plan.steps = 3;
        QCOMPARE(sweepValues(plan), (std::vector<double>{10, 15, 20}));
        plan.parameter.whole = true;
        plan.from = 1;
        plan.to = 2;
        plan.steps = 4; // 1, 1.33, 1.67, 2 -> 1, 2
        QCOMPARE(sweepValues(plan), (std::vector<double>{1, 2}));
        plan.steps = 1;
        QCOMPARE(sweepValues(plan), (std::vector<double>{1}));
    }

    void impossiblePlansAreRefused()
    {
        const DiagramData d = mm1Diagram(50);
        SweepPlan plan;
        plan.replications = reps(2, 100);
        QVERIFY(parseSweepParameter(d, QStringLiteral("server.servers"), plan.parameter).isEmpty());
        plan.from = 0; // below the catalogue's minimum of 1
        plan.to = 4;
        QVERIFY(checkSweepPlan(plan).contains(u"between"));
        plan.from = 1;
        plan.steps = 0;
        QVERIFY(!checkSweepPlan(plan).isEmpty());
        plan.steps = 201;
        QVERIFY(!checkSweepPlan(plan).isEmpty());
        plan.steps = 4;
        QVERIFY(checkSweepPlan(plan).isEmpty());
    }

    void eachPointChangesOnlyItsValue()
    {
        const DiagramData d = mm1Diagram(50);
        SweepPlan plan;
        QVERIFY(parseSweepParameter(d, QStringLiteral("server.servers"), plan.parameter).isEmpty());
        plan.loadFactor = 1.5;
        const auto at3 = networkAt(d, plan, 3);
        QVERIFY(at3.ok());
        const auto &server = at3.network.nodes[at3.network.nodeIndex(QStringLiteral("server"))];
        QCOMPARE(server.servers, 3);
        QCOMPARE(at3.network.loadFactor, 1.5); // the lab's slider stays in force

        QVERIFY(parseSweepParameter(d, QStringLiteral("rate"), plan.parameter).isEmpty());
        const auto at70 = networkAt(d, plan, 70);
        QVERIFY(std::abs(totalRate(at70.network) - 70) < 1e-9);
    }

    void mm1SweepFollowsTheAnalyticCurve()
    {
        const DiagramData d = mm1Diagram(50);
        SweepPlan plan;
        QVERIFY(parseSweepParameter(d, QStringLiteral("rate"), plan.parameter).isEmpty());
        plan.from = 20;
        plan.to = 80;
        plan.steps = 4;
        plan.replications = reps(8, 20000);
        std::mutex m;
        std::vector<int> seen;
        const SweepResult r = runSweep(d, plan, nullptr, [&](int i, const SweepPoint &) {
            std::lock_guard lock(m);
            seen.push_back(i);
        });
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.points.size(), std::size_t(4));
        QCOMPARE(seen.size(), std::size_t(4));
        double previous = 0;
        for (const SweepPoint &p : r.points) {
            // W = 10 ms / (1 - lambda / 100)
            const double expected = 10 / (1 - p.value / 100);
            QVERIFY(p.analyticLatencyMs);
            QVERIFY(std::abs(*p.analyticLatencyMs - expected) < 1e-6);
            const Estimate &w = p.summary[Metric::LatencyMean];
            QVERIFY2(std::abs(w.mean - expected) < std::max(3 * w.halfWidth(), 0.03 * expected),
                     qPrintable(QStringLiteral("at %1 rps: %2 [%3, %4], theory %5")
                                    .arg(p.value)
                                    .arg(w.mean)
                                    .arg(w.low)
                                    .arg(w.high)
                                    .arg(expected)));
            QVERIFY(w.mean > previous); // the knee: latency climbs with the load
            previous = w.mean;
        }
    }

    void noTwinWhereNoFormulaApplies()
    {
        // Past saturation the twin has no finite answer; the runs say overloaded or slow.
        const DiagramData d = mm1Diagram(50);
        SweepPlan plan;
        QVERIFY(parseSweepParameter(d, QStringLiteral("rate"), plan.parameter).isEmpty());
        plan.from = plan.to = 120;
        plan.steps = 1;
        plan.replications = reps(2, 2000);
        const SweepResult r = runSweep(d, plan);
        QCOMPARE(r.points.size(), std::size_t(1));
        QVERIFY(!r.points[0].analyticLatencyMs);
    }

    void cancelledSweepSaysSo()
    {
        const DiagramData d = mm1Diagram(50);
        SweepPlan plan;
        QVERIFY(parseSweepParameter(d, QStringLiteral("rate"), plan.parameter).isEmpty());
        plan.from = 10;
        plan.to = 50;
        plan.steps = 3;
        plan.replications = reps(2, 1000);
        Progress p;
        p.cancel = true;
        const SweepResult r = runSweep(d, plan, &p);
        QVERIFY(r.cancelled);
        QVERIFY(r.points.empty());
    }

    void mm1CapacityNearTheClosedForm()
    {
        // Response time in M/M/1 is exponential with rate mu - lambda, so
        // p99 = ln(100) / (mu - lambda); for 100 ms: lambda = 100 - 46.05 = 53.95 rps.
        CapacityPlan plan;
        plan.goal.p99Ms = 100;
        plan.replications = reps(6, 20000);
        Progress progress;
        const CapacityResult r = findCapacity(compiled(mm1Diagram(50)), plan, &progress);
        QVERIFY2(r.ok(), qPrintable(r.problem));
        const double expected = 100 - std::log(100.0) / 0.1;
        QVERIFY2(std::abs(r.maxRate.mean - expected) < 0.05 * expected,
                 qPrintable(QStringLiteral("%1 [%2, %3] against %4")
                                .arg(r.maxRate.mean)
                                .arg(r.maxRate.low)
                                .arg(r.maxRate.high)
                                .arg(expected)));
        QVERIFY(r.maxRate.low < r.maxRate.high);
        QCOMPARE(r.perSeed.size(), std::size_t(6));
        QCOMPARE(progress.done.load(), progress.total.load());
        // At the limit the p99 sits near the target.
        QVERIFY(std::abs(r.atMax[Metric::LatencyP99].mean - 100) < 15);
    }

    void capacityWithAnErrorLimit()
    {
        // M/M/1/K with K = 5 at a loose p99: the blocking probability
        // (1 - rho) rho^K / (1 - rho^(K+1)) limits the rate first.
        QVariantMap params = station(1, 10);
        params.insert(QStringLiteral("capacity"), 5);
        CapacityPlan plan;
        plan.goal.p99Ms = 10000;
        plan.goal.maxErrorRate = 0.01;
        plan.replications = reps(6, 20000);
        const CapacityResult r = findCapacity(compiled(mm1Diagram(20, params)), plan);
        QVERIFY2(r.ok(), qPrintable(r.problem));
        // Blocking = 1 % at rho ~ 0.48 for K = 5 (solved numerically below).
        double lo = 0.01, hi = 0.99;
        for (int i = 0; i < 60; ++i) {
            const double rho = (lo + hi) / 2;
            const double b = (1 - rho) * std::pow(rho, 5) / (1 - std::pow(rho, 6));
            (b < 0.01 ? lo : hi) = rho;
        }
        const double expected = lo * 100;
        QVERIFY2(std::abs(r.maxRate.mean - expected) < 0.1 * expected,
                 qPrintable(QStringLiteral("%1 against %2").arg(r.maxRate.mean).arg(expected)));
    }

    void unreachableGoalIsSaid()
    {
        // Exponential service of 10 ms alone has a p99 of 46 ms: 5 ms cannot be met.
        CapacityPlan plan;
        plan.goal.p99Ms = 5;
        plan.replications = reps(2, 2000);
        const CapacityResult r = findCapacity(compiled(mm1Diagram(50)), plan);
        QVERIFY(!r.ok());
        QVERIFY(r.problem.contains(u"not met"));
    }

    void badCapacityPlansAreRefused()
    {
        CapacityPlan plan;
        plan.goal.p99Ms = 0;
        QVERIFY(!checkCapacityPlan(plan).isEmpty());
        plan.goal.p99Ms = 100;
        plan.goal.maxErrorRate = 1.5;
        QVERIFY(!checkCapacityPlan(plan).isEmpty());
        plan.goal.maxErrorRate = 0.01;
        QVERIFY(checkCapacityPlan(plan).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
