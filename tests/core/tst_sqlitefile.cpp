// The SQLite file under the stores: migrations run in order once each, a
// file that is newer or not ours is refused and left byte for byte as it
// was, transactions roll back unless committed, write() undoes a failed
// body, and every SqliteFile has a connection of its own.
#include "../filedigest.h"
#include "core/result.h"
#include "core/storage/sqlitefile.h"

#include <QDir>
#include <QFile>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using sds::Result;
using sds::storage::Migration;
using sds::storage::SqliteFile;
using sds::storage::Transaction;

namespace {

constexpr quint32 kId = 0x54455354; // "TEST"

// Each step records its number, so the order they ran in can be read back.
Migration step(int n, QList<int> *ran)
{
    return [n, ran](QSqlQuery &q) {
        ran->append(n);
        if (n == 0 && !q.exec(QStringLiteral("CREATE TABLE steps (n INTEGER)")))
            return false;
        return q.exec(QStringLiteral("INSERT INTO steps VALUES (%1)").arg(n));
    };
}

SqliteFile::Options options(int steps, QList<int> *ran)
{
    SqliteFile::Options o;
    o.applicationId = kId;
    for (int i = 0; i < steps; ++i)
        o.migrations.append(step(i, ran));
    return o;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

// A raw connection for set-up and checks SqliteFile would refuse; closed before returning.
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

} // namespace

class TstSqliteFile : public QObject
{
    Q_OBJECT

private slots:
    void resultCarriesAValueOrAMessage()
    {
        const Result<int> good = 42;
        QVERIFY(good.ok() && good);
        QCOMPARE(*good, 42);
        QVERIFY(good.error().isEmpty());
        const Result<int> bad = sds::fail(QStringLiteral("no"));
        QVERIFY(!bad.ok() && !bad);
        QCOMPARE(bad.error(), QStringLiteral("no"));
        QCOMPARE(bad.valueOr(7), 7);
        const Result<QString> text = Result<QString>::failure(QStringLiteral("why"));
        QCOMPARE(text.error(), QStringLiteral("why"));
        const Result<QStringList> list = QStringList{QStringLiteral("a")};
        QCOMPARE(list->size(), 1);
        const Result<void> done;
        QVERIFY(done.ok());
        const Result<void> failed = sds::fail(QStringLiteral("broken"));
        QVERIFY(!failed);
        QCOMPARE(failed.error(), QStringLiteral("broken"));
    }

    void migrationsRunInOrderOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        QList<int> ran;
        {
            SqliteFile f;
            const Result<void> opened = f.open(path, options(3, &ran));
            QVERIFY2(opened, qPrintable(opened.error()));
            QCOMPARE(ran, (QList<int>{0, 1, 2}));
            QCOMPARE(f.foundVersion(), 0);
            QCOMPARE(scalar(f.database(), QStringLiteral("PRAGMA user_version")).toInt(), 3);
            QCOMPARE(scalar(f.database(), QStringLiteral("PRAGMA journal_mode")).toString(),
                     QStringLiteral("wal"));
        }
        // A later version adds a step: only that one runs.
        ran.clear();
        {
            SqliteFile f;
            QVERIFY(f.open(path, options(4, &ran)));
            QCOMPARE(ran, QList<int>{3});
            QCOMPARE(f.foundVersion(), 3);
            QCOMPARE(scalar(f.database(), QStringLiteral("SELECT group_concat(n) FROM steps")),
                     QVariant(QStringLiteral("0,1,2,3")));
        }
        ran.clear();
        {
            SqliteFile f;
            QVERIFY(f.open(path, options(4, &ran)));
            QVERIFY(ran.isEmpty());
        }
        withRawDb(path, [](const QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 4);
            QCOMPARE(quint32(scalar(db, QStringLiteral("PRAGMA application_id")).toLongLong()),
                     kId);
        });
        // The id is in the main file's header, where the next open looks first.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(72).mid(68), QByteArray("TEST"));
    }

    void aFailedStepLeavesTheLastGoodVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        QList<int> ran;
        SqliteFile::Options o = options(2, &ran);
        o.migrations.append([](QSqlQuery &q) {
            return q.exec(QStringLiteral("INSERT INTO steps VALUES (2)")) &&
                   q.exec(QStringLiteral("SELECT * FROM no_such_table"));
        });
        {
            SqliteFile f;
            const Result<void> opened = f.open(path, o);
            QVERIFY(!opened);
            QCOMPARE(f.problem(), SqliteFile::Problem::Failed);
            QVERIFY2(opened.error().contains(QStringLiteral("upgrading to schema 3")),
                     qPrintable(opened.error()));
            QVERIFY(!f.isOpen());
        }
        withRawDb(path, [](const QSqlDatabase &db) {
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 2);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM steps")).toInt(), 2);
        });
    }

    void refusesNewerAndForeignFilesUntouched_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("newer") << QStringLiteral("PRAGMA user_version = 9")
                               << int(SqliteFile::Problem::Newer)
                               << QStringLiteral("schema 9, this version reads up to 2");
        QTest::newRow("other id") << QStringLiteral("PRAGMA application_id = 1234")
                                  << int(SqliteFile::Problem::Foreign)
                                  << QStringLiteral("another kind of database");
        QTest::newRow("no id") << QStringLiteral("PRAGMA application_id = 0")
                               << int(SqliteFile::Problem::Foreign)
                               << QStringLiteral("another kind of database");
    }

    void refusesNewerAndForeignFilesUntouched()
    {
        QFETCH(QString, setup);
        QFETCH(int, problem);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        QList<int> ran;
        {
            SqliteFile f;
            QVERIFY(f.open(path, options(2, &ran)));
        }
        withRawDb(path, [&](const QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
            QVERIFY2(q.exec(setup), qPrintable(q.lastError().text()));
        });
        const QByteArray before = fileDigest(path);
        QVERIFY(!before.isEmpty());
        ran.clear();
        SqliteFile f;
        const Result<void> opened = f.open(path, options(2, &ran));
        QVERIFY(!opened);
        QCOMPARE(int(f.problem()), problem);
        QVERIFY2(opened.error().contains(expected), qPrintable(opened.error()));
        QVERIFY(!f.isOpen());
        QVERIFY(ran.isEmpty());
        QVERIFY(!f.write([](const QSqlDatabase &) { return Result<void>(); }));
        QVERIFY(!SqliteFile::check(path, options(2, &ran)));
        QCOMPARE(fileDigest(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("a.sqlite")});
    }

    void refusesTextAndUnversionedTablesUntouched()
    {
        QTemporaryDir dir;
        const QString text = dir.filePath(QStringLiteral("text.sqlite"));
        const QString tables = dir.filePath(QStringLiteral("tables.sqlite"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a database, only words\n");
        }
        withRawDb(tables, [](const QSqlDatabase &db) {
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE notes (x)")));
        });
        const QByteArray textBefore = fileDigest(text);
        const QByteArray tablesBefore = fileDigest(tables);
        QList<int> ran;
        SqliteFile f;
        QVERIFY(!f.open(text, options(1, &ran)));
        QCOMPARE(f.problem(), SqliteFile::Problem::NotSqlite);
        // Without an application id to go by, tables at version 0 still say "not ours".
        SqliteFile::Options noId = options(1, &ran);
        noId.applicationId = 0;
        const Result<void> opened = f.open(tables, noId);
        QVERIFY(!opened);
        QCOMPARE(f.problem(), SqliteFile::Problem::Foreign);
        QVERIFY(ran.isEmpty());
        QCOMPARE(fileDigest(text), textBefore);
        QCOMPARE(fileDigest(tables), tablesBefore);
        QVERIFY(!SqliteFile::check(dir.filePath(QStringLiteral("missing.sqlite")), noId));
    }

    void adoptsAFileWrittenBeforeItHadAnId()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        withRawDb(path, [](const QSqlDatabase &db) {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE steps (n INTEGER)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO steps VALUES (0)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        });
        QList<int> ran;
        SqliteFile::Options o = options(2, &ran);
        const QByteArray before = fileDigest(path);
        {
            SqliteFile f;
            QVERIFY(!f.open(path, o));
            QCOMPARE(f.problem(), SqliteFile::Problem::Foreign);
        }
        QCOMPARE(fileDigest(path), before);
        o.adoptUnstamped = true;
        {
            SqliteFile f;
            const Result<void> opened = f.open(path, o);
            QVERIFY2(opened, qPrintable(opened.error()));
            QCOMPARE(ran, QList<int>{1});
            QCOMPARE(
                quint32(scalar(f.database(), QStringLiteral("PRAGMA application_id")).toLongLong()),
                kId);
        }
        o.adoptUnstamped = false;
        ran.clear();
        SqliteFile f;
        QVERIFY(f.open(path, o));
        QVERIFY(ran.isEmpty());
    }

    void transactionRollsBackUnlessCommitted()
    {
        QTemporaryDir dir;
        SqliteFile f;
        QVERIFY(f.open(dir.filePath(QStringLiteral("t.sqlite"))));
        QVERIFY(f.exec(QStringLiteral("CREATE TABLE t (x)")));
        {
            Transaction t(f.database());
            QVERIFY2(t.begun(), qPrintable(t.error()));
            QVERIFY(f.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
            QCOMPARE(scalar(f.database(), QStringLiteral("SELECT count(*) FROM t")).toInt(), 1);
        }
        QCOMPARE(scalar(f.database(), QStringLiteral("SELECT count(*) FROM t")).toInt(), 0);
        {
            Transaction t(f.database());
            QVERIFY(f.exec(QStringLiteral("INSERT INTO t VALUES (?)"), {2}));
            QVERIFY(t.commit());
            QVERIFY(!t.commit()); // once only
        }
        QCOMPARE(scalar(f.database(), QStringLiteral("SELECT group_concat(x) FROM t")).toString(),
                 QStringLiteral("2"));
    }

    void writeRollsBackWhenTheBodyFails()
    {
        QTemporaryDir dir;
        SqliteFile f(QStringLiteral("the test file"));
        QVERIFY(!f.write([](const QSqlDatabase &) { return Result<void>(); }));
        bool called = false;
        const Result<int> closed = f.write([&](const QSqlDatabase &) -> Result<int> {
            called = true;
            return 1;
        });
        QCOMPARE(closed.error(), QStringLiteral("the test file is not open"));
        QVERIFY(!called);

        QVERIFY(f.open(dir.filePath(QStringLiteral("w.sqlite"))));
        QVERIFY(f.exec(QStringLiteral("CREATE TABLE t (x)")));
        const Result<void> failed = f.write([](const QSqlDatabase &db) -> Result<void> {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("INSERT INTO t VALUES (1)")))
                return sds::fail(q.lastError().text());
            return sds::fail(QStringLiteral("changed my mind"));
        });
        QCOMPARE(failed.error(), QStringLiteral("changed my mind"));
        QCOMPARE(scalar(f.database(), QStringLiteral("SELECT count(*) FROM t")).toInt(), 0);

        // A failing statement half-way through undoes the statements before it.
        const Result<qint64> half = f.write([](const QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("INSERT INTO t VALUES (1)")) ||
                !q.exec(QStringLiteral("INSERT INTO missing VALUES (2)")))
                return sds::fail(q.lastError().text());
            return q.lastInsertId().toLongLong();
        });
        QVERIFY(!half);
        QVERIFY2(half.error().contains(QStringLiteral("missing")), qPrintable(half.error()));
        QCOMPARE(scalar(f.database(), QStringLiteral("SELECT count(*) FROM t")).toInt(), 0);

        const Result<qint64> id = f.write([](const QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("INSERT INTO t VALUES (3)")))
                return sds::fail(q.lastError().text());
            return q.lastInsertId().toLongLong();
        });
        QVERIFY2(id, qPrintable(id.error()));
        QCOMPARE(*id, 1);
        QCOMPARE(scalar(f.database(), QStringLiteral("SELECT x FROM t")).toInt(), 3);
    }

    void eachFileHasItsOwnConnection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.sqlite"));
        QList<int> ran;
        QString nameA;
        {
            SqliteFile a;
            SqliteFile b;
            QVERIFY(a.connectionName() != b.connectionName());
            nameA = a.connectionName();
            QVERIFY(a.open(path, options(1, &ran)));
            QVERIFY(b.open(path, options(1, &ran)));
            QCOMPARE(ran, QList<int>{0}); // b found the file a had made
            QVERIFY(QSqlDatabase::contains(a.connectionName()));
            QVERIFY(QSqlDatabase::contains(b.connectionName()));
            QVERIFY(a.exec(QStringLiteral("INSERT INTO steps VALUES (10)")));
            QCOMPARE(scalar(b.database(), QStringLiteral("SELECT max(n) FROM steps")).toInt(), 10);
            // Closing one leaves the other working.
            a.close();
            QVERIFY(!a.isOpen());
            QVERIFY(!QSqlDatabase::contains(nameA));
            QVERIFY(b.exec(QStringLiteral("INSERT INTO steps VALUES (11)")));
            QCOMPARE(scalar(b.database(), QStringLiteral("SELECT count(*) FROM steps")).toInt(), 3);
        }
        QVERIFY(!QSqlDatabase::contains(nameA));
    }

    // Another connection in the middle of a write (as a second process with
    // the same collection is) makes a write wait for it instead of failing
    // at once with "database is locked"; one that stays busy past the
    // timeout gets a message that says the file is in use.
    void aWriteWaitsForAnotherWriterUpToTheBusyTimeout()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("busy.sqlite"));
        QList<int> ran;
        {
            SqliteFile first;
            QVERIFY(first.open(path, options(1, &ran)));
        }
        const auto insert = [](int n) {
            return [n](const QSqlDatabase &db) -> Result<int> {
                QSqlQuery q(db);
                if (!q.exec(QStringLiteral("INSERT INTO steps VALUES (%1)").arg(n)) ||
                    !q.exec(QStringLiteral("SELECT count(*) FROM steps WHERE n = 100")) ||
                    !q.next())
                    return sds::fail(q.lastError().text());
                return q.value(0).toInt(); // the other writer's row, as this write saw it
            };
        };

        // The other writer has a thread of its own (a connection belongs to
        // the thread that made it): it inserts 100 and holds its transaction
        // until released, or for holdMs at most.
        QSemaphore locked;
        QSemaphore release;
        const auto holder = [&](int holdMs) {
            return std::thread([&, holdMs] {
                QList<int> none;
                SqliteFile other;
                if (!other.open(path, options(1, &none))) {
                    locked.release();
                    return;
                }
                Transaction t(other.database());
                QSqlQuery(other.database()).exec(QStringLiteral("INSERT INTO steps VALUES (100)"));
                locked.release();
                release.tryAcquire(1, holdMs);
                t.commit();
            });
        };

        {
            std::thread busy = holder(60000);
            locked.acquire();
            SqliteFile impatient;
            SqliteFile::Options o = options(1, &ran);
            o.busyTimeoutMs = 300;
            QVERIFY(impatient.open(path, o)); // reading is not blocked by a writer
            const Result<int> refused = impatient.write(insert(1));
            release.release();
            busy.join();
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(
                         QStringLiteral("busy.sqlite is in use by another program")) &&
                         refused.error().contains(QStringLiteral("after 0.3 s")),
                     qPrintable(refused.error()));
        }
        {
            // This one waits (5 s by default) and goes in after the other's commit.
            std::thread busy = holder(1000);
            locked.acquire();
            SqliteFile patient;
            QVERIFY(patient.open(path, options(1, &ran)));
            const Result<int> waited = patient.write(insert(2));
            busy.join();
            QVERIFY2(waited, qPrintable(waited.error()));
            QCOMPARE(*waited, 2); // the other writers' rows were committed before it began
            QCOMPARE(
                scalar(patient.database(), QStringLiteral("SELECT count(*) FROM steps")).toInt(),
                4); // step 0, the two others, this one
        }
        QCOMPARE(ran, QList<int>{0});
    }

    void memoryDatabasesAreSeparate()
    {
        QList<int> ran;
        SqliteFile a;
        SqliteFile b;
        QVERIFY(a.open(QStringLiteral(":memory:"), options(2, &ran)));
        QVERIFY(b.open(QStringLiteral(":memory:"), options(1, &ran)));
        QCOMPARE(ran, (QList<int>{0, 1, 0}));
        QCOMPARE(scalar(a.database(), QStringLiteral("PRAGMA user_version")).toInt(), 2);
        QCOMPARE(scalar(b.database(), QStringLiteral("SELECT count(*) FROM steps")).toInt(), 1);
        Result<QSqlQuery> rows = a.query(QStringLiteral("SELECT n FROM steps ORDER BY n"));
        QVERIFY(rows);
        QSqlQuery q = std::move(rows).value();
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(!a.query(QStringLiteral("SELECT * FROM nothing_here")));
    }
};

QTEST_APPLESS_MAIN(TstSqliteFile)
#include "tst_sqlitefile.moc"
