#include "core/datalocation.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

namespace sds {

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

DataLocation resolveDataDir(const QString &requested)
{
    const QString chosen = requested.isEmpty() ? defaultDataDir() : requested;
    if (chosen.isEmpty())
        return {{}, QStringLiteral("no data folder could be determined; pass --data-dir DIR")};

    const QString path = QFileInfo(chosen).absoluteFilePath();
    const QFileInfo info(path);
    if (info.exists() && !info.isDir())
        return {path, QStringLiteral("data folder %1 exists but is not a folder").arg(path)};
    if (!QDir().mkpath(path))
        return {path, QStringLiteral("cannot create data folder %1").arg(path)};

    // Permission bits do not tell the whole story (read-only mounts, ACLs):
    // try to create a file, which is what later saves will do.
    QTemporaryFile probe(path + QStringLiteral("/.write-test-XXXXXX"));
    if (!probe.open())
        return {path, QStringLiteral("data folder %1 is not writable").arg(path)};
    return {QDir::cleanPath(path), {}};
}

} // namespace sds
