#pragma once

#include "core/storage/sqlitefile.h"

#include <QList>

// The collection's schema as a list of upgrade steps from version 0 (an
// empty file); SCHEMA.md describes the tables. Not part of the public API.
namespace sds::cards::schema {

// PRAGMA application_id of every collection ("SDSC"), so open() can tell
// our files from other SQLite files without trusting table names.
inline constexpr quint32 kApplicationId = 0x53445343;

// The version the last step produces.
int currentVersion();

// The steps from version 0; SqliteFile runs each in its own transaction
// together with its PRAGMA user_version, so a crash between steps leaves a
// file at a version that later opens carry on from.
const QList<storage::Migration> &migrations();

} // namespace sds::cards::schema
