#include "core/sim/random.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace sds::sim {

namespace {

constexpr double kSqrt3 = 1.7320508075688772935;

std::uint64_t splitMix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

// Horner's rule, highest power first.
template <std::size_t N> double polynomial(const double (&c)[N], double x)
{
    double y = c[0];
    for (std::size_t i = 1; i < N; ++i)
        y = y * x + c[i];
    return y;
}

// Inverse of the standard normal CDF by Wichura, "Algorithm AS 241: The
// percentage points of the normal distribution" (Applied Statistics 37, 1988),
// PPND16: rational approximations with a relative error of about 1e-16. The
// central region (85 % of draws) needs no transcendental function at all.
constexpr double kCentralNum[] = {2.5090809287301226727e+3, 3.3430575583588128105e+4,
                                  6.7265770927008700853e+4, 4.5921953931549871457e+4,
                                  1.3731693765509461125e+4, 1.9715909503065514427e+3,
                                  1.3314166789178437745e+2, 3.3871328727963666080e+0};
constexpr double kCentralDen[] = {5.2264952788528545610e+3, 2.8729085735721942674e+4,
                                  3.9307895800092710610e+4, 2.1213794301586595867e+4,
                                  5.3941960214247511077e+3, 6.8718700749205790830e+2,
                                  4.2313330701600911252e+1, 1.0};
constexpr double kNearNum[] = {7.74545014278341407640e-4, 2.27238449892691845833e-2,
                               2.41780725177450611770e-1, 1.27045825245236838258e+0,
                               3.64784832476320460504e+0, 5.76949722146069140550e+0,
                               4.63033784615654529590e+0, 1.42343711074968357734e+0};
constexpr double kNearDen[] = {1.05075007164441684324e-9, 5.47593808499534494600e-4,
                               1.51986665636164571966e-2, 1.48103976427480074590e-1,
                               6.89767334985100004550e-1, 1.67638483018380384940e+0,
                               2.05319162663775882187e+0, 1.0};
constexpr double kFarNum[] = {2.01033439929228813265e-7, 2.71155556874348757815e-5,
                              1.24266094738807843860e-3, 2.65321895265761230930e-2,
                              2.96560571828504891230e-1, 1.78482653991729133580e+0,
                              5.46378491116411436990e+0, 6.65790464350110377720e+0};
constexpr double kFarDen[] = {2.04426310338993978564e-15, 1.42151175831644588870e-7,
                              1.84631831751005468180e-5,  7.86869131145613259100e-4,
                              1.48753612908506148525e-2,  1.36929880922735805310e-1,
                              5.99832206555887937690e-1,  1.0};

double normalQuantile(double p)
{
    const double q = p - 0.5;
    if (std::fabs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q * polynomial(kCentralNum, r) / polynomial(kCentralDen, r);
    }
    // Tails: work with the smaller of p and 1 - p (both exact here) for accuracy.
    double r = std::sqrt(-std::log(q < 0 ? p : 1.0 - p));
    double x;
    if (r <= 5.0) {
        r -= 1.6;
        x = polynomial(kNearNum, r) / polynomial(kNearDen, r);
    } else {
        r -= 5.0;
        x = polynomial(kFarNum, r) / polynomial(kFarDen, r);
    }
    return q < 0 ? -x : x;
}

// log1p(x) / x and expm1(x) / x, continuous through x = 0, where the quotients
// would be 0/0; near 0 their Taylor series are exact to rounding. They let the
// Zipf hat integral be one formula for every exponent, including s = 1.
constexpr double kTaylorThreshold = 1e-8;

double log1pOverX(double x)
{
    if (std::fabs(x) > kTaylorThreshold)
        return std::log1p(x) / x;
    return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
}

double expm1OverX(double x)
{
    if (std::fabs(x) > kTaylorThreshold)
        return std::expm1(x) / x;
    return 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
}

// cv * sqrt(3) clamped into [0, 1] (NaN counts as 0): the uniform's half-width
// relative to its mean.
double uniformWidth(double cv)
{
    return cv > 0 ? std::min(cv * kSqrt3, 1.0) : 0.0;
}

} // namespace

std::uint64_t fnv1a64(const char *data, std::size_t size)
{
    std::uint64_t h = 0xcbf29ce484222325u;
    for (std::size_t i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 0x100000001b3u;
    }
    return h;
}

std::uint64_t streamSeed(std::uint64_t runSeed, std::uint64_t nameHash, std::uint64_t purpose)
{
    std::uint64_t x = runSeed;
    std::uint64_t s = splitMix64(x);
    x = s ^ nameHash;
    s = splitMix64(x);
    x = s ^ purpose;
    return splitMix64(x);
}

Rng::Rng(std::uint64_t seed)
{
    // splitmix64 is a bijection of its counter, so the four words are never all zero.
    for (std::uint64_t &word : m_s)
        word = splitMix64(seed);
}

double Rng::normal()
{
    return normalQuantile(uniformOpen());
}

double Distribution::sampleOther(Rng &rng) const
{
    switch (kind) {
    case DistKind::Exponential:
        return rng.exponential(mean);
    case DistKind::Deterministic:
        return mean;
    case DistKind::Uniform:
        // Half-width mean * cv * sqrt(3); at the largest cv the draw is then
        // mean * (2u - 1) + mean, which rounding cannot take below zero.
        return mean + mean * uniformWidth(cv) * (2.0 * rng.uniform() - 1.0);
    case DistKind::Lognormal: {
        if (!(cv > 0))
            return mean;
        // sigma^2 = ln(1 + cv^2) and mu = ln(mean) - sigma^2 / 2 give exactly this
        // mean and cv; exp(mu + sigma z) = mean * exp(sigma z - sigma^2 / 2).
        const double sigma2 = std::log1p(cv * cv);
        return mean * std::exp(std::sqrt(sigma2) * rng.normal() - 0.5 * sigma2);
    }
    }
    return mean;
}

double Distribution::scv() const
{
    switch (kind) {
    case DistKind::Exponential:
        return 1.0;
    case DistKind::Deterministic:
        return 0.0;
    case DistKind::Uniform: {
        const double w = uniformWidth(cv);
        return w * w / 3.0;
    }
    case DistKind::Lognormal:
        return cv > 0 ? cv * cv : 0.0;
    }
    return 0.0;
}

// Rejection-inversion after Hörmann and Derflinger (1996), in the form that
// works for every s >= 0: ranks are 1..n here (returned minus one), the hat
// is h(x) = x^-s and its integral H(x) = (x^(1-s) - 1) / (1 - s), which tends
// to ln x as s -> 1 and is evaluated without cancellation through the helpers
// above. A uniform u on (H(1.5) - 1, H(n + 0.5)] is mapped to x = H^-1(u) and
// rounded to the rank k; k is accepted when u >= H(k + 0.5) - h(k), which
// leaves P(k) proportional to h(k). For k = 1 that always holds, and the
// cheap test k - x <= m_sConst settles most other draws without evaluating H.

Zipf::Zipf(std::uint64_t n, double s)
    : m_n(std::max<std::uint64_t>(n, 1))
    , m_s(s > 0 ? s : 0.0)
{
    m_hIntegralX1 = hIntegral(1.5) - 1.0;
    m_hIntegralN = hIntegral(static_cast<double>(m_n) + 0.5);
    m_sConst = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
}

double Zipf::h(double x) const
{
    return std::exp(-m_s * std::log(x));
}

double Zipf::hIntegral(double x) const
{
    const double logX = std::log(x);
    return expm1OverX((1.0 - m_s) * logX) * logX;
}

double Zipf::hIntegralInverse(double x) const
{
    // For s > 1, H is bounded by 1 / (s - 1); rounding may push t just below -1.
    const double t = std::max(x * (1.0 - m_s), -1.0);
    return std::exp(log1pOverX(t) * x);
}

std::uint64_t Zipf::sample(Rng &rng) const
{
    if (m_n == 1)
        return 0;
    const double n = static_cast<double>(m_n);
    for (;;) {
        const double u = m_hIntegralN + rng.uniform() * (m_hIntegralX1 - m_hIntegralN);
        const double x = hIntegralInverse(u);
        // Compare in double before converting: x may round past either end.
        const double rounded = std::floor(x + 0.5);
        const double k = rounded < 1.0 ? 1.0 : (rounded > n ? n : rounded);
        if (k - x <= m_sConst || u >= hIntegral(k + 0.5) - h(k))
            return static_cast<std::uint64_t>(k) - 1;
    }
}

double Zipf::probability(std::uint64_t k) const
{
    if (k >= m_n)
        return 0.0;
    if (m_norm == 0) {
        // Smallest terms first, so they are not lost against the large ones.
        constexpr std::uint64_t kDirect = 1u << 16;
        const std::uint64_t direct = std::min(m_n, kDirect - 1);
        double sum = 0;
        if (m_n > direct) {
            // Euler-Maclaurin for the ranks a..n: the integral, the end-point
            // half terms and the B2, B4, B6 corrections. The first term left
            // out, B8 / 8! f^(7)(a), is below 1e-38 of the sum for every s.
            const double a = static_cast<double>(kDirect);
            const double b = static_cast<double>(m_n);
            const double s = m_s;
            const double logRatio = std::log(b / a);
            const double integral =
                std::pow(a, 1.0 - s) * logRatio * expm1OverX((1.0 - s) * logRatio);
            // d1, d3, d5: first, third and fifth derivatives of x^-s at x.
            const auto d1 = [s](double x) {
                return -s * std::pow(x, -s - 1.0);
            };
            const auto d3 = [s](double x) {
                return -s * (s + 1.0) * (s + 2.0) * std::pow(x, -s - 3.0);
            };
            const auto d5 = [s](double x) {
                return -s * (s + 1.0) * (s + 2.0) * (s + 3.0) * (s + 4.0) * std::pow(x, -s - 5.0);
            };
            sum = integral + 0.5 * (std::pow(a, -s) + std::pow(b, -s)) + (d1(b) - d1(a)) / 12.0 -
                  (d3(b) - d3(a)) / 720.0 + (d5(b) - d5(a)) / 30240.0;
        }
        for (std::uint64_t i = direct; i >= 1; --i)
            sum += std::pow(static_cast<double>(i), -m_s);
        m_norm = 1.0 / sum;
    }
    return std::pow(static_cast<double>(k + 1), -m_s) * m_norm;
}

} // namespace sds::sim
