#include "core/sim/batchmeans.h"
#include "core/sim/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace sds::sim;

class TestBatchMeans : public QObject
{
    Q_OBJECT

private slots:
    void fewerThanTwoBatchesIsInvalid()
    {
        BatchMeans bm;
        ConfidenceInterval ci = bm.interval95();
        QCOMPARE(bm.count(), std::uint64_t{0});
        QVERIFY(!ci.valid);
        QCOMPARE(ci.batches, 0);
        QCOMPARE(ci.mean, 0.0);

        bm.add(3.5); // batches start with one value each
        ci = bm.interval95();
        QVERIFY(!ci.valid);
        QCOMPARE(ci.batches, 1);
        QCOMPARE(ci.mean, 3.5);

        bm.add(4.5);
        ci = bm.interval95();
        QVERIFY(ci.valid);
        QCOMPARE(ci.batches, 2);
        QCOMPARE(ci.mean, 4.0);
        QVERIFY(ci.low < 4.0 && ci.high > 4.0);
    }

    void handWorkedExample()
    {
        // maxBatches 4 and the values 1..9: batches {1} {2} {3} {4}; the 5th
        // would be one too many, so they merge to {1,2} {3,4} with 5 starting
        // the next batch; then {5,6} {7,8}, and 9 is left in the partial batch.
        BatchMeans bm(4);
        for (int i = 1; i <= 9; ++i)
            bm.add(i);
        const ConfidenceInterval ci = bm.interval95();
        QCOMPARE(bm.count(), std::uint64_t{9});
        QVERIFY(ci.valid);
        QCOMPARE(ci.batches, 4);
        QCOMPARE(ci.mean, 4.5);
        // Batch means 1.5 3.5 5.5 7.5: s^2 = 20/3, half-width t(3) sqrt(s^2 / 4).
        const double half = 3.182446305284263 * std::sqrt(20.0 / 3.0 / 4.0);
        QVERIFY(std::fabs(ci.low - (4.5 - half)) < 1e-9);
        QVERIFY(std::fabs(ci.high - (4.5 + half)) < 1e-9);
    }

    void constantSeriesHasZeroWidth()
    {
        BatchMeans bm(8);
        for (int i = 0; i < 1000; ++i)
            bm.add(2.25);
        const ConfidenceInterval ci = bm.interval95();
        QVERIFY(ci.valid);
        QCOMPARE(ci.mean, 2.25);
        QCOMPARE(ci.low, 2.25);
        QCOMPARE(ci.high, 2.25);
    }

    void doublingKeepsBatchesBounded_data()
    {
        QTest::addColumn<int>("maxBatches");
        QTest::addColumn<int>("effectiveMax");
        QTest::newRow("4") << 4 << 4;
        QTest::newRow("10") << 10 << 10;
        QTest::newRow("64") << 64 << 64;
        QTest::newRow("5 rounds up to 6") << 5 << 6;
        QTest::newRow("2 is raised to 4") << 2 << 4;
    }

    void doublingKeepsBatchesBounded()
    {
        QFETCH(int, maxBatches);
        QFETCH(int, effectiveMax);
        BatchMeans bm(maxBatches);
        Rng rng(static_cast<std::uint64_t>(maxBatches));
        std::vector<double> prefix{0}; // prefix[i] = sum of the first i values
        for (int i = 1; i <= 20000; ++i) {
            const double x = rng.exponential(1.0) + i * 1e-3; // a trend, so prefixes differ
            bm.add(x);
            prefix.push_back(prefix.back() + x);
            const ConfidenceInterval ci = bm.interval95();
            QCOMPARE(bm.count(), std::uint64_t(i));
            QVERIFY2(ci.batches <= effectiveMax, qPrintable(QString::number(ci.batches)));
            // Once the batches have filled up, a merge leaves at least half.
            QVERIFY(ci.batches >= std::min(i, effectiveMax / 2));
            QCOMPARE(ci.valid, ci.batches >= 2);
            // The batch size b is a power of two with batches * b values in
            // complete batches and fewer than b in the partial one; the mean
            // is the mean of exactly those first batches * b values.
            std::int64_t b = 0;
            for (std::int64_t c = 1; c <= i; c *= 2) {
                if (ci.batches * c <= i && i - ci.batches * c < c) {
                    QCOMPARE(b, std::int64_t{0}); // at most one fits
                    b = c;
                }
            }
            QVERIFY2(b > 0, qPrintable(QStringLiteral("i=%1 batches=%2").arg(i).arg(ci.batches)));
            const std::int64_t used = ci.batches * b;
            const double want = prefix[static_cast<std::size_t>(used)] / static_cast<double>(used);
            QVERIFY2(std::fabs(ci.mean - want) <= 1e-12 * std::fabs(want),
                     qPrintable(QStringLiteral("i=%1: %2 vs %3").arg(i).arg(ci.mean).arg(want)));
        }
        // After 20000 values the limit has been reached many times over.
        QVERIFY(bm.interval95().batches >= effectiveMax / 2);
    }

    void studentT975KnownValues_data()
    {
        QTest::addColumn<int>("df");
        QTest::addColumn<double>("expected");
        QTest::addColumn<double>("tolerance");
        // Printed tables (3 decimals) ...
        QTest::newRow("1") << 1 << 12.706 << 5e-4;
        QTest::newRow("2") << 2 << 4.303 << 5e-4;
        QTest::newRow("3") << 3 << 3.182 << 5e-4;
        QTest::newRow("5") << 5 << 2.571 << 5e-4;
        QTest::newRow("10") << 10 << 2.228 << 5e-4;
        QTest::newRow("20") << 20 << 2.086 << 5e-4;
        QTest::newRow("29") << 29 << 2.045 << 5e-4;
        QTest::newRow("30") << 30 << 2.042 << 5e-4;
        // ... and high-precision values (mpmath, 30 digits) across the switch
        // from table to expansion.
        QTest::newRow("7 precise") << 7 << 2.36462425159279 << 1e-10;
        QTest::newRow("30 precise") << 30 << 2.04227245630124 << 1e-10;
        QTest::newRow("31") << 31 << 2.0395134464 << 1e-7;
        QTest::newRow("35") << 35 << 2.03010792825 << 1e-7;
        QTest::newRow("40") << 40 << 2.02107539031 << 1e-7;
        QTest::newRow("60") << 60 << 2.00029782201 << 1e-8;
        QTest::newRow("120") << 120 << 1.97993040508 << 1e-8;
        QTest::newRow("1000") << 1000 << 1.96233908083 << 1e-9;
        QTest::newRow("10000") << 10000 << 1.96020123989 << 1e-9;
        QTest::newRow("huge") << 1'000'000'000 << 1.959963984540054 << 1e-8;
    }

    void studentT975KnownValues()
    {
        QFETCH(int, df);
        QFETCH(double, expected);
        QFETCH(double, tolerance);
        const double got = studentT975(df);
        QVERIFY2(
            std::fabs(got - expected) < tolerance,
            qPrintable(QStringLiteral("%1 vs %2").arg(got, 0, 'g', 15).arg(expected, 0, 'g', 15)));
    }

    void studentT975DecreasesTowardsNormal()
    {
        double previous = studentT975(1);
        for (int df = 2; df <= 100000; ++df) {
            const double t = studentT975(df);
            QVERIFY2(t < previous, qPrintable(QString::number(df)));
            QVERIFY(t > 1.959963984540054);
            previous = t;
        }
    }

    void coverage_data()
    {
        QTest::addColumn<double>("phi");
        QTest::addColumn<double>("trueMean");
        QTest::newRow("iid normal") << 0.0 << 0.0;
        QTest::newRow("iid normal, mean 5") << 0.0 << 5.0;
        QTest::newRow("AR(1) phi 0.9") << 0.9 << 0.0;
        QTest::newRow("AR(1) phi 0.9, mean -3") << 0.9 << -3.0;
    }

    void coverage()
    {
        // Many independent replications of x_t = mu + y_t, y_t = phi y_{t-1} + e_t,
        // started in the stationary law: about 95 % of the intervals must cover
        // mu. With 400 replications the sd of the fraction is 0.011, so
        // [0.90, 0.99] is a wide margin; the fixed seeds make it deterministic.
        QFETCH(double, phi);
        QFETCH(double, trueMean);
        constexpr int replications = 400;
        constexpr int length = 20000;
        Rng rng(static_cast<std::uint64_t>(phi * 1000 + trueMean + 1000));
        int covered = 0;
        for (int r = 0; r < replications; ++r) {
            BatchMeans bm;
            double y = rng.normal() / std::sqrt(1 - phi * phi);
            for (int t = 0; t < length; ++t) {
                bm.add(trueMean + y);
                y = phi * y + rng.normal();
            }
            const ConfidenceInterval ci = bm.interval95();
            QVERIFY(ci.valid);
            QVERIFY(ci.batches >= 32 && ci.batches <= 64);
            covered += ci.low <= trueMean && trueMean <= ci.high;
        }
        const double fraction = covered / double(replications);
        QVERIFY2(fraction >= 0.90 && fraction <= 0.99, qPrintable(QString::number(fraction)));
    }

    void intervalWidensForCorrelatedSeries()
    {
        // Why batches: with phi = 0.9 an interval that treats the values as
        // independent is far too narrow. A batch-means interval is about
        // sqrt((1 + phi) / (1 - phi)) = 4.4 times wider than the naive one.
        Rng rng(99);
        BatchMeans bm;
        double y = 0;
        double sum = 0, sumSq = 0;
        constexpr int length = 100000;
        for (int t = 0; t < length; ++t) {
            y = 0.9 * y + rng.normal();
            bm.add(y);
            sum += y;
            sumSq += y * y;
        }
        const double mean = sum / length;
        const double naiveHalf = 1.96 * std::sqrt((sumSq / length - mean * mean) / length);
        const ConfidenceInterval ci = bm.interval95();
        const double ratio = (ci.high - ci.low) / 2 / naiveHalf;
        QVERIFY2(ratio > 3 && ratio < 6.5, qPrintable(QString::number(ratio)));
    }
};

QTEST_APPLESS_MAIN(TestBatchMeans)
#include "tst_batchmeans.moc"
