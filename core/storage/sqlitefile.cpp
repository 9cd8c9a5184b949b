#include "core/storage/sqlitefile.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QStringList>
#include <QtEndian>

namespace sds::storage {
namespace {

QAtomicInt counter;

QString uniqueName(const char *kind)
{
    return QStringLiteral("sds-sqlite-%1-%2")
        .arg(QLatin1StringView(kind))
        .arg(counter.fetchAndAddRelaxed(1));
}

bool isMemory(const QString &path)
{
    return path.isEmpty() || path == u":memory:";
}

constexpr QLatin1StringView kBusyOption("QSQLITE_BUSY_TIMEOUT=");

// The connect options of a connection: its busy timeout, and read-only if asked.
QString connectOptions(int busyTimeoutMs, bool readOnly)
{
    QString o = kBusyOption + QString::number(qMax(0, busyTimeoutMs));
    if (readOnly)
        o += QStringLiteral(";QSQLITE_OPEN_READONLY");
    return o;
}

int busyTimeoutOf(const QSqlDatabase &db)
{
    const QStringList options = db.connectOptions().split(QLatin1Char(';'));
    for (const QString &o : options) {
        if (o.trimmed().startsWith(kBusyOption))
            return o.trimmed().mid(kBusyOption.size()).toInt();
    }
    return 5000; // the Qt driver's own default
}

// SQLITE_BUSY (5) and its extended codes, such as SQLITE_BUSY_SNAPSHOT.
bool isBusy(const QSqlError &e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok && (code & 0xff) == 5;
}

struct Inspection {
    SqliteFile::Problem problem = SqliteFile::Problem::None;
    QString detail;
    int version = 0;
};

// Reads an existing file without writing to it (a read-only connection
// never checkpoints a WAL into the file on close), so a file we refuse stays
// exactly as it was.
Inspection inspect(const QString &path, const SqliteFile::Options &options, bool mustExist)
{
    using Problem = SqliteFile::Problem;
    QFile f(path);
    if (!f.exists() && !mustExist)
        return {};
    if (!f.open(QIODevice::ReadOnly))
        return {Problem::CannotOpen, f.errorString()};
    const QByteArray head = f.read(100);
    f.close();
    if (head.isEmpty() && !mustExist)
        return {}; // SQLite takes an empty file as a new database
    // The application id lives in the header, which the first schema step
    // writes to the main file (it runs before WAL is switched on).
    if (head.size() < 100 || !head.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return {Problem::NotSqlite, QStringLiteral("not an SQLite database")};
    const quint32 id = qFromBigEndian<quint32>(head.constData() + 68);
    if (options.applicationId != 0 && id != options.applicationId &&
        !(id == 0 && options.adoptUnstamped))
        return {Problem::Foreign, QStringLiteral("another kind of database")};

    const QString connection = uniqueName("check");
    Inspection result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(connectOptions(options.busyTimeoutMs, true));
        if (!db.open()) {
            result = {Problem::CannotOpen, db.lastError().text()};
        } else {
            QSqlQuery q(db);
            const int known = int(options.migrations.size());
            if (known > 0) {
                if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
                    result = {Problem::Damaged, q.lastError().text()};
                } else if (result.version = q.value(0).toInt(); result.version > known) {
                    result = {Problem::Newer,
                              QStringLiteral("schema %1, this version reads up to %2")
                                  .arg(result.version)
                                  .arg(known),
                              result.version};
                } else if (result.version == 0) {
                    // Tables without a version were not made by these migrations.
                    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
                        result = {Problem::Damaged, q.lastError().text()};
                    else if (q.value(0).toInt() > 0)
                        result = {Problem::Foreign, QStringLiteral("another kind of database")};
                }
            }
            if (result.problem == Problem::None && options.integrityCheck) {
                if (!q.exec(QStringLiteral("PRAGMA quick_check(5)"))) {
                    result = {Problem::Damaged, q.lastError().text(), result.version};
                } else {
                    QStringList lines;
                    while (q.next())
                        lines.append(q.value(0).toString());
                    if (lines != QStringList{QStringLiteral("ok")})
                        result = {Problem::Damaged, lines.join(QStringLiteral("; ")),
                                  result.version};
                }
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace

Transaction::Transaction(const QSqlDatabase &db)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_begun = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (m_begun)
        return;
    m_error = q.lastError().text();
    if (isBusy(q.lastError())) {
        m_error = QStringLiteral("%1 is in use by another program, which was still writing to "
                                 "it after %2 s; try again once it is done (%3)")
                      .arg(QFileInfo(m_db.databaseName()).fileName(),
                           QString::number(busyTimeoutOf(m_db) / 1000.0), m_error);
    }
}

Transaction::~Transaction()
{
    if (m_begun && !m_done)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

bool Transaction::commit()
{
    if (!m_begun || m_done)
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        m_error = q.lastError().text();
        return false; // the destructor rolls back
    }
    m_done = true;
    return true;
}

bool exec(QSqlQuery &q, const QString &sql, const QVariantList &binds)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return q.exec();
}

QString placeholders(int count)
{
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

SqliteFile::SqliteFile(QString description)
    : m_description(std::move(description))
    , m_connection(uniqueName("file"))
{}

SqliteFile::~SqliteFile()
{
    close();
}

void SqliteFile::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase(); // the last handle, so removing the connection finds it unused
    QSqlDatabase::removeDatabase(m_connection);
}

QString SqliteFile::notOpen() const
{
    return QStringLiteral("%1 is not open").arg(m_description);
}

Result<void> SqliteFile::open(const QString &path, const Options &options)
{
    close();
    m_path = path;
    m_options = options;
    m_problem = Problem::None;
    m_foundVersion = 0;
    m_stamped = true;
    if (!isMemory(path)) {
        const Inspection found = inspect(path, options, false);
        m_foundVersion = found.version;
        if (found.problem != Problem::None) {
            m_problem = found.problem;
            return fail(found.problem == Problem::CannotOpen
                            ? QStringLiteral("%1 cannot be opened: %2").arg(path, found.detail)
                            : found.detail);
        }
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(isMemory(path) ? QStringLiteral(":memory:") : path);
    m_db.setConnectOptions(connectOptions(options.busyTimeoutMs, options.readOnly));
    if (!m_db.open()) {
        const QString why = m_db.lastError().text();
        close();
        m_problem = Problem::CannotOpen;
        return fail(QStringLiteral("%1 cannot be opened: %2").arg(path, why));
    }
    if (options.readOnly)
        return {};
    quint32 id = 0;
    QString why;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            why = q.lastError().text();
        } else {
            m_foundVersion = q.value(0).toInt();
            if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
                why = q.lastError().text();
            else
                id = quint32(q.value(0).toLongLong());
        }
    }
    if (!why.isEmpty()) {
        close();
        m_problem = Problem::Failed;
        return fail(QStringLiteral("%1: %2").arg(path, why));
    }
    m_stamped = options.applicationId == 0 || id == options.applicationId;
    if (const Result<void> set = setUp(); !set) {
        close();
        m_problem = Problem::Failed;
        return fail(QStringLiteral("%1: %2").arg(path, set.error()));
    }
    return {};
}

Result<void> SqliteFile::setUp()
{
    const bool versioned = !m_options.migrations.isEmpty();
    const bool fresh = versioned && m_foundVersion == 0;
    // A new file gets its first schema before WAL is switched on, so the
    // application id is in the main file from the start.
    if (fresh) {
        if (const Result<void> r = migrate(0); !r)
            return r;
    }
    QSqlQuery q(m_db);
    if (m_options.wal && !isMemory(m_path)) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next() ||
            q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
            return fail(QStringLiteral("WAL mode could not be set"));
        q.finish();
        // With WAL, NORMAL loses no committed transaction when the process
        // dies; only a power cut can cost the last few.
        if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
            return fail(q.lastError().text());
    }
    if (m_options.foreignKeys && !q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return fail(q.lastError().text());
    if (versioned && !fresh) {
        if (const Result<void> r = migrate(m_foundVersion); !r)
            return r;
    }
    if (!m_stamped) {
        if (!q.exec(
                QStringLiteral("PRAGMA application_id = %1").arg(qint32(m_options.applicationId))))
            return fail(q.lastError().text());
        m_stamped = true;
    }
    return {};
}

Result<void> SqliteFile::migrate(int from)
{
    for (int v = from; v < int(m_options.migrations.size()); ++v) {
        Transaction t(m_db);
        if (!t.begun())
            return fail(t.error());
        QSqlQuery q(m_db);
        // The id goes in with the first step, so no file ends up with a
        // schema but without the id that marks it as ours.
        if (!m_options.migrations[v](q) ||
            !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1)) ||
            (!m_stamped && !q.exec(QStringLiteral("PRAGMA application_id = %1")
                                       .arg(qint32(m_options.applicationId)))))
            return fail(
                QStringLiteral("upgrading to schema %1: %2").arg(v + 1).arg(q.lastError().text()));
        q.finish();
        if (!t.commit())
            return fail(t.error());
        m_stamped = true;
    }
    return {};
}

Result<void> SqliteFile::exec(const QString &sql, const QVariantList &binds) const
{
    if (!isOpen())
        return fail(notOpen());
    QSqlQuery q(m_db);
    if (!storage::exec(q, sql, binds))
        return fail(q.lastError().text());
    return {};
}

Result<QSqlQuery> SqliteFile::query(const QString &sql, const QVariantList &binds) const
{
    if (!isOpen())
        return fail(notOpen());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!storage::exec(q, sql, binds))
        return fail(q.lastError().text());
    return Result<QSqlQuery>(std::move(q));
}

Result<void> SqliteFile::check(const QString &path, const Options &options)
{
    const Inspection found = inspect(path, options, true);
    if (found.problem != Problem::None)
        return fail(found.detail);
    return {};
}

} // namespace sds::storage
