#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

/**
 * The settings of the FSRS-6 scheduler, with the defaults and the validation
 * rules of the reference implementation ts-fsrs 5: the 21 model weights,
 * the retention to aim for, the longest interval, whether same-day reviews
 * use the short-term model, whether intervals are fuzzed, and the
 * (re)learning steps. Steps are written as ts-fsrs writes them ("1m", "10m",
 * "1h", "1d") and held in whole minutes. Weights outside the ranges FSRS
 * allows are clamped into them, as ts-fsrs does, rather than refused; only
 * values that cannot be used at all (a wrong count, NaN, a retention outside
 * (0, 1), a maximum interval under a day) are errors.
 */
namespace sds::srs {

inline constexpr int kWeightCount = 21;
using Weights = std::array<double, kWeightCount>;

/** FSRS-6's default weights, w0 to w20 (w20 is the forgetting curve's decay). */
inline constexpr Weights kDefaultWeights = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

inline constexpr double kDefaultRequestRetention = 0.9;
inline constexpr int kDefaultMaximumInterval = 36500;
/** The longest single step accepted, so minutes always fit an int: 100 years. */
inline constexpr int kMaximumStepMinutes = 36500 * 1440;

struct SchedulerParams {
    Weights weights = kDefaultWeights;
    double requestRetention = kDefaultRequestRetention;
    int maximumInterval = kDefaultMaximumInterval; ///< days
    /** Same-day reviews and (re)learning steps; off, every review is scheduled in days. */
    bool enableShortTerm = true;
    /** Spread review intervals by a seeded random amount (see fuzz.h). */
    bool enableFuzz = false;
    QList<int> learningSteps{1, 10}; ///< minutes, for new cards
    QList<int> relearningSteps{10};  ///< minutes, after a lapse
};

/** Reads one step such as "10m", "1h" or "2d" into minutes; nullopt and @p error on failure. */
std::optional<int> parseStep(const QString &step, QString *error);
/** Reads a list of steps; the error names the step that is wrong (1-based). */
std::optional<QList<int>> parseSteps(const QStringList &steps, QString *error);

/** Exactly kWeightCount finite numbers, else nullopt and a message saying what is wrong. */
std::optional<Weights> weightsFromList(const QList<double> &values, QString *error);

/**
 * Empty when @p params can be scheduled with, else a message naming the
 * setting by its JSON name (request_retention, maximum_interval, ...).
 */
QString checkParams(const SchedulerParams &params);

/**
 * The weights the model really uses: each clamped into its allowed range.
 * Two ranges depend on the other settings: w19 may reach 0 only without
 * short-term scheduling, and with more than one relearning step w17 and w18
 * are capped so that a lapse followed by every relearning step cannot leave
 * the stability above where it started (checked for D = 1, R = 0.7, S = 1).
 */
Weights effectiveWeights(const SchedulerParams &params);

} // namespace sds::srs
