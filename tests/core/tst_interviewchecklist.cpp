#include "core/study/interviewchecklist.h"
#include "core/study/progressstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sds::study;

// The interview approach's checklist: the four steps and their points, the
// state of one question kept in a real progress file, reset per question.
class TestInterviewChecklist : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file() const { return m_dir.filePath(QStringLiteral("progress.sqlite")); }

private slots:
    void theFourStepsEachHavePointsAndATime()
    {
        const QList<ChecklistStep> &steps = interviewSteps();
        QCOMPARE(steps.size(), 4);
        int minutes = 0;
        for (const ChecklistStep &s : steps) {
            QVERIFY(!s.title.isEmpty());
            QVERIFY(s.points.size() >= 3);
            QVERIFY(s.budgetMinutes > 0);
            minutes += s.budgetMinutes;
        }
        QCOMPARE(minutes, 45); // one interview
    }

    void ticksAndTimesSurviveAReopen()
    {
        {
            ProgressStore store;
            QVERIFY(store.open(file()));
            InterviewChecklist c = InterviewChecklist::load(store, QStringLiteral("q-google-docs"));
            QCOMPARE(c.tickedCount(0), 0);
            c.setTicked(0, 1, true);
            c.setTicked(0, 3, true);
            c.setTicked(2, 0, true);
            c.setTicked(9, 0, true);  // no such step: ignored
            c.setTicked(0, 99, true); // no such point: ignored
            c.addElapsed(1, 90'000);
            c.addElapsed(1, -5);
            QVERIFY(c.save(store));
        }
        ProgressStore store;
        QVERIFY(store.open(file()));
        const InterviewChecklist c = InterviewChecklist::load(store, QStringLiteral("q-google-docs"));
        QCOMPARE(c.tickedCount(0), 2);
        QVERIFY(c.isTicked(0, 1));
        QVERIFY(c.isTicked(0, 3));
        QVERIFY(!c.isTicked(0, 0));
        QCOMPARE(c.tickedCount(2), 1);
        QCOMPARE(c.elapsedMs(1), qint64(90'000));
        QCOMPARE(c.elapsedMs(0), qint64(0));
        QVERIFY(!c.isComplete());
        // Each question has a checklist of its own.
        const InterviewChecklist other = InterviewChecklist::load(store, QStringLiteral("mint"));
        QCOMPARE(other.tickedCount(0), 0);
        QCOMPARE(other.elapsedMs(1), qint64(0));
    }

    void resetStartsTheQuestionOver()
    {
        ProgressStore store;
        QVERIFY(store.open(file()));
        InterviewChecklist c = InterviewChecklist::load(store, QStringLiteral("pastebin"));
        for (int s = 0; s < interviewSteps().size(); ++s) {
            for (int p = 0; p < interviewSteps().at(s).points.size(); ++p)
                c.setTicked(s, p, true);
        }
        QVERIFY(c.isComplete());
        c.addElapsed(3, 1000);
        QVERIFY(c.save(store));
        c.reset();
        QVERIFY(c.save(store));
        const InterviewChecklist again =
            InterviewChecklist::load(store, QStringLiteral("pastebin"));
        for (int s = 0; s < 4; ++s) {
            QCOMPARE(again.tickedCount(s), 0);
            QCOMPARE(again.elapsedMs(s), qint64(0));
        }
    }

    void aDamagedValueLoadsAsUntouched()
    {
        ProgressStore store;
        QVERIFY(store.open(file()));
        QVERIFY(store.setValue(QStringLiteral("checklist/broken"),
                               QStringLiteral("{\"steps\": [{\"ticked\": [\"x\", -3, 400], "
                                              "\"elapsed_ms\": -9}, 7]")));
        const InterviewChecklist c = InterviewChecklist::load(store, QStringLiteral("broken"));
        QCOMPARE(c.tickedCount(0), 0);
        QCOMPARE(c.elapsedMs(0), qint64(0));
    }
};

QTEST_APPLESS_MAIN(TestInterviewChecklist)
#include "tst_interviewchecklist.moc"
