#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

// Small pieces the collection's sources share; not part of the public API.
namespace sds::cards::detail {

// BEGIN IMMEDIATE at construction, ROLLBACK at destruction unless commit()
// succeeded: every early return on an error undoes the whole change.
// IMMEDIATE takes the write lock up front, so a second process fails at
// BEGIN (after the busy timeout) rather than half-way through.
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

// Prepares, binds in order and runs @p sql on @p q.
bool exec(QSqlQuery &q, const QString &sql, const QVariantList &binds = {});

// "?, ?, ?" for @p count values.
QString placeholders(int count);

// Whole Unix seconds, or NULL for an invalid time.
QVariant toSecs(const QDateTime &time);
// The inverse: an invalid QDateTime for NULL.
QDateTime fromSecs(const QVariant &value);
QDateTime fromMsecs(qint64 ms);
// @p time cut to the whole second, in UTC.
QDateTime wholeSecond(const QDateTime &time);
// The start of the UTC day after the one @p time falls in.
QDateTime startOfNextUtcDay(const QDateTime &time);

} // namespace sds::cards::detail
