#include "core/cards/backups.h"

#include "core/cards/sqlsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace sds::cards::backups {
namespace {

const QString kStampFormat = QStringLiteral("yyyyMMdd'T'HHmmss.zzz'Z'");

QString stamp(const QDateTime &time)
{
    return time.toUTC().toString(kStampFormat);
}

QString backupName(const QString &base, const QDateTime &time)
{
    return QStringLiteral("%1-%2.sqlite").arg(base, stamp(time));
}

} // namespace

QList<BackupInfo> list(const QString &dir, const QString &base)
{
    const QRegularExpression name(QStringLiteral("^%1-(\\d{8}T\\d{6}\\.\\d{3})Z\\.sqlite$")
                                      .arg(QRegularExpression::escape(base)));
    QList<BackupInfo> out;
    const QDir d(dir);
    for (const QString &file : d.entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch m = name.match(file);
        if (!m.hasMatch())
            continue;
        const QDateTime local =
            QDateTime::fromString(m.captured(1), QStringLiteral("yyyyMMdd'T'HHmmss.zzz"));
        out.append({d.filePath(file), QDateTime(local.date(), local.time(), Qt::UTC)});
    }
    std::sort(out.begin(), out.end(),
              [](const BackupInfo &a, const BackupInfo &b) { return a.time > b.time; });
    return out;
}

QString write(const QSqlDatabase &db, const QString &dir, const QString &base,
              const QDateTime &time, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create the backup folder %1").arg(dir);
        return {};
    }
    // Two backups within the same millisecond must not collide; moving the
    // later one on by a millisecond keeps names unique and in order.
    QDateTime at = time.toUTC();
    QString target = QDir(dir).filePath(backupName(base, at));
    while (QFileInfo::exists(target)) {
        at = at.addMSecs(1);
        target = QDir(dir).filePath(backupName(base, at));
    }
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial); // left by a crash during an earlier backup
    QSqlQuery q(db);
    if (!detail::exec(q, QStringLiteral("VACUUM INTO ?"), {partial})) {
        *error = QStringLiteral("backup to %1 failed: %2").arg(target, q.lastError().text());
        QFile::remove(partial);
        return {};
    }
    if (!QFile::rename(partial, target)) {
        *error = QStringLiteral("backup could not be renamed to %1").arg(target);
        QFile::remove(partial);
        return {};
    }
    return target;
}

void rotate(const QString &dir, const QString &base, int keep)
{
    const QList<BackupInfo> all = list(dir, base);
    for (qsizetype i = std::max(keep, 0); i < all.size(); ++i)
        QFile::remove(all[i].path);
}

QString moveAside(const QString &path, const QDateTime &time, QString *error)
{
    const QFileInfo info(path);
    const QString stem = info.completeBaseName();
    QDateTime at = time.toUTC();
    QString aside;
    // Free for the main file and both companions, so nothing is overwritten.
    const auto taken = [](const QString &p) {
        return QFileInfo::exists(p) || QFileInfo::exists(p + QStringLiteral("-wal")) ||
               QFileInfo::exists(p + QStringLiteral("-shm"));
    };
    do {
        aside =
            info.dir().filePath(QStringLiteral("%1-before-restore-%2.sqlite").arg(stem, stamp(at)));
        at = at.addMSecs(1);
    } while (taken(aside));

    // A stale WAL beside the restored file would be replayed into it, so
    // the three files move together or not at all.
    QList<std::pair<QString, QString>> moved;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QString from = path + suffix;
        if (!suffix.isEmpty() && !QFileInfo::exists(from))
            continue;
        if (!QFile::rename(from, aside + suffix)) {
            for (const auto &[original, now] : moved)
                QFile::rename(now, original);
            *error = QStringLiteral("%1 could not be moved aside to %2").arg(from, aside + suffix);
            return {};
        }
        moved.append({from, aside + suffix});
    }
    return aside;
}

} // namespace sds::cards::backups
