// The scheduler optimiser's dialog on real cards.sqlite files: a simulated
// learner (tests/core/reviewsim.h) studies through Collection::nextCard and
// answer() for three months, then the dialog is driven with the mouse: run,
// use the new weights (stored, equal to those shown, other settings kept),
// keep the current ones (nothing changes), cancel, and a collection too
// small to fit, which must say why and how many more reviews it needs.
// Set SDS_SCREENSHOT_DIR to save a picture of the results.
#include "../core/reviewsim.h"
#include "app/studio/review/optimizerdialog.h"
#include "app/studio/screenshot.h"
#include "core/cards/collection.h"

#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sds;
using namespace sds::gui;

namespace {

constexpr int kFitTimeoutMs = 120000;

// Adds @p cards notes and studies them every day for @p days days from
// 2024-01-01 as the made-up learner would: the collection schedules, the
// learner's own memory decides what is remembered.
bool buildCollection(const QString &path, int cards, int days, int newPerDay)
{
    cards::Collection c;
    if (!c.open(path, {{}, 7, false, {}}))
        return false;
    const std::optional<qint64> deck = c.addDeck(QStringLiteral("Practice"));
    if (!deck)
        return false;
    QList<cards::NewNote> notes;
    for (int i = 0; i < cards; ++i) {
        cards::NewNote n;
        n.deckId = *deck;
        n.front = QStringLiteral("Q%1").arg(i);
        n.back = QStringLiteral("A%1").arg(i);
        notes.append(n);
    }
    if (!c.addNotes(notes) || !c.setNewCardsPerDay(newPerDay))
        return false;
    srs::SchedulerParams truth;
    truth.weights = reviewsim::kTrueWeights;
    reviewsim::Learner learner;
    QRandomGenerator rng(7);
    QHash<qint64, srs::CardState> memory;
    const QDateTime start(QDate(2024, 1, 1), QTime(9, 0), Qt::UTC);
    for (int d = 0; d < days; ++d) {
        QDateTime now = start.addDays(d);
        const QDateTime evening = now.addSecs(12 * 3600);
        while (now < evening) {
            const std::optional<cards::Card> card = c.nextCard(std::nullopt, now);
            if (!card) {
                if (c.counts(std::nullopt, now).learningLater == 0)
                    break;
                now = now.addSecs(300);
                continue;
            }
            srs::CardState &m = memory[card->id];
            const bool first = card->schedule.state == srs::State::New;
            if (first)
                m = srs::newCard(now);
            const bool remembered =
                !first && rng.generateDouble() < reviewsim::trueRecall(m, now, truth.weights);
            const srs::Rating rating = reviewsim::pickRating(rng, first, remembered, learner);
            if (!c.answer(card->id, rating, now, 4000))
                return false;
            m = srs::review(m, rating, now, truth);
            now = now.addSecs(30);
        }
    }
    return true;
}

// Only when asked for, to look at; not part of any verdict.
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("SDS_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QCOMPARE(saveScreenshot(w, QDir(dir).filePath(name)), QString());
}

QString schedulerColumn(const QString &path)
{
    QString value;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(
                    QStringLiteral("SELECT scheduler || '|' || desired_retention FROM config")) &&
                q.next())
                value = q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return value;
}

} // namespace

class TestOptimizerDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_large; // enough reviews to fit; copied for each test
    QString m_small;

    QString copyOf(const QString &source, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        return QFile::copy(source, path) ? path : QString();
    }

    static void runFit(OptimizerDialog &d)
    {
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(d.optimizeButton()->isVisible());
        QTest::mouseClick(d.optimizeButton(), Qt::LeftButton);
        QVERIFY(d.isRunning());
        QVERIFY(d.progressBar()->isVisible());
        QVERIFY(d.cancelButton()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), kFitTimeoutMs);
        QVERIFY(d.fit().has_value());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_large = m_dir.filePath(QStringLiteral("large.sqlite"));
        m_small = m_dir.filePath(QStringLiteral("small.sqlite"));
        QVERIFY(buildCollection(m_large, 300, 120, 15));
        QVERIFY(buildCollection(m_small, 30, 20, 5));
    }

    void useNewWeightsStoresWhatIsShown()
    {
        const QString path = copyOf(m_large, QStringLiteral("accept.sqlite"));
        cards::Collection c;
        QVERIFY(c.open(path, {{}, 7, false, {}}));
        // Settings of the learner's own, which must survive the new weights.
        QVERIFY(c.setSchedulerParams({{QStringLiteral("maximum_interval"), 3650},
                                      {QStringLiteral("learning_steps"),
                                       QJsonArray{QStringLiteral("2m"), QStringLiteral("1h")}}}));
        QVERIFY(c.setDesiredRetention(0.85));
        const srs::SchedulerParams before = c.schedulerParams();

        OptimizerDialog d(c);
        QCOMPARE(d.retention()->value(), 0.85);
        runFit(d);
        const srs::OptimizerResult &r = *d.fit();
        QVERIFY2(r.fitted(), qPrintable(r.error));
        QVERIFY(r.trainingReviews >= srs::kMinTrainingReviews);
        QVERIFY(d.acceptButton()->isVisible() && d.rejectButton()->isVisible());
        QVERIFY(!d.progressBar()->isVisible());
        const QString text = d.message()->text();
        QVERIFY(text.contains(QStringLiteral("Log loss")));
        QVERIFY(text.contains(QStringLiteral("RMSE (bins)")));
        QVERIFY(text.contains(QString::number(r.trainingReviews)));
        QVERIFY(text.contains(QString::number(r.before.logLoss, 'f', 4)));
        QVERIFY(text.contains(QString::number(r.after.logLoss, 'f', 4)));

        // The weights shown are the fit to four decimals.
        const QStringList shown = d.weightsField()->text().split(QStringLiteral(", "));
        QCOMPARE(shown.size(), srs::kWeightCount);
        for (int i = 0; i < srs::kWeightCount; ++i) {
            QCOMPARE(shown[i].toDouble(), d.shownWeights()[std::size_t(i)]);
            QVERIFY(std::abs(shown[i].toDouble() - r.weights[std::size_t(i)]) <= 0.00005);
        }
        screenshot(&d, QStringLiteral("optimizer-dialog.png"));

        QTest::mouseClick(d.acceptButton(), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const srs::SchedulerParams after = c.schedulerParams();
        QVERIFY(after.weights != before.weights);
        for (int i = 0; i < srs::kWeightCount; ++i)
            QCOMPARE(after.weights[std::size_t(i)], shown[i].toDouble());
        QCOMPARE(after.maximumInterval, 3650);
        QCOMPARE(after.learningSteps, (QList<int>{2, 60}));
        QCOMPARE(after.relearningSteps, before.relearningSteps);
        QCOMPARE(after.enableShortTerm, before.enableShortTerm);
        QCOMPARE(after.requestRetention, 0.85);

        // And on disk, for the next start.
        c.close();
        cards::Collection reopened;
        QVERIFY(reopened.open(path, {{}, 7, false, {}}));
        QVERIFY(reopened.schedulerParams().weights == after.weights);
    }

    void keepCurrentWeightsChangesNothing()
    {
        const QString path = copyOf(m_large, QStringLiteral("reject.sqlite"));
        cards::Collection c;
        QVERIFY(c.open(path, {{}, 7, false, {}}));
        const QString stored = schedulerColumn(path);
        QVERIFY(!stored.isEmpty());
        const srs::SchedulerParams before = c.schedulerParams();
        OptimizerDialog d(c);
        runFit(d);
        QVERIFY(d.fit()->fitted());
        QVERIFY(d.fit()->weights != before.weights);
        QTest::mouseClick(d.rejectButton(), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY(c.schedulerParams().weights == before.weights);
        QCOMPARE(schedulerColumn(path), stored);
    }

    void cancelStopsTheFit()
    {
        const QString path = copyOf(m_large, QStringLiteral("cancel.sqlite"));
        cards::Collection c;
        QVERIFY(c.open(path, {{}, 7, false, {}}));
        const QString stored = schedulerColumn(path);
        OptimizerDialog d(c);
        d.show();
        QTest::mouseClick(d.optimizeButton(), Qt::LeftButton);
        QTest::mouseClick(d.cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isRunning(), kFitTimeoutMs);
        QCOMPARE(d.fit()->status, srs::OptimizerResult::Status::Cancelled);
        QVERIFY(d.message()->text().contains(QStringLiteral("Cancelled")));
        QVERIFY(!d.acceptButton()->isVisible());
        QVERIFY(d.optimizeButton()->isVisible());
        QCOMPARE(schedulerColumn(path), stored);
    }

    void smallCollectionSaysHowManyMore()
    {
        const QString path = copyOf(m_small, QStringLiteral("small-copy.sqlite"));
        cards::Collection c;
        QVERIFY(c.open(path, {{}, 7, false, {}}));
        const QString stored = schedulerColumn(path);
        OptimizerDialog d(c);
        runFit(d);
        const srs::OptimizerResult &r = *d.fit();
        QCOMPARE(r.status, srs::OptimizerResult::Status::NotEnoughData);
        QVERIFY(r.moreReviewsNeeded > 0);
        const QString text = d.message()->text();
        QVERIFY(text.contains(QStringLiteral("Not enough reviews")));
        QVERIFY(text.contains(QStringLiteral("About %1 more").arg(r.moreReviewsNeeded)));
        QVERIFY(text.contains(QString::number(r.trainingReviews)));
        QVERIFY(!d.acceptButton()->isVisible());
        QVERIFY(!d.weightsField()->isVisible());
        screenshot(&d, QStringLiteral("optimizer-dialog-too-few.png"));
        QCOMPARE(schedulerColumn(path), stored);
    }

    void retentionIsSavedAndBounded()
    {
        const QString path = copyOf(m_small, QStringLiteral("retention.sqlite"));
        cards::Collection c;
        QVERIFY(c.open(path, {{}, 7, false, {}}));
        OptimizerDialog d(c);
        QCOMPARE(d.retention()->value(), 0.9);
        d.retention()->setValue(0.86);
        QCOMPARE(c.desiredRetention(), 0.86);
        d.retention()->setValue(0.5); // below the range: held at 0.70
        QCOMPARE(d.retention()->value(), 0.70);
        QCOMPARE(c.desiredRetention(), 0.70);
        QVERIFY(schedulerColumn(path).endsWith(QStringLiteral("|0.7")));
    }
};

QTEST_MAIN(TestOptimizerDialog)
#include "tst_optimizerdialog.moc"
