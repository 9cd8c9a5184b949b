#include "core/cards/sqlsupport.h"

namespace sds::cards::detail {

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
