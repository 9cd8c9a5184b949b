#pragma once

#include "core/storage/sqlitefile.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

// Small pieces the collection's sources share; not part of the public API.
namespace sds::cards::detail {

// The statement helpers live with the SQLite file (storage/sqlitefile.h).
using storage::exec;
using storage::placeholders;

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
