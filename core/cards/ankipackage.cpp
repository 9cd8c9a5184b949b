#include "core/cards/ankipackage.h"

#include "core/cards/protowire.h"
#include "core/storage/sqlitefile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>
#include <zstd.h>

namespace sds::cards {
namespace {

// Anki separates note fields and deck path parts with the unit separator.
constexpr QChar kFieldSeparator(0x1f);

qint64 jsonId(const QJsonValue &v)
{
    // The decks' JSON types ids as strings in some places and numbers in others.
    if (v.isString())
        return v.toString().toLongLong();
    return qint64(v.toDouble());
}

// Streams a zstd frame out with a cap, so a small file that claims to be a
// collection cannot inflate without bound.
std::optional<QByteArray> unzstd(const QByteArray &in, qint64 cap, const QString &name,
                                 QString *error)
{
    std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> stream(ZSTD_createDStream(),
                                                                      &ZSTD_freeDStream);
    ZSTD_initDStream(stream.get());
    ZSTD_inBuffer input{in.constData(), size_t(in.size()), 0};
    QByteArray out;
    QByteArray chunk(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    size_t last = 1;
    while (input.pos < input.size || last != 0) {
        ZSTD_outBuffer output{chunk.data(), size_t(chunk.size()), 0};
        last = ZSTD_decompressStream(stream.get(), &output, &input);
        if (ZSTD_isError(last)) {
            *error = QStringLiteral("%1 is not valid zstd data: %2")
                         .arg(name, QString::fromUtf8(ZSTD_getErrorName(last)));
            return std::nullopt;
        }
        if (out.size() + qint64(output.pos) > cap) {
            *error = QStringLiteral("%1 unpacks to more than %2 MB; the file may be a zip bomb")
                         .arg(name)
                         .arg(cap >> 20);
            return std::nullopt;
        }
        out.append(chunk.constData(), qsizetype(output.pos));
        if (output.pos == 0 && input.pos == input.size && last != 0) {
            *error = QStringLiteral("%1 ends in the middle of its zstd data").arg(name);
            return std::nullopt;
        }
    }
    return out;
}

bool looksLikeZstd(const QByteArray &data)
{
    return data.size() >= 4 && quint8(data[0]) == 0x28 && quint8(data[1]) == 0xb5 &&
           quint8(data[2]) == 0x2f && quint8(data[3]) == 0xfd;
}

class Reader
{
public:
    Reader(const AnkiReadLimits &limits, QString *error)
        : m_limits(limits)
        , m_error(error)
    {}

    std::optional<AnkiPackage> read(const QString &path);

private:
    bool fail(const QString &message)
    {
        *m_error = message;
        return false;
    }
    bool readCollection(const QString &file);
    bool readLegacyTypesAndDecks(QSqlQuery &q);
    bool readSchema18TypesAndDecks(QSqlQuery &q);
    bool readNotes(QSqlQuery &q);
    bool readCards(QSqlQuery &q);
    bool readReviews(QSqlQuery &q);
    bool readMedia(ZipReader &zip, bool latest);
    bool checkField(const QString &what, const QString &value);
    bool checkPackageVersion(ZipReader &zip);

    AnkiReadLimits m_limits;
    QString *m_error;
    AnkiPackage m_package;
};

std::optional<AnkiPackage> Reader::read(const QString &path)
{
    ZipReader zip;
    if (!zip.open(path, m_limits.zip)) {
        fail(zip.error());
        return std::nullopt;
    }
    if (!checkPackageVersion(zip))
        return std::nullopt;
    // Newer Anki versions write the real collection as anki21b and leave a
    // stub note ("please update Anki") in collection.anki2 for old readers.
    static const char *const kCollections[] = {"collection.anki21b", "collection.anki21",
                                               "collection.anki2"};
    QString chosen;
    for (const char *name : kCollections) {
        if (zip.contains(QString::fromLatin1(name))) {
            chosen = QString::fromLatin1(name);
            break;
        }
    }
    if (chosen.isEmpty()) {
        fail(QStringLiteral("the archive holds no Anki collection (collection.anki2, "
                            "collection.anki21 or collection.anki21b); it has: %1")
                 .arg(zip.names().mid(0, 8).join(QStringLiteral(", "))));
        return std::nullopt;
    }
    std::optional<QByteArray> bytes = zip.read(chosen);
    if (!bytes) {
        fail(zip.error());
        return std::nullopt;
    }
    const bool latest = chosen.endsWith(u'b');
    if (latest) {
        bytes = unzstd(*bytes, m_limits.zip.maxEntryBytes, chosen, m_error);
        if (!bytes)
            return std::nullopt;
    }
    if (!bytes->startsWith("SQLite format 3")) {
        fail(QStringLiteral("%1 in the archive is not an SQLite database").arg(chosen));
        return std::nullopt;
    }
    QTemporaryDir dir;
    if (!dir.isValid()) {
        fail(QStringLiteral("cannot make a temporary folder: %1").arg(dir.errorString()));
        return std::nullopt;
    }
    const QString dbPath = dir.filePath(QStringLiteral("collection.sqlite"));
    QFile file(dbPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.flush()) {
        fail(QStringLiteral("cannot write a temporary copy of the collection: %1")
                 .arg(file.errorString()));
        return std::nullopt;
    }
    file.close();
    bytes.reset();
    m_package.collectionFile = chosen;
    if (!readCollection(dbPath) || !readMedia(zip, latest))
        return std::nullopt;
    return std::move(m_package);
}

bool Reader::readCollection(const QString &file)
{
    // Anki's file, not ours: no id, no versions, nothing written to it.
    storage::SqliteFile db;
    storage::SqliteFile::Options options;
    options.readOnly = true;
    if (const Result<void> opened = db.open(file, options); !opened)
        return fail(
            QStringLiteral("cannot open the collection in the archive: %1").arg(opened.error()));
    QSqlQuery q(db.database());
    const bool schema18 =
        q.exec(QStringLiteral(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notetypes'")) &&
        q.next();
    q.finish();
    return (schema18 ? readSchema18TypesAndDecks(q) : readLegacyTypesAndDecks(q)) && readNotes(q) &&
           readCards(q) && readReviews(q);
}

bool Reader::readLegacyTypesAndDecks(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("SELECT crt, models, decks FROM col")) || !q.next())
        return fail(QStringLiteral("the collection has no readable col table: %1")
                        .arg(q.lastError().text()));
    m_package.created = QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    QJsonParseError perr;
    const QJsonDocument models = QJsonDocument::fromJson(q.value(1).toByteArray(), &perr);
    if (!models.isObject())
        return fail(QStringLiteral("the note types (col.models) are not valid JSON: %1")
                        .arg(perr.errorString()));
    const QJsonDocument decks = QJsonDocument::fromJson(q.value(2).toByteArray(), &perr);
    if (!decks.isObject())
        return fail(
            QStringLiteral("the decks (col.decks) are not valid JSON: %1").arg(perr.errorString()));
    q.finish();
    const QJsonObject modelMap = models.object();
    for (auto it = modelMap.begin(); it != modelMap.end(); ++it) {
        const QJsonObject m = it.value().toObject();
        AnkiNoteType type;
        type.id = m.contains(u"id") ? jsonId(m.value(u"id")) : it.key().toLongLong();
        type.name = m.value(u"name").toString();
        type.cloze = m.value(u"type").toInt() == 1;
        QMap<int, QString> byOrd;
        const QJsonArray flds = m.value(u"flds").toArray();
        for (qsizetype i = 0; i < flds.size(); ++i) {
            const QJsonObject f = flds[i].toObject();
            byOrd.insert(f.contains(u"ord") ? f.value(u"ord").toInt() : int(i),
                         f.value(u"name").toString());
        }
        type.fields = byOrd.values();
        const QJsonArray tmpls = m.value(u"tmpls").toArray();
        for (qsizetype i = 0; i < tmpls.size(); ++i) {
            const QJsonObject t = tmpls[i].toObject();
            type.templates.append({t.contains(u"ord") ? t.value(u"ord").toInt() : int(i),
                                   t.value(u"name").toString(), t.value(u"qfmt").toString(),
                                   t.value(u"afmt").toString()});
        }
        // The same note type can appear under one id in several packages,
        // or twice in one: the later definition wins, as in Anki.
        m_package.noteTypes.insert(type.id, type);
    }
    const QJsonObject deckMap = decks.object();
    for (auto it = deckMap.begin(); it != deckMap.end(); ++it) {
        const QJsonObject d = it.value().toObject();
        const qint64 id = d.contains(u"id") ? jsonId(d.value(u"id")) : it.key().toLongLong();
        m_package.decks.insert(id, d.value(u"name").toString());
    }
    return true;
}

bool Reader::readSchema18TypesAndDecks(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("SELECT crt FROM col")) || !q.next())
        return fail(QStringLiteral("the collection has no readable col table: %1")
                        .arg(q.lastError().text()));
    m_package.created = QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
    q.finish();
    if (!q.exec(QStringLiteral("SELECT id, name, config FROM notetypes")))
        return fail(QStringLiteral("cannot read the note types: %1").arg(q.lastError().text()));
    while (q.next()) {
        AnkiNoteType type;
        type.id = q.value(0).toLongLong();
        type.name = q.value(1).toString();
        const auto config = proto::parse(q.value(2).toByteArray());
        if (!config)
            return fail(
                QStringLiteral("note type \"%1\" has a damaged configuration").arg(type.name));
        const proto::Field *kind = proto::find(*config, 1);
        type.cloze = kind && kind->varint == 1;
        m_package.noteTypes.insert(type.id, type);
    }
    if (!q.exec(QStringLiteral("SELECT ntid, name FROM fields ORDER BY ntid, ord")))
        return fail(QStringLiteral("cannot read the note fields: %1").arg(q.lastError().text()));
    while (q.next()) {
        auto it = m_package.noteTypes.find(q.value(0).toLongLong());
        if (it != m_package.noteTypes.end())
            it->fields.append(q.value(1).toString());
    }
    if (!q.exec(QStringLiteral("SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord")))
        return fail(QStringLiteral("cannot read the card templates: %1").arg(q.lastError().text()));
    while (q.next()) {
        auto it = m_package.noteTypes.find(q.value(0).toLongLong());
        if (it == m_package.noteTypes.end())
            continue;
        const auto config = proto::parse(q.value(3).toByteArray());
        if (!config)
            return fail(QStringLiteral("a card template of \"%1\" is damaged").arg(it->name));
        const proto::Field *question = proto::find(*config, 1);
        const proto::Field *answer = proto::find(*config, 2);
        it->templates.append({q.value(1).toInt(), q.value(2).toString(),
                              question ? QString::fromUtf8(question->bytes) : QString(),
                              answer ? QString::fromUtf8(answer->bytes) : QString()});
    }
    if (!q.exec(QStringLiteral("SELECT id, name FROM decks")))
        return fail(QStringLiteral("cannot read the decks: %1").arg(q.lastError().text()));
    while (q.next()) {
        QString name = q.value(1).toString();
        name.replace(kFieldSeparator, QStringLiteral("::"));
        m_package.decks.insert(q.value(0).toLongLong(), name);
    }
    return true;
}

// Anki's `meta` entry names the package version (1 and 2 legacy, 3 with
// anki21b). A later one, or a collection file of a later generation, means
// the placeholder beside it is all an older reader would see: refuse, as
// Anki does, instead of importing the "please update" note.
bool Reader::checkPackageVersion(ZipReader &zip)
{
    constexpr quint64 kLatestKnown = 3;
    const QString newer = QStringLiteral(
        "this deck was made by a newer version of Anki than this app can read; in Anki, "
        "export it again with \u201cSupport older Anki versions\u201d ticked");
    static const QRegularExpression collection(QStringLiteral("^collection\\.anki2.*$"));
    static const QStringList known{QStringLiteral("collection.anki2"),
                                   QStringLiteral("collection.anki21"),
                                   QStringLiteral("collection.anki21b")};
    for (const QString &name : zip.names()) {
        if (collection.match(name).hasMatch() && !known.contains(name))
            return fail(QStringLiteral("%1 (it holds %2)").arg(newer, name));
    }
    if (!zip.contains(QStringLiteral("meta")))
        return true;
    const std::optional<QByteArray> meta = zip.read(QStringLiteral("meta"));
    if (!meta)
        return fail(zip.error());
    const std::optional<QList<proto::Field>> fields = proto::parse(*meta);
    const proto::Field *version = fields ? proto::find(*fields, 1) : nullptr;
    if (version && version->wireType == 0 && version->varint > kLatestKnown)
        return fail(QStringLiteral("%1 (package version %2)").arg(newer).arg(version->varint));
    return true;
}

bool Reader::checkField(const QString &what, const QString &value)
{
    if (value.size() * 2 > m_limits.maxFieldBytes) {
        const qint64 bytes = value.toUtf8().size();
        if (bytes > m_limits.maxFieldBytes)
            return fail(QStringLiteral("%1 is %2 MB, more than the %3 MB a field may hold")
                            .arg(what)
                            .arg(double(bytes) / (1 << 20), 0, 'f', 1)
                            .arg(m_limits.maxFieldBytes >> 20));
    }
    return true;
}

bool Reader::readNotes(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id")))
        return fail(QStringLiteral("cannot read the notes: %1").arg(q.lastError().text()));
    while (q.next()) {
        AnkiNote n;
        n.id = q.value(0).toLongLong();
        n.guid = q.value(1).toString();
        n.noteTypeId = q.value(2).toLongLong();
        const QString flds = q.value(3).toString();
        if (!checkField(QStringLiteral("note %1").arg(n.id), flds))
            return false;
        n.fields = flds.split(kFieldSeparator);
        n.tags = q.value(4).toString().split(u' ', Qt::SkipEmptyParts);
        if (n.guid.isEmpty())
            return fail(QStringLiteral("note %1 has no guid").arg(n.id));
        if (!m_package.noteTypes.contains(n.noteTypeId))
            return fail(QStringLiteral("note %1 uses note type %2, which the file does not define")
                            .arg(n.id)
                            .arg(n.noteTypeId));
        m_package.notes.append(std::move(n));
    }
    return true;
}

bool Reader::readCards(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("SELECT id, nid, did, ord, type, queue, due, ivl, reps, lapses, "
                               "data FROM cards ORDER BY nid, ord")))
        return fail(QStringLiteral("cannot read the cards: %1").arg(q.lastError().text()));
    while (q.next()) {
        AnkiCard c;
        c.id = q.value(0).toLongLong();
        c.noteId = q.value(1).toLongLong();
        c.deckId = q.value(2).toLongLong();
        c.ordinal = q.value(3).toInt();
        c.type = q.value(4).toInt();
        c.queue = q.value(5).toInt();
        c.due = q.value(6).toLongLong();
        c.interval = q.value(7).toInt();
        c.reps = q.value(8).toInt();
        c.lapses = q.value(9).toInt();
        c.data = q.value(10).toString();
        m_package.cards.append(c);
    }
    return true;
}

bool Reader::readReviews(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("SELECT id, cid, ease, ivl, time, type FROM revlog ORDER BY id")))
        return fail(QStringLiteral("cannot read the review log: %1").arg(q.lastError().text()));
    while (q.next()) {
        m_package.reviews.append({q.value(0).toLongLong(), q.value(1).toLongLong(),
                                  q.value(2).toInt(), q.value(3).toInt(), q.value(4).toInt(),
                                  q.value(5).toInt()});
    }
    return true;
}

bool Reader::readMedia(ZipReader &zip, bool latest)
{
    if (!zip.contains(QStringLiteral("media")))
        return true;
    std::optional<QByteArray> map = zip.read(QStringLiteral("media"));
    if (!map)
        return fail(zip.error());
    // Entry name in the archive -> the file name the cards refer to.
    QList<QPair<QString, QString>> entries;
    if (latest || looksLikeZstd(*map)) {
        map = unzstd(*map, m_limits.zip.maxEntryBytes, QStringLiteral("the media list"), m_error);
        if (!map)
            return false;
        const auto list = proto::parse(*map);
        if (!list)
            return fail(QStringLiteral("the media list is damaged"));
        int index = 0;
        for (const proto::Field &f : *list) {
            if (f.number != 1)
                continue;
            const auto entry = proto::parse(f.bytes);
            if (!entry)
                return fail(QStringLiteral("the media list is damaged"));
            const proto::Field *name = proto::find(*entry, 1);
            const proto::Field *legacy = proto::find(*entry, 255);
            entries.append({QString::number(legacy ? int(legacy->varint) : index),
                            name ? QString::fromUtf8(name->bytes) : QString()});
            ++index;
        }
    } else {
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(*map, &perr);
        if (!doc.isObject())
            return fail(
                QStringLiteral("the media list is not valid JSON: %1").arg(perr.errorString()));
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it)
            entries.append({it.key(), it.value().toString()});
    }
    // Check every name before reading any file, so a hostile name stops the
    // import however late it comes in the list.
    for (const auto &[entry, name] : entries) {
        if (!isSafeMediaName(name))
            return fail(QStringLiteral("the media file name \"%1\" points outside the deck's "
                                       "media folder; nothing was imported")
                            .arg(name));
    }
    for (const auto &[entry, name] : entries) {
        std::optional<QByteArray> data = zip.read(entry);
        if (!data)
            return fail(zip.error());
        if (latest) {
            data = unzstd(*data, m_limits.zip.maxEntryBytes, QStringLiteral("media file ") + name,
                          m_error);
            if (!data)
                return false;
        }
        m_package.media.insert(name, *data);
    }
    return true;
}

} // namespace

bool isSafeMediaName(const QString &name)
{
    if (name.isEmpty() || name.size() > 255 || name == u"." || name == u"..")
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u'\\' || c == u':' || c.unicode() < 0x20)
            return false;
    }
    return !name.startsWith(u'~');
}

std::optional<AnkiPackage> readAnkiPackage(const QString &path, QString *error,
                                           const AnkiReadLimits &limits)
{
    Reader reader(limits, error);
    return reader.read(path);
}

} // namespace sds::cards
