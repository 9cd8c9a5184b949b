#pragma once

#include <QSqlDatabase>
#include <QString>

// The collection's schema as a list of upgrade steps from version 0 (an
// empty file); SCHEMA.md describes the tables. Not part of the public API.
namespace sds::cards::schema {

// PRAGMA application_id of every collection ("SDSC"), so open() can tell
// our files from other SQLite files without trusting table names.
inline constexpr quint32 kApplicationId = 0x53445343;

// The version the last step produces.
int currentVersion();

// Runs the steps from @p from up to currentVersion(), each in its own
// transaction together with its PRAGMA user_version, so a crash between
// steps leaves a file at a version that later opens carry on from.
bool migrate(const QSqlDatabase &db, int from, QString *error);

} // namespace sds::cards::schema
