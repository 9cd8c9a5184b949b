#pragma once

#include <QDate>
#include <QList>

#include <array>

/**
 * Figures about a collection's reviews and cards, as the statistics view
 * charts them; Collection::statistics() computes them in SQL, for one deck
 * or all. Days are UTC calendar days, as the scheduler counts them. Reviews
 * come from the review log (a deleted card's reviews go with it); the
 * forecast and the state counts from the cards as they are. True retention
 * is the share of answers to cards in the Review state that were not
 * Again, grouped by the interval the card had been given (the log's
 * before_scheduled_days), so it shows how well the schedule holds at each
 * length of interval.
 */
namespace sds::cards {

struct DayReviews {
    QDate day;
    std::array<int, 4> byRating{}; ///< Again, Hard, Good, Easy
    int total() const { return byRating[0] + byRating[1] + byRating[2] + byRating[3]; }
};

struct RetentionBucket {
    int minDays = 0;
    int maxDays = 0; ///< inclusive; -1: no upper bound
    int reviews = 0;
    int passed = 0; ///< answered Hard, Good or Easy
    /** passed / reviews; 0 when there were no reviews. */
    double retention() const { return reviews > 0 ? double(passed) / reviews : 0.0; }
};

/** Every card counts once: retired first, then suspended, then buried, then by state. */
struct CardStateCounts {
    int newCards = 0;
    int learning = 0;
    int review = 0;
    int relearning = 0;
    int suspended = 0;
    int buried = 0;
    int retired = 0;
    int total() const
    {
        return newCards + learning + review + relearning + suspended + buried + retired;
    }
};

struct CardStatistics {
    static constexpr int kForecastDays = 30;
    static constexpr int kYearDays = 365;

    QDate today; ///< the UTC day the figures were taken on
    /** The days asked for, oldest first; the last is today. */
    QList<DayReviews> reviewsPerDay;
    /**
     * Cards due on each of the next kForecastDays days, today first;
     * today includes what is overdue. New, suspended and retired cards are
     * left out, buried ones count on the day they are due.
     */
    QList<int> dueForecast;
    /** Intervals 0-1, 2-3, 4-7, 8-15, 16-30, 31-90, 91-180, 181-365 and 366+ days; all reviews. */
    QList<RetentionBucket> retention;
    /** Reviews on each of the last kYearDays days, oldest first; the last is today. */
    QList<int> lastYear;
    CardStateCounts states;
};

} // namespace sds::cards
