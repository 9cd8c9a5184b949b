#include "core/study/progressstore.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <array>

namespace sds::study {
namespace {

// "SDSP": tells our progress files from other SQLite files.
constexpr quint32 kApplicationId = 0x53445350;

bool runAll(QSqlQuery &q, std::initializer_list<QString> statements)
{
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return false;
    }
    return true;
}

// Each version adds tables, so older files keep what they hold. A step
// never changes once released.
bool createV1(QSqlQuery &q)
{
    return runAll(q, {QStringLiteral("CREATE TABLE topic_done (topic_id TEXT PRIMARY KEY, "
                                     "done_at TEXT NOT NULL)"),
                      QStringLiteral("CREATE TABLE scenario_tried (scenario_id TEXT PRIMARY KEY, "
                                     "tried_at TEXT NOT NULL)"),
                      QStringLiteral("CREATE TABLE reader_state (key TEXT PRIMARY KEY, "
                                     "value TEXT NOT NULL)")});
}

bool addExerciseStepsV2(QSqlQuery &q)
{
    return q.exec(QStringLiteral("CREATE TABLE exercise_step (exercise_id TEXT NOT NULL, "
                                 "step INTEGER NOT NULL, attempted_at TEXT, revealed_at TEXT, "
                                 "open INTEGER NOT NULL DEFAULT 0, "
                                 "PRIMARY KEY (exercise_id, step))"));
}

bool addChallengesV3(QSqlQuery &q)
{
    return q.exec(QStringLiteral("CREATE TABLE challenge_solved (challenge_id TEXT PRIMARY KEY, "
                                 "solved_at TEXT NOT NULL)"));
}

constexpr std::array<bool (*)(QSqlQuery &), 3> kSteps = {&createV1, &addExerciseStepsV2,
                                                         &addChallengesV3};
static_assert(kSteps.size() == ProgressStore::kSchemaVersion);

storage::SqliteFile::Options fileOptions()
{
    storage::SqliteFile::Options o;
    o.applicationId = kApplicationId;
    // Files written before the id existed have none; they are ours when
    // they have a schema version, and get the id now.
    o.adoptUnstamped = true;
    o.migrations = QList<storage::Migration>(kSteps.begin(), kSteps.end());
    return o;
}

} // namespace

ProgressStore::ProgressStore() = default;

ProgressStore::~ProgressStore() = default;

bool ProgressStore::open(const QString &path)
{
    m_path = path;
    const Result<void> opened = m_file.open(path, fileOptions());
    if (opened) {
        m_error.clear();
        return true;
    }
    const QString name = QFileInfo(path).fileName();
    using Problem = storage::SqliteFile::Problem;
    switch (m_file.problem()) {
    case Problem::NotSqlite:
    case Problem::Damaged:
        m_error = QStringLiteral("%1 is not a progress database (%2); it was left as it is.")
                      .arg(name, opened.error());
        break;
    case Problem::Foreign:
        m_error =
            QStringLiteral("%1 holds another kind of database; it was left as it is.").arg(name);
        break;
    case Problem::Newer:
        m_error = QStringLiteral("%1 was written by a newer version of the app (schema %2); "
                                 "it was left as it is.")
                      .arg(name)
                      .arg(m_file.foundVersion());
        break;
    case Problem::None:
    case Problem::CannotOpen:
    case Problem::Failed:
        m_error = opened.error(); // names the file already
        break;
    }
    return false;
}

bool ProgressStore::reported(const Result<void> &result)
{
    if (!result)
        m_error = result.error();
    return result.ok();
}

bool ProgressStore::exec(const QString &sql, const QVariantList &binds)
{
    return reported(m_file.exec(sql, binds));
}

bool ProgressStore::isTopicDone(const QString &id) const
{
    return doneTopics().contains(id);
}

QSet<QString> ProgressStore::doneTopics() const
{
    QSet<QString> out;
    if (!isOpen())
        return out;
    QSqlQuery q(m_file.database());
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
    if (!isOpen())
        return out;
    QSqlQuery q(m_file.database());
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
    if (!isOpen())
        return out;
    QSqlQuery q(m_file.database());
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
    for (int step : steps) {
        if (step < 1) {
            m_error = QStringLiteral("there is no step %1").arg(step);
            return false;
        }
    }
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    return reported(m_file.write([&](const QSqlDatabase &db) -> Result<void> {
        QSqlQuery q(db);
        for (int step : steps) {
            // Opening keeps the first time it was revealed; closing keeps it too.
            const bool ok =
                open ? storage::exec(
                           q,
                           QStringLiteral(
                               "INSERT INTO exercise_step (exercise_id, step, revealed_at, open) "
                               "VALUES (?, ?, ?, 1) ON CONFLICT (exercise_id, step) DO UPDATE "
                               "SET open = 1, revealed_at = coalesce(revealed_at, "
                               "excluded.revealed_at)"),
                           {exerciseId, step, now})
                     : storage::exec(q,
                                     QStringLiteral("UPDATE exercise_step SET open = 0 "
                                                    "WHERE exercise_id = ? AND step = ?"),
                                     {exerciseId, step});
            if (!ok)
                return sds::fail(q.lastError().text());
        }
        return {};
    }));
}

bool ProgressStore::isChallengeSolved(const QString &id) const
{
    return solvedChallenges().contains(id);
}

QSet<QString> ProgressStore::solvedChallenges() const
{
    QSet<QString> out;
    if (!isOpen())
        return out;
    QSqlQuery q(m_file.database());
    q.exec(QStringLiteral("SELECT challenge_id FROM challenge_solved"));
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

bool ProgressStore::setChallengeSolved(const QString &id, bool solved)
{
    if (solved) {
        return exec(QStringLiteral("INSERT OR IGNORE INTO challenge_solved VALUES (?, ?)"),
                    {id, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
    }
    return exec(QStringLiteral("DELETE FROM challenge_solved WHERE challenge_id = ?"), {id});
}

QString ProgressStore::value(const QString &key, const QString &fallback) const
{
    if (!isOpen())
        return fallback;
    QSqlQuery q(m_file.database());
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
