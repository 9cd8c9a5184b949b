#include "core/atomicwrite.h"

#include <QDir>
#include <QSaveFile>

namespace sds {

Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(QStringLiteral("cannot write %1: %2").arg(shown, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return fail(QStringLiteral("cannot write %1: only part of it could be written (is the "
                                   "disk full?)")
                        .arg(shown));
    }
    if (!file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(shown, file.errorString()));
    return {};
}

} // namespace sds
