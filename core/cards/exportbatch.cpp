// Collection's export side: a deck's notes with their cards, scheduling and
// review logs, in the same form an import takes, so export and import are
// inverses of each other.
#include "core/cards/cardhtml.h"
#include "core/cards/cardrow.h"
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace sds::cards {

std::optional<ImportBatch> Collection::exportBatch(qint64 deckId) const
{
    if (!isOpen()) {
        fail(QStringLiteral("the collection is not open"));
        return std::nullopt;
    }
    const QSqlDatabase &db = m_file.database();
    QSqlQuery q(db);
    if (!detail::exec(q, QStringLiteral("SELECT name FROM decks WHERE id = ?"), {deckId}) ||
        !q.next()) {
        fail(QStringLiteral("there is no deck %1").arg(deckId));
        return std::nullopt;
    }
    const QString deckName = q.value(0).toString();
    // Read consistently: one snapshot for the cards and their logs.
    storage::Transaction t(db);
    ImportBatch batch;
    batch.origin = QStringLiteral("anki");
    if (!detail::exec(q,
                      QStringLiteral("SELECT n.guid, n.fields, n.tags, n.retired, c.id, c.ordinal, "
                                     "c.front, c.back, c.format, c.suspended, %1 FROM cards c "
                                     "JOIN notes n ON n.id = c.note_id WHERE c.deck_id = ? "
                                     "ORDER BY n.id, c.ordinal")
                          .arg(detail::stateColumnList(QStringLiteral("c."))),
                      {deckId})) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QHash<qint64, ImportedCard *> cardById;
    QList<qint64> cardIds;
    while (q.next()) {
        if (q.value(3).toBool())
            continue; // retired built-in cards are history, not deck content
        const QString guid = q.value(0).toString();
        if (batch.notes.isEmpty() || batch.notes.last().guid != guid) {
            ImportedNote note;
            note.guid = guid;
            note.fields = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
            note.tags = detail::splitTags(q.value(2).toString());
            note.deck = deckName;
            note.html = q.value(8).toInt() == 1;
            batch.notes.append(note);
        }
        ImportedNote &note = batch.notes.last();
        ImportedCard card;
        card.ordinal = q.value(5).toInt();
        card.front = q.value(6).toString();
        card.back = q.value(7).toString();
        card.suspended = q.value(9).toBool();
        card.schedule = detail::readState(q, 10);
        if (!note.html) {
            // The learner sees the card's text, edits included: that is
            // what the note's two fields carry out.
            note.fields = {{QStringLiteral("Front"), card.front},
                           {QStringLiteral("Back"), card.back}};
        }
        note.cards.append(card);
        cardIds.append(q.value(4).toLongLong());
    }
    // Pointers are taken once the lists stop growing.
    int index = 0;
    for (ImportedNote &note : batch.notes) {
        for (ImportedCard &card : note.cards)
            cardById.insert(cardIds[index++], &card);
    }
    if (!detail::exec(q,
                      QStringLiteral("SELECT r.card_id, r.time, r.rating, r.duration, %1, %2 FROM "
                                     "revlog r JOIN cards c ON c.id = r.card_id WHERE c.deck_id "
                                     "= ? ORDER BY r.id")
                          .arg(detail::stateColumnList(QStringLiteral("r.before_")),
                               detail::stateColumnList(QStringLiteral("r.after_"))),
                      {deckId})) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const int width = int(detail::stateColumns().size());
    while (q.next()) {
        ImportedCard *card = cardById.value(q.value(0).toLongLong());
        if (!card)
            continue;
        card->reviews.append({detail::fromMsecs(q.value(1).toLongLong()),
                              srs::Rating(q.value(2).toInt()), q.value(3).toInt(),
                              detail::readState(q, 4), detail::readState(q, 4 + width)});
    }
    // Media the exported cards point at.
    if (!detail::exec(q, QStringLiteral("SELECT name, data FROM media"))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        const QString name = q.value(0).toString();
        for (const ImportedNote &note : std::as_const(batch.notes)) {
            bool used = false;
            for (const ImportedCard &card : note.cards)
                used = used || card.front.contains(name) || card.back.contains(name);
            if (used) {
                batch.media.insert(name, q.value(1).toByteArray());
                break;
            }
        }
    }
    return batch;
}

} // namespace sds::cards
