// The card browser driven as a learner would: typing searches, choosing
// filters, clicking column headers, editing, deleting (and not deleting),
// suspending; real widgets offscreen over a real cards.sqlite. Expected
// rows come from the notes the test added.
#include "app/studio/review/cardbrowser.h"
#include "app/studio/review/cardtablemodel.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/review/statsview.h"
#include "app/studio/workspace.h"
#include "core/cards/collection.h"
#include "reviewtestutil.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <functional>
#include <memory>

using namespace sds::gui;
using reviewtest::child;
using reviewtest::shownCard;
using sds::content::ContentPaths;
using namespace sds::cards;
using sds::srs::Rating;

namespace {

struct Spec {
    const char *front;
    const char *back;
    const char *tags;
    bool second; // in the second deck
};

const Spec kSpecs[] = {
    {"What does a CDN cache?", "Static files near users", "cdn", false},
    {"Write-behind cache risk", "Data lost on a crash", "caching", false},
    {"Cache aside pattern", "Load on a miss", "caching", false},
    {"Sharding splits data", "By a key", "database", false},
    {"Replication lag", "Stale reads", "database", true},
    {"Parking lot classes", "Lot, Level, Spot", "ood", true},
    {"Call center escalation", "Respondent, manager, director", "ood", true},
};

// Clicks the button of the next message box that opens.
void answerNextMessageBox(QMessageBox::StandardButton button, bool *seen)
{
    QTimer::singleShot(0, qApp, [button, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *seen = true;
        box->button(button)->click();
    });
}

} // namespace

class TestCardBrowser : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Collection> m_c;
    QList<qint64> m_ids;
    qint64 m_first = 0;
    qint64 m_second = 0;
    QDateTime m_now;

    int expectedCount(const std::function<bool(const Spec &)> &keep) const
    {
        int n = 0;
        for (const Spec &s : kSpecs)
            n += keep(s) ? 1 : 0;
        return n;
    }

    std::unique_ptr<CardBrowser> open()
    {
        auto browser = std::make_unique<CardBrowser>(*m_c);
        browser->setNow(m_now);
        browser->reload();
        browser->show();
        browser->activateWindow();
        if (!QTest::qWaitForWindowActive(browser.get()))
            qWarning("the browser window did not become active");
        return browser;
    }

    int rowOf(CardBrowser &b, qint64 id) { return b.model()->rowOf(id); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_c = std::make_unique<Collection>();
        QVERIFY(m_c->open(m_dir->filePath(QStringLiteral("cards.sqlite"))));
        m_first = *m_c->addDeck(QStringLiteral("System design"));
        m_second = *m_c->addDeck(QStringLiteral("Object design"));
        QList<NewNote> notes;
        for (const Spec &s : kSpecs) {
            NewNote n;
            n.deckId = s.second ? m_second : m_first;
            n.front = QString::fromUtf8(s.front);
            n.back = QString::fromUtf8(s.back);
            n.tags = {QString::fromUtf8(s.tags)};
            notes.append(n);
        }
        m_ids = *m_c->addNotes(notes);
        m_now = QDateTime::currentDateTimeUtc();
        // Card 0 answered three times over three weeks, card 1 once.
        QVERIFY(m_c->answer(m_ids[0], Rating::Good, m_now.addDays(-21), 1000));
        QVERIFY(m_c->answer(m_ids[0], Rating::Good, m_now.addDays(-20), 1000));
        QVERIFY(m_c->answer(m_ids[0], Rating::Good, m_now.addDays(-10), 1000));
        QVERIFY(m_c->answer(m_ids[1], Rating::Again, m_now.addSecs(-30), 1000));
    }

    void cleanup()
    {
        m_c.reset();
        m_dir.reset();
    }

    void modelPassesTheTester()
    {
        CardTableModel model(*m_c);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setSearch({}));
        QCOMPARE(model.rowCount(), int(std::size(kSpecs)));
        model.sort(CardTableModel::Reps, Qt::DescendingOrder);
        QCOMPARE(model.cardId(0), m_ids[0]);
        QCOMPARE(model.data(model.index(0, CardTableModel::Reps)).toInt(), 3);
    }

    void typingFiltersRows()
    {
        auto b = open();
        const int all = int(std::size(kSpecs));
        QCOMPARE(b->model()->rowCount(), all);
        QTest::keyClicks(b->searchBox(), QStringLiteral("cache"));
        // The search runs after a pause in typing.
        const int withCache = expectedCount([](const Spec &s) {
            return QString::fromUtf8(s.front).contains(u"cache", Qt::CaseInsensitive) ||
                   QString::fromUtf8(s.back).contains(u"cache", Qt::CaseInsensitive);
        });
        QVERIFY(withCache < all);
        QTRY_COMPARE(b->model()->rowCount(), withCache);

        b->searchBox()->setText(QStringLiteral("tag:database"));
        b->applySearch();
        QCOMPARE(b->model()->rowCount(),
                 expectedCount([](const Spec &s) { return qstrcmp(s.tags, "database") == 0; }));
        b->searchBox()->setText(QStringLiteral("tag:database -deck:\"object design\""));
        b->applySearch();
        QCOMPARE(b->model()->rowCount(), expectedCount([](const Spec &s) {
                     return qstrcmp(s.tags, "database") == 0 && !s.second;
                 }));

        // The deck filter and the search combine.
        b->searchBox()->clear();
        b->applySearch();
        b->deckFilter()->setCurrentIndex(b->deckFilter()->findData(m_second));
        QCOMPARE(b->model()->rowCount(), expectedCount([](const Spec &s) { return s.second; }));
        b->deckFilter()->setCurrentIndex(0);
        QCOMPARE(b->model()->rowCount(), all);
    }

    void stateFilterAndIsWords()
    {
        auto b = open();
        QComboBox *state = b->stateFilter();
        state->setCurrentIndex(state->findData(int(CardFilter::New)));
        QCOMPARE(b->model()->rowCount(), int(std::size(kSpecs)) - 2);
        state->setCurrentIndex(state->findData(int(CardFilter::Review)));
        QCOMPARE(b->model()->rowCount(), 1);
        QCOMPARE(b->model()->cardId(0), m_ids[0]);
        state->setCurrentIndex(0);
        b->searchBox()->setText(QStringLiteral("is:learning"));
        b->applySearch();
        QCOMPARE(b->model()->rowCount(), 1);
        QCOMPARE(b->model()->cardId(0), m_ids[1]);
    }

    void badSearchSaysWhyAndKeepsRows()
    {
        auto b = open();
        b->searchBox()->setText(QStringLiteral("tag:ood"));
        b->applySearch();
        const int before = b->model()->rowCount();
        QCOMPARE(before, 2);
        b->searchBox()->setText(QStringLiteral("tag:ood is:sleeping"));
        b->applySearch();
        QVERIFY(b->errorLabel()->isVisible());
        QVERIFY(b->errorLabel()->text().contains(QStringLiteral("is:sleeping")));
        QCOMPARE(b->model()->rowCount(), before);
        b->searchBox()->setText(QStringLiteral("nothing matches this"));
        b->applySearch();
        QVERIFY(!b->errorLabel()->isVisible());
        QCOMPARE(b->model()->rowCount(), 0);
        QVERIFY(b->emptyLabel()->isVisible());
        QVERIFY(b->emptyLabel()->text().contains(QStringLiteral("No card matches")));
    }

    void clickingHeadersSorts()
    {
        auto b = open();
        QHeaderView *header = b->table()->horizontalHeader();
        const auto clickHeader = [&](int section) {
            const QPoint at(header->sectionViewportPosition(section) + 5, header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        };
        clickHeader(CardTableModel::Reps);
        const auto column = [&](int col) {
            QList<QVariant> values;
            for (int r = 0; r < b->model()->rowCount(); ++r)
                values << b->model()->data(b->model()->index(r, col));
            return values;
        };
        QList<QVariant> reps = column(CardTableModel::Reps);
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        QCOMPARE(ascending ? reps.last().toInt() : reps.first().toInt(), 3);
        clickHeader(CardTableModel::Reps);
        QVERIFY((header->sortIndicatorOrder() == Qt::AscendingOrder) != ascending);
        reps = column(CardTableModel::Reps);
        QCOMPARE(ascending ? reps.first().toInt() : reps.last().toInt(), 3);

        clickHeader(CardTableModel::Front);
        QStringList fronts;
        for (const QVariant &v : column(CardTableModel::Front))
            fronts << v.toString();
        QStringList sorted = fronts;
        std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &c) {
            return a.compare(c, Qt::CaseInsensitive) < 0;
        });
        if (header->sortIndicatorOrder() == Qt::DescendingOrder)
            std::reverse(sorted.begin(), sorted.end());
        QCOMPARE(fronts, sorted);
    }

    void editingSavesTheCard()
    {
        auto b = open();
        b->selectCard(m_ids[3]);
        QCOMPARE(b->currentCardId(), m_ids[3]);
        QCOMPARE(b->frontEdit()->toPlainText(), QString::fromUtf8(kSpecs[3].front));
        // Double-click puts the cursor in the front.
        const QRect cell = b->table()->visualRect(b->model()->index(rowOf(*b, m_ids[3]), 0));
        QSignalSpy doubleClicks(b->table(), &QTableView::doubleClicked);
        // A real double-click: QTest's DClick alone has no press before it.
        QTest::mouseClick(b->table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mousePress(b->table()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(b->table()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(doubleClicks.count(), 1);
        QTRY_VERIFY2(b->frontEdit()->hasFocus(),
                     qPrintable(QApplication::focusWidget()
                                    ? QApplication::focusWidget()->objectName()
                                    : QStringLiteral("none")));
        QTest::keyClicks(b->frontEdit(), QStringLiteral(" by hash"));
        QTest::keyClick(b->frontEdit(), Qt::Key_S, Qt::ControlModifier);
        const QString want = QString::fromUtf8(kSpecs[3].front) + QStringLiteral(" by hash");
        QCOMPARE(m_c->card(m_ids[3])->front, want);
        QCOMPARE(b->model()
                     ->data(b->model()->index(rowOf(*b, m_ids[3]), CardTableModel::Front))
                     .toString(),
                 want);

        // An empty back is refused; the text typed stays in the editor.
        b->backEdit()->clear();
        QVERIFY(!b->saveEdit());
        QVERIFY(b->errorLabel()->text().contains(QStringLiteral("front and a back")));
        QCOMPARE(m_c->card(m_ids[3])->back, QString::fromUtf8(kSpecs[3].back));
        QCOMPARE(b->frontEdit()->toPlainText(), want);
        b->backEdit()->setPlainText(QStringLiteral("By a hash of the key"));
        b->findChild<QPushButton *>(QStringLiteral("browserSave"))->click();
        QCOMPARE(m_c->card(m_ids[3])->back, QStringLiteral("By a hash of the key"));
    }

    void deleteAsksFirst()
    {
        auto b = open();
        b->selectCard(m_ids[5]);
        const qint64 note = m_c->card(m_ids[5])->noteId;
        const int rows = b->model()->rowCount();
        bool asked = false;
        answerNextMessageBox(QMessageBox::Cancel, &asked);
        b->table()->setFocus();
        QTest::keyClick(b->table(), Qt::Key_Delete);
        QVERIFY(asked);
        QVERIFY(m_c->card(m_ids[5]));
        QCOMPARE(b->model()->rowCount(), rows);

        asked = false;
        answerNextMessageBox(QMessageBox::Yes, &asked);
        b->findChild<QPushButton *>(QStringLiteral("browserDelete"))->click();
        QVERIFY(asked);
        QVERIFY(!m_c->card(m_ids[5]));
        QVERIFY(!m_c->deleteNote(note)); // the note itself is gone
        QCOMPARE(b->model()->rowCount(), rows - 1);
        QCOMPARE(b->model()->rowOf(m_ids[5]), -1);
        // The reviews of the deleted card's neighbours are untouched.
        QCOMPARE(m_c->reviewLog(m_ids[0]).size(), 3);
    }

    void suspendToggles()
    {
        auto b = open();
        b->selectCard(m_ids[2]);
        QTest::keyClick(b->table(), Qt::Key_J, Qt::ControlModifier);
        QVERIFY(m_c->card(m_ids[2])->suspended);
        const QModelIndex state = b->model()->index(rowOf(*b, m_ids[2]), CardTableModel::State);
        QVERIFY(b->model()->data(state).toString().contains(QStringLiteral("suspended")));
        b->stateFilter()->setCurrentIndex(b->stateFilter()->findData(int(CardFilter::Suspended)));
        QCOMPARE(b->model()->rowCount(), 1);
        b->findChild<QPushButton *>(QStringLiteral("browserSuspend"))->click();
        QVERIFY(!m_c->card(m_ids[2])->suspended);
    }

    void emptyCollectionSaysWhatToDo()
    {
        QTemporaryDir dir;
        Collection empty;
        QVERIFY(empty.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        CardBrowser b(empty);
        b.reload();
        b.show();
        QCOMPARE(b.model()->rowCount(), 0);
        QVERIFY(b.emptyLabel()->isVisible());
        QVERIFY(b.emptyLabel()->text().contains(QStringLiteral("No cards yet")));
        QVERIFY(!b.frontEdit()->isEnabled());
    }

    void reviewPageOpensBrowserAndStats()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(QStringLiteral(":/content")));
        ReviewPage page(pageWorkspace);
        page.resize(1000, 700);
        page.show();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.findChild<QPushButton *>(QStringLiteral("browseButton"))->click();
        auto *browser = child<CardBrowser>(page, "cardBrowser");
        QVERIFY(browser);
        QTRY_VERIFY(browser->isVisible());
        QCOMPARE(qint64(browser->model()->rowCount()),
                 pageWorkspace.cards().stats(QDateTime::currentDateTimeUtc()).cards);
        browser->close();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        auto *deckList = child<QTreeWidget>(page, "deckList");
        deckList->setFocus();
        QTest::keyClick(deckList, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        auto *statsView = child<StatsView>(page, "statsView");
        QVERIFY(statsView);
        QTRY_VERIFY(statsView->isVisible());

        // Suspending the studied card in the browser moves study on.
        statsView->close();
        page.study(std::nullopt);
        const std::optional<qint64> shown = shownCard(page, pageWorkspace.cards());
        QVERIFY(shown);
        const qint64 studied = *shown;
        page.openBrowser();
        QCOMPARE(browser->currentCardId(), studied);
        browser->toggleSuspended();
        QVERIFY(pageWorkspace.cards().card(studied)->suspended);
        QVERIFY(shownCard(page, pageWorkspace.cards()) != studied);
    }
};

QTEST_MAIN(TestCardBrowser)
#include "tst_cardbrowser.moc"
