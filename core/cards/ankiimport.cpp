#include "core/cards/ankiimport.h"

#include "core/cards/ankitemplate.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>

namespace sds::cards {
namespace {

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// The card's history replayed through FSRS; the state after the last review.
std::pair<QList<ImportedReview>, std::optional<srs::CardState>>
replay(const AnkiCard &card, const QList<const AnkiReview *> &log,
       const srs::SchedulerParams &params)
{
    QList<ImportedReview> out;
    std::optional<srs::CardState> state;
    srs::CardState s = srs::newCard(fromMs(log.isEmpty() ? card.id : log.front()->id));
    for (const AnkiReview *r : log) {
        const QDateTime time = fromMs(r->id);
        if (r->ease < 1 || r->ease > 4) {
            // Anki logs "forget" (reset to new) as a manual entry with no
            // interval; other manual entries change dates, not memory.
            if (r->type == 4 && r->interval == 0) {
                s = srs::newCard(time);
                state = s;
            }
            continue;
        }
        const auto rating = srs::Rating(r->ease);
        const srs::CardState after = srs::review(s, rating, time, params);
        out.append({time, rating, std::clamp(r->durationMs, 0, 3600 * 1000), s, after});
        s = after;
        state = s;
    }
    return {out, state};
}

// What a card scheduled by Anki with no review log can tell: its interval,
// and Anki's own FSRS memory when it has one.
std::optional<srs::CardState> fromAnkiSchedule(const AnkiCard &card, const QDateTime &created)
{
    if (card.type != 2 || card.interval <= 0)
        return std::nullopt;
    srs::CardState s;
    s.state = srs::State::Review;
    s.stability = card.interval;
    s.difficulty = 5;
    const QJsonObject memory = QJsonDocument::fromJson(card.data.toUtf8()).object();
    if (memory.value(u"s").toDouble() > 0)
        s.stability = memory.value(u"s").toDouble();
    if (const double d = memory.value(u"d").toDouble(); d >= 1 && d <= 10)
        s.difficulty = d;
    // Review cards' due is a day number counted from the collection's creation.
    s.due = created.addDays(card.due);
    s.lastReview = s.due.addDays(-card.interval);
    s.scheduledDays = card.interval;
    s.reps = std::max(card.reps, 1);
    s.lapses = std::max(card.lapses, 0);
    return s;
}

} // namespace

ImportBatch batchFromAnkiPackage(const AnkiPackage &package, const srs::SchedulerParams &params)
{
    srs::SchedulerParams replayParams = params;
    replayParams.enableFuzz = false;
    ImportBatch batch;
    batch.origin = QStringLiteral("anki");
    batch.media = package.media;

    QHash<qint64, QList<const AnkiCard *>> cardsOfNote;
    for (const AnkiCard &c : package.cards)
        cardsOfNote[c.noteId].append(&c);
    QHash<qint64, QList<const AnkiReview *>> logOfCard;
    for (const AnkiReview &r : package.reviews)
        logOfCard[r.cardId].append(&r);

    int skippedCards = 0;
    int cardless = 0;
    for (const AnkiNote &n : package.notes) {
        const AnkiNoteType &type = package.noteTypes[n.noteTypeId];
        QHash<QString, QString> values;
        QJsonObject fields;
        for (qsizetype i = 0; i < type.fields.size(); ++i) {
            const QString value = n.fields.value(i);
            values.insert(type.fields[i], value);
            fields.insert(type.fields[i], value);
        }
        ImportedNote note;
        note.guid = n.guid;
        note.fields = fields;
        note.tags = n.tags;
        note.html = true;
        const QList<const AnkiCard *> cards = cardsOfNote.value(n.id);
        for (const AnkiCard *c : cards) {
            const AnkiTemplate *tmpl = nullptr;
            for (const AnkiTemplate &t : type.templates) {
                if (type.cloze || t.ordinal == c->ordinal) {
                    tmpl = &t;
                    break;
                }
            }
            if (!tmpl) {
                ++skippedCards;
                continue;
            }
            const RenderedCard sides = renderAnkiCard(tmpl->question, tmpl->answer, values,
                                                      type.cloze ? c->ordinal + 1 : 0);
            if (htmlToPlainText(sides.front).isEmpty() && !sides.front.contains(u"<img")) {
                ++skippedCards;
                continue;
            }
            ImportedCard card;
            card.ordinal = c->ordinal;
            card.front = sides.front;
            card.back = sides.back;
            card.suspended = c->queue == -1;
            auto [log, state] = replay(*c, logOfCard.value(c->id), replayParams);
            card.reviews = std::move(log);
            card.schedule = state ? state : fromAnkiSchedule(*c, package.created);
            if (note.deck.isEmpty())
                note.deck = package.decks.value(c->deckId);
            note.cards.append(std::move(card));
        }
        if (note.cards.isEmpty()) {
            ++cardless;
            continue;
        }
        batch.notes.append(std::move(note));
    }
    if (skippedCards > 0)
        batch.warnings.append(
            QStringLiteral("%1 card(s) skipped: their question side renders empty")
                .arg(skippedCards));
    if (cardless > 0)
        batch.warnings.append(QStringLiteral("%1 note(s) skipped: no card to show").arg(cardless));
    return batch;
}

std::optional<ImportBatch> readAnkiImport(const QString &path, const srs::SchedulerParams &params,
                                          QString *error, const AnkiReadLimits &limits)
{
    const std::optional<AnkiPackage> package = readAnkiPackage(path, error, limits);
    if (!package)
        return std::nullopt;
    return batchFromAnkiPackage(*package, params);
}

} // namespace sds::cards
