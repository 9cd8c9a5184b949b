// The flashcard collection on real SQLite files: the schema, merging
// built-in decks across app versions without losing history, the study
// queue, answers that match the scheduler, undo, edits, refusal of files
// that are not ours, damaged files and backups, and rollback on failure.
#include "../filedigest.h"
#include "core/cards/collection.h"
#include "core/cards/transfer.h"
#include "core/srs/fuzz.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::cards;
using sds::srs::CardState;
using sds::srs::Rating;
using sds::srs::State;

namespace {

// Noon, so no test sits on the UTC day boundary the daily limits use.
const QDateTime kNow(QDate(2030, 3, 10), QTime(12, 0), Qt::UTC);

// Every field, so a test can say which one differs.
QString differences(const CardState &a, const CardState &b)
{
    QStringList out;
    const auto check = [&](const char *name, const auto &x, const auto &y) {
        if (!(x == y))
            out.append(QLatin1String(name));
    };
    check("state", a.state, b.state);
    check("stability", a.stability, b.stability);
    check("difficulty", a.difficulty, b.difficulty);
    check("due", a.due, b.due);
    check("lastReview", a.lastReview, b.lastReview);
    check("scheduledDays", a.scheduledDays, b.scheduledDays);
    check("elapsedDays", a.elapsedDays, b.elapsedDays);
    check("learningSteps", a.learningSteps, b.learningSteps);
    check("reps", a.reps, b.reps);
    check("lapses", a.lapses, b.lapses);
    return out.join(QStringLiteral(", "));
}

CardState reviewCard(const QDateTime &due, double stability = 10)
{
    CardState s;
    s.state = State::Review;
    s.stability = stability;
    s.difficulty = 5;
    s.due = due;
    s.lastReview = due.addDays(-qint64(stability));
    s.scheduledDays = int(stability);
    s.reps = 4;
    return s;
}

CardState learningCard(State state, const QDateTime &due)
{
    CardState s;
    s.state = state;
    s.stability = 1.5;
    s.difficulty = 6;
    s.due = due;
    s.lastReview = due.addSecs(-600);
    s.reps = 1;
    s.lapses = state == State::Relearning ? 1 : 0;
    return s;
}

NewNote note(qint64 deck, const QString &front, std::optional<CardState> schedule = {})
{
    NewNote n;
    n.deckId = deck;
    n.front = front;
    n.back = QStringLiteral("back of ") + front;
    n.schedule = schedule;
    return n;
}

BuiltinCard builtin(const QString &id, const QString &deck, const QString &front,
                    bool retired = false)
{
    return {id,
            deck,
            QStringLiteral("topic-") + id.section(u'/', 0, 0),
            front,
            QStringLiteral("answer to ") + front,
            {QStringLiteral("tag")},
            retired};
}

// The decks of a first app version: two decks, five cards.
BuiltinDecks version1()
{
    BuiltinDecks d;
    d.decks.append(
        {QStringLiteral("alpha"),
         QStringLiteral("Alpha"),
         {},
         {builtin(QStringLiteral("a/1"), QStringLiteral("alpha"), QStringLiteral("one")),
          builtin(QStringLiteral("a/2"), QStringLiteral("alpha"), QStringLiteral("two")),
          builtin(QStringLiteral("a/3"), QStringLiteral("alpha"), QStringLiteral("three")),
          builtin(QStringLiteral("a/4"), QStringLiteral("alpha"), QStringLiteral("four"))}});
    d.decks.append(
        {QStringLiteral("beta"),
         QStringLiteral("Beta"),
         {},
         {builtin(QStringLiteral("b/1"), QStringLiteral("beta"), QStringLiteral("five"))}});
    return d;
}

// A raw connection for checks the API does not offer; closed before returning.
template <typename F> void withRawDb(const QString &path, F &&body)
{
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        body(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

std::optional<Card> byBuiltinId(const Collection &c, const QString &id)
{
    // Card ids are small and dense in these tests, so a scan finds it.
    for (qint64 cardId = 1; cardId < 1000; ++cardId) {
        const std::optional<Card> card = c.card(cardId);
        if (card && card->builtinId == id)
            return card;
    }
    return std::nullopt;
}

} // namespace

class TstCollection : public QObject
{
    Q_OBJECT

private slots:
    void createsTheSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        {
            Collection c;
            QVERIFY2(c.open(path), qPrintable(c.error()));
            QCOMPARE(c.newCardsPerDay(), 20);
            QCOMPARE(c.desiredRetention(), 0.9);
            QVERIFY(c.schedulerParams().enableFuzz);
            QCOMPARE(c.schedulerParams().learningSteps, sds::srs::SchedulerParams{}.learningSteps);
            QVERIFY(c.decks().isEmpty());
            // A new, empty collection is not worth a backup.
            QVERIFY(c.backups().isEmpty());
            QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        }
        withRawDb(path, [](const QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 2);
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA application_id")).toLongLong(),
                     qint64(0x53445343));
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(),
                     QStringLiteral("wal"));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
            QStringList tables;
            while (q.next())
                tables.append(q.value(0).toString());
            QCOMPARE(tables, (QStringList{QStringLiteral("cards"), QStringLiteral("config"),
                                          QStringLiteral("decks"), QStringLiteral("media"),
                                          QStringLiteral("notes"), QStringLiteral("revlog")}));
            QVERIFY(q.exec(QStringLiteral(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")));
            QSet<QString> indexes;
            while (q.next())
                indexes.insert(q.value(0).toString());
            QVERIFY(indexes.contains(QStringLiteral("cards_queue")));
            QVERIFY(indexes.contains(QStringLiteral("revlog_time")));
            // The one-row config refuses a second row and bad values.
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO config (id) VALUES (2)")));
            QVERIFY(!q.exec(QStringLiteral("UPDATE config SET desired_retention = 1.5")));
        });
        // Reopening an existing collection runs no step twice.
        Collection again;
        QVERIFY2(again.open(path), qPrintable(again.error()));
        QCOMPARE(again.newCardsPerDay(), 20);
    }

    void upgradesAFileWrittenByEachEarlierVersion_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("version");
        // Written by the app at that schema version (cards reviewed with
        // sdstudio-cli cards review), kept as the release wrote it.
        QTest::newRow("v1") << QStringLiteral(SDS_TEST_DATA_DIR "/cards/collection-v1.sqlite") << 1;
    }
    void upgradesAFileWrittenByEachEarlierVersion()
    {
        QFETCH(QString, fixture);
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        QVERIFY(QFile::copy(fixture, path));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        qint64 cards = 0, reviews = 0;
        QString lastReview;
        withRawDb(path, [&](const QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), version);
            cards = scalar(db, QStringLiteral("SELECT count(*) FROM cards")).toLongLong();
            reviews = scalar(db, QStringLiteral("SELECT count(*) FROM revlog")).toLongLong();
            lastReview = scalar(db, QStringLiteral("SELECT group_concat(card_id || ':' || "
                                                   "after_stability, ',') FROM revlog"))
                             .toString();
        });
        QVERIFY(reviews > 0);
        {
            Collection c;
            OpenOptions o;
            o.autoBackup = false;
            QVERIFY2(c.open(path, o), qPrintable(c.error()));
            QCOMPARE(c.stats(kNow).cards, cards);
            QCOMPARE(c.stats(kNow).reviews, reviews);
            // The newest schema's parts work on the upgraded file.
            ImportBatch batch;
            batch.origin = QStringLiteral("csv");
            batch.media.insert(QStringLiteral("a.png"), QByteArray("png"));
            QVERIFY2(c.importBatch(batch), qPrintable(c.error()));
            QCOMPARE(c.media(QStringLiteral("a.png")).value_or(QByteArray()), QByteArray("png"));
            const std::optional<Card> next = c.nextCard({}, kNow);
            QVERIFY(next);
            QVERIFY(c.answer(next->id, Rating::Good, kNow, 0));
        }
        withRawDb(path, [&](const QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 2);
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM revlog")).toLongLong(),
                     reviews + 1);
            // The history from before the upgrade is there as it was.
            QCOMPARE(scalar(db, QStringLiteral("SELECT group_concat(card_id || ':' || "
                                               "after_stability, ',') FROM revlog WHERE id <= %1")
                                    .arg(reviews))
                         .toString(),
                     lastReview);
        });
    }

    void settingsAreCheckedAndKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        {
            Collection c;
            QVERIFY(c.open(path));
            QVERIFY(!c.setNewCardsPerDay(-1));
            QVERIFY(c.setNewCardsPerDay(35));
            QVERIFY(!c.setDesiredRetention(1.2));
            QVERIFY(!c.setSchedulerParams({{QStringLiteral("maximum_interval"), -5}}));
            QVERIFY(c.setSchedulerParams({{QStringLiteral("maximum_interval"), 400},
                                          {QStringLiteral("request_retention"), 0.85}}));
        }
        Collection c;
        QVERIFY(c.open(path));
        QCOMPARE(c.newCardsPerDay(), 35);
        QCOMPARE(c.schedulerParams().maximumInterval, 400);
        QCOMPARE(c.desiredRetention(), 0.85);
        QVERIFY(c.schedulerParams().enableFuzz);
    }

    void mergeKeepsHistoryAcrossAnUpgrade()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        Collection c;
        QVERIFY(c.open(path));

        // App version 1.
        std::optional<MergeResult> r = c.mergeBuiltinDecks(version1());
        QVERIFY2(r, qPrintable(c.error()));
        QCOMPARE(r->added, 5);
        QCOMPARE(r->updated, 0);
        QCOMPARE(r->retired, 0);
        QVERIFY(!r->unchanged);
        QCOMPARE(c.decks().size(), 2);
        r = c.mergeBuiltinDecks(version1());
        QVERIFY(r && r->unchanged && r->added == 0);

        // The learner studies a/1, a/3 and a/4 and edits a/2.
        const qint64 a1 = byBuiltinId(c, QStringLiteral("a/1"))->id;
        const qint64 a2 = byBuiltinId(c, QStringLiteral("a/2"))->id;
        const qint64 a3 = byBuiltinId(c, QStringLiteral("a/3"))->id;
        const qint64 a4 = byBuiltinId(c, QStringLiteral("a/4"))->id;
        QVERIFY(c.answer(a1, Rating::Good, kNow, 4000));
        QVERIFY(c.answer(a1, Rating::Good, kNow.addSecs(900), 3000));
        QVERIFY(c.answer(a3, Rating::Again, kNow.addSecs(60), 5000));
        QVERIFY(c.answer(a4, Rating::Easy, kNow.addSecs(120), 2000));
        QVERIFY(c.editCard(a2, QStringLiteral("two, in my words"), QStringLiteral("mine")));
        const Card before1 = *c.card(a1);
        const Card before3 = *c.card(a3);
        const QList<ReviewLogEntry> log1 = c.reviewLog(a1);
        const QList<ReviewLogEntry> log3 = c.reviewLog(a3);
        QCOMPARE(log1.size(), 2);

        // App version 2: a/1 reworded, a/3 retired, a/4 gone, a/5 new, b/1
        // retagged, deck alpha renamed.
        BuiltinDecks v2 = version1();
        v2.decks[0].name = QStringLiteral("Alpha, revised");
        v2.decks[0].cards[0].front = QStringLiteral("one, reworded");
        v2.decks[0].cards[2].retired = true;
        v2.decks[0].cards.removeAt(3);
        v2.decks[0].cards.append(
            builtin(QStringLiteral("a/5"), QStringLiteral("alpha"), QStringLiteral("six")));
        v2.decks[1].cards[0].tags = {QStringLiteral("other")};
        c.close();
        QVERIFY(c.open(path)); // a restart, as after installing the upgrade
        r = c.mergeBuiltinDecks(v2);
        QVERIFY2(r, qPrintable(c.error()));
        QCOMPARE(r->added, 1);
        QCOMPARE(r->updated, 2);
        QCOMPARE(r->retired, 2);

        const Card after1 = *c.card(a1);
        QCOMPARE(after1.front, QStringLiteral("one, reworded"));
        QVERIFY2(differences(after1.schedule, before1.schedule).isEmpty(),
                 qPrintable(differences(after1.schedule, before1.schedule)));
        QCOMPARE(c.reviewLog(a1).size(), log1.size());
        QCOMPARE(c.reviewLog(a1).last().id, log1.last().id);
        QVERIFY(differences(c.reviewLog(a1).last().after, log1.last().after).isEmpty());
        // The learner's own wording of an unchanged card stays.
        QCOMPARE(c.card(a2)->front, QStringLiteral("two, in my words"));
        // Retired cards keep card, schedule and history but leave study.
        const Card after3 = *c.card(a3);
        QVERIFY(after3.retired);
        QVERIFY(differences(after3.schedule, before3.schedule).isEmpty());
        QCOMPARE(c.reviewLog(a3).size(), log3.size());
        QVERIFY(c.card(a4)->retired);
        QCOMPARE(c.reviewLog(a4).size(), 1);
        const std::optional<Card> a5 = byBuiltinId(c, QStringLiteral("a/5"));
        QVERIFY(a5);
        QCOMPARE(a5->schedule.state, State::New);
        QCOMPARE(byBuiltinId(c, QStringLiteral("b/1"))->tags, QStringList{QStringLiteral("other")});
        QStringList names;
        for (const Deck &d : c.decks())
            names.append(d.name);
        QCOMPARE(names, (QStringList{QStringLiteral("Alpha, revised"), QStringLiteral("Beta")}));
        // a/3 is due again after its Again, but retired: never offered.
        for (int i = 0; i < 10; ++i) {
            const std::optional<Card> next = c.nextCard({}, kNow.addDays(400));
            if (!next)
                break;
            QVERIFY(next->id != a3 && next->id != a4);
            QVERIFY(c.setSuspended(next->id, true));
        }

        // A shipped rewording wins over the learner's edit; a card that comes
        // back from retirement is studied again.
        BuiltinDecks v3 = v2;
        v3.decks[0].cards[1].back = QStringLiteral("two, corrected");
        v3.decks[0].cards[2].retired = false;
        r = c.mergeBuiltinDecks(v3);
        QVERIFY(r);
        QCOMPARE(r->updated, 2);
        QCOMPARE(r->retired, 0);
        QCOMPARE(c.card(a2)->back, QStringLiteral("two, corrected"));
        QVERIFY(!c.card(a3)->retired);

        // A deck that failed to load does not retire its cards.
        BuiltinDecks broken = v3;
        broken.decks.removeAt(1);
        broken.errors.append(QStringLiteral("beta/deck.json: not valid JSON"));
        r = c.mergeBuiltinDecks(broken);
        QVERIFY(r);
        QCOMPARE(r->retired, 0);
        QVERIFY(!byBuiltinId(c, QStringLiteral("b/1"))->retired);
    }

    void nextCardOrder()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 deck = *c.addDeck(QStringLiteral("Order"));
        const std::optional<QList<qint64>> ids = c.addNotes({
            note(deck, QStringLiteral("new 1")),
            note(deck, QStringLiteral("review, an hour late"), reviewCard(kNow.addSecs(-3600))),
            note(deck, QStringLiteral("relearning, a minute late"),
                 learningCard(State::Relearning, kNow.addSecs(-60))),
            note(deck, QStringLiteral("review tomorrow"), reviewCard(kNow.addDays(1))),
            note(deck, QStringLiteral("new 2")),
            note(deck, QStringLiteral("learning, five minutes late"),
                 learningCard(State::Learning, kNow.addSecs(-300))),
            note(deck, QStringLiteral("review, two days late"), reviewCard(kNow.addDays(-2))),
            note(deck, QStringLiteral("learning in five minutes"),
                 learningCard(State::Learning, kNow.addSecs(300))),
            note(deck, QStringLiteral("new 3")),
        });
        QVERIFY2(ids, qPrintable(c.error()));
        const QList<qint64> &id = *ids;
        const StudyCounts counts = c.counts(deck, kNow);
        QCOMPARE(counts.newCards, 3);
        QCOMPARE(counts.learning, 2);
        QCOMPARE(counts.review, 2);
        QCOMPARE(counts.learningLater, 1);

        // Setting each card aside shows the one after it.
        QList<qint64> order;
        while (const std::optional<Card> next = c.nextCard(deck, kNow)) {
            order.append(next->id);
            QVERIFY(c.setSuspended(next->id, true));
            QVERIFY(order.size() <= id.size());
        }
        QCOMPARE(order, (QList<qint64>{id[5], id[2], id[6], id[1], id[0], id[4], id[8]}));
        QVERIFY(!c.nextCard({}, kNow));
        QCOMPARE(c.counts({}, kNow).dueNow(), 0);

        // The daily limit on new cards counts what was started today.
        for (const qint64 i : id)
            QVERIFY(c.setSuspended(i, false));
        QVERIFY(c.setNewCardsPerDay(2));
        QCOMPARE(c.counts({}, kNow).newCards, 2);
        QVERIFY(c.answer(id[0], Rating::Good, kNow, 1000));
        QCOMPARE(c.counts({}, kNow).newCards, 1);
        QVERIFY(c.answer(id[4], Rating::Good, kNow, 1000));
        QCOMPARE(c.counts({}, kNow).newCards, 0);
        // Only "new 3" left to study: it waits for tomorrow.
        for (const qint64 i : id) {
            if (i != id[8])
                QVERIFY(c.setSuspended(i, true));
        }
        QVERIFY(!c.nextCard({}, kNow));
        QCOMPARE(c.nextCard({}, kNow.addDays(1))->id, id[8]);
        QVERIFY(c.undoLastAnswer());
        QCOMPARE(c.counts({}, kNow).newCards, 1);
    }

    void answerFollowsTheScheduler()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 deck = *c.addDeck(QStringLiteral("Answers"));
        const QList<qint64> ids = *c.addNotes({note(deck, QStringLiteral("fresh"))});
        sds::srs::SchedulerParams params; // srsparams' defaults, with fuzz as the collection has it
        params.enableFuzz = true;

        // A new card through several answers, against the scheduler each time.
        QDateTime at = kNow;
        int logged = 0;
        for (const Rating rating :
             {Rating::Good, Rating::Again, Rating::Good, Rating::Good, Rating::Easy}) {
            const CardState before = c.card(ids[0])->schedule;
            const CardState expected = sds::srs::review(
                before, rating, at, params, sds::srs::fuzzSeed(quint64(ids[0]), before.reps));
            const std::optional<CardState> got = c.answer(ids[0], rating, at.addMSecs(250), 1500);
            QVERIFY2(got, qPrintable(c.error()));
            QVERIFY2(differences(*got, expected).isEmpty(),
                     qPrintable(differences(*got, expected)));
            const CardState stored = c.card(ids[0])->schedule;
            QVERIFY2(differences(stored, expected).isEmpty(),
                     qPrintable(differences(stored, expected)));
            const QList<ReviewLogEntry> log = c.reviewLog(ids[0]);
            QCOMPARE(log.size(), ++logged);
            QCOMPARE(log.last().rating, rating);
            QCOMPARE(log.last().durationMs, 1500);
            QCOMPARE(log.last().time, at.addMSecs(250));
            QVERIFY(differences(log.last().before, before).isEmpty());
            QVERIFY(differences(log.last().after, expected).isEmpty());
            at = stored.due.addSecs(30);
        }

        // Fuzz is on and seeded per card: identical cards answered together
        // spread over several days, each exactly as the scheduler says.
        QList<NewNote> same;
        for (int i = 0; i < 12; ++i)
            same.append(note(deck, QStringLiteral("twin %1").arg(i), reviewCard(kNow, 30)));
        const QList<qint64> twins = *c.addNotes(same);
        QSet<qint64> dues;
        for (const qint64 t : twins) {
            const CardState before = c.card(t)->schedule;
            const CardState expected = sds::srs::review(
                before, Rating::Good, kNow, params, sds::srs::fuzzSeed(quint64(t), before.reps));
            const CardState got = *c.answer(t, Rating::Good, kNow, 0);
            QVERIFY(differences(got, expected).isEmpty());
            dues.insert(got.due.toSecsSinceEpoch());
        }
        QVERIFY2(dues.size() > 1, "fuzz should spread identical cards");

        QVERIFY(!c.answer(999999, Rating::Good, kNow, 0));
        QVERIFY(!c.answer(twins[0], Rating(7), kNow, 0));
        QCOMPARE(c.reviewLog(twins[0]).size(), 1);
    }

    void undoRestoresExactly()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 deck = *c.addDeck(QStringLiteral("Undo"));
        const QList<qint64> ids = *c.addNotes(
            {note(deck, QStringLiteral("a")), note(deck, QStringLiteral("b"), reviewCard(kNow))});
        QVERIFY(!c.undoLastAnswer()); // nothing to undo yet

        QVERIFY(c.answer(ids[0], Rating::Good, kNow, 0));
        const CardState afterFirst = c.card(ids[0])->schedule;
        const CardState reviewBefore = c.card(ids[1])->schedule;
        QVERIFY(c.answer(ids[0], Rating::Again, kNow.addSecs(700), 0));
        QVERIFY(c.answer(ids[1], Rating::Hard, kNow.addSecs(800), 0));

        QCOMPARE(*c.undoLastAnswer(), ids[1]);
        QVERIFY(differences(c.card(ids[1])->schedule, reviewBefore).isEmpty());
        QVERIFY(c.reviewLog(ids[1]).isEmpty());
        QCOMPARE(*c.undoLastAnswer(), ids[0]);
        QVERIFY2(differences(c.card(ids[0])->schedule, afterFirst).isEmpty(),
                 qPrintable(differences(c.card(ids[0])->schedule, afterFirst)));
        QCOMPARE(c.reviewLog(ids[0]).size(), 1);
        QCOMPARE(*c.undoLastAnswer(), ids[0]);
        QCOMPARE(c.card(ids[0])->schedule.state, State::New);
        QCOMPARE(c.card(ids[0])->schedule.reps, 0);
        QCOMPARE(c.stats(kNow).reviews, 0);
    }

    void suspendBuryEditDelete()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 deck = *c.addDeck(QStringLiteral("Edits"));
        const QList<qint64> ids = *c.addNotes({note(deck, QStringLiteral("x"), reviewCard(kNow)),
                                               note(deck, QStringLiteral("y"), reviewCard(kNow))});
        QCOMPARE(c.counts(deck, kNow).review, 2);

        QVERIFY(c.setSuspended(ids[0], true));
        QVERIFY(c.card(ids[0])->suspended);
        QCOMPARE(c.counts(deck, kNow).review, 1);
        QVERIFY(c.setSuspended(ids[0], false));
        QCOMPARE(c.counts(deck, kNow).review, 2);
        QVERIFY(!c.setSuspended(424242, true));

        QVERIFY(c.buryUntilTomorrow(ids[1], kNow));
        QCOMPARE(c.card(ids[1])->buriedUntil,
                 QDateTime(kNow.date().addDays(1), QTime(0, 0), Qt::UTC));
        QCOMPARE(c.nextCard(deck, kNow)->id, ids[0]);
        QCOMPARE(c.counts(deck, kNow).review, 1);
        QCOMPARE(c.counts(deck, kNow.addDays(1)).review, 2);

        const CardState schedule = c.card(ids[0])->schedule;
        QVERIFY(c.editCard(ids[0], QStringLiteral("new front"), QStringLiteral("new back")));
        QCOMPARE(c.card(ids[0])->front, QStringLiteral("new front"));
        QCOMPARE(c.card(ids[0])->back, QStringLiteral("new back"));
        QVERIFY(differences(c.card(ids[0])->schedule, schedule).isEmpty());
        QVERIFY(!c.editCard(ids[0], QStringLiteral("  "), QStringLiteral("b")));
        QCOMPARE(c.card(ids[0])->front, QStringLiteral("new front"));

        QVERIFY(c.answer(ids[0], Rating::Good, kNow, 0));
        QVERIFY(c.deleteNote(c.card(ids[0])->noteId));
        QVERIFY(!c.card(ids[0]));
        QVERIFY(c.reviewLog(ids[0]).isEmpty());
        QVERIFY(c.card(ids[1]));
        const CollectionStats s = c.stats(kNow);
        QCOMPARE(s.notes, 1);
        QCOMPARE(s.cards, 1);
        QCOMPARE(s.reviews, 0);
        QVERIFY(!c.deleteNote(999));
    }

    void countsPerDeckAndStats()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 a = *c.addDeck(QStringLiteral("A"));
        const qint64 b = *c.addDeck(QStringLiteral("B"));
        QList<NewNote> notes;
        for (int i = 0; i < 25; ++i)
            notes.append(note(a, QStringLiteral("new %1").arg(i)));
        for (int i = 0; i < 4; ++i)
            notes.append(note(b, QStringLiteral("due %1").arg(i), reviewCard(kNow.addDays(-i))));
        notes.append(note(b, QStringLiteral("later"), reviewCard(kNow.addDays(3))));
        notes.append(note(b, QStringLiteral("learning"), learningCard(State::Learning, kNow)));
        QVERIFY(c.addNotes(notes));

        const QList<DeckCounts> per = c.countsPerDeck(kNow);
        QCOMPARE(per.size(), 2);
        QCOMPARE(per[0].deck.name, QStringLiteral("A"));
        QCOMPARE(per[0].counts.newCards, 20); // 25 new, limited to the day's 20
        QCOMPARE(per[0].counts.review, 0);
        QCOMPARE(per[1].counts.newCards, 0);
        QCOMPARE(per[1].counts.review, 4);
        QCOMPARE(per[1].counts.learning, 1);
        const CollectionStats s = c.stats(kNow);
        QCOMPARE(s.decks, 2);
        QCOMPARE(s.notes, 31);
        QCOMPARE(s.cards, 31);
        QCOMPARE(s.reviews, 0);
        QCOMPARE(s.due.dueNow(), 20 + 4 + 1);
        QCOMPARE(c.counts(b, kNow.addDays(3)).review, 5);
    }

    void aDecksNewCountDropsOnlyWhenTheSharedLimitCapsIt()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        const qint64 a = *c.addDeck(QStringLiteral("A"));
        const qint64 b = *c.addDeck(QStringLiteral("B"));
        QList<NewNote> notes;
        for (int i = 0; i < 25; ++i)
            notes.append(note(a, QStringLiteral("a %1").arg(i)));
        for (int i = 0; i < 5; ++i)
            notes.append(note(b, QStringLiteral("b %1").arg(i)));
        QVERIFY(c.addNotes(notes));
        const auto deckCounts = [&](qint64 deck) {
            for (const DeckCounts &d : c.countsPerDeck(kNow)) {
                if (d.deck.id == deck)
                    return d.counts;
            }
            return StudyCounts{};
        };
        const auto startNewIn = [&](qint64 deck, int n) {
            for (int i = 0; i < n; ++i) {
                const std::optional<Card> next = c.nextCard(deck, kNow);
                QVERIFY(next && next->schedule.state == State::New);
                QVERIFY(c.answer(next->id, Rating::Good, kNow, 0));
            }
        };
        QCOMPARE(deckCounts(a).newCards, 20);
        QCOMPARE(deckCounts(a).newWaiting, 25);
        QCOMPARE(deckCounts(b).newCards, 5);

        // One card started in A: A has one fewer, B keeps its five, since 19
        // left of the shared 20 still covers them.
        startNewIn(a, 1);
        QCOMPARE(c.newCardsLeftToday(kNow), 19);
        QCOMPARE(deckCounts(a).newCards, 19);
        QCOMPARE(deckCounts(a).newWaiting, 24);
        QCOMPARE(deckCounts(b).newCards, 5);
        QCOMPARE(deckCounts(b).newWaiting, 5);

        // Fifteen more in A: four left today, and that is what caps B now.
        startNewIn(a, 15);
        QCOMPARE(c.newCardsLeftToday(kNow), 4);
        QCOMPARE(deckCounts(b).newCards, 4);
        QCOMPARE(deckCounts(b).newWaiting, 5);
        QCOMPARE(c.counts(b, kNow).newCards, 4);
        QCOMPARE(c.counts({}, kNow).newCards, 4);
        QCOMPARE(c.counts({}, kNow).newWaiting, 9 + 5);
    }

    void importGoesIntoTheDeckWhoseNameDiffersOnlyInCase()
    {
        QTemporaryDir dir;
        Collection c;
        QVERIFY(c.open(dir.filePath(QStringLiteral("cards.sqlite"))));
        QVERIFY(c.mergeBuiltinDecks(version1()));
        const qint64 own = *c.addDeck(QStringLiteral("alpha"));
        const QList<Deck> before = c.decks();
        qint64 builtinAlpha = 0;
        for (const Deck &d : before) {
            if (d.name == u"Alpha")
                builtinAlpha = d.id;
        }
        QVERIFY(builtinAlpha > 0);
        const auto imported = [](const QString &guid, const QString &deck) {
            ImportedNote n;
            n.guid = guid;
            n.deck = deck;
            n.fields = QJsonObject{{QStringLiteral("Front"), guid}};
            n.cards.append(
                {0, QStringLiteral("front ") + guid, QStringLiteral("back"), {}, false, {}});
            return n;
        };
        ImportBatch batch;
        batch.origin = QStringLiteral("anki");
        // "ALPHA" matches both decks but for case; the learner's own comes first.
        // "Alpha" and "alpha" match exactly and go where they say.
        batch.notes = {imported(QStringLiteral("g1"), QStringLiteral("ALPHA")),
                       imported(QStringLiteral("g2"), QStringLiteral("Alpha")),
                       imported(QStringLiteral("g3"), QStringLiteral("alpha")),
                       imported(QStringLiteral("g4"), QStringLiteral(" BETA "))};
        const std::optional<ImportResult> r = c.importBatch(batch);
        QVERIFY2(r, qPrintable(c.error()));
        QCOMPARE(c.decks().size(), before.size()); // no near-duplicate made
        QCOMPARE(r->decks, (QStringList{QStringLiteral("Alpha"), QStringLiteral("Beta"),
                                        QStringLiteral("alpha")}));
        const QList<std::pair<QString, QString>> matched{
            {QStringLiteral("ALPHA"), QStringLiteral("alpha")},
            {QStringLiteral("BETA"), QStringLiteral("Beta")}};
        QCOMPARE(r->decksMatched, matched);
        const auto deckOf = [&](const QString &guid) -> qint64 {
            for (const Deck &d : c.decks()) {
                for (const ImportedNote &n : c.exportBatch(d.id).value_or(ImportBatch{}).notes) {
                    if (n.guid == guid)
                        return d.id;
                }
            }
            return -1;
        };
        QCOMPARE(deckOf(QStringLiteral("g1")), own);
        QCOMPARE(deckOf(QStringLiteral("g2")), builtinAlpha);
        QCOMPARE(deckOf(QStringLiteral("g3")), own);
        const QString summary = describeImport(*r);
        QVERIFY2(summary.contains(QStringLiteral(
                     "the file's deck \"BETA\" went into your deck \"Beta\", whose name differs "
                     "only in case")),
                 qPrintable(summary));
    }

    void refusesForeignFilesUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("problem");
        QTest::newRow("text") << QByteArray("just some words, no database\n")
                              << QStringLiteral("not an SQLite database")
                              << int(OpenProblem::NotACollection);
        QTest::newRow("garbage") << QByteArray(8192, '\x5a')
                                 << QStringLiteral("not an SQLite database")
                                 << int(OpenProblem::NotACollection);
    }

    void refusesForeignFilesUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QFETCH(int, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const QByteArray before = fileDigest(path);
        Collection c;
        QVERIFY(!c.open(path));
        QVERIFY2(c.error().contains(expected), qPrintable(c.error()));
        QCOMPARE(int(c.problem()), problem);
        QVERIFY(!c.addDeck(QStringLiteral("x")));
        QCOMPARE(fileDigest(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("cards.sqlite")});
    }

    void refusesOtherSchemasUntouched()
    {
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        const QString newer = dir.filePath(QStringLiteral("newer.sqlite"));
        withRawDb(other, [](const QSqlDatabase &db) {
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE notes (x)"));
        });
        {
            Collection c;
            QVERIFY(c.open(newer));
            QVERIFY(c.addDeck(QStringLiteral("kept")));
        }
        withRawDb(newer, [](const QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        });
        const QByteArray otherBefore = fileDigest(other);
        const QByteArray newerBefore = fileDigest(newer);
        Collection a;
        QVERIFY(!a.open(other));
        QCOMPARE(a.problem(), OpenProblem::NotACollection);
        QVERIFY2(a.error().contains(QStringLiteral("another kind of database")),
                 qPrintable(a.error()));
        Collection b;
        QVERIFY(!b.open(newer));
        QCOMPARE(b.problem(), OpenProblem::NewerVersion);
        QVERIFY2(b.error().contains(QStringLiteral("newer version")), qPrintable(b.error()));
        QVERIFY(b.error().contains(QStringLiteral("schema 99")));
        QCOMPARE(fileDigest(other), otherBefore);
        QCOMPARE(fileDigest(newer), newerBefore);
        QVERIFY(!QFileInfo::exists(newer + QStringLiteral("-wal")));
    }

    void damagedFileListsBackupsAndIsRestored()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        QString backup;
        {
            Collection c;
            QVERIFY(c.open(path));
            const qint64 deck = *c.addDeck(QStringLiteral("Big"));
            QList<NewNote> notes;
            for (int i = 0; i < 3000; ++i)
                notes.append(
                    note(deck, QStringLiteral("card %1 with some words to fill pages").arg(i)));
            QVERIFY(c.addNotes(notes));
            backup = c.backupNow();
            QVERIFY2(!backup.isEmpty(), qPrintable(c.error()));
            QVERIFY(c.answer(c.nextCard({}, kNow)->id, Rating::Good, kNow, 0));
        }
        // Overwrite four pages in the middle of the file.
        const qint64 size = QFileInfo(path).size();
        QVERIFY(size > 64 * 4096);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek((size / 2 / 4096) * 4096));
            f.write(QByteArray(4 * 4096, '\x5a'));
        }
        const QByteArray damaged = fileDigest(path);

        Collection c;
        QVERIFY(!c.open(path));
        QCOMPARE(c.problem(), OpenProblem::Damaged);
        QVERIFY2(c.error().contains(QStringLiteral("damaged")), qPrintable(c.error()));
        QVERIFY2(c.error().contains(backup), qPrintable(c.error()));
        QCOMPARE(fileDigest(path), damaged);
        QCOMPARE(c.backups().size(), 1);
        QCOMPARE(c.backups().first().path, backup);

        // A backup that is itself no collection is refused, and nothing moves.
        QVERIFY(!c.restoreBackup(dir.filePath(QStringLiteral("cards.sqlite"))));
        QCOMPARE(fileDigest(path), damaged);

        QVERIFY2(c.restoreBackup(backup), qPrintable(c.error()));
        QVERIFY(c.isOpen());
        QCOMPARE(c.stats(kNow).cards, 3000);
        QCOMPARE(c.stats(kNow).reviews, 0); // the answer came after the backup
        QVERIFY(!c.setAsidePath().isEmpty());
        QVERIFY(c.setAsidePath() != path);
        QCOMPARE(fileDigest(c.setAsidePath()), damaged);
        QVERIFY(QFileInfo::exists(backup)); // the backup stays a backup
    }

    void backupsRotateAndRunDaily()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        OpenOptions options;
        options.keepBackups = 3;
        QStringList written;
        {
            Collection c;
            QVERIFY(c.open(path, options));
            QVERIFY(c.addNotes({note(*c.addDeck(QStringLiteral("D")), QStringLiteral("q"))}));
            for (int i = 0; i < 5; ++i) {
                written.append(c.backupNow());
                QVERIFY(!written.last().isEmpty());
            }
            QCOMPARE(c.backupDir(), dir.filePath(QStringLiteral("backups")));
            QStringList kept;
            for (const BackupInfo &b : c.backups())
                kept.append(b.path);
            QCOMPARE(kept, (QStringList{written[4], written[3], written[2]}));
            for (const QString &p : written.mid(0, 2))
                QVERIFY(!QFileInfo::exists(p));
        }
        // Open a day later: a backup is due; an hour after that, none.
        const QDateTime tomorrow = QDateTime::currentDateTimeUtc().addSecs(25 * 3600);
        options.now = tomorrow;
        {
            Collection c;
            QVERIFY(c.open(path, options));
            QCOMPARE(c.backups().size(), 3);
            QCOMPARE(c.backups().first().time,
                     QDateTime::fromMSecsSinceEpoch(tomorrow.toMSecsSinceEpoch(), Qt::UTC));
            QVERIFY(c.backupWarning().isEmpty());
        }
        options.now = tomorrow.addSecs(3600);
        {
            Collection c;
            QVERIFY(c.open(path, options));
            QCOMPARE(c.backups().first().time,
                     QDateTime::fromMSecsSinceEpoch(tomorrow.toMSecsSinceEpoch(), Qt::UTC));
        }
        // Each backup is a whole collection.
        Collection copy;
        options.autoBackup = false;
        QVERIFY(copy.open(written[4], options));
        QCOMPARE(copy.stats(kNow).notes, 1);
    }

    void failedWritesRollBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.sqlite"));
        Collection c;
        QVERIFY(c.open(path));

        // A duplicate id half-way through the decks: nothing of the merge stays.
        BuiltinDecks twice = version1();
        twice.decks[1].cards.append(twice.decks[0].cards[0]);
        QVERIFY(!c.mergeBuiltinDecks(twice));
        QVERIFY2(c.error().contains(QStringLiteral("a/1")), qPrintable(c.error()));
        QCOMPARE(c.stats(kNow).cards, 0);
        QVERIFY(c.decks().isEmpty());
        const std::optional<MergeResult> good = c.mergeBuiltinDecks(version1());
        QVERIFY(good && good->added == 5); // the failed merge left no hash behind

        // One bad note among good ones: none is added.
        const qint64 deck = c.decks().first().id;
        NewNote empty = note(deck, QStringLiteral("bad"));
        empty.back.clear();
        QVERIFY(!c.addNotes(
            {note(deck, QStringLiteral("ok 1")), empty, note(deck, QStringLiteral("ok 2"))}));
        QVERIFY(!c.addNotes(
            {note(deck, QStringLiteral("ok 3")), note(424242, QStringLiteral("no deck"))}));
        QCOMPARE(c.stats(kNow).cards, 5);

        // The review log refuses the row after the card was updated: the
        // card's update is undone with it.
        const Card card = *c.nextCard({}, kNow);
        withRawDb(path, [](const QSqlDatabase &db) {
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("CREATE TRIGGER no_log BEFORE INSERT ON revlog BEGIN SELECT "
                               "RAISE(ABORT, 'log is full'); END")));
        });
        QVERIFY(!c.answer(card.id, Rating::Good, kNow, 0));
        QVERIFY2(c.error().contains(QStringLiteral("log is full")), qPrintable(c.error()));
        QVERIFY(differences(c.card(card.id)->schedule, card.schedule).isEmpty());
        QCOMPARE(c.stats(kNow).reviews, 0);
        withRawDb(path, [](const QSqlDatabase &db) {
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP TRIGGER no_log")));
        });
        QVERIFY(c.answer(card.id, Rating::Good, kNow, 0));
        QCOMPARE(c.stats(kNow).reviews, 1);
    }
};

QTEST_APPLESS_MAIN(TstCollection)
#include "tst_collection.moc"
