// Collection's study side: what is due, the next card, answers and undo.
#include "core/cards/cardrow.h"
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"
#include "core/srs/fuzz.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace sds::cards {
namespace {

// Cards that may be studied at all; binds now, then the deck when given.
QString studyable(std::optional<qint64> deckId)
{
    return QStringLiteral(" c.suspended = 0 AND c.buried_until <= ? AND n.retired = 0%1 ")
        .arg(deckId ? QStringLiteral(" AND c.deck_id = ?") : QString());
}

QVariantList studyableBinds(std::optional<qint64> deckId, qint64 now)
{
    QVariantList binds{now};
    if (deckId)
        binds.append(*deckId);
    return binds;
}

qint64 startOfUtcDayMs(const QDateTime &now)
{
    return QDateTime(now.toUTC().date(), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

int Collection::newCardsLeftToday(const QDateTime &now) const
{
    QSqlQuery q(m_file.database());
    // A card answered while New was started that day; undo removes its row
    // and so gives the card back to the day's allowance.
    if (!detail::exec(q,
                      QStringLiteral("SELECT count(*) FROM revlog WHERE time >= ? AND time < ? "
                                     "AND before_state = 0"),
                      {startOfUtcDayMs(now), startOfUtcDayMs(now) + 86'400'000}) ||
        !q.next())
        return 0;
    return std::max(0, newCardsPerDay() - q.value(0).toInt());
}

StudyCounts Collection::counts(std::optional<qint64> deckId, const QDateTime &now) const
{
    if (deckId) {
        for (const DeckCounts &d : countsPerDeck(now)) {
            if (d.deck.id == *deckId)
                return d.counts;
        }
        return {};
    }
    StudyCounts all;
    if (!isOpen())
        return all;
    const qint64 at = now.toSecsSinceEpoch();
    QSqlQuery q(m_file.database());
    if (!detail::exec(q,
                      QStringLiteral("SELECT total(c.state = 0), "
                                     "total(c.state IN (1, 3) AND c.due <= ?), "
                                     "total(c.state = 2 AND c.due <= ?), "
                                     "total(c.state IN (1, 3) AND c.due > ? AND c.due < ?) "
                                     "FROM cards c JOIN notes n ON n.id = c.note_id WHERE") +
                          studyable({}),
                      {at, at, at, detail::startOfNextUtcDay(now).toSecsSinceEpoch(), at}) ||
        !q.next()) {
        fail(q.lastError().text());
        return all;
    }
    all.newWaiting = q.value(0).toInt();
    all.newCards = std::min(all.newWaiting, newCardsLeftToday(now));
    all.learning = q.value(1).toInt();
    all.review = q.value(2).toInt();
    all.learningLater = q.value(3).toInt();
    return all;
}

QList<DeckCounts> Collection::countsPerDeck(const QDateTime &now) const
{
    QList<DeckCounts> out;
    if (!isOpen())
        return out;
    const qint64 at = now.toSecsSinceEpoch();
    QSqlQuery q(m_file.database());
    if (!detail::exec(q,
                      QStringLiteral("SELECT c.deck_id, total(c.state = 0), "
                                     "total(c.state IN (1, 3) AND c.due <= ?), "
                                     "total(c.state = 2 AND c.due <= ?), "
                                     "total(c.state IN (1, 3) AND c.due > ? AND c.due < ?) "
                                     "FROM cards c JOIN notes n ON n.id = c.note_id WHERE") +
                          studyable({}) + QStringLiteral("GROUP BY c.deck_id"),
                      {at, at, at, detail::startOfNextUtcDay(now).toSecsSinceEpoch(), at})) {
        fail(q.lastError().text());
        return out;
    }
    // The daily limit is one for the whole collection, so each deck shows
    // its own new cards, at most what is left of that shared allowance.
    const int left = newCardsLeftToday(now);
    QHash<qint64, StudyCounts> byDeck;
    while (q.next()) {
        StudyCounts c;
        c.newWaiting = q.value(1).toInt();
        c.newCards = std::min(c.newWaiting, left);
        c.learning = q.value(2).toInt();
        c.review = q.value(3).toInt();
        c.learningLater = q.value(4).toInt();
        byDeck.insert(q.value(0).toLongLong(), c);
    }
    for (const Deck &d : decks())
        out.append({d, byDeck.value(d.id)});
    return out;
}

std::optional<Card> Collection::nextCard(std::optional<qint64> deckId, const QDateTime &now) const
{
    if (!isOpen())
        return std::nullopt;
    const qint64 at = now.toSecsSinceEpoch();
    QSqlQuery q(m_file.database());
    bool ok = true;
    // One state at a time: "state = ?" reads the (state, due) index in
    // order and stops at the first card that may be studied, where
    // "state IN (1, 3)" would sort every due learning card first.
    const auto first = [&](srs::State state, bool dueOnly) -> std::optional<Card> {
        QVariantList binds = studyableBinds(deckId, at);
        binds.append(int(state));
        QString sql = detail::selectCards() + QStringLiteral(" WHERE") + studyable(deckId) +
                      QStringLiteral("AND c.state = ?");
        if (dueOnly) {
            sql += QStringLiteral(" AND c.due <= ?");
            binds.append(at);
        }
        if (!detail::exec(q, sql + QStringLiteral(" ORDER BY c.due, c.id LIMIT 1"), binds)) {
            ok = fail(q.lastError().text());
            return std::nullopt;
        }
        return q.next() ? std::optional<Card>(detail::readCard(q)) : std::nullopt;
    };
    const std::optional<Card> learning = first(srs::State::Learning, true);
    const std::optional<Card> relearning = ok ? first(srs::State::Relearning, true) : std::nullopt;
    if (learning && relearning) {
        const auto key = [](const Card &c) {
            return std::pair(c.schedule.due, c.id);
        };
        return key(*relearning) < key(*learning) ? relearning : learning;
    }
    if (learning || relearning || !ok)
        return learning ? learning : relearning;
    if (std::optional<Card> review = first(srs::State::Review, true); review || !ok)
        return review;
    if (newCardsLeftToday(now) <= 0)
        return std::nullopt;
    return first(srs::State::New, false);
}

std::optional<srs::CardState> Collection::answer(qint64 cardId, srs::Rating rating,
                                                 const QDateTime &now, int durationMs)
{
    const auto failed = [this](const QString &message) {
        fail(message);
        return std::nullopt;
    };
    if (int(rating) < 1 || int(rating) > 4)
        return failed(QStringLiteral("a rating is 1 (Again) to 4 (Easy)"));
    if (!now.isValid() || durationMs < 0)
        return failed(QStringLiteral("an answer needs a valid time and a duration of 0 or more"));
    const srs::SchedulerParams params = schedulerParams();
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<srs::CardState> {
        QSqlQuery q(db);
        if (!detail::exec(q,
                          QStringLiteral("SELECT %1 FROM cards WHERE id = ?")
                              .arg(detail::stateColumnList({})),
                          {cardId}))
            return sds::fail(q.lastError().text());
        if (!q.next())
            return sds::fail(QStringLiteral("there is no card %1").arg(cardId));
        const srs::CardState before = detail::readState(q, 0);
        q.finish();
        // The file keeps whole seconds; scheduling from the whole second makes
        // the stored card exactly what the scheduler computed.
        const srs::CardState after = srs::review(before, rating, detail::wholeSecond(now), params,
                                                 srs::fuzzSeed(quint64(cardId), before.reps));

        QStringList sets;
        for (const QString &c : detail::stateColumns())
            sets.append(c + QStringLiteral(" = ?"));
        if (!detail::exec(q,
                          QStringLiteral("UPDATE cards SET %1 WHERE id = ?").arg(sets.join(u',')),
                          detail::stateValues(after) + QVariantList{cardId}))
            return sds::fail(q.lastError().text());
        if (!detail::exec(
                q,
                QStringLiteral("INSERT INTO revlog (card_id, time, rating, duration, %1, %2) "
                               "VALUES (?, ?, ?, ?, %3, %3)")
                    .arg(detail::stateColumnList(QStringLiteral("before_")),
                         detail::stateColumnList(QStringLiteral("after_")),
                         detail::placeholders(int(detail::stateColumns().size()))),
                QVariantList{cardId, now.toMSecsSinceEpoch(), int(rating), durationMs} +
                    detail::stateValues(before) + detail::stateValues(after)))
            return sds::fail(q.lastError().text());
        return after;
    }));
}

std::optional<qint64> Collection::undoLastAnswer()
{
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<qint64> {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT id, card_id, %1 FROM revlog ORDER BY id DESC LIMIT 1")
                        .arg(detail::stateColumnList(QStringLiteral("before_")))))
            return sds::fail(q.lastError().text());
        if (!q.next())
            return sds::fail(QStringLiteral("there is no answer to undo"));
        const qint64 logId = q.value(0).toLongLong();
        const qint64 cardId = q.value(1).toLongLong();
        const srs::CardState before = detail::readState(q, 2);
        q.finish();
        QStringList sets;
        for (const QString &c : detail::stateColumns())
            sets.append(c + QStringLiteral(" = ?"));
        if (!detail::exec(q,
                          QStringLiteral("UPDATE cards SET %1 WHERE id = ?").arg(sets.join(u',')),
                          detail::stateValues(before) + QVariantList{cardId}) ||
            !detail::exec(q, QStringLiteral("DELETE FROM revlog WHERE id = ?"), {logId}))
            return sds::fail(q.lastError().text());
        return cardId;
    }));
}

QList<ReviewLogEntry> Collection::reviewLog(qint64 cardId) const
{
    QList<ReviewLogEntry> out;
    QSqlQuery q(m_file.database());
    if (!isOpen() ||
        !detail::exec(q,
                      QStringLiteral("SELECT id, card_id, time, rating, duration, %1, %2 FROM "
                                     "revlog WHERE card_id = ? ORDER BY id")
                          .arg(detail::stateColumnList(QStringLiteral("before_")),
                               detail::stateColumnList(QStringLiteral("after_"))),
                      {cardId}))
        return out;
    const int width = int(detail::stateColumns().size());
    while (q.next()) {
        ReviewLogEntry e;
        e.id = q.value(0).toLongLong();
        e.cardId = q.value(1).toLongLong();
        e.time = detail::fromMsecs(q.value(2).toLongLong());
        e.rating = srs::Rating(q.value(3).toInt());
        e.durationMs = q.value(4).toInt();
        e.before = detail::readState(q, 5);
        e.after = detail::readState(q, 5 + width);
        out.append(e);
    }
    return out;
}

CollectionStats Collection::stats(const QDateTime &now) const
{
    CollectionStats s;
    QSqlQuery q(m_file.database());
    if (!isOpen() ||
        !q.exec(QStringLiteral("SELECT (SELECT count(*) FROM decks), (SELECT count(*) "
                               "FROM notes), (SELECT count(*) FROM cards), (SELECT "
                               "count(*) FROM revlog)")) ||
        !q.next())
        return s;
    s.decks = q.value(0).toLongLong();
    s.notes = q.value(1).toLongLong();
    s.cards = q.value(2).toLongLong();
    s.reviews = q.value(3).toLongLong();
    s.due = counts({}, now);
    return s;
}

} // namespace sds::cards
