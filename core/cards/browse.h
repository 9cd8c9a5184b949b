#pragma once

#include "core/srs/fsrs.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * What the card browser asks of a collection. A search is a list of terms
 * that must all hold, parsed from text the learner types: plain words (or
 * "quoted phrases") that the front or the back must contain, tag:NAME,
 * deck:NAME and is:STATE, each negated by a leading "-"; "*" is a wildcard
 * in any of them and case is ignored (for ASCII letters, as SQLite's LIKE
 * does). tag:a also matches the Anki-style child tag a::b, and deck:a the
 * deck a::b. The whole search, filter and sort run in SQL, so the browser
 * holds only the matching card ids and fetches the rows it shows, which
 * keeps it quick with 100,000 cards. Collection::findCards() and
 * Collection::browseRows() run it.
 */
namespace sds::cards {

/** is:new, is:learning, is:review, is:relearning, is:due, is:suspended, is:buried, is:retired. */
enum class CardFilter { New, Learning, Review, Relearning, Due, Suspended, Buried, Retired };

/** The browser's columns, which are also the orders a search can sort by. */
enum class BrowseColumn { Front, Deck, Tags, State, Due, Interval, Reps, Lapses, Added };

struct SearchTerm {
    enum class Kind { Text, Tag, Deck, Is };
    Kind kind = Kind::Text;
    QString value;                       ///< the text, tag or deck name; may hold * wildcards
    CardFilter filter = CardFilter::New; ///< for Kind::Is
    bool negated = false;
};

struct CardSearch {
    QList<SearchTerm> terms;
    std::optional<qint64> deckId;     ///< only this deck, besides any deck: term
    std::optional<CardFilter> filter; ///< and only cards in this state, besides any is: term
    BrowseColumn sortBy = BrowseColumn::Added;
    bool descending = false;
};

/** One card as the browser lists it. */
struct BrowseRow {
    qint64 cardId = 0;
    qint64 noteId = 0;
    qint64 deckId = 0;
    QString deck;
    QString front; ///< plain text on one line, HTML removed
    QStringList tags;
    srs::State state = srs::State::New;
    QDateTime due;        ///< for a New card, when it was added
    int intervalDays = 0; ///< scheduled_days: the interval the last answer set
    int reps = 0;
    int lapses = 0;
    bool suspended = false;
    bool buried = false; ///< buried at the time asked about
    bool retired = false;
};

/** The filter an is: word names ("new", "learn" or "learning", ...), or nullopt. */
std::optional<CardFilter> cardFilterFromName(QStringView name);
QString cardFilterName(CardFilter filter);

/**
 * Parses the search text into terms; nullopt with @p error set (to a
 * sentence for the learner) for an unclosed quote, an empty tag: or deck:,
 * or an is: word that is not a card state. Empty text matches every card.
 */
std::optional<QList<SearchTerm>> parseCardSearch(const QString &text, QString *error);

/**
 * Card text as one line of plain text: HTML (imported cards) loses its
 * tags, scripts and styles and has its entities decoded; our plain format
 * loses its ** and ` marks. Runs of white space become one space.
 */
QString cardPlainText(const QString &text, bool isHtml);

} // namespace sds::cards
