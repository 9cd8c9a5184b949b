#pragma once

#include "core/srs/rounding.h"
#include "core/srs/srsparams.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

/**
 * FSRS-6's memory model written once, for the scheduler (fsrs.cpp) and the
 * optimiser (optimizer.cpp); not part of the public API. Fsrs6<T, Round>
 * holds the weights and gives the forgetting curve, the initial stability
 * and difficulty, the next difficulty with its mean reversion, and the
 * stability after a same-day review, a recall or a lapse. T is double, or
 * the optimiser's Dual (dual.h) so one pass also gives the gradient. Round
 * is the arithmetic: Round8 is the reference's (ts-fsrs rounds to 8
 * decimals), which the scheduler must match bit for bit and tst_fsrs
 * checks; NoRound leaves values unrounded, as the optimiser needs, since
 * rounding would make the loss a staircase with no gradient. Every
 * expression keeps the order of operations both callers had, so each
 * computes exactly what it did before the two were merged.
 */
namespace sds::srs::detail {

inline constexpr double kMinStability = 0.001;
inline constexpr double kMaxStability = 36500.0;

// The scheduler's arithmetic, that of ts-fsrs.
struct Round8 {
    static double round(double x) { return round8(x); }
    static double pow09(double exponent) { return std::exp(exponent * std::log(0.9)); }
};

// The optimiser's: no rounding, and 0.9^x by pow(), as it always took it.
// The two ways to 0.9^x differ in the last bit for about one decay in ten.
struct NoRound {
    // Passes its argument through, not a copy: a Dual is 22 doubles, and
    // copies cost bench_optimizer's fit about 4 %. So the result may refer
    // to a temporary: use it within the expression.
    template <typename T> static T &&round(T &&x) { return std::forward<T>(x); }
    template <typename T> static T pow09(const T &exponent)
    {
        using std::pow;
        return pow(0.9, exponent);
    }
};

// The names the formulas use for doubles; dual.h gives the same ones for Dual.
inline double maxOf(double a, double lo)
{
    return std::max(a, lo);
}
inline double minOf(double a, double b)
{
    return std::min(a, b);
}
inline double clampOf(double a, double lo, double hi)
{
    return std::min(std::max(a, lo), hi);
}

template <typename T, typename Round> class Fsrs6
{
public:
    using WeightsOf = std::array<T, kWeightCount>;

    Fsrs6(const WeightsOf &w, bool shortTerm)
        : m_w(w)
        , m_shortTerm(shortTerm)
        , m_negDecay(-m_w[20])
        , m_factor(curveFactor(m_negDecay))
    {}

    // The forgetting curve is R(t) = (1 + factor * t / S)^-decay, with factor
    // chosen so that R(S) = 0.9 whatever the decay: that is what makes
    // stability "the days until recall falls to 90 %".
    static T curveFactor(const T &negDecay)
    {
        return Round::round(Round::pow09(1.0 / negDecay) - 1.0);
    }

    static T curve(const T &negDecay, const T &factor, double days, const T &stability)
    {
        using std::pow;
        return Round::round(pow(1.0 + factor * days / stability, negDecay));
    }

    T retrievability(double days, const T &stability) const
    {
        return curve(m_negDecay, m_factor, days, stability);
    }

    // Stability times this gives the days at which recall falls to @p retention.
    T intervalModifier(double retention) const
    {
        using std::pow;
        return Round::round((pow(retention, 1.0 / m_negDecay) - 1.0) / m_factor);
    }

    T initStability(int g) const { return maxOf(m_w[std::size_t(g - 1)], 0.1); }

    // Not clamped: the mean reversion target uses the raw value for Easy.
    T initDifficultyUnclamped(int g) const
    {
        using std::exp;
        return Round::round(m_w[4] - exp(m_w[5] * double(g - 1)) + 1.0);
    }

    T initDifficulty(int g) const { return clampOf(initDifficultyUnclamped(g), 1.0, 10.0); }

    // Again and Hard raise difficulty, Easy lowers it, each by less the
    // nearer it already is to 10; then it drifts a little back towards the
    // difficulty of a card first rated Easy.
    T nextDifficulty(const T &d, int g) const
    {
        const T damped = d + Round::round((-m_w[6] * double(g - 3)) * (10.0 - d) / 9.0);
        return clampOf(Round::round(m_w[7] * initDifficultyUnclamped(4) + (1.0 - m_w[7]) * damped),
                       1.0, 10.0);
    }

    // A successful recall multiplies stability; the gain is larger for easy
    // cards, for low stability and for recalls that were unlikely (low r).
    T recallStability(const T &d, const T &s, const T &r, int g) const
    {
        using std::exp;
        using std::pow;
        const T bonus = g == 2 ? m_w[15] : (g == 4 ? m_w[16] : T(1.0));
        return Round::round(clampOf(s * (1.0 + exp(m_w[8]) * (11.0 - d) * pow(s, -m_w[9]) *
                                                   (exp((1.0 - r) * m_w[10]) - 1.0) * bonus),
                                    kMinStability, kMaxStability));
    }

    T lapseStability(const T &d, const T &s, const T &r) const
    {
        using std::exp;
        using std::pow;
        return Round::round(clampOf(m_w[11] * pow(d, -m_w[12]) * (pow(s + 1.0, m_w[13]) - 1.0) *
                                        exp((1.0 - r) * m_w[14]),
                                    kMinStability, kMaxStability));
    }

    // Reviews on the same day: stability moves by a factor that shrinks as
    // stability grows (w19), and a pass never lowers it.
    T sameDayStability(const T &s, int g) const
    {
        using std::exp;
        using std::pow;
        const T gain = pow(s, -m_w[19]) * exp(m_w[17] * (double(g - 3) + m_w[18]));
        const T applied = g >= 2 ? maxOf(gain, 1.0) : gain;
        return Round::round(clampOf(s * applied, kMinStability, kMaxStability));
    }

    // The stability after rating @p g, @p days after the last review, at
    // recall probability @p r.
    T nextStability(const T &d, const T &s, int days, int g, const T &r) const
    {
        using std::exp;
        if (days == 0 && m_shortTerm)
            return sameDayStability(s, g);
        if (g == 1) {
            // After a lapse stability may not end up above what the
            // relearning steps on that day could bring it back down to.
            const T floorS =
                m_shortTerm ? Round::round(s / exp(m_w[17] * m_w[18])) : Round::round(s);
            return minOf(maxOf(floorS, kMinStability), lapseStability(d, s, r));
        }
        return recallStability(d, s, r, g);
    }

private:
    WeightsOf m_w;
    bool m_shortTerm;
    T m_negDecay;
    T m_factor;
};

} // namespace sds::srs::detail
