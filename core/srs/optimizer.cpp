#include "core/srs/optimizer.h"

#include "core/srs/dual.h"
#include "core/srs/fsrs.h"
#include "core/srs/fsrsformulas.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <tuple>
#include <vector>

namespace sds::srs {

namespace {

using detail::clampOf;
using detail::Dual;
// Predictions are kept this far from 0 and 1 so one confident miss cannot
// make the loss infinite.
constexpr double kProbabilityFloor = 1e-6;

// Adam as fsrs-rs configures it: step 0.04 annealed to 0 along a cosine,
// batches of about 512 predicted answers.
constexpr double kLearningRate = 0.04;
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
constexpr double kEpsilon = 1e-8;
constexpr int kBatchAnswers = 512;
// fsrs-rs runs 5 epochs; a small log has few batches per epoch, so it gets
// more epochs until about this many steps have been taken.
constexpr int kMinEpochs = 5;
constexpr int kMaxEpochs = 200;
constexpr int kTargetSteps = 300;

// How much the weights are pulled back towards the starting ones: the
// squared distance in units of how far fitted weights typically spread
// between learners (fsrs-rs's figures for FSRS-6), weighted so a large log
// hardly feels it and a small one cannot wander off on noise.
constexpr double kPull = 1.0;
constexpr Weights kWeightSpread = {6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,
                                   0.12, 0.39, 0.18,  0.33,  0.3,  0.09, 0.16,
                                   0.57, 0.25, 1.03,  0.31,  0.32, 0.14, 0.27};

// One answer as the model sees it: calendar days since the answer before
// (0 for the first and for same-day answers) and the rating, 1 to 4.
struct Answer {
    int days = 0;
    int rating = 3;
};

struct Track {
    qint64 cardId = 0;
    std::vector<Answer> answers;
    int predicted = 0; // answers with days > 0 after the first
};

// FSRS-6 as the scheduler computes it, but without the reference's rounding
// to 8 decimals, which would make the loss a staircase with no gradient.
template <typename T> using SmoothModel = detail::Fsrs6<T, detail::NoRound>;

// Replays a card, calling @p predicted(r, answer, reviewNumber, lapsesBefore)
// for every answer the model predicts.
template <typename T, typename F>
void replay(const Track &track, const SmoothModel<T> &model, F &&predicted)
{
    T d, s;
    int lapses = 0;
    for (std::size_t i = 0; i < track.answers.size(); ++i) {
        const Answer &a = track.answers[i];
        if (i == 0) {
            s = model.initStability(a.rating);
            d = model.initDifficulty(a.rating);
            continue;
        }
        // Same day: the curve is exactly 1 there, with no gradient to carry.
        const T r = a.days > 0 ? model.retrievability(a.days, s) : T(1.0);
        if (a.days > 0)
            predicted(r, a, int(i) + 1, lapses);
        s = model.nextStability(d, s, a.days, a.rating, r);
        d = model.nextDifficulty(d, a.rating);
        if (a.days > 0 && a.rating == 1)
            ++lapses;
    }
}

template <typename T> T crossEntropy(const T &r, bool remembered)
{
    using std::log;
    const T p = clampOf(r, kProbabilityFloor, 1.0 - kProbabilityFloor);
    return remembered ? -log(p) : -log(1.0 - p);
}

Weights clampWeights(const Weights &w, const SchedulerParams &settings)
{
    SchedulerParams p = settings;
    p.weights = w;
    return effectiveWeights(p);
}

// The summed loss of @p tracks (plain numbers), and how many answers it covers.
std::pair<double, int> totalLoss(const std::vector<const Track *> &tracks, const Weights &w,
                                 bool shortTerm)
{
    const SmoothModel<double> model(w, shortTerm);
    double sum = 0;
    int n = 0;
    for (const Track *t : tracks) {
        replay(*t, model, [&](double r, const Answer &a, int, int) {
            sum += crossEntropy(r, a.rating > 1);
            ++n;
        });
    }
    return {sum, n};
}

double penalty(const Weights &w, const Weights &start, int total)
{
    double sum = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const double z = (w[i] - start[i]) / kWeightSpread[i];
        sum += z * z;
    }
    return kPull * sum / std::max(total, 1);
}

FitMetrics metrics(const std::vector<const Track *> &tracks, const Weights &w, bool shortTerm)
{
    struct Bin {
        double p = 0, y = 0;
        int n = 0;
    };
    // Logarithmic bins as the FSRS benchmark draws them.
    const auto bucket = [](int x, double base) {
        return x <= 0 ? -1 : int(std::floor(std::log(double(x)) / std::log(base)));
    };
    std::map<std::tuple<int, int, int>, Bin> bins;
    const SmoothModel<double> model(w, shortTerm);
    FitMetrics m;
    double loss = 0;
    for (const Track *t : tracks) {
        replay(*t, model, [&](double r, const Answer &a, int number, int lapses) {
            const bool remembered = a.rating > 1;
            loss += crossEntropy(r, remembered);
            ++m.reviews;
            Bin &b = bins[{bucket(a.days, 3.62), bucket(number, 1.89), bucket(lapses, 1.73)}];
            b.p += r;
            b.y += remembered ? 1.0 : 0.0;
            ++b.n;
        });
    }
    if (m.reviews == 0)
        return m;
    m.logLoss = loss / m.reviews;
    double squares = 0;
    for (const auto &[key, b] : bins) {
        const double gap = b.p / b.n - b.y / b.n;
        squares += gap * gap * b.n;
    }
    m.rmseBins = std::sqrt(squares / m.reviews);
    return m;
}

// How many training cards were first answered with each rating.
std::array<int, 4> firstRatingCounts(const std::vector<const Track *> &tracks)
{
    std::array<int, 4> counts{};
    for (const Track *t : tracks)
        counts[std::size_t(t->answers[0].rating - 1)] += 1;
    return counts;
}

// A card first answered Easy should start out at least as stable as one
// answered Good, and so on down; where the data say otherwise, the value
// with less evidence behind it gives way, as fsrs-rs settles it.
template <typename Array> void orderInitialStability(Array &s, const std::array<int, 4> &counts)
{
    for (int pass = 0; pass < 4; ++pass) {
        for (std::size_t g = 0; g + 1 < 4; ++g) {
            if (s[g] > s[g + 1]) {
                if (counts[g] > counts[g + 1])
                    s[g + 1] = s[g];
                else
                    s[g] = s[g + 1];
            }
        }
    }
}

// The stabilities after a first answer of each rating, from the first
// review on a later day: for each first rating, the stability whose
// forgetting curve best matches the share remembered at each interval
// (a ternary search, as fsrs-rs does), pulled slightly towards the
// starting value. A rating too rarely given first keeps the starting
// value scaled like the others; then Again <= Hard <= Good <= Easy.
std::array<double, 4> pretrainInitialStability(const std::vector<const Track *> &tracks,
                                               const Weights &start)
{
    constexpr int kMinGroup = 10;
    struct Point {
        int n = 0, remembered = 0;
    };
    std::array<std::map<int, Point>, 4> groups;
    std::array<int, 4> counts{};
    int all = 0, allRemembered = 0;
    for (const Track *t : tracks) {
        for (std::size_t i = 1; i < t->answers.size(); ++i) {
            if (t->answers[i].days == 0)
                continue;
            const auto g = std::size_t(t->answers[0].rating - 1);
            Point &p = groups[g][t->answers[i].days];
            const bool ok = t->answers[i].rating > 1;
            p.n += 1;
            p.remembered += ok ? 1 : 0;
            counts[g] += 1;
            all += 1;
            allRemembered += ok ? 1 : 0;
            break;
        }
    }
    std::array<double, 4> s{start[0], start[1], start[2], start[3]};
    const std::array<int, 4> firstCounts = firstRatingCounts(tracks);
    if (all == 0)
        return s;
    const double negDecay = -start[20];
    const double factor = SmoothModel<double>::curveFactor(negDecay);
    const double average = double(allRemembered) / all;
    std::array<bool, 4> fitted{};
    for (std::size_t g = 0; g < 4; ++g) {
        if (counts[g] < kMinGroup)
            continue;
        const auto loss = [&](double stability) {
            double sum = 0;
            for (const auto &[days, p] : groups[g]) {
                // Laplace smoothing towards the learner's average recall.
                const double y = (double(p.remembered) + average) / (p.n + 1.0);
                const double r =
                    std::clamp(SmoothModel<double>::curve(negDecay, factor, days, stability),
                               kProbabilityFloor, 1.0 - kProbabilityFloor);
                sum += -(y * std::log(r) + (1 - y) * std::log(1 - r)) * std::sqrt(double(p.n));
            }
            return sum + std::abs(stability - start[g]) / 16.0;
        };
        double lo = 0.1, hi = 100.0;
        for (int it = 0; it < 200 && hi - lo > 1e-6; ++it) {
            const double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
            if (loss(m1) < loss(m2))
                hi = m2;
            else
                lo = m1;
        }
        s[g] = (lo + hi) / 2;
        fitted[g] = true;
    }
    // Ratings seldom given first move with the others, by their mean log ratio.
    double logRatio = 0;
    int nFitted = 0;
    for (std::size_t g = 0; g < 4; ++g) {
        if (fitted[g]) {
            logRatio += std::log(s[g] / std::max(start[g], 0.1));
            ++nFitted;
        }
    }
    if (nFitted == 0)
        return s;
    for (std::size_t g = 0; g < 4; ++g) {
        if (!fitted[g])
            s[g] = std::clamp(std::max(start[g], 0.1) * std::exp(logRatio / nFitted), 0.1, 100.0);
    }
    orderInitialStability(s, firstCounts);
    return s;
}

// Deterministic on every platform, unlike std::shuffle with a std engine.
quint64 splitMix(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void shuffle(std::vector<const Track *> &v, quint64 &state)
{
    for (std::size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[std::size_t(splitMix(state) % i)]);
}

std::vector<Track> toTracks(const QList<ReviewHistory> &histories, int *skipped)
{
    std::vector<Track> tracks;
    tracks.reserve(std::size_t(histories.size()));
    for (const ReviewHistory &h : histories) {
        Track t;
        t.cardId = h.cardId;
        bool ok = !h.reviews.isEmpty();
        for (qsizetype i = 0; ok && i < h.reviews.size(); ++i) {
            const int rating = int(h.reviews[i].rating);
            ok = rating >= 1 && rating <= 4 && h.reviews[i].time.isValid();
            if (!ok)
                break;
            // A clock set back counts as the same day, as the scheduler takes it.
            const int days =
                i == 0 ? 0
                       : std::max(0, calendarDaysBetween(h.reviews[i - 1].time, h.reviews[i].time));
            t.answers.push_back({days, rating});
            if (i > 0 && days > 0)
                ++t.predicted;
        }
        if (!ok) {
            ++*skipped;
            continue;
        }
        tracks.push_back(std::move(t));
    }
    std::stable_sort(tracks.begin(), tracks.end(),
                     [](const Track &a, const Track &b) { return a.cardId < b.cardId; });
    return tracks;
}

bool isHeldOut(std::size_t position, int every)
{
    return int(position % std::size_t(every)) == every - 1;
}

int cappedEvery(int every)
{
    return std::max(2, every);
}

// One Adam run over the training cards. Returns false when cancelled.
class Trainer
{
public:
    Trainer(std::vector<const Track *> train, const Weights &start, const SchedulerParams &settings,
            quint64 seed)
        : m_train(std::move(train))
        , m_start(start)
        , m_settings(settings)
        , m_rng(seed)
    {
        for (const Track *t : m_train)
            m_total += t->predicted;
        const int batches = std::max(1, (m_total + kBatchAnswers - 1) / kBatchAnswers);
        m_epochs = std::clamp((kTargetSteps + batches - 1) / batches, kMinEpochs, kMaxEpochs);
        m_plannedSteps = m_epochs * batches;
    }

    double objective(const Weights &w) const
    {
        const auto [sum, n] = totalLoss(m_train, w, m_settings.enableShortTerm);
        return sum / std::max(n, 1) + penalty(w, m_start, m_total);
    }

    // The best weights seen at the end of an epoch, as fsrs-rs keeps them.
    bool run(Weights w, const std::function<bool(double)> &tick, Weights *best)
    {
        Weights m{}, v{};
        double bestObjective = objective(w);
        *best = w;
        int step = 0;
        std::vector<const Track *> order = m_train;
        for (int epoch = 0; epoch < m_epochs; ++epoch) {
            shuffle(order, m_rng);
            std::size_t at = 0;
            while (at < order.size()) {
                std::vector<const Track *> batch;
                int answers = 0;
                while (at < order.size() && answers < kBatchAnswers) {
                    answers += order[at]->predicted;
                    batch.push_back(order[at++]);
                }
                if (answers == 0)
                    continue;
                const Weights g = gradient(batch, w, answers);
                ++step;
                const double progress = std::min(1.0, double(step) / m_plannedSteps);
                const double lr =
                    0.5 * kLearningRate * (1.0 + std::cos(std::numbers::pi * progress));
                const double c1 = 1.0 - std::pow(kBeta1, step);
                const double c2 = 1.0 - std::pow(kBeta2, step);
                for (std::size_t i = 0; i < w.size(); ++i) {
                    m[i] = kBeta1 * m[i] + (1 - kBeta1) * g[i];
                    v[i] = kBeta2 * v[i] + (1 - kBeta2) * g[i] * g[i];
                    w[i] -= lr * (m[i] / c1) / (std::sqrt(v[i] / c2) + kEpsilon);
                }
                w = clampWeights(w, m_settings);
                if (tick && !tick(progress))
                    return false;
            }
            const double o = objective(w);
            if (std::isfinite(o) && o < bestObjective) {
                bestObjective = o;
                *best = w;
            }
        }
        return true;
    }

private:
    Weights gradient(const std::vector<const Track *> &batch, const Weights &w, int answers) const
    {
        std::array<Dual, kWeightCount> dw;
        for (int i = 0; i < kWeightCount; ++i)
            dw[std::size_t(i)] = Dual::variable(w[std::size_t(i)], i);
        const SmoothModel<Dual> model(dw, m_settings.enableShortTerm);
        Weights g{};
        for (const Track *t : batch) {
            replay(*t, model, [&](const Dual &r, const Answer &a, int, int) {
                const Dual loss = crossEntropy(r, a.rating > 1);
                for (std::size_t i = 0; i < g.size(); ++i)
                    g[i] += loss.d[i];
            });
        }
        for (std::size_t i = 0; i < g.size(); ++i) {
            g[i] /= answers;
            if (!std::isfinite(g[i]))
                g[i] = 0;
            // The pull's share for this batch, per answer.
            g[i] += 2.0 * kPull * (w[i] - m_start[i]) /
                    (kWeightSpread[i] * kWeightSpread[i] * std::max(m_total, 1));
        }
        return g;
    }

    std::vector<const Track *> m_train;
    Weights m_start;
    SchedulerParams m_settings;
    quint64 m_rng;
    int m_total = 0;
    int m_epochs = kMinEpochs;
    int m_plannedSteps = 1;
};

} // namespace

QList<ReviewHistory> heldOutHistories(const QList<ReviewHistory> &histories, int every)
{
    every = cappedEvery(every);
    QList<ReviewHistory> sorted = histories;
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const ReviewHistory &a, const ReviewHistory &b) { return a.cardId < b.cardId; });
    QList<ReviewHistory> out;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        if (isHeldOut(std::size_t(i), every))
            out.append(sorted[i]);
    }
    return out;
}

FitMetrics evaluateWeights(const QList<ReviewHistory> &histories, const Weights &weights,
                           const SchedulerParams &params)
{
    int skipped = 0;
    const std::vector<Track> tracks = toTracks(histories, &skipped);
    std::vector<const Track *> all;
    for (const Track &t : tracks)
        all.push_back(&t);
    return metrics(all, clampWeights(weights, params), params.enableShortTerm);
}

OptimizerResult optimizeWeights(const QList<ReviewHistory> &histories,
                                const OptimizerOptions &options, const OptimizerProgress &progress)
{
    OptimizerResult result;
    const SchedulerParams &settings = options.params;
    const Weights start = clampWeights(settings.weights, settings);
    result.weights = start;
    const int every = cappedEvery(options.heldOutEvery);

    const std::vector<Track> tracks = toTracks(histories, &result.skippedCards);
    std::vector<const Track *> train, held;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        (isHeldOut(i, every) ? held : train).push_back(&tracks[i]);
        (isHeldOut(i, every) ? result.heldOutReviews : result.trainingReviews) +=
            tracks[i].predicted;
    }
    result.cards = int(tracks.size());

    const int shortTrain = std::max(0, kMinTrainingReviews - result.trainingReviews);
    const int shortHeld = std::max(0, kMinHeldOutReviews - result.heldOutReviews);
    if (shortTrain > 0 || shortHeld > 0) {
        // New reviews spread over the cards as these are: every-th of them is held out.
        result.moreReviewsNeeded =
            std::max((shortTrain * every + every - 2) / (every - 1), shortHeld * every);
        result.error =
            QStringLiteral("Not enough reviews to fit the scheduler to you yet. The fit counts the "
                           "reviews made a day or more after the card's previous one: it needs "
                           "%1 to learn from and %2 more, on other cards, to check the result; "
                           "your %3 card(s) have %4 and %5. About %6 more such reviews will do.")
                .arg(kMinTrainingReviews)
                .arg(kMinHeldOutReviews)
                .arg(result.cards)
                .arg(result.trainingReviews)
                .arg(result.heldOutReviews)
                .arg(result.moreReviewsNeeded);
        return result;
    }

    const auto report = [&](double fraction) {
        return !progress || progress(fraction);
    };
    if (!report(0.0)) {
        result.status = OptimizerResult::Status::Cancelled;
        result.error = QStringLiteral("Cancelled");
        return result;
    }
    result.before = metrics(held, start, settings.enableShortTerm);

    Trainer trainer(train, start, settings, options.seed);
    // Pretraining is a guess that ignores same-day reviews; it is kept only
    // if it already predicts better than the starting weights.
    Weights first = start;
    const std::array<double, 4> s0 = pretrainInitialStability(train, start);
    Weights pretrained = start;
    std::copy(s0.begin(), s0.end(), pretrained.begin());
    pretrained = clampWeights(pretrained, settings);
    if (trainer.objective(pretrained) < trainer.objective(start))
        first = pretrained;

    Weights best = first;
    const bool finished = trainer.run(
        first, [&](double f) { return report(0.02 + 0.96 * f); }, &best);
    if (!finished) {
        result.status = OptimizerResult::Status::Cancelled;
        result.error = QStringLiteral("Cancelled");
        return result;
    }
    orderInitialStability(best, firstRatingCounts(train));
    result.weights = clampWeights(best, settings);
    result.after = metrics(held, result.weights, settings.enableShortTerm);
    result.status = OptimizerResult::Status::Fitted;
    report(1.0);
    return result;
}

} // namespace sds::srs
