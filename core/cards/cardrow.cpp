#include "core/cards/cardrow.h"

#include "core/cards/sqlsupport.h"

#include <QVariant>

namespace sds::cards::detail {

const QStringList &stateColumns()
{
    static const QStringList columns = {
        QStringLiteral("state"),        QStringLiteral("stability"),
        QStringLiteral("difficulty"),   QStringLiteral("due"),
        QStringLiteral("last_review"),  QStringLiteral("scheduled_days"),
        QStringLiteral("elapsed_days"), QStringLiteral("learning_step"),
        QStringLiteral("reps"),         QStringLiteral("lapses"),
    };
    return columns;
}

QString stateColumnList(const QString &prefix)
{
    QStringList out;
    for (const QString &c : stateColumns())
        out.append(prefix + c);
    return out.join(QStringLiteral(", "));
}

QVariantList stateValues(const srs::CardState &s)
{
    return {int(s.state),    s.stability,   s.difficulty,    toSecs(s.due), toSecs(s.lastReview),
            s.scheduledDays, s.elapsedDays, s.learningSteps, s.reps,        s.lapses};
}

srs::CardState readState(const QSqlQuery &q, int i)
{
    srs::CardState s;
    s.state = srs::State(q.value(i).toInt());
    s.stability = q.value(i + 1).toDouble();
    s.difficulty = q.value(i + 2).toDouble();
    s.due = fromSecs(q.value(i + 3));
    s.lastReview = fromSecs(q.value(i + 4));
    s.scheduledDays = q.value(i + 5).toInt();
    s.elapsedDays = q.value(i + 6).toInt();
    s.learningSteps = q.value(i + 7).toInt();
    s.reps = q.value(i + 8).toInt();
    s.lapses = q.value(i + 9).toInt();
    return s;
}

QString selectCards()
{
    return QStringLiteral("SELECT c.id, c.note_id, c.deck_id, c.ordinal, c.front, c.back, "
                          "c.format, %1, c.suspended, c.buried_until, n.builtin_id, n.topic, "
                          "n.tags, n.retired FROM cards c JOIN notes n ON n.id = c.note_id")
        .arg(stateColumnList(QStringLiteral("c.")));
}

Card readCard(const QSqlQuery &q)
{
    Card c;
    c.id = q.value(0).toLongLong();
    c.noteId = q.value(1).toLongLong();
    c.deckId = q.value(2).toLongLong();
    c.ordinal = q.value(3).toInt();
    c.front = q.value(4).toString();
    c.back = q.value(5).toString();
    c.format = q.value(6).toInt() == 1 ? CardFormat::Html : CardFormat::Plain;
    c.schedule = readState(q, 7);
    c.suspended = q.value(17).toBool();
    const qint64 buried = q.value(18).toLongLong();
    if (buried > 0)
        c.buriedUntil = fromSecs(buried);
    c.builtinId = q.value(19).toString();
    c.topic = q.value(20).toString();
    c.tags = splitTags(q.value(21).toString());
    c.retired = q.value(22).toBool();
    return c;
}

QString originName(NoteOrigin origin)
{
    switch (origin) {
    case NoteOrigin::Builtin:
        return QStringLiteral("builtin");
    case NoteOrigin::Anki:
        return QStringLiteral("anki");
    case NoteOrigin::Csv:
        return QStringLiteral("csv");
    case NoteOrigin::User:
        break;
    }
    return QStringLiteral("user");
}

// Tags are words, kept space-separated as Anki keeps them, so an exported
// note carries them unchanged.
QString joinTags(const QStringList &tags)
{
    QStringList clean;
    for (const QString &t : tags) {
        const QString word = t.simplified().replace(u' ', u'_');
        if (!word.isEmpty() && !clean.contains(word))
            clean.append(word);
    }
    // Not a null string: the column is NOT NULL and a null QString binds as NULL.
    return clean.isEmpty() ? QStringLiteral("") : clean.join(u' ');
}

QStringList splitTags(const QString &tags)
{
    return tags.split(u' ', Qt::SkipEmptyParts);
}

} // namespace sds::cards::detail
