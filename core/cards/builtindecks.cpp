#include "core/cards/builtindecks.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace sds::cards {
namespace {

QJsonObject readObject(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error =
            QStringLiteral("not valid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString());
        return {};
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("expected a JSON object");
        return {};
    }
    return doc.object();
}

} // namespace

const BuiltinDeck *BuiltinDecks::find(const QString &id) const
{
    for (const BuiltinDeck &d : decks) {
        if (d.id == id)
            return &d;
    }
    return nullptr;
}

int BuiltinDecks::cardCount() const
{
    int n = 0;
    for (const BuiltinDeck &d : decks)
        n += int(d.cards.size());
    return n;
}

BuiltinDecks loadBuiltinDecks(const QString &decksFolder)
{
    BuiltinDecks out;
    const QDir root(decksFolder);
    for (const QString &deckDir : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir dir(root.filePath(deckDir));
        QString error; // one per deck, so a broken deck does not taint the next
        const QJsonObject meta = readObject(dir.filePath(QStringLiteral("deck.json")), &error);
        if (!error.isEmpty()) {
            out.errors.append(QStringLiteral("%1/deck.json: %2").arg(deckDir, error));
            continue;
        }
        if (meta.value(u"format").toString() != u"sdstudio-deck" ||
            meta.value(u"version").toInt() != 1) {
            out.errors.append(
                QStringLiteral("%1/deck.json: not an sdstudio-deck version 1 file").arg(deckDir));
            continue;
        }
        BuiltinDeck deck{meta.value(u"id").toString(),
                         meta.value(u"name").toString(),
                         meta.value(u"description").toString(),
                         {}};
        if (deck.id != deckDir || deck.name.isEmpty()) {
            out.errors.append(QStringLiteral("%1/deck.json: the id must be the folder name and the "
                                             "name must not be empty")
                                  .arg(deckDir));
            continue;
        }
        for (const QString &file :
             dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            if (file == u"deck.json")
                continue;
            const QString where = deckDir + u'/' + file;
            const QJsonObject o = readObject(dir.filePath(file), &error);
            if (!error.isEmpty()) {
                out.errors.append(QStringLiteral("%1: %2").arg(where, error));
                error.clear();
                continue;
            }
            const QString topic = o.value(u"topic").toString();
            const QJsonArray cards = o.value(u"cards").toArray();
            if (topic.isEmpty() || cards.isEmpty()) {
                out.errors.append(
                    QStringLiteral("%1: needs a \"topic\" and a non-empty \"cards\" list")
                        .arg(where));
                continue;
            }
            for (const QJsonValue &v : cards) {
                const QJsonObject c = v.toObject();
                BuiltinCard card;
                card.id = c.value(u"id").toString();
                card.deck = deck.id;
                card.topic = topic;
                card.front = c.value(u"front").toString();
                card.back = c.value(u"back").toString();
                for (const QJsonValue &t : c.value(u"tags").toArray())
                    card.tags.append(t.toString());
                card.retired = c.value(u"retired").toBool(false);
                deck.cards.append(card);
            }
        }
        out.decks.append(deck);
    }
    return out;
}

QStringList checkBuiltinDecks(const BuiltinDecks &decks, const QStringList &topicIds)
{
    QStringList problems = decks.errors;
    QHash<QString, QString> seen;
    static const QRegularExpression idShape(QStringLiteral("^[a-z0-9-]+/[1-9][0-9]*$"));
    static const QRegularExpression html(QStringLiteral("<\\s*/?\\s*[a-zA-Z][^>]*>"));
    for (const BuiltinDeck &d : decks.decks) {
        for (const BuiltinCard &c : d.cards) {
            const QString where = QStringLiteral("%1 card \"%2\"").arg(d.id, c.id);
            if (!idShape.match(c.id).hasMatch())
                problems.append(where + QStringLiteral(": the id must look like \"<file>/<n>\""));
            if (seen.contains(c.id))
                problems.append(
                    where +
                    QStringLiteral(": the id is also used in deck %1").arg(seen.value(c.id)));
            seen.insert(c.id, d.id);
            if (c.front.trimmed().isEmpty() || c.back.trimmed().isEmpty())
                problems.append(where + QStringLiteral(": front and back must not be empty"));
            // Markup inside `code` is text about HTML (an XSS card), not markup.
            static const QRegularExpression code(QStringLiteral("`[^`]*`"));
            const QString front = QString(c.front).remove(code);
            const QString back = QString(c.back).remove(code);
            if (html.match(front).hasMatch() || html.match(back).hasMatch())
                problems.append(where + QStringLiteral(": HTML is not allowed; use plain text"));
            if (!topicIds.contains(c.topic))
                problems.append(where +
                                QStringLiteral(": topic \"%1\" does not exist").arg(c.topic));
        }
    }
    return problems;
}

} // namespace sds::cards
