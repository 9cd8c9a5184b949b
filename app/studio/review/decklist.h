#pragma once

#include "core/cards/collection.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;

namespace sds::gui {

// The deck column of Review: every deck with its new / learning / due
// counts (double-click to study it), Study all, and the Browse, Stats and
// Optimise buttons. Right-click a deck for the actions given to
// setContextActions (export and import).
class DeckList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeckList)

public:
    // The collection is the optimiser's, which the Optimise button opens.
    explicit DeckList(cards::Collection &collection, QWidget *parent = nullptr);

    /**
     * Lists @p decks, keeping the learner's selection. @p newLeft of @p newPerDay new cards
     * may still be started today over all decks; the list says that limit is shared.
     */
    void setCounts(const QList<cards::DeckCounts> &decks, int newLeft, int newPerDay);
    /** The deck the learner picked, not the one a view makes current on focus. */
    std::optional<qint64> selectedDeck() const;
    void selectDeck(qint64 deckId);
    void setContextActions(const QList<QAction *> &actions);

signals:
    /** Empty: all decks. */
    void studyRequested(std::optional<qint64> deckId);
    /** The learner picked a deck, or cleared the pick (empty). */
    void deckSelected(std::optional<qint64> deckId);
    void browseRequested();
    void statsRequested();

private:
    QTreeWidget *m_decks = nullptr;
    QLabel *m_newLimit = nullptr;
    bool m_rebuilding = false; // setCounts's own selection changes are not the learner's
};

} // namespace sds::gui
