// Importing and exporting flashcards through Review mode: the primer's real
// Anki deck, a CSV file through the column-mapping dialog, a broken file
// that changes nothing, a deck exported through the save dialog, and an
// imported card's own image shown from the collection.
#include "app/studio/review/csvimportdialog.h"
#include "app/studio/review/reviewpage.h"
#include "app/studio/workspace.h"
#include "core/cards/ankipackage.h"
#include "reviewtestutil.h"

#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>

#include <functional>

using namespace sds::gui;
using sds::content::ContentPaths;

namespace {

const QString kBuiltIn = QStringLiteral(":/content");
const QString kDecks = QStringLiteral(SDS_TEST_DATA_DIR "/anki/");

// Answers each modal dialog as it appears, in order, until the list is
// used up; what each handler saw stays for the test to check.
class DialogScript : public QObject
{
public:
    using Step = std::function<void(QWidget *)>;
    explicit DialogScript(QList<Step> steps)
        : m_steps(std::move(steps))
    {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || modal == m_last || m_steps.isEmpty())
                return;
            // Progress dialogs come and go on their own.
            if (modal->inherits("QProgressDialog"))
                return;
            m_last = modal;
            m_steps.takeFirst()(modal);
        });
        m_timer.start(20);
    }
    bool done() const { return m_steps.isEmpty(); }

private:
    QList<Step> m_steps;
    QPointer<QWidget> m_last;
    QTimer m_timer;
};

QString boxText(QWidget *w)
{
    auto *box = qobject_cast<QMessageBox *>(w);
    return box ? box->text() + u'\n' + box->informativeText() : QString();
}

void acceptBox(QWidget *w)
{
    if (auto *box = qobject_cast<QMessageBox *>(w))
        box->accept();
    else if (auto *dialog = qobject_cast<QDialog *>(w))
        dialog->reject();
}

QTreeWidget *deckList(ReviewPage &page)
{
    return page.findChild<QTreeWidget *>(QStringLiteral("deckList"));
}

QTextBrowser *cardView(ReviewPage &page)
{
    return page.findChild<QTextBrowser *>(QStringLiteral("cardView"));
}

QTreeWidgetItem *deckItem(ReviewPage &page, const QString &name)
{
    for (int i = 0; i < deckList(page)->topLevelItemCount(); ++i) {
        if (deckList(page)->topLevelItem(i)->text(0) == name)
            return deckList(page)->topLevelItem(i);
    }
    return nullptr;
}

} // namespace

class TestCardTransfer : public QObject
{
    Q_OBJECT

private slots:
    void importsTheDeckAndShowsItReadably()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        const int decksBefore = deckList(page)->topLevelItemCount();
        QString summary;
        DialogScript script({[&](QWidget *w) {
            summary = boxText(w);
            acceptBox(w);
        }});
        page.importCardsFrom(kDecks + QStringLiteral("system-design.apkg"));
        QVERIFY(script.done());
        QVERIFY2(summary.contains(QStringLiteral("42 notes added")), qPrintable(summary));
        // The file's "System Design" goes into the built-in "System design"
        // rather than beside it, and the summary says so.
        QVERIFY2(summary.contains(QStringLiteral("the file's deck \"System Design\" went into "
                                                 "your deck \"System design\"")),
                 qPrintable(summary));
        QCOMPARE(deckList(page)->topLevelItemCount(), decksBefore);
        QVERIFY(!deckItem(page, QStringLiteral("System Design")));
        QTreeWidgetItem *item = deckItem(page, QStringLiteral("System design"));
        QVERIFY(item);
        QCOMPARE(item->text(1).toInt(), 20); // the day's new cards, as for any deck

        // The deck now holds the built-in cards too; set those aside so the
        // card studied is one the file brought.
        auto &cards = pageWorkspace.cards();
        for (qint64 id :
             cards.findCards({}, QDateTime::currentDateTimeUtc()).value_or(QList<qint64>{})) {
            if (!cards.card(id)->builtinId.isEmpty())
                QVERIFY(cards.setSuspended(id, true));
        }
        page.refresh();
        item = deckItem(page, QStringLiteral("System design"));
        QVERIFY(item);
        deckList(page)->setCurrentItem(item);
        emit deckList(page)->itemActivated(item, 0);
        QVERIFY(page.isStudying());
        const std::optional<qint64> shown = reviewtest::shownCard(page, cards);
        QVERIFY(shown);
        QVERIFY(cards.card(*shown)->builtinId.isEmpty());
        QVERIFY(page.isStudying());
        page.showAnswer();
        const QString html = cardView(page)->toHtml();
        // The page colours copied into the deck are gone; bold stays.
        QVERIFY(!html.contains(QStringLiteral("#24292e"), Qt::CaseInsensitive));
        QVERIFY(!cardView(page)->toPlainText().trimmed().isEmpty());
    }

    void csvGoesThroughTheColumnMapping()
    {
        QTemporaryDir data;
        const QString csv = data.filePath(QStringLiteral("capitals.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Answer,Question,Tags\nParis,Capital of France?,geo\nRome,Capital of Italy?,geo\n");
        f.close();
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        bool sawProblem = false;
        QString summary;
        DialogScript script(
            {[&](QWidget *w) {
                 auto *dialog = qobject_cast<CsvImportDialog *>(w);
                 QVERIFY(dialog);
                 // The header row's guess: question is the front.
                 QCOMPARE(dialog->columnBox(CsvImportDialog::Front)->currentData().toInt(), 1);
                 QCOMPARE(dialog->deckEdit()->text(), QStringLiteral("capitals"));
                 // One column for two parts is refused, and said so.
                 dialog->columnBox(CsvImportDialog::Back)->setCurrentIndex(1);
                 QPushButton *import = nullptr;
                 for (QAbstractButton *b : dialog->buttons()->buttons()) {
                     if (dialog->buttons()->buttonRole(b) == QDialogButtonBox::AcceptRole)
                         import = qobject_cast<QPushButton *>(b);
                 }
                 QVERIFY(import);
                 sawProblem = !import->isEnabled() && !dialog->problem()->text().isEmpty();
                 dialog->columnBox(CsvImportDialog::Back)->setCurrentIndex(0);
                 dialog->deckEdit()->setText(QStringLiteral("Capitals"));
                 QVERIFY(import->isEnabled());
                 import->click();
             },
             [&](QWidget *w) {
                 summary = boxText(w);
                 acceptBox(w);
             }});
        page.importCardsFrom(csv);
        QVERIFY(script.done());
        QVERIFY(sawProblem);
        QVERIFY2(summary.contains(QStringLiteral("2 notes added")), qPrintable(summary));
        QTreeWidgetItem *item = deckItem(page, QStringLiteral("Capitals"));
        QVERIFY(item);
        QCOMPARE(item->text(1).toInt(), 2);
        const auto deck = pageWorkspace.cards().decks();
        bool front = false;
        for (const auto &d : deck) {
            if (d.name != u"Capitals")
                continue;
            const auto batch = pageWorkspace.cards().exportBatch(d.id);
            front = batch && batch->notes[0].cards[0].front == u"Capital of France?" &&
                    batch->notes[0].cards[0].back == u"Paris";
        }
        QVERIFY(front);
    }

    void aBrokenFileIsRefusedAndChangesNothing()
    {
        QTemporaryDir data;
        const QString bad = data.filePath(QStringLiteral("broken.apkg"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 truncated");
        f.close();
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        const qint64 notes = pageWorkspace.cards().stats(QDateTime::currentDateTimeUtc()).notes;
        QString warning;
        DialogScript script({[&](QWidget *w) {
            warning = boxText(w);
            acceptBox(w);
        }});
        page.importCardsFrom(bad);
        QVERIFY(script.done());
        QVERIFY2(warning.contains(QStringLiteral("not a zip archive")), qPrintable(warning));
        QVERIFY(warning.contains(QStringLiteral("not changed")));
        QCOMPARE(pageWorkspace.cards().stats(QDateTime::currentDateTimeUtc()).notes, notes);
    }

    void exportWritesTheSelectedDeck()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        deckList(page)->setCurrentItem(deckList(page)->topLevelItem(0));
        const QString deckName = deckList(page)->topLevelItem(0)->text(0);
        const QString out = data.filePath(QStringLiteral("deck.apkg"));
        QString summary;
        QString suggested;
        DialogScript script({[&](QWidget *w) {
                                 auto *dialog = qobject_cast<QFileDialog *>(w);
                                 QVERIFY(dialog);
                                 // The dialog suggests the deck's name; type
                                 // our own, as a user would.
                                 auto *name =
                                     dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                                 QVERIFY(name);
                                 suggested = name->text();
                                 name->setText(out);
                                 static_cast<QDialog *>(dialog)->accept();
                             },
                             [&](QWidget *w) {
                                 summary = boxText(w);
                                 acceptBox(w);
                             }});
        page.exportAction()->trigger();
        QVERIFY(script.done());
        QVERIFY2(summary.contains(deckName), qPrintable(summary));
        QCOMPARE(suggested, deckName + QStringLiteral(".apkg"));
        QString error;
        const auto package = sds::cards::readAnkiPackage(out, &error);
        QVERIFY2(package, qPrintable(error));
        QVERIFY(!package->notes.isEmpty());
        QVERIFY(summary.contains(QString::number(package->notes.size())));
    }

    void anImportedImageIsShownFromTheCollection()
    {
        QTemporaryDir data;
        Workspace pageWorkspace(data.path(), ContentPaths(kBuiltIn));
        ReviewPage page(pageWorkspace);
        QImage dot(4, 4, QImage::Format_RGB32);
        dot.fill(Qt::red);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(dot.save(&buffer, "PNG"));
        sds::cards::ImportBatch batch;
        batch.origin = QStringLiteral("anki");
        batch.media.insert(QStringLiteral("dot.png"), png);
        sds::cards::ImportedNote note;
        note.guid = QStringLiteral("img-note");
        note.deck = QStringLiteral("Pictures");
        note.cards.append({0,
                           QStringLiteral("What colour? <img src=\"dot.png\">"),
                           QStringLiteral("Red"),
                           std::nullopt,
                           false,
                           {}});
        batch.notes.append(note);
        QVERIFY(pageWorkspace.cards().importBatch(batch));
        page.refresh();
        QTreeWidgetItem *item = deckItem(page, QStringLiteral("Pictures"));
        QVERIFY(item);
        emit deckList(page)->itemActivated(item, 0);
        QVERIFY(page.isStudying());
        const QVariant shown = cardView(page)->document()->resource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("dot.png")));
        QVERIFY(shown.isValid());
        QCOMPARE(shown.value<QImage>().pixelColor(1, 1), QColor(Qt::red));
    }
};

QTEST_MAIN(TestCardTransfer)
#include "tst_cardtransfer.moc"
