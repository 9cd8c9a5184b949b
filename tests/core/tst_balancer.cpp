// The load balancer's algorithms, called directly: the order round robin
// keeps, the shares smooth weighted round robin gives, least connections'
// choice, random's spread, and consistent hashing's stability when a target
// fails.
#include "core/sim/balancer.h"

#include <QSet>
#include <QTest>

#include <map>

using namespace sds::sim;

namespace {

NodeModel balancer(LbAlgorithm algorithm, std::vector<double> weights)
{
    NodeModel m;
    m.behaviour = Behaviour::Balancer;
    m.algorithm = algorithm;
    for (std::uint32_t k = 0; k < weights.size(); ++k) {
        Route r;
        r.target = k + 1;
        r.weight = weights[k];
        m.routes.push_back(r);
    }
    return m;
}

} // namespace

class TestBalancer : public QObject
{
    Q_OBJECT

private slots:
    void roundRobinCyclesInRouteOrder()
    {
        const NodeModel m = balancer(LbAlgorithm::RoundRobin, {1, 1, 1});
        BalancerState state(m.routes.size());
        Rng rng(1);
        const std::vector<std::uint32_t> all{0, 1, 2};
        QList<std::uint32_t> picks;
        for (int i = 0; i < 6; ++i)
            picks << choose(state, m, all, 0, rng);
        QCOMPARE(picks, (QList<std::uint32_t>{0, 1, 2, 0, 1, 2}));

        // A target out of the candidates is skipped; the others still alternate.
        const std::vector<std::uint32_t> without1{0, 2};
        picks.clear();
        for (int i = 0; i < 4; ++i)
            picks << choose(state, m, without1, 0, rng);
        QCOMPARE(picks, (QList<std::uint32_t>{0, 2, 0, 2}));
    }

    void smoothWeightedGivesEachItsWeightPerCycle()
    {
        const NodeModel m = balancer(LbAlgorithm::Weighted, {5, 1, 1});
        BalancerState state(m.routes.size());
        Rng rng(1);
        const std::vector<std::uint32_t> all{0, 1, 2};
        for (int cycle = 0; cycle < 3; ++cycle) {
            std::map<std::uint32_t, int> count;
            QList<std::uint32_t> order;
            for (int i = 0; i < 7; ++i) {
                const std::uint32_t k = choose(state, m, all, 0, rng);
                count[k] += 1;
                order << k;
            }
            QCOMPARE(count[0], 5);
            QCOMPARE(count[1], 1);
            QCOMPARE(count[2], 1);
            // Smooth: the heavy target never takes the whole cycle in one run.
            QCOMPARE(order, (QList<std::uint32_t>{0, 0, 1, 0, 2, 0, 0}));
        }
    }

    void leastConnectionsPicksTheLeastLoaded()
    {
        const NodeModel m = balancer(LbAlgorithm::LeastConnections, {1, 1, 1});
        BalancerState state(m.routes.size());
        Rng rng(1);
        const std::vector<std::uint32_t> all{0, 1, 2};
        state.active = {3, 1, 2};
        QCOMPARE(choose(state, m, all, 0, rng), 1u);
        state.active = {3, 5, 2};
        QCOMPARE(choose(state, m, all, 0, rng), 2u);
        // Only among the candidates: the least loaded of all is not one.
        state.active = {4, 0, 2};
        QCOMPARE(choose(state, m, std::vector<std::uint32_t>{0, 2}, 0, rng), 2u);
        // Ties share in turn.
        state.active = {0, 0, 0};
        QSet<std::uint32_t> tied;
        for (int i = 0; i < 3; ++i)
            tied << choose(state, m, all, 0, rng);
        QCOMPARE(tied.size(), 3);
    }

    void randomSpreadsOverTheCandidatesOnly()
    {
        const NodeModel m = balancer(LbAlgorithm::Random, {1, 1, 1, 1});
        BalancerState state(m.routes.size());
        Rng rng(7);
        const std::vector<std::uint32_t> candidates{0, 1, 3};
        std::map<std::uint32_t, int> count;
        const int n = 30000;
        for (int i = 0; i < n; ++i)
            count[choose(state, m, candidates, 0, rng)] += 1;
        QCOMPARE(count.count(2), std::size_t(0));
        for (std::uint32_t k : candidates) // 10000 expected, sd about 82
            QVERIFY2(std::abs(count[k] - n / 3) < 500, qPrintable(QString::number(count[k])));
    }

    void activePassiveTakesTheFirstCandidate()
    {
        NodeModel m = balancer(LbAlgorithm::RoundRobin, {1, 1});
        m.activePassive = true;
        BalancerState state(m.routes.size());
        Rng rng(1);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(choose(state, m, std::vector<std::uint32_t>{0, 1}, 0, rng), 0u);
        QCOMPARE(choose(state, m, std::vector<std::uint32_t>{1}, 0, rng), 1u);
    }

    void consistentHashIsStableAndRemapsOnlyTheFailedTargetsKeys()
    {
        const NodeModel m = balancer(LbAlgorithm::ConsistentHash, {1, 1, 1, 1});
        BalancerState state(m.routes.size());
        BalancerState other(m.routes.size()); // a second balancer with the same routes
        Rng rng(1);
        const std::vector<std::uint32_t> all{0, 1, 2, 3};
        const std::vector<std::uint32_t> without2{0, 1, 3};
        const std::uint64_t keys = 20000;
        std::vector<std::uint32_t> before(keys);
        std::map<std::uint32_t, int> share;
        for (std::uint64_t key = 0; key < keys; ++key) {
            before[key] = choose(state, m, all, key, rng);
            share[before[key]] += 1;
            QCOMPARE(choose(state, m, all, key, rng), before[key]);
            QCOMPARE(choose(other, m, all, key, rng), before[key]);
        }
        for (std::uint32_t k : all) // 5000 expected; 128 points per target keep it near
            QVERIFY2(share[k] > 3000 && share[k] < 7000, qPrintable(QString::number(share[k])));

        int moved = 0;
        for (std::uint64_t key = 0; key < keys; ++key) {
            const std::uint32_t after = choose(state, m, without2, key, rng);
            QVERIFY(after != 2);
            if (before[key] != 2)
                QCOMPARE(after, before[key]);
            else
                ++moved;
        }
        QCOMPARE(moved, share[2]);
    }
};

QTEST_APPLESS_MAIN(TestBalancer)
#include "tst_balancer.moc"
