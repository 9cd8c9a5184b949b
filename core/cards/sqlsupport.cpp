#include "core/cards/sqlsupport.h"

#include <QSqlError>
#include <QStringList>

namespace sds::cards::detail {

Transaction::Transaction(const QSqlDatabase &db)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_begun = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_begun)
        m_error = q.lastError().text();
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

QVariant toSecs(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromSecs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QDateTime fromMsecs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QDateTime wholeSecond(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

QDateTime startOfNextUtcDay(const QDateTime &time)
{
    return QDateTime(time.toUTC().date().addDays(1), QTime(0, 0), Qt::UTC);
}

} // namespace sds::cards::detail
