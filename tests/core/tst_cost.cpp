// The monthly cost model: each kind priced by its size, worked by hand from
// the list prices FORMAT.md gives, and the per-request services priced from
// the traffic a real run measured.
#include "core/sim/cost.h"
#include "core/sim/report.h"
#include "tests/core/simtestutil.h"

#include <QTest>

#include <cmath>

using namespace simtest;
using sds::sim::CostEstimate;

namespace {

sds::sim::Network compiled(const DiagramData &d)
{
    auto c = sds::sim::compileNetwork(d);
    if (!c.ok())
        qFatal("does not compile: %s", qPrintable(c.errors.join(u'\n')));
    return c.network;
}

double itemOf(const CostEstimate &c, const QString &node)
{
    for (const auto &i : c.items)
        if (i.node == node)
            return i.perMonth;
    return std::nan("");
}

} // namespace

class TestCost : public QObject
{
    Q_OBJECT

private slots:
    void computeIsPricedByTheVcpu()
    {
        const auto d = diagram({node(QStringLiteral("c"), NodeKind::Client, client(10)),
                                node(QStringLiteral("web"), NodeKind::WebServer, station(8, 10)),
                                node(QStringLiteral("lb"), NodeKind::LoadBalancer)},
                               {edge(QStringLiteral("c"), QStringLiteral("lb")),
                                edge(QStringLiteral("lb"), QStringLiteral("web"))},
                               10, 1);
        const CostEstimate c = sds::sim::monthlyCost(compiled(d));
        QCOMPARE(itemOf(c, QStringLiteral("web")), 8 * 35.0);
        QCOMPARE(itemOf(c, QStringLiteral("lb")), 22.0);
        QCOMPARE(c.total, 8 * 35.0 + 22);
        QVERIFY(std::isnan(itemOf(c, QStringLiteral("c")))); // clients cost nothing
        QVERIFY(!c.trafficKnown);
    }

    void moreServersCostMore()
    {
        // "Just add servers" has a price: doubling them doubles the tier's cost.
        const auto cost = [](int servers) {
            return sds::sim::monthlyCost(
                       compiled(diagram({node(QStringLiteral("c"), NodeKind::Client, client(10)),
                                         node(QStringLiteral("app"), NodeKind::AppService,
                                              station(servers, 10))},
                                        {edge(QStringLiteral("c"), QStringLiteral("app"))}, 10, 1)))
                .total;
        };
        QCOMPARE(cost(16), 2 * cost(8));
    }

    void databasesByInstanceCachesByMemory()
    {
        QVariantMap db = station(8, 5);
        db.insert(QStringLiteral("replicas"), 2);
        db.insert(QStringLiteral("shards"), 4);
        QVariantMap small{{QStringLiteral("cache_keys"), 100000}};
        QVariantMap big{{QStringLiteral("cache_keys"), 10000000}};
        const auto d = diagram({node(QStringLiteral("c"), NodeKind::Client, client(10)),
                                node(QStringLiteral("small"), NodeKind::Cache, small),
                                node(QStringLiteral("big"), NodeKind::Cache, big),
                                node(QStringLiteral("db"), NodeKind::SqlDatabase, db)},
                               {edge(QStringLiteral("c"), QStringLiteral("small")),
                                edge(QStringLiteral("small"), QStringLiteral("big")),
                                edge(QStringLiteral("big"), QStringLiteral("db"))},
                               10, 1);
        const CostEstimate c = sds::sim::monthlyCost(compiled(d));
        // 4 shards x (1 primary + 2 replicas) x 8 vCPU x $62.5
        QCOMPARE(itemOf(c, QStringLiteral("db")), 4 * 3 * 8 * 62.5);
        // 10 M entries of 1 KiB = 9.54 GiB at $12.2; 100 k entries is below the smallest node.
        QVERIFY(std::abs(itemOf(c, QStringLiteral("big")) - 1e7 * 1024 / 1073741824.0 * 12.2) <
                1e-9);
        QCOMPARE(itemOf(c, QStringLiteral("small")), 12.0);
    }

    void perRequestServicesFollowTheMeasuredTraffic()
    {
        // 200 rps through a CDN for a month: 525.6 M requests at $9.5 per million.
        const auto d = diagram({node(QStringLiteral("c"), NodeKind::Client, client(200)),
                                node(QStringLiteral("cdn"), NodeKind::Cdn),
                                node(QStringLiteral("origin"), NodeKind::WebServer, station(4, 5))},
                               {edge(QStringLiteral("c"), QStringLiteral("cdn")),
                                edge(QStringLiteral("cdn"), QStringLiteral("origin"))},
                               200, 10, 9);
        const auto net = compiled(d);
        QCOMPARE(itemOf(sds::sim::monthlyCost(net), QStringLiteral("cdn")), 0.0);
        sds::sim::Simulation sim(net);
        sim.run();
        const auto m = sim.metrics();
        const CostEstimate c = sds::sim::monthlyCost(net, &m);
        QVERIFY(c.trafficKnown);
        const double expected = 200 * 730 * 3600 / 1e6 * 9.5;
        QVERIFY2(std::abs(itemOf(c, QStringLiteral("cdn")) - expected) < 0.03 * expected,
                 qPrintable(QString::number(itemOf(c, QStringLiteral("cdn")))));

        // The run report carries the total and each node's share.
        const QJsonObject report = sds::sim::runReport(m, sim.network(), {});
        QCOMPARE(report.value(u"cost_per_month").toDouble(), c.total);
        QCOMPARE(report.value(u"cost_by_node").toObject().value(u"origin").toDouble(), 4 * 35.0);
    }
};

QTEST_GUILESS_MAIN(TestCost)
#include "tst_cost.moc"
