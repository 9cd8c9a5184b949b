// The load factor has one owner, Network::loadFactor: the engine's arrivals
// follow it live, the analytic twin reads it, and scaleToTotalRate() sets it
// for a total rate.
#include "core/sim/analytic.h"
#include "core/sim/arrivals.h"
#include "core/sim/network.h"
#include "core/sim/simulation.h"
#include "simtestutil.h"

#include <QTest>

#include <cmath>

using namespace simtest;
using namespace sds::sim;

namespace {

const QString C = QStringLiteral("client");

// M/M/1: Poisson at @p rate into one exponential server of mean 4 ms.
DiagramData mm1(double rate, double duration)
{
    return diagram({node(C, NodeKind::Client, client(rate)),
                    node(QStringLiteral("web"), NodeKind::WebServer, station(1, 4))},
                   {edge(C, QStringLiteral("web"))}, duration, 0);
}

// A small Jackson network: two clients, a web tier and an app tier with feedback.
Network jackson()
{
    auto d = diagram({node(C, NodeKind::Client, client(30)),
                      node(QStringLiteral("c2"), NodeKind::Client, client(10)),
                      node(QStringLiteral("web"), NodeKind::WebServer, station(2, 10)),
                      node(QStringLiteral("app"), NodeKind::AppService, station(4, 20))},
                     {edge(C, QStringLiteral("web"), -1, 5),
                      edge(QStringLiteral("c2"), QStringLiteral("web"), -1, 5),
                      edge(QStringLiteral("web"), QStringLiteral("app"), 0.8, 1)},
                     60, 0);
    CompileResult c = compileNetwork(d);
    if (!c.ok())
        qFatal("%s", qPrintable(c.errors.join(u';')));
    return c.network;
}

double totalOffered(const Network &net)
{
    double total = 0;
    for (const NodeModel &n : net.nodes)
        total += n.behaviour == Behaviour::Source ? offeredRate(n, net.loadFactor) : 0;
    return total;
}

} // namespace

class TestLoadFactor : public QObject
{
    Q_OBJECT

private slots:
    void setLoadFactorDoublesTheArrivalRate()
    {
        auto sim = simulation(mm1(50, 1000));
        const std::uint32_t client = sim->network().nodeIndex(C);
        sim->runUntil(200);
        const auto sentBefore = sim->metrics().sent;
        sim->setLoadFactor(2);
        QCOMPARE(sim->network().loadFactor, 2.0);
        QCOMPARE(sim->network().nodes[client].rate, 50.0); // the base rate stays
        sim->runUntil(400);
        const double before = double(sentBefore) / 200;
        const double after = double(sim->metrics().sent - sentBefore) / 200;
        // Poisson counts: 10 000 and 20 000 expected, sd 100 and 141; 5 sd bounds.
        QVERIFY2(std::abs(before - 50) < 2.5, qPrintable(QString::number(before)));
        QVERIFY2(std::abs(after - 100) < 3.6, qPrintable(QString::number(after)));
        QVERIFY2(std::abs(after / before - 2) < 0.12, qPrintable(QString::number(after / before)));

        // Back to 1: the rate follows down too.
        const auto sentAtTwo = sim->metrics().sent;
        sim->setLoadFactor(1);
        sim->runUntil(600);
        const double again = double(sim->metrics().sent - sentAtTwo) / 200;
        QVERIFY2(std::abs(again - 50) < 2.5, qPrintable(QString::number(again)));
    }

    void loadFactorAtConstructionScalesTheRun()
    {
        CompileResult c = compileNetwork(mm1(50, 200));
        QVERIFY(c.ok());
        c.network.loadFactor = 2;
        Simulation sim(std::move(c.network));
        sim.run();
        const double rate = double(sim.metrics().sent) / 200;
        QVERIFY2(std::abs(rate - 100) < 3.6, qPrintable(QString::number(rate)));
        QCOMPARE(sim.network().loadFactor, 2.0);
    }

    void analyzeReadsTheLoadFactor()
    {
        Network scaled = jackson();
        scaled.loadFactor = 2;
        Network byHand = jackson();
        for (NodeModel &n : byHand.nodes) {
            if (n.behaviour == Behaviour::Source)
                n.rate *= 2;
        }
        const Prediction a = analyze(scaled);
        const Prediction b = analyze(byHand);
        const Prediction unscaled = analyze(jackson());
        QVERIFY2(a.applicable, qPrintable(a.reason));
        QVERIFY(a.stable);
        QCOMPARE(a.throughput, b.throughput);
        QCOMPARE(a.meanLatency, b.meanLatency);
        QCOMPARE(a.nodes.size(), b.nodes.size());
        for (std::size_t i = 0; i < a.nodes.size(); ++i) {
            QCOMPARE(a.nodes[i].arrivalRate, b.nodes[i].arrivalRate);
            QCOMPARE(a.nodes[i].utilization, b.nodes[i].utilization);
            QCOMPARE(a.nodes[i].meanQueue, b.nodes[i].meanQueue);
            QCOMPARE(a.nodes[i].responseTime, b.nodes[i].responseTime);
        }
        // And it is not the unscaled answer.
        QCOMPARE(unscaled.throughput * 2, a.throughput);
        QVERIFY(a.meanLatency > unscaled.meanLatency);
    }

    void scaleToTotalRateGivesTheTotal()
    {
        Network net = jackson();
        scaleToTotalRate(net, 200);
        QCOMPARE(net.loadFactor, 5.0);
        QCOMPARE(totalOffered(net), 200.0);
        // The proportions stay: the base rates are untouched.
        QCOMPARE(net.nodes[net.nodeIndex(C)].rate, 30.0);
        QCOMPARE(net.nodes[net.nodeIndex(QStringLiteral("c2"))].rate, 10.0);

        scaleToTotalRate(net, 7); // from any factor, not only from 1
        QVERIFY(std::abs(totalOffered(net) - 7) < 1e-12);
    }

    void scaleToTotalRateSplitsEvenlyWhenEveryRateIsZero()
    {
        Network net = jackson();
        for (NodeModel &n : net.nodes)
            n.rate = 0;
        scaleToTotalRate(net, 90);
        QCOMPARE(net.loadFactor, 1.0);
        QCOMPARE(net.nodes[net.nodeIndex(C)].rate, 45.0);
        QCOMPARE(net.nodes[net.nodeIndex(QStringLiteral("c2"))].rate, 45.0);
        QCOMPARE(totalOffered(net), 90.0);
    }
};

QTEST_APPLESS_MAIN(TestLoadFactor)
#include "tst_loadfactor.moc"
