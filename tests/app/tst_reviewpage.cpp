// Review mode driven with the keyboard and mouse: real widgets, offscreen,
// a real cards.sqlite with the built-in decks merged in.
#include "../filedigest.h"
#include "app/studio/mainwindow.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/workspace.h"
#include "reviewtestutil.h"

#include <QApplication>
#include <QCryptographicHash>
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
        QVERIFY(child<QLabel>(page, "reviewMessage")->text().contains(QStringLiteral("new")));
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
        QCOMPARE(pageWorkspace.cards().card(*id)->topic, QStringLiteral("ood-questions"));
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
