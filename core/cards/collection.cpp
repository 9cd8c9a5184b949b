#include "core/cards/collection.h"

#include "core/cards/backups.h"
#include "core/cards/schema.h"
#include "core/cards/sqlsupport.h"
#include "core/srs/srsjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace sds::cards {
namespace {

constexpr qint64 kBackupEverySecs = 24 * 60 * 60;

storage::SqliteFile::Options fileOptions()
{
    storage::SqliteFile::Options o;
    o.applicationId = schema::kApplicationId;
    o.migrations = schema::migrations();
    o.foreignKeys = true;
    o.integrityCheck = true;
    return o;
}

} // namespace

Collection::Collection() = default;

Collection::~Collection()
{
    close();
}

bool Collection::fail(const QString &message) const
{
    m_error = message;
    return false;
}

bool Collection::open(const QString &path, const OpenOptions &options)
{
    close();
    m_path = QFileInfo(path).absoluteFilePath();
    m_options = options;
    m_problem = OpenProblem::None;
    m_error.clear();
    m_backupWarning.clear();

    const QFileInfo info(m_path);
    if (info.exists() && !info.isFile()) {
        m_problem = OpenProblem::CannotOpen;
        return fail(QStringLiteral("%1 is not a file").arg(m_path));
    }
    if (const Result<void> opened = m_file.open(m_path, fileOptions()); !opened)
        return fail(refusal(m_file.problem(), opened.error()));
    if (options.autoBackup)
        autoBackup(options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc());
    return true;
}

// The message for a file open() did not take; sets problem().
QString Collection::refusal(storage::SqliteFile::Problem problem, const QString &detail)
{
    using Problem = storage::SqliteFile::Problem;
    const QString name = QFileInfo(m_path).fileName();
    switch (problem) {
    case Problem::None:
    case Problem::CannotOpen:
    case Problem::Failed:
        m_problem = OpenProblem::CannotOpen;
        return detail; // names the file already
    case Problem::NotSqlite:
    case Problem::Foreign:
        m_problem = OpenProblem::NotACollection;
        return QStringLiteral("%1 is not a flashcard collection (%2); it was left as it is.")
            .arg(name, detail);
    case Problem::Newer:
        m_problem = OpenProblem::NewerVersion;
        return QStringLiteral("%1 was written by a newer version of the app (%2); it was left as "
                              "it is.")
            .arg(name, detail);
    case Problem::Damaged:
        break;
    }
    m_problem = OpenProblem::Damaged;
    QString message = QStringLiteral("%1 is damaged (%2); it was left as it is.").arg(name, detail);
    const QList<BackupInfo> saved = backups();
    if (saved.isEmpty()) {
        message += QStringLiteral(" There is no backup of it in %1.").arg(backupDir());
    } else {
        message += QStringLiteral(" Backups that can replace it, newest first:");
        for (const BackupInfo &b : saved)
            message += QStringLiteral("\n  %1 (%2)").arg(b.path, srs::isoUtc(b.time));
    }
    return message;
}

void Collection::close()
{
    m_file.close();
    m_params.reset();
}

// Backups ------------------------------------------------------------------

QString Collection::backupDir() const
{
    if (!m_options.backupDir.isEmpty())
        return m_options.backupDir;
    return QFileInfo(m_path).dir().filePath(QStringLiteral("backups"));
}

QList<BackupInfo> Collection::backups() const
{
    return backups::list(backupDir(), QFileInfo(m_path).completeBaseName());
}

void Collection::autoBackup(const QDateTime &now)
{
    QSqlQuery q(m_file.database());
    if (!q.exec(QStringLiteral("SELECT last_backup, (SELECT count(*) FROM notes) FROM config")) ||
        !q.next()) {
        m_backupWarning = q.lastError().text();
        return;
    }
    const QDateTime last = detail::fromSecs(q.value(0));
    const bool empty = q.value(1).toLongLong() == 0;
    q.finish();
    // A time in the future means the clock was set back: back up anyway.
    if (empty || (last.isValid() && last <= now && last.secsTo(now) < kBackupEverySecs))
        return;
    QString why;
    const QString written = backups::write(m_file.database(), backupDir(),
                                           QFileInfo(m_path).completeBaseName(), now, &why);
    if (written.isEmpty()) {
        m_backupWarning = why;
        return;
    }
    if (!detail::exec(q, QStringLiteral("UPDATE config SET last_backup = ?"),
                      {detail::toSecs(now)}))
        m_backupWarning = q.lastError().text();
    backups::rotate(backupDir(), QFileInfo(m_path).completeBaseName(), m_options.keepBackups);
}

QString Collection::backupNow()
{
    if (!isOpen()) {
        fail(QStringLiteral("the collection is not open"));
        return {};
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString why;
    const QString written = backups::write(m_file.database(), backupDir(),
                                           QFileInfo(m_path).completeBaseName(), now, &why);
    if (written.isEmpty()) {
        fail(why);
        return {};
    }
    // The backup is written; failing to note when only means an earlier next one.
    (void)m_file.exec(QStringLiteral("UPDATE config SET last_backup = ?"), {detail::toSecs(now)});
    backups::rotate(backupDir(), QFileInfo(m_path).completeBaseName(), m_options.keepBackups);
    return written;
}

bool Collection::restoreBackup(const QString &backupPath)
{
    // Check the backup before anything moves: a bad backup must not cost
    // the learner the file they have.
    if (m_path.isEmpty())
        return fail(QStringLiteral("open() names the collection to restore before a backup can"));
    if (const Result<void> check = storage::SqliteFile::check(backupPath, fileOptions()); !check)
        return fail(QStringLiteral("%1 cannot be restored: %2").arg(backupPath, check.error()));
    close();
    m_setAside.clear();
    if (QFileInfo::exists(m_path)) {
        QString why;
        m_setAside = backups::moveAside(m_path, QDateTime::currentDateTimeUtc(), &why);
        if (m_setAside.isEmpty())
            return fail(why);
    }
    if (!QFile::copy(backupPath, m_path)) {
        const QString why = QStringLiteral("%1 could not be copied to %2").arg(backupPath, m_path);
        if (!m_setAside.isEmpty()) {
            for (const QString &suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::rename(m_setAside + suffix, m_path + suffix);
            m_setAside.clear();
        }
        return fail(why);
    }
    // A copy keeps the backup's read-only bits, if any; the collection must be writable.
    QFile::setPermissions(m_path,
                          QFile::permissions(m_path) | QFile::WriteOwner | QFile::ReadOwner);
    return open(m_path, m_options);
}

// Settings -----------------------------------------------------------------

srs::SchedulerParams Collection::schedulerParams() const
{
    if (m_params)
        return *m_params;
    srs::SchedulerParams params;
    QSqlQuery q(m_file.database());
    if (isOpen() && q.exec(QStringLiteral("SELECT scheduler, desired_retention FROM config")) &&
        q.next()) {
        const QJsonObject json = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        // The setters check what they store; a hand-edited value that does
        // not parse falls back to the defaults rather than stopping study.
        if (const std::optional<srs::SchedulerParams> stored = srs::paramsFromJson(json, nullptr))
            params = *stored;
        params.requestRetention = q.value(1).toDouble();
        if (!srs::checkParams(params).isEmpty())
            params = srs::SchedulerParams{};
    }
    params.enableFuzz = true;
    m_params = params;
    return params;
}

bool Collection::setSchedulerParams(const QJsonObject &json)
{
    QString why;
    const std::optional<srs::SchedulerParams> params = srs::paramsFromJson(json, &why);
    if (!params)
        return fail(why);
    if (const QString problem = srs::checkParams(*params); !problem.isEmpty())
        return fail(problem);
    // The retention has its own column, so it is kept in one place only.
    QJsonObject stored = json;
    const QJsonValue retention = stored.take(QStringLiteral("request_retention"));
    const Result<void> written = m_file.write([&](const QSqlDatabase &db) -> Result<void> {
        QSqlQuery q(db);
        if (!detail::exec(
                q, QStringLiteral("UPDATE config SET scheduler = ?"),
                {QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact))}))
            return sds::fail(q.lastError().text());
        if (retention.isDouble() &&
            !detail::exec(q, QStringLiteral("UPDATE config SET desired_retention = ?"),
                          {retention.toDouble()}))
            return sds::fail(q.lastError().text());
        return {};
    });
    if (!reported(written))
        return false;
    m_params.reset();
    return true;
}

double Collection::desiredRetention() const
{
    return schedulerParams().requestRetention;
}

bool Collection::setDesiredRetention(double retention)
{
    if (!(retention > 0 && retention < 1))
        return fail(QStringLiteral("the desired retention must be between 0 and 1"));
    // One statement is one transaction in SQLite.
    if (!reported(
            m_file.exec(QStringLiteral("UPDATE config SET desired_retention = ?"), {retention})))
        return false;
    m_params.reset();
    return true;
}

int Collection::newCardsPerDay() const
{
    QSqlQuery q(m_file.database());
    if (isOpen() && q.exec(QStringLiteral("SELECT new_per_day FROM config")) && q.next())
        return q.value(0).toInt();
    return kDefaultNewPerDay;
}

bool Collection::setNewCardsPerDay(int limit)
{
    if (limit < 0)
        return fail(QStringLiteral("the daily limit of new cards cannot be negative"));
    return reported(m_file.exec(QStringLiteral("UPDATE config SET new_per_day = ?"), {limit}));
}

} // namespace sds::cards
