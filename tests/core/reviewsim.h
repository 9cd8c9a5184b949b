#pragma once

// A made-up learner for the optimiser's tests and benchmark: cards are
// scheduled by the app's default settings, but whether each is remembered
// is drawn (seeded) from the forgetting curve of a memory that follows
// other, known FSRS-6 weights. A fit to such a log should find its way
// towards those weights' predictions.

#include "core/srs/fsrs.h"
#include "core/srs/fuzz.h"
#include "core/srs/optimizer.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace reviewsim {

using sds::srs::Rating;
using sds::srs::ReviewHistory;
using sds::srs::Weights;

// Shorter first stabilities, slower growth after a success, a steeper
// forgetting curve (decay 0.45 against 0.1542) and gentler lapses than the
// defaults: a learner they predict badly.
inline constexpr Weights kTrueWeights = {
    0.3, 0.9, 1.6, 5.0, 5.5,  0.6, 2.2,  0.01, 0.8,  0.25, 1.1,
    1.2, 0.1, 0.4, 1.4, 0.35, 2.4, 0.45, 0.35, 0.12, 0.45,
};

struct Learner {
    Weights truth = kTrueWeights;
    quint64 seed = 1;
    /** Every first answer Good (one card type) instead of a mix. */
    bool firstAlwaysGood = false;
    /** Nothing is ever remembered: every answer is Again. */
    bool alwaysForget = false;
};

inline Rating pickRating(QRandomGenerator &rng, bool first, bool remembered, const Learner &l)
{
    if (l.alwaysForget)
        return Rating::Again;
    const quint32 roll = rng.bounded(100);
    if (first) {
        if (l.firstAlwaysGood)
            return Rating::Good;
        return roll < 25   ? Rating::Again
               : roll < 35 ? Rating::Hard
               : roll < 90 ? Rating::Good
                           : Rating::Easy;
    }
    if (!remembered)
        return Rating::Again;
    return roll < 15 ? Rating::Hard : roll < 90 ? Rating::Good : Rating::Easy;
}

/** The true memory's chance of recall at @p now, in calendar days as the model counts them. */
inline double trueRecall(const sds::srs::CardState &memory, const QDateTime &now, const Weights &w)
{
    const int days = sds::srs::calendarDaysBetween(memory.lastReview, now);
    return days <= 0 ? 1.0 : sds::srs::forgettingCurve(w[20], days, memory.stability);
}

/**
 * @p cards cards, introduced evenly over the first 80 % of @p days from
 * 2024-01-01, each answered whenever the default scheduler (fuzz on) asks,
 * at a random hour for reviews in days, until the end. Card ids are 1..cards.
 */
inline QList<ReviewHistory> simulate(int cards, int days, const Learner &learner = {})
{
    using namespace sds::srs;
    QRandomGenerator rng(quint32(learner.seed));
    SchedulerParams scheduling;
    scheduling.enableFuzz = true;
    SchedulerParams memoryParams;
    memoryParams.weights = learner.truth;
    const QDateTime start(QDate(2024, 1, 1), QTime(9, 0), Qt::UTC);
    const QDateTime end = start.addDays(days);
    QList<ReviewHistory> out;
    for (int c = 0; c < cards; ++c) {
        ReviewHistory h;
        h.cardId = c + 1;
        QDateTime t = start.addDays(qint64(c) * days * 8 / 10 / std::max(cards, 1))
                          .addSecs(qint64(rng.bounded(3600)));
        CardState sched = newCard(t), memory = newCard(t);
        int todays = 0; // answers to this card today
        while (t < end) {
            const bool first = memory.state == State::New;
            const bool remembered =
                !first && rng.generateDouble() < trueRecall(memory, t, learner.truth);
            const Rating rating = pickRating(rng, first, remembered, learner);
            h.reviews.append({t, rating});
            sched = review(sched, rating, t, scheduling, fuzzSeed(quint64(h.cardId), sched.reps));
            memory = review(memory, rating, t, memoryParams);
            QDateTime next = sched.due;
            // Reviews in days happen whenever in the day the learner sits down.
            if (sched.scheduledDays > 0)
                next = next.addSecs(qint64(rng.bounded(8 * 3600)) - 2 * 3600);
            // After four goes at one card in a day the learner leaves it until
            // tomorrow, or a card never remembered would loop for ever.
            ++todays;
            if (todays >= 4 && calendarDaysBetween(t, next) == 0)
                next = QDateTime(t.date().addDays(1), QTime(9, 0), Qt::UTC);
            if (calendarDaysBetween(t, next) > 0)
                todays = 0;
            t = std::max(next, t.addSecs(60));
        }
        out.append(h);
    }
    return out;
}

/** Answers a day or more after the card's previous one: what the optimiser predicts. */
inline int predictedAnswers(const QList<ReviewHistory> &histories)
{
    int n = 0;
    for (const ReviewHistory &h : histories) {
        for (qsizetype i = 1; i < h.reviews.size(); ++i)
            n += sds::srs::calendarDaysBetween(h.reviews[i - 1].time, h.reviews[i].time) > 0;
    }
    return n;
}

} // namespace reviewsim
