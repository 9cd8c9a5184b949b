// Flashcards made from the lab ("Make a Flashcard"), as a learner makes and
// reviews them: a run of any design with the prediction typed in the analytic
// twin on the front and the measured figures on the back, in a deck of the
// learner's own on a real collection; the card's link reopens the design as
// it was, and a card whose design is gone says so and changes nothing.
#include "app/studio/mainwindow.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/workspace.h"
#include "core/appinfo.h"
#include "core/cards/browse.h"
#include "core/diagram/diagramformat.h"
#include "labparts.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace Qt::StringLiterals;
using namespace sds::gui;
using namespace sds::gui::test;

namespace {

struct Studio {
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<MainWindow> window;

    explicit Studio(const QString &dir)
        : settings(std::make_unique<QSettings>(dir + u"/sds.ini"_s, QSettings::IniFormat))
        , workspace(std::make_unique<Workspace>(dir))
        , window(std::make_unique<MainWindow>(*settings, *workspace))
    {
        window->resize(1360, 850);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("window not exposed");
    }
    ~Studio()
    {
        window.reset();
        workspace.reset();
    }
    LabPage &lab() const { return *window->lab(); }
    // The notes in "My lab notes", newest last; empty when the deck is not there.
    QList<sds::cards::Card> labNotes() const
    {
        auto &cards = workspace->cards();
        QList<sds::cards::Card> out;
        for (const auto &d : cards.decks()) {
            if (d.name != u"My lab notes")
                continue;
            sds::cards::CardSearch search;
            search.deckId = d.id;
            const auto ids = cards.findCards(search, QDateTime::currentDateTimeUtc());
            for (qint64 id : ids.value_or(QList<qint64>{}))
                if (const auto card = cards.card(id))
                    out.append(*card);
        }
        return out;
    }
};

sds::diagram::DiagramData scenario(const char *name)
{
    return sds::diagram::loadDiagramFile(
               QStringLiteral(SDS_TEST_DATA_DIR "/../../content/scenarios/") + QLatin1String(name))
        .diagram;
}

// Pictures for a person to look at, when SDS_TEST_SHOTS names a folder.
void shot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("SDS_TEST_SHOTS");
    if (!dir.isEmpty())
        w.grab().save(dir + u'/' + name);
}

// The href of the card link that reopens a design, from the card's text.
QString labLink(const QString &back)
{
    const qsizetype at = back.indexOf(u"(lab:"_s);
    return at < 0 ? QString() : back.mid(at + 1, back.indexOf(u')', at) - at - 1);
}

} // namespace

class TestLabNotes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { sds::appinfo::registerWithApplication(); }

    void aRunBecomesACardThatReopensItsDesign()
    {
        QTemporaryDir dir;
        Studio s(dir.path());
        s.window->setCurrentMode(Mode::Lab);
        LabPage &lab = s.lab();
        const sds::diagram::DiagramData design = scenario("single-server.json");
        QVERIFY(!design.nodes.isEmpty());
        lab.loadTemplate(design);

        // Nothing measured yet: no card, and the learner hears why.
        auto *cardButton = child<QPushButton>(lab, "reportFlashcard");
        QTest::mouseClick(cardButton, Qt::LeftButton);
        QVERIFY(s.labNotes().isEmpty());
        QVERIFY(s.window->statusBar()->currentMessage().contains(u"Run the design first"_s));

        // Predict, then run.
        QTest::keyClicks(child<QLineEdit>(lab, "twinGuess"), u"the server is the limit"_s);
        lab.findChild<QComboBox *>(u"speed"_s)->setCurrentIndex(7); // Max
        lab.run();
        QTRY_VERIFY_WITH_TIMEOUT(
            runOf(lab)->lastFrame() && runOf(lab)->lastFrame()->metrics.measured > 5, 20000);
        lab.pause();
        if (auto *dock = lab.findChild<QDockWidget *>(u"twinDock"_s)) {
            dock->raise();
            QTest::qWait(50);
        }
        shot(*s.window, u"labnote-twin.png"_s);
        QTest::mouseClick(cardButton, Qt::LeftButton);
        const auto notes = s.labNotes();
        QCOMPARE(notes.size(), 1);
        const sds::cards::Card &card = notes.first();
        QVERIFY2(card.front.contains(u"I predicted: the server is the limit"_s),
                 qPrintable(card.front));
        QVERIFY(card.front.contains(lab.displayName()));
        QVERIFY2(card.back.contains(u"Busiest: "_s), qPrintable(card.back));
        QVERIFY(card.back.contains(u"Latency: p50 "_s));

        // The link names a copy of the design in the data folder.
        const QString link = labLink(card.back);
        QVERIFY2(link.startsWith(u"lab:note-"_s), qPrintable(card.back));
        const QString copy = dir.filePath(u"lab-notes/"_s + link.mid(4));
        QVERIFY(QFileInfo::exists(copy));

        // Shown in Review, the back has the link as a link...
        ReviewPage &review = *s.window->review();
        review.study(card.deckId);
        review.showAnswer();
        auto *view = child<QTextBrowser>(review, "cardView");
        QVERIFY2(view->toHtml().contains(u"href=\"%1\""_s.arg(link)), qPrintable(view->toHtml()));
        s.window->setCurrentMode(Mode::Review);
        shot(*s.window, u"labnote-card.png"_s);

        // ...and following it, after the canvas moved on, brings the design back, untitled.
        lab.newDiagram();
        QVERIFY(lab.document().data().nodes.isEmpty());
        emit view->anchorClicked(QUrl(link));
        QCOMPARE(lab.document().data().nodes.size(), design.nodes.size());
        QCOMPARE(lab.document().data().nodes.first().id, design.nodes.first().id);
        QVERIFY(lab.filePath().isEmpty());
        QVERIFY(s.window->lab()->isVisible()); // the link switched from Review to the lab

        // A card whose copy is gone says so, and the canvas is left alone.
        lab.newDiagram();
        QVERIFY(QFile::remove(copy));
        emit view->anchorClicked(QUrl(link));
        QVERIFY(lab.document().data().nodes.isEmpty());
        QVERIFY(s.window->statusBar()->currentMessage().contains(u"no longer"_s));
        // A link that tries to leave the folder opens nothing.
        emit view->anchorClicked(QUrl(u"lab:../sds.ini"_s));
        QVERIFY(lab.document().data().nodes.isEmpty());
    }
};

QTEST_MAIN(TestLabNotes)
#include "tst_labnotes.moc"
