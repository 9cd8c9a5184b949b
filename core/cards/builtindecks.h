#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * The decks that ship with the app (content/decks/<deck>/): a deck.json
 * naming the deck and one JSON file of cards per topic page. Each card has a
 * stable id, so merging a new app version into a learner's collection can
 * add, update and retire cards without losing review history. Loading never
 * throws a file away silently: every problem is reported with its file.
 */
namespace sds::cards {

struct BuiltinCard {
    QString id;    ///< stable across versions, unique across decks
    QString deck;  ///< deck id
    QString topic; ///< topic page id
    QString front;
    QString back;
    QStringList tags;
    bool retired = false;
};

struct BuiltinDeck {
    QString id;
    QString name;
    QString description;
    QList<BuiltinCard> cards; ///< in file order, files by name
};

struct BuiltinDecks {
    QList<BuiltinDeck> decks;
    QStringList errors; ///< "deck/file.json: message"

    const BuiltinDeck *find(const QString &id) const;
    int cardCount() const;
};

/** Reads every deck folder under @p decksFolder ("…/content/decks"). */
BuiltinDecks loadBuiltinDecks(const QString &decksFolder);

/**
 * Checks beyond parsing: ids unique across decks and shaped "<file>/<n>",
 * texts non-empty and free of HTML, each card's topic one of @p topicIds.
 */
QStringList checkBuiltinDecks(const BuiltinDecks &decks, const QStringList &topicIds);

} // namespace sds::cards
