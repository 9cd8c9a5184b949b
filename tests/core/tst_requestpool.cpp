// The engine's request pool: references stay put while it grows, and a
// released request comes back with a new generation, so the events still
// naming the old one are recognised as stale.
#include "core/sim/requestpool.h"

#include <QTest>

using namespace sds::sim;

class TestRequestPool : public QObject
{
    Q_OBJECT

private slots:
    void referenceSurvivesManyAllocs()
    {
        RequestPool pool;
        const std::uint32_t i = pool.alloc();
        Request &r = pool[i];
        r.key = 42;
        r.client = 7;
        const Request *address = &r;
        // Many blocks' worth, so a contiguous arena would have moved several times.
        const std::uint32_t more = 10 * RequestPool::kBlockSize + 3;
        for (std::uint32_t n = 0; n < more; ++n)
            pool[pool.alloc()].key = n;
        QCOMPARE(&pool[i], address);
        QCOMPARE(r.key, std::uint64_t(42));
        QCOMPARE(r.client, 7u);
        QCOMPARE(pool.size(), std::size_t(more) + 1);
        QCOMPARE(pool.live(), std::size_t(more) + 1);
        QCOMPARE(pool[more].key, std::uint64_t(more - 1)); // the last one, not the first
    }

    void releaseAndReuseBumpTheGeneration()
    {
        RequestPool pool;
        const std::uint32_t a = pool.alloc();
        const std::uint32_t b = pool.alloc();
        QVERIFY(a != b);
        const std::uint32_t gen = pool[a].gen;
        pool[a].key = 99;
        pool[a].state = RequestState::Service;
        pool[a].abandoned = true;
        pool.release(a);
        QCOMPARE(pool[a].gen, gen + 1); // an event carrying gen is stale now
        QCOMPARE(pool[a].state, RequestState::Free);
        QCOMPARE(pool.live(), std::size_t(1));

        const std::uint32_t c = pool.alloc(); // reused, not a new slot
        QCOMPARE(c, a);
        QCOMPARE(pool.size(), std::size_t(2));
        QCOMPARE(pool[c].gen, gen + 1); // kept through the reset
        QCOMPARE(pool[c].key, std::uint64_t(0));
        QVERIFY(!pool[c].abandoned);
        pool.release(c);
        pool.release(b);
        QCOMPARE(pool[c].gen, gen + 2);
        QCOMPARE(pool.live(), std::size_t(0));
        // Last released, first reused.
        QCOMPARE(pool.alloc(), b);
        QCOMPARE(pool.alloc(), a);
        QCOMPARE(pool.size(), std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestRequestPool)
#include "tst_requestpool.moc"
