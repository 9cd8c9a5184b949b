#pragma once

#include "core/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <type_traits>
#include <utility>

/**
 * One SQLite file as the stores in core use it. SqliteFile owns a single
 * QSqlDatabase connection under a name no other object shares, removed when
 * it closes, so any number of them (on one path or many) live side by side.
 * open() reads an existing file first without writing to it and refuses one
 * that is not SQLite, carries another application_id, has tables but no
 * schema version, was written by a newer schema or fails PRAGMA quick_check,
 * leaving it byte for byte as it was. Then it upgrades the schema step by
 * step (each step in its own transaction with its PRAGMA user_version, the
 * first ones before WAL is switched on so a new file's header holds the
 * application id from the start) and sets WAL with synchronous=NORMAL and
 * foreign keys as asked. ":memory:" opens a private in-memory database.
 * A write waits up to busyTimeoutMs for one in another connection.
 * Transaction is BEGIN IMMEDIATE with rollback on destruction unless
 * committed, and write() wraps a change in one: the store's open check, the
 * transaction and the commit, written once.
 */
namespace sds::storage {

/**
 * Step i of a schema: turns user_version i into i + 1 inside the
 * transaction open() gives it. Returns false with the reason in @p query's
 * lastError(). A step never changes once released.
 */
using Migration = std::function<bool(QSqlQuery &query)>;

// BEGIN IMMEDIATE at construction, ROLLBACK at destruction unless commit()
// succeeded: every early return on an error undoes the whole change.
// IMMEDIATE takes the write lock up front, so a second process waits at
// BEGIN (up to the busy timeout, then fails saying the file is in use)
// rather than failing half-way through.
class Transaction
{
public:
    explicit Transaction(const QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool begun() const { return m_begun; }
    bool commit();
    QString error() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
    bool m_begun = false;
    bool m_done = false;
};

/** Prepares, binds in order and runs @p sql on @p q; the error is q.lastError(). */
bool exec(QSqlQuery &q, const QString &sql, const QVariantList &binds = {});

/** "?, ?, ?" for @p count values. */
QString placeholders(int count);

/** How SqliteFile::open() takes a file. */
struct SqliteOptions {
    /** PRAGMA application_id that marks the files; 0: any file, none written. */
    quint32 applicationId = 0;
    /**
     * Also take a file without an application id (0) that has a schema
     * version, and give it the id: for files written before there was one.
     */
    bool adoptUnstamped = false;
    /**
     * The schema; their number is the version a file ends at. Empty: the
     * file has no versioned schema, and user_version is neither checked
     * nor written.
     */
    QList<Migration> migrations;
    bool wal = true;
    bool foreignKeys = false;
    /** PRAGMA quick_check an existing file before it is opened for writing. */
    bool integrityCheck = false;
    /** Nothing is written: no migrations, journal mode or id. */
    bool readOnly = false;
    /**
     * How long a statement waits for another connection (another process
     * with the same file, say) to finish its write before it gives up; a
     * transaction that could not begin in that time fails with a message
     * that says the file is in use. 0 gives up at once.
     */
    int busyTimeoutMs = 5000;
};

class SqliteFile
{
public:
    /** Why open() failed; None after a successful open. */
    enum class Problem {
        None,
        CannotOpen, ///< the file (or a connection to it) cannot be opened
        NotSqlite,  ///< not an SQLite database at all
        Foreign,    ///< SQLite, but not ours: another application id, or tables without a version
        Newer,      ///< a newer schema than the migrations know
        Damaged,    ///< fails PRAGMA quick_check, or its version cannot be read
        Failed,     ///< ours, but upgrading it or setting it up failed
    };

    using Options = SqliteOptions;

    /** @p description names the file in messages: "<description> is not open". */
    explicit SqliteFile(QString description = QStringLiteral("the database"));
    ~SqliteFile();
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    /**
     * Closes any file open here, then opens or creates @p path. On failure
     * problem() says why and the error is a short reason for a refusal
     * ("another kind of database"), for the caller to put in its own
     * sentence, or a whole message naming the file for Problem::Failed and
     * Problem::CannotOpen.
     */
    Result<void> open(const QString &path, const Options &options = {});
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    Problem problem() const { return m_problem; }
    /** The file's user_version when open() read it, before any upgrade; 0 for a new file. */
    int foundVersion() const { return m_foundVersion; }
    /** The connection, invalid when closed; valid until close(). */
    const QSqlDatabase &database() const { return m_db; }
    QString connectionName() const { return m_connection; }

    /** Runs one statement on its own. */
    Result<void> exec(const QString &sql, const QVariantList &binds = {}) const;
    /** Runs @p sql and returns the query, positioned before its first row. */
    Result<QSqlQuery> query(const QString &sql, const QVariantList &binds = {}) const;

    /**
     * Runs @p body(database()) in one transaction: not open or BEGIN failing
     * gives a failure without calling it; a failure from the body rolls
     * back; success commits. The body returns a Result, which write()
     * returns.
     */
    template <typename Body>
    auto write(Body &&body) -> std::invoke_result_t<Body &, const QSqlDatabase &>;

    /**
     * Reads @p path without writing to it and says whether open() with
     * @p options would take it as an existing file (a missing or empty one
     * fails): for a backup before it is restored.
     */
    static Result<void> check(const QString &path, const Options &options);

private:
    QString notOpen() const;
    Result<void> setUp();
    Result<void> migrate(int from);

    QString m_description;
    QString m_connection;
    QString m_path;
    Options m_options;
    QSqlDatabase m_db;
    Problem m_problem = Problem::None;
    int m_foundVersion = 0;
    bool m_stamped = true; // the file carries m_options.applicationId
};

namespace detail {
template <typename T> inline constexpr bool isResult = false;
template <typename T> inline constexpr bool isResult<Result<T>> = true;
} // namespace detail

template <typename Body>
auto SqliteFile::write(Body &&body) -> std::invoke_result_t<Body &, const QSqlDatabase &>
{
    using R = std::invoke_result_t<Body &, const QSqlDatabase &>;
    static_assert(detail::isResult<R>, "write()'s body returns a Result");
    if (!isOpen())
        return R::failure(notOpen());
    Transaction t(m_db);
    if (!t.begun())
        return R::failure(t.error());
    R result = body(std::as_const(m_db));
    if (result && !t.commit())
        return R::failure(t.error());
    return result;
}

} // namespace sds::storage
