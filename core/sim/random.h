#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

/**
 * Random numbers for the simulation engine. A run draws from several
 * independent streams, each seeded by streamSeed() from the run's seed and a
 * stable name (a node's id and what the stream is for), so a seed reproduces
 * a run bit for bit on any machine, and two designs run on the same seed see
 * the same arrivals and the same service times wherever they share a node
 * (common random numbers). The generator is xoshiro256** (seeded through
 * splitmix64) and every
 * distribution is sampled from it by our own code, never by <random>'s
 * distributions, whose output differs between standard libraries. Continuous
 * distributions are sampled by inverse transform (one uniform per variate);
 * the only library functions used are sqrt and the C math library's log,
 * exp, log1p and expm1.
 */
namespace sds::sim {

/** xoshiro256** by Blackman and Vigna; 2^256 - 1 period, 64-bit output. */
class Rng
{
public:
    /** The four state words are the first four outputs of splitmix64 started at @p seed. */
    explicit Rng(std::uint64_t seed);

    std::uint64_t next();
    /** Uniform on [0, 1) with 53 random bits. */
    double uniform();
    /** Uniform on (0, 1): safe to take the logarithm of; 52 random bits. */
    double uniformOpen();
    /** Uniform integer on [0, n), unbiased (Lemire's multiply-and-reject); n > 0. */
    std::uint64_t below(std::uint64_t n);
    /** Standard normal N(0, 1), by inversion of the normal CDF (Wichura's AS 241). */
    double normal();
    /** Exponential with the given mean (> 0), by inverse transform. */
    double exponential(double mean);

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_s[4];
};

/** What a stream of the engine draws for; part of its seed (see streamSeed()). */
enum class StreamPurpose : std::uint64_t {
    Arrivals = 1, ///< a source's inter-arrival times
    Keys = 2,     ///< a source's key choices
    Ops = 3,      ///< a source's read/write choices
    Service = 4,  ///< a station's service times (plus its copy number << 8)
    Other = 5,    ///< routing, balancers, failures
};

/** FNV-1a, 64 bits, of @p size bytes at @p data: a name's hash that never changes between builds.
 */
std::uint64_t fnv1a64(const char *data, std::size_t size);

/**
 * The seed of the stream for @p purpose of the thing whose name hashes to
 * @p nameHash (fnv1a64()), under the run seed @p runSeed: the three mixed by
 * splitmix64's finaliser, so streams of neighbouring seeds or names do not
 * overlap in any visible way, and adding a node changes no other stream.
 */
std::uint64_t streamSeed(std::uint64_t runSeed, std::uint64_t nameHash, std::uint64_t purpose);

/** The shapes a service time (or any positive duration) can take. */
enum class DistKind : std::uint8_t { Exponential, Deterministic, Uniform, Lognormal };

/**
 * A positive duration distribution given by its mean and coefficient of
 * variation (standard deviation / mean). Exponential has cv 1 and
 * Deterministic cv 0 whatever @c cv says; Uniform is symmetric around the
 * mean with 0 <= cv <= 1/sqrt(3) (so it never goes below zero; cv outside is
 * clamped into that range); Lognormal takes any cv > 0 (cv <= 0 gives the
 * mean) and is parameterised so that its mean and cv are exactly @c mean and
 * @c cv.
 */
struct Distribution {
    DistKind kind = DistKind::Exponential;
    double mean = 1.0;
    double cv = 1.0;

    double sample(Rng &rng) const
    {
        // Exponential, the default and the common case, without a call.
        return kind == DistKind::Exponential ? rng.exponential(mean) : sampleOther(rng);
    }
    /** Squared coefficient of variation actually produced (1 for exponential...). */
    double scv() const;

private:
    double sampleOther(Rng &rng) const;
};

/**
 * Zipf's law over ranks 0..n-1: P(k) proportional to 1 / (k + 1)^s, for any
 * s >= 0 (s = 0 is uniform). Sampling is O(1) time and memory by
 * rejection-inversion (Hörmann and Derflinger, 1996), so a key space of
 * millions costs nothing to set up. A Zipf is not safe to share between
 * threads until probability() has been called once (it caches the
 * normaliser).
 */
class Zipf
{
public:
    /** @p n >= 1 and @p s >= 0; smaller values (and a NaN exponent) are raised to these. */
    Zipf(std::uint64_t n, double s);

    std::uint64_t n() const { return m_n; }
    double exponent() const { return m_s; }
    /** A rank in [0, n); rank 0 is the most popular. */
    std::uint64_t sample(Rng &rng) const;
    /**
     * Exact probability of rank @p k, 0 for k >= n. The normaliser is computed
     * once, on first use: summed term by term up to 65536 ranks, the rest by
     * the Euler-Maclaurin formula, whose error there is far below rounding.
     */
    double probability(std::uint64_t k) const;

private:
    double h(double x) const;
    double hIntegral(double x) const;
    double hIntegralInverse(double x) const;

    std::uint64_t m_n;
    double m_s;
    // Rejection-inversion constants (see random.cpp).
    double m_hIntegralX1 = 0;
    double m_hIntegralN = 0;
    double m_sConst = 0;
    mutable double m_norm = 0; // 1 / H(n, s), computed lazily
};

// The generator and the uniforms are inline: they sit on the engine's per-event path.

inline std::uint64_t Rng::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

inline double Rng::uniform()
{
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

inline double Rng::uniformOpen()
{
    // (j + 1/2) / 2^52 for j in [0, 2^52): exactly representable, so never 0 or 1.
    return (static_cast<double>(next() >> 12) + 0.5) * 0x1.0p-52;
}

inline std::uint64_t Rng::below(std::uint64_t n)
{
    // Lemire, "Fast random integer generation in an interval" (2019): the high
    // word of x * n is the result; rejecting low words below 2^64 mod n makes
    // every result equally likely, and the modulo is only paid on the rare
    // path where a rejection is possible.
#if defined(__SIZEOF_INT128__)
    __extension__ using U128 = unsigned __int128;
    U128 m = static_cast<U128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<U128>(next()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
#else
    const auto mul = [](std::uint64_t a, std::uint64_t b, std::uint64_t &lo) {
        const std::uint64_t aLo = a & 0xffffffffu, aHi = a >> 32;
        const std::uint64_t bLo = b & 0xffffffffu, bHi = b >> 32;
        const std::uint64_t ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
        const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
        lo = (mid << 32) | (ll & 0xffffffffu);
        return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    };
    std::uint64_t low = 0;
    std::uint64_t high = mul(next(), n, low);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold)
            high = mul(next(), n, low);
    }
    return high;
#endif
}

inline double Rng::exponential(double mean)
{
    return -mean * std::log(uniformOpen());
}

} // namespace sds::sim
