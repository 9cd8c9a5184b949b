// The learner's progress in SQLite and the study plan built on it: marks
// survive reopening the file, a file that is not ours is refused and left
// byte for byte as it was, and the plan ticks done items and names the next.
#include "../filedigest.h"
#include "core/content/library.h"
#include "core/study/progressstore.h"
#include "core/study/studyplan.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::study;

class TstProgress : public QObject
{
    Q_OBJECT

private slots:
    void marksSurviveReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
        {
            ProgressStore s;
            QVERIFY2(s.open(path), qPrintable(s.error()));
            QVERIFY(s.setTopicDone(QStringLiteral("cap-theorem"), true));
            QVERIFY(s.setTopicDone(QStringLiteral("dns"), true));
            QVERIFY(s.setTopicDone(QStringLiteral("dns"), false));
            QVERIFY(s.markScenarioTried(QStringLiteral("cache-aside")));
            QVERIFY(s.setValue(QStringLiteral("last_topic"), QStringLiteral("cap-theorem")));
        }
        ProgressStore s;
        QVERIFY(s.open(path));
        QCOMPARE(s.doneTopics(), (QSet<QString>{QStringLiteral("cap-theorem")}));
        QVERIFY(s.isTopicDone(QStringLiteral("cap-theorem")));
        QVERIFY(!s.isTopicDone(QStringLiteral("dns")));
        QCOMPARE(s.triedScenarios(), (QSet<QString>{QStringLiteral("cache-aside")}));
        QCOMPARE(s.value(QStringLiteral("last_topic")), QStringLiteral("cap-theorem"));
        QCOMPARE(s.value(QStringLiteral("missing"), QStringLiteral("x")), QStringLiteral("x"));
    }

    void exerciseStepsSurviveReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
        const QString ex = QStringLiteral("pastebin");
        {
            ProgressStore s;
            QVERIFY2(s.open(path), qPrintable(s.error()));
            QVERIFY(s.exerciseSteps(ex).isEmpty());
            QVERIFY(s.setStepAttempted(ex, 1, true));
            QVERIFY(s.setSolutionsOpen(ex, {2, 3}, true));
            QVERIFY(s.setSolutionsOpen(ex, {3}, false));
            QVERIFY(s.setStepAttempted(QStringLiteral("other"), 1, true));
            // Step numbers start at 1; a bad one changes nothing.
            QVERIFY(!s.setSolutionsOpen(ex, {4, 0}, true));
            QVERIFY(!s.setStepAttempted(ex, -1, true));
        }
        ProgressStore s;
        QVERIFY(s.open(path));
        const QMap<int, StepState> steps = s.exerciseSteps(ex);
        QCOMPARE(steps.keys(), (QList<int>{1, 2, 3}));
        QVERIFY(steps[1].attempted && !steps[1].revealed && !steps[1].open);
        QVERIFY(!steps[2].attempted && steps[2].revealed && steps[2].open);
        QVERIFY(steps[3].revealed && !steps[3].open); // hidden again, but it was seen
        QVERIFY(steps[1].worked() && steps[3].worked());
        QVERIFY(!steps.value(4).worked());
        QVERIFY(s.setStepAttempted(ex, 1, false));
        QVERIFY(!s.exerciseSteps(ex)[1].attempted);
        QCOMPARE(s.exerciseSteps(QStringLiteral("other")).size(), 1);
    }

    void upgradesAVersion1File()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE topic_done (topic_id TEXT PRIMARY KEY, "
                                          "done_at TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE scenario_tried (scenario_id TEXT "
                                          "PRIMARY KEY, tried_at TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE reader_state (key TEXT PRIMARY KEY, "
                                          "value TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO topic_done VALUES ('dns', 'then')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        ProgressStore s;
        QVERIFY2(s.open(path), qPrintable(s.error()));
        QVERIFY(s.isTopicDone(QStringLiteral("dns")));
        QVERIFY(s.setSolutionsOpen(QStringLiteral("pastebin"), {1}, true));
        QVERIFY(s.exerciseSteps(QStringLiteral("pastebin"))[1].open);
        // A file from before challenges gets their table and keeps what it had.
        QVERIFY(s.setChallengeSolved(QStringLiteral("one-box-overload"), true));
        QVERIFY(s.isChallengeSolved(QStringLiteral("one-box-overload")));
    }

    void solvedChallengesSurviveReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
        const QString a = QStringLiteral("one-box-overload");
        const QString b = QStringLiteral("cache-read-heavy");
        QString firstSolve;
        {
            ProgressStore s;
            QVERIFY2(s.open(path), qPrintable(s.error()));
            QVERIFY(s.solvedChallenges().isEmpty());
            QVERIFY(!s.isChallengeSolved(a));
            QVERIFY(s.setChallengeSolved(a, true));
            QVERIFY(s.setChallengeSolved(b, true));
            QVERIFY(s.setChallengeSolved(b, false));
            QVERIFY(s.setChallengeSolved(b, false)); // clearing what is not there is fine
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT solved_at FROM challenge_solved")));
            QVERIFY(q.next());
            firstSolve = q.value(0).toString();
            QVERIFY(!firstSolve.isEmpty());
            QVERIFY(!q.next());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        ProgressStore s;
        QVERIFY(s.open(path));
        QCOMPARE(s.solvedChallenges(), (QSet<QString>{a}));
        QVERIFY(s.isChallengeSolved(a));
        QVERIFY(!s.isChallengeSolved(b));
        // Solving again keeps the first time (INSERT OR IGNORE, not REPLACE).
        QTest::qSleep(1100);
        QVERIFY(s.setChallengeSolved(a, true));
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("p2"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT solved_at FROM challenge_solved")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), firstSolve);
        }
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("p2"));
        // A store that is not open answers "not solved" and refuses to write.
        ProgressStore closed;
        QVERIFY(!closed.isChallengeSolved(a));
        QVERIFY(!closed.setChallengeSolved(a, true));
    }

    void refusesForeignFilesUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("this is not a database, just some words in a file\n")
                              << QStringLiteral("not a progress database");
        QTest::newRow("garbage") << QByteArray(8192, '\xa5')
                                 << QStringLiteral("not a progress database");
    }

    void refusesForeignFilesUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QByteArray before = fileDigest(path);
        ProgressStore s;
        QVERIFY(!s.open(path));
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
        QVERIFY(!s.setTopicDone(QStringLiteral("dns"), true));
        QCOMPARE(fileDigest(path), before);
    }

    void refusesOtherSchemas()
    {
        QTemporaryDir dir;
        const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
            db.setDatabaseName(newer);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x)"));
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
            db.setDatabaseName(other);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE notes (x)"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("setup"));
        ProgressStore a;
        QVERIFY(!a.open(newer));
        QVERIFY2(a.error().contains(QStringLiteral("newer version")), qPrintable(a.error()));
        ProgressStore b;
        QVERIFY(!b.open(other));
        QVERIFY2(b.error().contains(QStringLiteral("another kind")), qPrintable(b.error()));
    }

    void studyPlanTicksAndSuggests()
    {
        const QString content = QStringLiteral(SDS_TEST_DATA_DIR "/../../content");
        // Topics and exercises, as the app reads them: the plan opens worked exercises too.
        const auto lib = sds::content::TopicLibrary::loadContent(content);
        const QList<ScenarioName> scenarios = {
            {QStringLiteral("single-server"), QStringLiteral("Single server")},
            {QStringLiteral("cache-aside"), QStringLiteral("Cache-aside")},
            {QStringLiteral("load-balanced-web-tier"), QStringLiteral("LB")},
            {QStringLiteral("read-replicas-failover"), QStringLiteral("RR")},
            {QStringLiteral("queue-worker-back-pressure"), QStringLiteral("Q")},
            {QStringLiteral("sharded-database"), QStringLiteral("S")}};
        const QString planPath = content + QStringLiteral("/study-plan.json");
        StudyPlanData fresh = loadStudyPlan(planPath, lib, scenarios, {}, {});
        QVERIFY2(fresh.ok(), qPrintable(fresh.error));
        QCOMPARE(fresh.timelines.size(), 3);
        const Timeline &shortPlan = fresh.timelines.at(0);
        QCOMPARE(shortPlan.id, QStringLiteral("short"));
        QCOMPARE(shortPlan.doneCount(), 0);
        QCOMPARE(shortPlan.nextItem()->id, QStringLiteral("interview-approach"));
        int concepts = 0;
        for (const auto &t : lib.topics())
            concepts += t.kind == u"topic" ? 1 : 0;
        QCOMPARE(int(shortPlan.steps.at(1).items.size()), concepts);
        QVERIFY(fresh.timelines.at(2).totalCount() > shortPlan.totalCount());

        const QSet<QString> done = {QStringLiteral("interview-approach"),
                                    QStringLiteral("powers-of-two"),
                                    QStringLiteral("latency-numbers")};
        StudyPlanData later =
            loadStudyPlan(planPath, lib, scenarios, done, {QStringLiteral("single-server")});
        QCOMPARE(later.timelines.at(0).doneCount(), 3);
        QCOMPARE(later.timelines.at(0).nextItem()->id,
                 lib.topics().at(lib.indexOf(QStringLiteral("performance-vs-scalability"))).id);
        QCOMPARE(later.timelines.at(1).doneCount(), 4);
    }

    void studyPlanRejectsUnknownIds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"format":"sdstudio-study-plan","timelines":[{"id":"x","steps":[{"topics":["ghost"]}]}]})");
        f.close();
        const auto lib = sds::content::TopicLibrary::load(
            QStringLiteral(SDS_TEST_DATA_DIR "/../../content/topics"));
        const StudyPlanData d = loadStudyPlan(path, lib, {}, {}, {});
        QVERIFY(!d.ok());
        QVERIFY2(d.error.contains(QStringLiteral("\"ghost\"")), qPrintable(d.error));
    }
};

QTEST_APPLESS_MAIN(TstProgress)
#include "tst_progress.moc"
