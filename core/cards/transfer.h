#pragma once

#include "core/cards/ankipackage.h"
#include "core/cards/collection.h"
#include "core/cards/importbatch.h"

#include <QString>

#include <optional>

/**
 * Import and export as the app and the command line offer them: a file
 * that starts like a zip archive is an Anki package, anything else is read
 * as CSV/TSV text; an export's format follows the file name's extension
 * (.apkg, else CSV). Both work on whole decks, and an import is one
 * transaction: it lands whole or not at all.
 */
namespace sds::cards {

/** @p csvDeck: the deck for CSV rows without a deck column; empty: the file's base name. */
std::optional<ImportResult> importFile(Collection &collection, const QString &path, QString *error,
                                       const QString &csvDeck = {},
                                       const AnkiReadLimits &limits = {});

/** The deck named @p deckName (case-insensitive), or nullopt with @p error listing the decks. */
std::optional<Deck> findDeck(const Collection &collection, const QString &deckName, QString *error);

/** Writes deck @p deckName to @p path; the number of notes written, or nullopt. */
std::optional<int> exportDeck(const Collection &collection, const QString &deckName,
                              const QString &path, QString *error);

/** "42 notes added, 0 updated …" for a summary line. */
QString describeImport(const ImportResult &result);

} // namespace sds::cards
