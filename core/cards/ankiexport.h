#pragma once

#include "core/cards/importbatch.h"

#include <QString>

/**
 * Writes notes to an Anki deck package in the legacy layout every Anki
 * version opens: `collection.anki2` (schema 11, note types and decks as JSON
 * in `col`), a JSON `media` map and the media files named 0, 1, 2…. Each
 * note becomes a two-field note ("Front", "Back") with the card's question
 * and answer as HTML and its guid kept, so importing the file again updates
 * instead of duplicating. Scheduling goes out as Anki's card columns plus
 * the FSRS memory in `cards.data` ({"s", "d"}), and the review log as
 * `revlog`, from which our importer rebuilds the same memory state.
 */
namespace sds::cards {

bool writeAnkiPackage(const QString &path, const ImportBatch &batch, QString *error);

} // namespace sds::cards
