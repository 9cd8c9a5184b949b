// Where the engine sends requests, and what gets through: reads and writes
// on edges of their own, reads while a primary database is down and after
// a replica took over, keys moving when a cache behind a consistent-hash
// balancer fails, and a token bucket's burst.
#include "simtestutil.h"

#include <cmath>

using namespace simtest;
using sds::sim::RunMetrics;
using sds::sim::Sample;

namespace {

const QString C = QStringLiteral("client");

Edge roleEdge(const QString &from, const QString &to, sds::diagram::EdgeRole role)
{
    Edge e = edge(from, to);
    e.role = role;
    return e;
}

// Sum of a per-interval figure over the samples whose interval ends in (from, to].
template <typename F>
double sumBetween(const std::vector<Sample> &samples, double from, double to, F f)
{
    double sum = 0;
    for (const Sample &s : samples) {
        if (s.time > from + 1e-9 && s.time <= to + 1e-9)
            sum += f(s);
    }
    return sum;
}

double errorsBetween(const std::vector<Sample> &samples, double from, double to)
{
    return sumBetween(samples, from, to, [](const Sample &s) { return s.errorRate; });
}

double completedBetween(const std::vector<Sample> &samples, double from, double to)
{
    return sumBetween(samples, from, to, [](const Sample &s) { return s.throughput; });
}

} // namespace

class TestSimRouting : public QObject
{
    Q_OBJECT

private slots:
    // A web tier with a read edge to the replicas' tier and a write edge to
    // the primary's: each request takes the edge of its kind and only that.
    void readsAndWritesTakeTheirOwnEdges()
    {
        const auto build = [](double readFraction) {
            return diagram({node(C, NodeKind::Client, client(200, readFraction)),
                            node(QStringLiteral("web"), NodeKind::WebServer, station(8, 1)),
                            node(QStringLiteral("readers"), NodeKind::AppService, station(8, 1)),
                            node(QStringLiteral("writers"), NodeKind::AppService, station(8, 1))},
                           {edge(C, QStringLiteral("web")),
                            roleEdge(QStringLiteral("web"), QStringLiteral("readers"),
                                     sds::diagram::EdgeRole::Read),
                            roleEdge(QStringLiteral("web"), QStringLiteral("writers"),
                                     sds::diagram::EdgeRole::Write)},
                           60, 0);
        };
        const auto arrivals = [](const RunMetrics &m, const char *id) {
            return nodeMetrics(m, QLatin1String(id)).arrivals;
        };
        // What the web tier passed on (a request still in its service at the
        // end has not been routed yet).
        const auto passed = [](const RunMetrics &m) {
            return nodeMetrics(m, QStringLiteral("web")).served;
        };

        const RunMetrics reads = run(build(1.0));
        QVERIFY(passed(reads) > 10000);
        QCOMPARE(arrivals(reads, "readers"), passed(reads));
        QCOMPARE(arrivals(reads, "writers"), std::uint64_t(0));

        const RunMetrics writes = run(build(0.0));
        QCOMPARE(arrivals(writes, "writers"), passed(writes));
        QCOMPARE(arrivals(writes, "readers"), std::uint64_t(0));

        // A mix splits by kind, not by the edges' equal weights: 70 % reads
        // (12 000 requests, so a standard deviation of 0.4 %).
        const RunMetrics mixed = run(build(0.7));
        QCOMPARE(arrivals(mixed, "readers") + arrivals(mixed, "writers"), passed(mixed));
        const double readShare = double(arrivals(mixed, "readers")) / double(passed(mixed));
        QVERIFY2(std::abs(readShare - 0.7) < 0.02, qPrintable(QString::number(readShare)));
        QCOMPARE(mixed.failed, std::uint64_t(0));
    }

    // The primary fails at 10 s for 30 s and a replica is promoted after 5 s.
    // Reads go on through the replicas the whole time; only the writes of the
    // 5 s before the promotion fail. Without replicas the reads fail as well.
    void readsGoOnWhileThePrimaryIsDownAndAfterFailover()
    {
        const auto build = [](int replicas) {
            auto d =
                diagram({node(C, NodeKind::Client,
                              with(client(100, 0.8),
                                   {{QStringLiteral("pattern"), QStringLiteral("constant")}})),
                         node(QStringLiteral("db"), NodeKind::SqlDatabase,
                              with(station(4, 2), {{QStringLiteral("replicas"), replicas},
                                                   {QStringLiteral("failover_s"), 5},
                                                   {QStringLiteral("replication_lag_ms"), 0}}))},
                        {edge(C, QStringLiteral("db"))}, 60, 0);
            d.faults.append({QStringLiteral("db"), 10, 30, {}});
            return d;
        };
        auto sim = simulation(build(2));
        sim->run();
        const auto &samples = sim->samples();
        // (The second ending at 10 holds the request sent at the crash.)
        QCOMPARE(errorsBetween(samples, 0, 9), 0.0);
        // 500 requests in the 5 s before the promotion, a fifth of them
        // writes (binomial: 100 +- 9); reads failing too would make it 500.
        const double failedBeforePromotion = errorsBetween(samples, 9, 15);
        QVERIFY2(std::abs(failedBeforePromotion - 100) < 36,
                 qPrintable(QString::number(failedBeforePromotion)));
        QVERIFY2(std::abs(completedBetween(samples, 9, 15) - 500) < 36,
                 qPrintable(QString::number(completedBetween(samples, 9, 15))));
        // After the promotion, with the old primary still down, and after its
        // repair: everything succeeds.
        QCOMPARE(errorsBetween(samples, 15, 60), 0.0);
        QVERIFY2(std::abs(completedBetween(samples, 15, 40) - 2500) <= 2,
                 qPrintable(QString::number(completedBetween(samples, 15, 40))));
        // (The series' last full second ends at 59.)
        QVERIFY2(std::abs(completedBetween(samples, 40, 59) - 1900) <= 2,
                 qPrintable(QString::number(completedBetween(samples, 40, 59))));

        // With nothing to read from, every request fails until the repair.
        auto alone = simulation(build(0));
        alone->run();
        QVERIFY2(std::abs(errorsBetween(alone->samples(), 10, 40) - 3000) <= 2,
                 qPrintable(QString::number(errorsBetween(alone->samples(), 10, 40))));
    }

    // Three caches behind a consistent-hash balancer, 1200 keys, every key
    // read many times. Each key misses once on its cache. cache2 fails at
    // 30 s and is dropped after the health check: only its keys (about a
    // third) move and miss once more; the other caches' keys stay put.
    void aFailedCacheMovesOnlyItsOwnKeys()
    {
        constexpr int kKeys = 1200;
        QList<Node> nodes{node(C, NodeKind::Client, client(600)),
                          node(QStringLiteral("lb"), NodeKind::LoadBalancer,
                               {{QStringLiteral("algorithm"), QStringLiteral("consistent_hash")},
                                {QStringLiteral("health_check_s"), 2}})};
        QList<Edge> edges{edge(C, QStringLiteral("lb"))};
        for (int i = 1; i <= 3; ++i) {
            const QString cache = QStringLiteral("cache%1").arg(i);
            const QString db = QStringLiteral("db%1").arg(i);
            nodes << node(cache, NodeKind::Cache, {{QStringLiteral("cache_keys"), 100000}})
                  << node(db, NodeKind::SqlDatabase, station(8, 1));
            edges << edge(QStringLiteral("lb"), cache) << edge(cache, db);
        }
        auto d = diagram(nodes, edges, 90, 0);
        d.workload.keys = kKeys;
        d.faults.append({QStringLiteral("cache2"), 30, 1000, {}});
        auto sim = simulation(d);
        const auto misses = [&](const char *id) {
            return nodeMetrics(sim->metrics(), QLatin1String(id)).misses;
        };

        // 18 000 reads of 1200 keys by 30 s: each key has been seen (the
        // chance one was not is e^-15).
        sim->runUntil(30);
        QCOMPARE(misses("cache1") + misses("cache2") + misses("cache3"), std::uint64_t(kKeys));
        const std::uint64_t owned2 = misses("cache2"); // the keys cache2 holds
        QVERIFY2(owned2 > kKeys / 6 && owned2 < kKeys / 2, qPrintable(QString::number(owned2)));
        const std::uint64_t before1 = misses("cache1"), before3 = misses("cache3");

        sim->run();
        QCOMPARE(misses("cache2"), owned2); // down: no lookups after the failure
        const std::uint64_t moved = (misses("cache1") - before1) + (misses("cache3") - before3);
        // Exactly cache2's keys moved; a hash over the live caches (key mod
        // 2) would also reshuffle about half of the others' keys.
        QCOMPARE(moved, owned2);
    }

    // limit 50 rps, burst 200, 1000 rps arriving: the full bucket lets 200
    // through at once, then the rate, 50 a second, and not one more.
    void aTokenBucketLetsTheBurstThroughThenTheRate()
    {
        const auto build = [](double burst) {
            return diagram(
                {node(
                     C, NodeKind::Client,
                     with(client(1000), {{QStringLiteral("pattern"), QStringLiteral("constant")}})),
                 node(QStringLiteral("rl"), NodeKind::RateLimiter,
                      {{QStringLiteral("limit_rps"), 50}, {QStringLiteral("burst"), burst}}),
                 node(QStringLiteral("web"), NodeKind::WebServer, station(16, 1))},
                {edge(C, QStringLiteral("rl")), edge(QStringLiteral("rl"), QStringLiteral("web"))},
                100, 0);
        };
        auto sim = simulation(build(200));
        const auto passed = [&] {
            return nodeMetrics(sim->metrics(), QStringLiteral("rl")).served;
        };
        // The first 200 arrivals (0.2 s) drain the bucket while it refills
        // by 50 x 0.2 = 10: 210 pass by 0.21 s, then one per 20 ms.
        sim->runUntil(0.25);
        const std::uint64_t early = passed();
        QVERIFY2(early >= 210 && early <= 213, qPrintable(QString::number(early)));
        sim->runUntil(10.25);
        const std::uint64_t later = passed() - early;
        QVERIFY2(later >= 499 && later <= 501, qPrintable(QString::number(later)));

        // A bucket of one lets only the rate through from the start.
        auto small = simulation(build(1));
        small->runUntil(0.25);
        QVERIFY(nodeMetrics(small->metrics(), QStringLiteral("rl")).served <= 14);
    }

    // Bursts of about 1000 requests in 50 ms every 10 s against limit 5 rps,
    // burst 20: the quiet spell fills the bucket to 20 and no further, so each
    // burst lets exactly 20 through (the 50 ms add a quarter of a token).
    void aQuietSpellRefillsTheBucketToTheBurstOnly()
    {
        auto d = diagram(
            {node(C, NodeKind::Client,
                  with(client(100), {{QStringLiteral("pattern"), QStringLiteral("bursty")},
                                     {QStringLiteral("burst_on_s"), 0.05},
                                     {QStringLiteral("burst_off_s"), 9.95}})),
             node(QStringLiteral("rl"), NodeKind::RateLimiter,
                  {{QStringLiteral("limit_rps"), 5}, {QStringLiteral("burst"), 20}}),
             node(QStringLiteral("web"), NodeKind::WebServer, station(64, 1))},
            {edge(C, QStringLiteral("rl")), edge(QStringLiteral("rl"), QStringLiteral("web"))}, 100,
            0);
        auto sim = simulation(d);
        std::uint64_t last = 0;
        for (int cycle = 0; cycle < 9; ++cycle) {
            sim->runUntil(cycle * 10.0 + 5); // in the middle of a quiet spell
            const RunMetrics m = sim->metrics();
            const std::uint64_t passed = nodeMetrics(m, QStringLiteral("rl")).served;
            QVERIFY2(
                passed - last == 20,
                qPrintable(QStringLiteral("burst %1: %2 passed").arg(cycle).arg(passed - last)));
            last = passed;
        }
        QVERIFY(nodeMetrics(sim->metrics(), QStringLiteral("rl")).rejected > 8 * 800);
    }
};

QTEST_APPLESS_MAIN(TestSimRouting)
#include "tst_simrouting.moc"
