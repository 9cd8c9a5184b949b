// The lab's challenges as a learner meets them: opened from the menu, the
// Learn tree and a topic page's link, graded by Check my design on real
// runs off the GUI thread, the solved mark kept in a real progress file, a
// design the grader refuses, a flashcard made from a grade. Screenshots of a
// failed and a solved challenge in both themes when SDS_TEST_SHOTS is set.
#include "app/studio/lab/challengepanel.h"
#include "app/studio/lab/labpage.h"
#include "app/studio/learn/learnpage.h"
#include "app/studio/learn/topictree.h"
#include "app/studio/mainwindow.h"
#include "app/studio/theme.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"
#include "core/cards/browse.h"
#include "core/challenge/lockdesign.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace sds::gui;
using sds::challenge::Verdict;

namespace {

const QString kId = QStringLiteral("one-box-overload");

// A window on a data folder of its own, and the workspace under it.
struct Studio {
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<MainWindow> window;

    explicit Studio(const QString &dir, QSize size = {1360, 850})
        : settings(
              std::make_unique<QSettings>(dir + QStringLiteral("/sds.ini"), QSettings::IniFormat))
        , workspace(std::make_unique<Workspace>(dir))
        , window(std::make_unique<MainWindow>(*settings, *workspace))
    {
        window->resize(size);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("window not exposed");
    }
    ~Studio()
    {
        window.reset(); // before the workspace it refers to
        workspace.reset();
    }
    ChallengePanel *panel() const { return window->lab()->challengePanel(); }
    const sds::challenge::Challenge *challenge() const { return workspace->challenges().find(kId); }
    QPushButton *button(const char *name) const
    {
        return panel()->findChild<QPushButton *>(QLatin1String(name));
    }
    QString text(const char *browser) const
    {
        return panel()->findChild<QTextBrowser *>(QLatin1String(browser))->toPlainText();
    }
    // Clicks Check my design and waits for the grade; the GUI runs meanwhile.
    bool check() const
    {
        QSignalSpy done(panel(), &ChallengePanel::gradeFinished);
        QTest::mouseClick(button("challengeCheck"), Qt::LeftButton);
        if (!panel()->isGrading())
            return false;
        // The work is off the GUI thread: the bar shows and Cancel is offered.
        if (!panel()->findChild<QProgressBar *>()->isVisible() ||
            !button("challengeCancel")->isEnabled() || button("challengeCheck")->isEnabled())
            return false;
        return done.wait(240'000) && !panel()->isGrading();
    }
    QTreeWidgetItem *treeItem() const
    {
        return window->learn()->findChild<TopicTree *>()->challengeItem(kId);
    }
    QAction *menuAction() const
    {
        auto *menu = window->findChild<QMenu *>(QStringLiteral("challengesMenu"));
        emit menu->aboutToShow();
        for (QAction *a : menu->actions())
            if (a->data().toString() == kId)
                return a;
        return nullptr;
    }
};

void shot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("SDS_TEST_SHOTS");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + name);
}

} // namespace

class TestChallenges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { sds::appinfo::registerWithApplication(); }

    void listedInCampaignOrderInMenuAndTree()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        const auto &entries = s.workspace->challenges().entries();
        QVERIFY2(!entries.isEmpty(), qPrintable(s.workspace->challenges().errors().join(u'\n')));
        auto *menu = s.window->findChild<QMenu *>(QStringLiteral("challengesMenu"));
        emit menu->aboutToShow();
        QCOMPARE(menu->actions().size(), entries.size());
        auto *tree = s.window->learn()->findChild<TopicTree *>();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QCOMPARE(menu->actions().at(i)->data().toString(), entries.at(i).id);
            QVERIFY(menu->actions().at(i)->text().contains(entries.at(i).title));
            QVERIFY(menu->actions().at(i)->text().startsWith(QStringLiteral("○")));
            QTreeWidgetItem *item = tree->challengeItem(entries.at(i).id);
            QVERIFY(item);
            QCOMPARE(item->parent()->indexOfChild(item), int(i));
            QVERIFY(item->text(0).contains(QStringLiteral("level %1").arg(entries.at(i).level)));
            QVERIFY(!item->data(0, TopicTree::kDoneRole).toBool());
            if (i > 0) // easy to hard: by order, which the library keeps
                QVERIFY(entries.at(i - 1).order <= entries.at(i).order);
        }
    }

    void openingShowsStartDesignAndBrief()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        const auto *c = s.challenge();
        QVERIFY(c);
        // From the Learn tree, as a learner clicks it.
        auto *tree = s.window->learn()->findChild<TopicTree *>();
        QTreeWidgetItem *item = s.treeItem();
        tree->scrollToItem(item);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {},
                          tree->visualItemRect(item).center());
        QCOMPARE(s.window->currentMode(), Mode::Lab);
        LabPage *lab = s.window->lab();
        // The start design, as a new untitled diagram named after the challenge.
        QVERIFY(lab->filePath().isEmpty());
        QCOMPARE(lab->displayName(), c->title);
        QCOMPARE(lab->document().data().nodes.size(), c->start.nodes.size());
        for (qsizetype i = 0; i < c->start.nodes.size(); ++i) {
            QCOMPARE(lab->document().data().nodes.at(i).id, c->start.nodes.at(i).id);
            QCOMPARE(lab->document().data().nodes.at(i).params, c->start.nodes.at(i).params);
        }
        auto *dock = lab->findChild<QDockWidget *>(QStringLiteral("challengeDock"));
        QVERIFY(dock->isVisible());
        QCOMPARE(s.panel()->findChild<QLabel *>(QStringLiteral("challengeTitle"))->text(),
                 c->title);
        const QString brief = s.text("challengeBrief");
        QVERIFY2(brief.contains(QStringLiteral("600 requests a second")), qPrintable(brief));
        QVERIFY(brief.contains(QStringLiteral("Level %1 of 5").arg(c->level)));
        for (const auto &g : c->goals) {
            QVERIFY(brief.contains(sds::challenge::goalMetricLabel(g.metric)));
            QVERIFY2(brief.contains(formatGoalLimit(g)), qPrintable(formatGoalLimit(g)));
        }
        // Hints wait for a grade; the topic pages it exercises are linked.
        QVERIFY(!brief.contains(c->hints.first().text));
        const auto *topic = s.workspace->library().find(c->topics.first());
        QVERIFY(topic);
        QVERIFY(brief.contains(topic->title));
        QVERIFY(!s.button("challengeFlashcard")->isEnabled());
        QVERIFY(s.button("challengeReference")->isEnabled());
    }

    void topicPageLinksItsChallenges()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        const auto *c = s.challenge();
        LearnPage *learn = s.window->learn();
        QVERIFY(learn->openTopic(c->topics.first()));
        auto *page = learn->findChild<QTextBrowser *>(QStringLiteral("pageView"));
        QVERIFY(page->toPlainText().contains(QStringLiteral("Challenges")));
        QVERIFY(page->toPlainText().contains(c->title));
        QVERIFY(page->toHtml().contains(QStringLiteral("challenge:") + kId));
        page->verticalScrollBar()->setValue(page->verticalScrollBar()->maximum());
        s.window->learn()->findChild<TopicTree *>()->scrollToItem(s.treeItem());
        QApplication::processEvents();
        shot(*s.window, QStringLiteral("challenge-learn.png"));
        // A page no challenge lists has no box.
        for (const auto &t : s.workspace->library().topics()) {
            bool listed = false;
            for (const auto &ch : s.workspace->challenges().entries())
                listed = listed || ch.topics.contains(t.id);
            if (!listed) {
                QVERIFY(learn->openTopic(t.id));
                QVERIFY(!page->toHtml().contains(QStringLiteral("challenge:")));
                break;
            }
        }
        // Following the link opens it in the lab.
        QVERIFY(learn->openTopic(c->topics.first()));
        emit page->anchorClicked(QUrl(QStringLiteral("challenge:") + kId));
        QCOMPARE(s.window->currentMode(), Mode::Lab);
        QCOMPARE(s.panel()->challenge()->id, kId);
        QCOMPARE(s.window->lab()->displayName(), c->title);
    }

    void referenceSolvesAndTheMarkIsKept()
    {
        QTemporaryDir dir;
        const QString progressPath = dir.filePath(QStringLiteral("progress.sqlite"));
        {
            Studio s(dir.path());
            const auto *c = s.challenge();
            QVERIFY(s.window->openChallenge(kId));
            QTest::mouseClick(s.button("challengeReference"), Qt::LeftButton);
            const auto &design = s.window->lab()->document().data();
            QCOMPARE(design.nodes.size(), c->reference.nodes.size());
            QCOMPARE(design.edges.size(), c->reference.edges.size());
            QVERIFY(s.window->lab()->filePath().isEmpty());
            QSignalSpy solved(s.window->lab(), &LabPage::challengeSolved);
            QVERIFY(s.check());
            const auto &r = s.panel()->result();
            QVERIFY2(r, qPrintable(s.panel()->refusal()));
            QVERIFY(r->solved);
            QCOMPARE(r->goals.size(), c->goals.size());
            for (const auto &g : r->goals)
                QCOMPARE(g.verdict, Verdict::Pass);
            QCOMPARE(solved.size(), 1);
            const QString report = s.text("challengeReport");
            QVERIFY2(report.contains(QStringLiteral("Solved")), qPrintable(report));
            QCOMPARE(report.count(QStringLiteral("✓ passed")), int(c->goals.size()));
            QVERIFY(!report.contains(QStringLiteral("✗ failed")));
            QVERIFY(report.contains(r->diagnosis.bottleneck->why));
            QVERIFY(report.contains(QStringLiteral("Where the slowest 1 % wait")));
            // The marks: the tree, the menu, the store, the brief.
            QVERIFY(s.treeItem()->data(0, TopicTree::kDoneRole).toBool());
            QVERIFY(s.menuAction()->text().startsWith(QStringLiteral("✓")));
            QVERIFY(s.workspace->progress().isChallengeSolved(kId));
            QVERIFY(s.text("challengeBrief").contains(QStringLiteral("✓ solved")));

            // A flashcard from the grade, in a deck made for it.
            QVERIFY(s.button("challengeFlashcard")->isEnabled());
            QTest::mouseClick(s.button("challengeFlashcard"), Qt::LeftButton);
            QTest::mouseClick(s.button("challengeFlashcard"), Qt::LeftButton);
            auto &cards = s.workspace->cards();
            std::optional<qint64> deck;
            int decks = 0;
            for (const auto &d : cards.decks())
                if (d.name == QStringLiteral("My lab notes")) {
                    deck = d.id;
                    ++decks;
                }
            QCOMPARE(decks, 1); // the second card went to the same deck
            QVERIFY(deck);
            sds::cards::CardSearch search;
            search.deckId = *deck;
            const auto ids = cards.findCards(search, QDateTime::currentDateTimeUtc());
            QVERIFY(ids);
            int inDeck = 0;
            for (qint64 id : *ids) {
                const auto card = cards.card(id);
                if (card) {
                    ++inDeck;
                    QVERIFY(card->front.contains(c->title));
                    QVERIFY(card->back.contains(r->diagnosis.bottleneck->why));
                    // Links back to the challenge and to a copy of the design graded.
                    QVERIFY(card->back.contains(QStringLiteral("](challenge:%1)").arg(kId)));
                    QVERIFY(card->back.contains(QStringLiteral("](lab:note-")));
                    QVERIFY(card->back.contains(sds::challenge::formatGoalValue(
                        r->goals.first().goal.metric, r->goals.first().value.mean)));
                }
            }
            QCOMPARE(inDeck, 2);
        }
        // The store on disk has it, and a new window shows it.
        {
            sds::study::ProgressStore store;
            QVERIFY(store.open(progressPath));
            QVERIFY(store.isChallengeSolved(kId));
        }
        Studio again(dir.path());
        QVERIFY(again.treeItem()->data(0, TopicTree::kDoneRole).toBool());
        QVERIFY(again.menuAction()->text().startsWith(QStringLiteral("✓")));
    }

    void naiveDesignFailsWithHints()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        const auto *c = s.challenge();
        QVERIFY(s.window->openChallenge(kId));
        s.window->lab()->loadTemplate(c->naive);
        QVERIFY(s.check());
        const auto &r = s.panel()->result();
        QVERIFY2(r, qPrintable(s.panel()->refusal()));
        QVERIFY(!r->solved);
        const auto failed = std::count_if(r->goals.begin(), r->goals.end(),
                                          [](const auto &g) { return g.verdict == Verdict::Fail; });
        QVERIFY(failed >= 1);
        QVERIFY(!r->hints.isEmpty());
        const QString report = s.text("challengeReport");
        QVERIFY(report.contains(QStringLiteral("Not solved yet")));
        QCOMPARE(report.count(QStringLiteral("✗ failed")), int(failed));
        for (const auto &h : r->hints)
            QVERIFY2(report.contains(h.text), qPrintable(h.text));
        QVERIFY(!s.workspace->progress().isChallengeSolved(kId));
        QVERIFY(!s.treeItem()->data(0, TopicTree::kDoneRole).toBool());
    }

    void anExtraClientIsRefusedWithTheGradersMessage()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        const auto *c = s.challenge();
        QVERIFY(s.window->openChallenge(kId));
        sds::diagram::DiagramData design = c->reference;
        sds::diagram::Node extra = design.nodes.first();
        extra.id = QStringLiteral("bots");
        extra.label = QStringLiteral("Bots");
        extra.y = 200;
        design.nodes.append(extra);
        sds::diagram::Edge e;
        e.id = QStringLiteral("bots-web");
        e.from = extra.id;
        e.to = design.edges.first().to;
        design.edges.append(e);
        s.window->lab()->loadTemplate(design);
        const auto locked = sds::challenge::lockDesign(*c, design);
        QVERIFY(!locked);
        QVERIFY(s.check());
        QVERIFY(!s.panel()->result());
        QCOMPARE(s.panel()->refusal(), locked.error());
        auto *message = s.panel()->findChild<QLabel *>(QStringLiteral("challengeMessage"));
        QVERIFY(message->isVisible());
        QVERIFY(message->text().contains(locked.error()));
        QVERIFY(message->text().contains(QStringLiteral("cannot be graded")));
        QVERIFY(!s.workspace->progress().isChallengeSolved(kId));
    }

    // Cancel right after Check: the seeds not yet run are never started,
    // so no verdict comes from part of them, and nothing is marked.
    void cancelLeavesNoVerdict()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        QVERIFY(s.window->openChallenge(kId));
        s.window->lab()->loadTemplate(s.challenge()->reference);
        QSignalSpy done(s.panel(), &ChallengePanel::gradeFinished);
        QTest::mouseClick(s.button("challengeCheck"), Qt::LeftButton);
        QVERIFY(s.panel()->isGrading());
        QTest::mouseClick(s.button("challengeCancel"), Qt::LeftButton);
        QVERIFY(done.wait(60'000));
        QVERIFY(!s.panel()->isGrading());
        QVERIFY(!s.panel()->result());
        QVERIFY(s.panel()->refusal().isEmpty());
        auto *message = s.panel()->findChild<QLabel *>(QStringLiteral("challengeMessage"));
        QVERIFY(message->text().startsWith(QStringLiteral("Cancelled")));
        QVERIFY(s.button("challengeCheck")->isEnabled());
        QVERIFY(!s.button("challengeFlashcard")->isEnabled());
        QVERIFY(!s.workspace->progress().isChallengeSolved(kId));
        // And the next check runs in full.
        QVERIFY(s.check());
        QVERIFY(s.panel()->result() && s.panel()->result()->solved);
    }

    void screenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("large") << QSize(1360, 850) << QString();
        QTest::newRow("small") << QSize(730, 720) << QStringLiteral("-small");
    }

    // Shots of a failed and a solved grade, light and dark, and a check that
    // the panel keeps a usable width in each.
    void screenshots()
    {
        QFETCH(QSize, size);
        QFETCH(QString, suffix);
        QTemporaryDir dir;
        Studio s(dir.path(), size);
        const auto *c = s.challenge();
        for (const bool solvedRun : {false, true}) {
            QVERIFY(s.window->openChallenge(kId));
            if (!solvedRun)
                shot(*s.window, QStringLiteral("challenge-brief%1.png").arg(suffix));
            s.window->lab()->loadTemplate(solvedRun ? c->reference : c->naive);
            QVERIFY(s.check());
            QVERIFY(s.panel()->result());
            QCOMPARE(s.panel()->result()->solved, solvedRun);
            QVERIFY(s.panel()->width() >= 200);
            for (const auto theme : {ThemeChoice::Light, ThemeChoice::Dark}) {
                s.window->theme()->setChoice(theme);
                QApplication::processEvents();
                QTest::qWait(50);
                shot(*s.window,
                     QStringLiteral("challenge-%1-%2%3.png")
                         .arg(solvedRun ? QStringLiteral("solved") : QStringLiteral("failed"),
                              theme == ThemeChoice::Dark ? QStringLiteral("dark")
                                                         : QStringLiteral("light"),
                              suffix));
            }
            s.window->theme()->setChoice(ThemeChoice::Light);
        }
    }
};

QTEST_MAIN(TestChallenges)
#include "tst_challenges.moc"
