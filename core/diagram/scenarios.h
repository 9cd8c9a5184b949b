#pragma once

#include <QList>
#include <QString>

/**
 * The lab's templates and reference designs: diagram files in a folder
 * (content/scenarios, built into the app as resources, or a folder given
 * with --content-dir). Each is listed by its file name (the id that
 * `scenario:` links use) with the name and description from the file, in
 * name order. Files that do not load are left out of the list.
 */
namespace sds::diagram {

struct ScenarioEntry {
    QString id;   ///< file name without ".json"
    QString name; ///< from the file, or the id
    QString description;
    QString path;
};

QList<ScenarioEntry> scenarioLibrary(const QString &folder);
/** The scenario with @p id in @p folder, or an entry with an empty path. */
ScenarioEntry findScenario(const QString &folder, const QString &id);

} // namespace sds::diagram
