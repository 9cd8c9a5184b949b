#pragma once

#include "core/cards/collection.h"

#include <QDateTime>
#include <QList>

#include <array>
#include <optional>

/**
 * One sitting of study over a deck, or all decks: which card is up, whether
 * its answer is shown, and how many cards were answered and remembered
 * since the session began. Every change goes through the Collection's
 * public API (one transaction each), so the session holds no state the file
 * does not; it only remembers what the learner has seen. Time is passed in,
 * never read from a clock: the caller says what "now" is and how long the
 * card was on screen, which keeps the session testable without a GUI.
 */
namespace sds::cards {

class StudySession
{
public:
    /** Longest time on screen that an answer records; a card left open longer says nothing more. */
    static constexpr qint64 kMaxShownMs = 600'000;

    /** @p deck empty: all decks. The collection must outlive the session. */
    StudySession(Collection &collection, std::optional<qint64> deck);

    std::optional<qint64> deck() const { return m_deck; }
    /** The card up now, if any. */
    const std::optional<Card> &current() const { return m_current; }
    bool isAnswerShown() const { return m_answerShown; }
    /** Cards answered in this session (an undone answer no longer counts). */
    int reviewed() const { return int(m_answers.size()); }
    /** Of those, the ones not answered Again. */
    int correct() const;

    /** Moves on to the card Collection::nextCard gives at @p now; nullopt when none is due. */
    const std::optional<Card> &next(const QDateTime &now);
    /** Shows the current card's answer; false when there is no card. */
    bool showAnswer();
    /** What each grade would schedule for the current card at @p now, Again to Easy. */
    std::array<srs::CardState, 4> preview(const QDateTime &now) const;
    /**
     * Answers the current card at @p now after it was shown for @p shownForMs
     * (capped at kMaxShownMs). Needs the answer shown; false when it was not,
     * or when the collection refused (its error() says why). The card stays
     * current until next().
     */
    bool answer(srs::Rating rating, const QDateTime &now, qint64 shownForMs);
    /**
     * Takes the collection's latest answer back and makes its card current,
     * answer hidden; the tally drops it when this session gave it. False when
     * there is nothing to take back.
     */
    bool undo();
    /** Hides the current card until tomorrow; the caller then calls next(). */
    bool bury(const QDateTime &now);
    /** Suspends the current card; the caller then calls next(). */
    bool suspend();
    /** Rewords the current card and reads it back; false when it was not saved. */
    bool edit(const QString &front, const QString &back);
    /**
     * Reads the current card again after a change made elsewhere (the
     * browser); false, with no card current, when it was deleted or suspended.
     * The answer stays as shown or hidden.
     */
    bool reload();
    /** The session's deck's counts at @p now. */
    StudyCounts counts(const QDateTime &now) const;

private:
    struct Answer {
        qint64 cardId = 0;
        srs::Rating rating = srs::Rating::Good;
    };

    Collection &m_collection;
    std::optional<qint64> m_deck;
    std::optional<Card> m_current;
    bool m_answerShown = false;
    QList<Answer> m_answers; // this session's, oldest first, for the tally and undo
};

} // namespace sds::cards
