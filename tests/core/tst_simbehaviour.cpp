// The engine's system-design behaviours: load balancing, health checks,
// failover, caches, replication lag, queues, retries, rate limiting, and the
// live API the lab drives.
#include "core/sim/random.h"
#include "simtestutil.h"

#include <cmath>
#include <thread>

using namespace simtest;
using sds::sim::RunMetrics;

namespace {

const QString C = QStringLiteral("client");

QVariantMap constantClient(double rate, double readFraction = 1.0)
{
    return with(client(rate, readFraction),
                {{QStringLiteral("pattern"), QStringLiteral("constant")}});
}

// Three web servers behind a balancer with the given algorithm.
DiagramData balanced(const QString &algorithm, const QList<double> &serviceMs, double rate,
                     const QList<double> &weights = {})
{
    QList<Node> nodes{node(C, NodeKind::Client, constantClient(rate)),
                      node(QStringLiteral("lb"), NodeKind::LoadBalancer,
                           {{QStringLiteral("algorithm"), algorithm}})};
    QList<Edge> edges{edge(C, QStringLiteral("lb"))};
    for (int i = 0; i < serviceMs.size(); ++i) {
        const QString id = QStringLiteral("web%1").arg(i + 1);
        nodes << node(id, NodeKind::WebServer, station(1, serviceMs[i]));
        Edge e = edge(QStringLiteral("lb"), id);
        if (!weights.isEmpty())
            e.weight = weights[i];
        edges << e;
    }
    return diagram(nodes, edges, 100, 0);
}

std::uint64_t served(const RunMetrics &m, const QString &id)
{
    return nodeMetrics(m, id).served;
}

// Samples whose interval ends in (from, to].
double errorsBetween(const std::vector<sds::sim::Sample> &samples, double from, double to)
{
    double sum = 0;
    for (const auto &s : samples) {
        if (s.time > from + 1e-9 && s.time <= to + 1e-9)
            sum += s.errorRate;
    }
    return sum;
}

} // namespace

class TestSimBehaviour : public QObject
{
    Q_OBJECT

private slots:
    void longHeadlessRunsKeepABoundedTimeSeries()
    {
        // A headless run of 20,000 simulated seconds at a 1 s interval: 4,096
        // samples of 1 s,
        // then coarser ones, each still a true per-interval rate.
        const auto d = diagram({node(QStringLiteral("users"), NodeKind::Client, client(20)),
                                node(QStringLiteral("web"), NodeKind::WebServer, station(1, 10))},
                               {edge(QStringLiteral("users"), QStringLiteral("web"))}, 20000, 0);
        auto sim = simulation(d);
        sim->setSamplePercentiles(false); // headless, as sim run
        sim->run();
        const auto &samples = sim->samples();
        QVERIFY(samples.size() > 4096);
        QVERIFY(samples.size() < 8192);
        QCOMPARE(samples[4095].time, 4096.0);
        QCOMPARE(samples[4096].time - samples[4095].time, 2.0);
        double previous = 0, completed = 0;
        for (const auto &s : samples) {
            QVERIFY(s.time > previous);
            completed += s.throughput * (s.time - previous);
            previous = s.time;
        }
        QVERIFY(samples.back().time - samples[samples.size() - 2].time >= 16.0);
        // The rates over the coarse intervals add up to what had completed by
        // the last sample (the same run again, stopped there).
        auto again = simulation(d);
        again->setSamplePercentiles(false);
        again->runUntil(samples.back().time);
        QVERIFY(std::abs(completed - double(again->metrics().completed)) < 0.5);
        const auto ci = sim->metrics().throughputCi;
        QVERIFY(ci.valid && ci.low < 20 && ci.high > 20);

        // For charts the series keeps the run's interval throughout.
        auto charted = simulation(d);
        charted->run();
        QCOMPARE(charted->samples().size(), std::size_t(19999));
        QCOMPARE(charted->samples().back().time, 19999.0);
    }

    void roundRobinSharesEvenly()
    {
        const auto m = run(balanced(QStringLiteral("round_robin"), {5, 5, 5}, 90));
        const auto a = served(m, QStringLiteral("web1")), b = served(m, QStringLiteral("web2")),
                   c = served(m, QStringLiteral("web3"));
        QVERIFY(a > 2900);
        QVERIFY(std::max({a, b, c}) - std::min({a, b, c}) <= 1);
    }

    void weightedFollowsTheWeights()
    {
        const auto m = run(balanced(QStringLiteral("weighted"), {5, 5, 5}, 120, {3, 1, 2}));
        const double total = double(m.completed);
        QVERIFY(std::abs(served(m, QStringLiteral("web1")) / total - 0.5) < 0.005);
        QVERIFY(std::abs(served(m, QStringLiteral("web2")) / total - 1.0 / 6) < 0.005);
        QVERIFY(std::abs(served(m, QStringLiteral("web3")) / total - 1.0 / 3) < 0.005);
    }

    void randomIsRoughlyEven()
    {
        const auto m = run(balanced(QStringLiteral("random"), {5, 5, 5}, 300));
        for (const char *id : {"web1", "web2", "web3"})
            QVERIFY(std::abs(served(m, QLatin1String(id)) / double(m.completed) - 1.0 / 3) < 0.02);
    }

    void leastConnectionsFavoursTheFastServer()
    {
        // One fast and one slow server; round robin would split 50/50.
        auto d = balanced(QStringLiteral("least_connections"), {4, 40}, 40);
        d.nodes[0].params.insert(QStringLiteral("pattern"), QStringLiteral("poisson"));
        const auto lc = run(d);
        const double fastShare = served(lc, QStringLiteral("web1")) / double(lc.completed);
        auto rrDiagram = d;
        rrDiagram.nodes[1].params.insert(QStringLiteral("algorithm"),
                                         QStringLiteral("round_robin"));
        const auto rr = run(rrDiagram);
        QVERIFY2(fastShare > 0.6, qPrintable(QString::number(fastShare)));
        QVERIFY(std::abs(served(rr, QStringLiteral("web1")) / double(rr.completed) - 0.5) < 0.01);
        QVERIFY(lc.latency.mean() < rr.latency.mean());
    }

    void consistentHashingPinsEachKeyToOneCache()
    {
        // Three caches, each in front of its own store. Pinned keys miss once
        // each; spread keys miss once per cache they land on.
        const auto build = [](const QString &algorithm) {
            QList<Node> nodes{node(C, NodeKind::Client, client(500)),
                              node(QStringLiteral("lb"), NodeKind::LoadBalancer,
                                   {{QStringLiteral("algorithm"), algorithm}})};
            QList<Edge> edges{edge(C, QStringLiteral("lb"))};
            for (int i = 1; i <= 3; ++i) {
                const QString cache = QStringLiteral("cache%1").arg(i);
                const QString db = QStringLiteral("db%1").arg(i);
                nodes << node(cache, NodeKind::Cache, {{QStringLiteral("cache_keys"), 100000}})
                      << node(db, NodeKind::SqlDatabase, station(8, 1));
                edges << edge(QStringLiteral("lb"), cache) << edge(cache, db);
            }
            auto d = diagram(nodes, edges, 60, 0);
            d.workload.keys = 1000;
            return d;
        };
        const auto totalMisses = [](const RunMetrics &m) {
            std::uint64_t misses = 0;
            for (int i = 1; i <= 3; ++i)
                misses += nodeMetrics(m, QStringLiteral("cache%1").arg(i)).misses;
            return misses;
        };
        const auto pinned = run(build(QStringLiteral("consistent_hash")));
        const auto spread = run(build(QStringLiteral("round_robin")));
        QVERIFY2(totalMisses(pinned) <= 1050, qPrintable(QString::number(totalMisses(pinned))));
        QVERIFY2(totalMisses(spread) >= 2500, qPrintable(QString::number(totalMisses(spread))));
    }

    void healthChecksStopSendingAfterTheDetectionDelay()
    {
        auto d = balanced(QStringLiteral("round_robin"), {2, 2}, 100);
        d.nodes[1].params.insert(QStringLiteral("health_check_s"), 5);
        d.faults.append({QStringLiteral("web1"), 10, 20, {}});
        auto sim = simulation(d);
        sim->run();
        const auto &samples = sim->samples();
        // Half the traffic fails for the 5 s before detection, none after.
        QVERIFY(errorsBetween(samples, 0, 9) == 0);
        const double failedDuringDetection = errorsBetween(samples, 10, 15);
        QVERIFY2(std::abs(failedDuringDetection - 50 * 5) <= 5,
                 qPrintable(QString::number(failedDuringDetection)));
        QVERIFY(errorsBetween(samples, 15, 100) == 0);
        QCOMPARE(sim->metrics().nodeDown, sim->metrics().failed);
    }

    void primaryFailsOverAfterTheDelay()
    {
        auto d = diagram({node(C, NodeKind::Client, constantClient(100, 0.0)),
                          node(QStringLiteral("db"), NodeKind::SqlDatabase,
                               with(station(4, 2), {{QStringLiteral("replicas"), 1},
                                                    {QStringLiteral("failover_s"), 5}}))},
                         {edge(C, QStringLiteral("db"))}, 60, 0);
        d.faults.append({QStringLiteral("db"), 10, 30, {}});
        auto sim = simulation(d);
        sim->run();
        // Writes fail from the crash until a replica is promoted, then succeed.
        QVERIFY(std::abs(errorsBetween(sim->samples(), 10, 15) - 500) <= 2);
        QCOMPARE(errorsBetween(sim->samples(), 15, 60), 0.0);
        QVERIFY(errorsBetween(sim->samples(), 0, 9) == 0);

        // Without a replica there is nothing to promote: writes fail until repair.
        d.nodes[1].params.insert(QStringLiteral("replicas"), 0);
        auto alone = simulation(d);
        alone->run();
        QVERIFY(std::abs(errorsBetween(alone->samples(), 10, 40) - 3000) <= 2);
    }

    void writeBehindLosesUnflushedWritesWhenTheCacheFails()
    {
        const auto build = [](const QString &strategy) {
            auto d = diagram({node(C, NodeKind::Client, client(200, 0.0)),
                              node(QStringLiteral("cache"), NodeKind::Cache,
                                   {{QStringLiteral("strategy"), strategy},
                                    {QStringLiteral("flush_interval_s"), 10}}),
                              node(QStringLiteral("db"), NodeKind::SqlDatabase)},
                             {edge(C, QStringLiteral("cache")),
                              edge(QStringLiteral("cache"), QStringLiteral("db"))},
                             40, 0);
            d.workload.keys = 100000;
            d.faults.append({QStringLiteral("cache"), 15, 5, {}});
            return d;
        };
        const auto behind = run(build(QStringLiteral("write_behind")));
        const auto through = run(build(QStringLiteral("write_through")));
        // About 5 s of writes (1000) were dirty when it crashed.
        QVERIFY2(behind.lostWrites > 800 && behind.lostWrites < 1200,
                 qPrintable(QString::number(behind.lostWrites)));
        QCOMPARE(nodeMetrics(behind, QStringLiteral("cache")).lostWrites, behind.lostWrites);
        QCOMPARE(through.lostWrites, std::uint64_t(0));
        // Write-behind answers from memory: faster than writing through.
        QVERIFY(behind.latency.mean() < through.latency.mean() / 2);
    }

    void replicaLagCausesStaleReads()
    {
        const auto build = [](double lagMs) {
            auto d = diagram(
                {node(C, NodeKind::Client, client(400, 0.8)),
                 node(QStringLiteral("db"), NodeKind::SqlDatabase,
                      with(station(8, 2), {{QStringLiteral("replicas"), 2},
                                           {QStringLiteral("replication_lag_ms"), lagMs}}))},
                {edge(C, QStringLiteral("db"))}, 30, 0);
            d.workload.keys = 20;
            return d;
        };
        const auto lagging = run(build(200));
        const auto instant = run(build(0));
        // A read is stale when its key was written within the last lag: with
        // writes to a key as a Poisson stream of rate w, that happens with
        // probability 1 - exp(-w * lag). 400 rps, 80 % reads, 20 keys, 30 s.
        const double reads = 400 * 0.8 * 30;
        const double writesPerKey = 400 * 0.2 / 20;
        const double expected = reads * (1 - std::exp(-writesPerKey * 0.2));
        QVERIFY2(std::abs(double(lagging.staleReads) - expected) < 0.05 * expected,
                 qPrintable(QStringLiteral("%1 stale reads, %2 expected")
                                .arg(lagging.staleReads)
                                .arg(expected)));
        QCOMPARE(nodeMetrics(lagging, QStringLiteral("db")).staleReads, lagging.staleReads);
        QCOMPARE(instant.staleReads, std::uint64_t(0));
    }

    void aFullQueueRejects()
    {
        const auto build = [](int capacity) {
            return diagram({node(C, NodeKind::Client, client(200)),
                            node(QStringLiteral("mq"), NodeKind::MessageQueue,
                                 {{QStringLiteral("queue_capacity"), capacity}}),
                            node(QStringLiteral("workers"), NodeKind::WorkerPool, station(1, 10))},
                           {edge(C, QStringLiteral("mq")),
                            edge(QStringLiteral("mq"), QStringLiteral("workers"))},
                           60, 5);
        };
        const auto bounded = run(build(50));
        // Workers finish 100 jobs a second; the other ~100 are refused.
        QVERIFY(std::abs(bounded.jobsCompleted / 55.0 - 100) < 5);
        QVERIFY(bounded.rejected > 4000);
        QCOMPARE(bounded.rejected, nodeMetrics(bounded, QStringLiteral("mq")).rejected);
        // Accepted requests are answered at enqueue, not after the work.
        QVERIFY(bounded.latency.quantile(0.99) < 0.005);
        QVERIFY(bounded.jobLatency.mean() > 0.1);
    }

    void retriesAmplifyLoad()
    {
        const auto build = [](int retries) {
            return diagram({node(C, NodeKind::Client,
                                 with(client(90), {{QStringLiteral("timeout_ms"), 60},
                                                   {QStringLiteral("retries"), retries},
                                                   {QStringLiteral("backoff_ms"), 5}})),
                            node(QStringLiteral("web"), NodeKind::WebServer, station(1, 10))},
                           {edge(C, QStringLiteral("web"))}, 300, 20);
        };
        const auto once = run(build(0));
        const auto storm = run(build(3));
        QVERIFY(storm.retries > 1000);
        // The server sees more arrivals than the clients have requests...
        QVERIFY(nodeMetrics(storm, QStringLiteral("web")).arrivals >
                std::uint64_t(1.2 * double(nodeMetrics(once, QStringLiteral("web")).arrivals)));
        // ...and spends work on answers nobody waits for.
        QVERIFY(storm.lateResponses > 1000);
        // And more requests fail, not fewer: the retries' extra load makes
        // the queue long enough that far more attempts time out (25 080
        // against 13 271 with this seed), every failure here a time-out.
        QVERIFY2(double(storm.failed) > 1.5 * double(once.failed),
                 qPrintable(QStringLiteral("%1 failed with retries, %2 without")
                                .arg(storm.failed)
                                .arg(once.failed)));
        QCOMPARE(storm.timeouts, storm.failed);
        QCOMPARE(once.timeouts, once.failed);
    }

    void rateLimiterPassesTheLimit()
    {
        const auto m = run(diagram(
            {node(C, NodeKind::Client, client(200)),
             node(QStringLiteral("rl"), NodeKind::RateLimiter,
                  {{QStringLiteral("limit_rps"), 50}, {QStringLiteral("burst"), 10}}),
             node(QStringLiteral("web"), NodeKind::WebServer, station(4, 5))},
            {edge(C, QStringLiteral("rl")), edge(QStringLiteral("rl"), QStringLiteral("web"))}, 200,
            10));
        const double passed = served(m, QStringLiteral("web")) / m.measured;
        QVERIFY2(std::abs(passed - 50) < 1, qPrintable(QString::number(passed)));
        QVERIFY(std::abs(m.rejected / m.measured - 150) < 3);
    }

    void lruHitRatioMatchesChesApproximation()
    {
        const std::uint64_t keys = 10000;
        const double s = 0.8;
        const int capacity = 1000;
        auto d = diagram(
            {node(C, NodeKind::Client, client(2000)),
             node(QStringLiteral("cache"), NodeKind::Cache,
                  {{QStringLiteral("cache_keys"), capacity},
                   {QStringLiteral("policy"), QStringLiteral("lru")}}),
             node(QStringLiteral("db"), NodeKind::SqlDatabase, station(64, 1))},
            {edge(C, QStringLiteral("cache")), edge(QStringLiteral("cache"), QStringLiteral("db"))},
            250, 50);
        d.workload.keys = qint64(keys);
        d.workload.zipf = s;
        const auto m = run(d);

        // Che: the characteristic time T solves sum(1 - exp(-p_i T)) = C;
        // the hit ratio is sum p_i (1 - exp(-p_i T)).
        sds::sim::Zipf zipf(keys, s);
        std::vector<double> p(keys);
        for (std::uint64_t k = 0; k < keys; ++k)
            p[k] = zipf.probability(k);
        const auto filled = [&](double t) {
            double sum = 0;
            for (double pk : p)
                sum += 1 - std::exp(-pk * t);
            return sum;
        };
        double lo = 0, hi = 1e9;
        for (int i = 0; i < 200; ++i) {
            const double mid = (lo + hi) / 2;
            (filled(mid) < capacity ? lo : hi) = mid;
        }
        double che = 0;
        for (double pk : p)
            che += pk * (1 - std::exp(-pk * lo));
        const double simulated = nodeMetrics(m, QStringLiteral("cache")).hitRatio();
        QVERIFY2(std::abs(simulated - che) / che < 0.02,
                 qPrintable(QStringLiteral("simulated %1, Che %2").arg(simulated).arg(che)));
    }

    void ttlLowersTheHitRatio()
    {
        const auto build = [](double ttl) {
            auto d = diagram(
                {node(C, NodeKind::Client, client(500)),
                 node(QStringLiteral("cache"), NodeKind::Cache,
                      {{QStringLiteral("cache_keys"), 5000}, {QStringLiteral("ttl_s"), ttl}}),
                 node(QStringLiteral("db"), NodeKind::SqlDatabase, station(16, 1))},
                {edge(C, QStringLiteral("cache")),
                 edge(QStringLiteral("cache"), QStringLiteral("db"))},
                120, 20);
            d.workload.keys = 2000;
            return d;
        };
        const double noExpiry = nodeMetrics(run(build(0)), QStringLiteral("cache")).hitRatio();
        const double shortLived = nodeMetrics(run(build(1)), QStringLiteral("cache")).hitRatio();
        QVERIFY(noExpiry > 0.99);
        QVERIFY2(shortLived < 0.3, qPrintable(QString::number(shortLived)));
    }

    void activePassiveUsesTheStandbyOnlyAfterDetection()
    {
        auto d = balanced(QStringLiteral("round_robin"), {2, 2}, 100);
        d.nodes[1].params.insert(QStringLiteral("mode"), QStringLiteral("active_passive"));
        d.nodes[1].params.insert(QStringLiteral("health_check_s"), 2);
        d.faults.append({QStringLiteral("web1"), 30, 20, {}});
        auto sim = simulation(d);
        sim->runUntil(29.9);
        QCOMPARE(served(sim->metrics(), QStringLiteral("web2")), std::uint64_t(0)); // standing by
        sim->run();
        const auto m = sim->metrics();
        // The standby takes over 2 s after the crash and hands back on repair.
        QVERIFY(std::abs(double(served(m, QStringLiteral("web2"))) - 100 * 18) <= 2);
        QVERIFY(std::abs(errorsBetween(sim->samples(), 30, 32) - 200) <= 2);
        QCOMPARE(errorsBetween(sim->samples(), 32, 100), 0.0);
    }

    void randomFailuresFollowMtbfAndMttr()
    {
        // Availability of a node that fails and is repaired at random:
        // MTBF / (MTBF + MTTR) = 20 / 25.
        auto d = diagram({node(C, NodeKind::Client, constantClient(50)),
                          node(QStringLiteral("web"), NodeKind::WebServer,
                               with(station(4, 2), {{QStringLiteral("mtbf_s"), 20},
                                                    {QStringLiteral("mttr_s"), 5}}))},
                         {edge(C, QStringLiteral("web"))}, 20000, 0, 3);
        const auto m = run(d);
        const double available = double(m.completed) / double(m.completed + m.failed);
        QVERIFY2(std::abs(available - 0.8) < 0.02, qPrintable(QString::number(available)));
        QCOMPARE(m.failed, m.nodeDown);
    }

    void arrivalPatternsShapeTheRate()
    {
        const auto series = [](const QVariantMap &params) {
            auto sim = simulation(
                diagram({node(C, NodeKind::Client, params),
                         node(QStringLiteral("web"), NodeKind::WebServer, station(64, 1))},
                        {edge(C, QStringLiteral("web"))}, 120, 0, 5));
            sim->run();
            return sim->samples();
        };
        const auto mean = [](const std::vector<sds::sim::Sample> &s, double from, double to) {
            double sum = 0;
            int n = 0;
            for (const auto &x : s) {
                if (x.time > from && x.time <= to) {
                    sum += x.throughput;
                    ++n;
                }
            }
            return n ? sum / n : 0.0;
        };
        const auto spike =
            series(with(client(100), {{QStringLiteral("pattern"), QStringLiteral("spike")},
                                      {QStringLiteral("spike_at_s"), 50},
                                      {QStringLiteral("spike_duration_s"), 20},
                                      {QStringLiteral("spike_factor"), 8}}));
        QVERIFY(std::abs(mean(spike, 10, 50) - 100) < 10);
        QVERIFY(std::abs(mean(spike, 51, 70) - 800) < 40);
        QVERIFY(std::abs(mean(spike, 71, 120) - 100) < 10);

        const auto bursty =
            series(with(client(100), {{QStringLiteral("pattern"), QStringLiteral("bursty")},
                                      {QStringLiteral("burst_on_s"), 5},
                                      {QStringLiteral("burst_off_s"), 15}}));
        QVERIFY(std::abs(mean(bursty, 0, 120) - 100) < 10); // same mean...
        QVERIFY(std::abs(mean(bursty, 0, 5) - 400) < 40);   // ...in bursts
        QVERIFY(mean(bursty, 6, 20) < 1);

        const auto diurnal =
            series(with(client(200), {{QStringLiteral("pattern"), QStringLiteral("diurnal")},
                                      {QStringLiteral("diurnal_period_s"), 120},
                                      {QStringLiteral("diurnal_amplitude"), 0.5}}));
        QVERIFY(mean(diurnal, 20, 40) > 260);  // near the crest (t = 30 s): 300
        QVERIFY(mean(diurnal, 80, 100) < 140); // near the trough (t = 90 s): 100
        QVERIFY(std::abs(mean(diurnal, 0, 120) - 200) < 10);
    }

    void lfuKeepsThePopularKeysLonger()
    {
        const auto hitRatio = [](const QString &policy) {
            auto d = diagram(
                {node(C, NodeKind::Client, client(2000)),
                 node(QStringLiteral("cache"), NodeKind::Cache,
                      {{QStringLiteral("cache_keys"), 200}, {QStringLiteral("policy"), policy}}),
                 node(QStringLiteral("db"), NodeKind::SqlDatabase, station(64, 1))},
                {edge(C, QStringLiteral("cache")),
                 edge(QStringLiteral("cache"), QStringLiteral("db"))},
                100, 20);
            d.workload.keys = 100000;
            d.workload.zipf = 1.0;
            return nodeMetrics(run(d), QStringLiteral("cache")).hitRatio();
        };
        // Under a static Zipf law frequency is the better guide than recency.
        QVERIFY(hitRatio(QStringLiteral("lfu")) > hitRatio(QStringLiteral("lru")) + 0.02);
    }

    void refreshAheadKeepsHotKeysFresh()
    {
        const auto misses = [](const QString &strategy) {
            auto d = diagram({node(C, NodeKind::Client, client(1000)),
                              node(QStringLiteral("cache"), NodeKind::Cache,
                                   {{QStringLiteral("cache_keys"), 1000},
                                    {QStringLiteral("ttl_s"), 5},
                                    {QStringLiteral("strategy"), strategy}}),
                              node(QStringLiteral("db"), NodeKind::SqlDatabase, station(32, 2))},
                             {edge(C, QStringLiteral("cache")),
                              edge(QStringLiteral("cache"), QStringLiteral("db"))},
                             120, 20);
            d.workload.keys = 100;
            return nodeMetrics(run(d), QStringLiteral("cache")).misses;
        };
        // Cache-aside misses each key once per expiry; refresh-ahead renews
        // keys read late in their life, so readers rarely see an expiry.
        const auto aside = misses(QStringLiteral("cache_aside"));
        const auto ahead = misses(QStringLiteral("refresh_ahead"));
        QVERIFY2(aside > 1500, qPrintable(QString::number(aside)));
        QVERIFY2(ahead < aside / 5, qPrintable(QStringLiteral("%1 vs %2").arg(ahead).arg(aside)));
    }

    void shardsSplitTheWrites()
    {
        const auto utilization = [](int shards) {
            auto d = diagram({node(C, NodeKind::Client, client(600, 0.0)),
                              node(QStringLiteral("db"), NodeKind::SqlDatabase,
                                   with(station(4, 5), {{QStringLiteral("shards"), shards}}))},
                             {edge(C, QStringLiteral("db"))}, 200, 20);
            d.workload.keys = 100000;
            return run(d);
        };
        const auto one = utilization(1);
        const auto four = utilization(4);
        // 600 writes/s x 5 ms = 3 busy servers: 75 % of one shard, 19 % of four.
        QVERIFY(std::abs(nodeMetrics(one, QStringLiteral("db")).utilization - 0.75) < 0.02);
        QVERIFY(std::abs(nodeMetrics(four, QStringLiteral("db")).utilization - 0.1875) < 0.01);
        QVERIFY(four.latency.mean() < one.latency.mean());
    }

    void theTimeSeriesDoesNotDipAtTheEndOfTheWarmUp()
    {
        auto sim = simulation(diagram(
            {node(C, NodeKind::Client, constantClient(200)),
             node(QStringLiteral("web"), NodeKind::WebServer, station(4, 10, "deterministic"))},
            {edge(C, QStringLiteral("web"))}, 30, 10));
        sim->run();
        for (const auto &s : sim->samples()) {
            QVERIFY2(std::abs(s.throughput - 200) <= 4,
                     qPrintable(QStringLiteral("t %1: %2").arg(s.time).arg(s.throughput)));
            QVERIFY2(std::abs(s.utilization[1] - 0.5) < 0.02,
                     qPrintable(QStringLiteral("t %1: %2").arg(s.time).arg(s.utilization[1])));
        }
        QVERIFY(std::abs(double(sim->metrics().completed) - 20 * 200) <=
                1); // the totals do restart
    }

    void sameSeedSameFiguresBitForBit()
    {
        auto d = balanced(QStringLiteral("random"), {5, 7, 9}, 200);
        d.nodes[0].params.insert(QStringLiteral("pattern"), QStringLiteral("poisson"));
        const auto a = run(d);
        const auto b = run(d);
        QCOMPARE(a.completed, b.completed);
        QCOMPARE(a.events, b.events);
        QCOMPARE(a.latency.mean(), b.latency.mean()); // exact, not approximate
        QCOMPARE(a.latency.quantile(0.99), b.latency.quantile(0.99));
        d.run.seed = 2;
        const auto c = run(d);
        QVERIFY(c.latency.mean() != a.latency.mean());
    }

    void liveRateChangeAndFailures()
    {
        auto d = diagram({node(C, NodeKind::Client, client(100)),
                          node(QStringLiteral("web"), NodeKind::WebServer, station(8, 5))},
                         {edge(C, QStringLiteral("web"))}, 1000, 0);
        auto sim = simulation(d);
        const auto web = sim->network().nodeIndex(QStringLiteral("web"));
        sim->runUntil(20);
        const auto before = sim->metrics().completed;
        sim->setLoadFactor(4); // 100 rps -> 400
        sim->runUntil(40);
        const double rate = (sim->metrics().completed - before) / 20.0;
        QVERIFY2(std::abs(rate - 400) < 20, qPrintable(QString::number(rate)));

        sim->failNode(web);
        QVERIFY(!sim->nodeUp(web));
        const auto failedBefore = sim->metrics().failed;
        sim->runUntil(45);
        QVERIFY(sim->metrics().failed - failedBefore > 1800);
        sim->restoreNode(web);
        const auto failedAtRestore = sim->metrics().failed;
        sim->runUntil(50);
        QCOMPARE(sim->metrics().failed, failedAtRestore);
        QVERIFY(!sim->finished());
    }

    void snapshotSamplesRequestsInFlight()
    {
        auto d = diagram({node(C, NodeKind::Client, client(2000)),
                          node(QStringLiteral("web"), NodeKind::WebServer, station(2, 1))},
                         {edge(C, QStringLiteral("web"), -1, 50)}, 100, 0);
        auto sim = simulation(d);
        sim->runUntil(5);
        const auto snap = sim->snapshot(40);
        // ~100 on the wire, sampled down evenly to at most 40.
        QVERIFY(snap.inFlight.size() <= 40 && snap.inFlight.size() >= 30);
        for (const auto &f : snap.inFlight) {
            if (f.where == sds::sim::InFlight::Where::Edge) {
                QCOMPARE(f.edge, 0u);
                QVERIFY(f.fraction >= 0 && f.fraction <= 1);
            }
        }
        QVERIFY(snap.metrics.now == 5);
    }

    void memoryFollowsRequestsInFlightNotRequestsSimulated()
    {
        const auto arena = [](double duration) {
            auto sim = simulation(
                diagram({node(C, NodeKind::Client, client(1000)),
                         node(QStringLiteral("web"), NodeKind::WebServer, station(4, 2))},
                        {edge(C, QStringLiteral("web"))}, duration, 0));
            sim->run();
            return sim->arenaSize();
        };
        const auto small = arena(100);  // 100 k requests
        const auto large = arena(1000); // 1 M requests
        QVERIFY(small < 100);
        QVERIFY2(large < 2 * small + 20,
                 qPrintable(QStringLiteral("%1 vs %2").arg(large).arg(small)));
    }

    void overloadStopsInsteadOfExhaustingMemory()
    {
        auto sim =
            simulation(diagram({node(C, NodeKind::Client, client(10000)),
                                node(QStringLiteral("web"), NodeKind::WebServer, station(1, 10))},
                               {edge(C, QStringLiteral("web"))}, 1000, 0));
        sim->setMaxInFlight(5000);
        sim->run();
        QVERIFY(sim->overloaded());
        QVERIFY(sim->now() < 2);
        QVERIFY(sim->arenaSize() <= 5001);
    }

    void runsOnAWorkerThreadWithSnapshotsHandedOver()
    {
        auto sim =
            simulation(diagram({node(C, NodeKind::Client, client(500)),
                                node(QStringLiteral("web"), NodeKind::WebServer, station(4, 5))},
                               {edge(C, QStringLiteral("web"))}, 30, 0));
        std::vector<sds::sim::Snapshot> handed;
        std::thread worker([&] {
            for (double t = 1; sim->runUntil(t); t += 1)
                handed.push_back(sim->snapshot(100));
        });
        worker.join();
        QVERIFY(handed.size() >= 28);
        for (std::size_t i = 1; i < handed.size(); ++i) {
            QVERIFY(handed[i].metrics.now > handed[i - 1].metrics.now);
            QVERIFY(handed[i].metrics.completed >= handed[i - 1].metrics.completed);
        }
    }
};

QTEST_APPLESS_MAIN(TestSimBehaviour)
#include "tst_simbehaviour.moc"
