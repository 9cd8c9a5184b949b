// Exercise pages: a well-formed page splits into its statement and steps,
// each way of breaking the contract is reported by the content check with a
// message that says what to fix, the library reads the exercises folder
// beside the topics, the reader's page hides every solution that is not
// open, and the learner's attempt starts from the reference design's load.
#include "core/content/contentcheck.h"
#include "core/content/exercise.h"
#include "core/content/exerciserender.h"
#include "core/content/library.h"
#include "core/diagram/diagramformat.h"
#include "core/study/studyplan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::content;

namespace {

const QString kFixture = QStringLiteral(SDS_TEST_DATA_DIR "/exercise-content");

QString readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           f.write(text.toUtf8()) == text.toUtf8().size();
}

// A sound exercise body with five steps; the broken cases edit it.
QString soundBody()
{
    QString body = QStringLiteral("The problem in a sentence.\n\n");
    for (int i = 1; i <= 5; ++i) {
        body += QStringLiteral("## Step %1: Part %1\n\nWhat to decide in part %1.\n\n"
                               "### Solution\n\nThe answer to part %1.\n\n")
                    .arg(i);
    }
    return body;
}

QString page(const QString &id, const QString &kind, const QString &scenario, const QString &body)
{
    return QStringLiteral("---\nid: %1\ntitle: T %1\nsection: Design exercises\norder: %2\n"
                          "kind: %3\ncovers: []\nrelated: []\n%4sources: [https://example.org]\n"
                          "---\n%5")
        .arg(id)
        .arg(1)
        .arg(kind, scenario.isEmpty() ? QString() : QStringLiteral("scenario: %1\n").arg(scenario),
             body);
}

} // namespace

class TstExercise : public QObject
{
    Q_OBJECT

private slots:
    void parsesAWellFormedExercise()
    {
        const TopicParse parsed =
            parseTopic(readFile(kFixture + QStringLiteral("/exercises/photo-inbox.md")));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.topic.kind, QStringLiteral("exercise"));
        QCOMPARE(parsed.topic.scenario, QStringLiteral("exercise-photo-inbox"));
        QVERIFY(isStepped(parsed.topic));

        const Exercise ex = parseExercise(parsed.topic.body);
        QVERIFY2(ex.ok(), qPrintable(ex.problems.join(u'\n')));
        QVERIFY(ex.statement.startsWith(QStringLiteral("FIXTURE-STATEMENT")));
        QCOMPARE(ex.steps.size(), 5);
        QCOMPARE(ex.steps.at(1).title, QStringLiteral("Step 2: Back-of-the-envelope estimates"));
        for (qsizetype i = 0; i < ex.steps.size(); ++i) {
            const ExerciseStep &s = ex.steps.at(i);
            QVERIFY(s.prompt.startsWith(QStringLiteral("FIXTURE-PROMPT-%1").arg(i + 1)));
            QVERIFY(!s.prompt.contains(QStringLiteral("SOLUTION")));
            QVERIFY(s.solution.startsWith(QStringLiteral("FIXTURE-SOLUTION-%1").arg(i + 1)));
            QCOMPARE(s.solutionHeadings, 1);
        }
        // Subsections belong to the solution they follow; tables stay in it.
        QVERIFY(ex.steps.at(3).solution.contains(QStringLiteral("### The upload path")));
        QVERIFY(ex.steps.at(1).solution.contains(QStringLiteral("| reads per write | 4 |")));
    }

    void acceptsTheExerciseKinds()
    {
        for (const char *kind : {"exercise", "ood", "question"}) {
            const TopicParse r = parseTopic(
                QStringLiteral("---\nid: a\ntitle: A\nsection: S\norder: 1\nkind: %1\n---\nx\n")
                    .arg(QLatin1StringView(kind)));
            QVERIFY2(r.ok(), qPrintable(r.error));
        }
        const TopicParse bad = parseTopic(
            QStringLiteral("---\nid: a\ntitle: A\nsection: S\norder: 1\nkind: drill\n---\nx\n"));
        QVERIFY(bad.error.contains(QStringLiteral("exercise, ood or question, not \"drill\"")));
    }

    void headingsInCodeAreNotSteps()
    {
        const Exercise ex = parseExercise(QStringLiteral(
            "Intro.\n\n## Step 1\n\nPrompt.\n\n### Solution\n\n```sh\n## not a step\n"
            "### Solution\n```\n\nAfter the code.\n"));
        QVERIFY2(ex.ok(), qPrintable(ex.problems.join(u'\n')));
        QCOMPARE(ex.steps.size(), 1);
        QVERIFY(ex.steps.at(0).solution.contains(QStringLiteral("## not a step")));
        QVERIFY(ex.steps.at(0).solution.endsWith(QStringLiteral("After the code.")));
    }

    void theFixtureLibraryChecksClean()
    {
        const TopicLibrary lib = TopicLibrary::loadContent(kFixture);
        const QStringList problems =
            checkContent(lib, CheckInput{{QStringLiteral("message-queues")},
                                         {QStringLiteral("exercise-photo-inbox")},
                                         {}});
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void brokenFormsFailTheCheck_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("expected");
        const QString lab = QStringLiteral("exercise-x");
        const QString sound = soundBody();
        QString noSolution = sound;
        noSolution.replace(QStringLiteral("part 2.\n\n### Solution\n\n"),
                           QStringLiteral("part 2.\n\n"));
        QTest::newRow("no solution") << "exercise" << lab << noSolution
                                     << "step 2 (\"Step 2: Part 2\") has no \"### Solution\"";
        QString twoSolutions = sound;
        twoSolutions.replace(QStringLiteral("The answer to part 3."),
                             QStringLiteral("One answer.\n\n### Solution\n\nAnother."));
        QTest::newRow("two solutions")
            << "exercise" << lab << twoSolutions
            << "step 3 (\"Step 3: Part 3\") has 2 \"### Solution\" headings; it needs exactly one";
        QString noPrompt = sound;
        noPrompt.replace(QStringLiteral("What to decide in part 4."), QString());
        QTest::newRow("empty prompt")
            << "exercise" << lab << noPrompt
            << "step 4 (\"Step 4: Part 4\") has no prompt before its \"### Solution\"";
        QString noAnswer = sound;
        noAnswer.replace(QStringLiteral("The answer to part 5."), QStringLiteral("   "));
        QTest::newRow("empty solution")
            << "exercise" << lab << noAnswer << "step 5 (\"Step 5: Part 5\") has an empty solution";
        const QString four = sound.left(sound.indexOf(QStringLiteral("## Step 5")));
        QTest::newRow("four steps")
            << "exercise" << lab << four << "has 4 steps; exercise pages have 5";
        QTest::newRow("three-step ood is fine, five is not")
            << "ood" << QString() << sound << "has 5 steps; OOD pages have 3";
        QString noStatement = sound;
        noStatement.remove(QStringLiteral("The problem in a sentence.\n\n"));
        QTest::newRow("no statement")
            << "exercise" << lab << noStatement << "no problem statement before the first step";
        QTest::newRow("no steps") << "exercise" << lab << QStringLiteral("Only a statement.\n")
                                  << "has no steps: each step is a \"##\" heading";
        QTest::newRow("solution before the steps")
            << "exercise" << lab
            << QStringLiteral("Intro.\n\n### Solution\n\nToo early.\n\n") + sound
            << "a \"### Solution\" comes before the first step";
        QTest::newRow("no reference design")
            << "exercise" << QString() << sound << "names no scenario: a design exercise needs";
        QTest::newRow("missing reference design")
            << "exercise" << QStringLiteral("exercise-ghost") << sound
            << "scenario \"exercise-ghost\" does not exist";
        QTest::newRow("reference design not linked")
            << "exercise" << lab << sound
            << "names scenario \"exercise-x\" but has no call-out linking to it";
        QString badLink = sound;
        badLink.replace(QStringLiteral("The answer to part 1."),
                        QStringLiteral("See [the cache page](topic:ghost)."));
        QTest::newRow("link to a missing page")
            << "exercise" << lab << badLink << "link to missing page \"ghost\"";
    }

    void brokenFormsFailTheCheck()
    {
        QFETCH(QString, kind);
        QFETCH(QString, scenario);
        QFETCH(QString, body);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("broken.md")),
                          page(QStringLiteral("broken"), kind, scenario, body)));
        const TopicLibrary lib = TopicLibrary::load(dir.path());
        QVERIFY2(lib.errors().isEmpty(), qPrintable(lib.errors().join(u'\n')));
        const QStringList problems =
            checkContent(lib, CheckInput{{}, {QStringLiteral("exercise-x")}, {}});
        const QString all = problems.join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("broken.md: ") + expected),
                 qPrintable(QStringLiteral("expected: %1\ngot:\n%2").arg(expected, all)));
    }

    void aSoundPageHasNoneOfThoseProblems()
    {
        QTemporaryDir dir;
        QString body = soundBody();
        body.replace(QStringLiteral("The answer to part 3."),
                     QStringLiteral("> **Reference design:** [Open](scenario:exercise-x)"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("sound.md")),
                          page(QStringLiteral("sound"), QStringLiteral("exercise"),
                               QStringLiteral("exercise-x"), body)));
        const TopicLibrary lib = TopicLibrary::load(dir.path());
        const QStringList problems =
            checkContent(lib, CheckInput{{}, {QStringLiteral("exercise-x")}, {}});
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void libraryReadsTheExercisesFolder()
    {
        const TopicLibrary lib = TopicLibrary::loadContent(kFixture);
        QVERIFY2(lib.errors().isEmpty(), qPrintable(lib.errors().join(u'\n')));
        QCOMPARE(lib.topics().size(), 2); // README.md is not a page
        QCOMPARE(lib.sections().size(), 2);
        QCOMPARE(lib.sections().at(1).title, QStringLiteral("Design exercises"));
        QCOMPARE(lib.sections().at(1).topicIds, QStringList{QStringLiteral("photo-inbox")});
        QCOMPARE(lib.find(QStringLiteral("photo-inbox"))->kind, QStringLiteral("exercise"));
        QCOMPARE(lib.next(QStringLiteral("queue-basics"))->id, QStringLiteral("photo-inbox"));

        // A root without an exercises folder is fine; a clash of ids is not.
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("topics")));
        QVERIFY(writeFile(
            root.filePath(QStringLiteral("topics/twin.md")),
            page(QStringLiteral("twin"), QStringLiteral("guide"), {}, QStringLiteral("x\n"))));
        QCOMPARE(TopicLibrary::loadContent(root.path()).topics().size(), 1);
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("exercises")));
        QVERIFY(writeFile(root.filePath(QStringLiteral("exercises/twin.md")),
                          page(QStringLiteral("twin"), QStringLiteral("ood"), {}, soundBody())));
        QVERIFY(writeFile(root.filePath(QStringLiteral("exercises/bad.md")),
                          QStringLiteral("no front matter\n")));
        const TopicLibrary clash = TopicLibrary::loadContent(root.path());
        QCOMPARE(clash.topics().size(), 1);
        const QString errors = clash.errors().join(u'\n');
        QVERIFY2(
            errors.contains(QStringLiteral("exercises/twin.md: id \"twin\" is already used by")),
            qPrintable(errors));
        QVERIFY2(errors.contains(QStringLiteral("exercises/bad.md: line 1:")), qPrintable(errors));
    }

    void rendersOnlyOpenSolutions()
    {
        const TopicLibrary lib = TopicLibrary::loadContent(kFixture);
        const Topic &t = *lib.find(QStringLiteral("photo-inbox"));
        const Exercise ex = parseExercise(t.body);
        QList<StepView> steps(5);
        const QString closed = renderExercisePage(t, ex, steps, PageStyle{});
        QVERIFY(closed.contains(QStringLiteral("FIXTURE-STATEMENT")));
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(closed.contains(QStringLiteral("FIXTURE-PROMPT-%1").arg(i)));
            QVERIFY(!closed.contains(QStringLiteral("FIXTURE-SOLUTION-%1").arg(i)));
            QVERIFY(closed.contains(QStringLiteral("href=\"sds-reveal:%1\"").arg(i)));
            QVERIFY(closed.contains(QStringLiteral("href=\"sds-attempt:%1\"").arg(i)));
        }
        QVERIFY(closed.contains(QStringLiteral("0 of 5 steps worked")));
        QVERIFY(closed.contains(QStringLiteral("href=\"sds-reveal:all\"")));
        QVERIFY(!closed.contains(
            QStringLiteral("scenario:exercise-photo-inbox"))); // in step 3's solution

        steps[1] = StepView{true, false, true};
        steps[3] = StepView{false, true, false};
        const QString one = renderExercisePage(t, ex, steps, PageStyle{});
        QVERIFY(one.contains(QStringLiteral("FIXTURE-SOLUTION-2")));
        QVERIFY(one.contains(QStringLiteral("<td class=\"solution\">")));
        QVERIFY(!one.contains(QStringLiteral("SDSSOLUTION"))); // markers replaced
        QVERIFY(one.contains(QStringLiteral("href=\"sds-hide:2\"")));
        QVERIFY(!one.contains(QStringLiteral("href=\"sds-reveal:2\"")));
        QVERIFY(!one.contains(QStringLiteral("FIXTURE-SOLUTION-4")));
        QVERIFY(one.contains(QStringLiteral("href=\"sds-unattempt:4\"")));
        QVERIFY(one.contains(QStringLiteral("2 of 5 steps worked")));

        for (StepView &v : steps)
            v.open = true;
        const QString all = renderExercisePage(t, ex, steps, PageStyle{});
        for (int i = 1; i <= 5; ++i)
            QVERIFY(all.contains(QStringLiteral("FIXTURE-SOLUTION-%1").arg(i)));
        QVERIFY(all.contains(QStringLiteral("href=\"sds-hide:all\"")));
        QVERIFY(all.contains(QStringLiteral("href=\"scenario:exercise-photo-inbox\"")));

        const QList<Heading> outline = exerciseOutline(t, ex);
        QCOMPARE(outline.size(), 6);
        QCOMPARE(outline.at(0).anchor,
                 QStringLiteral("step-1-use-cases-constraints-and-assumptions"));
        QCOMPARE(outline.last().text, QStringLiteral("Sources"));
    }

    void readsTheReaderLinks_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("step");
        using A = ExerciseLink::Action;
        QTest::newRow("reveal") << "sds-reveal:3" << int(A::Reveal) << 3;
        QTest::newRow("hide all") << "sds-hide:all" << int(A::Hide) << 0;
        QTest::newRow("attempt") << "sds-attempt:12" << int(A::Attempt) << 12;
        QTest::newRow("unattempt") << "sds-unattempt:1" << int(A::Unattempt) << 1;
        QTest::newRow("step zero") << "sds-reveal:0" << int(A::None) << 0;
        QTest::newRow("not a number") << "sds-reveal:x" << int(A::None) << 0;
        QTest::newRow("other scheme") << "topic:cache" << int(A::None) << 0;
        QTest::newRow("unknown verb") << "sds-delete:1" << int(A::None) << 0;
    }

    void readsTheReaderLinks()
    {
        QFETCH(QString, url);
        QFETCH(int, action);
        QFETCH(int, step);
        const ExerciseLink link = parseExerciseLink(url);
        QCOMPARE(int(link.action), action);
        QCOMPARE(link.step, step);
    }

    // The status bar reads these for a hovered control: words, never the address.
    void describesTheReaderLinksInWords_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("words");
        QTest::newRow("reveal") << "sds-reveal:2"
                                << "Show the solution of step 2";
        QTest::newRow("reveal all") << "sds-reveal:all"
                                    << "Show the solutions of all steps";
        QTest::newRow("hide") << "sds-hide:3"
                              << "Hide the solution of step 3";
        QTest::newRow("hide all") << "sds-hide:all"
                                  << "Hide the solutions of all steps";
        QTest::newRow("attempt") << "sds-attempt:1"
                                 << "Mark step 1 as tried";
        QTest::newRow("unattempt") << "sds-unattempt:4"
                                   << "Mark step 4 as not tried yet";
        QTest::newRow("step zero") << "sds-reveal:0"
                                   << "";
        QTest::newRow("unknown verb") << "sds-delete:1"
                                      << "";
        QTest::newRow("other scheme") << "topic:cache"
                                      << "";
    }

    void describesTheReaderLinksInWords()
    {
        QFETCH(QString, url);
        QFETCH(QString, words);
        QCOMPARE(describeExerciseLink(url), words);
    }

    void theAttemptStartsFromTheReferenceLoad()
    {
        const auto loaded = sds::diagram::loadDiagramFile(
            kFixture + QStringLiteral("/scenarios/exercise-photo-inbox.json"));
        QVERIFY(loaded.ok());
        const sds::diagram::DiagramData &ref = loaded.diagram;
        const sds::diagram::DiagramData mine = attemptCanvas(ref);
        QCOMPARE(mine.nodes.size(), 1);
        QCOMPARE(mine.nodes.at(0).kind, sds::diagram::NodeKind::Client);
        QCOMPARE(mine.nodes.at(0).real(u"rate_rps"), 120.0);
        QCOMPARE(mine.nodes.at(0).real(u"read_fraction"), 0.8);
        QVERIFY(mine.edges.isEmpty());
        QVERIFY(mine.faults.isEmpty());
        QCOMPARE(mine.workload.keys, ref.workload.keys);
        QCOMPARE(mine.run.seed, ref.run.seed);
        QCOMPARE(mine.run.durationS, ref.run.durationS);
        QVERIFY(mine.name.contains(ref.name));
        QVERIFY(mine.name != ref.name);
    }

    void studyPlanListsExercisesByKind()
    {
        const TopicLibrary lib = TopicLibrary::loadContent(kFixture);
        const QString plan = kFixture + QStringLiteral("/study-plan.json");
        using sds::study::loadStudyPlan;
        const auto fresh = loadStudyPlan(plan, lib, {}, {}, {});
        QVERIFY2(fresh.ok(), qPrintable(fresh.error));
        const auto &steps = fresh.timelines.at(0).steps;
        QCOMPARE(steps.at(1).items.size(), 1);
        QCOMPARE(steps.at(1).items.at(0).id, QStringLiteral("photo-inbox"));
        QVERIFY(!steps.at(1).items.at(0).done);
        const auto later = loadStudyPlan(plan, lib, {}, {QStringLiteral("photo-inbox")}, {});
        QVERIFY(later.timelines.at(0).steps.at(1).items.at(0).done);
        QCOMPARE(later.timelines.at(0).nextItem()->id, QStringLiteral("queue-basics"));

        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("plan.json"));
        QVERIFY(writeFile(bad, QStringLiteral(R"({"format":"sdstudio-study-plan","timelines":)"
                                              R"([{"id":"x","steps":[{"topics":["*essay"]}]}]})")));
        const auto refused = loadStudyPlan(bad, lib, {}, {}, {});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(QStringLiteral("\"*essay\" names no kind of page")),
                 qPrintable(refused.error));
    }
};

QTEST_APPLESS_MAIN(TstExercise)
#include "tst_exercise.moc"
