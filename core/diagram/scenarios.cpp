#include "core/diagram/scenarios.h"

#include "core/diagram/diagramformat.h"

#include <QDir>

#include <algorithm>

namespace sds::diagram {

QList<ScenarioEntry> scenarioLibrary(const QString &folder)
{
    QList<ScenarioEntry> out;
    const QDir dir(folder);
    for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(file);
        const LoadResult r = loadDiagramFile(path);
        if (!r.ok())
            continue;
        ScenarioEntry e;
        e.id = file.chopped(5);
        e.name = r.diagram.name.isEmpty() ? e.id : r.diagram.name;
        e.description = r.diagram.description;
        e.path = path;
        out.append(e);
    }
    std::sort(out.begin(), out.end(),
              [](const ScenarioEntry &a, const ScenarioEntry &b) { return a.name < b.name; });
    return out;
}

ScenarioEntry findScenario(const QString &folder, const QString &id)
{
    for (const ScenarioEntry &e : scenarioLibrary(folder)) {
        if (e.id == id)
            return e;
    }
    return {};
}

} // namespace sds::diagram
