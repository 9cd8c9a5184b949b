// Collection's import side: a whole batch of notes, cards, review history
// and media in one transaction, matched to what is here by note guid.
#include "core/cards/cardrow.h"
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace sds::cards {
namespace {

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Prepared statements the import runs once per note or card.
struct ImportQueries {
    explicit ImportQueries(const QSqlDatabase &db)
        : findNote(db)
        , insertNote(db)
        , updateNote(db)
        , findCard(db)
        , insertCard(db)
        , updateCardText(db)
        , updateCardState(db)
        , lastReview(db)
        , insertReview(db)
    {
        findNote.prepare(QStringLiteral(
            "SELECT n.id, n.fields, n.tags, n.origin, (SELECT c.deck_id FROM cards c "
            "WHERE c.note_id = n.id ORDER BY c.ordinal LIMIT 1) FROM notes n WHERE n.guid = ?"));
        insertNote.prepare(QStringLiteral("INSERT INTO notes (guid, fields, tags, origin, "
                                          "modified) VALUES (?, ?, ?, ?, ?)"));
        updateNote.prepare(
            QStringLiteral("UPDATE notes SET fields = ?, tags = ?, modified = ? WHERE id = ?"));
        findCard.prepare(
            QStringLiteral("SELECT id, front, back FROM cards WHERE note_id = ? AND ordinal = ?"));
        insertCard.prepare(QStringLiteral("INSERT INTO cards (note_id, deck_id, ordinal, front, "
                                          "back, format, suspended, %1) VALUES (?, ?, ?, ?, ?, ?, "
                                          "?, %2)")
                               .arg(detail::stateColumnList({}),
                                    detail::placeholders(int(detail::stateColumns().size()))));
        updateCardText.prepare(
            QStringLiteral("UPDATE cards SET front = ?, back = ?, format = ? WHERE id = ?"));
        QStringList sets;
        for (const QString &c : detail::stateColumns())
            sets.append(c + QStringLiteral(" = ?"));
        updateCardState.prepare(QStringLiteral("UPDATE cards SET %1 WHERE id = ?")
                                    .arg(sets.join(QStringLiteral(", "))));
        lastReview.prepare(QStringLiteral("SELECT time FROM revlog WHERE card_id = ?"));
        insertReview.prepare(
            QStringLiteral("INSERT INTO revlog (card_id, time, rating, duration, %1, %2) "
                           "VALUES (?, ?, ?, ?, %3, %3)")
                .arg(detail::stateColumnList(QStringLiteral("before_")),
                     detail::stateColumnList(QStringLiteral("after_")),
                     detail::placeholders(int(detail::stateColumns().size()))));
    }
    QSqlQuery findNote, insertNote, updateNote, findCard, insertCard, updateCardText,
        updateCardState, lastReview, insertReview;
};

bool run(QSqlQuery &q, const QVariantList &binds, QString *error)
{
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

std::optional<ImportResult> Collection::importBatch(const ImportBatch &batch)
{
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<ImportResult> {
        ImportQueries qs(db);
        QString error;
        const auto failed = [&](const QString &where) {
            return sds::fail(QStringLiteral("%1: %2; nothing was imported").arg(where, error));
        };
        ImportResult result;
        result.warnings = batch.warnings;
        int skippedBuiltin = 0;
        const QDateTime now = detail::wholeSecond(QDateTime::currentDateTimeUtc());
        const QString origin =
            batch.origin == u"csv" ? QStringLiteral("csv") : QStringLiteral("anki");

        // Decks by name: a deck here of that name, or a new one. A name that
        // differs only in case ("System Design" beside the built-in "System
        // design") goes into the deck that is here rather than making a
        // near-duplicate; an exact match wins, then the learner's own deck.
        QList<std::pair<qint64, QString>> existing; // id, name: own decks first, oldest first
        {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT id, name FROM decks "
                                       "ORDER BY builtin_id IS NOT NULL, id"))) {
                error = q.lastError().text();
                return failed(QStringLiteral("the decks"));
            }
            while (q.next())
                existing.append({q.value(0).toLongLong(), q.value(1).toString()});
        }
        QHash<QString, qint64> deckIds;
        QSet<QString> usedDecks;
        const auto deckFor = [&](const QString &name) -> std::optional<qint64> {
            const QString clean =
                name.simplified().isEmpty() ? QStringLiteral("Imported") : name.simplified();
            if (const auto it = deckIds.constFind(clean); it != deckIds.constEnd())
                return *it;
            const auto match = [&](Qt::CaseSensitivity cs) {
                return std::find_if(existing.cbegin(), existing.cend(), [&](const auto &d) {
                    return d.second.compare(clean, cs) == 0;
                });
            };
            auto found = match(Qt::CaseSensitive);
            if (found == existing.cend())
                found = match(Qt::CaseInsensitive);
            qint64 id = 0;
            if (found != existing.cend()) {
                id = found->first;
                usedDecks.insert(found->second);
                if (found->second != clean)
                    result.decksMatched.append({clean, found->second});
            } else {
                QSqlQuery q(db);
                if (!detail::exec(q,
                                  QStringLiteral("INSERT INTO decks (name, created) VALUES (?, ?)"),
                                  {clean, now.toSecsSinceEpoch()})) {
                    error = q.lastError().text();
                    return std::nullopt;
                }
                id = q.lastInsertId().toLongLong();
                existing.append({id, clean});
                usedDecks.insert(clean);
            }
            deckIds.insert(clean, id);
            return id;
        };

        const auto addReviews = [&](qint64 cardId, const QList<ImportedReview> &reviews,
                                    const QSet<qint64> &known) -> std::optional<int> {
            int added = 0;
            for (const ImportedReview &r : reviews) {
                const qint64 ms = r.time.toMSecsSinceEpoch();
                if (known.contains(ms))
                    continue;
                QVariantList binds = {cardId, ms, int(r.rating), r.durationMs};
                binds += detail::stateValues(r.before);
                binds += detail::stateValues(r.after);
                if (!run(qs.insertReview, binds, &error))
                    return std::nullopt;
                ++added;
            }
            return added;
        };

        const auto insertCard = [&](qint64 noteId, qint64 deckId, const ImportedNote &note,
                                    const ImportedCard &card) -> bool {
            srs::CardState schedule = card.schedule ? *card.schedule : srs::newCard(now);
            if (!schedule.due.isValid())
                schedule.due = now;
            QVariantList binds = {noteId,
                                  deckId,
                                  card.ordinal,
                                  card.front,
                                  card.back,
                                  note.html ? 1 : 0,
                                  card.suspended ? 1 : 0};
            binds += detail::stateValues(schedule);
            if (!run(qs.insertCard, binds, &error))
                return false;
            const qint64 cardId = qs.insertCard.lastInsertId().toLongLong();
            const auto added = addReviews(cardId, card.reviews, {});
            if (!added)
                return false;
            result.cardsAdded += 1;
            result.reviewsAdded += *added;
            return true;
        };

        for (qsizetype i = 0; i < batch.notes.size(); ++i) {
            const ImportedNote &note = batch.notes[i];
            const QString where = QStringLiteral("note %1 (%2)").arg(i + 1).arg(note.guid);
            if (note.guid.isEmpty()) {
                error = QStringLiteral("it has no guid");
                return failed(where);
            }
            const QString fields = compactJson(note.fields);
            const QString tags = detail::joinTags(note.tags);
            if (!run(qs.findNote, {note.guid}, &error))
                return failed(where);
            if (!qs.findNote.next()) {
                qs.findNote.finish();
                // A built-in card comes with the app; one exported and brought
                // back where the app has retired or the learner deleted it would
                // collide with the app's next merge of its decks.
                if (note.guid.startsWith(QStringLiteral("sds:"))) {
                    ++skippedBuiltin;
                    continue;
                }
                const auto deckId = deckFor(note.deck);
                if (!deckId)
                    return failed(where);
                if (!run(qs.insertNote, {note.guid, fields, tags, origin, now.toSecsSinceEpoch()},
                         &error))
                    return failed(where);
                const qint64 noteId = qs.insertNote.lastInsertId().toLongLong();
                for (const ImportedCard &card : note.cards) {
                    if (!insertCard(noteId, *deckId, note, card))
                        return failed(where);
                }
                result.notesAdded += 1;
                continue;
            }
            // The note is here already: bring its text up to date, keep its deck.
            const qint64 noteId = qs.findNote.value(0).toLongLong();
            const bool builtin = qs.findNote.value(3).toString() == u"builtin";
            const bool sameText = qs.findNote.value(1).toString() == fields &&
                                  qs.findNote.value(2).toString() == tags;
            const qint64 deckId = qs.findNote.value(4).toLongLong();
            qs.findNote.finish();
            bool changed = false;
            // A built-in note's text is the app's; an export of it coming back
            // brings history, not wording.
            if (!builtin && !sameText) {
                if (!run(qs.updateNote, {fields, tags, now.toSecsSinceEpoch(), noteId}, &error))
                    return failed(where);
                changed = true;
            }
            for (const ImportedCard &card : note.cards) {
                if (!run(qs.findCard, {noteId, card.ordinal}, &error))
                    return failed(where);
                if (!qs.findCard.next()) {
                    qs.findCard.finish();
                    const auto target = deckId ? std::optional<qint64>(deckId) : deckFor(note.deck);
                    if (!target || !insertCard(noteId, *target, note, card))
                        return failed(where);
                    changed = true;
                    continue;
                }
                const qint64 cardId = qs.findCard.value(0).toLongLong();
                const bool sameCard = qs.findCard.value(1).toString() == card.front &&
                                      qs.findCard.value(2).toString() == card.back;
                qs.findCard.finish();
                if (!builtin && !sameCard) {
                    if (!run(qs.updateCardText, {card.front, card.back, note.html ? 1 : 0, cardId},
                             &error))
                        return failed(where);
                    changed = true;
                }
                // History: add the reviews this collection has not seen, and
                // take the file's state only when its latest review is newer.
                if (!run(qs.lastReview, {cardId}, &error))
                    return failed(where);
                QSet<qint64> known;
                qint64 latest = -1;
                while (qs.lastReview.next()) {
                    const qint64 ms = qs.lastReview.value(0).toLongLong();
                    known.insert(ms);
                    latest = std::max(latest, ms);
                }
                qs.lastReview.finish();
                if (card.reviews.isEmpty() ||
                    card.reviews.last().time.toMSecsSinceEpoch() <= latest)
                    continue;
                const auto added = addReviews(cardId, card.reviews, known);
                if (!added)
                    return failed(where);
                if (card.schedule) {
                    QVariantList binds = detail::stateValues(*card.schedule);
                    binds.append(cardId);
                    if (!run(qs.updateCardState, binds, &error))
                        return failed(where);
                }
                result.reviewsAdded += *added;
                changed = changed || *added > 0;
            }
            if (changed)
                result.notesUpdated += 1;
            else
                result.notesUnchanged += 1;
        }

        QSqlQuery media(db);
        media.prepare(QStringLiteral("INSERT INTO media (name, data, added) VALUES (?, ?, ?) "
                                     "ON CONFLICT (name) DO UPDATE SET data = excluded.data "
                                     "WHERE data <> excluded.data"));
        for (auto it = batch.media.constBegin(); it != batch.media.constEnd(); ++it) {
            if (!run(media, {it.key(), it.value(), now.toSecsSinceEpoch()}, &error))
                return failed(QStringLiteral("media file %1").arg(it.key()));
            result.mediaAdded += media.numRowsAffected() > 0 ? 1 : 0;
        }
        if (skippedBuiltin > 0)
            result.warnings.append(QStringLiteral("%1 built-in card(s) skipped: they come with the "
                                                  "app and are not in this collection's decks")
                                       .arg(skippedBuiltin));
        result.decks = QStringList(usedDecks.begin(), usedDecks.end());
        result.decks.sort();
        return result;
    }));
}

std::optional<QByteArray> Collection::media(const QString &name) const
{
    QSqlQuery q(m_file.database());
    if (!isOpen() ||
        !detail::exec(q, QStringLiteral("SELECT data FROM media WHERE name = ?"), {name}) ||
        !q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

} // namespace sds::cards
