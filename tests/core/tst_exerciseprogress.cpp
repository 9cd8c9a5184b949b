// The exercise rules on a real progress.sqlite in a temporary folder: each
// kind of link writes what it says to one step or to all, links the page
// cannot mean change nothing, and the exercise is marked done exactly when
// the last unworked step is worked.
#include "core/content/exerciserender.h"
#include "core/study/exerciseprogress.h"
#include "core/study/progressstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sds::study;
using sds::content::parseExerciseLink;

namespace {

const QString kId = QStringLiteral("photo-inbox");
constexpr int kSteps = 3;

} // namespace

class TstExerciseProgress : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<ProgressStore>();
        QVERIFY2(m_store->open(m_dir.filePath(QStringLiteral("progress-%1.sqlite").arg(m_next++))),
                 qPrintable(m_store->error()));
    }

    void cleanup() { m_store.reset(); }

    void revealOpensOneStepAndRecordsIt()
    {
        ExerciseProgress exercise(*m_store, kId, kSteps);
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-reveal:2"))),
                 ExerciseProgress::Change::Saved);
        const auto saved = m_store->exerciseSteps(kId);
        QVERIFY(saved[2].open && saved[2].revealed);
        QVERIFY(!saved.contains(1) && !saved.contains(3));
        const auto steps = exercise.steps();
        QCOMPARE(steps.size(), kSteps);
        QVERIFY(!steps[0].open && !steps[0].revealed);
        QVERIFY(steps[1].open && steps[1].revealed && !steps[1].attempted);
    }

    void hideClosesButKeepsTheRecord()
    {
        ExerciseProgress exercise(*m_store, kId, kSteps);
        exercise.apply(parseExerciseLink(QStringLiteral("sds-reveal:1")));
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-hide:1"))),
                 ExerciseProgress::Change::Saved);
        const auto step = exercise.steps().at(0);
        QVERIFY(!step.open);
        QVERIFY(step.revealed);
        QVERIFY(step.worked());
    }

    void attemptAndUnattempt()
    {
        ExerciseProgress exercise(*m_store, kId, kSteps);
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-attempt:3"))),
                 ExerciseProgress::Change::Saved);
        QVERIFY(m_store->exerciseSteps(kId)[3].attempted);
        QVERIFY(!exercise.steps().at(2).open); // trying a step does not show its solution
        exercise.apply(parseExerciseLink(QStringLiteral("sds-unattempt:3")));
        QVERIFY(!m_store->exerciseSteps(kId).value(3).attempted);
    }

    void allActsOnEveryStep()
    {
        ExerciseProgress exercise(*m_store, kId, kSteps);
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-reveal:all"))),
                 ExerciseProgress::Change::Saved);
        for (const auto &s : exercise.steps())
            QVERIFY(s.open && s.revealed);
        exercise.apply(parseExerciseLink(QStringLiteral("sds-hide:all")));
        for (const auto &s : exercise.steps())
            QVERIFY(!s.open && s.revealed);
    }

    void linksThePageCannotMeanChangeNothing_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("past the last step") << QStringLiteral("sds-reveal:4");
        QTest::newRow("not a step link") << QStringLiteral("topic:dns");
        QTest::newRow("unknown action") << QStringLiteral("sds-explode:1");
    }

    void linksThePageCannotMeanChangeNothing()
    {
        QFETCH(QString, url);
        ExerciseProgress exercise(*m_store, kId, kSteps);
        QCOMPARE(exercise.apply(parseExerciseLink(url)), ExerciseProgress::Change::Ignored);
        QVERIFY(m_store->exerciseSteps(kId).isEmpty());
    }

    void theLastWorkedStepMarksItDoneOnce()
    {
        ExerciseProgress exercise(*m_store, kId, kSteps);
        QVERIFY(!exercise.allStepsWorked());
        QVERIFY(!exercise.markDoneIfWorked());
        exercise.apply(parseExerciseLink(QStringLiteral("sds-attempt:1")));
        exercise.apply(parseExerciseLink(QStringLiteral("sds-reveal:2")));
        QVERIFY(!exercise.allStepsWorked());
        QVERIFY(!exercise.markDoneIfWorked());
        QVERIFY(!m_store->isTopicDone(kId));

        exercise.apply(parseExerciseLink(QStringLiteral("sds-attempt:3")));
        QVERIFY(exercise.allStepsWorked());
        QVERIFY(exercise.markDoneIfWorked());
        QVERIFY(m_store->isTopicDone(kId));
        QVERIFY(!exercise.markDoneIfWorked()); // already done: nothing new to say

        // The learner may take the mark back; it stays back until asked again.
        QVERIFY(m_store->setTopicDone(kId, false));
        QVERIFY(exercise.allStepsWorked());
        QVERIFY(exercise.markDoneIfWorked());
    }

    void anExerciseWithoutStepsIsNeverComplete()
    {
        ExerciseProgress exercise(*m_store, kId, 0);
        QVERIFY(!exercise.allStepsWorked());
        QVERIFY(!exercise.markDoneIfWorked());
        QVERIFY(!m_store->isTopicDone(kId));
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-reveal:1"))),
                 ExerciseProgress::Change::Ignored);
    }

    void aStoreThatCannotSaveReportsFailure()
    {
        ProgressStore closed; // never opened: every write fails
        ExerciseProgress exercise(closed, kId, kSteps);
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-reveal:1"))),
                 ExerciseProgress::Change::Failed);
        QCOMPARE(exercise.apply(parseExerciseLink(QStringLiteral("sds-attempt:all"))),
                 ExerciseProgress::Change::Failed);
        QVERIFY(!exercise.markDoneIfWorked());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProgressStore> m_store;
    int m_next = 0;
};

QTEST_APPLESS_MAIN(TstExerciseProgress)
#include "tst_exerciseprogress.moc"
