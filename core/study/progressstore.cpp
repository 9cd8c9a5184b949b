#include "core/study/progressstore.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace sds::study {
namespace {
QAtomicInt counter;
}

ProgressStore::ProgressStore()
    : m_connection(QStringLiteral("sds-progress-%1").arg(counter.fetchAndAddRelaxed(1)))
{}

ProgressStore::~ProgressStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isValid())
            db.close();
    }
    if (QSqlDatabase::contains(m_connection))
        QSqlDatabase::removeDatabase(m_connection);
}

bool ProgressStore::open(const QString &path)
{
    m_path = path;
    m_open = false;
    QSqlDatabase db = QSqlDatabase::contains(m_connection)
                          ? QSqlDatabase::database(m_connection, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.close();
    db.setDatabaseName(path);
    if (!db.open()) {
        m_error = QStringLiteral("%1 cannot be opened: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    // Reading the schema fails on a file that is not SQLite at all.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        m_error = QStringLiteral("%1 is not a progress database (%2); it was left as it is.")
                      .arg(QFileInfo(path).fileName(), q.lastError().text());
        db.close();
        return false;
    }
    const int tables = q.value(0).toInt();
    q.exec(QStringLiteral("PRAGMA user_version"));
    const int version = q.next() ? q.value(0).toInt() : 0;
    if (version > kSchemaVersion) {
        m_error = QStringLiteral("%1 was written by a newer version of the app (schema %2); "
                                 "it was left as it is.")
                      .arg(QFileInfo(path).fileName())
                      .arg(version);
        db.close();
        return false;
    }
    if (version == 0 && tables > 0) {
        m_error = QStringLiteral("%1 holds another kind of database; it was left as it is.")
                      .arg(QFileInfo(path).fileName());
        db.close();
        return false;
    }
    q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    if (version == 0) {
        db.transaction();
        const bool ok =
            q.exec(QStringLiteral("CREATE TABLE topic_done (topic_id TEXT PRIMARY KEY, "
                                  "done_at TEXT NOT NULL)")) &&
            q.exec(QStringLiteral("CREATE TABLE scenario_tried (scenario_id TEXT PRIMARY KEY, "
                                  "tried_at TEXT NOT NULL)")) &&
            q.exec(QStringLiteral("CREATE TABLE reader_state (key TEXT PRIMARY KEY, "
                                  "value TEXT NOT NULL)")) &&
            q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
        if (!ok) {
            m_error = QStringLiteral("%1: %2").arg(path, q.lastError().text());
            db.rollback();
            db.close();
            return false;
        }
        db.commit();
    }
    m_error.clear();
    m_open = true;
    return true;
}

bool ProgressStore::exec(const QString &sql, const QVariantList &binds)
{
    if (!m_open)
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    return true;
}

bool ProgressStore::isTopicDone(const QString &id) const
{
    return doneTopics().contains(id);
}

QSet<QString> ProgressStore::doneTopics() const
{
    QSet<QString> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.exec(QStringLiteral("SELECT topic_id FROM topic_done"));
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

bool ProgressStore::setTopicDone(const QString &id, bool done)
{
    if (done) {
        return exec(QStringLiteral("INSERT OR REPLACE INTO topic_done VALUES (?, ?)"),
                    {id, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
    }
    return exec(QStringLiteral("DELETE FROM topic_done WHERE topic_id = ?"), {id});
}

QSet<QString> ProgressStore::triedScenarios() const
{
    QSet<QString> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.exec(QStringLiteral("SELECT scenario_id FROM scenario_tried"));
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

bool ProgressStore::markScenarioTried(const QString &id)
{
    return exec(QStringLiteral("INSERT OR IGNORE INTO scenario_tried VALUES (?, ?)"),
                {id, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
}

QString ProgressStore::value(const QString &key, const QString &fallback) const
{
    if (!m_open)
        return fallback;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT value FROM reader_state WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

bool ProgressStore::setValue(const QString &key, const QString &value)
{
    return exec(QStringLiteral("INSERT OR REPLACE INTO reader_state VALUES (?, ?)"), {key, value});
}

} // namespace sds::study
