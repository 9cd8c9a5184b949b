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
    q.finish(); // an unfinished statement would keep the migration from committing
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
    q.finish();
    if (version < kSchemaVersion) {
        m_error.clear();
        db.transaction();
        if (!migrate(version) || !db.commit()) {
            if (m_error.isEmpty())
                m_error = QStringLiteral("%1: %2").arg(path, db.lastError().text());
            db.rollback();
            db.close();
            return false;
        }
    }
    m_error.clear();
    m_open = true;
    return true;
}

// Brings the schema from @p from to kSchemaVersion inside the caller's
// transaction; each version adds tables, so older files keep what they hold.
bool ProgressStore::migrate(int from)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    QStringList steps;
    if (from < 1) {
        steps << QStringLiteral("CREATE TABLE topic_done (topic_id TEXT PRIMARY KEY, "
                                "done_at TEXT NOT NULL)")
              << QStringLiteral("CREATE TABLE scenario_tried (scenario_id TEXT PRIMARY KEY, "
                                "tried_at TEXT NOT NULL)")
              << QStringLiteral("CREATE TABLE reader_state (key TEXT PRIMARY KEY, "
                                "value TEXT NOT NULL)");
    }
    if (from < 2) {
        steps << QStringLiteral("CREATE TABLE exercise_step (exercise_id TEXT NOT NULL, "
                                "step INTEGER NOT NULL, attempted_at TEXT, revealed_at TEXT, "
                                "open INTEGER NOT NULL DEFAULT 0, "
                                "PRIMARY KEY (exercise_id, step))");
    }
    steps << QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion);
    for (const QString &sql : steps) {
        if (!q.exec(sql)) {
            m_error = QStringLiteral("%1: %2").arg(m_path, q.lastError().text());
            return false;
        }
    }
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

QMap<int, StepState> ProgressStore::exerciseSteps(const QString &exerciseId) const
{
    QMap<int, StepState> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT step, attempted_at IS NOT NULL, revealed_at IS NOT NULL, "
                             "open FROM exercise_step WHERE exercise_id = ?"));
    q.addBindValue(exerciseId);
    if (!q.exec())
        return out;
    while (q.next()) {
        out.insert(q.value(0).toInt(),
                   StepState{q.value(1).toBool(), q.value(2).toBool(), q.value(3).toBool()});
    }
    return out;
}

bool ProgressStore::setStepAttempted(const QString &exerciseId, int step, bool attempted)
{
    if (step < 1) {
        m_error = QStringLiteral("there is no step %1").arg(step);
        return false;
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    return exec(QStringLiteral("INSERT INTO exercise_step (exercise_id, step, attempted_at) "
                               "VALUES (?, ?, ?) ON CONFLICT (exercise_id, step) "
                               "DO UPDATE SET attempted_at = excluded.attempted_at"),
                {exerciseId, step, attempted ? QVariant(now) : QVariant()});
}

bool ProgressStore::setSolutionsOpen(const QString &exerciseId, const QList<int> &steps, bool open)
{
    if (!m_open)
        return false;
    for (int step : steps) {
        if (step < 1) {
            m_error = QStringLiteral("there is no step %1").arg(step);
            return false;
        }
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (int step : steps) {
        // Opening keeps the first time it was revealed; closing keeps it too.
        const bool ok =
            open ? exec(QStringLiteral(
                            "INSERT INTO exercise_step (exercise_id, step, revealed_at, open) "
                            "VALUES (?, ?, ?, 1) ON CONFLICT (exercise_id, step) DO UPDATE SET "
                            "open = 1, revealed_at = coalesce(revealed_at, excluded.revealed_at)"),
                        {exerciseId, step, now})
                 : exec(QStringLiteral("UPDATE exercise_step SET open = 0 "
                                       "WHERE exercise_id = ? AND step = ?"),
                        {exerciseId, step});
        if (!ok) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
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
