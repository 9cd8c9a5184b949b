#pragma once

#include "core/diagram/diagramdata.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

/**
 * Reading and writing diagrams as JSON (the format is documented in
 * core/diagram/FORMAT.md). Reading never trusts the file: every problem is
 * reported with the node, edge or field it concerns, and a file with errors
 * yields no diagram rather than a half-read one. Keys this version does not
 * know are kept and reported as warnings. Older versions are migrated step
 * by step to the current one; newer versions are refused with a message.
 */
namespace sds::diagram {

inline constexpr int kFormatVersion = 1;
inline constexpr const char *kFormatName = "sdstudio-diagram";

struct LoadResult {
    DiagramData diagram;
    QStringList errors;   ///< the file cannot be used; diagram is empty
    QStringList warnings; ///< usable, but something was odd (unknown keys kept, ...)
    int fileVersion = 0;  ///< the version the file declared
    bool ok() const { return errors.isEmpty(); }
};

LoadResult parseDiagram(const QByteArray &json);
/** Reads @p path; files over 64 MiB are refused before reading. */
LoadResult loadDiagramFile(const QString &path);

QByteArray serializeDiagram(const DiagramData &diagram);
/** Atomic save (QSaveFile): on failure the old file is untouched and @p error says why. */
bool saveDiagramFile(const DiagramData &diagram, const QString &path, QString *error);

} // namespace sds::diagram
