// An exercise page driven as a learner drives it: real widgets, offscreen,
// the fixture exercise in tests/data/exercise-content and a real
// progress.sqlite in a temporary data folder. Solutions start hidden and
// open one at a time by their links, what was opened survives a restart,
// every step worked marks the exercise done, and the two lab buttons give
// the reference design and an empty canvas with the reference run pinned.
#include "app/studio/lab/chartspanel.h"
#include "app/studio/lab/comparepanel.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/lab/simrunner.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/learn/topictree.h"
#include "app/studio/mainwindow.h"
#include "app/studio/workspace.h"
#include "core/diagram/diagramformat.h"
#include "findchild.h"
#include "labparts.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

using namespace sds::gui;
using namespace sds::gui::test;
using sds::content::ContentPaths;

namespace {

const QString kContent = QStringLiteral(SDS_TEST_DATA_DIR "/exercise-content");
const QString kId = QStringLiteral("photo-inbox");

// The on-screen centre of the link to exactly @p href, scrolled into view.
QPoint linkPosition(QTextBrowser *view, const QString &href)
{
    QTextDocument *doc = view->document();
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.charFormat().isAnchor() || f.charFormat().anchorHref() != href)
                continue;
            QTextCursor c(doc);
            c.setPosition(f.position() + f.length() / 2);
            view->setTextCursor(c);
            view->ensureCursorVisible();
            return view->cursorRect(c).center();
        }
    }
    return {-1, -1};
}

bool clickLink(QTextBrowser *view, const QString &href)
{
    const QPoint at = linkPosition(view, href);
    if (at.x() < 0)
        return false;
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    return true;
}

bool shows(const LearnPage &page, int solution)
{
    return child<QTextBrowser>(page, "pageView")
        ->toPlainText()
        .contains(QStringLiteral("FIXTURE-SOLUTION-%1").arg(solution));
}

} // namespace

class TestExercises : public QObject
{
    Q_OBJECT

private slots:
    void solutionsOpenOneStepAtATime()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kContent));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.openTopic(kId));
        auto *view = child<QTextBrowser>(page, "pageView");
        auto *outline = child<QListWidget>(page, "pageOutline");
        const QString text = view->toPlainText();
        QVERIFY(text.contains(QStringLiteral("FIXTURE-STATEMENT")));
        for (int i = 1; i <= 5; ++i) {
            QVERIFY(text.contains(QStringLiteral("FIXTURE-PROMPT-%1").arg(i)));
            QVERIFY2(!shows(page, i), qPrintable(QString::number(i)));
        }
        QCOMPARE(outline->count(), 6); // five steps and the sources
        QVERIFY(outline->item(2)->text().startsWith(QStringLiteral("Step 3")));

        QVERIFY(clickLink(view, QStringLiteral("sds-reveal:1")));
        QVERIFY(shows(page, 1));
        QVERIFY(!shows(page, 2));
        auto steps = pageWorkspace.progress().exerciseSteps(kId);
        QVERIFY(steps[1].open && steps[1].revealed);
        QVERIFY(!steps.contains(2));

        QVERIFY(clickLink(view, QStringLiteral("sds-reveal:2")));
        QVERIFY(shows(page, 1) && shows(page, 2));
        QVERIFY(!shows(page, 3));

        // Hiding closes the box but keeps the record that it was seen.
        QVERIFY(clickLink(view, QStringLiteral("sds-hide:1")));
        QVERIFY(!shows(page, 1));
        QVERIFY(shows(page, 2));
        steps = pageWorkspace.progress().exerciseSteps(kId);
        QVERIFY(!steps[1].open && steps[1].revealed);
        QVERIFY(!pageWorkspace.progress().isTopicDone(kId));
    }

    void revealStateSurvivesReopening()
    {
        QTemporaryDir data;
        {
            Workspace pageWorkspace(data.path(), ContentPaths(kContent));
            LearnPage page(pageWorkspace);
            page.resize(1200, 800);
            page.show();
            QVERIFY(page.openTopic(kId));
            auto *view = child<QTextBrowser>(page, "pageView");
            QVERIFY(clickLink(view, QStringLiteral("sds-reveal:2")));
            QVERIFY(clickLink(view, QStringLiteral("sds-attempt:4")));
            QVERIFY(view->toPlainText().contains(QStringLiteral("✓ Tried")));
        }
        Workspace againWorkspace(data.path(), ContentPaths(kContent));
        LearnPage again(againWorkspace);
        again.resize(1200, 800);
        again.show();
        QCOMPARE(again.currentTopicId(), kId); // the last page comes back
        QVERIFY(shows(again, 2));
        QVERIFY(!shows(again, 1));
        QVERIFY(!shows(again, 4));
        QVERIFY(againWorkspace.progress().exerciseSteps(kId)[4].attempted);
        QVERIFY(child<QTextBrowser>(again, "pageView")
                    ->toPlainText()
                    .contains(QStringLiteral("2 of 5 steps worked")));
        // Leaving and coming back keeps it too.
        QVERIFY(again.openTopic(QStringLiteral("queue-basics")));
        QVERIFY(again.openTopic(kId));
        QVERIFY(shows(again, 2));
    }

    void workingEveryStepMarksTheExerciseDone()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kContent));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(page.openTopic(kId));
        auto *view = child<QTextBrowser>(page, "pageView");
        QTreeWidgetItem *item = child<TopicTree>(page, "topicTree")->itemFor(kId);
        QVERIFY(item);
        QCOMPARE(item->parent()->data(0, TopicTree::kProgressRole).toPoint(), QPoint(0, 1));
        for (const char *href : {"sds-attempt:1", "sds-attempt:2", "sds-reveal:3", "sds-attempt:4"})
            QVERIFY(clickLink(view, QLatin1String(href)));
        QVERIFY(!pageWorkspace.progress().isTopicDone(kId)); // step 5 is untouched
        QVERIFY(!page.findChild<QToolButton *>(QStringLiteral("doneButton"))->isChecked());

        QVERIFY(clickLink(view, QStringLiteral("sds-reveal:all")));
        for (int i = 1; i <= 5; ++i)
            QVERIFY(shows(page, i));
        QVERIFY(pageWorkspace.progress().isTopicDone(kId));
        QVERIFY(item->data(0, TopicTree::kDoneRole).toBool());
        QCOMPARE(item->parent()->data(0, TopicTree::kProgressRole).toPoint(), QPoint(1, 1));
        auto *done = page.findChild<QToolButton *>(QStringLiteral("doneButton"));
        QVERIFY(done->isChecked());

        QVERIFY(clickLink(view, QStringLiteral("sds-hide:all")));
        for (int i = 1; i <= 5; ++i)
            QVERIFY(!shows(page, i));
        // The done mark works as on any page: the learner may take it back.
        done->click();
        QVERIFY(!pageWorkspace.progress().isTopicDone(kId));
    }

    void openInLabShowsTheReferenceDesign()
    {
        QTemporaryDir data;
        QSettings settings(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Workspace workspace(data.path(), ContentPaths(kContent));
        MainWindow window(settings, workspace);
        window.setCurrentMode(Mode::Learn);
        QVERIFY(window.learn()->openTopic(kId));
        auto *labButton = child<QPushButton>(*window.learn(), "openInLabButton");
        auto *tryButton = child<QPushButton>(*window.learn(), "tryOwnButton");
        QVERIFY(!labButton->isHidden());
        QVERIFY(!tryButton->isHidden());
        labButton->click();
        QCOMPARE(window.currentMode(), Mode::Lab);
        const auto &d = window.lab()->document().data();
        QCOMPARE(d.name, QStringLiteral("Exercise: Photo inbox"));
        QCOMPARE(d.nodes.size(), 3);
        QCOMPARE(d.edges.size(), 2);
        QVERIFY(
            workspace.progress().triedScenarios().contains(QStringLiteral("exercise-photo-inbox")));
        // A topic page has no "Try your own".
        QVERIFY(window.learn()->openTopic(QStringLiteral("queue-basics")));
        QVERIFY(tryButton->isHidden());
    }

    void tryYourOwnGivesAnEmptyCanvasAgainstThePinnedReference()
    {
        QTemporaryDir data;
        QSettings settings(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Workspace workspace(data.path(), ContentPaths(kContent));
        MainWindow window(settings, workspace);
        window.setCurrentMode(Mode::Learn);
        QVERIFY(window.learn()->openTopic(kId));
        LabPage *lab = window.lab();
        QVERIFY(!chartsOf(*lab)->hasPin());
        child<QPushButton>(*window.learn(), "tryOwnButton")->click();
        QCOMPARE(window.currentMode(), Mode::Lab);
        const auto &d = lab->document().data();
        QCOMPARE(d.nodes.size(), 1);
        QCOMPARE(d.nodes.at(0).kind, sds::diagram::NodeKind::Client);
        QCOMPARE(d.nodes.at(0).real(u"rate_rps"), 120.0);
        QVERIFY(d.edges.isEmpty());
        QVERIFY(d.name.contains(QStringLiteral("Photo inbox")));
        // The reference runs in the background, then is pinned under the
        // (still empty) current lines.
        QTRY_VERIFY_WITH_TIMEOUT(chartsOf(*lab)->hasPin(), 60000);
        QCOMPARE(runOf(*lab)->isReferenceRunning(), false);
        QCOMPARE(chartsOf(*lab)->pointCount(0), 0);
        auto *pin = lab->findChild<QAction *>(QStringLiteral("pinAction"));
        QVERIFY(pin && pin->isChecked());
        QVERIFY(!lab->undoStack()->canUndo()); // a fresh document, not an edit

        // What is pinned is the reference's own run: its throughput line is
        // the series a direct run of the reference design gives, point for point.
        const auto *reference = workspace.scenarios().find(QStringLiteral("exercise-photo-inbox"));
        QVERIFY(reference);
        sds::sim::CompileResult compiled = sds::sim::compileNetwork(reference->diagram);
        QVERIFY(compiled.ok());
        sds::sim::Simulation direct(std::move(compiled.network));
        direct.run();
        const auto &samples = direct.samples();
        QVERIFY(samples.size() > 10);
        QLineSeries *pinned = nullptr;
        for (QAbstractSeries *series : child<QChartView>(*lab, "chart0")->chart()->series())
            if (series->objectName().startsWith(u"pinned/"))
                pinned = static_cast<QLineSeries *>(series);
        QVERIFY(pinned);
        const QList<QPointF> points = pinned->points();
        QVERIFY(points.size() > 10);
        QCOMPARE(points.last().x(), samples.back().time);
        const std::size_t offset = samples.size() - std::size_t(points.size());
        for (qsizetype i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].x(), samples[offset + std::size_t(i)].time);
            QCOMPARE(points[i].y(), samples[offset + std::size_t(i)].throughput);
        }
        // ... and it is the A of a comparison with the learner's design.
        QVERIFY(child<ComparePanel>(*lab, "comparePanel")->hasPinned());
    }

    // Run the reference, then try your own: the learner's own run of the
    // reference is what gets pinned, at once, with nothing run again.
    void theLearnersReferenceRunIsTheOnePinned()
    {
        QTemporaryDir data;
        QSettings settings(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Workspace workspace(data.path(), ContentPaths(kContent));
        MainWindow window(settings, workspace);
        window.show();
        window.setCurrentMode(Mode::Learn);
        QVERIFY(window.learn()->openTopic(kId));
        child<QPushButton>(*window.learn(), "openInLabButton")->click();
        LabPage *lab = window.lab();
        lab->findChild<QComboBox *>(QStringLiteral("speed"))->setCurrentIndex(7); // Max
        lab->run();
        // The live run is open-ended: the learner pauses it past the run length.
        const double length = lab->document().data().run.durationS;
        QTRY_VERIFY_WITH_TIMEOUT(
            runOf(*lab)->lastFrame() && runOf(*lab)->lastFrame()->simTime > length, 30000);
        lab->pause();
        QTRY_VERIFY(chartsOf(*lab)->pointCount(0) > 50);

        window.setCurrentMode(Mode::Learn);
        child<QPushButton>(*window.learn(), "tryOwnButton")->click();
        QCOMPARE(runOf(*lab)->isReferenceRunning(), false); // nothing to compute
        QVERIFY(chartsOf(*lab)->hasPin());
        QCOMPARE(chartsOf(*lab)->pointCount(0), 0);
        QCOMPARE(lab->document().data().nodes.size(), 1);
    }
};

QTEST_MAIN(TestExercises)
#include "tst_exercises.moc"
