// Collection's editing side: decks, notes and cards, each change one transaction.
#include "core/cards/cardrow.h"
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace sds::cards {

QList<Deck> Collection::decks() const
{
    QList<Deck> out;
    QSqlQuery q(m_file.database());
    if (!isOpen() ||
        !q.exec(QStringLiteral("SELECT id, name, builtin_id FROM decks ORDER BY name, id")))
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
    return out;
}

std::optional<qint64> Collection::addDeck(const QString &name)
{
    const QString clean = name.simplified();
    if (clean.isEmpty()) {
        fail(QStringLiteral("a deck needs a name"));
        return std::nullopt;
    }
    const Result<QSqlQuery> q =
        m_file.query(QStringLiteral("INSERT INTO decks (name, created) VALUES (?, ?)"),
                     {clean, QDateTime::currentSecsSinceEpoch()});
    if (!q) {
        fail(q.error());
        return std::nullopt;
    }
    return q->lastInsertId().toLongLong();
}

std::optional<QList<qint64>> Collection::addNotes(const QList<NewNote> &notes)
{
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<QList<qint64>> {
        // Prepared once, bound per note: adding many notes stays fast.
        QSqlQuery noteQuery(db);
        QSqlQuery cardQuery(db);
        noteQuery.prepare(QStringLiteral("INSERT INTO notes (guid, fields, tags, topic, origin, "
                                         "modified) VALUES (?, ?, ?, ?, ?, ?)"));
        cardQuery.prepare(
            QStringLiteral("INSERT INTO cards (note_id, deck_id, ordinal, front, back, "
                           "format, %1) VALUES (?, ?, 0, ?, ?, ?, %2)")
                .arg(detail::stateColumnList({}),
                     detail::placeholders(int(detail::stateColumns().size()))));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<qint64> ids;
        ids.reserve(notes.size());
        for (qsizetype i = 0; i < notes.size(); ++i) {
            const NewNote &n = notes[i];
            if (n.front.trimmed().isEmpty() || n.back.trimmed().isEmpty())
                return sds::fail(
                    QStringLiteral("note %1: the front and the back must not be empty").arg(i + 1));
            QJsonObject fields = n.fields;
            if (fields.isEmpty())
                fields = {{QStringLiteral("Front"), n.front}, {QStringLiteral("Back"), n.back}};
            const QVariantList noteValues = {
                n.guid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : n.guid,
                QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)),
                detail::joinTags(n.tags),
                n.topic.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(n.topic),
                detail::originName(n.origin),
                now.toSecsSinceEpoch()};
            for (int b = 0; b < noteValues.size(); ++b)
                noteQuery.bindValue(b, noteValues[b]);
            if (!noteQuery.exec())
                return sds::fail(
                    QStringLiteral("note %1: %2").arg(i + 1).arg(noteQuery.lastError().text()));
            QVariantList cardValues = {noteQuery.lastInsertId(), n.deckId, n.front, n.back,
                                       int(n.format)};
            srs::CardState schedule = n.schedule ? *n.schedule : srs::newCard(now);
            if (!schedule.due.isValid())
                schedule.due = now;
            cardValues += detail::stateValues(schedule);
            for (int b = 0; b < cardValues.size(); ++b)
                cardQuery.bindValue(b, cardValues[b]);
            if (!cardQuery.exec())
                return sds::fail(
                    QStringLiteral("note %1: %2").arg(i + 1).arg(cardQuery.lastError().text()));
            ids.append(cardQuery.lastInsertId().toLongLong());
        }
        return ids;
    }));
}

std::optional<Card> Collection::card(qint64 cardId) const
{
    QSqlQuery q(m_file.database());
    if (!isOpen() ||
        !detail::exec(q, detail::selectCards() + QStringLiteral(" WHERE c.id = ?"), {cardId}))
        return std::nullopt;
    if (!q.next())
        return std::nullopt;
    return detail::readCard(q);
}

bool Collection::editCard(qint64 cardId, const QString &front, const QString &back)
{
    if (front.trimmed().isEmpty() || back.trimmed().isEmpty())
        return fail(QStringLiteral("the front and the back must not be empty"));
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<void> {
        QSqlQuery q(db);
        if (!detail::exec(
                q,
                QStringLiteral("SELECT n.id, n.origin, n.fields FROM cards c JOIN notes n "
                               "ON n.id = c.note_id WHERE c.id = ?"),
                {cardId}))
            return sds::fail(q.lastError().text());
        if (!q.next())
            return sds::fail(QStringLiteral("there is no card %1").arg(cardId));
        const qint64 noteId = q.value(0).toLongLong();
        const bool builtin = q.value(1).toString() == u"builtin";
        QJsonObject fields = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
        q.finish();
        if (!detail::exec(q, QStringLiteral("UPDATE cards SET front = ?, back = ? WHERE id = ?"),
                          {front, back, cardId}))
            return sds::fail(q.lastError().text());
        // A built-in note's fields keep the shipped text, which is how a merge
        // tells a new wording from the learner's own edit. A two-field note of
        // the learner's follows the card.
        const QString frontKey = QStringLiteral("Front"), backKey = QStringLiteral("Back");
        if (!builtin && fields.size() == 2 && fields.contains(frontKey) &&
            fields.contains(backKey)) {
            fields.insert(frontKey, front);
            fields.insert(backKey, back);
        }
        if (!detail::exec(q,
                          QStringLiteral("UPDATE notes SET fields = ?, modified = ? WHERE id = ?"),
                          {QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)),
                           QDateTime::currentSecsSinceEpoch(), noteId}))
            return sds::fail(q.lastError().text());
        return {};
    }));
}

bool Collection::deleteNote(qint64 noteId)
{
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<void> {
        QSqlQuery q(db);
        // Cards and their review log go with the note (ON DELETE CASCADE).
        if (!detail::exec(q, QStringLiteral("DELETE FROM notes WHERE id = ?"), {noteId}))
            return sds::fail(q.lastError().text());
        if (q.numRowsAffected() != 1)
            return sds::fail(QStringLiteral("there is no note %1").arg(noteId));
        return {};
    }));
}

bool Collection::setSuspended(qint64 cardId, bool suspended)
{
    // One statement is one transaction in SQLite.
    const Result<QSqlQuery> q = m_file.query(
        QStringLiteral("UPDATE cards SET suspended = ? WHERE id = ?"), {suspended ? 1 : 0, cardId});
    if (!q)
        return fail(q.error());
    return q->numRowsAffected() == 1 || fail(QStringLiteral("there is no card %1").arg(cardId));
}

bool Collection::buryUntilTomorrow(qint64 cardId, const QDateTime &now)
{
    const Result<QSqlQuery> q =
        m_file.query(QStringLiteral("UPDATE cards SET buried_until = ? WHERE id = ?"),
                     {detail::toSecs(detail::startOfNextUtcDay(now)), cardId});
    if (!q)
        return fail(q.error());
    return q->numRowsAffected() == 1 || fail(QStringLiteral("there is no card %1").arg(cardId));
}

} // namespace sds::cards
