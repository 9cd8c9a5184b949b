#pragma once

#include <QString>

/**
 * Where the application keeps what the user makes: SQLite files (flashcards,
 * progress, search index) and lab autosaves. By default that is the
 * platform's per-user application data folder; `--data-dir` overrides it.
 * The folder is created when missing and must be writable, so a bad choice is
 * reported once at start-up rather than as a failed save later.
 */
namespace sds {

/** The outcome of choosing the data folder: an absolute path, or why not. */
struct DataLocation {
    QString path;  ///< absolute, existing and writable when ok()
    QString error; ///< what is wrong, for the user, when !ok()
    bool ok() const { return error.isEmpty(); }
};

/** The platform default (QStandardPaths::AppDataLocation), not yet created. */
QString defaultDataDir();

/**
 * Resolves @p requested (empty: the default) to an absolute folder, creating
 * it with its parents if needed, and checks that files can be created in it.
 */
DataLocation resolveDataDir(const QString &requested);

} // namespace sds
