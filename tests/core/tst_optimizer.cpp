// The FSRS optimiser on simulated learners (reviewsim.h) whose memory follows
// known weights unlike the defaults: the fit must predict their held-out
// answers better than the defaults and about as well as the true weights;
// it must refuse too little data, stay in bounds, give the same answer
// twice, survive degenerate logs, report progress and stop when cancelled.
// Also the collection's side: the histories it hands over.
#include "core/cards/collection.h"
#include "core/srs/optimizer.h"
#include "reviewsim.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace sds::srs;

namespace {

bool sameWeights(const Weights &a, const Weights &b)
{
    return std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
}

bool allFinite(const Weights &w)
{
    return std::all_of(w.begin(), w.end(), [](double x) { return std::isfinite(x); });
}

QString listed(const Weights &w)
{
    QStringList out;
    for (double x : w)
        out << QString::number(x, 'g', 4);
    return out.join(u' ');
}

} // namespace

class TestOptimizer : public QObject
{
    Q_OBJECT

private:
    QList<ReviewHistory> m_log; // 1000 cards over a year, drawn once
    OptimizerResult m_fit;

private slots:
    void initTestCase()
    {
        m_log = reviewsim::simulate(1000, 365);
        m_fit = optimizeWeights(m_log, {});
    }

    void fitPredictsHeldOutReviewsLikeTheTrueWeights()
    {
        QVERIFY2(m_fit.fitted(), qPrintable(m_fit.error));
        const QList<ReviewHistory> held = heldOutHistories(m_log);
        const FitMetrics truth = evaluateWeights(held, reviewsim::kTrueWeights, {});
        const FitMetrics defaults = evaluateWeights(held, kDefaultWeights, {});
        // The figures shown as "before" are the defaults' on the held-out cards.
        QCOMPARE(m_fit.before.reviews, defaults.reviews);
        QCOMPARE(m_fit.before.logLoss, defaults.logLoss);
        QCOMPARE(m_fit.after.reviews, truth.reviews);
        // The simulated learner must be one the defaults really predict worse,
        // or the comparisons below would prove nothing.
        QVERIFY2(
            defaults.logLoss > truth.logLoss + 0.005,
            qPrintable(
                QStringLiteral("defaults %1, truth %2").arg(defaults.logLoss).arg(truth.logLoss)));
        QVERIFY2(m_fit.after.logLoss < m_fit.before.logLoss - 0.005,
                 qPrintable(QStringLiteral("before %1, after %2")
                                .arg(m_fit.before.logLoss)
                                .arg(m_fit.after.logLoss)));
        QVERIFY2(m_fit.after.logLoss < truth.logLoss + 0.004,
                 qPrintable(QStringLiteral("fitted %1, truth %2; fitted weights %3")
                                .arg(m_fit.after.logLoss)
                                .arg(truth.logLoss)
                                .arg(listed(m_fit.weights))));
        QVERIFY(m_fit.after.rmseBins < m_fit.before.rmseBins);
        // The held-out cards are every fifth, and never part of the fit.
        QCOMPARE(m_fit.heldOutReviews, reviewsim::predictedAnswers(held));
        QCOMPARE(m_fit.trainingReviews + m_fit.heldOutReviews, reviewsim::predictedAnswers(m_log));
        QCOMPARE(m_fit.cards, 1000);
        QCOMPARE(held.size(), 200);
    }

    // The log loss worked out by hand from the FSRS-6 forgetting curve,
    // R(t, S) = (1 + f t / S)^-d with f = 0.9^(-1/d) - 1 and d = w20, not
    // by the optimiser's own code: two cards answered Good on day 0 (S =
    // w2), one remembered on day 3, one forgotten on day 5.
    void logLossMatchesAHandComputation()
    {
        const QDateTime day0(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC);
        const QList<ReviewHistory> log{
            {1, {{day0, Rating::Good}, {day0.addDays(3), Rating::Good}}},
            {2, {{day0, Rating::Good}, {day0.addDays(5), Rating::Again}}}};
        const Weights &w = kDefaultWeights;
        const double d = w[20];
        const double f = std::pow(0.9, -1.0 / d) - 1;
        const auto recall = [&](double days) {
            return std::pow(1 + f * days / w[2], -d);
        };
        const double expected = -(std::log(recall(3)) + std::log(1 - recall(5))) / 2;

        const FitMetrics m = evaluateWeights(log, w, {});
        QCOMPARE(m.reviews, 2);
        QVERIFY2(std::abs(m.logLoss - expected) < 1e-6,
                 qPrintable(QStringLiteral("%1, by hand %2").arg(m.logLoss).arg(expected)));
        // The two answers fall in different interval bins (3 and 5 days on a
        // base-3.62 log scale), one answer each: RMSE (bins) is the plain RMSE.
        const double rmse = std::sqrt((std::pow(1 - recall(3), 2) + std::pow(recall(5), 2)) / 2);
        QVERIFY2(std::abs(m.rmseBins - rmse) < 1e-6,
                 qPrintable(QStringLiteral("%1, by hand %2").arg(m.rmseBins).arg(rmse)));
        // The curve at the stability is 90 % by definition: a check on the
        // hand formula itself.
        QVERIFY(std::abs(recall(w[2]) - 0.9) < 1e-12);
    }

    void fittedWeightsAreWithinBounds()
    {
        QVERIFY(allFinite(m_fit.weights));
        SchedulerParams p;
        p.weights = m_fit.weights;
        QVERIFY2(sameWeights(effectiveWeights(p), m_fit.weights),
                 qPrintable(listed(m_fit.weights)));
        // First stabilities in rating order.
        QVERIFY(m_fit.weights[0] <= m_fit.weights[1] && m_fit.weights[1] <= m_fit.weights[2] &&
                m_fit.weights[2] <= m_fit.weights[3]);

        // Three relearning steps cap w17 and w18 below their usual 2, by a
        // bound that depends on other weights; the fit must respect it.
        OptimizerOptions o;
        o.params.relearningSteps = {10, 20, 30};
        const OptimizerResult r = optimizeWeights(m_log.mid(0, 500), o);
        QVERIFY2(r.fitted(), qPrintable(r.error));
        SchedulerParams capped = o.params;
        capped.weights = r.weights;
        QVERIFY(sameWeights(effectiveWeights(capped), r.weights));
        capped.weights[17] = capped.weights[18] = 2.0;
        QVERIFY(effectiveWeights(capped)[17] < 2.0);
    }

    void sameInputSameOutput()
    {
        const QList<ReviewHistory> part = m_log.mid(0, 400);
        const OptimizerResult a = optimizeWeights(part, {});
        const OptimizerResult b = optimizeWeights(part, {});
        QVERIFY2(a.fitted(), qPrintable(a.error));
        QVERIFY(sameWeights(a.weights, b.weights));
        QCOMPARE(a.after.logLoss, b.after.logLoss);
        QCOMPARE(a.after.rmseBins, b.after.rmseBins);
        // The order the histories come in does not matter: cards are taken by id.
        QList<ReviewHistory> reversed(part.rbegin(), part.rend());
        QVERIFY(sameWeights(optimizeWeights(reversed, {}).weights, a.weights));
        // A different shuffle seed is a different path.
        OptimizerOptions other;
        other.seed = 7;
        QVERIFY(!sameWeights(optimizeWeights(part, other).weights, a.weights));
    }

    void refusesTooLittleData()
    {
        const QList<ReviewHistory> few = reviewsim::simulate(40, 120);
        OptimizerOptions o;
        o.params.weights[20] = 0.3;
        const OptimizerResult r = optimizeWeights(few, o);
        QCOMPARE(r.status, OptimizerResult::Status::NotEnoughData);
        QVERIFY(!r.fitted());
        QVERIFY(r.error.contains(QStringLiteral("Not enough reviews")));
        QVERIFY(r.error.contains(QString::number(r.trainingReviews)));
        QVERIFY(r.trainingReviews < kMinTrainingReviews || r.heldOutReviews < kMinHeldOutReviews);
        QCOMPARE(r.trainingReviews + r.heldOutReviews, reviewsim::predictedAnswers(few));
        QVERIFY(r.moreReviewsNeeded > 0);
        QVERIFY(r.error.contains(QString::number(r.moreReviewsNeeded)));
        QCOMPARE(r.weights[20], 0.3); // the starting weights, untouched

        // That many more, four in five on fitted cards, would reach both bars.
        const double more = r.moreReviewsNeeded;
        QVERIFY(r.trainingReviews + more * 0.8 >= kMinTrainingReviews);
        QVERIFY(r.heldOutReviews + more * 0.2 >= kMinHeldOutReviews);

        // No history at all.
        const OptimizerResult none = optimizeWeights({}, {});
        QCOMPARE(none.status, OptimizerResult::Status::NotEnoughData);
        QCOMPARE(none.cards, 0);
        QVERIFY(!none.error.isEmpty());
    }

    void badHistoriesAreSkipped()
    {
        QList<ReviewHistory> log = m_log.mid(0, 300);
        ReviewHistory bad;
        bad.cardId = 99999;
        bad.reviews.append({QDateTime(QDate(2024, 1, 1), QTime(9, 0), Qt::UTC), Rating(7)});
        log.append(bad);
        log.append(ReviewHistory{100000, {}});
        const OptimizerResult r = optimizeWeights(log, {});
        QCOMPARE(r.skippedCards, 2);
        QCOMPARE(r.cards, 300);
        QVERIFY(sameWeights(r.weights, optimizeWeights(m_log.mid(0, 300), {}).weights));
    }

    void degenerateLogsGiveFiniteWeights_data()
    {
        QTest::addColumn<bool>("alwaysForget");
        QTest::addColumn<bool>("firstAlwaysGood");
        QTest::newRow("every answer Again") << true << false;
        QTest::newRow("every card first answered Good") << false << true;
    }

    void degenerateLogsGiveFiniteWeights()
    {
        QFETCH(bool, alwaysForget);
        QFETCH(bool, firstAlwaysGood);
        reviewsim::Learner l;
        l.alwaysForget = alwaysForget;
        l.firstAlwaysGood = firstAlwaysGood;
        const QList<ReviewHistory> log = reviewsim::simulate(300, 200, l);
        const OptimizerResult r = optimizeWeights(log, {});
        QVERIFY2(r.fitted(), qPrintable(r.error));
        QVERIFY2(allFinite(r.weights), qPrintable(listed(r.weights)));
        QVERIFY(std::isfinite(r.after.logLoss) && std::isfinite(r.after.rmseBins));
        QVERIFY(r.after.logLoss <= r.before.logLoss);
        SchedulerParams p;
        p.weights = r.weights;
        QVERIFY(sameWeights(effectiveWeights(p), r.weights));
        if (alwaysForget) // nothing is remembered: predictions must head for 0
            QVERIFY(r.after.logLoss < 0.5 * r.before.logLoss);
    }

    void reportsProgressAndCancels()
    {
        const QList<ReviewHistory> part = m_log.mid(0, 300);
        QList<double> seen;
        const OptimizerResult done = optimizeWeights(part, {}, [&](double f) {
            seen.append(f);
            return true;
        });
        QVERIFY(done.fitted());
        QVERIFY(seen.size() > 10);
        QCOMPARE(seen.first(), 0.0);
        QCOMPARE(seen.last(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));

        int calls = 0;
        OptimizerOptions o;
        const OptimizerResult stopped =
            optimizeWeights(part, o, [&](double) { return ++calls < 5; });
        QCOMPARE(stopped.status, OptimizerResult::Status::Cancelled);
        QCOMPARE(calls, 5);
        QVERIFY(sameWeights(stopped.weights, effectiveWeights(o.params)));
    }

    void collectionHandsOverCompleteHistories()
    {
        using namespace sds::cards;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Collection c;
        QVERIFY2(c.open(dir.filePath(QStringLiteral("cards.sqlite"))), qPrintable(c.error()));
        const std::optional<qint64> deck = c.addDeck(QStringLiteral("Deck"));
        QVERIFY(deck);
        NewNote fresh;
        fresh.deckId = *deck;
        fresh.front = QStringLiteral("a");
        fresh.back = QStringLiteral("b");
        NewNote imported = fresh;
        imported.front = QStringLiteral("c");
        CardState scheduled;
        scheduled.state = State::Review;
        scheduled.stability = 10;
        scheduled.difficulty = 5;
        scheduled.reps = 4;
        scheduled.lastReview = QDateTime(QDate(2023, 12, 1), QTime(9, 0), Qt::UTC);
        scheduled.due = QDateTime(QDate(2023, 12, 11), QTime(9, 0), Qt::UTC);
        imported.schedule = scheduled;
        const auto ids = c.addNotes({fresh, imported, fresh});
        QVERIFY(ids && ids->size() == 3);
        const QDateTime t0(QDate(2024, 1, 1), QTime(9, 0), Qt::UTC);
        QVERIFY(c.answer(ids->at(0), Rating::Good, t0, 1000));
        QVERIFY(c.answer(ids->at(1), Rating::Good, t0, 1000)); // history began before the log
        QVERIFY(c.answer(ids->at(0), Rating::Again, t0.addSecs(600), 1000));
        QVERIFY(c.answer(ids->at(0), Rating::Easy, t0.addDays(3).addMSecs(1500), 1000));

        const QList<ReviewHistory> h = c.reviewHistories();
        QCOMPARE(h.size(), 1);
        QCOMPARE(h[0].cardId, ids->at(0));
        QCOMPARE(h[0].reviews.size(), 3);
        QCOMPARE(h[0].reviews[0].rating, Rating::Good);
        QCOMPARE(h[0].reviews[1].rating, Rating::Again);
        QCOMPARE(h[0].reviews[1].time, t0.addSecs(600));
        QCOMPARE(h[0].reviews[2].rating, Rating::Easy);
        QCOMPARE(h[0].reviews[2].time, t0.addDays(3).addMSecs(1500)); // the log keeps ms

        // Undo takes the answer out of the history too.
        QVERIFY(c.undoLastAnswer());
        QCOMPARE(c.reviewHistories()[0].reviews.size(), 2);
        c.close();
        QVERIFY(c.reviewHistories().isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
