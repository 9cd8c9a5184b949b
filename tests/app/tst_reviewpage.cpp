// Review mode driven with the keyboard and mouse: real widgets, offscreen,
// a real cards.sqlite with the built-in decks merged in.
#include "../filedigest.h"
#include "app/studio/mainwindow.h"
#include "app/studio/review/editcarddialog.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/workspace.h"
#include "reviewtestutil.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

using namespace sds::gui;
using reviewtest::answerShown;
using reviewtest::child;
using reviewtest::shownCard;
using sds::content::ContentPaths;
using sds::srs::Rating;
using sds::srs::State;

namespace {
const QString kBuiltIn = QStringLiteral(":/content");

} // namespace

class TestReviewPage : public QObject
{
    Q_OBJECT

    static void activate(ReviewPage &page)
    {
        page.resize(1100, 700);
        page.show();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
    }

private slots:
    void aCardCannotBeSavedWithAnEmptySide()
    {
        EditCardDialog dialog(QStringLiteral("Front"), QStringLiteral("Back"));
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QPushButton *save = buttons->button(QDialogButtonBox::Save);
        QVERIFY(save->isEnabled());
        auto *front = dialog.findChild<QPlainTextEdit *>(QStringLiteral("editFront"));
        front->setPlainText(QStringLiteral("   "));
        QVERIFY(!save->isEnabled());
        front->setPlainText(QStringLiteral("New front"));
        QVERIFY(save->isEnabled());
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("editBack"))->clear();
        QVERIFY(!save->isEnabled());
    }

    void decksAreListedWithCounts()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        auto *decks = child<QTreeWidget>(page, "deckList");
        QVERIFY(decks);
        QCOMPARE(decks->topLevelItemCount(), 3);
        int newTotal = 0;
        for (int i = 0; i < 3; ++i)
            newTotal += decks->topLevelItem(i)->text(1).toInt();
        QVERIFY(newTotal > 0);
        // Each row says what the collection says of that deck, not any number.
        const auto counts = pageWorkspace.cards().countsPerDeck(QDateTime::currentDateTime());
        QCOMPARE(counts.size(), 3);
        for (const auto &c : counts) {
            const auto rows = decks->findItems(c.deck.name, Qt::MatchExactly);
            QCOMPARE(rows.size(), 1);
            QCOMPARE(rows.first()->text(1).toInt(), c.counts.newCards);
            QCOMPARE(rows.first()->text(2).toInt(), c.counts.learning);
            QCOMPARE(rows.first()->text(3).toInt(), c.counts.review);
        }
        QVERIFY(child<QLabel>(page, "reviewMessage")->text().contains(QStringLiteral("New")));
    }

    void theDailyNewLimitIsShownAsShared()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        auto *decks = child<QTreeWidget>(page, "deckList");
        auto *limit = child<QLabel>(page, "newLimitLabel");
        QVERIFY(limit);
        QCOMPARE(limit->text(),
                 QStringLiteral("New cards today: 20 of 20 left, shared by all decks"));
        QVERIFY(decks->headerItem()->toolTip(1).contains(QStringLiteral("shared by all decks")));
        // Each deck's New is its own new cards, at most the shared 20; the
        // built-in System design deck holds more, and its cell says so.
        QTreeWidgetItem *big = nullptr;
        for (int i = 0; i < decks->topLevelItemCount(); ++i) {
            if (decks->topLevelItem(i)->text(0) == u"System design")
                big = decks->topLevelItem(i);
        }
        QVERIFY(big);
        QCOMPARE(big->text(1), QStringLiteral("20"));
        QVERIFY2(big->toolTip(1).contains(QStringLiteral("leaves 20 for today")),
                 qPrintable(big->toolTip(1)));

        page.study(std::nullopt);
        page.showAnswer();
        page.answer(Rating::Good);
        QCOMPARE(limit->text(),
                 QStringLiteral("New cards today: 19 of 20 left, shared by all decks"));
    }

    void learningReadsTheSameInTheListTheOverviewAndTheCard()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        auto &cards = pageWorkspace.cards();
        ReviewPage page(pageWorkspace);
        activate(page);
        auto *decks = child<QTreeWidget>(page, "deckList");
        auto *message = child<QLabel>(page, "reviewMessage");
        QCOMPARE(decks->headerItem()->text(2), QStringLiteral("Learning"));
        QVERIFY2(message->text().contains(QStringLiteral("Learning <b>0</b>")),
                 qPrintable(message->text()));

        // A card in learning falls due while the page is up (an import, or
        // the clock): the main window refreshes the page when Review comes up.
        // The list is rebuilt on every refresh: look rows up afresh.
        const auto row = [decks](const QString &name) -> QTreeWidgetItem * {
            for (int i = 0; i < decks->topLevelItemCount(); ++i) {
                if (decks->topLevelItem(i)->text(0) == name)
                    return decks->topLevelItem(i);
            }
            return nullptr;
        };
        QTreeWidgetItem *oo = row(QStringLiteral("Object-oriented design"));
        QVERIFY(oo);
        sds::cards::NewNote n;
        n.deckId = oo->data(0, Qt::UserRole + 1).toLongLong();
        n.front = QStringLiteral("A card in learning");
        n.back = QStringLiteral("its back");
        sds::srs::CardState learning;
        learning.state = State::Learning;
        learning.stability = 1;
        learning.difficulty = 5;
        learning.due = QDateTime::currentDateTimeUtc().addSecs(-3600);
        learning.lastReview = learning.due.addSecs(-600);
        learning.reps = 1;
        n.schedule = learning;
        QVERIFY(cards.addNotes({n}));
        page.refresh();
        oo = row(QStringLiteral("Object-oriented design"));
        QVERIFY(oo);
        QCOMPARE(oo->text(2), QStringLiteral("1"));
        QVERIFY2(message->text().contains(QStringLiteral("Learning <b>1</b>")),
                 qPrintable(message->text()));

        // The welcome has no button of its own: Study all, under the list, does that.
        auto *studyNow = child<QPushButton>(page, "studyNowButton");
        QVERIFY(!studyNow->isVisibleTo(&page));
        QVERIFY(child<QPushButton>(page, "studyAllButton")->isVisibleTo(&page));
        // Picking a deck shows it, with a button named after it.
        decks->setCurrentItem(oo);
        QVERIFY2(message->text().contains(QStringLiteral("Object-oriented design")),
                 qPrintable(message->text()));
        QVERIFY2(message->text().contains(QStringLiteral("Learning <b>1</b>")),
                 qPrintable(message->text()));
        QVERIFY(studyNow->isVisibleTo(&page));
        QCOMPARE(studyNow->text(), QStringLiteral("Study Object-oriented design"));
        studyNow->click();
        QVERIFY(page.isStudying());
        QCOMPARE(child<QTextBrowser>(page, "cardView")->toPlainText(),
                 QStringLiteral("A card in learning"));
        oo = row(QStringLiteral("Object-oriented design"));
        QVERIFY(oo);
        const QString header = child<QLabel>(page, "cardProgress")->text();
        QVERIFY2(header.contains(QStringLiteral("Learning 1")), qPrintable(header));
        QCOMPARE(header, QStringLiteral("New %1 · Learning %2 · Due %3")
                             .arg(oo->text(1), oo->text(2), oo->text(3)));
        // The selection outlives the list's refresh, so the pick stays.
        QCOMPARE(decks->currentItem(), oo);
    }

    void aClickOnThePickedDeckShowsItAfterASession()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        QVERIFY(pageWorkspace.cards().setNewCardsPerDay(1));
        ReviewPage page(pageWorkspace);
        activate(page);
        auto *decks = child<QTreeWidget>(page, "deckList");
        decks->setCurrentItem(decks->topLevelItem(0));
        const QString name = decks->topLevelItem(0)->text(0);
        child<QPushButton>(page, "studyNowButton")->click();
        QVERIFY(page.isStudying());
        page.showAnswer();
        page.answer(Rating::Easy); // the day's one new card: the session ends
        QVERIFY(!page.isStudying());
        auto *message = child<QLabel>(page, "reviewMessage");
        QVERIFY2(message->text().contains(QStringLiteral("Done for now")),
                 qPrintable(message->text()));
        QTreeWidgetItem *picked = decks->currentItem();
        QVERIFY(picked && picked->text(0) == name && picked->isSelected());
        QTest::mouseClick(decks->viewport(), Qt::LeftButton, {},
                          decks->visualItemRect(picked).center());
        QVERIFY2(message->text().contains(name), qPrintable(message->text()));
    }

    void reviewWithTheKeyboardThenUndo()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        auto &cards = pageWorkspace.cards();
        // Two new cards a day, so the session ends within the test and shows its tally.
        QVERIFY(cards.setNewCardsPerDay(2));
        ReviewPage page(pageWorkspace);
        activate(page);
        auto *cardView = child<QTextBrowser>(page, "cardView");
        QVERIFY(cardView);
        page.findChild<QPushButton *>(QStringLiteral("studyAllButton"))->click();
        QVERIFY(page.isStudying());
        const std::optional<qint64> id = shownCard(page, cards);
        QVERIFY(id);
        const QString front = cardView->toPlainText();
        QVERIFY(!front.isEmpty());
        QVERIFY(!answerShown(page));

        QTest::keyClick(cardView, Qt::Key_Space);
        QVERIFY(answerShown(page));
        QVERIFY(cardView->toPlainText().size() > front.size()); // the back is there
        // A new card: Again comes back in minutes, Easy in days.
        QVERIFY(child<QPushButton>(page, "grade1")->text().endsWith(QStringLiteral("m")));
        QVERIFY(child<QPushButton>(page, "grade4")->text().endsWith(QStringLiteral("d")));

        // SDS_SHOTS_DIR=folder keeps a picture of this state, for looking at the UI.
        if (const QString shots = qEnvironmentVariable("SDS_SHOTS_DIR"); !shots.isEmpty())
            page.grab().save(QDir(shots).filePath(QStringLiteral("review-answer.png")));
        QTest::keyClick(cardView, Qt::Key_3);
        const auto log = cards.reviewLog(*id);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().rating, Rating::Good);
        QCOMPARE(cards.card(*id)->schedule.state, State::Learning);
        const std::optional<qint64> second = shownCard(page, cards);
        QVERIFY(second);
        QVERIFY(*second != *id);

        QTest::keyClick(cardView, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(shownCard(page, cards), id);
        QVERIFY(cards.reviewLog(*id).isEmpty());
        QCOMPARE(cards.card(*id)->schedule.state, State::New);
        QCOMPARE(cardView->toPlainText(), front);

        // The session's tally: the answer taken back no longer counts, so
        // Good, then Again on the second card, make two, half remembered.
        QTest::keyClick(cardView, Qt::Key_Space);
        QTest::keyClick(cardView, Qt::Key_3);
        QCOMPARE(shownCard(page, cards), second);
        QTest::keyClick(cardView, Qt::Key_Space);
        QTest::keyClick(cardView, Qt::Key_1);
        QVERIFY(!page.isStudying());
        const QString done = child<QLabel>(page, "reviewMessage")->text();
        QVERIFY2(done.contains(QStringLiteral("2 card(s) reviewed this session, 50 % remembered")),
                 qPrintable(done));
    }

    void gradesNeedTheAnswerFirst()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        const std::optional<qint64> id = shownCard(page, pageWorkspace.cards());
        QVERIFY(id);
        QTest::keyClick(child<QTextBrowser>(page, "cardView"),
                        Qt::Key_4); // answer not shown yet: ignored
        QCOMPARE(shownCard(page, pageWorkspace.cards()), id);
        QVERIFY(pageWorkspace.cards().reviewLog(*id).isEmpty());
    }

    void editTheCard()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        const std::optional<qint64> id = shownCard(page, pageWorkspace.cards());
        QVERIFY(id);
        bool edited = false;
        QTimer::singleShot(0, &page, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("editFront"))
                ->setPlainText(QStringLiteral("Reworded front"));
            edited = true;
            dialog->accept();
        });
        auto *cardView = child<QTextBrowser>(page, "cardView");
        QTest::keyClick(cardView, Qt::Key_E);
        QVERIFY(edited);
        QCOMPARE(pageWorkspace.cards().card(*id)->front, QStringLiteral("Reworded front"));
        QVERIFY(cardView->toPlainText().contains(QStringLiteral("Reworded front")));
    }

    void topicLinkAsksForTheReader()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        QSignalSpy spy(&page, &ReviewPage::openTopicRequested);
        page.findChild<QPushButton *>(QStringLiteral("cardTopicButton"))->click();
        QCOMPARE(spy.count(), 1);
        const std::optional<qint64> id = shownCard(page, pageWorkspace.cards());
        QVERIFY(id);
        QCOMPARE(spy.first().first().toString(), pageWorkspace.cards().card(*id)->topic);
    }

    void suspendTakesTheCardOut()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        const std::optional<qint64> id = shownCard(page, pageWorkspace.cards());
        QVERIFY(id);
        QTest::keyClick(child<QTextBrowser>(page, "cardView"), Qt::Key_S);
        QVERIFY(pageWorkspace.cards().card(*id)->suspended);
        const std::optional<qint64> next = shownCard(page, pageWorkspace.cards());
        QVERIFY(next);
        QVERIFY(*next != *id);
    }

    void aDeckLinkShowsThatDeck()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        QVERIFY(page.showDeck(QStringLiteral("object-oriented")));
        QVERIFY(child<QLabel>(page, "reviewMessage")
                    ->text()
                    .contains(QStringLiteral("Object-oriented design")));
        page.findChild<QPushButton *>(QStringLiteral("studyNowButton"))->click();
        QVERIFY(page.isStudying());
        const std::optional<qint64> id = shownCard(page, pageWorkspace.cards());
        QVERIFY(id);
        // Object-oriented cards open their exercise (ood-lru-cache, ...).
        QVERIFY(pageWorkspace.cards().card(*id)->topic.startsWith(QStringLiteral("ood-")));
        QVERIFY(!page.showDeck(QStringLiteral("no-such-deck")));
    }

    void sidebarShowsTheCardsDue()
    {
        QTemporaryDir data;
        QSettings settings(data.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Workspace workspace(data.path());
        MainWindow window(settings, workspace);
        auto *button = window.findChild<QToolButton *>(QStringLiteral("reviewModeButton"));
        QVERIFY(button);
        const int due = window.review()->dueNow();
        QVERIFY(due > 0);
        QCOMPARE(button->text(), QStringLiteral("Review\n%1").arg(due));
        // Answering a new card moves it into learning, due later: one fewer now.
        window.setCurrentMode(Mode::Review);
        window.review()->study(std::nullopt);
        window.review()->showAnswer();
        window.review()->answer(Rating::Good);
        QCOMPARE(button->text(), QStringLiteral("Review\n%1").arg(window.review()->dueNow()));
        QCOMPARE(window.review()->dueNow(), due - 1);
    }

    void aDamagedCollectionIsReportedAndKept()
    {
        QTemporaryDir data;
        const QString path = QDir(data.path()).filePath(QStringLiteral("cards.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(16384, 'z'));
        }
        const QByteArray before = fileDigest(path);
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        QVERIFY(child<QLabel>(page, "reviewMessage")
                    ->text()
                    .contains(QStringLiteral("could not be opened")));
        QVERIFY(!page.isStudying());
        page.study(std::nullopt);
        QVERIFY(!page.isStudying());
        QCOMPARE(fileDigest(path), before);
    }
};

QTEST_MAIN(TestReviewPage)
#include "tst_reviewpage.moc"
