// The engine against queueing theory: each network has a closed-form mean
// response time, computed here from the textbook formula (not by the app's
// own analytic module), and the simulated mean must agree with it.
#include "core/sim/analytic.h"
#include "simtestutil.h"

#include <cmath>

using namespace simtest;
using sds::sim::RunMetrics;

namespace {

// Erlang C written out from its definition, independent of analytic.cpp.
double erlangCByDefinition(int c, double a)
{
    double sum = 0;
    double term = 1;
    for (int k = 0; k < c; ++k) {
        if (k > 0)
            term *= a / k;
        sum += term;
    }
    const double last = term * a / c; // a^c / c!
    const double rho = a / c;
    const double top = last / (1 - rho);
    return top / (sum + top);
}

// The simulated mean agrees when the formula lies in its 95 % interval or
// within 2 % of it (long runs have intervals narrower than the bias of the
// histogram-free mean, which is exact, so either test is fair).
void expectMean(const RunMetrics &m, double expectedSeconds)
{
    const double sim = m.latency.mean();
    const auto ci = m.latencyMeanCi;
    const bool inCi = ci.valid && expectedSeconds >= ci.low && expectedSeconds <= ci.high;
    const double rel = std::abs(sim - expectedSeconds) / expectedSeconds;
    QVERIFY2(inCi || rel <= 0.02,
             qPrintable(QStringLiteral("simulated %1 ms (CI %2-%3), formula %4 ms")
                            .arg(sim * 1e3)
                            .arg(ci.low * 1e3)
                            .arg(ci.high * 1e3)
                            .arg(expectedSeconds * 1e3)));
}

} // namespace

class TestQueueing : public QObject
{
    Q_OBJECT

private slots:
    void mm1_data()
    {
        QTest::addColumn<double>("rho");
        QTest::addColumn<double>("duration");
        QTest::newRow("rho 0.5") << 0.5 << 4000.0;
        QTest::newRow("rho 0.8") << 0.8 << 10000.0;
        QTest::newRow("rho 0.9") << 0.9 << 25000.0;
    }

    void mm1()
    {
        QFETCH(double, rho);
        QFETCH(double, duration);
        const double s = 0.010;
        const auto m =
            run(diagram({node(QStringLiteral("c"), NodeKind::Client, client(rho / s)),
                         node(QStringLiteral("q"), NodeKind::WebServer, station(1, 10))},
                        {edge(QStringLiteral("c"), QStringLiteral("q"))}, duration, 200, 11));
        expectMean(m, s / (1 - rho));
        QVERIFY(std::abs(nodeMetrics(m, QStringLiteral("q")).utilization - rho) < 0.01);
        // Little's law on the queue: Lq = lambda * Wq.
        const double lq = rho * rho / (1 - rho);
        QVERIFY(std::abs(nodeMetrics(m, QStringLiteral("q")).meanQueue - lq) / lq < 0.05);
    }

    void mmc()
    {
        const int c = 4;
        const double s = 0.020;
        const double lambda = 160; // a = 3.2, rho = 0.8
        const auto m =
            run(diagram({node(QStringLiteral("c"), NodeKind::Client, client(lambda)),
                         node(QStringLiteral("q"), NodeKind::AppService, station(c, 20))},
                        {edge(QStringLiteral("c"), QStringLiteral("q"))}, 4000, 100, 12));
        const double a = lambda * s;
        const double w = erlangCByDefinition(c, a) * s / (c - a) + s;
        expectMean(m, w);
        QVERIFY(std::abs(erlangCByDefinition(c, a) - sds::sim::erlangC(c, a)) < 1e-12);
    }

    void mmck_blocking()
    {
        const int c = 2;
        const int k = 5;
        const double s = 0.010;
        const double lambda = 220; // offered load a = 2.2 on 2 servers: blocking matters
        QVariantMap params = station(c, 10);
        params.insert(QStringLiteral("capacity"), k);
        const auto m = run(diagram({node(QStringLiteral("c"), NodeKind::Client, client(lambda)),
                                    node(QStringLiteral("q"), NodeKind::WebServer, params)},
                                   {edge(QStringLiteral("c"), QStringLiteral("q"))}, 3000, 50, 13));
        // p_n proportional to a^n / n! for n <= c and a^n / (c! c^(n-c)) beyond.
        const double a = lambda * s;
        std::vector<double> p(k + 1);
        double term = 1;
        double sum = 0;
        for (int n = 0; n <= k; ++n) {
            if (n > 0)
                term *= a / std::min(n, c);
            p[n] = term;
            sum += term;
        }
        const double blocking = p[k] / sum;
        const double simulated = double(m.rejected) / double(m.completed + m.failed);
        QVERIFY2(
            std::abs(simulated - blocking) / blocking < 0.02,
            qPrintable(
                QStringLiteral("blocking simulated %1, formula %2").arg(simulated).arg(blocking)));
        double inSystem = 0;
        for (int n = 0; n <= k; ++n)
            inSystem += n * p[n] / sum;
        expectMean(m, inSystem / (lambda * (1 - blocking)));
    }

    void md1()
    {
        const double s = 0.010;
        const double rho = 0.8;
        const auto m = run(diagram(
            {node(QStringLiteral("c"), NodeKind::Client, client(rho / s)),
             node(QStringLiteral("q"), NodeKind::WebServer, station(1, 10, "deterministic"))},
            {edge(QStringLiteral("c"), QStringLiteral("q"))}, 6000, 100, 14));
        expectMean(m, s + rho * s / (2 * (1 - rho)));
    }

    void mg1_lognormal()
    {
        const double s = 0.010;
        const double cv = 2.0;
        const double rho = 0.7;
        const auto m = run(diagram(
            {node(QStringLiteral("c"), NodeKind::Client, client(rho / s)),
             node(QStringLiteral("q"), NodeKind::WebServer, station(1, 10, "lognormal", cv))},
            {edge(QStringLiteral("c"), QStringLiteral("q"))}, 20000, 200, 15));
        // Pollaczek–Khinchine: W = s + lambda E[S^2] / (2 (1 - rho)), E[S^2] = s^2 (1 + cv^2).
        const double lambda = rho / s;
        expectMean(m, s + lambda * s * s * (1 + cv * cv) / (2 * (1 - rho)));
    }

    void tandem()
    {
        const double lambda = 50;
        const double s[] = {0.010, 0.014, 0.012}; // rho 0.5, 0.7, 0.6
        const auto m =
            run(diagram({node(QStringLiteral("c"), NodeKind::Client, client(lambda)),
                         node(QStringLiteral("a"), NodeKind::WebServer, station(1, 10)),
                         node(QStringLiteral("b"), NodeKind::AppService, station(1, 14)),
                         node(QStringLiteral("d"), NodeKind::AppService, station(1, 12))},
                        {edge(QStringLiteral("c"), QStringLiteral("a")),
                         edge(QStringLiteral("a"), QStringLiteral("b")),
                         edge(QStringLiteral("b"), QStringLiteral("d"))},
                        6000, 100, 16));
        double w = 0;
        for (double si : s)
            w += si / (1 - lambda * si);
        expectMean(m, w);
    }

    void jacksonWithFeedback()
    {
        // c -> A; A -> B (0.7) or leaves (0.3); B -> A (0.4) or C (0.6); C leaves.
        // lambdaA = g + 0.4 lambdaB, lambdaB = 0.7 lambdaA  =>  lambdaA = g / 0.72.
        const double g = 20;
        const double la = g / 0.72;
        const double lb = 0.7 * la;
        const double lc = 0.6 * lb;
        const double sa = 0.020, sb = 0.015, sc = 0.030;
        const auto m =
            run(diagram({node(QStringLiteral("c"), NodeKind::Client, client(g)),
                         node(QStringLiteral("A"), NodeKind::WebServer, station(1, 20)),
                         node(QStringLiteral("B"), NodeKind::AppService, station(1, 15)),
                         node(QStringLiteral("C"), NodeKind::AppService, station(1, 30))},
                        {edge(QStringLiteral("c"), QStringLiteral("A")),
                         edge(QStringLiteral("A"), QStringLiteral("B"), 0.7),
                         edge(QStringLiteral("B"), QStringLiteral("A"), 0.4),
                         edge(QStringLiteral("B"), QStringLiteral("C"), 0.6)},
                        20000, 200, 17));
        // Little's law: mean time in the network = sum of L_i / gamma.
        const auto l = [](double lambda, double s) {
            const double rho = lambda * s;
            return rho / (1 - rho);
        };
        expectMean(m, (l(la, sa) + l(lb, sb) + l(lc, sc)) / g);
        QVERIFY(std::abs(nodeMetrics(m, QStringLiteral("A")).utilization - la * sa) < 0.01);
    }

    void analyticTwinAgreesOnJackson()
    {
        const auto d = diagram({node(QStringLiteral("c"), NodeKind::Client, client(20)),
                                node(QStringLiteral("A"), NodeKind::WebServer, station(2, 40)),
                                node(QStringLiteral("B"), NodeKind::AppService, station(1, 15))},
                               {edge(QStringLiteral("c"), QStringLiteral("A")),
                                edge(QStringLiteral("A"), QStringLiteral("B"), 0.5),
                                edge(QStringLiteral("B"), QStringLiteral("A"), 0.2)},
                               10, 1);
        const auto p = sds::sim::analyze(sds::sim::compileNetwork(d).network);
        QVERIFY(p.applicable);
        QCOMPARE(p.model, QStringLiteral("Jackson network"));
        // lambdaA = 20 / (1 - 0.5 * 0.2) = 22.22, lambdaB = 11.11
        const double la = 20 / 0.9;
        const double lb = la / 2;
        const double aA = la * 0.040;
        const double wA = erlangCByDefinition(2, aA) * 0.040 / (2 - aA) + 0.040;
        const double wB = 0.015 / (1 - lb * 0.015);
        QVERIFY(std::abs(p.meanLatency - (la * wA + lb * wB) / 20) < 1e-9);
        QVERIFY(std::abs(p.nodes[0].utilization - aA / 2) < 1e-12);
    }

    void analyticRefusesWhatItCannotModel()
    {
        auto d = diagram({node(QStringLiteral("c"), NodeKind::Client, client(20)),
                          node(QStringLiteral("k"), NodeKind::Cache),
                          node(QStringLiteral("db"), NodeKind::SqlDatabase)},
                         {edge(QStringLiteral("c"), QStringLiteral("k")),
                          edge(QStringLiteral("k"), QStringLiteral("db"))},
                         10, 1);
        const auto p = sds::sim::analyze(sds::sim::compileNetwork(d).network);
        QVERIFY(!p.applicable);
        QVERIFY2(p.reason.contains(QStringLiteral("'k'")), qPrintable(p.reason));
    }
};

QTEST_APPLESS_MAIN(TestQueueing)
#include "tst_queueing.moc"
