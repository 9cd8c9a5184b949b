#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

/**
 * Saving a file so that a reader, and the user after a crash or a full
 * disk, finds either the old file or the whole new one. The bytes go to a
 * temporary file beside the target (QSaveFile), unbuffered, so a write the
 * disk cuts short (full, over quota) shows in its count: Qt reports such a
 * short write, buffered or at the final flush, with no error of its own, and
 * committing it would put a cut-off file in place of the old one.
 */
namespace sds {

/** Writes @p bytes to @p path atomically; the message names the path and why not. */
Result<void> writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace sds
