// Replications, the A/B verdict and the statistics under them, checked
// against closed forms: Student t intervals by hand, M/M/1 latency, and the
// property that made us write them (same seeds, same figures, any threads).
#include "core/experiment/compare.h"
#include "core/experiment/confidence.h"
#include "core/experiment/replications.h"
#include "tests/core/simtestutil.h"

#include <QTest>

#include <cmath>

using namespace sds::experiment;
using namespace simtest;

namespace {

// M/M/1 with a 10 ms mean service at the given arrival rate.
sds::sim::Network mm1(double rate, int servers = 1)
{
    auto c = sds::sim::compileNetwork(
        diagram({node(QStringLiteral("users"), NodeKind::Client, client(rate)),
                 node(QStringLiteral("server"), NodeKind::WebServer, station(servers, 10))},
                {edge(QStringLiteral("users"), QStringLiteral("server"))}, 60, 5, 3));
    if (!c.ok())
        qFatal("mm1 does not compile");
    return c.network;
}

ReplicationPlan plan(int seeds, std::uint64_t requests, int threads = 1)
{
    ReplicationPlan p;
    p.seeds = seeds;
    p.baseSeed = 100;
    p.length.requests = requests;
    p.threads = threads;
    return p;
}

} // namespace

class TestExperiment : public QObject
{
    Q_OBJECT

private slots:
    void studentIntervalByHand()
    {
        const Estimate e = estimate({1, 2, 3, 4, 5});
        QCOMPARE(e.n, 5);
        QCOMPARE(e.mean, 3.0);
        // s = sqrt(2.5), se = s / sqrt(5), t(4; 0.975) = 2.776445
        const double half = 2.776445105 * std::sqrt(2.5 / 5);
        QVERIFY(std::abs(e.high - (3 + half)) < 1e-8);
        QVERIFY(std::abs(e.low - (3 - half)) < 1e-8);
    }

    void missingValuesAreLeftOutAndCounted()
    {
        const Estimate e = estimate({2, std::nan(""), 4});
        QCOMPARE(e.n, 2);
        QCOMPARE(e.missing, 1);
        QCOMPARE(e.mean, 3.0);
        QVERIFY(!estimate({std::nan("")}).valid());
        const Estimate one = estimate({7});
        QCOMPARE(one.low, 7.0);
        QCOMPARE(one.high, 7.0);
    }

    void sameFiguresWhateverTheThreads()
    {
        const auto net = mm1(80);
        const auto one = runReplications(net, plan(6, 3000, 1));
        const auto two = runReplications(net, plan(6, 3000, 2));
        const auto three = runReplications(net, plan(6, 3000, 3));
        QCOMPARE(one.size(), std::size_t(6));
        for (std::size_t i = 0; i < one.size(); ++i) {
            for (Metric m : allMetrics()) {
                const double a = at(one[i].values, m);
                QCOMPARE(at(two[i].values, m), a);
                QCOMPARE(at(three[i].values, m), a);
            }
        }
        // ... and the seeds do differ from each other.
        QVERIFY(at(one[0].values, Metric::LatencyMean) != at(one[1].values, Metric::LatencyMean));
    }

    void runIIsSeedBasePlusI()
    {
        const auto net = mm1(80);
        const auto runs = runReplications(net, plan(3, 2000));
        const RunResult alone = runOnce(net, 102, plan(1, 2000).length);
        QCOMPARE(at(runs[2].values, Metric::LatencyP99), at(alone.values, Metric::LatencyP99));
    }

    void mm1MeanLatencyInsideTheInterval()
    {
        // W = S / (1 - rho) = 10 ms / 0.2 = 50 ms; throughput = lambda.
        const Summary s = summarize(runReplications(mm1(80), plan(12, 40000, 0)));
        QCOMPARE(s.runs, 12);
        const Estimate &w = s[Metric::LatencyMean];
        QVERIFY2(w.low < 50 && 50 < w.high,
                 qPrintable(QStringLiteral("%1 [%2, %3]").arg(w.mean).arg(w.low).arg(w.high)));
        QVERIFY(w.halfWidth() < 5); // replications narrow it down, not just cover it
        QVERIFY(std::abs(s[Metric::Throughput].mean - 80) < 2);
        QCOMPARE(s[Metric::ErrorRate].mean, 0.0);
    }

    void progressCountsRunsAndCancelStops()
    {
        Progress p;
        runReplications(mm1(80), plan(4, 1000, 2), &p);
        QCOMPARE(p.total.load(), 4);
        QCOMPARE(p.done.load(), 4);

        Progress cancelled;
        cancelled.cancel = true;
        const auto runs = runReplications(mm1(80), plan(4, 1000, 2), &cancelled);
        QCOMPARE(cancelled.done.load(), 0);
        QCOMPARE(summarize(runs).runs, 0);
    }

    void nothingAnsweredIsNoLatencyNotZero()
    {
        sds::sim::Network net = mm1(80);
        net.faults.push_back({net.nodeIndex(QStringLiteral("server")), 0, 1e9});
        RunLength len;
        len.durationS = 20;
        const RunResult r = runOnce(net, 1, len);
        QVERIFY(std::isnan(at(r.values, Metric::LatencyP99)));
        QVERIFY(at(r.values, Metric::ErrorRate) > 0.99);
    }

    void badPlansAreRefused()
    {
        QVERIFY(!checkPlan(plan(0, 10)).isEmpty());
        QVERIFY(!checkPlan(plan(1001, 10)).isEmpty());
        QVERIFY(checkPlan(plan(10, 10)).isEmpty());
    }

    void verdictInWords()
    {
        const auto diff = [](double lo, double hi) {
            Estimate e;
            e.low = lo;
            e.high = hi;
            e.mean = (lo + hi) / 2;
            e.n = 10;
            return e;
        };
        QCOMPARE(verdictFor(Metric::LatencyP99, diff(-5, -1), 50), Verdict::Better);
        QCOMPARE(verdictFor(Metric::LatencyP99, diff(1, 5), 50), Verdict::Worse);
        QCOMPARE(verdictFor(Metric::Throughput, diff(1, 5), 50), Verdict::Better);
        QCOMPARE(verdictFor(Metric::Throughput, diff(-5, -1), 50), Verdict::Worse);
        QCOMPARE(verdictFor(Metric::LatencyP99, diff(-1, 5), 50), Verdict::NoClearDifference);
        // Clear but negligible: 0.2 ms on 50 ms is under 1 %.
        QCOMPARE(verdictFor(Metric::LatencyP99, diff(0.1, 0.3), 50), Verdict::NoClearDifference);
        QCOMPARE(verdictText(Verdict::NoClearDifference), QStringLiteral("no clear difference"));
    }

    void identicalDesignsShowNoClearDifference()
    {
        const Comparison c = compare(mm1(80), mm1(80), plan(8, 5000, 2));
        for (Metric m : allMetrics()) {
            QCOMPARE(c[m].verdict, Verdict::NoClearDifference);
            if (c[m].diff.valid())
                QCOMPARE(c[m].diff.mean, 0.0); // same seeds, same runs
        }
    }

    void aServerMoreOnASaturatedTierIsBetter()
    {
        // rho = 0.95 on one server against 0.475 on two: W falls from 200 ms to ~13 ms.
        const Comparison c = compare(mm1(95, 1), mm1(95, 2), plan(8, 20000, 0));
        QCOMPARE(c[Metric::LatencyMean].verdict, Verdict::Better);
        QCOMPARE(c[Metric::LatencyP99].verdict, Verdict::Better);
        QVERIFY(c[Metric::LatencyMean].diff.high < -100);
        // The same requests are answered either way, and the second server costs $35 a month.
        QCOMPARE(c[Metric::ErrorRate].verdict, Verdict::NoClearDifference);
        QCOMPARE(c[Metric::Cost].diff.mean, 35.0);
        QCOMPARE(c[Metric::Cost].verdict, Verdict::Worse);
        // ... and the reverse reads as worse.
        const Comparison r = compare(mm1(95, 2), mm1(95, 1), plan(8, 20000, 0));
        QCOMPARE(r[Metric::LatencyP99].verdict, Verdict::Worse);
    }
};

QTEST_GUILESS_MAIN(TestExperiment)
#include "tst_experiment.moc"
