#include "core/cards/ankiexport.h"

#include "core/cards/ankitemplate.h"
#include "core/cards/cardhtml.h"
#include "core/cards/zipfile.h"
#include "core/storage/sqlitefile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <filesystem>
#include <system_error>

namespace sds::cards {
namespace {

using namespace Qt::Literals::StringLiterals;

constexpr qint64 kModelId = 1700000000001; // stable, so re-exports share one note type

const char *const kSchema11[] = {
    "CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, "
    "scm integer not null, ver integer not null, dty integer not null, usn integer not null, "
    "ls integer not null, conf text not null, models text not null, decks text not null, "
    "dconf text not null, tags text not null)",
    "CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, "
    "mod integer not null, usn integer not null, tags text not null, flds text not null, "
    "sfld integer not null, csum integer not null, flags integer not null, data text not null)",
    "CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, "
    "ord integer not null, mod integer not null, usn integer not null, type integer not null, "
    "queue integer not null, due integer not null, ivl integer not null, factor integer not "
    "null, reps integer not null, lapses integer not null, left integer not null, odue integer "
    "not null, odid integer not null, flags integer not null, data text not null)",
    "CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, "
    "ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not "
    "null, time integer not null, type integer not null)",
    "CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null)",
    "CREATE INDEX ix_notes_usn on notes (usn)",
    "CREATE INDEX ix_cards_usn on cards (usn)",
    "CREATE INDEX ix_revlog_usn on revlog (usn)",
    "CREATE INDEX ix_cards_nid on cards (nid)",
    "CREATE INDEX ix_cards_sched on cards (did, queue, due)",
    "CREATE INDEX ix_revlog_cid on revlog (cid)",
    "CREATE INDEX ix_notes_csum on notes (csum)",
};

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject noteType(qint64 now, qint64 deckId)
{
    const auto field = [](const QString &name, int ord) {
        return QJsonObject{{u"name"_s, name},         {u"ord"_s, ord},         {u"sticky"_s, false},
                           {u"rtl"_s, false},         {u"font"_s, u"Arial"_s}, {u"size"_s, 20},
                           {u"media"_s, QJsonArray()}};
    };
    const QJsonObject tmpl{{u"name"_s, u"Card 1"_s},
                           {u"ord"_s, 0},
                           {u"qfmt"_s, u"{{Front}}"_s},
                           {u"afmt"_s, u"{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"_s},
                           {u"bqfmt"_s, u""_s},
                           {u"bafmt"_s, u""_s},
                           {u"did"_s, QJsonValue::Null},
                           {u"bfont"_s, u""_s},
                           {u"bsize"_s, 0}};
    return {{u"id"_s, kModelId},
            {u"name"_s, u"Basic (System Design Studio)"_s},
            {u"type"_s, 0},
            {u"mod"_s, now},
            {u"usn"_s, -1},
            {u"sortf"_s, 0},
            {u"did"_s, deckId},
            {u"tmpls"_s, QJsonArray{tmpl}},
            {u"flds"_s, QJsonArray{field(u"Front"_s, 0), field(u"Back"_s, 1)}},
            {u"css"_s, u".card { font-family: sans-serif; font-size: 18px; text-align: left; }"_s},
            {u"latexPre"_s, u"\\documentclass[12pt]{article}\n\\begin{document}\n"_s},
            {u"latexPost"_s, u"\\end{document}"_s},
            {u"latexsvg"_s, false},
            {u"req"_s, QJsonArray{QJsonArray{0, u"any"_s, QJsonArray{0}}}},
            {u"tags"_s, QJsonArray()},
            {u"vers"_s, QJsonArray()}};
}

QJsonObject deck(qint64 id, const QString &name, qint64 now)
{
    const QJsonArray zero{0, 0};
    return {{u"id"_s, id},           {u"name"_s, name},
            {u"mod"_s, now},         {u"usn"_s, -1},
            {u"lrnToday"_s, zero},   {u"revToday"_s, zero},
            {u"newToday"_s, zero},   {u"timeToday"_s, zero},
            {u"collapsed"_s, false}, {u"browserCollapsed"_s, false},
            {u"desc"_s, u""_s},      {u"dyn"_s, 0},
            {u"conf"_s, 1},          {u"extendNew"_s, 0},
            {u"extendRev"_s, 0}};
}

QJsonObject deckConfig()
{
    return {{u"id"_s, 1},
            {u"name"_s, u"Default"_s},
            {u"mod"_s, 0},
            {u"usn"_s, 0},
            {u"maxTaken"_s, 60},
            {u"autoplay"_s, true},
            {u"timer"_s, 0},
            {u"replayq"_s, true},
            {u"dyn"_s, false},
            {u"new"_s, QJsonObject{{u"delays"_s, QJsonArray{1, 10}},
                                   {u"ints"_s, QJsonArray{1, 4, 0}},
                                   {u"initialFactor"_s, 2500},
                                   {u"order"_s, 1},
                                   {u"perDay"_s, 20},
                                   {u"bury"_s, false}}},
            {u"rev"_s, QJsonObject{{u"perDay"_s, 200},
                                   {u"ease4"_s, 1.3},
                                   {u"ivlFct"_s, 1},
                                   {u"maxIvl"_s, 36500},
                                   {u"hardFactor"_s, 1.2},
                                   {u"bury"_s, false}}},
            {u"lapse"_s, QJsonObject{{u"delays"_s, QJsonArray{10}},
                                     {u"mult"_s, 0},
                                     {u"minInt"_s, 1},
                                     {u"leechFails"_s, 8},
                                     {u"leechAction"_s, 1}}}};
}

// Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort
// field's text, as an integer.
qint64 checksum(const QString &sortField)
{
    const QByteArray sha =
        QCryptographicHash::hash(sortField.toUtf8(), QCryptographicHash::Sha1).toHex();
    return sha.left(8).toLongLong(nullptr, 16);
}

int ankiType(srs::State s)
{
    switch (s) {
    case srs::State::New:
        return 0;
    case srs::State::Learning:
        return 1;
    case srs::State::Review:
        return 2;
    case srs::State::Relearning:
        return 3;
    }
    return 0;
}

int revlogType(srs::State before)
{
    switch (before) {
    case srs::State::New:
    case srs::State::Learning:
        return 0;
    case srs::State::Review:
        return 1;
    case srs::State::Relearning:
        return 2;
    }
    return 0;
}

// Anki logs intervals in days, or in negative seconds below a day.
int logInterval(const srs::CardState &s)
{
    if (s.scheduledDays > 0)
        return s.scheduledDays;
    if (!s.lastReview.isValid() || !s.due.isValid())
        return 0;
    return -int(std::max<qint64>(s.lastReview.secsTo(s.due), 1));
}

class Writer
{
public:
    Writer(const ImportBatch &batch, QString *error)
        : m_batch(batch)
        , m_error(error)
    {}
    bool write(const QSqlDatabase &db);

private:
    bool exec(QSqlQuery &q, const QVariantList &binds);

    const ImportBatch &m_batch;
    QString *m_error;
};

bool Writer::exec(QSqlQuery &q, const QVariantList &binds)
{
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    if (q.exec())
        return true;
    *m_error = q.lastError().text(); // the caller names the file
    return false;
}

bool Writer::write(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const char *sql : kSchema11) {
        if (!q.exec(QString::fromLatin1(sql))) {
            *m_error = q.lastError().text(); // the caller names the file
            return false;
        }
    }
    const QDateTime nowTime = QDateTime::currentDateTimeUtc();
    const qint64 now = nowTime.toSecsSinceEpoch();
    // Day 0 of review cards' due numbers: the start of the earliest day
    // any card is due or was reviewed, so no due number is negative.
    QDateTime day0(nowTime.date(), QTime(0, 0), Qt::UTC);
    for (const ImportedNote &n : m_batch.notes) {
        for (const ImportedCard &c : n.cards) {
            if (c.schedule && c.schedule->due.isValid() && c.schedule->due < day0)
                day0 = QDateTime(c.schedule->due.date(), QTime(0, 0), Qt::UTC);
        }
    }
    QHash<QString, qint64> deckIds;
    QJsonObject decks{{u"1"_s, deck(1, QStringLiteral("Default"), now)}};
    for (const ImportedNote &n : m_batch.notes) {
        const QString name = n.deck.isEmpty() ? QStringLiteral("Default") : n.deck;
        if (!deckIds.contains(name)) {
            const qint64 id = name == u"Default" ? 1 : 1700000000000 + deckIds.size() + 2;
            deckIds.insert(name, id);
            decks.insert(QString::number(id), deck(id, name, now));
        }
    }
    const qint64 firstDeck = deckIds.isEmpty() ? 1 : deckIds.value(m_batch.notes.first().deck, 1);
    const QJsonObject models{{QString::number(kModelId), noteType(now, firstDeck)}};
    const QJsonObject conf{{u"nextPos"_s, m_batch.notes.size() + 1},
                           {u"curModel"_s, kModelId},
                           {u"activeDecks"_s, QJsonArray{firstDeck}},
                           {u"curDeck"_s, firstDeck},
                           {u"sortType"_s, u"noteFld"_s},
                           {u"schedVer"_s, 2}};
    q.prepare(QStringLiteral("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')"));
    if (!exec(q, {day0.toSecsSinceEpoch(), now * 1000, now * 1000, json(conf), json(models),
                  json(decks), json(QJsonObject{{u"1"_s, deckConfig()}})}))
        return false;

    QSqlQuery note(db), card(db), log(db);
    note.prepare(QStringLiteral("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')"));
    card.prepare(QStringLiteral(
        "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, 2500, ?, ?, ?, 0, 0, 0, ?)"));
    log.prepare(QStringLiteral("INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)"));
    // Ids are milliseconds in Anki; counting up from now keeps them unique.
    qint64 nextId = now * 1000;
    QSet<qint64> logIds;
    int position = 0;
    for (const ImportedNote &n : m_batch.notes) {
        if (n.cards.isEmpty())
            continue;
        const ImportedCard &c = n.cards.first();
        const QString front = n.html ? c.front : plainToHtml(c.front);
        const QString back = n.html ? c.back : plainToHtml(c.back);
        const QString sortField = htmlToPlainText(front);
        const qint64 noteId = nextId++;
        // Anki pads the tag list with spaces so "% tag %" matches whole tags.
        const QString tags =
            n.tags.isEmpty() ? QStringLiteral("") : QStringLiteral(" %1 ").arg(n.tags.join(u' '));
        if (!exec(note, {noteId, n.guid, kModelId, now, tags, front + QChar(0x1f) + back, sortField,
                         checksum(sortField)}))
            return false;
        const srs::CardState s = c.schedule ? *c.schedule : srs::newCard(nowTime);
        const int type = ankiType(s.state);
        int due = 0;
        if (type == 0)
            due = ++position;
        else if (type == 2)
            due = int(day0.daysTo(s.due));
        else
            due = int(s.due.toSecsSinceEpoch());
        const QString data = type == 0
                                 ? QStringLiteral("{}")
                                 : json(QJsonObject{{u"s"_s, s.stability}, {u"d"_s, s.difficulty}});
        const qint64 cardId = nextId++;
        const qint64 deckId =
            deckIds.value(n.deck.isEmpty() ? QStringLiteral("Default") : n.deck, 1);
        if (!exec(card, {cardId, noteId, deckId, now, type, c.suspended ? -1 : type, due,
                         type == 2 ? s.scheduledDays : 0, s.reps, s.lapses,
                         type == 1 || type == 3 ? 1 : 0, data}))
            return false;
        for (const ImportedReview &r : c.reviews) {
            qint64 id = r.time.toMSecsSinceEpoch();
            while (logIds.contains(id))
                ++id;
            logIds.insert(id);
            if (!exec(log, {id, cardId, int(r.rating), logInterval(r.after), logInterval(r.before),
                            2500, r.durationMs, revlogType(r.before.state)}))
                return false;
        }
    }
    return true;
}

} // namespace

bool writeAnkiPackage(const QString &path, const ImportBatch &batch, QString *error)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = QStringLiteral("cannot make a temporary folder: %1").arg(dir.errorString());
        return false;
    }
    const QString dbPath = dir.filePath(QStringLiteral("collection.anki2"));
    {
        // A scratch file of our own that is zipped once closed: no WAL beside it.
        storage::SqliteFile db;
        storage::SqliteFile::Options options;
        options.wal = false;
        if (const Result<void> opened = db.open(dbPath, options); !opened) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, opened.error());
            return false;
        }
        Writer writer(batch, error);
        const Result<void> written = db.write([&](const QSqlDatabase &connection) -> Result<void> {
            if (!writer.write(connection))
                return sds::fail(*error);
            return {};
        });
        if (!written) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, written.error());
            return false;
        }
    }
    QFile file(dbPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QList<ZipEntry> entries{{QStringLiteral("collection.anki2"), file.readAll()}};
    QJsonObject mediaMap;
    int index = 0;
    for (auto it = batch.media.constBegin(); it != batch.media.constEnd(); ++it, ++index) {
        mediaMap.insert(QString::number(index), it.key());
        entries.append({QString::number(index), it.value()});
    }
    entries.append(
        {QStringLiteral("media"), QJsonDocument(mediaMap).toJson(QJsonDocument::Compact)});
    // Written beside the target and renamed over it, so a failed export
    // never leaves half a file where a good one was.
    const QString temp = path + QStringLiteral(".part");
    if (!writeZip(temp, entries, error)) {
        QFile::remove(temp);
        return false;
    }
    // rename(2) replaces the target in one step; QFile::rename would need
    // the old file removed first, leaving a moment with neither.
    std::error_code failed;
    std::filesystem::rename(QFile::encodeName(temp).toStdString(),
                            QFile::encodeName(path).toStdString(), failed);
    if (failed) {
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(path, QString::fromLocal8Bit(failed.message()));
        QFile::remove(temp);
        return false;
    }
    return true;
}

} // namespace sds::cards
