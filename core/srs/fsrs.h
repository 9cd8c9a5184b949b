#pragma once

#include "core/srs/srsparams.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <array>
#include <optional>

/**
 * The FSRS-6 spaced-repetition scheduler as pure functions: a card's state,
 * a rating and the time of the review give the card's next state, computed
 * exactly as the reference implementation ts-fsrs 5 does (with fuzz off,
 * tests/core/tst_fsrs.cpp replays thousands of its reviews field by field).
 * A card is New until first reviewed, then goes through the learning steps
 * (Learning), is scheduled in days (Review), and after a lapse goes through
 * the relearning steps (Relearning). Its memory is two numbers: stability,
 * the days until recall falls to 90 %, and difficulty, from 1 to 10. Days
 * since the last review count calendar days in UTC, so a card seen late in
 * the evening and again the next morning has waited one day. All times are
 * taken in UTC.
 */
namespace sds::srs {

enum class State { New = 0, Learning = 1, Review = 2, Relearning = 3 };
enum class Rating { Again = 1, Hard = 2, Good = 3, Easy = 4 };

/** "New", "Learning", "Review" or "Relearning", as ts-fsrs and the JSON formats name them. */
QString stateName(State state);
std::optional<State> stateFromName(QStringView name);

struct CardState {
    State state = State::New;
    double stability = 0;  ///< days until recall falls to 90 %; 0 while New
    double difficulty = 0; ///< 1 (easy) to 10 (hard); 0 while New
    QDateTime due;         ///< UTC
    QDateTime lastReview;  ///< UTC; invalid until the first review
    int scheduledDays = 0; ///< whole days from this review to due; 0 within a day's steps
    int elapsedDays = 0;   ///< calendar days since the review before this one
    int learningSteps = 0; ///< index of the current (re)learning step
    int reps = 0;          ///< reviews so far
    int lapses = 0;        ///< times forgotten after reaching Review
};

/** A card that has never been reviewed, due from @p created. */
CardState newCard(const QDateTime &created);

/**
 * The card after a review with @p rating at @p now. @p params must pass
 * checkParams(). @p fuzzSeed matters only with params.enableFuzz (see
 * fuzz.h). A @p now before the card's last review counts as the same day
 * (ts-fsrs refuses it; an app whose clock was set back should not).
 */
CardState review(const CardState &card, Rating rating, const QDateTime &now,
                 const SchedulerParams &params, quint64 fuzzSeed = 0);

/** What each button would do, Again to Easy: preview(...)[i] == review(..., Rating(i + 1), ...). */
std::array<CardState, 4> preview(const CardState &card, const QDateTime &now,
                                 const SchedulerParams &params, quint64 fuzzSeed = 0);

/**
 * The probability of recalling the card at @p now: 0 for a New card, else
 * the forgetting curve at the whole days (floored, not calendar days) since
 * the last review, as ts-fsrs's get_retrievability reports it.
 */
double retrievability(const CardState &card, const QDateTime &now, const SchedulerParams &params);

/** FSRS-6's forgetting curve: recall probability after @p days at @p stability, for decay w20. */
double forgettingCurve(double decay, double days, double stability);

/** Calendar days from @p from to @p to, both taken in UTC; negative if @p to is earlier. */
int calendarDaysBetween(const QDateTime &from, const QDateTime &to);

} // namespace sds::srs
