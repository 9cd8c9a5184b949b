#include "core/srs/srsparams.h"

#include "core/srs/rounding.h"

#include <cmath>

namespace sds::srs {

namespace {

struct Range {
    double lo, hi;
};

// The allowed range of each weight, in FSRS-6's terms. Laid out by hand, one
// weight a line, so each range sits next to what it bounds.
// clang-format off
constexpr std::array<Range, kWeightCount> kWeightRanges = {{
    {0.001, 100.0}, // w0: initial stability after Again
    {0.001, 100.0}, // w1: ... after Hard
    {0.001, 100.0}, // w2: ... after Good
    {0.001, 100.0}, // w3: ... after Easy
    {1.0, 10.0},    // w4: initial difficulty after Good
    {0.001, 4.0},   // w5: how far the first rating moves initial difficulty
    {0.001, 4.0},   // w6: difficulty change per rating
    {0.001, 0.75},  // w7: mean reversion of difficulty
    {0.0, 4.5},     // w8: stability growth after a success (scale)
    {0.0, 0.8},     // w9: ... less for high stability
    {0.001, 3.5},   // w10: ... more for an unlikely recall
    {0.001, 5.0},   // w11: stability after a lapse (scale)
    {0.001, 0.25},  // w12: ... power of difficulty
    {0.001, 0.9},   // w13: ... power of the old stability
    {0.0, 4.0},     // w14: ... more for an unlikely recall
    {0.0, 1.0},     // w15: Hard penalty
    {1.0, 6.0},     // w16: Easy bonus
    {0.0, 2.0},     // w17: same-day stability change (scale)
    {0.0, 2.0},     // w18: ... offset
    {0.01, 0.8},    // w19: ... saturation; may be 0 without short-term scheduling
    {0.1, 0.8},     // w20: decay of the forgetting curve
}};
// clang-format on

constexpr double kShortTermCeiling = 2.0;

} // namespace

std::optional<int> parseStep(const QString &step, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<int> {
        if (error)
            *error = QStringLiteral("'%1' %2").arg(step, why);
        return std::nullopt;
    };
    if (step.size() < 2)
        return fail(QStringLiteral("is not a step; write a whole number and a unit, such as "
                                   "10m, 1h or 2d"));
    const QChar unit = step.back();
    int perUnit = 0;
    if (unit == u'm')
        perUnit = 1;
    else if (unit == u'h')
        perUnit = 60;
    else if (unit == u'd')
        perUnit = 1440;
    else
        return fail(QStringLiteral("has no unit; end it in m (minutes), h (hours) or d (days)"));
    const QStringView digits = QStringView(step).chopped(1);
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return fail(QStringLiteral("is not a whole number of minutes, hours or days"));
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value > kMaximumStepMinutes / perUnit)
        return fail(QStringLiteral("is longer than 100 years"));
    return int(value) * perUnit;
}

std::optional<QList<int>> parseSteps(const QStringList &steps, QString *error)
{
    QList<int> minutes;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        QString why;
        const std::optional<int> m = parseStep(steps[i], &why);
        if (!m) {
            if (error)
                *error = QStringLiteral("step %1: %2").arg(i + 1).arg(why);
            return std::nullopt;
        }
        minutes.append(*m);
    }
    return minutes;
}

std::optional<Weights> weightsFromList(const QList<double> &values, QString *error)
{
    if (values.size() != kWeightCount) {
        if (error)
            *error = QStringLiteral("expected %1 weights (FSRS-6), got %2")
                         .arg(kWeightCount)
                         .arg(values.size());
        return std::nullopt;
    }
    Weights w{};
    for (int i = 0; i < kWeightCount; ++i) {
        if (!std::isfinite(values[i])) {
            if (error)
                *error = QStringLiteral("weight w%1 is not a finite number").arg(i);
            return std::nullopt;
        }
        w[std::size_t(i)] = values[i];
    }
    return w;
}

QString checkParams(const SchedulerParams &params)
{
    for (int i = 0; i < kWeightCount; ++i) {
        if (!std::isfinite(params.weights[std::size_t(i)]))
            return QStringLiteral("parameters: weight w%1 is not a finite number").arg(i);
    }
    // Retention 1 would ask for intervals of zero length, and ts-fsrs's
    // forgetting curve has no inverse at 0.
    if (!(params.requestRetention > 0.0 && params.requestRetention < 1.0))
        return QStringLiteral("request_retention must be between 0 and 1 (both excluded), not %1")
            .arg(params.requestRetention);
    if (params.maximumInterval < 1)
        return QStringLiteral("maximum_interval must be at least 1 day, not %1")
            .arg(params.maximumInterval);
    const auto checkSteps = [](const QList<int> &steps, const char *name) -> QString {
        for (qsizetype i = 0; i < steps.size(); ++i) {
            if (steps[i] < 0 || steps[i] > kMaximumStepMinutes)
                return QStringLiteral("%1: step %2 must be from 0 minutes to 100 years, not %3 "
                                      "minutes")
                    .arg(QLatin1String(name))
                    .arg(i + 1)
                    .arg(steps[i]);
        }
        return {};
    };
    QString error = checkSteps(params.learningSteps, "learning_steps");
    if (error.isEmpty())
        error = checkSteps(params.relearningSteps, "relearning_steps");
    return error;
}

Weights effectiveWeights(const SchedulerParams &params)
{
    using detail::clampTo;
    std::array<Range, kWeightCount> ranges = kWeightRanges;
    if (!params.enableShortTerm)
        ranges[19].lo = 0.0;

    const auto n = params.relearningSteps.size();
    if (n > 1) {
        // After a lapse the stability is at most PLS = w11 D^-w12 ((S+1)^w13 - 1)
        // e^(w14 (1-R)), and each same-day relearning step may multiply it by up
        // to e^(w17 w18). With D = 1, R = 0.7 and S = 1 that product must stay at
        // or under S, which bounds w17 * w18; the bound is split evenly between
        // the two through a square root.
        const Weights &w = params.weights;
        const double w11 = clampTo(w[11], ranges[11].lo, ranges[11].hi);
        const double w13 = clampTo(w[13], ranges[13].lo, ranges[13].hi);
        const double w14 = clampTo(w[14], ranges[14].lo, ranges[14].hi);
        const double bound =
            -(std::log(w11) + std::log(std::pow(2.0, w13) - 1.0) + w14 * 0.3) / double(n);
        const double ceiling =
            clampTo(detail::round8(std::sqrt(std::max(bound, 0.0))), 0.01, kShortTermCeiling);
        ranges[17].hi = ceiling;
        ranges[18].hi = ceiling;
    }

    Weights out{};
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = clampTo(params.weights[i], ranges[i].lo, ranges[i].hi);
    return out;
}

} // namespace sds::srs
