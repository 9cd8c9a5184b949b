#pragma once

#include <QtGlobal>

/**
 * Interval fuzz: cards learnt together would otherwise fall due together
 * for ever, so a review interval of 2.5 days or more is moved to a random
 * whole number of days near it. The range is ts-fsrs's (get_fuzz_range):
 * about ±15 % for short intervals narrowing to ±5 % for long ones, never
 * under 2 days, never over the maximum interval, and, once the interval has
 * grown past the days already waited, later than those days. The random
 * amount, unlike ts-fsrs's, comes from a seed the caller passes (a hash of
 * the card's id and its review count, say), so a review is reproducible and
 * two cards reviewed at the same moment still spread apart.
 */
namespace sds::srs {

/** The whole numbers of days an interval may be fuzzed to, both ends included. */
struct FuzzRange {
    int min = 0;
    int max = 0;
};

FuzzRange fuzzRange(double interval, int elapsedDays, int maximumInterval);

/** A number in [0, 1), a pure function of @p seed (splitmix64's output, 53 bits). */
double fuzzFactor(quint64 seed);

/** A seed for one review of one card: different for each card and for each review. */
quint64 fuzzSeed(quint64 cardId, int reps);

/**
 * @p interval (whole days, as the scheduler rounds it) moved within its fuzz
 * range by @p factor from fuzzFactor(); intervals under 2.5 days are kept.
 */
int fuzzedInterval(int interval, int elapsedDays, int maximumInterval, double factor);

} // namespace sds::srs
