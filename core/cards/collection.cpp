#include "core/cards/collection.h"

#include "core/cards/backups.h"
#include "core/cards/schema.h"
#include "core/cards/sqlsupport.h"
#include "core/srs/srsjson.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

namespace sds::cards {
namespace {

QAtomicInt counter;
constexpr qint64 kBackupEverySecs = 24 * 60 * 60;

struct FileCheck {
    OpenProblem problem = OpenProblem::None;
    QString detail;
};

// Reads an existing file without writing to it (a read-only connection
// never checkpoints a WAL into the file on close), so a file we refuse stays
// exactly as it was.
FileCheck checkFile(const QString &path, const QString &connection)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {OpenProblem::CannotOpen, f.errorString()};
    const QByteArray head = f.read(100);
    f.close();
    // The application id lives in the header, which every schema step leaves
    // in the main file (the first one runs before WAL is switched on).
    if (head.size() < 100 || !head.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return {OpenProblem::NotACollection, QStringLiteral("not an SQLite database")};
    if (qFromBigEndian<quint32>(head.constData() + 68) != schema::kApplicationId)
        return {OpenProblem::NotACollection, QStringLiteral("another kind of database")};

    FileCheck result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            result = {OpenProblem::CannotOpen, db.lastError().text()};
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
                result = {OpenProblem::Damaged, q.lastError().text()};
            } else if (const int version = q.value(0).toInt(); version > schema::currentVersion()) {
                result = {OpenProblem::NewerVersion, QString::number(version)};
            } else if (!q.exec(QStringLiteral("PRAGMA quick_check(5)"))) {
                result = {OpenProblem::Damaged, q.lastError().text()};
            } else {
                QStringList lines;
                while (q.next())
                    lines.append(q.value(0).toString());
                if (lines != QStringList{QStringLiteral("ok")})
                    result = {OpenProblem::Damaged, lines.join(QStringLiteral("; "))};
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace

Collection::Collection()
    : m_connection(QStringLiteral("sds-cards-%1").arg(counter.fetchAndAddRelaxed(1)))
{}

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
    const bool fresh = !info.exists() || info.size() == 0;
    if (!fresh && !checkExisting(m_path))
        return false;
    if (!openWritable(fresh)) {
        close();
        m_problem = OpenProblem::CannotOpen;
        return false;
    }
    m_open = true;
    if (options.autoBackup)
        autoBackup(options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc());
    return true;
}

bool Collection::checkExisting(const QString &path)
{
    const FileCheck check = checkFile(path, m_connection + QStringLiteral("-check"));
    m_problem = check.problem;
    const QString name = QFileInfo(path).fileName();
    switch (check.problem) {
    case OpenProblem::None:
        return true;
    case OpenProblem::CannotOpen:
        return fail(QStringLiteral("%1 cannot be opened: %2").arg(path, check.detail));
    case OpenProblem::NotACollection:
        return fail(QStringLiteral("%1 is not a flashcard collection (%2); it was left as it is.")
                        .arg(name, check.detail));
    case OpenProblem::NewerVersion:
        return fail(QStringLiteral("%1 was written by a newer version of the app (schema %2, this "
                                   "version reads up to %3); it was left as it is.")
                        .arg(name, check.detail)
                        .arg(schema::currentVersion()));
    case OpenProblem::Damaged:
        break;
    }
    QString message =
        QStringLiteral("%1 is damaged (%2); it was left as it is.").arg(name, check.detail);
    const QList<BackupInfo> saved = backups();
    if (saved.isEmpty()) {
        message += QStringLiteral(" There is no backup of it in %1.").arg(backupDir());
    } else {
        message += QStringLiteral(" Backups that can replace it, newest first:");
        for (const BackupInfo &b : saved)
            message += QStringLiteral("\n  %1 (%2)").arg(b.path, srs::isoUtc(b.time));
    }
    return fail(message);
}

bool Collection::openWritable(bool fresh)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open())
        return fail(QStringLiteral("%1 cannot be opened: %2").arg(m_path, db.lastError().text()));
    QSqlQuery q(db);
    int version = 0;
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        version = q.value(0).toInt();
    QString why;
    // A new file gets its first schema before WAL is switched on, so the
    // application id is in the main file from the start.
    if (fresh && version == 0 && !schema::migrate(db, 0, &why))
        return fail(QStringLiteral("%1: %2").arg(m_path, why));
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next() ||
        q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return fail(QStringLiteral("%1: WAL mode could not be set").arg(m_path));
    q.finish();
    // With WAL, NORMAL loses no committed transaction when the process
    // dies; only a power cut can cost the last few.
    if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")) ||
        !q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return fail(QStringLiteral("%1: %2").arg(m_path, q.lastError().text()));
    if (!fresh && !schema::migrate(db, version, &why))
        return fail(QStringLiteral("%1: %2").arg(m_path, why));
    return true;
}

void Collection::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_open = false;
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
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
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
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QString written =
        backups::write(db, backupDir(), QFileInfo(m_path).completeBaseName(), now, &why);
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
    if (!m_open) {
        fail(QStringLiteral("the collection is not open"));
        return {};
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString why;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QString written =
        backups::write(db, backupDir(), QFileInfo(m_path).completeBaseName(), now, &why);
    if (written.isEmpty()) {
        fail(why);
        return {};
    }
    QSqlQuery q(db);
    detail::exec(q, QStringLiteral("UPDATE config SET last_backup = ?"), {detail::toSecs(now)});
    backups::rotate(backupDir(), QFileInfo(m_path).completeBaseName(), m_options.keepBackups);
    return written;
}

bool Collection::restoreBackup(const QString &backupPath)
{
    // Check the backup before anything moves: a bad backup must not cost
    // the learner the file they have.
    if (m_path.isEmpty())
        return fail(QStringLiteral("open() names the collection to restore before a backup can"));
    const FileCheck check = checkFile(backupPath, m_connection + QStringLiteral("-backup"));
    if (check.problem != OpenProblem::None)
        return fail(QStringLiteral("%1 cannot be restored: %2").arg(backupPath, check.detail));
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
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (m_open && q.exec(QStringLiteral("SELECT scheduler, desired_retention FROM config")) &&
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
    if (!m_open)
        return fail(QStringLiteral("the collection is not open"));
    QString why;
    const std::optional<srs::SchedulerParams> params = srs::paramsFromJson(json, &why);
    if (!params)
        return fail(why);
    if (const QString problem = srs::checkParams(*params); !problem.isEmpty())
        return fail(problem);
    // The retention has its own column, so it is kept in one place only.
    QJsonObject stored = json;
    const QJsonValue retention = stored.take(QStringLiteral("request_retention"));
    detail::Transaction t(QSqlDatabase::database(m_connection, false));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!t.begun())
        return fail(t.error());
    if (!detail::exec(q, QStringLiteral("UPDATE config SET scheduler = ?"),
                      {QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact))}))
        return fail(q.lastError().text());
    if (retention.isDouble() &&
        !detail::exec(q, QStringLiteral("UPDATE config SET desired_retention = ?"),
                      {retention.toDouble()}))
        return fail(q.lastError().text());
    if (!t.commit())
        return fail(t.error());
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
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!m_open ||
        !detail::exec(q, QStringLiteral("UPDATE config SET desired_retention = ?"), {retention}))
        return fail(m_open ? q.lastError().text() : QStringLiteral("the collection is not open"));
    m_params.reset();
    return true;
}

int Collection::newCardsPerDay() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (m_open && q.exec(QStringLiteral("SELECT new_per_day FROM config")) && q.next())
        return q.value(0).toInt();
    return kDefaultNewPerDay;
}

bool Collection::setNewCardsPerDay(int limit)
{
    if (limit < 0)
        return fail(QStringLiteral("the daily limit of new cards cannot be negative"));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!m_open || !detail::exec(q, QStringLiteral("UPDATE config SET new_per_day = ?"), {limit}))
        return fail(m_open ? q.lastError().text() : QStringLiteral("the collection is not open"));
    return true;
}

} // namespace sds::cards
