#pragma once

#include "core/cards/collection.h"

#include <QString>

class QWidget;

namespace sds::gui {

// The Import and Export commands of Review mode. Import takes an Anki
// package or a CSV/TSV file (asking how its columns map for the latter),
// reads it on a worker thread behind a progress dialog that can be
// cancelled, writes it in one transaction and says what it added, updated
// and skipped. Export writes one deck as an Anki package or CSV.
namespace cardtransfer {

/** Asks for a file and imports it; true when the collection changed. */
bool importInteractively(QWidget *parent, cards::Collection &collection);

/** Imports @p path (asking only for a CSV mapping); true when the collection changed. */
bool importFile(QWidget *parent, cards::Collection &collection, const QString &path);

/** Asks for a file name and writes deck @p deckId to it. */
void exportInteractively(QWidget *parent, const cards::Collection &collection, qint64 deckId);

} // namespace cardtransfer
} // namespace sds::gui
