#include "app/studio/review/cardtransfer.h"

#include "app/studio/review/csvimportdialog.h"
#include "core/cards/ankiexport.h"
#include "core/cards/ankiimport.h"
#include "core/cards/transfer.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

namespace sds::gui::cardtransfer {
namespace {

QString tr(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("CardTransfer", text, comment, n);
}

struct ReadOutcome {
    std::optional<cards::ImportBatch> batch;
    std::optional<cards::CsvTable> table;
    QString error;
};

// Runs @p work on a worker thread while a progress dialog spins; nullopt
// when the learner cancelled. Reading a package is the slow part (unzip,
// zstd, SQLite, rendering every card) and touches no shared state.
template <typename Work>
std::optional<ReadOutcome> readWithProgress(QWidget *parent, const QString &label, Work work)
{
    ReadOutcome outcome;
    QProgressDialog progress(label, tr("Cancel"), 0, 0, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    QThread *thread = QThread::create([&] { outcome = work(); });
    bool finished = false;
    QObject::connect(thread, &QThread::finished, &progress, [&] {
        finished = true;
        progress.reset();
    });
    thread->start();
    while (!finished && !progress.wasCanceled())
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    // A cancelled read still has to end before its results go out of
    // scope; it holds no locks and writes nothing, so waiting is safe.
    thread->wait();
    delete thread;
    if (progress.wasCanceled() && !finished)
        return std::nullopt;
    return outcome;
}

void showResult(QWidget *parent, const QString &path, const cards::ImportResult &r)
{
    QString text = tr("Imported %1.").arg(QFileInfo(path).fileName());
    QString details = cards::describeImport(r) + QLatin1Char('.');
    if (!r.warnings.isEmpty())
        details += QStringLiteral("\n\n") + r.warnings.join(u'\n');
    QMessageBox box(QMessageBox::Information, tr("Import"), text, QMessageBox::Ok, parent);
    box.setInformativeText(details);
    box.exec();
}

} // namespace

bool importInteractively(QWidget *parent, cards::Collection &collection)
{
    const QString path = QFileDialog::getOpenFileName(
        parent, tr("Import Flashcards"),
        QStandardPaths::writableLocation(QStandardPaths::DownloadLocation),
        tr("Anki decks and text files (*.apkg *.csv *.tsv *.txt);;Anki decks (*.apkg);;"
           "Text files (*.csv *.tsv *.txt);;All files (*)"));
    if (path.isEmpty())
        return false;
    return importFile(parent, collection, path);
}

bool importFile(QWidget *parent, cards::Collection &collection, const QString &path)
{
    QFile file(path);
    QByteArray head;
    if (file.open(QIODevice::ReadOnly))
        head = file.read(4);
    file.close();
    const bool anki =
        head.startsWith("PK") || path.endsWith(QStringLiteral(".apkg"), Qt::CaseInsensitive);
    const srs::SchedulerParams params = collection.schedulerParams();
    const auto outcome =
        readWithProgress(parent, tr("Reading %1…").arg(QFileInfo(path).fileName()), [=] {
            ReadOutcome o;
            if (anki) {
                o.batch = cards::readAnkiImport(path, params, &o.error);
                return o;
            }
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                o.error = f.errorString();
                return o;
            }
            o.table = cards::parseCsv(f.readAll(), &o.error);
            return o;
        });
    if (!outcome)
        return false;
    std::optional<cards::ImportBatch> batch = outcome->batch;
    if (!anki && outcome->table) {
        CsvImportDialog dialog(*outcome->table, QFileInfo(path).completeBaseName(), parent);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        batch = dialog.batch();
    }
    if (!batch) {
        QMessageBox::warning(parent, tr("Import"),
                             tr("%1 could not be imported: %2\n\nYour collection was not changed.")
                                 .arg(QFileInfo(path).fileName(), outcome->error));
        return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const std::optional<cards::ImportResult> result = collection.importBatch(*batch);
    QApplication::restoreOverrideCursor();
    if (!result) {
        QMessageBox::warning(
            parent, tr("Import"),
            tr("%1 could not be imported: %2").arg(QFileInfo(path).fileName(), collection.error()));
        return false;
    }
    showResult(parent, path, *result);
    return result->notesAdded + result->notesUpdated + result->mediaAdded > 0;
}

void exportInteractively(QWidget *parent, const cards::Collection &collection, qint64 deckId)
{
    QString deckName;
    for (const cards::Deck &d : collection.decks()) {
        if (d.id == deckId)
            deckName = d.name;
    }
    if (deckName.isEmpty()) {
        QMessageBox::information(parent, tr("Export Deck"), tr("Select a deck to export first."));
        return;
    }
    QString safe = deckName;
    safe.replace(QRegularExpression(QStringLiteral("[^\\w\\- ]+")), QStringLiteral("-"));
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        parent, tr("Export \"%1\"").arg(deckName),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' + safe +
            QStringLiteral(".apkg"),
        tr("Anki deck package (*.apkg);;CSV with Anki's header lines (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter.contains(QStringLiteral("csv")) ? QStringLiteral(".csv")
                                                       : QStringLiteral(".apkg");
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const std::optional<int> notes = cards::exportDeck(collection, deckName, path, &error);
    QApplication::restoreOverrideCursor();
    if (!notes) {
        QMessageBox::warning(parent, tr("Export Deck"),
                             tr("The deck was not exported: %1").arg(error));
        return;
    }
    QMessageBox::information(parent, tr("Export Deck"),
                             tr("%n note(s) of \"%1\" written to %2.", nullptr, *notes)
                                 .arg(deckName, QFileInfo(path).fileName()));
}

} // namespace sds::gui::cardtransfer
