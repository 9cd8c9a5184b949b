#pragma once

#include <QCryptographicHash>
#include <QFile>

// A file's SHA-256, or empty when it cannot be read: tests compare it before
// and after an operation to prove that a refused file was left as it was.
inline QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
