#pragma once

#include "core/diagram/diagramdata.h"

#include <QList>
#include <QString>

/**
 * The lab's templates and reference designs: diagram files in a folder
 * (content/scenarios, built into the app as resources, or a folder given
 * with --content-dir), read once. Each is listed by its file name (the id
 * that `scenario:` links use) with the name and description from the file,
 * in name order, and keeps its parsed diagram, so opening one parses
 * nothing. Files that do not load are left out and named in errors().
 */
namespace sds::diagram {

struct ScenarioEntry {
    QString id;   ///< file name without ".json"
    QString name; ///< from the file, or the id
    QString description;
    QString path;
    DiagramData diagram;
};

class ScenarioLibrary
{
public:
    /** Reads every *.json in @p folder (a missing folder gives an empty library). */
    static ScenarioLibrary load(const QString &folder);

    /** In name order. */
    const QList<ScenarioEntry> &entries() const { return m_entries; }
    /** nullptr when there is no such scenario. */
    const ScenarioEntry *find(const QString &id) const;
    QStringList ids() const;
    /** "file: message" for each file that could not be read. */
    const QStringList &errors() const { return m_errors; }

private:
    QList<ScenarioEntry> m_entries;
    QStringList m_errors;
};

} // namespace sds::diagram
