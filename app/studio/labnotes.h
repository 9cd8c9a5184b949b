#pragma once

#include "core/diagram/diagramdata.h"
#include "core/result.h"

#include <QString>

namespace sds::cards {
class Collection;
}

namespace sds::gui {

// Cards the learner makes from the lab ("Make a flashcard"): they go to the
// deck "My lab notes", made on first use, and each keeps a copy of the design
// in the data folder's lab-notes folder, so the card's link reopens the design
// as it was when the card was made, whatever became of its file.
struct LabNoteCard {
    QString front;
    QString back;
    QString topic; // a topic page id, may be empty
    diagram::DiagramData design;
};

// Adds the card (with its link, when the copy could be written); the deck's name on success.
Result<QString> addLabNote(cards::Collection &cards, const QString &dataDir,
                           const LabNoteCard &card);

// The design a card's lab: link names; a clear message when it is gone or unreadable.
Result<diagram::DiagramData> loadLabNoteDesign(const QString &dataDir, const QString &fileName);

} // namespace sds::gui
