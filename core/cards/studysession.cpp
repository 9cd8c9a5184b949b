#include "core/cards/studysession.h"

#include "core/srs/fuzz.h"

#include <algorithm>

namespace sds::cards {

StudySession::StudySession(Collection &collection, std::optional<qint64> deck)
    : m_collection(collection)
    , m_deck(deck)
{}

int StudySession::correct() const
{
    return int(std::count_if(m_answers.cbegin(), m_answers.cend(),
                             [](const Answer &a) { return a.rating != srs::Rating::Again; }));
}

const std::optional<Card> &StudySession::next(const QDateTime &now)
{
    m_current = m_collection.nextCard(m_deck, now);
    m_answerShown = false;
    return m_current;
}

bool StudySession::showAnswer()
{
    if (!m_current)
        return false;
    m_answerShown = true;
    return true;
}

std::array<srs::CardState, 4> StudySession::preview(const QDateTime &now) const
{
    if (!m_current)
        return {};
    // The seed Collection::answer uses, so each label is what that grade gives.
    return srs::preview(m_current->schedule, now, m_collection.schedulerParams(),
                        srs::fuzzSeed(quint64(m_current->id), m_current->schedule.reps));
}

bool StudySession::answer(srs::Rating rating, const QDateTime &now, qint64 shownForMs)
{
    if (!m_current || !m_answerShown)
        return false;
    const int ms = int(std::clamp<qint64>(shownForMs, 0, kMaxShownMs));
    if (!m_collection.answer(m_current->id, rating, now, ms))
        return false;
    m_answers.append({m_current->id, rating});
    return true;
}

bool StudySession::undo()
{
    const std::optional<qint64> id = m_collection.undoLastAnswer();
    if (!id)
        return false;
    // The latest answer may predate this session; then the tally keeps its own.
    if (!m_answers.isEmpty() && m_answers.last().cardId == *id)
        m_answers.removeLast();
    m_current = m_collection.card(*id);
    m_answerShown = false;
    return true;
}

bool StudySession::bury(const QDateTime &now)
{
    return m_current && m_collection.buryUntilTomorrow(m_current->id, now);
}

bool StudySession::suspend()
{
    return m_current && m_collection.setSuspended(m_current->id, true);
}

bool StudySession::edit(const QString &front, const QString &back)
{
    if (!m_current || !m_collection.editCard(m_current->id, front, back))
        return false;
    reload();
    return true;
}

bool StudySession::reload()
{
    if (!m_current)
        return false;
    std::optional<Card> card = m_collection.card(m_current->id);
    if (!card || card->suspended) {
        m_current.reset();
        m_answerShown = false;
        return false;
    }
    m_current = std::move(card);
    return true;
}

StudyCounts StudySession::counts(const QDateTime &now) const
{
    return m_collection.counts(m_deck, now);
}

} // namespace sds::cards
