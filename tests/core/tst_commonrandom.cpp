// Common random numbers: the engine draws each source's arrivals and each
// station's service times from streams of their own, seeded from the run's
// seed and the node's id, so two designs run on the same seed face the same
// workload. That is what makes an A/B comparison on paired seeds far less
// noisy than one on independent seeds.
#include "simtestutil.h"

#include <QTest>

#include <vector>

using namespace simtest;

namespace {

const QString kUsers = QStringLiteral("users");
const QString kWeb = QStringLiteral("web");

// One client at @p rate into a web tier of @p servers servers of 10 ms.
DiagramData tier(int servers, double rate, double duration, quint64 seed)
{
    return diagram({node(kUsers, NodeKind::Client, client(rate)),
                    node(kWeb, NodeKind::WebServer, station(servers, 10))},
                   {edge(kUsers, kWeb)}, duration, 0, seed);
}

// The same tier of @p servers servers of 5 ms in front of a busy 5.5 ms
// store: most of the latency is the store's queue, which both designs share.
DiagramData tandem(int servers, quint64 seed)
{
    DiagramData d =
        diagram({node(kUsers, NodeKind::Client, client(160)),
                 node(kWeb, NodeKind::WebServer, station(servers, 5)),
                 node(QStringLiteral("store"), NodeKind::AppService, station(1, 5.5))},
                {edge(kUsers, kWeb), edge(kWeb, QStringLiteral("store"))}, 120, 10, seed);
    return d;
}

double variance(const std::vector<double> &xs)
{
    double mean = 0;
    for (double x : xs)
        mean += x;
    mean /= double(xs.size());
    double sum = 0;
    for (double x : xs)
        sum += (x - mean) * (x - mean);
    return sum / double(xs.size() - 1);
}

} // namespace

class TestCommonRandom : public QObject
{
    Q_OBJECT

private slots:
    void arrivalsDoNotDependOnTheServerCount()
    {
        // 160 rps on 2 or 3 servers: the service draws happen at different
        // moments in the two designs, which desynchronised a single generator.
        auto a = simulation(tier(2, 160, 100, 42));
        auto b = simulation(tier(3, 160, 100, 42));
        for (int t = 1; t <= 100; ++t) {
            a->runUntil(t);
            b->runUntil(t);
            const auto sentA = nodeMetrics(a->metrics(), kUsers).arrivals;
            const auto sentB = nodeMetrics(b->metrics(), kUsers).arrivals;
            QVERIFY2(
                sentA == sentB,
                qPrintable(
                    QStringLiteral("at %1 s: %2 sent against %3").arg(t).arg(sentA).arg(sentB)));
        }
        QVERIFY(nodeMetrics(a->metrics(), kUsers).arrivals > 15000);
        // The designs do differ: a third server cuts the waiting.
        QVERIFY(a->metrics().latency.mean() > 1.2 * b->metrics().latency.mean());
    }

    void anotherNodeDoesNotShiftTheStreams()
    {
        // The same tier with a second client and server beside it: the first
        // client's arrivals and its server's latencies are exactly as before.
        DiagramData d = tier(2, 160, 60, 7);
        d.nodes.append(node(QStringLiteral("batch"), NodeKind::Client, client(50)));
        d.nodes.append(node(QStringLiteral("worker"), NodeKind::AppService, station(1, 5)));
        d.edges.append(edge(QStringLiteral("batch"), QStringLiteral("worker")));
        const auto alone = run(tier(2, 160, 60, 7));
        const auto beside = run(d);
        QCOMPARE(nodeMetrics(beside, kUsers).arrivals, nodeMetrics(alone, kUsers).arrivals);
        QCOMPARE(nodeMetrics(beside, kWeb).served, nodeMetrics(alone, kWeb).served);
        QCOMPARE(nodeMetrics(beside, kWeb).utilization, nodeMetrics(alone, kWeb).utilization);
        QVERIFY(nodeMetrics(beside, QStringLiteral("worker")).served > 2000);
    }

    void pairedSeedsMeasureTheDifferenceWithLessNoise()
    {
        // B - A for the mean latency over K seeds, B with one server more in
        // the web tier: with A and B on the same seed (paired) and with A on
        // other seeds (unpaired).
        constexpr int kSeeds = 24;
        std::vector<double> paired, unpaired;
        for (int k = 0; k < kSeeds; ++k) {
            const double b = run(tandem(3, quint64(k + 1))).latency.mean();
            const double a = run(tandem(2, quint64(k + 1))).latency.mean();
            const double other = run(tandem(2, quint64(k + 1001))).latency.mean();
            paired.push_back(b - a);
            unpaired.push_back(b - other);
        }
        const double ratio = variance(paired) / variance(unpaired);
        qInfo("variance of the paired difference / unpaired: %.4f", ratio);
        QVERIFY2(ratio < 0.05, qPrintable(QString::number(ratio)));
        double meanPaired = 0;
        for (double d : paired)
            meanPaired += d / kSeeds;
        QVERIFY(meanPaired < 0); // the third server helps
    }
};

QTEST_APPLESS_MAIN(TestCommonRandom)
#include "tst_commonrandom.moc"
