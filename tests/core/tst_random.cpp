#include "core/sim/random.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

using namespace sds::sim;

namespace {

// An independent, deliberately plain transcription of splitmix64 and
// xoshiro256** from Vigna's reference C code, so the engine is checked against
// something other than itself.
class ReferenceXoshiro
{
public:
    explicit ReferenceXoshiro(std::uint64_t seed)
    {
        std::uint64_t x = seed;
        for (int i = 0; i < 4; ++i) {
            x += 0x9E3779B97F4A7C15ull;
            std::uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            s[i] = z ^ (z >> 31);
        }
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
        const std::uint64_t t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return result;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s[4];
};

// Upper critical value of chi-square with df degrees of freedom at alpha =
// 1e-6 by the Wilson-Hilferty approximation. It lies above the exact quantile
// for every df (27.5 vs 23.9 at df 1, within 0.01 % from df 1000), so a test
// against it is slightly lenient but never flaky.
double chiSquareCritical(int df)
{
    constexpr double z = 4.753424308822899; // normal quantile at 1 - 1e-6
    const double c = 2.0 / (9.0 * df);
    const double t = 1.0 - c + z * std::sqrt(c);
    return df * t * t * t;
}

struct Moments {
    double mean = 0;
    double variance = 0;
    double skewness = 0;
    double kurtosis = 0;
};

Moments momentsOf(const std::vector<double> &xs)
{
    Moments m;
    const double n = static_cast<double>(xs.size());
    for (const double x : xs)
        m.mean += x;
    m.mean /= n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (const double x : xs) {
        const double d = x - m.mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    m.variance = m2 * n / (n - 1);
    m.skewness = m3 / std::pow(m2, 1.5);
    m.kurtosis = m4 / (m2 * m2);
    return m;
}

// Chi-square statistic of observed counts against expected probabilities.
// Neighbouring bins are pooled until each expects at least 5 counts (for the
// decreasing laws here, that pools the tail); a short remainder joins the
// last bin. Returns the statistic and sets df.
double chiSquare(const std::vector<std::uint64_t> &observed, const std::vector<double> &expectedP,
                 std::uint64_t total, int &df)
{
    std::vector<std::pair<double, double>> bins; // (expected, observed)
    double e = 0, o = 0;
    for (std::size_t k = 0; k < observed.size(); ++k) {
        e += expectedP[k] * static_cast<double>(total);
        o += static_cast<double>(observed[k]);
        if (e >= 5) {
            bins.emplace_back(e, o);
            e = o = 0;
        }
    }
    if (bins.empty())
        bins.emplace_back(e, o);
    else {
        bins.back().first += e;
        bins.back().second += o;
    }
    double stat = 0;
    for (const auto &[expected, seen] : bins)
        stat += (seen - expected) * (seen - expected) / expected;
    df = static_cast<int>(bins.size()) - 1;
    return stat;
}

constexpr double kSqrt3 = 1.7320508075688772935;

} // namespace

class TestRandom : public QObject
{
    Q_OBJECT

private slots:
    // --- Rng ----------------------------------------------------------------

    void goldenOutputs_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<QList<quint64>>("expected");
        // Computed once with an independent implementation (Python, arbitrary
        // precision integers) of splitmix64 seeding and xoshiro256**.
        QTest::newRow("seed 0") << quint64(0)
                                << QList<quint64>{0x99ec5f36cb75f2b4ull, 0xbf6e1f784956452aull,
                                                  0x1a5f849d4933e6e0ull, 0x6aa594f1262d2d2cull,
                                                  0xbba5ad4a1f842e59ull};
        QTest::newRow("seed 42") << quint64(42)
                                 << QList<quint64>{0x15780b2e0c2ec716ull, 0x6104d9866d113a7eull,
                                                   0xae17533239e499a1ull, 0xecb8ad4703b360a1ull,
                                                   0xfde6dc7fe2ec5e64ull};
    }

    void goldenOutputs()
    {
        QFETCH(quint64, seed);
        QFETCH(QList<quint64>, expected);
        Rng rng(seed);
        ReferenceXoshiro ref(seed);
        for (const quint64 want : expected) {
            QCOMPARE(quint64(ref.next()), want);
            QCOMPARE(quint64(rng.next()), want);
        }
    }

    void matchesReferenceImplementation_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::newRow("0") << quint64(0);
        QTest::newRow("1") << quint64(1);
        QTest::newRow("42") << quint64(42);
        QTest::newRow("deadbeef") << quint64(0xdeadbeefull);
        QTest::newRow("max") << std::numeric_limits<quint64>::max();
    }

    void matchesReferenceImplementation()
    {
        QFETCH(quint64, seed);
        Rng rng(seed);
        ReferenceXoshiro ref(seed);
        for (int i = 0; i < 10000; ++i)
            QCOMPARE(rng.next(), ref.next());
    }

    void sameSeedSameSequence()
    {
        Rng a(12345), b(12345);
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(a.next(), b.next());
            QCOMPARE(a.uniform(), b.uniform());
            QCOMPARE(a.normal(), b.normal());
            QCOMPARE(a.exponential(2.0), b.exponential(2.0));
            QCOMPARE(a.below(1000), b.below(1000));
        }
    }

    void differentSeedsDiffer()
    {
        // Neighbouring seeds must give unrelated streams: no shared first
        // outputs among 1000 seeds, and few coincident positions between two.
        std::set<std::uint64_t> firsts;
        for (std::uint64_t seed = 0; seed < 1000; ++seed)
            firsts.insert(Rng(seed).next());
        QCOMPARE(firsts.size(), std::size_t(1000));

        Rng a(1), b(2);
        int same = 0;
        for (int i = 0; i < 10000; ++i)
            same += a.next() == b.next();
        QCOMPARE(same, 0);
    }

    void uniformUsesTop53Bits()
    {
        Rng rng(7);
        ReferenceXoshiro ref(7);
        for (int i = 0; i < 10000; ++i) {
            const double u = rng.uniform();
            QCOMPARE(u, std::ldexp(static_cast<double>(ref.next() >> 11), -53));
        }
    }

    void uniformMoments()
    {
        Rng rng(2024);
        constexpr int n = 1'000'000;
        std::vector<double> xs(n);
        double lowest = 1, highest = 0;
        for (double &x : xs) {
            x = rng.uniform();
            QVERIFY(x >= 0.0 && x < 1.0);
            lowest = std::min(lowest, x);
            highest = std::max(highest, x);
        }
        const Moments m = momentsOf(xs);
        // Standard errors: mean sqrt(1/12 / n); variance sqrt((1/80 - 1/144) / n).
        QVERIFY2(std::fabs(m.mean - 0.5) < 5 * std::sqrt(1.0 / 12 / n),
                 qPrintable(QString::number(m.mean)));
        QVERIFY2(std::fabs(m.variance - 1.0 / 12) < 5 * std::sqrt((1.0 / 80 - 1.0 / 144) / n),
                 qPrintable(QString::number(m.variance)));
        QVERIFY(lowest < 1e-5);
        QVERIFY(highest > 1 - 1e-5);
    }

    void uniformOpenNeverHitsTheEnds()
    {
        Rng rng(99);
        constexpr int n = 1'000'000;
        double sum = 0;
        for (int i = 0; i < n; ++i) {
            const double u = rng.uniformOpen();
            QVERIFY(u > 0.0 && u < 1.0);
            QVERIFY(std::isfinite(std::log(u)));
            sum += u;
        }
        QVERIFY(std::fabs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
    }

    void uniformOpenMapsTop52BitsInside()
    {
        // The extreme words (top 52 bits all zero or all one) are too rare to
        // draw, so check the mapping at its ends: (j + 1/2) / 2^52 for j = 0
        // and j = 2^52 - 1 is strictly inside (0, 1) ...
        const double smallest = (0.0 + 0.5) * 0x1.0p-52;
        const double largest =
            (static_cast<double>((std::uint64_t{1} << 52) - 1) + 0.5) * 0x1.0p-52;
        QVERIFY(smallest > 0);
        QVERIFY(largest < 1);
        // ... and the engine uses exactly that mapping.
        Rng rng(5);
        ReferenceXoshiro ref(5);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(rng.uniformOpen(), (static_cast<double>(ref.next() >> 12) + 0.5) * 0x1.0p-52);
    }

    void belowIsUniform_data()
    {
        QTest::addColumn<quint64>("n");
        QTest::newRow("1") << quint64(1);
        QTest::newRow("2") << quint64(2);
        QTest::newRow("3") << quint64(3);
        QTest::newRow("7") << quint64(7);
        QTest::newRow("10") << quint64(10);
        QTest::newRow("100") << quint64(100);
        QTest::newRow("1000") << quint64(1000);
    }

    void belowIsUniform()
    {
        QFETCH(quint64, n);
        Rng rng(n * 31 + 1);
        constexpr std::uint64_t samples = 1'000'000;
        std::vector<std::uint64_t> counts(n, 0);
        for (std::uint64_t i = 0; i < samples; ++i) {
            const std::uint64_t k = rng.below(n);
            QVERIFY(k < n);
            ++counts[k];
        }
        if (n == 1) {
            QCOMPARE(counts[0], samples);
            return;
        }
        const std::vector<double> p(n, 1.0 / static_cast<double>(n));
        int df = 0;
        const double stat = chiSquare(counts, p, samples, df);
        QCOMPARE(df, int(n) - 1);
        QVERIFY2(stat < chiSquareCritical(df),
                 qPrintable(QStringLiteral("chi2 %1 df %2").arg(stat).arg(df)));
    }

    void belowHugeRangesStayInRange_data()
    {
        QTest::addColumn<quint64>("n");
        QTest::newRow("2^32+1") << quint64((1ull << 32) + 1);
        QTest::newRow("2^63") << quint64(1ull << 63);
        QTest::newRow("2^63+1") << quint64((1ull << 63) + 1); // rejects about half the words
        QTest::newRow("max") << std::numeric_limits<quint64>::max();
    }

    void belowHugeRangesStayInRange()
    {
        QFETCH(quint64, n);
        Rng rng(77);
        constexpr int samples = 200'000;
        double sum = 0;
        for (int i = 0; i < samples; ++i) {
            const std::uint64_t k = rng.below(n);
            QVERIFY(k < n);
            sum += static_cast<double>(k) / static_cast<double>(n);
        }
        // The scaled values are uniform on [0, 1): mean 1/2, sd sqrt(1/12).
        QVERIFY(std::fabs(sum / samples - 0.5) < 5 * std::sqrt(1.0 / 12 / samples));
    }

    void belowIsTheHighWordOfTheProduct()
    {
        // For n a power of two no word is ever rejected and Lemire's result is
        // exactly the top log2(n) bits of the word.
        Rng rng(3);
        ReferenceXoshiro ref(3);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(rng.below(1u << 10), ref.next() >> 54);
    }

    void exponentialMoments_data()
    {
        QTest::addColumn<double>("mean");
        QTest::newRow("1") << 1.0;
        QTest::newRow("0.25") << 0.25;
        QTest::newRow("1000") << 1000.0;
    }

    void exponentialMoments()
    {
        QFETCH(double, mean);
        Rng rng(11);
        constexpr int n = 1'000'000;
        std::vector<double> xs(n);
        int aboveMean = 0;
        for (double &x : xs) {
            x = rng.exponential(mean);
            QVERIFY(x > 0 && std::isfinite(x));
            aboveMean += x > mean;
        }
        const Moments m = momentsOf(xs);
        // se of the mean: mean / sqrt(n); of the variance: sqrt((mu4 - sigma^4) / n)
        // = sqrt(8 / n) mean^2.
        QVERIFY2(std::fabs(m.mean - mean) < 5 * mean / std::sqrt(n),
                 qPrintable(QString::number(m.mean)));
        QVERIFY2(std::fabs(m.variance - mean * mean) < 5 * std::sqrt(8.0 / n) * mean * mean,
                 qPrintable(QString::number(m.variance)));
        // The shape, not just the moments: P(X > mean) = 1/e.
        const double p = std::exp(-1.0);
        QVERIFY(std::fabs(aboveMean / double(n) - p) < 5 * std::sqrt(p * (1 - p) / n));
    }

    void normalMoments()
    {
        Rng rng(13);
        constexpr int n = 1'000'000;
        std::vector<double> xs(n);
        for (double &x : xs) {
            x = rng.normal();
            QVERIFY(std::isfinite(x));
        }
        const Moments m = momentsOf(xs);
        QVERIFY2(std::fabs(m.mean) < 5 / std::sqrt(n), qPrintable(QString::number(m.mean)));
        QVERIFY2(std::fabs(m.variance - 1) < 5 * std::sqrt(2.0 / n),
                 qPrintable(QString::number(m.variance)));
        QVERIFY2(std::fabs(m.skewness) < 5 * std::sqrt(6.0 / n),
                 qPrintable(QString::number(m.skewness)));
        QVERIFY2(std::fabs(m.kurtosis - 3) < 5 * std::sqrt(24.0 / n),
                 qPrintable(QString::number(m.kurtosis)));
    }

    void normalTailFractions_data()
    {
        QTest::addColumn<double>("z");
        QTest::addColumn<double>("p"); // P(Z < z)
        QTest::newRow("-3.090") << -3.090232306167813 << 0.001;
        QTest::newRow("-1.960") << -1.959963984540054 << 0.025;
        QTest::newRow("-1.440") << -1.439531470938456 << 0.075; // the AS 241 region boundary
        QTest::newRow("0") << 0.0 << 0.5;
        QTest::newRow("0.674") << 0.6744897501960817 << 0.75;
        QTest::newRow("1.960") << 1.959963984540054 << 0.975;
        QTest::newRow("3.090") << 3.090232306167813 << 0.999;
    }

    void normalTailFractions()
    {
        QFETCH(double, z);
        QFETCH(double, p);
        Rng rng(17);
        constexpr int n = 1'000'000;
        int below = 0;
        for (int i = 0; i < n; ++i)
            below += rng.normal() < z;
        const double fraction = below / double(n);
        QVERIFY2(std::fabs(fraction - p) < 5 * std::sqrt(p * (1 - p) / n),
                 qPrintable(QString::number(fraction)));
    }

    // --- Distribution -------------------------------------------------------

    void distributionMoments_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("cv");
        QTest::addColumn<double>("expectedScv");

        const auto row = [](const char *name, DistKind kind, double mean, double cv, double scv) {
            QTest::newRow(name) << int(kind) << mean << cv << scv;
        };
        row("exponential 2 (cv ignored)", DistKind::Exponential, 2.0, 0.3, 1.0);
        row("exponential 0.001", DistKind::Exponential, 0.001, 1.0, 1.0);
        row("deterministic 0.5 (cv ignored)", DistKind::Deterministic, 0.5, 0.7, 0.0);
        row("uniform 1 cv 0.5", DistKind::Uniform, 1.0, 0.5, 0.25);
        row("uniform 3 cv 0.2", DistKind::Uniform, 3.0, 0.2, 0.04);
        row("uniform cv 0", DistKind::Uniform, 4.0, 0.0, 0.0);
        row("uniform cv clamped to 1/sqrt3", DistKind::Uniform, 1.0, 2.0, 1.0 / 3.0);
        row("lognormal 1 cv 0.5", DistKind::Lognormal, 1.0, 0.5, 0.25);
        row("lognormal 5 cv 0.1", DistKind::Lognormal, 5.0, 0.1, 0.01);
        row("lognormal 0.01 cv 1", DistKind::Lognormal, 0.01, 1.0, 1.0);
        row("lognormal 2 cv 2", DistKind::Lognormal, 2.0, 2.0, 4.0);
    }

    void distributionMoments()
    {
        QFETCH(int, kind);
        QFETCH(double, mean);
        QFETCH(double, cv);
        QFETCH(double, expectedScv);
        const Distribution dist{static_cast<DistKind>(kind), mean, cv};
        QVERIFY(std::fabs(dist.scv() - expectedScv) <= 1e-15);

        // Exact central fourth moment of each shape, for the standard error of
        // the sample variance: sqrt((mu4 - sigma^4) / n).
        const double var = expectedScv * mean * mean;
        double mu4 = 0;
        switch (dist.kind) {
        case DistKind::Exponential:
            mu4 = 9 * var * var;
            break;
        case DistKind::Deterministic:
            break;
        case DistKind::Uniform:
            mu4 = 9.0 / 5.0 * var * var; // h^4 / 5 with var = h^2 / 3
            break;
        case DistKind::Lognormal: {
            // Raw moments E[X^k] = mean^k w^(k(k-1)/2) with w = 1 + cv^2.
            const double w = 1 + expectedScv;
            const double e2 = mean * mean * w;
            const double e3 = std::pow(mean, 3) * std::pow(w, 3);
            const double e4 = std::pow(mean, 4) * std::pow(w, 6);
            mu4 = e4 - 4 * mean * e3 + 6 * mean * mean * e2 - 3 * std::pow(mean, 4);
            break;
        }
        }

        Rng rng(19);
        constexpr int n = 1'000'000;
        std::vector<double> xs(n);
        for (double &x : xs) {
            x = dist.sample(rng);
            QVERIFY(x >= 0 && std::isfinite(x));
        }
        const Moments m = momentsOf(xs);
        if (dist.kind == DistKind::Deterministic || var == 0) {
            QCOMPARE(m.mean, mean);
            QCOMPARE(m.variance, 0.0);
            return;
        }
        const double meanTol = 5 * std::sqrt(var / n);
        const double varTol = 5 * std::sqrt((mu4 - var * var) / n);
        QVERIFY2(
            std::fabs(m.mean - mean) < meanTol,
            qPrintable(QStringLiteral("mean %1 want %2 +- %3").arg(m.mean).arg(mean).arg(meanTol)));
        QVERIFY2(
            std::fabs(m.variance - var) < varTol,
            qPrintable(
                QStringLiteral("variance %1 want %2 +- %3").arg(m.variance).arg(var).arg(varTol)));
    }

    void deterministicReturnsExactlyTheMean_data()
    {
        QTest::addColumn<double>("mean");
        QTest::newRow("1") << 1.0;
        QTest::newRow("0.1") << 0.1;
        QTest::newRow("1e-7") << 1e-7;
        QTest::newRow("12345.678") << 12345.678;
    }

    void deterministicReturnsExactlyTheMean()
    {
        QFETCH(double, mean);
        Rng rng(23);
        const Distribution dist{DistKind::Deterministic, mean, 0.9};
        for (int i = 0; i < 100; ++i)
            QCOMPARE(dist.sample(rng), mean);
    }

    void uniformStaysWithinBounds_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("cv");
        QTest::newRow("1, 0.5") << 1.0 << 0.5;
        QTest::newRow("10, 0.1") << 10.0 << 0.1;
        QTest::newRow("0.3, 1/sqrt3") << 0.3 << 1.0 / kSqrt3;
        QTest::newRow("2, cv 5 (clamped)") << 2.0 << 5.0;
    }

    void uniformStaysWithinBounds()
    {
        QFETCH(double, mean);
        QFETCH(double, cv);
        const double c = std::min(cv, 1.0 / kSqrt3);
        const double lo = mean * (1 - c * kSqrt3);
        const double hi = mean * (1 + c * kSqrt3);
        const Distribution dist{DistKind::Uniform, mean, cv};
        Rng rng(29);
        double seenLo = hi, seenHi = lo;
        for (int i = 0; i < 200'000; ++i) {
            const double x = dist.sample(rng);
            QVERIFY2(x >= lo * (1 - 1e-15) && x <= hi * (1 + 1e-15),
                     qPrintable(QString::number(x)));
            QVERIFY(x >= 0);
            seenLo = std::min(seenLo, x);
            seenHi = std::max(seenHi, x);
        }
        // The whole interval is used, not a narrower one.
        QVERIFY(seenLo < lo + 1e-3 * (hi - lo));
        QVERIFY(seenHi > hi - 1e-3 * (hi - lo));
    }

    void lognormalMedian_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("cv");
        QTest::newRow("1, 0.5") << 1.0 << 0.5;
        QTest::newRow("3, 2") << 3.0 << 2.0;
    }

    void lognormalMedian()
    {
        // Beyond the moments, the shape: the median of a lognormal with this
        // mean and cv is mean / sqrt(1 + cv^2).
        QFETCH(double, mean);
        QFETCH(double, cv);
        const double median = mean / std::sqrt(1 + cv * cv);
        const Distribution dist{DistKind::Lognormal, mean, cv};
        Rng rng(31);
        constexpr int n = 1'000'000;
        int below = 0;
        for (int i = 0; i < n; ++i)
            below += dist.sample(rng) < median;
        QVERIFY2(std::fabs(below / double(n) - 0.5) < 5 * std::sqrt(0.25 / n),
                 qPrintable(QString::number(below / double(n))));
    }

    void distributionIsReproducible()
    {
        for (const DistKind kind : {DistKind::Exponential, DistKind::Deterministic,
                                    DistKind::Uniform, DistKind::Lognormal}) {
            const Distribution dist{kind, 0.02, 0.4};
            Rng a(37), b(37);
            for (int i = 0; i < 1000; ++i)
                QCOMPARE(dist.sample(a), dist.sample(b));
        }
    }

    // --- Zipf ---------------------------------------------------------------

    void zipfProbabilities_data()
    {
        QTest::addColumn<quint64>("n");
        QTest::addColumn<double>("s");
        for (const quint64 n : {1ull, 2ull, 10ull, 1000ull, 100000ull}) {
            for (const double s : {0.0, 0.5, 0.99, 1.0, 1.2, 3.0})
                QTest::addRow("n=%llu s=%g", static_cast<unsigned long long>(n), s) << n << s;
        }
    }

    void zipfProbabilities()
    {
        QFETCH(quint64, n);
        QFETCH(double, s);
        const Zipf zipf(n, s);
        QCOMPARE(quint64(zipf.n()), n);
        QCOMPARE(zipf.exponent(), s);
        long double sum = 0; // extended, so 1e5 additions add no rounding of their own
        for (std::uint64_t k = n; k-- > 0;)
            sum += zipf.probability(k);
        QVERIFY2(std::fabs(static_cast<double>(sum) - 1) < 1e-12,
                 qPrintable(QString::number(static_cast<double>(sum) - 1)));
        QCOMPARE(zipf.probability(n), 0.0);
        // P(0) / P(k) = (k + 1)^s, so the law is the one documented.
        for (const quint64 k : {quint64{1}, quint64{2}, n / 2, n - 1}) {
            if (k == 0 || k >= n)
                continue;
            const double ratio = zipf.probability(0) / zipf.probability(k);
            QVERIFY(std::fabs(ratio / std::pow(double(k + 1), s) - 1) < 1e-12);
        }
    }

    void zipfNormaliserMatchesDirectSum_data()
    {
        // Past 65536 ranks the normaliser's tail is summed by Euler-Maclaurin.
        QTest::addColumn<quint64>("n");
        QTest::addColumn<double>("s");
        for (const quint64 n : {65535ull, 65536ull, 65537ull, 100000ull, 2000000ull}) {
            for (const double s : {0.0, 0.5, 1.0, 1.0 + 1e-9, 1.5, 3.0})
                QTest::addRow("n=%llu s=%.10g", static_cast<unsigned long long>(n), s) << n << s;
        }
    }

    void zipfNormaliserMatchesDirectSum()
    {
        QFETCH(quint64, n);
        QFETCH(double, s);
        long double sum = 0; // the extended precision absorbs the rounding of 2e6 additions
        for (std::uint64_t i = n; i >= 1; --i)
            sum += std::pow(static_cast<double>(i), -s);
        const double expected = static_cast<double>(1.0L / sum);
        const double got = Zipf(n, s).probability(0);
        QVERIFY2(
            std::fabs(got / expected - 1) < 1e-12,
            qPrintable(QStringLiteral("%1 vs %2").arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }

    void zipfGoodnessOfFit_data()
    {
        QTest::addColumn<quint64>("n");
        QTest::addColumn<double>("s");
        QTest::addColumn<quint64>("seed");
        quint64 seed = 100;
        for (const quint64 n : {1ull, 2ull, 10ull, 1000ull}) {
            for (const double s : {0.0, 1e-12, 0.5, 0.99, 1.0 - 1e-10, 1.0, 1.0 + 1e-10, 1.2, 2.5})
                QTest::addRow("n=%llu s=%.12g", static_cast<unsigned long long>(n), s)
                    << n << s << seed++;
        }
    }

    void zipfGoodnessOfFit()
    {
        QFETCH(quint64, n);
        QFETCH(double, s);
        QFETCH(quint64, seed);
        const Zipf zipf(n, s);
        Rng rng(seed);
        constexpr std::uint64_t samples = 400'000;
        std::vector<std::uint64_t> counts(n, 0);
        for (std::uint64_t i = 0; i < samples; ++i) {
            const std::uint64_t k = zipf.sample(rng);
            QVERIFY(k < n);
            ++counts[k];
        }
        if (n == 1) {
            QCOMPARE(counts[0], samples);
            return;
        }
        std::vector<double> p(n);
        for (std::uint64_t k = 0; k < n; ++k)
            p[k] = zipf.probability(k);
        int df = 0;
        const double stat = chiSquare(counts, p, samples, df);
        QVERIFY(df >= 1);
        QVERIFY2(stat < chiSquareCritical(df),
                 qPrintable(QStringLiteral("chi2 %1 df %2 critical %3")
                                .arg(stat)
                                .arg(df)
                                .arg(chiSquareCritical(df))));
    }

    void zipfDetectsTheWrongExponent()
    {
        // The goodness-of-fit check above has power: samples for s = 1 are
        // rejected against the law for s = 0.95.
        const Zipf zipf(1000, 1.0);
        const Zipf other(1000, 0.95);
        Rng rng(5);
        constexpr std::uint64_t samples = 400'000;
        std::vector<std::uint64_t> counts(1000, 0);
        for (std::uint64_t i = 0; i < samples; ++i)
            ++counts[zipf.sample(rng)];
        std::vector<double> p(1000);
        for (std::uint64_t k = 0; k < 1000; ++k)
            p[k] = other.probability(k);
        int df = 0;
        QVERIFY(chiSquare(counts, p, samples, df) > chiSquareCritical(df));
    }

    void zipfIsContinuousThroughSOne()
    {
        // H(x) = (x^(1-s) - 1) / (1 - s) loses all precision near s = 1 unless
        // evaluated with expm1/log1p; with them, nearby exponents map the same
        // uniforms to the same ranks.
        const Zipf atOne(1'000'000, 1.0);
        for (const double s : {1.0 - 1e-12, 1.0 + 1e-12, 1.0 - 1e-9, 1.0 + 1e-9}) {
            const Zipf near(1'000'000, s);
            Rng a(41), b(41);
            int same = 0;
            for (int i = 0; i < 10000; ++i)
                same += atOne.sample(a) == near.sample(b);
            QVERIFY2(same >= 9990,
                     qPrintable(QStringLiteral("s=%1: %2 of 10000").arg(s, 0, 'g', 17).arg(same)));
        }
    }

    void zipfLargeN_data()
    {
        QTest::addColumn<double>("s");
        QTest::newRow("0") << 0.0;
        QTest::newRow("0.5") << 0.5;
        QTest::newRow("0.99") << 0.99;
        QTest::newRow("1") << 1.0;
        QTest::newRow("1.2") << 1.2;
    }

    void zipfLargeN()
    {
        QFETCH(double, s);
        constexpr std::uint64_t n = 1'000'000'000;
        const Zipf zipf(n, s);
        Rng rng(43);
        constexpr int samples = 200'000;
        int zeros = 0;
        int ones = 0;
        double scaledSum = 0;
        for (int i = 0; i < samples; ++i) {
            const std::uint64_t k = zipf.sample(rng);
            QVERIFY(k < n);
            zeros += k == 0;
            ones += k == 1;
            scaledSum += static_cast<double>(k) / n;
        }
        // Rank 0 and 1 turn up as often as their exact probabilities say
        // (which exercises the Euler-Maclaurin normaliser at 1e9 ranks).
        for (const auto &[rank, seen] : {std::pair{0, zeros}, std::pair{1, ones}}) {
            const double p = zipf.probability(rank);
            const double tol = 5 * std::sqrt(p * (1 - p) / samples) + 1e-9;
            QVERIFY2(std::fabs(seen / double(samples) - p) < tol,
                     qPrintable(QStringLiteral("rank %1: %2 vs %3")
                                    .arg(rank)
                                    .arg(seen / double(samples))
                                    .arg(p)));
        }
        if (s == 0) // uniform over the whole range
            QVERIFY(std::fabs(scaledSum / samples - 0.5) < 5 * std::sqrt(1.0 / 12 / samples));
    }
};

QTEST_APPLESS_MAIN(TestRandom)
#include "tst_random.moc"
