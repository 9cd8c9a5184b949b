// Two processes with one collection: while this test holds the write lock
// on cards.sqlite (as the app does while it saves an answer), sdstudio-cli
// reviewing the same file waits for it instead of failing at once with
// "database is locked", and when the lock outlasts the busy timeout it
// fails with a message that says the file is in use, having changed nothing.
#include "core/cards/collection.h"

#include <QDateTime>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::cards;

namespace {

// A second connection that takes the write lock and keeps it until released.
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kName);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock()
    {
        release();
        QSqlDatabase::removeDatabase(kName);
    }
    bool held() const { return m_held; }
    void release()
    {
        if (!m_held)
            return;
        QSqlDatabase db = QSqlDatabase::database(kName);
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        db.close();
        m_held = false;
    }

private:
    static inline const QString kName = QStringLiteral("second-process");
    bool m_held = false;
};

int reviews(const QString &path)
{
    Collection c;
    if (!c.open(path))
        return -1;
    return c.stats(QDateTime::currentDateTimeUtc()).reviews;
}

} // namespace

class TestCardsLock : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    QStringList reviewOne() const
    {
        return {QStringLiteral("cards"),   QStringLiteral("review"),
                QStringLiteral("--grade"), QStringLiteral("good"),
                QStringLiteral("--count"), QStringLiteral("1"),
                QStringLiteral("--db"),    m_path};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("cards.sqlite"));
        // A first run makes the collection and merges the built-in decks, so
        // later runs have due cards to review.
        QProcess p;
        p.start(QStringLiteral(SDS_CLI_PATH),
                {QStringLiteral("cards"), QStringLiteral("stats"), QStringLiteral("--db"), m_path});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(reviews(m_path), 0);
    }

    // The lock is let go 1.5 s after the tool started; the tool, blocked on
    // it meanwhile, then saves its review. Without a busy timeout it would
    // have failed at its first write.
    void theSecondWaitsForTheFirst()
    {
        WriteLock lock(m_path);
        QVERIFY(lock.held());
        QProcess p;
        p.start(QStringLiteral(SDS_CLI_PATH), reviewOne());
        QVERIFY(p.waitForStarted());
        QTest::qWait(1500);
        QCOMPARE(p.state(), QProcess::Running); // still waiting for the lock
        lock.release();
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("locked")), qPrintable(err));
        QVERIFY(
            QString::fromUtf8(p.readAllStandardOutput()).startsWith(QStringLiteral("reviewed ")));
        QCOMPARE(reviews(m_path), 1);
    }

    // A lock held past the timeout (5 s): the tool says the collection is in
    // use, exits 1, and the review is not saved.
    void theSecondGivesUpWithAClearMessage()
    {
        WriteLock lock(m_path);
        QVERIFY(lock.held());
        QProcess p;
        p.start(QStringLiteral(SDS_CLI_PATH), reviewOne());
        QVERIFY(p.waitForFinished(120000));
        lock.release();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("cards.sqlite is in use by another program")) &&
                     err.contains(QStringLiteral("after 5 s")),
                 qPrintable(err));
        QCOMPARE(reviews(m_path), 1); // only the one before
    }
};

QTEST_GUILESS_MAIN(TestCardsLock)
#include "tst_cardslock.moc"
