#include "core/sim/histogram.h"
#include "core/sim/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace sds::sim;

namespace {

// The bound the bucket layout guarantees (see histogram.cpp), with room for
// the rounding of the seconds <-> nanoseconds conversions.
constexpr double kLayoutBound = 1.0 / 255.0 * (1 + 1e-9);

enum class Source { Uniform, Exponential, Lognormal, LogUniform };

std::vector<double> samples(Source source, int n, std::uint64_t seed)
{
    Rng rng(seed);
    std::vector<double> xs(static_cast<std::size_t>(n));
    for (double &x : xs) {
        switch (source) {
        case Source::Uniform: // 1 ms to 1 s
            x = 0.001 + 0.999 * rng.uniform();
            break;
        case Source::Exponential: // mean 10 ms
            x = rng.exponential(0.01);
            break;
        case Source::Lognormal: // mean 1 ms, heavy tail
            x = Distribution{DistKind::Lognormal, 0.001, 3.0}.sample(rng);
            break;
        case Source::LogUniform: // every power of two of the range
            x = 1e-6 * std::pow(1e11, rng.uniform());
            break;
        }
        // What the histogram records: below 1 us counts as 1 us (the
        // exponential and lognormal sources reach that far down).
        x = std::clamp(x, 1e-6, 1e5);
    }
    return xs;
}

// The exact order statistic of rank ceil(q * n), q = 0 giving the minimum.
double orderStatistic(const std::vector<double> &sorted, double q)
{
    const double n = static_cast<double>(sorted.size());
    const double rank = std::clamp(std::ceil(q * n), 1.0, n);
    return sorted[static_cast<std::size_t>(rank) - 1];
}

double relativeError(double got, double want)
{
    return std::fabs(got - want) / want;
}

} // namespace

class TestHistogram : public QObject
{
    Q_OBJECT

private slots:
    void emptyReturnsZero()
    {
        const LatencyHistogram h;
        QCOMPARE(h.count(), std::uint64_t{0});
        QCOMPARE(h.mean(), 0.0);
        QCOMPARE(h.min(), 0.0);
        QCOMPARE(h.max(), 0.0);
        for (const double q : {0.0, 0.5, 0.99, 1.0})
            QCOMPARE(h.quantile(q), 0.0);
    }

    void quantilesWithinOnePercent_data()
    {
        QTest::addColumn<int>("source");
        QTest::addColumn<int>("n");
        QTest::newRow("uniform 1e6") << int(Source::Uniform) << 1'000'000;
        QTest::newRow("exponential 1e6") << int(Source::Exponential) << 1'000'000;
        QTest::newRow("lognormal cv 3, 1e6") << int(Source::Lognormal) << 1'000'000;
        QTest::newRow("log-uniform 1us..1e5s, 1e5") << int(Source::LogUniform) << 100'000;
        QTest::newRow("exponential 10") << int(Source::Exponential) << 10;
    }

    void quantilesWithinOnePercent()
    {
        QFETCH(int, source);
        QFETCH(int, n);
        std::vector<double> xs = samples(static_cast<Source>(source), n, 1000 + source);
        LatencyHistogram h;
        for (const double x : xs)
            h.record(x);
        std::sort(xs.begin(), xs.end());
        QCOMPARE(h.count(), std::uint64_t(n));
        for (const double q :
             {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
            const double want = orderStatistic(xs, q);
            const double got = h.quantile(q);
            const double err = relativeError(got, want);
            QVERIFY2(err <= 0.01,
                     qPrintable(QStringLiteral("q=%1: %2 vs exact %3").arg(q).arg(got).arg(want)));
            QVERIFY2(err <= kLayoutBound,
                     qPrintable(QStringLiteral("q=%1: error %2").arg(q).arg(err)));
        }
        QCOMPARE(h.quantile(0), xs.front());
        QCOMPARE(h.quantile(1), xs.back());
    }

    void everyBucketEdgeWithinBound()
    {
        // Values just inside both ends of every bucket (in nanoseconds, which
        // round to the bucket's first and last integer), paired with a far
        // larger value so that clamping into [min, max] cannot hide an error:
        // the median (rank 1 of 2) is then the bucket's representative.
        LatencyHistogram h;
        double worst = 0;
        int checked = 0;
        for (int exponent = 9; exponent <= 46; ++exponent) {
            const std::uint64_t width = std::uint64_t{1} << (exponent - 7);
            for (std::uint64_t sub = 0; sub < 128; ++sub) {
                const double lower = static_cast<double>((128 + sub) * width);
                for (const double ns : {lower - 0.49, lower + static_cast<double>(width) - 0.51}) {
                    const double v = ns * 1e-9;
                    if (v < 1e-6 || v > 1e5 / 2)
                        continue;
                    h.reset();
                    h.record(v);
                    h.record(1e5);
                    const double err = relativeError(h.quantile(0.5), v);
                    worst = std::max(worst, err);
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 8000);
        QVERIFY2(worst <= kLayoutBound, qPrintable(QString::number(worst)));
        // The layout is not far finer than claimed either: 128 buckets per
        // power of two put the worst case near 1/256.
        QVERIFY2(worst > 0.003, qPrintable(QString::number(worst)));
    }

    void quantileUsesCeilingRank_data()
    {
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        // Four values far apart: rank ceil(q * 4).
        QTest::newRow("0") << 0.0 << 0.001;
        QTest::newRow("0.1") << 0.1 << 0.001;
        QTest::newRow("0.25") << 0.25 << 0.001;
        QTest::newRow("0.26") << 0.26 << 0.002;
        QTest::newRow("0.5") << 0.5 << 0.002;
        QTest::newRow("0.51") << 0.51 << 0.004;
        QTest::newRow("0.75") << 0.75 << 0.004;
        QTest::newRow("0.76") << 0.76 << 0.008;
        QTest::newRow("1") << 1.0 << 0.008;
    }

    void quantileUsesCeilingRank()
    {
        QFETCH(double, q);
        QFETCH(double, expected);
        LatencyHistogram h;
        for (const double x : {0.004, 0.001, 0.008, 0.002})
            h.record(x);
        QVERIFY2(relativeError(h.quantile(q), expected) <= kLayoutBound,
                 qPrintable(QString::number(h.quantile(q))));
    }

    void meanMinMaxAreExact()
    {
        const std::vector<double> xs = samples(Source::LogUniform, 1'000'000, 7);
        LatencyHistogram h;
        long double sum = 0;
        for (const double x : xs) {
            h.record(x);
            sum += x;
        }
        const double exactMean = static_cast<double>(sum / xs.size());
        QVERIFY2(relativeError(h.mean(), exactMean) < 1e-12,
                 qPrintable(QString::number(relativeError(h.mean(), exactMean))));
        QCOMPARE(h.min(), *std::min_element(xs.begin(), xs.end()));
        QCOMPARE(h.max(), *std::max_element(xs.begin(), xs.end()));
    }

    void mergeEqualsRecordingAll()
    {
        const std::vector<double> a = samples(Source::Exponential, 300'000, 1);
        const std::vector<double> b = samples(Source::Lognormal, 200'000, 2);
        LatencyHistogram ha, hb, all;
        for (const double x : a) {
            ha.record(x);
            all.record(x);
        }
        for (const double x : b) {
            hb.record(x);
            all.record(x);
        }
        ha.merge(hb);
        QCOMPARE(ha.count(), all.count());
        QCOMPARE(ha.min(), all.min());
        QCOMPARE(ha.max(), all.max());
        QVERIFY(relativeError(ha.mean(), all.mean()) < 1e-14);
        for (int i = 0; i <= 1000; ++i)
            QCOMPARE(ha.quantile(i / 1000.0), all.quantile(i / 1000.0));

        // Merging nothing changes nothing; merging into nothing copies.
        const double p99 = ha.quantile(0.99);
        ha.merge(LatencyHistogram());
        QCOMPARE(ha.count(), all.count());
        QCOMPARE(ha.quantile(0.99), p99);
        QCOMPARE(ha.min(), all.min());
        LatencyHistogram empty;
        empty.merge(all);
        QCOMPARE(empty.count(), all.count());
        QCOMPARE(empty.min(), all.min());
        QCOMPARE(empty.max(), all.max());
        QCOMPARE(empty.mean(), all.mean());
        QCOMPARE(empty.quantile(0.5), all.quantile(0.5));
    }

    void resetEmpties()
    {
        LatencyHistogram h;
        for (const double x : samples(Source::Uniform, 1000, 3))
            h.record(x);
        h.reset();
        QCOMPARE(h.count(), std::uint64_t{0});
        QCOMPARE(h.mean(), 0.0);
        QCOMPARE(h.min(), 0.0);
        QCOMPARE(h.max(), 0.0);
        QCOMPARE(h.quantile(0.5), 0.0);
        // Nothing of the old values survives: a fresh value is its own min,
        // max, mean and every quantile.
        h.record(0.5);
        QCOMPARE(h.count(), std::uint64_t{1});
        QCOMPARE(h.min(), 0.5);
        QCOMPARE(h.max(), 0.5);
        QCOMPARE(h.mean(), 0.5);
        QCOMPARE(h.quantile(0.01), 0.5);
        QCOMPARE(h.quantile(0.99), 0.5);
    }

    void resetThenReuseMatchesAFreshHistogram()
    {
        // reset() clears only the buckets it used; a reused histogram must
        // still answer exactly like a new one, for ranges that overlap or not.
        LatencyHistogram reused;
        for (int round = 0; round < 4; ++round) {
            const auto values =
                samples(round % 2 ? Source::Exponential : Source::LogUniform, 20000, 100 + round);
            LatencyHistogram fresh;
            for (const double x : values) {
                reused.record(x);
                fresh.record(x);
            }
            for (const double q : {0.001, 0.1, 0.5, 0.9, 0.99, 0.999})
                QCOMPARE(reused.quantile(q), fresh.quantile(q));
            reused.reset();
        }
    }

    void quantilesInOnePassMatchOneByOne()
    {
        LatencyHistogram h;
        const double qs[] = {0, 0.001, 0.25, 0.5, 0.5, 0.95, 0.99, 0.999, 1};
        double out[9];
        h.quantiles(qs, out, 9);
        for (double v : out)
            QCOMPARE(v, 0.0);
        for (const double x : samples(Source::Lognormal, 50000, 9))
            h.record(x);
        h.quantiles(qs, out, 9);
        for (int i = 0; i < 9; ++i)
            QCOMPARE(out[i], h.quantile(qs[i]));
    }

    void extremesClamp_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("recorded");
        QTest::newRow("0") << 0.0 << 1e-6;
        QTest::newRow("negative") << -1.0 << 1e-6;
        QTest::newRow("1 ns") << 1e-9 << 1e-6;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << 1e-6;
        QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << 1e-6;
        QTest::newRow("1 us") << 1e-6 << 1e-6;
        QTest::newRow("1e5 s") << 1e5 << 1e5;
        QTest::newRow("1e6 s") << 1e6 << 1e5;
        QTest::newRow("inf") << std::numeric_limits<double>::infinity() << 1e5;
    }

    void extremesClamp()
    {
        QFETCH(double, value);
        QFETCH(double, recorded);
        LatencyHistogram h;
        h.record(value);
        h.record(value);
        QCOMPARE(h.count(), std::uint64_t{2});
        QCOMPARE(h.min(), recorded);
        QCOMPARE(h.max(), recorded);
        QCOMPARE(h.mean(), recorded);
        QCOMPARE(h.quantile(0.5), recorded);
        // Next to an ordinary value, the clamped one still lands in the end bucket.
        h.record(0.01);
        const double q = recorded < 0.01 ? 0.0 : 1.0;
        QCOMPARE(h.quantile(q), recorded);
        QVERIFY(relativeError(h.quantile(recorded < 0.01 ? 0.5 : 0.34), recorded) <= kLayoutBound);
    }

    void outOfRangeQuantileArguments()
    {
        LatencyHistogram h;
        for (const double x : {0.001, 0.002, 0.003})
            h.record(x);
        QCOMPARE(h.quantile(-1), 0.001);
        QCOMPARE(h.quantile(2), 0.003);
    }
};

QTEST_APPLESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
