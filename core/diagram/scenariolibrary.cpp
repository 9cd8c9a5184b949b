#include "core/diagram/scenariolibrary.h"

#include "core/diagram/diagramformat.h"

#include <QDir>

#include <algorithm>

namespace sds::diagram {

ScenarioLibrary ScenarioLibrary::load(const QString &folder)
{
    ScenarioLibrary lib;
    const QDir dir(folder);
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(file);
        LoadResult r = loadDiagramFile(path);
        if (!r.ok()) {
            lib.m_errors.append(QStringLiteral("%1: %2").arg(file, r.errors.value(0)));
            continue;
        }
        ScenarioEntry e;
        e.id = file.chopped(5);
        e.name = r.diagram.name.isEmpty() ? e.id : r.diagram.name;
        e.description = r.diagram.description;
        e.path = path;
        e.diagram = std::move(r.diagram);
        lib.m_entries.append(std::move(e));
    }
    std::stable_sort(
        lib.m_entries.begin(), lib.m_entries.end(),
        [](const ScenarioEntry &a, const ScenarioEntry &b) { return a.name < b.name; });
    return lib;
}

const ScenarioEntry *ScenarioLibrary::find(const QString &id) const
{
    for (const ScenarioEntry &e : m_entries) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

QStringList ScenarioLibrary::ids() const
{
    QStringList out;
    for (const ScenarioEntry &e : m_entries)
        out.append(e.id);
    return out;
}

} // namespace sds::diagram
