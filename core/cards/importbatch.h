#pragma once

#include "core/srs/fsrs.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

/**
 * What an import brings into the collection, whatever file it came from:
 * notes with their cards, each card's scheduling and review history, and
 * media files. Anki packages and CSV files are turned into a batch first
 * (ankiimport.h, csvimport.h); Collection::importBatch() then writes the
 * whole batch in one transaction, so a bad file changes nothing.
 */
namespace sds::cards {

struct ImportedReview {
    QDateTime time; ///< UTC, milliseconds
    srs::Rating rating = srs::Rating::Good;
    int durationMs = 0;
    srs::CardState before;
    srs::CardState after;
};

struct ImportedCard {
    int ordinal = 0;
    QString front;
    QString back;
    /** Empty: a new card, due at once. */
    std::optional<srs::CardState> schedule;
    bool suspended = false;
    QList<ImportedReview> reviews; ///< oldest first
};

struct ImportedNote {
    QString guid; ///< stable across exports: a second import updates instead of duplicating
    QJsonObject fields;
    QStringList tags;
    QString deck; ///< deck name; created when missing
    bool html = true;
    QList<ImportedCard> cards;
};

struct ImportBatch {
    QString origin; ///< "anki" or "csv"
    QList<ImportedNote> notes;
    QMap<QString, QByteArray> media;
    QStringList warnings; ///< things skipped, for the summary
};

struct ImportResult {
    int notesAdded = 0;
    int notesUpdated = 0;
    int notesUnchanged = 0;
    int cardsAdded = 0;
    int reviewsAdded = 0;
    int mediaAdded = 0;
    QStringList decks; ///< the decks the notes went to, sorted
    /** A deck name in the file, and the deck here it went into because the names differ only
        in case. */
    QList<std::pair<QString, QString>> decksMatched;
    QStringList warnings;
};

} // namespace sds::cards
