#pragma once

#include "core/srs/srsjson.h"
#include "core/srs/srsparams.h"

#include <QList>
#include <QString>

#include <functional>

/**
 * Fits the 21 FSRS-6 weights to a learner's own review log. Each card's
 * history (its answers, oldest first, from its first review) is replayed
 * through the model; every answer given at least one calendar day after the
 * one before is a prediction of recall (Hard, Good or Easy) against
 * forgetting (Again), and the fit minimises the log loss (binary
 * cross-entropy) of those predictions. Same-day answers are not predicted,
 * as in FSRS, but still move the memory state through the short-term
 * formula. The method follows the reference optimiser fsrs-rs: the
 * stabilities after a first answer (w0-w3) are first estimated from how
 * well each first rating was remembered at the next day's review; then
 * Adam with a cosine-annealed step size improves all weights over shuffled
 * batches, with gradients from forward-mode automatic differentiation, a
 * light pull towards the starting weights, and every weight clamped into
 * its FSRS range after each step. One card in five (every fifth by card
 * id) is held out and never fitted; log loss and RMSE (bins) on those cards
 * with the starting and the fitted weights tell the learner whether the fit
 * helps. Everything is deterministic: the same input gives the same weights
 * bit for bit. Times are taken in UTC, days counted as the scheduler does.
 */
namespace sds::srs {

/** One card's answers, oldest first, starting with its first review as a New card. */
struct ReviewHistory {
    qint64 cardId = 0;
    QList<ReviewEvent> reviews;
};

/** How well a set of weights predicts a set of answers. */
struct FitMetrics {
    int reviews = 0;    ///< answers predicted (a day or more after the previous one)
    double logLoss = 0; ///< mean binary cross-entropy, natural log; lower is better
    /**
     * RMSE (bins) as the FSRS benchmark defines it: answers are grouped by
     * interval, by how many reviews the card had and by its lapses (each on
     * a logarithmic scale); within a group the mean prediction is compared
     * with the share remembered, and the squared gaps are averaged weighted
     * by group size. 0 to 1, lower is better.
     */
    double rmseBins = 0;
};

struct OptimizerOptions {
    /**
     * The weights to start from and to compare with (usually the ones in
     * use), and the settings that bound them: enable_short_term and the
     * number of relearning steps change the allowed ranges (see
     * effectiveWeights()).
     */
    SchedulerParams params;
    /** Every n-th card (by id) is held out for the before/after figures. */
    int heldOutEvery = 5;
    /** Seeds the batch shuffling. */
    quint64 seed = 2023;
};

struct OptimizerResult {
    enum class Status { Fitted, NotEnoughData, Cancelled };
    Status status = Status::NotEnoughData;
    /** Why nothing was fitted, for the learner; empty when Fitted. */
    QString error;
    /** With NotEnoughData: about how many more answered reviews would do. */
    int moreReviewsNeeded = 0;

    Weights weights{};       ///< the fit; the starting weights unless Fitted
    FitMetrics before;       ///< held-out cards, starting weights
    FitMetrics after;        ///< held-out cards, fitted weights
    int cards = 0;           ///< cards with a usable history
    int skippedCards = 0;    ///< histories refused (a rating outside 1-4, no reviews)
    int trainingReviews = 0; ///< predicted answers the fit used
    int heldOutReviews = 0;  ///< predicted answers it was measured on

    bool fitted() const { return status == Status::Fitted; }
};

/**
 * Called now and then with the share of the work done (0 to 1); returning
 * false cancels the fit, which then ends with Status::Cancelled. May be
 * called from whatever thread runs the optimiser.
 */
using OptimizerProgress = std::function<bool(double fraction)>;

/**
 * Below these counts the fit is refused. 400 answers measure a recall rate
 * near 90 % only to about ±3 points (95 % interval), and they are spread
 * over many intervals and ratings, so 21 weights fitted to fewer would
 * mostly follow noise. The check on held-out cards compares both sets of
 * weights on the same answers, which makes it fairer, but with fewer than
 * 100 a few surprising answers decide it.
 */
inline constexpr int kMinTrainingReviews = 400;
inline constexpr int kMinHeldOutReviews = 100;

OptimizerResult optimizeWeights(const QList<ReviewHistory> &histories,
                                const OptimizerOptions &options,
                                const OptimizerProgress &progress = {});

/** The cards optimizeWeights() holds out: every @p every-th by ascending card id. */
QList<ReviewHistory> heldOutHistories(const QList<ReviewHistory> &histories, int every = 5);

/** How well @p weights (bounded by @p params' settings) predict the answers in @p histories. */
FitMetrics evaluateWeights(const QList<ReviewHistory> &histories, const Weights &weights,
                           const SchedulerParams &params);

} // namespace sds::srs
