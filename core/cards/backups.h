#pragma once

#include "core/cards/collection.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

// Backup files of a collection: named after the collection and the UTC time
// ("cards-20240501T093000.123Z.sqlite"), so they sort by age and a folder
// can hold the backups of several files. Not part of the public API.
namespace sds::cards::backups {

// Newest first; only files named as write() names them.
QList<BackupInfo> list(const QString &dir, const QString &base);

// Copies the open database into @p dir with VACUUM INTO, through a
// ".partial" name so a crash never leaves a half-written file that looks
// like a backup. Returns the path, or empty with @p error set.
QString write(const QSqlDatabase &db, const QString &dir, const QString &base,
              const QDateTime &time, QString *error);

// Deletes the oldest backups beyond @p keep.
void rotate(const QString &dir, const QString &base, int keep);

// Renames @p path, and its -wal and -shm files when present, to
// "<base>-before-restore-<time>.sqlite" beside it (never over an existing
// file), so the set can still be opened together. The new path, or empty.
QString moveAside(const QString &path, const QDateTime &time, QString *error);

} // namespace sds::cards::backups
