// Where the tail comes from: the engine's per-request trace, checked on
// designs whose answer is known.

#include "core/sim/tailtrace.h"
#include "simtestutil.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace simtest;
using sds::sim::TailBreakdown;
using sds::sim::TimeKind;

namespace {

struct Traced {
    sds::sim::RunMetrics metrics;
    TailBreakdown tail;
};

Traced traced(const DiagramData &d, double quantile = 0.99)
{
    auto s = simulation(d);
    s->setTraceTail(true);
    s->run();
    Traced t;
    t.metrics = s->metrics();
    const auto b = s->tailBreakdown(t.metrics.latency.quantile(quantile));
    if (!b)
        qFatal("a traced run has a breakdown");
    t.tail = *b;
    return t;
}

const sds::sim::TailShare *share(const Traced &t, const DiagramData &d, const QString &id)
{
    const int n = d.nodeIndex(id);
    for (const auto &s : t.tail.nodes) {
        if (int(s.node) == n)
            return &s;
    }
    return nullptr;
}

double part(const sds::sim::TailShare *s, TimeKind k)
{
    return s ? s->seconds[std::size_t(k)] : 0.0;
}

// client -> front (fast) -> back (slow), each with its own service parameters
DiagramData twoTiers(const QVariantMap &front, const QVariantMap &back, double rate)
{
    return diagram(
        {node(u"users"_s, NodeKind::Client, client(rate)),
         node(u"front"_s, NodeKind::WebServer, front), node(u"back"_s, NodeKind::AppService, back)},
        {edge(u"users"_s, u"front"_s, -1, 10), edge(u"front"_s, u"back"_s, -1, 1)}, 200, 20);
}

} // namespace

class TestTailTrace : public QObject
{
    Q_OBJECT

private slots:
    void partsAreTheLatencyExactlyWhenNothingQueues()
    {
        // Evenly spaced arrivals and fixed service times: every request takes
        // 2 × 10 ms + 2 ms at the front, 2 × 1 ms + 30 ms at the back = 54 ms.
        DiagramData d =
            twoTiers(station(4, 2, "deterministic"), station(4, 30, "deterministic"), 10);
        d.nodes[0].params.insert(u"pattern"_s, u"constant"_s);
        const Traced t = traced(d, 0.0);
        QVERIFY(t.tail.requests > 1000);
        QCOMPARE(t.tail.requests, t.metrics.completed);
        const double n = double(t.tail.requests);
        QVERIFY(qAbs(t.tail.latencyS / n - 0.054) < 1e-9);
        const auto *front = share(t, d, u"front"_s);
        const auto *back = share(t, d, u"back"_s);
        QVERIFY(front && back);
        QVERIFY(qAbs(part(front, TimeKind::Network) / n - 0.020) < 1e-6);
        QVERIFY(qAbs(part(front, TimeKind::Service) / n - 0.002) < 1e-6);
        QVERIFY(qAbs(part(back, TimeKind::Network) / n - 0.002) < 1e-6);
        QVERIFY(qAbs(part(back, TimeKind::Service) / n - 0.030) < 1e-6);
        QCOMPARE(part(front, TimeKind::Queueing) + part(back, TimeKind::Queueing), 0.0);
        QCOMPARE(share(t, d, u"users"_s), nullptr); // no retries: the client has none
    }

    void aSlowTierBehindAFastOneOwnsTheTail()
    {
        // The back tier is 90 % busy; the front tier has servers to spare.
        const DiagramData slowBack = twoTiers(station(8, 1), station(2, 20), 90);
        const Traced t = traced(slowBack);
        QVERIFY(t.tail.latencyS > 0);
        const auto *back = share(t, slowBack, u"back"_s);
        const auto *front = share(t, slowBack, u"front"_s);
        QVERIFY(back && front);
        QVERIFY2(back->total() / t.tail.latencyS > 0.85,
                 qPrintable(QString::number(back->total() / t.tail.latencyS)));
        QVERIFY(front->total() / t.tail.latencyS < 0.1);
        // Its queue, not its service, is what makes the slowest requests slow.
        QVERIFY(part(back, TimeKind::Queueing) > 2 * part(back, TimeKind::Service));
        QCOMPARE(t.tail.nodes.front().node, std::uint32_t(slowBack.nodeIndex(u"back"_s)));

        // The same tiers the other way round: now the front owns the tail.
        const DiagramData slowFront = twoTiers(station(2, 20), station(8, 1), 90);
        const Traced u = traced(slowFront);
        const auto *front2 = share(u, slowFront, u"front"_s);
        QVERIFY(front2 && front2->total() / u.tail.latencyS > 0.85);
    }

    void theTailIsTheSlowestHundredthAndItsPartsAddUp()
    {
        // A heavy-tailed back tier; attempts that wait past 250 ms are
        // abandoned and sent again after 20 ms (light enough not to storm).
        DiagramData d = twoTiers(station(8, 1), station(3, 20, "lognormal", 3), 60);
        d.nodes[0].params.insert(u"timeout_ms"_s, 250);
        d.nodes[0].params.insert(u"retries"_s, 2);
        d.nodes[0].params.insert(u"backoff_ms"_s, 20);
        const Traced t = traced(d);
        const double fraction = double(t.tail.requests) / double(t.metrics.completed);
        QVERIFY2(fraction > 0.008 && fraction < 0.03, qPrintable(QString::number(fraction)));
        double sum = 0;
        for (const auto &s : t.tail.nodes)
            sum += s.total();
        QVERIFY(qAbs(sum - t.tail.latencyS) < 1e-6 * t.tail.latencyS);
        // Requests that needed a second attempt are among the slowest, and the
        // time before that attempt is charged to the client as retry waiting.
        QVERIFY(t.metrics.retries > 0);
        const auto *users = share(t, d, u"users"_s);
        QVERIFY(users && part(users, TimeKind::Retry) > 0);
        QCOMPARE(part(users, TimeKind::Queueing) + part(users, TimeKind::Service), 0.0);
    }

    void tracingChangesNoFigure()
    {
        DiagramData d = twoTiers(station(4, 2), station(3, 10), 250);
        d.nodes[0].params.insert(u"timeout_ms"_s, 80);
        d.nodes[0].params.insert(u"retries"_s, 1);
        const auto plain = run(d);
        const Traced t = traced(d);
        QCOMPARE(t.metrics.completed, plain.completed);
        QCOMPARE(t.metrics.retries, plain.retries);
        QCOMPARE(t.metrics.latency.mean(), plain.latency.mean());
        QCOMPARE(t.metrics.events, plain.events);
    }

    void untracedRunsHaveNoBreakdown()
    {
        auto s = simulation(twoTiers(station(4, 2), station(3, 10), 50));
        s->run();
        QVERIFY(!s->tailBreakdown(0.1).has_value());
    }
};

QTEST_GUILESS_MAIN(TestTailTrace)
#include "tst_tailtrace.moc"
