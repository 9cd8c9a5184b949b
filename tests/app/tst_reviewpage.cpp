// Review mode driven with the keyboard and mouse: real widgets, offscreen,
// a real cards.sqlite with the built-in decks merged in.
#include "../filedigest.h"
#include "app/studio/mainwindow.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/workspace.h"

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
        QCOMPARE(page.deckList()->topLevelItemCount(), 3);
        int newTotal = 0;
        for (int i = 0; i < 3; ++i)
            newTotal += page.deckList()->topLevelItem(i)->text(1).toInt();
        QVERIFY(newTotal > 0);
        QVERIFY(page.message()->text().contains(QStringLiteral("new")));
    }

    void reviewWithTheKeyboardThenUndo()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.findChild<QPushButton *>(QStringLiteral("studyAllButton"))->click();
        QVERIFY(page.isStudying());
        const qint64 id = *page.currentCardId();
        const QString front = page.cardView()->toPlainText();
        QVERIFY(!front.isEmpty());
        QVERIFY(!page.isAnswerShown());

        QTest::keyClick(page.cardView(), Qt::Key_Space);
        QVERIFY(page.isAnswerShown());
        QVERIFY(page.cardView()->toPlainText().size() > front.size()); // the back is there
        // A new card: Again comes back in minutes, Easy in days.
        QVERIFY(page.gradeButton(Rating::Again)->text().endsWith(QStringLiteral("m")));
        QVERIFY(page.gradeButton(Rating::Easy)->text().endsWith(QStringLiteral("d")));

        // SDS_SHOTS_DIR=folder keeps a picture of this state, for looking at the UI.
        if (const QString shots = qEnvironmentVariable("SDS_SHOTS_DIR"); !shots.isEmpty())
            page.grab().save(QDir(shots).filePath(QStringLiteral("review-answer.png")));
        QTest::keyClick(page.cardView(), Qt::Key_3);
        QCOMPARE(page.reviewedThisSession(), 1);
        const auto log = page.collection().reviewLog(id);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().rating, Rating::Good);
        QCOMPARE(page.collection().card(id)->schedule.state, State::Learning);
        QVERIFY(*page.currentCardId() != id);

        QTest::keyClick(page.cardView(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(*page.currentCardId(), id);
        QVERIFY(page.collection().reviewLog(id).isEmpty());
        QCOMPARE(page.collection().card(id)->schedule.state, State::New);
        QCOMPARE(page.cardView()->toPlainText(), front);
    }

    void gradesNeedTheAnswerFirst()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        const qint64 id = *page.currentCardId();
        QTest::keyClick(page.cardView(), Qt::Key_4); // answer not shown yet: ignored
        QCOMPARE(*page.currentCardId(), id);
        QVERIFY(page.collection().reviewLog(id).isEmpty());
    }

    void editTheCard()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        const qint64 id = *page.currentCardId();
        bool edited = false;
        QTimer::singleShot(0, &page, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("editFront"))
                ->setPlainText(QStringLiteral("Reworded front"));
            edited = true;
            dialog->accept();
        });
        QTest::keyClick(page.cardView(), Qt::Key_E);
        QVERIFY(edited);
        QCOMPARE(page.collection().card(id)->front, QStringLiteral("Reworded front"));
        QVERIFY(page.cardView()->toPlainText().contains(QStringLiteral("Reworded front")));
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
        QCOMPARE(spy.first().first().toString(),
                 page.collection().card(*page.currentCardId())->topic);
    }

    void suspendTakesTheCardOut()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        activate(page);
        page.study(std::nullopt);
        const qint64 id = *page.currentCardId();
        QTest::keyClick(page.cardView(), Qt::Key_S);
        QVERIFY(page.collection().card(id)->suspended);
        QVERIFY(*page.currentCardId() != id);
    }

    void aDeckLinkShowsThatDeck()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        QVERIFY(page.showDeck(QStringLiteral("object-oriented")));
        QVERIFY(page.message()->text().contains(QStringLiteral("Object-oriented design")));
        page.findChild<QPushButton *>(QStringLiteral("studyNowButton"))->click();
        QVERIFY(page.isStudying());
        QCOMPARE(page.collection().card(*page.currentCardId())->topic,
                 QStringLiteral("ood-questions"));
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
        QVERIFY(page.message()->text().contains(QStringLiteral("could not be opened")));
        QVERIFY(!page.isStudying());
        page.study(std::nullopt);
        QVERIFY(!page.isStudying());
        QCOMPARE(fileDigest(path), before);
    }
};

QTEST_MAIN(TestReviewPage)
#include "tst_reviewpage.moc"
