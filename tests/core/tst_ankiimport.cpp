// Anki import and export on real files: the three decks the primer
// publishes, schema 18 packages (zstd) and legacy ones built here with
// review history, cloze notes and media, re-import by guid, every hostile
// archive the importer must refuse without writing anything, and export
// that our importer reads back equal.
#include "../filedigest.h"
#include "core/cards/ankiexport.h"
#include "core/cards/ankiimport.h"
#include "core/cards/ankitemplate.h"
#include "core/cards/cardhtml.h"
#include "core/cards/collection.h"
#include "core/cards/transfer.h"
#include "core/cards/zipfile.h"
#include "filesizelimit.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <zstd.h>

using namespace sds::cards;
using sds::srs::CardState;
using sds::srs::Rating;
using sds::srs::State;

namespace {

const QString kDecks = QStringLiteral(SDS_TEST_DATA_DIR "/anki/");
const QDateTime kDay0(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);

QByteArray zstd(const QByteArray &in)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(in.size()))), Qt::Uninitialized);
    const size_t n =
        ZSTD_compress(out.data(), size_t(out.size()), in.constData(), size_t(in.size()), 3);
    out.resize(qsizetype(n));
    return out;
}

// Protocol buffer fields, as Anki writes its config blobs.
QByteArray varint(quint64 v)
{
    QByteArray out;
    do {
        quint8 b = v & 0x7f;
        v >>= 7;
        if (v)
            b |= 0x80;
        out.append(char(b));
    } while (v);
    return out;
}
QByteArray pbBytes(int field, const QByteArray &value)
{
    return varint(quint64(field) << 3 | 2) + varint(quint64(value.size())) + value;
}
QByteArray pbInt(int field, quint64 value)
{
    return varint(quint64(field) << 3) + varint(value);
}

struct FixtureReview {
    qint64 cardId;
    QDateTime time;
    int ease;
    int type = 1;
    int ivl = 1;
};

struct FixtureCard {
    qint64 id, noteId, deckId;
    int ord = 0;
    int type = 0, queue = 0;
    qint64 due = 0;
    int ivl = 0;
    QString data = QStringLiteral("{}");
};

struct FixtureNote {
    qint64 id;
    QString guid;
    qint64 mid;
    QStringList fields;
    QString tags;
};

// A collection database written with plain SQL, in the layout of either
// schema 11 (note types as JSON in col) or schema 18 (their own tables).
struct Fixture {
    bool schema18 = false;
    QList<FixtureNote> notes;
    QList<FixtureCard> cards;
    QList<FixtureReview> reviews;

    QByteArray database(const QString &dir) const
    {
        const QString path = dir + QStringLiteral("/fixture-") +
                             QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".db");
        const QString conn = QStringLiteral("fixture-") + QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
            db.setDatabaseName(path);
            if (!db.open())
                qFatal("fixture: %s", qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            const auto run = [&](const QString &sql, const QVariantList &binds = {}) {
                q.prepare(sql);
                for (int i = 0; i < binds.size(); ++i)
                    q.bindValue(i, binds[i]);
                if (!q.exec())
                    qFatal("fixture: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            };
            run(QStringLiteral("CREATE TABLE col (id integer primary key, crt integer, mod "
                               "integer, scm integer, ver integer, dty integer, usn integer, ls "
                               "integer, conf text, models text, decks text, dconf text, tags "
                               "text)"));
            run(QStringLiteral("CREATE TABLE notes (id integer primary key, guid text, mid "
                               "integer, mod integer, usn integer, tags text, flds text, sfld "
                               "text, csum integer, flags integer, data text)"));
            run(QStringLiteral("CREATE TABLE cards (id integer primary key, nid integer, did "
                               "integer, ord integer, mod integer, usn integer, type integer, "
                               "queue integer, due integer, ivl integer, factor integer, reps "
                               "integer, lapses integer, left integer, odue integer, odid "
                               "integer, flags integer, data text)"));
            run(QStringLiteral("CREATE TABLE revlog (id integer primary key, cid integer, usn "
                               "integer, ease integer, ivl integer, lastIvl integer, factor "
                               "integer, time integer, type integer)"));
            const QJsonObject basic{
                {QStringLiteral("id"), QStringLiteral("100")}, // ids typed as strings, too
                {QStringLiteral("name"), QStringLiteral("Basic (and reversed card)")},
                {QStringLiteral("type"), 0},
                {QStringLiteral("flds"),
                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Front")},
                                        {QStringLiteral("ord"), 0}},
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Back")},
                                        {QStringLiteral("ord"), 1}}}},
                {QStringLiteral("tmpls"),
                 QJsonArray{
                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Card 1")},
                                 {QStringLiteral("ord"), 0},
                                 {QStringLiteral("qfmt"), QStringLiteral("{{Front}}")},
                                 {QStringLiteral("afmt"),
                                  QStringLiteral("{{FrontSide}}<hr id=answer>{{Back}}")}},
                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Card 2")},
                                 {QStringLiteral("ord"), 1},
                                 {QStringLiteral("qfmt"), QStringLiteral("{{Back}}")},
                                 {QStringLiteral("afmt"),
                                  QStringLiteral("{{FrontSide}}<hr id=answer>{{Front}}")}}}}};
            const QJsonObject cloze{
                {QStringLiteral("id"), 200},
                {QStringLiteral("name"), QStringLiteral("Cloze")},
                {QStringLiteral("type"), 1},
                {QStringLiteral("flds"),
                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Text")},
                                        {QStringLiteral("ord"), 0}}}},
                {QStringLiteral("tmpls"),
                 QJsonArray{
                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Cloze")},
                                 {QStringLiteral("ord"), 0},
                                 {QStringLiteral("qfmt"), QStringLiteral("{{cloze:Text}}")},
                                 {QStringLiteral("afmt"), QStringLiteral("{{cloze:Text}}")}}}}};
            const QJsonObject models{{QStringLiteral("100"), basic},
                                     {QStringLiteral("200"), cloze}};
            const QJsonObject decks{
                {QStringLiteral("1"),
                 QJsonObject{{QStringLiteral("id"), 1},
                             {QStringLiteral("name"), QStringLiteral("Default")}}},
                {QStringLiteral("300"),
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("300")},
                             {QStringLiteral("name"), QStringLiteral("Networking::TCP")}}}};
            const auto json = [](const QJsonObject &o) {
                return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            };
            run(QStringLiteral("INSERT INTO col VALUES (1, ?, 0, 0, ?, 0, 0, 0, '{}', ?, ?, '{}', "
                               "'{}')"),
                {kDay0.toSecsSinceEpoch(), schema18 ? 18 : 11, schema18 ? QString() : json(models),
                 schema18 ? QString() : json(decks)});
            if (schema18) {
                run(QStringLiteral("CREATE TABLE notetypes (id integer primary key, name text, "
                                   "mtime_secs integer, usn integer, config blob)"));
                run(QStringLiteral("CREATE TABLE fields (ntid integer, ord integer, name text, "
                                   "config blob, primary key (ntid, ord))"));
                run(QStringLiteral("CREATE TABLE templates (ntid integer, ord integer, name "
                                   "text, mtime_secs integer, usn integer, config blob, primary "
                                   "key (ntid, ord))"));
                run(QStringLiteral("CREATE TABLE decks (id integer primary key, name text, "
                                   "mtime_secs integer, usn integer, common blob, kind blob)"));
                run(QStringLiteral("INSERT INTO notetypes VALUES (100, 'Basic (and reversed "
                                   "card)', 0, 0, ?)"),
                    {pbInt(1, 0) + pbBytes(3, ".card {}")});
                run(QStringLiteral("INSERT INTO notetypes VALUES (200, 'Cloze', 0, 0, ?)"),
                    {pbInt(1, 1)});
                for (const auto &[ntid, ord, name] :
                     {std::tuple{100, 0, "Front"}, std::tuple{100, 1, "Back"},
                      std::tuple{200, 0, "Text"}})
                    run(QStringLiteral("INSERT INTO fields VALUES (?, ?, ?, x'')"),
                        {ntid, ord, QString::fromLatin1(name)});
                const auto tmpl = [](const char *q, const char *a) {
                    return pbBytes(1, q) + pbBytes(2, a);
                };
                run(QStringLiteral("INSERT INTO templates VALUES (100, 0, 'Card 1', 0, 0, ?)"),
                    {tmpl("{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}")});
                run(QStringLiteral("INSERT INTO templates VALUES (100, 1, 'Card 2', 0, 0, ?)"),
                    {tmpl("{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}")});
                run(QStringLiteral("INSERT INTO templates VALUES (200, 0, 'Cloze', 0, 0, ?)"),
                    {tmpl("{{cloze:Text}}", "{{cloze:Text}}")});
                run(QStringLiteral("INSERT INTO decks VALUES (1, 'Default', 0, 0, x'', x'')"));
                // Schema 18 separates deck path parts with 0x1f.
                run(QStringLiteral("INSERT INTO decks VALUES (300, ?, 0, 0, x'', x'')"),
                    {QStringLiteral("Networking") + QChar(0x1f) + QStringLiteral("TCP")});
            }
            for (const FixtureNote &n : notes)
                run(QStringLiteral("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, "
                                   "'')"),
                    {n.id, n.guid, n.mid, n.tags, n.fields.join(QChar(0x1f))});
            for (const FixtureCard &c : cards)
                run(QStringLiteral("INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, "
                                   "2500, 0, 0, 0, 0, 0, 0, ?)"),
                    {c.id, c.noteId, c.deckId, c.ord, c.type, c.queue, c.due, c.ivl, c.data});
            for (const FixtureReview &r : reviews)
                run(QStringLiteral("INSERT INTO revlog VALUES (?, ?, 0, ?, ?, 0, 2500, 8000, ?)"),
                    {r.time.toMSecsSinceEpoch(), r.cardId, r.ease, r.ivl, r.type});
            db.close();
        }
        QSqlDatabase::removeDatabase(conn);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("fixture: cannot read back");
        return f.readAll();
    }
};

// Two notes: a reversible one with two cards in Networking::TCP, and a
// cloze with two deletions.
Fixture sampleFixture(bool schema18)
{
    Fixture f;
    f.schema18 = schema18;
    f.notes = {{1000,
                QStringLiteral("g<&>`%{}1"),
                100,
                {QStringLiteral("What does TCP's <b>handshake</b> exchange?"),
                 QStringLiteral("SYN, SYN-ACK, ACK<br><img src=\"diagram.png\">")},
                QStringLiteral(" net tcp ")},
               {2000,
                QStringLiteral("cloze-guid"),
                200,
                {QStringLiteral("{{c1::UDP}} has no {{c2::handshake::what TCP does first}}")},
                QString()}};
    f.cards = {
        {1000, 1000, 300, 0}, {1001, 1000, 300, 1}, {2000, 2000, 300, 0}, {2001, 2000, 300, 1}};
    return f;
}

// An SQLite file that is not an Anki collection.
QByteArray otherSqlite(const QString &dir)
{
    const QString path = dir + QStringLiteral("/other.db");
    const QString conn = QStringLiteral("other-") + QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(path);
        if (!db.open() || !QSqlQuery(db).exec(QStringLiteral("CREATE TABLE other (x)")))
            qFatal("other sqlite");
    }
    QSqlDatabase::removeDatabase(conn);
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writePackage(const QString &path, const QList<ZipEntry> &entries)
{
    QString error;
    if (!writeZip(path, entries, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

qint64 scalar(const QString &dbPath, const QString &sql)
{
    const QString conn = QStringLiteral("peek-") + QUuid::createUuid().toString();
    qint64 v = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), conn);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                v = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(conn);
    return v;
}

CardState replay(const QList<std::pair<QDateTime, Rating>> &reviews,
                 const sds::srs::SchedulerParams &params)
{
    sds::srs::SchedulerParams p = params;
    p.enableFuzz = false;
    CardState s = sds::srs::newCard(reviews.front().first);
    for (const auto &[time, rating] : reviews)
        s = sds::srs::review(s, rating, time, p);
    return s;
}

} // namespace

class TestAnkiImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    Collection m_c;

    void freshCollection()
    {
        m_c.close();
        m_dbPath =
            m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".sqlite"));
        OpenOptions o;
        o.autoBackup = false;
        QVERIFY2(m_c.open(m_dbPath, o), qPrintable(m_c.error()));
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    qint64 count(const QString &table) const
    {
        return scalar(m_dbPath, QStringLiteral("SELECT count(*) FROM ") + table);
    }

private slots:
    void init() { freshCollection(); }

    void primerDecksImportWithTheirNotes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("notes");
        QTest::addColumn<QString>("deck");
        QTest::newRow("system design") << "system-design.apkg" << 42 << "System Design";
        QTest::newRow("exercises")
            << "system-design-exercises.apkg" << 8 << "System Design Exercises";
        QTest::newRow("oo design") << "oo-design.apkg" << 6 << "OO Design";
    }
    void primerDecksImportWithTheirNotes()
    {
        QFETCH(QString, file);
        QFETCH(int, notes);
        QFETCH(QString, deck);
        QString error;
        const auto result = importFile(m_c, kDecks + file, &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->notesAdded, notes);
        QCOMPARE(result->cardsAdded, notes);
        QCOMPARE(result->decks, QStringList{deck});
        QCOMPARE(count(QStringLiteral("notes")), qint64(notes));
        // The "Default" deck every file carries stays out: only used decks come in.
        QCOMPARE(m_c.decks().size(), 1);
        const auto batch = m_c.exportBatch(m_c.decks().first().id);
        QVERIFY(batch);
        int withCode = 0;
        for (const ImportedNote &n : batch->notes) {
            const ImportedCard &c = n.cards.first();
            QVERIFY2(!htmlToPlainText(c.front).isEmpty(), qPrintable(n.guid));
            QVERIFY2(!htmlToPlainText(c.back).isEmpty(), qPrintable(n.guid));
            // Basic notes: the question is the Front field and the answer
            // side is the Back field alone, without the question above it.
            QCOMPARE(c.front, n.fields.value(QStringLiteral("Front")).toString());
            QCOMPARE(c.back, n.fields.value(QStringLiteral("Back")).toString());
            const QString shown = sanitizeHtml(c.back);
            QVERIFY(!shown.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
            QVERIFY(!shown.contains(QRegularExpression(QStringLiteral("<img[^>]+http"))));
            if (c.back.contains(QStringLiteral("<pre")) && c.back.contains(u'\n'))
                ++withCode;
        }
        if (deck == u"OO Design")
            QVERIFY2(withCode > 0, "code blocks keep their line breaks");
    }

    void reimportUpdatesByGuidInsteadOfDuplicating()
    {
        QString error;
        const QString file = kDecks + QStringLiteral("oo-design.apkg");
        QVERIFY(importFile(m_c, file, &error));
        const auto again = importFile(m_c, file, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->notesAdded, 0);
        QCOMPARE(again->notesUnchanged, 6);
        QCOMPARE(count(QStringLiteral("notes")), qint64(6));

        // A new version of the deck: one answer reworded, one note new.
        auto package = readAnkiPackage(file, &error);
        QVERIFY(package);
        AnkiNote extra = package->notes[0];
        package->notes[0].fields[1] = QStringLiteral("A reworded answer");
        extra.id = 42;
        extra.guid = QStringLiteral("brand-new");
        package->notes.append(extra);
        AnkiCard extraCard = package->cards[0];
        extraCard.id = 4242;
        extraCard.noteId = 42;
        package->cards.append(extraCard);
        const ImportBatch batch = batchFromAnkiPackage(*package, m_c.schedulerParams());
        const auto updated = m_c.importBatch(batch);
        QVERIFY2(updated, qPrintable(m_c.error()));
        QCOMPARE(updated->notesAdded, 1);
        QCOMPARE(updated->notesUpdated, 1);
        QCOMPARE(updated->notesUnchanged, 5);
        QCOMPARE(count(QStringLiteral("notes")), qint64(7));
        QCOMPARE(
            scalar(m_dbPath, QStringLiteral("SELECT count(*) FROM cards WHERE back = 'A reworded "
                                            "answer'")),
            qint64(1));
    }

    void schema18PackageWithHistoryClozeAndMedia()
    {
        Fixture f = sampleFixture(true);
        // Card 1000 was studied in Anki: learn, then reviews over weeks, a
        // manual reschedule (no grade) that must not count.
        const QList<std::pair<QDateTime, Rating>> history = {
            {kDay0.addSecs(3600), Rating::Good},
            {kDay0.addSecs(3600 + 600), Rating::Good},
            {kDay0.addDays(3), Rating::Good},
            {kDay0.addDays(12), Rating::Again},
            {kDay0.addDays(12).addSecs(600), Rating::Good},
            {kDay0.addDays(15), Rating::Easy},
        };
        for (const auto &[time, rating] : history)
            f.reviews.append({1000, time, int(rating)});
        f.reviews.append({1000, kDay0.addDays(13), 0, 4, 5});
        // Card 1001 is suspended.
        f.cards[1].queue = -1;
        QTemporaryDir work;
        const QByteArray db = f.database(work.path());
        // Newer Anki leaves a stub note in collection.anki2 for old readers.
        Fixture stub;
        stub.notes = {
            {1,
             QStringLiteral("stub"),
             100,
             {QStringLiteral("Please update to the latest Anki version"), QStringLiteral("stub")},
             QString()}};
        stub.cards = {{1, 1, 1}};
        const QByteArray mediaList =
            pbBytes(1, pbBytes(1, "diagram.png") + pbInt(2, 4) + pbBytes(3, QByteArray(20, 'x')));
        const QString file = path(QStringLiteral("latest.apkg"));
        QVERIFY(
            writePackage(file, {{QStringLiteral("collection.anki2"), stub.database(work.path())},
                                {QStringLiteral("collection.anki21b"), zstd(db)},
                                {QStringLiteral("meta"), pbInt(1, 3)},
                                {QStringLiteral("media"), zstd(mediaList)},
                                {QStringLiteral("0"), zstd("\x89PNG")}}));
        QString error;
        const auto result = importFile(m_c, file, &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->notesAdded, 2);
        QCOMPARE(result->cardsAdded, 4);
        QCOMPARE(result->reviewsAdded, int(history.size()));
        QCOMPARE(result->mediaAdded, 1);
        QCOMPARE(result->decks, QStringList{QStringLiteral("Networking::TCP")});
        QCOMPARE(m_c.media(QStringLiteral("diagram.png")).value_or(QByteArray()),
                 QByteArray("\x89PNG"));
        QCOMPARE(count(QStringLiteral("notes WHERE guid = 'stub'")), qint64(0));

        const auto batch = m_c.exportBatch(m_c.decks().first().id);
        QVERIFY(batch);
        QCOMPARE(batch->notes.size(), 2);
        const ImportedNote &basic = batch->notes[0];
        QCOMPARE(basic.guid, QStringLiteral("g<&>`%{}1"));
        QCOMPARE(basic.tags, (QStringList{QStringLiteral("net"), QStringLiteral("tcp")}));
        QCOMPARE(basic.cards.size(), 2);
        QCOMPARE(basic.cards[0].front,
                 QStringLiteral("What does TCP's <b>handshake</b> exchange?"));
        QCOMPARE(basic.cards[0].back,
                 QStringLiteral("SYN, SYN-ACK, ACK<br><img src=\"diagram.png\">"));
        // The reverse card asks with the back.
        QVERIFY(basic.cards[1].front.startsWith(QStringLiteral("SYN, SYN-ACK")));
        QVERIFY(basic.cards[1].suspended);
        QVERIFY(!basic.cards[0].suspended);
        // History replayed through FSRS gives the state a scheduler that
        // saw those answers would hold.
        const CardState expected = replay(history, m_c.schedulerParams());
        const CardState got = *basic.cards[0].schedule;
        QCOMPARE(got.state, expected.state);
        QCOMPARE(got.stability, expected.stability);
        QCOMPARE(got.difficulty, expected.difficulty);
        QCOMPARE(got.reps, int(history.size()));
        QCOMPARE(got.lapses, 1);
        QCOMPARE(got.lastReview, history.last().first);
        QCOMPARE(basic.cards[0].reviews.size(), history.size());
        QCOMPARE(basic.cards[0].reviews[3].rating, Rating::Again);
        // A card never studied is new.
        QCOMPARE(basic.cards[1].schedule->state, State::New);

        const ImportedNote &cloze = batch->notes[1];
        QCOMPARE(cloze.cards.size(), 2);
        QVERIFY(cloze.cards[0].front.contains(QStringLiteral("[…]")));
        QVERIFY(!cloze.cards[0].front.contains(QStringLiteral("UDP")));
        QVERIFY(cloze.cards[0].front.contains(QStringLiteral("handshake")));
        QVERIFY(cloze.cards[0].back.contains(QStringLiteral("<b class=\"cloze\">UDP</b>")));
        QVERIFY(cloze.cards[1].front.contains(QStringLiteral("[what TCP does first]")));
        QVERIFY(cloze.cards[1].front.contains(QStringLiteral("UDP")));
    }

    void legacyAnki21WithSchedulingButNoLog()
    {
        Fixture f = sampleFixture(false);
        // Scheduled in Anki, log deleted: the interval and Anki's FSRS memory stand in.
        f.cards[0].type = 2;
        f.cards[0].queue = 2;
        f.cards[0].ivl = 20;
        f.cards[0].due = 30; // day 30 after col.crt
        f.cards[0].data = QStringLiteral("{\"s\":23.5,\"d\":6.25}");
        QTemporaryDir work;
        const QString file = path(QStringLiteral("anki21.apkg"));
        QVERIFY(writePackage(file, {{QStringLiteral("collection.anki21"), f.database(work.path())},
                                    {QStringLiteral("media"), "{}"}}));
        QString error;
        const auto result = importFile(m_c, file, &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->cardsAdded, 4);
        const auto batch = m_c.exportBatch(m_c.decks().first().id);
        const CardState s = *batch->notes[0].cards[0].schedule;
        QCOMPARE(s.state, State::Review);
        QCOMPARE(s.stability, 23.5);
        QCOMPARE(s.difficulty, 6.25);
        QCOMPARE(s.due, kDay0.addDays(30));
        QCOMPARE(s.lastReview, kDay0.addDays(10));
    }

    void hostileOrBrokenFilesChangeNothing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a zip") << "notzip"
                                   << "not a zip archive";
        QTest::newRow("empty file") << "empty"
                                    << "not a zip archive";
        QTest::newRow("zip bomb") << "bomb"
                                  << "zip bomb";
        QTest::newRow("zstd bomb") << "zstdbomb"
                                   << "zip bomb";
        QTest::newRow("parent path in media") << "dotdot"
                                              << "points outside";
        QTest::newRow("absolute media path") << "absolute"
                                             << "points outside";
        QTest::newRow("no collection") << "nocollection"
                                       << "no Anki collection";
        QTest::newRow("collection not sqlite") << "garbage"
                                               << "not an SQLite database";
        QTest::newRow("damaged zstd") << "badzstd"
                                      << "not valid zstd";
        QTest::newRow("sqlite without anki tables") << "foreignsqlite"
                                                    << "no readable col table";
        QTest::newRow("field over the cap") << "hugefield"
                                            << "more than the 4 MB a field may hold";
        QTest::newRow("newer package version") << "newermeta"
                                               << "made by a newer version of Anki";
        QTest::newRow("newer collection file") << "anki21c"
                                               << "it holds collection.anki21c";
        QTest::newRow("note of an unknown type") << "unknowntype"
                                                 << "does not define";
    }
    void hostileOrBrokenFilesChangeNothing()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        // Something the learner already has, which must survive.
        QString error;
        QVERIFY(importFile(m_c, kDecks + QStringLiteral("oo-design.apkg"), &error));
        QTemporaryDir work;
        const QString file = path(kind + QStringLiteral(".apkg"));
        // The folder's files but SQLite's -wal and -shm, there only while a
        // collection is open.
        const auto files = [this] {
            QStringList names = QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden);
            names.removeIf([](const QString &n) {
                return n.endsWith(QStringLiteral("-wal")) || n.endsWith(QStringLiteral("-shm"));
            });
            return names;
        };
        QStringList filesBefore = files();
        if (!filesBefore.contains(kind + QStringLiteral(".apkg")))
            filesBefore.append(kind + QStringLiteral(".apkg"));
        filesBefore.sort();
        const QByteArray good = sampleFixture(false).database(work.path());
        if (kind == u"notzip") {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Front,Back\nthis is,not a zip\n");
        } else if (kind == u"empty") {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind == u"bomb") {
            // 64 MB of zeros packs into a few kilobytes; the cap below is 16 MB.
            QVERIFY(writePackage(
                file, {{QStringLiteral("collection.anki2"), QByteArray(64 << 20, '\0')}}));
        } else if (kind == u"zstdbomb") {
            QVERIFY(writePackage(
                file, {{QStringLiteral("collection.anki21b"), zstd(QByteArray(64 << 20, '\0'))}}));
        } else if (kind == u"dotdot" || kind == u"absolute") {
            const QString name =
                kind == u"dotdot" ? QStringLiteral("../../evil.sh") : QStringLiteral("/etc/evil");
            QVERIFY(writePackage(
                file, {{QStringLiteral("collection.anki2"), good},
                       {QStringLiteral("media"),
                        QJsonDocument(QJsonObject{{QStringLiteral("0"), name}}).toJson()},
                       {QStringLiteral("0"), "#!/bin/sh\n"}}));
        } else if (kind == u"nocollection") {
            QVERIFY(writePackage(file, {{QStringLiteral("media"), "{}"}}));
        } else if (kind == u"garbage") {
            QVERIFY(
                writePackage(file, {{QStringLiteral("collection.anki2"), QByteArray(4096, 'z')}}));
        } else if (kind == u"badzstd") {
            QVERIFY(writePackage(file, {{QStringLiteral("collection.anki21b"),
                                         QByteArray("\x28\xb5\x2f\xfd garbage", 12)}}));
        } else if (kind == u"foreignsqlite") {
            QVERIFY(writePackage(file,
                                 {{QStringLiteral("collection.anki2"), otherSqlite(work.path())}}));
        } else if (kind == u"hugefield") {
            Fixture f = sampleFixture(false);
            f.notes[0].fields[1] = QString(5 << 20, u'a');
            QVERIFY(writePackage(file,
                                 {{QStringLiteral("collection.anki2"), f.database(work.path())}}));
        } else if (kind == u"newermeta" || kind == u"anki21c") {
            // What a newer Anki writes for old readers: the placeholder note
            // in collection.anki2 beside a collection we cannot read.
            Fixture stub;
            stub.notes = {{1,
                           QStringLiteral("stub"),
                           100,
                           {QStringLiteral("Please update to the latest Anki version"),
                            QStringLiteral("stub")},
                           QString()}};
            stub.cards = {{1, 1, 1}};
            QList<ZipEntry> entries{
                {QStringLiteral("collection.anki2"), stub.database(work.path())}};
            if (kind == u"newermeta")
                entries.append({QStringLiteral("meta"), pbInt(1, 4)});
            else
                entries.append({QStringLiteral("collection.anki21c"), QByteArray(64, 'c')});
            QVERIFY(writePackage(file, entries));
        } else if (kind == u"unknowntype") {
            Fixture f = sampleFixture(false);
            f.notes[1].mid = 999;
            QVERIFY(writePackage(file,
                                 {{QStringLiteral("collection.anki2"), f.database(work.path())}}));
        }
        m_c.close();
        const QByteArray before = fileDigest(m_dbPath);
        OpenOptions options;
        options.autoBackup = false;
        QVERIFY(m_c.open(m_dbPath, options));
        AnkiReadLimits limits;
        limits.zip.maxEntryBytes = 16 << 20;
        limits.zip.maxTotalBytes = 32 << 20;
        limits.maxFieldBytes = 4 << 20; // the cap at work, below what the archive allows
        const auto result = importFile(m_c, file, &error, {}, limits);
        QVERIFY(!result);
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(count(QStringLiteral("notes")), qint64(6));
        QCOMPARE(m_c.decks().size(), 1);
        m_c.close();
        QCOMPARE(fileDigest(m_dbPath), before);
        // Media live in the collection only (nothing is unpacked to disk), so
        // the file's digest above covers a hostile name too; the collection's
        // own folder gained nothing but the package written above.
        QCOMPARE(files(), filesBefore);
    }

    // A card with a long listing or an inlined image: Anki takes it, so do we.
    void aFieldOfSeveralMegabytesImports()
    {
        QTemporaryDir work;
        Fixture f = sampleFixture(false);
        const QString big =
            QStringLiteral("<pre>") + QString(6 << 20, u'x') + QStringLiteral("</pre>");
        f.notes[0].fields[1] = big;
        const QString file = path(QStringLiteral("bigfield.apkg"));
        QVERIFY(
            writePackage(file, {{QStringLiteral("collection.anki2"), f.database(work.path())}}));
        QString error;
        const auto result = importFile(m_c, file, &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->notesAdded, int(f.notes.size()));
        QVERIFY(scalar(m_dbPath, QStringLiteral("SELECT max(length(fields)) FROM notes")) >
                qint64(6 << 20));
    }

    void failureHalfWayRollsBackTheWholeImport()
    {
        QString error;
        auto package = readAnkiPackage(kDecks + QStringLiteral("system-design.apkg"), &error);
        QVERIFY(package);
        ImportBatch batch = batchFromAnkiPackage(*package, m_c.schedulerParams());
        // The 30th note is broken: the 29 before it must not stay behind.
        batch.notes[29].guid.clear();
        QVERIFY(!m_c.importBatch(batch));
        QVERIFY(m_c.error().contains(QStringLiteral("note 30")));
        QCOMPARE(count(QStringLiteral("notes")), qint64(0));
        QCOMPARE(count(QStringLiteral("decks")), qint64(0));
    }

    void exportedPackageReadsBackEqual()
    {
        // The learner's own notes, studied for a while.
        const auto deck = m_c.addDeck(QStringLiteral("Mine"));
        QVERIFY(deck);
        QList<NewNote> notes;
        for (int i = 0; i < 5; ++i) {
            NewNote n;
            n.deckId = *deck;
            n.front = QStringLiteral("Question %1 with **bold** & <angle>").arg(i);
            n.back = QStringLiteral("Answer %1\nsecond line").arg(i);
            n.tags = {QStringLiteral("t%1").arg(i)};
            notes.append(n);
        }
        const auto ids = m_c.addNotes(notes);
        QVERIFY(ids);
        QDateTime t = kDay0;
        for (int round = 0; round < 4; ++round) {
            for (int i = 0; i < 5; ++i) {
                const Rating r = (i + round) % 4 == 0 ? Rating::Again : Rating::Good;
                QVERIFY(m_c.answer((*ids)[i], r, t.addSecs(i * 60), 5000));
            }
            t = t.addDays(round + 2);
        }
        QVERIFY(m_c.setSuspended((*ids)[4], true));
        const QString file = path(QStringLiteral("mine.apkg"));
        QString error;
        QCOMPARE(exportDeck(m_c, QStringLiteral("mine"), file, &error).value_or(-1), 5);
        const auto original = m_c.exportBatch(*deck);

        // Into a fresh collection.
        freshCollection();
        const auto result = importFile(m_c, file, &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->notesAdded, 5);
        QCOMPARE(result->reviewsAdded, 20);
        QCOMPARE(result->decks, QStringList{QStringLiteral("Mine")});
        const auto back = m_c.exportBatch(m_c.decks().first().id);
        QCOMPARE(back->notes.size(), original->notes.size());
        for (qsizetype i = 0; i < back->notes.size(); ++i) {
            const ImportedNote &a = original->notes[i];
            const ImportedNote &b = back->notes[i];
            QCOMPARE(b.guid, a.guid);
            QCOMPARE(b.tags, a.tags);
            QCOMPARE(b.cards[0].front, plainToHtml(a.cards[0].front));
            QCOMPARE(b.cards[0].back, plainToHtml(a.cards[0].back));
            QCOMPARE(b.cards[0].suspended, a.cards[0].suspended);
            const CardState &x = *a.cards[0].schedule;
            const CardState &y = *b.cards[0].schedule;
            // Memory and counts match; the due date may differ by the fuzz
            // the original answers drew.
            QCOMPARE(y.state, x.state);
            QCOMPARE(y.stability, x.stability);
            QCOMPARE(y.difficulty, x.difficulty);
            QCOMPARE(y.reps, x.reps);
            QCOMPARE(y.lapses, x.lapses);
            QCOMPARE(y.lastReview, x.lastReview);
            QCOMPARE(b.cards[0].reviews.size(), a.cards[0].reviews.size());
            for (qsizetype r = 0; r < a.cards[0].reviews.size(); ++r) {
                QCOMPARE(b.cards[0].reviews[r].rating, a.cards[0].reviews[r].rating);
                QCOMPARE(b.cards[0].reviews[r].time, a.cards[0].reviews[r].time);
            }
        }
        // Importing the same export again adds nothing.
        const auto again = importFile(m_c, file, &error);
        QVERIFY(again);
        QCOMPARE(again->notesAdded, 0);
        QCOMPARE(again->reviewsAdded, 0);
        QCOMPARE(count(QStringLiteral("revlog")), qint64(20));
    }

    // A real deck (the primer's system-design.apkg) in the legacy layout with
    // media: the JSON `media` map names the numbered entries. One note points
    // at the picture, the other file is used by no card.
    void legacyMediaMapImportsAndExportCarriesTheFiles()
    {
        QTemporaryDir work;
        ZipReader real;
        QVERIFY2(real.open(kDecks + QStringLiteral("system-design.apkg")),
                 qPrintable(real.error()));
        const std::optional<QByteArray> collection = real.read(QStringLiteral("collection.anki2"));
        QVERIFY2(collection, qPrintable(real.error()));
        const QString dbFile = work.filePath(QStringLiteral("collection.anki2"));
        {
            QFile f(dbFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(*collection), collection->size());
        }
        const qint64 noteId = scalar(dbFile, QStringLiteral("SELECT min(id) FROM notes"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("edit-real-deck"));
            db.setDatabaseName(dbFile);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE notes SET flds = flds || '<img "
                                          "src=\"primer-diagram.png\">' WHERE id = %1")
                               .arg(noteId)));
            QCOMPARE(q.numRowsAffected(), 1);
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edit-real-deck"));
        QFile edited(dbFile);
        QVERIFY(edited.open(QIODevice::ReadOnly));
        const QByteArray picture = QByteArray("\x89PNG\r\n\x1a\n") + QByteArray(3000, '\x7f');
        const QByteArray notes = "not used by any card";
        const QString legacy = path(QStringLiteral("with-media.apkg"));
        QVERIFY(writePackage(
            legacy, {{QStringLiteral("collection.anki2"), edited.readAll()},
                     {QStringLiteral("media"), R"({"0": "primer-diagram.png", "1": "notes.txt"})"},
                     {QStringLiteral("0"), picture},
                     {QStringLiteral("1"), notes}}));

        QString error;
        const auto imported = importFile(m_c, legacy, &error);
        QVERIFY2(imported, qPrintable(error));
        QCOMPARE(imported->notesAdded, 42);
        QCOMPARE(imported->mediaAdded, 2);
        QCOMPARE(m_c.media(QStringLiteral("primer-diagram.png")).value_or(QByteArray()), picture);
        QCOMPARE(m_c.media(QStringLiteral("notes.txt")).value_or(QByteArray()), notes);
        QVERIFY(!m_c.media(QStringLiteral("0")));

        // Export: the package carries the picture a card shows, under a number
        // the map names, and not the file no card uses.
        const QString exported = path(QStringLiteral("exported.apkg"));
        QCOMPARE(exportDeck(m_c, QStringLiteral("System Design"), exported, &error).value_or(-1),
                 42);
        ZipReader out;
        QVERIFY2(out.open(exported), qPrintable(out.error()));
        const std::optional<QByteArray> mapJson = out.read(QStringLiteral("media"));
        QVERIFY(mapJson);
        const QJsonObject map = QJsonDocument::fromJson(*mapJson).object();
        QCOMPARE(map.size(), 1);
        const QString entry = map.constBegin().key();
        QCOMPARE(map.value(entry).toString(), QStringLiteral("primer-diagram.png"));
        QCOMPARE(out.read(entry).value_or(QByteArray()), picture);

        // Into a fresh collection: the picture comes back with its note.
        freshCollection();
        const auto again = importFile(m_c, exported, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->notesAdded, 42);
        QCOMPARE(again->mediaAdded, 1);
        QCOMPARE(m_c.media(QStringLiteral("primer-diagram.png")).value_or(QByteArray()), picture);
        QVERIFY(!m_c.media(QStringLiteral("notes.txt")));
        QCOMPARE(count(QStringLiteral("cards WHERE back LIKE '%primer-diagram.png%'")), qint64(1));
    }

    // The exported package read the way Anki reads a schema 11 file, with
    // plain SQL instead of our importer: col, the note type and deck JSON,
    // 0x1f-separated fields, Anki's checksum of the sort field, padded tags,
    // cards in their deck, review cards due in days from col.crt, the log.
    void exportedPackageHasAnkisSchema11Layout()
    {
        const auto deck = m_c.addDeck(QStringLiteral("Layout"));
        QVERIFY(deck);
        QList<NewNote> notes;
        for (int i = 0; i < 3; ++i) {
            NewNote n;
            n.deckId = *deck;
            n.front = QStringLiteral("Front %1").arg(i);
            n.back = QStringLiteral("Back %1").arg(i);
            n.tags = {QStringLiteral("tag%1").arg(i)};
            notes.append(n);
        }
        const auto ids = m_c.addNotes(notes);
        QVERIFY(ids);
        for (int round = 0; round < 2; ++round)
            QVERIFY(m_c.answer((*ids)[0], Rating::Good, kDay0.addDays(round * 3), 4000));
        QVERIFY(m_c.setSuspended((*ids)[2], true));
        const QString file = path(QStringLiteral("layout.apkg"));
        QString error;
        QCOMPARE(exportDeck(m_c, QStringLiteral("Layout"), file, &error).value_or(-1), 3);

        ZipReader zip;
        QVERIFY(zip.open(file));
        QVERIFY(zip.contains(QStringLiteral("media")));
        const std::optional<QByteArray> db = zip.read(QStringLiteral("collection.anki2"));
        QVERIFY(db);
        const QString dbFile = path(QStringLiteral("layout.anki2"));
        {
            QFile f(dbFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(*db), db->size());
        }
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("anki-layout"));
        raw.setDatabaseName(dbFile);
        QVERIFY(raw.open());
        {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("SELECT ver, crt, models, decks FROM col")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 11);
            const qint64 crt = q.value(1).toLongLong();
            const QJsonObject models = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
            const QJsonObject decks = QJsonDocument::fromJson(q.value(3).toByteArray()).object();
            QVERIFY(!q.next());
            QCOMPARE(models.size(), 1);
            const QJsonObject model = models.constBegin().value().toObject();
            const qint64 modelId = models.constBegin().key().toLongLong();
            const QJsonArray flds = model.value(u"flds").toArray();
            QCOMPARE(flds.size(), 2);
            QCOMPARE(flds[0].toObject().value(u"name").toString(), QStringLiteral("Front"));
            QCOMPARE(flds[1].toObject().value(u"ord").toInt(), 1);
            const QJsonArray tmpls = model.value(u"tmpls").toArray();
            QCOMPARE(tmpls.size(), 1);
            QVERIFY(tmpls[0].toObject().value(u"qfmt").toString().contains(u"{{Front}}"));
            QVERIFY(tmpls[0].toObject().value(u"afmt").toString().contains(u"{{Back}}"));
            qint64 layoutDeck = 0;
            for (auto it = decks.begin(); it != decks.end(); ++it) {
                if (it.value().toObject().value(u"name").toString() == u"Layout")
                    layoutDeck = it.key().toLongLong();
            }
            QVERIFY(layoutDeck > 1);

            QVERIFY(q.exec(QStringLiteral("SELECT id, mid, flds, sfld, csum, tags FROM notes "
                                          "ORDER BY id")));
            QSet<qint64> noteIds;
            int i = 0;
            while (q.next()) {
                noteIds.insert(q.value(0).toLongLong());
                QCOMPARE(q.value(1).toLongLong(), modelId);
                const QStringList fields = q.value(2).toString().split(QChar(0x1f));
                QCOMPARE(fields.size(), 2);
                QCOMPARE(fields[0], QStringLiteral("Front %1").arg(i));
                QCOMPARE(fields[1], QStringLiteral("Back %1").arg(i));
                QCOMPARE(q.value(3).toString(), fields[0]);
                // Anki: int(sha1(sort field).hexdigest()[:8], 16).
                const QByteArray sha =
                    QCryptographicHash::hash(fields[0].toUtf8(), QCryptographicHash::Sha1).toHex();
                QCOMPARE(q.value(4).toLongLong(), sha.left(8).toLongLong(nullptr, 16));
                QCOMPARE(q.value(5).toString(), QStringLiteral(" tag%1 ").arg(i));
                ++i;
            }
            QCOMPARE(i, 3);

            QVERIFY(q.exec(QStringLiteral("SELECT id, nid, did, ord, type, queue, due, ivl, reps "
                                          "FROM cards ORDER BY nid")));
            QList<qint64> cardIds;
            const std::optional<Card> studied = m_c.card((*ids)[0]);
            QVERIFY(studied);
            int row = 0;
            while (q.next()) {
                cardIds.append(q.value(0).toLongLong());
                QVERIFY(noteIds.contains(q.value(1).toLongLong()));
                QCOMPARE(q.value(2).toLongLong(), layoutDeck);
                QCOMPARE(q.value(3).toInt(), 0);
                if (row == 0) { // reviewed twice: a review card due in days from crt
                    QCOMPARE(q.value(4).toInt(), 2);
                    QCOMPARE(q.value(5).toInt(), 2);
                    QCOMPARE(q.value(8).toInt(), 2);
                    QVERIFY(q.value(7).toInt() > 0);
                    QCOMPARE(QDateTime::fromSecsSinceEpoch(crt, Qt::UTC)
                                 .date()
                                 .addDays(q.value(6).toInt()),
                             studied->schedule.due.toUTC().date());
                } else {
                    QCOMPARE(q.value(4).toInt(), 0);                 // new
                    QCOMPARE(q.value(5).toInt(), row == 2 ? -1 : 0); // suspended, or new
                }
                ++row;
            }
            QCOMPARE(row, 3);

            QVERIFY(q.exec(QStringLiteral("SELECT cid, ease FROM revlog")));
            int logged = 0;
            while (q.next()) {
                QCOMPARE(q.value(0).toLongLong(), cardIds[0]);
                QCOMPARE(q.value(1).toInt(), 3); // Good
                ++logged;
            }
            QCOMPARE(logged, 2);
        }
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("anki-layout"));
    }

    void reimportBringsNewerHistoryWithoutDuplicates()
    {
        // A deck exported, studied elsewhere (two more reviews), exported
        // again and brought back: the two new reviews arrive, the rest are
        // not doubled, and the card takes the newer state.
        const auto deck = m_c.addDeck(QStringLiteral("Travel"));
        NewNote n;
        n.deckId = *deck;
        n.front = QStringLiteral("front");
        n.back = QStringLiteral("back");
        const auto ids = m_c.addNotes({n});
        QVERIFY(m_c.answer(ids->first(), Rating::Good, kDay0, 0));
        QVERIFY(m_c.answer(ids->first(), Rating::Good, kDay0.addSecs(700), 0));
        auto batch = m_c.exportBatch(*deck);
        ImportedCard &card = batch->notes[0].cards[0];
        auto params = m_c.schedulerParams();
        params.enableFuzz = false;
        CardState s = *card.schedule;
        for (int d : {4, 15}) {
            const CardState after = sds::srs::review(s, Rating::Good, kDay0.addDays(d), params);
            card.reviews.append({kDay0.addDays(d), Rating::Good, 0, s, after});
            s = after;
        }
        card.schedule = s;
        const auto result = m_c.importBatch(*batch);
        QVERIFY2(result, qPrintable(m_c.error()));
        QCOMPARE(result->reviewsAdded, 2);
        QCOMPARE(result->notesUpdated, 1);
        QCOMPARE(m_c.reviewLog(ids->first()).size(), 4);
        QCOMPARE(m_c.card(ids->first())->schedule.reps, 4);
        QCOMPARE(m_c.card(ids->first())->schedule.lastReview, kDay0.addDays(15));
    }

    void csvExportImportsBack()
    {
        const auto deck = m_c.addDeck(QStringLiteral("Csv deck"));
        NewNote n;
        n.deckId = *deck;
        n.front = QStringLiteral("Comma, \"quotes\"\nand a line break");
        n.back = QStringLiteral("# not a header");
        n.tags = {QStringLiteral("a"), QStringLiteral("b")};
        QVERIFY(m_c.addNotes({n}));
        const QString file = path(QStringLiteral("deck.csv"));
        QString error;
        QCOMPARE(exportDeck(m_c, QStringLiteral("Csv deck"), file, &error).value_or(-1), 1);
        freshCollection();
        const auto result = importFile(m_c, file, &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->notesAdded, 1);
        QCOMPARE(result->decks, QStringList{QStringLiteral("Csv deck")});
        const auto batch = m_c.exportBatch(m_c.decks().first().id);
        QCOMPARE(batch->notes[0].cards[0].front, plainToHtml(n.front));
        QCOMPARE(batch->notes[0].cards[0].back, plainToHtml(n.back));
        QCOMPARE(batch->notes[0].tags, n.tags);
        QCOMPARE(importFile(m_c, file, &error)->notesUnchanged, 1);
    }

    void anExportCutShortKeepsTheOldFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("csv") << "deck.csv";
        QTest::newRow("apkg") << "deck.apkg";
    }
    // An export over an earlier one that the disk stops half-way (a file
    // size limit, which binds root too) fails, and the earlier file stays
    // byte for byte, with no temporary left beside it.
    void anExportCutShortKeepsTheOldFile()
    {
        QFETCH(QString, name);
        const auto deck = m_c.addDeck(QStringLiteral("Big"));
        QVERIFY(deck);
        NewNote first;
        first.deckId = *deck;
        first.front = QStringLiteral("The first note");
        first.back = QStringLiteral("exported on its own");
        QVERIFY(m_c.addNotes({first}));
        QTemporaryDir out;
        const QString file = out.filePath(name);
        QString error;
        QCOMPARE(exportDeck(m_c, QStringLiteral("Big"), file, &error).value_or(-1), 1);
        const QByteArray before = fileDigest(file);

        // Random text does not deflate away, so the zip is large too.
        QList<NewNote> more;
        for (int i = 0; i < 3; ++i) {
            NewNote n = first;
            n.front = QStringLiteral("Note %1").arg(i);
            n.back.clear();
            for (int k = 0; k < 1000; ++k)
                n.back += QString::number(QRandomGenerator::global()->generate64(), 36);
            more.append(n);
        }
        QVERIFY(m_c.addNotes(more));
        {
            FileSizeLimit limit(4096);
            QVERIFY(limit.ok());
            QVERIFY(!exportDeck(m_c, QStringLiteral("Big"), file, &error));
        }
        QVERIFY2(error.contains(file), qPrintable(error));
        QCOMPARE(fileDigest(file), before);
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden), QStringList{name});

        // With room, the same export goes through and replaces it.
        QCOMPARE(exportDeck(m_c, QStringLiteral("Big"), file, &error).value_or(-1), 4);
        QVERIFY(fileDigest(file) != before);
        QVERIFY(QFileInfo(file).size() > 4 * 4096);
    }

    void exportOfAMissingDeckNamesTheDecks()
    {
        QVERIFY(m_c.addDeck(QStringLiteral("Alpha")));
        QString error;
        QVERIFY(!exportDeck(m_c, QStringLiteral("Beta"), path(QStringLiteral("x.apkg")), &error));
        QVERIFY2(error.contains(QStringLiteral("Alpha")), qPrintable(error));
        QVERIFY(!QFile::exists(path(QStringLiteral("x.apkg"))));
    }
};

QTEST_GUILESS_MAIN(TestAnkiImport)
#include "tst_ankiimport.moc"
