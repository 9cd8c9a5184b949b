// Collection::mergeBuiltinDecks: the shipped decks into the learner's file.
#include "core/cards/cardrow.h"
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace sds::cards {
namespace {

// Bump when the merge itself changes, so every collection merges again.
constexpr char kMergeVersion[] = "sds-builtin-merge-1";

void feed(QCryptographicHash &h, const QString &text)
{
    // Length first, so "ab" + "c" and "a" + "bc" hash differently.
    const QByteArray bytes = text.toUtf8();
    const qint64 size = bytes.size();
    h.addData(QByteArrayView(reinterpret_cast<const char *>(&size), sizeof size));
    h.addData(bytes);
}

QString contentHash(const BuiltinDecks &decks)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    feed(h, QString::fromLatin1(kMergeVersion));
    for (const BuiltinDeck &d : decks.decks) {
        feed(h, d.id);
        feed(h, d.name);
        for (const BuiltinCard &c : d.cards) {
            for (const QString &part : {c.id, c.deck, c.topic, c.front, c.back, c.tags.join(u' '),
                                        c.retired ? QStringLiteral("r") : QString()})
                feed(h, part);
        }
    }
    return QString::fromLatin1(h.result().toHex());
}

QString fieldsJson(const BuiltinCard &c)
{
    const QJsonObject o{{QStringLiteral("Front"), c.front}, {QStringLiteral("Back"), c.back}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// What the file holds for one built-in note and its card.
struct Stored {
    qint64 noteId = 0;
    qint64 cardId = 0;
    qint64 deckId = 0;
    QString fields; // the shipped text at the last merge
    QString tags;
    QString topic;
    bool retired = false;
};

} // namespace

std::optional<MergeResult> Collection::mergeBuiltinDecks(const BuiltinDecks &decks)
{
    const auto failed = [this](const QString &message) {
        fail(QStringLiteral("merging the built-in decks: ") + message);
        return std::nullopt;
    };
    const QString hash = contentHash(decks);
    {
        Result<QSqlQuery> last = m_file.query(QStringLiteral("SELECT builtin_hash FROM config"));
        if (!last || !last->next())
            return failed(last ? last->lastError().text() : last.error());
        if (last->value(0).toString() == hash)
            return MergeResult{0, 0, 0, true};
    }
    Result<MergeResult> merged = m_file.write([&](const QSqlDatabase &db) -> Result<MergeResult> {
        QSqlQuery q(db);
        const qint64 now = QDateTime::currentSecsSinceEpoch();

        QHash<QString, qint64> deckIds;
        if (!q.exec(QStringLiteral(
                "SELECT id, builtin_id, name FROM decks WHERE builtin_id IS NOT NULL")))
            return sds::fail(q.lastError().text());
        QHash<QString, QString> deckNames;
        while (q.next()) {
            deckIds.insert(q.value(1).toString(), q.value(0).toLongLong());
            deckNames.insert(q.value(1).toString(), q.value(2).toString());
        }
        for (const BuiltinDeck &d : decks.decks) {
            if (!deckIds.contains(d.id)) {
                if (!detail::exec(q,
                                  QStringLiteral("INSERT INTO decks (name, builtin_id, created) "
                                                 "VALUES (?, ?, ?)"),
                                  {d.name, d.id, now}))
                    return sds::fail(q.lastError().text());
                deckIds.insert(d.id, q.lastInsertId().toLongLong());
            } else if (deckNames.value(d.id) != d.name &&
                       !detail::exec(q, QStringLiteral("UPDATE decks SET name = ? WHERE id = ?"),
                                     {d.name, deckIds.value(d.id)})) {
                return sds::fail(q.lastError().text());
            }
        }

        QHash<QString, Stored> stored;
        if (!q.exec(
                QStringLiteral("SELECT n.builtin_id, n.id, c.id, c.deck_id, n.fields, n.tags, "
                               "n.topic, n.retired FROM notes n JOIN cards c ON c.note_id = n.id "
                               "AND c.ordinal = 0 WHERE n.builtin_id IS NOT NULL")))
            return sds::fail(q.lastError().text());
        while (q.next()) {
            stored.insert(q.value(0).toString(),
                          {q.value(1).toLongLong(), q.value(2).toLongLong(),
                           q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
                           q.value(6).toString(), q.value(7).toBool()});
        }

        QSqlQuery addNote(db), addCard(db), update(db);
        addNote.prepare(
            QStringLiteral("INSERT INTO notes (guid, fields, tags, topic, origin, "
                           "builtin_id, modified) VALUES (?, ?, ?, ?, 'builtin', ?, ?)"));
        addCard.prepare(QStringLiteral("INSERT INTO cards (note_id, deck_id, ordinal, front, back, "
                                       "format, %1) VALUES (?, ?, 0, ?, ?, 0, %2)")
                            .arg(detail::stateColumnList({}),
                                 detail::placeholders(int(detail::stateColumns().size()))));
        const QVariantList fresh = detail::stateValues(srs::newCard(detail::fromSecs(now)));

        MergeResult result;
        QSet<QString> shipped;
        for (const BuiltinDeck &d : decks.decks) {
            const qint64 deckId = deckIds.value(d.id);
            for (const BuiltinCard &c : d.cards) {
                shipped.insert(c.id);
                const QString fields = fieldsJson(c);
                const QString tags = detail::joinTags(c.tags);
                const auto it = stored.constFind(c.id);
                if (it == stored.constEnd()) {
                    if (c.retired)
                        continue; // retired before this learner ever saw it
                    const QVariantList noteValues = {
                        QStringLiteral("sds:") + c.id, fields, tags, c.topic, c.id, now};
                    for (int b = 0; b < noteValues.size(); ++b)
                        addNote.bindValue(b, noteValues[b]);
                    if (!addNote.exec())
                        return sds::fail(
                            QStringLiteral("card %1: %2").arg(c.id, addNote.lastError().text()));
                    const QVariantList cardValues =
                        QVariantList{addNote.lastInsertId(), deckId, c.front, c.back} + fresh;
                    for (int b = 0; b < cardValues.size(); ++b)
                        addCard.bindValue(b, cardValues[b]);
                    if (!addCard.exec())
                        return sds::fail(
                            QStringLiteral("card %1: %2").arg(c.id, addCard.lastError().text()));
                    ++result.added;
                    continue;
                }
                const Stored &s = *it;
                const bool textChanged = s.fields != fields;
                const bool changed = textChanged || s.tags != tags || s.topic != c.topic ||
                                     s.deckId != deckId || (s.retired && !c.retired);
                if (changed || s.retired != c.retired) {
                    // Text, tags, topic, deck and the retired flag only: the
                    // card's scheduling and its review log stay as they are.
                    if (!detail::exec(
                            update,
                            QStringLiteral("UPDATE notes SET fields = ?, tags = ?, topic = ?, "
                                           "retired = ?, modified = ? WHERE id = ?"),
                            {fields, tags, c.topic, c.retired ? 1 : 0, now, s.noteId}))
                        return sds::fail(update.lastError().text());
                }
                if (textChanged || s.deckId != deckId) {
                    if (!detail::exec(
                            update,
                            QStringLiteral("UPDATE cards SET front = ?, back = ?, deck_id = ? "
                                           "WHERE id = ?"),
                            {c.front, c.back, deckId, s.cardId}))
                        return sds::fail(update.lastError().text());
                }
                result.updated += changed ? 1 : 0;
                result.retired += (c.retired && !s.retired) ? 1 : 0;
            }
        }

        // A card no longer shipped is retired, not deleted: its history stays.
        // Not when some deck failed to load, though, since its cards would look
        // removed; nor is the hash stored then, so the next start tries again.
        if (decks.errors.isEmpty()) {
            for (auto it = stored.constBegin(); it != stored.constEnd(); ++it) {
                if (it->retired || shipped.contains(it.key()))
                    continue;
                if (!detail::exec(
                        update,
                        QStringLiteral("UPDATE notes SET retired = 1, modified = ? WHERE id = ?"),
                        {now, it->noteId}))
                    return sds::fail(update.lastError().text());
                ++result.retired;
            }
            if (!detail::exec(update, QStringLiteral("UPDATE config SET builtin_hash = ?"), {hash}))
                return sds::fail(update.lastError().text());
        }
        return result;
    });
    if (!merged)
        return failed(merged.error());
    return std::move(merged).value();
}

} // namespace sds::cards
