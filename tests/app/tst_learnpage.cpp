// The reader driven as a learner drives it: real widgets, offscreen, the
// real built-in pages and a real progress.sqlite in a temporary data folder.
#include "../filedigest.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/learn/checklistview.h"
#include "app/studio/learn/estimatorview.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/learn/quickopen.h"
#include "app/studio/learn/studyplanview.h"
#include "app/studio/learn/topictree.h"
#include "app/studio/mainwindow.h"
#include "app/studio/workspace.h"
#include "core/content/library.h"
#include "core/study/progressstore.h"
#include "findchild.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextTable>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace sds::gui;
using sds::content::ContentPaths;

namespace {

const QString kBuiltIn = QStringLiteral(":/content");

// The on-screen centre of the first link in the page whose target starts with @p prefix.
QPoint linkPosition(QTextBrowser *view, const QString &prefix, QString *href)
{
    QTextDocument *doc = view->document();
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.charFormat().isAnchor() || !f.charFormat().anchorHref().startsWith(prefix))
                continue;
            QTextCursor c(doc);
            c.setPosition(f.position() + f.length() / 2);
            view->setTextCursor(c);
            view->ensureCursorVisible();
            *href = f.charFormat().anchorHref();
            return view->cursorRect(c).center();
        }
    }
    return {-1, -1};
}

// Moves the mouse over @p at in @p view without a button, as hovering does.
void hover(QTextBrowser *view, QPoint at)
{
    QMouseEvent move(QEvent::MouseMove, QPointF(at), QPointF(view->viewport()->mapToGlobal(at)),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
}

// What the status bar last got from @p spy (on LearnPage::statusMessage).
QString lastMessage(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QString() : spy.last().at(0).toString();
}

// The leftmost column of @p rect where @p image has ink, text darker or
// lighter than the row's background at its left edge; -1 for none.
int inkLeft(const QImage &image, const QRect &rect)
{
    const QColor background = image.pixelColor(rect.left(), rect.top());
    for (int x = rect.left(); x <= rect.right(); ++x) {
        for (int y = rect.top(); y <= rect.bottom(); ++y) {
            const QColor c = image.pixelColor(x, y);
            const int diff = std::abs(c.red() - background.red()) +
                             std::abs(c.green() - background.green()) +
                             std::abs(c.blue() - background.blue());
            if (diff > 150)
                return x;
        }
    }
    return -1;
}

} // namespace

class TestLearnPage : public QObject
{
    Q_OBJECT

private slots:
    void clickingATreeItemShowsItsPage()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *tree = child<TopicTree>(page, "topicTree");
        auto *outline = child<QListWidget>(page, "pageOutline");
        QTreeWidgetItem *item = tree->itemFor(QStringLiteral("dns"));
        QVERIFY(item);
        tree->scrollToItem(item);
        const QRect r = tree->visualItemRect(item);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(page.currentTopicId(), QStringLiteral("dns"));
        QVERIFY(child<QTextBrowser>(page, "pageView")
                    ->toPlainText()
                    .startsWith(QStringLiteral("Domain name system")));
        QVERIFY(outline->count() >= 5);
        QCOMPARE(outline->item(0)->text(), QStringLiteral("How it works"));
        QVERIFY(tree->currentItem() == item);
    }

    void followingALinkNavigatesAndBackReturns()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.openTopic(QStringLiteral("cache-aside")));
        auto *view = child<QTextBrowser>(page, "pageView");
        QString href;
        const QPoint at = linkPosition(view, QStringLiteral("topic:"), &href);
        QVERIFY(at.x() >= 0);
        const QString target = QUrl(href).path();
        QVERIFY(target != QStringLiteral("cache-aside"));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(page.currentTopicId(), target);

        QTest::keyClick(view, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(page.currentTopicId(), QStringLiteral("cache-aside"));
        QVERIFY(child<QAction>(page, "learnForwardAction")->isEnabled());
        // The mouse's back and forward buttons do the same.
        QTest::mouseClick(view->viewport(), Qt::ForwardButton, {}, QPoint(5, 5));
        QCOMPARE(page.currentTopicId(), target);
        QTest::mouseClick(view->viewport(), Qt::BackButton, {}, QPoint(5, 5));
        QCOMPARE(page.currentTopicId(), QStringLiteral("cache-aside"));
    }

    void previousAndNextFollowReadingOrder()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        QVERIFY(page.openTopic(QStringLiteral("cache-aside")));
        const auto &lib = pageWorkspace.library();
        page.findChild<QPushButton *>(QStringLiteral("nextTopicButton"))->click();
        QCOMPARE(page.currentTopicId(), lib.next(QStringLiteral("cache-aside"))->id);
        page.findChild<QPushButton *>(QStringLiteral("previousTopicButton"))->click();
        page.findChild<QPushButton *>(QStringLiteral("previousTopicButton"))->click();
        QCOMPARE(page.currentTopicId(), lib.previous(QStringLiteral("cache-aside"))->id);
    }

    void scenarioLinksAskForTheLab()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy spy(&page, &LearnPage::openScenarioRequested);
        QVERIFY(page.openTopic(QStringLiteral("cache-aside")));
        auto *view = child<QTextBrowser>(page, "pageView");
        auto *labButton = child<QPushButton>(page, "openInLabButton");
        QString href;
        const QPoint at = linkPosition(view, QStringLiteral("scenario:"), &href);
        QVERIFY(at.x() >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("cache-aside"));
        QVERIFY(labButton->isVisible());
        labButton->click();
        QCOMPARE(spy.count(), 2);
        QVERIFY(page.openTopic(QStringLiteral("dns"))); // no template
        QVERIFY(!labButton->isVisible());
    }

    void quickOpenOpensAPage()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.show();
        bool typed = false;
        QTimer::singleShot(0, &page, [&] {
            auto *dialog = qobject_cast<QuickOpen *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QTest::keyClicks(dialog->field(), QStringLiteral("cap th"));
            QCOMPARE(dialog->list()->currentItem()->text().left(11), QStringLiteral("CAP theorem"));
            typed = true;
            QTest::keyClick(dialog->field(), Qt::Key_Return);
        });
        page.quickOpen();
        QVERIFY(typed);
        QCOMPARE(page.currentTopicId(), QStringLiteral("cap-theorem"));

        // A challenge is found by its title and handed to the lab.
        QSignalSpy challenge(&page, &LearnPage::openChallengeRequested);
        QString top;
        QTimer::singleShot(0, &page, [&] {
            auto *dialog = qobject_cast<QuickOpen *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QTest::keyClicks(dialog->field(), QStringLiteral("one box is not"));
            if (dialog->list()->currentItem())
                top = dialog->list()->currentItem()->text();
            QTest::keyClick(dialog->field(), Qt::Key_Return);
        });
        page.quickOpen();
        QVERIFY2(top.startsWith(QStringLiteral("One box is not enough")) &&
                     top.contains(QStringLiteral("Challenge, level 1")),
                 qPrintable(top));
        QCOMPARE(challenge.count(), 1);
        QCOMPARE(challenge.at(0).at(0).toString(), QStringLiteral("one-box-overload"));
        QCOMPARE(page.currentTopicId(), QStringLiteral("cap-theorem")); // the page stays
    }

    void searchOpensTheTopHitAndMarksTheMatch()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        auto *field = child<QLineEdit>(page, "topicSearch");
        auto *results = child<QListWidget>(page, "searchResults");
        auto *view = child<QTextBrowser>(page, "pageView");
        QTest::keyClicks(field, QStringLiteral("HATEOAS"));
        QVERIFY(results->isVisible());
        QVERIFY(results->count() >= 1);
        QCOMPARE(results->item(0)->data(Qt::UserRole).toString(), QStringLiteral("rest"));
        auto *label = qobject_cast<QLabel *>(results->itemWidget(results->item(0)));
        QVERIFY(label && label->text().contains(QStringLiteral("<b>HATEOAS</b>")));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(page.currentTopicId(), QStringLiteral("rest"));
        QVERIFY(view->extraSelections().size() >= 1);
        for (const auto &sel : view->extraSelections())
            QCOMPARE(sel.cursor.selectedText().toUpper(), QStringLiteral("HATEOAS"));
        // Clearing the field brings the tree back.
        field->clear();
        QVERIFY(child<TopicTree>(page, "topicTree")->isVisible());
    }

    // A page that opens its section is not named twice: "Start here", not
    // "Start here › Start here".
    void theCrumbNamesASectionOnlyOnce()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        auto *crumb = child<QLabel>(page, "pageCrumb");
        QVERIFY(page.openTopic(QStringLiteral("start-here")));
        const auto *start = pageWorkspace.library().find(QStringLiteral("start-here"));
        QCOMPARE(start->section, start->title); // the case this is about
        QCOMPARE(crumb->text(), QStringLiteral("Start here"));
        QVERIFY(page.openTopic(QStringLiteral("cache")));
        QCOMPARE(crumb->text(), QStringLiteral("Caching  ›  Cache"));
    }

    // The status bar says what a hovered link does; the app's own addresses
    // (topic:, scenario:, sds-reveal:2) never show, a web link's does.
    void hoveredLinksSayWhatTheyDo()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy status(&page, &LearnPage::statusMessage);
        auto *view = child<QTextBrowser>(page, "pageView");
        const auto hoverFirst = [&](const QString &prefix) {
            QString href;
            const QPoint at = linkPosition(view, prefix, &href);
            if (at.x() < 0)
                return QStringLiteral("no %1 link").arg(prefix);
            hover(view, QPoint(5, 5)); // off every link, so the next one is new
            hover(view, at);
            return lastMessage(status);
        };

        QVERIFY(page.openTopic(QStringLiteral("cache-aside")));
        QString href;
        linkPosition(view, QStringLiteral("topic:"), &href);
        const auto *target = pageWorkspace.library().find(QUrl(href).path());
        QVERIFY(target);
        QCOMPARE(hoverFirst(QStringLiteral("topic:")),
                 QStringLiteral("Open the page “%1”").arg(target->title));
        QCOMPARE(hoverFirst(QStringLiteral("scenario:")),
                 QStringLiteral("Open the lab template “Cache-aside (lazy loading)”"));
        QVERIFY(hoverFirst(QStringLiteral("https:")).startsWith(QStringLiteral("https://")));

        QVERIFY(page.openTopic(QStringLiteral("ood-lru-cache")));
        QCOMPARE(hoverFirst(QStringLiteral("sds-reveal:all")),
                 QStringLiteral("Show the solutions of all steps"));
        QCOMPARE(hoverFirst(QStringLiteral("sds-reveal:2")),
                 QStringLiteral("Show the solution of step 2"));
        QCOMPARE(hoverFirst(QStringLiteral("sds-attempt:1")),
                 QStringLiteral("Mark step 1 as tried"));
        QCOMPARE(hoverFirst(QStringLiteral("deck:")),
                 QStringLiteral("Review the flashcards of this deck"));
        for (const auto &args : std::as_const(status)) {
            const QString text = args.at(0).toString();
            for (const char *raw : {"sds-", "topic:", "scenario:", "deck:"})
                QVERIFY2(!text.contains(QLatin1String(raw)), qPrintable(text));
        }
        // Leaving the link clears the status bar.
        hover(view, QPoint(5, 5));
        QCOMPARE(lastMessage(status), QString());
    }

    // Code sits in a box with room around the text: QTextBrowser ignores
    // padding on <pre>, so the block is a padded table cell.
    void codeBlocksHavePadding()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.openTopic(QStringLiteral("cache-aside")));
        QTextDocument *doc = child<QTextBrowser>(page, "pageView")->document();
        const QTextBlock code = doc->find(QStringLiteral("def load_profile")).block();
        const QTextBlock text = doc->find(QStringLiteral("In cache-aside")).block();
        QVERIFY(code.isValid() && text.isValid());
        QTextTable *box = QTextCursor(code).currentTable();
        QVERIFY(box);
        QVERIFY(box->format().cellPadding() >= 8);
        QCOMPARE(box->rows() * box->columns(), 1);
        // The code's first letter starts well inside the text column, and
        // its box has the code background.
        QAbstractTextDocumentLayout *layout = doc->documentLayout();
        QVERIFY(layout->blockBoundingRect(code).left() >=
                layout->blockBoundingRect(text).left() + 8);
        QVERIFY(box->cellAt(0, 0).format().background().style() != Qt::NoBrush);
    }

    // A sub-heading (###) sits visibly further in than its heading, every
    // line of it when it wraps, and its item's text is the heading's own.
    void subHeadingsAreIndentedInTheOutline()
    {
        QTemporaryDir content;
        QTemporaryDir data;
        QVERIFY(QDir(content.path()).mkpath(QStringLiteral("topics")));
        QFile f(content.filePath(QStringLiteral("topics/page.md")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("---\nid: page\ntitle: Page\nsection: S\norder: 1\nkind: topic\n---\n"
                "## Heading\n\nText.\n\n"
                "### A sub-heading long enough to wrap onto more than one line of the outline\n\n"
                "Text.\n");
        f.close();
        Workspace pageWorkspace(data.path(), ContentPaths(content.path()));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.openTopic(QStringLiteral("page")));
        auto *outline = child<QListWidget>(page, "pageOutline");
        QCOMPARE(outline->count(), 2);
        QListWidgetItem *heading = outline->item(0);
        QListWidgetItem *sub = outline->item(1);
        QCOMPARE(heading->text(), QStringLiteral("Heading"));
        QCOMPARE(sub->text(), QStringLiteral("A sub-heading long enough to wrap onto more than "
                                             "one line of the outline"));
        outline->clearSelection();
        const QImage image = outline->viewport()->grab().toImage();
        const QRect headingRect = outline->visualItemRect(heading);
        const QRect subRect = outline->visualItemRect(sub);
        QVERIFY2(subRect.height() > 2 * headingRect.height() - 4, "the sub-heading wraps");
        const int headingInk = inkLeft(image, headingRect);
        QVERIFY(headingInk >= 0);
        // Its first line, and the lines it wraps onto.
        QRect first = subRect;
        first.setHeight(headingRect.height());
        QRect rest = subRect;
        rest.setTop(subRect.top() + headingRect.height() + 2);
        QVERIFY2(inkLeft(image, first) >= headingInk + 12,
                 qPrintable(QString::number(inkLeft(image, first) - headingInk)));
        QVERIFY2(inkLeft(image, rest) >= headingInk + 12,
                 qPrintable(QString::number(inkLeft(image, rest) - headingInk)));
        // The whole item, indent and all, is still what a click chooses.
        QTest::mouseClick(outline->viewport(), Qt::LeftButton, {}, subRect.center());
        QCOMPARE(outline->currentItem(), sub);
    }

    // "1 match on this page", "3 matches on this page": never "match(es)".
    void searchCountsItsMatchesInWords()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        QSignalSpy status(&page, &LearnPage::statusMessage);
        auto *field = child<QLineEdit>(page, "topicSearch");
        auto *view = child<QTextBrowser>(page, "pageView");
        const auto searchFor = [&](const QString &words) {
            field->clear();
            QTest::keyClicks(field, words);
            QTest::keyClick(field, Qt::Key_Return);
            return int(view->extraSelections().size());
        };
        QCOMPARE(searchFor(QStringLiteral("load_profile")), 1);
        QCOMPARE(page.currentTopicId(), QStringLiteral("cache-aside"));
        QCOMPARE(lastMessage(status), QStringLiteral("1 match on this page"));
        const int many = searchFor(QStringLiteral("HATEOAS"));
        QVERIFY(many > 1);
        QCOMPARE(lastMessage(status), QStringLiteral("%1 matches on this page").arg(many));
    }

    void doneStateSurvivesARestart()
    {
        QTemporaryDir data;
        {
            Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
            LearnPage page(pageWorkspace);
            page.show();
            page.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&page));
            QVERIFY(page.openTopic(QStringLiteral("sharding")));
            QVERIFY(!pageWorkspace.progress().isTopicDone(QStringLiteral("sharding")));
            auto *view = child<QTextBrowser>(page, "pageView");
            view->setFocus();
            QTest::keyClick(view, Qt::Key_D, Qt::ControlModifier);
            QVERIFY(pageWorkspace.progress().isTopicDone(QStringLiteral("sharding")));
            QVERIFY(child<TopicTree>(page, "topicTree")
                        ->itemFor(QStringLiteral("sharding"))
                        ->data(0, TopicTree::kDoneRole)
                        .toBool());
            QVERIFY(page.openTopic(QStringLiteral("federation")));
        }
        Workspace againWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage again(againWorkspace);
        auto *tree = child<TopicTree>(again, "topicTree");
        QCOMPARE(again.currentTopicId(), QStringLiteral("federation")); // last page restored
        QVERIFY(tree->itemFor(QStringLiteral("sharding"))->data(0, TopicTree::kDoneRole).toBool());
        QVERIFY(
            !tree->itemFor(QStringLiteral("federation"))->data(0, TopicTree::kDoneRole).toBool());
        const QTreeWidgetItem *databases = tree->itemFor(QStringLiteral("sharding"))->parent();
        QCOMPARE(databases->data(0, TopicTree::kProgressRole).toPoint().x(), 1);
    }

    void studyPlanTicksAndSuggests()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1200, 800);
        page.show();
        page.showStudyPlan();
        QVERIFY(page.isShowingStudyPlan());
        StudyPlanView *plan = child<StudyPlanView>(page, "studyPlan");
        plan->timelineBox()->setCurrentIndex(
            plan->timelineBox()->findData(QStringLiteral("short")));
        QCOMPARE(plan->timelineId(), QStringLiteral("short"));
        // The first step's first item is the interview method page; tick it.
        QTreeWidgetItem *first = plan->steps()->topLevelItem(0)->child(1);
        QCOMPARE(first->text(0),
                 pageWorkspace.library().find(QStringLiteral("interview-approach"))->title);
        first->setCheckState(0, Qt::Checked);
        QVERIFY(pageWorkspace.progress().isTopicDone(QStringLiteral("interview-approach")));
        // Next now suggests the second item and opens it.
        page.showStudyPlan();
        plan->nextButton()->click();
        QCOMPARE(page.currentTopicId(), QStringLiteral("powers-of-two"));
        // Back returns to the plan, and the timeline choice is remembered.
        page.goBack();
        QVERIFY(page.isShowingStudyPlan());
        QCOMPARE(pageWorkspace.progress().value(QStringLiteral("plan_timeline")),
                 QStringLiteral("short"));
    }

    // A practice question gets the interview approach as a checklist,
    // worked by keys: Down moves, Space ticks, T times the step; the ticks
    // stay with the question, and Reset starts it over.
    void theInterviewChecklistWorksByKeysPerQuestion()
    {
        QTemporaryDir data;
        {
            Workspace workspace(data.path(), ContentPaths(kBuiltIn));
            LearnPage page(workspace);
            page.resize(1400, 900);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            auto *checklist = child<ChecklistView>(page, "interviewChecklist");
            QVERIFY(page.openTopic(QStringLiteral("cache")));
            QVERIFY(checklist->isHidden()); // a concept page is not a question
            QVERIFY(page.openTopic(QStringLiteral("q-google-docs")));
            QVERIFY(checklist->isVisible());
            auto *tree = child<QTreeWidget>(page, "checklistTree");
            auto *summary = child<QLabel>(page, "checklistSummary");
            QVERIFY(summary->text().startsWith(QStringLiteral("0 of 18")));
            tree->setFocus();
            QCOMPARE(tree->currentItem(), tree->topLevelItem(0));
            QTest::keyClick(tree, Qt::Key_Down); // the first point of step 1
            QTest::keyClick(tree, Qt::Key_Space);
            QTest::keyClick(tree, Qt::Key_Down);
            QTest::keyClick(tree, Qt::Key_Down);
            QTest::keyClick(tree, Qt::Key_Space);
            QCOMPARE(tree->topLevelItem(0)->child(0)->checkState(0), Qt::Checked);
            QCOMPARE(tree->topLevelItem(0)->child(1)->checkState(0), Qt::Unchecked);
            QCOMPARE(tree->topLevelItem(0)->child(2)->checkState(0), Qt::Checked);
            QVERIFY(summary->text().startsWith(QStringLiteral("2 of 18")));
            QTest::keyClick(tree, Qt::Key_T);
            QCOMPARE(checklist->runningStep(), 0);
            QVERIFY(tree->topLevelItem(0)->font(0).bold());
            QTest::qWait(30);
            QTest::keyClick(tree, Qt::Key_T);
            QCOMPARE(checklist->runningStep(), -1);

            // Another question starts untouched.
            QVERIFY(page.openTopic(QStringLiteral("q-cdn")));
            QVERIFY(summary->text().startsWith(QStringLiteral("0 of 18")));
            QCOMPARE(tree->topLevelItem(0)->child(0)->checkState(0), Qt::Unchecked);
        }
        // After a restart the first question is as it was left.
        Workspace workspace(data.path(), ContentPaths(kBuiltIn));
        const auto saved =
            sds::study::InterviewChecklist::load(workspace.progress(), QStringLiteral("q-google-docs"));
        QCOMPARE(saved.tickedCount(0), 2);
        QVERIFY(saved.elapsedMs(0) > 0); // the timed step kept its time
        LearnPage page(workspace);
        QVERIFY(page.openTopic(QStringLiteral("q-google-docs")));
        auto *summary = child<QLabel>(page, "checklistSummary");
        QVERIFY(summary->text().startsWith(QStringLiteral("2 of 18")));
        child<QPushButton>(page, "checklistResetButton")->click();
        QVERIFY(summary->text().startsWith(QStringLiteral("0 of 18")));
        const auto cleared =
            sds::study::InterviewChecklist::load(workspace.progress(), QStringLiteral("q-google-docs"));
        QCOMPARE(cleared.tickedCount(0), 0);
        QCOMPARE(cleared.elapsedMs(0), qint64(0));
    }

    void textSizeIsRememberedWithinItsLimits()
    {
        QTemporaryDir data;
        {
            Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
            LearnPage page(pageWorkspace);
            QVERIFY(page.openTopic(QStringLiteral("cache")));
            const QList<QAction *> zoom = page.viewActions(); // larger, smaller
            QCOMPARE(zoom.size(), 2);
            // The size of the page's first paragraph, past the title.
            const auto bodySize = [&page] {
                const QTextBlock b =
                    child<QTextBrowser>(page, "pageView")->document()->findBlockByNumber(1);
                return b.begin().fragment().charFormat().font().pointSizeF();
            };
            const qreal before = bodySize();
            QVERIFY(before > 0);
            for (int i = 0; i < 20; ++i)
                zoom.at(0)->trigger();
            QCOMPARE(pageWorkspace.progress().value(QStringLiteral("reader_zoom")),
                     QStringLiteral("12"));
            QCOMPARE(bodySize(), before + 12);
            zoom.at(1)->trigger();
            QCOMPARE(pageWorkspace.progress().value(QStringLiteral("reader_zoom")),
                     QStringLiteral("11"));
            QCOMPARE(page.currentTopicId(), QStringLiteral("cache")); // still the same page
        }
        Workspace againWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage again(againWorkspace);
        again.viewActions().at(1)->trigger();
        QCOMPARE(againWorkspace.progress().value(QStringLiteral("reader_zoom")),
                 QStringLiteral("10")); // carried on from 11
        for (int i = 0; i < 30; ++i)
            again.viewActions().at(1)->trigger();
        QCOMPARE(againWorkspace.progress().value(QStringLiteral("reader_zoom")),
                 QStringLiteral("-4"));
    }

    void unusableProgressFileIsReportedAndKept()
    {
        QTemporaryDir data;
        const QString path = QDir(data.path()).filePath(QStringLiteral("progress.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        const QByteArray before = fileDigest(path);
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        LearnPage page(pageWorkspace);
        page.resize(1000, 700);
        page.show();
        auto *warning = page.findChild<QLabel *>(QStringLiteral("learnWarning"));
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("not a progress database")),
                 qPrintable(warning->text()));
        QVERIFY(page.openTopic(QStringLiteral("tcp"))); // reading still works
        QVERIFY(!page.doneAction()->isEnabled());
        QCOMPARE(fileDigest(path), before);
    }

    void brokenPagesCostOnlyThemselves()
    {
        QTemporaryDir content;
        QTemporaryDir data;
        QVERIFY(QDir(content.path()).mkpath(QStringLiteral("topics")));
        const auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(content.filePath(QStringLiteral("topics/") + name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("good.md"),
              "---\nid: good\ntitle: Good page\nsection: S\norder: 1\nkind: guide\n---\nHello.\n");
        write(QStringLiteral("bad.md"), "no front matter at all\n");
        Workspace pageWorkspace(data.path(), ContentPaths(content.path()));
        LearnPage page(pageWorkspace);
        page.show();
        QCOMPARE(pageWorkspace.library().topics().size(), 1);
        QCOMPARE(page.currentTopicId(), QStringLiteral("good"));
        auto *warning = page.findChild<QLabel *>(QStringLiteral("learnWarning"));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("bad.md")));
    }

    void estimatorComputesAndBuildsALabScenario()
    {
        QTemporaryDir data;
        QSettings settings(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Workspace workspace(data.path());
        MainWindow window(settings, workspace);
        window.show();
        LearnPage *page = window.learn();
        page->findChild<QPushButton *>(QStringLiteral("estimatorButton"))->click();
        QVERIFY(page->isShowingEstimator());
        EstimatorView *est = child<EstimatorView>(*page, "estimator");
        // 2 M users × 43.2 requests = 86.4 M a day = 1 000 rps; 4 reads per write;
        // peak × 2 = 2 000 rps -> 4 servers of 500 rps.
        auto *users = est->findChild<QDoubleSpinBox *>(QStringLiteral("Daily active users"));
        users->clear();
        QTest::keyClicks(users, QStringLiteral("2000000"));
        est->findChild<QDoubleSpinBox *>(QStringLiteral("Requests per user per day"))
            ->setValue(43.2);
        est->findChild<QDoubleSpinBox *>(QStringLiteral("Reads per write"))->setValue(4);
        est->findChild<QDoubleSpinBox *>(QStringLiteral("Peak over average"))->setValue(2);
        est->findChild<QDoubleSpinBox *>(QStringLiteral("One server handles"))->setValue(500);
        const auto row = [&](const QString &label) {
            for (int r = 0; r < est->results()->rowCount(); ++r) {
                if (est->results()->item(r, 0)->text() == label)
                    return est->results()->item(r, 1)->text();
            }
            return QString();
        };
        QCOMPARE(row(QStringLiteral("Average request rate")), QStringLiteral("1,000 rps"));
        QCOMPARE(row(QStringLiteral("Peak writes")), QStringLiteral("400 rps"));
        QCOMPARE(row(QStringLiteral("Web servers for the peak")), QStringLiteral("4 servers"));
        est->scenarioButton()->click();
        QCOMPARE(window.currentMode(), Mode::Lab);
        const auto &d = window.lab()->document().data();
        const auto *client = d.node(QStringLiteral("users"));
        QVERIFY(client);
        QVERIFY(std::abs(client->params.value(QStringLiteral("rate_rps")).toDouble() - 2000) <
                1e-6);
        int web = 0;
        for (const auto &n : d.nodes)
            web += n.kind == sds::diagram::NodeKind::WebServer ? 1 : 0;
        QCOMPARE(web, 4);
        window.lab()->undoStack()->clear();
    }

    void mainWindowOpensTheTemplateOfAPage()
    {
        QTemporaryDir data;
        QSettings settings(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Workspace workspace(data.path());
        MainWindow window(settings, workspace);
        window.setCurrentMode(Mode::Learn);
        QVERIFY(window.learn()->openTopic(QStringLiteral("sharding")));
        child<QPushButton>(*window.learn(), "openInLabButton")->click();
        QCOMPARE(window.currentMode(), Mode::Lab);
        QVERIFY(
            window.lab()->displayName().contains(QStringLiteral("Sharded"), Qt::CaseInsensitive));
        QVERIFY(workspace.progress().triedScenarios().contains(QStringLiteral("sharded-database")));
        window.lab()->undoStack()->clear();
    }
};

QTEST_MAIN(TestLearnPage)
#include "tst_learnpage.moc"
