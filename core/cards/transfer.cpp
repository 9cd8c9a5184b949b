#include "core/cards/transfer.h"

#include "core/atomicwrite.h"
#include "core/cards/ankiexport.h"
#include "core/cards/ankiimport.h"
#include "core/cards/csvcards.h"

#include <QFile>
#include <QFileInfo>

namespace sds::cards {

std::optional<ImportResult> importFile(Collection &collection, const QString &path, QString *error,
                                       const QString &csvDeck, const AnkiReadLimits &limits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray head = file.read(4);
    file.close();
    const QString suffix = QFileInfo(path).suffix().toLower();
    std::optional<ImportBatch> batch;
    if (head.startsWith("PK") || suffix == u"apkg" || suffix == u"colpkg")
        batch = readAnkiImport(path, collection.schedulerParams(), error, limits);
    else
        batch = readCsvImport(path, csvDeck, error);
    if (!batch)
        return std::nullopt;
    std::optional<ImportResult> result = collection.importBatch(*batch);
    if (!result)
        *error = collection.error();
    return result;
}

std::optional<Deck> findDeck(const Collection &collection, const QString &deckName, QString *error)
{
    QStringList names;
    const QList<Deck> decks = collection.decks();
    // An exact match wins over one that differs only in case ("System
    // design" is built in; an imported deck may be "System Design").
    for (const Deck &d : decks) {
        if (d.name == deckName.simplified())
            return d;
    }
    for (const Deck &d : decks) {
        if (d.name.compare(deckName.simplified(), Qt::CaseInsensitive) == 0)
            return d;
        names.append(d.name);
    }
    *error = QStringLiteral("there is no deck \"%1\"; the decks are: %2")
                 .arg(deckName, names.join(QStringLiteral(", ")));
    return std::nullopt;
}

std::optional<int> exportDeck(const Collection &collection, const QString &deckName,
                              const QString &path, QString *error)
{
    const std::optional<Deck> deck = findDeck(collection, deckName, error);
    if (!deck)
        return std::nullopt;
    const std::optional<ImportBatch> batch = collection.exportBatch(deck->id);
    if (!batch) {
        *error = collection.error();
        return std::nullopt;
    }
    if (QFileInfo(path).suffix().toLower() == u"apkg") {
        if (!writeAnkiPackage(path, *batch, error))
            return std::nullopt;
        return int(batch->notes.size());
    }
    if (const Result<void> saved = writeFileAtomically(path, writeCsv(*batch)); !saved) {
        *error = saved.error();
        return std::nullopt;
    }
    return int(batch->notes.size());
}

QString describeImport(const ImportResult &r)
{
    QString s = QStringLiteral("%1 notes added, %2 updated, %3 unchanged; %4 cards and %5 "
                               "reviews added")
                    .arg(r.notesAdded)
                    .arg(r.notesUpdated)
                    .arg(r.notesUnchanged)
                    .arg(r.cardsAdded)
                    .arg(r.reviewsAdded);
    if (r.mediaAdded > 0)
        s += QStringLiteral(", %1 media files").arg(r.mediaAdded);
    if (!r.decks.isEmpty())
        s += QStringLiteral(" (deck: %1)").arg(r.decks.join(QStringLiteral(", ")));
    // Said outright, so the learner is not left looking for the file's deck.
    for (const auto &[file, here] : r.decksMatched)
        s += QStringLiteral("; the file's deck \"%1\" went into your deck \"%2\", whose name "
                            "differs only in case")
                 .arg(file, here);
    return s;
}

} // namespace sds::cards
