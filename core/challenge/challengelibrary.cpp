#include "core/challenge/challengelibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace sds::challenge {

namespace {
constexpr qint64 kMaxFileBytes = 8 * 1024 * 1024; // a challenge is a few KiB; refuse the absurd
}

ChallengeLibrary ChallengeLibrary::load(const QString &folder, const ScenarioLookup &scenario)
{
    ChallengeLibrary library;
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (file.size() > kMaxFileBytes) {
            library.m_errors.append(name + QStringLiteral(": larger than 8 MiB"));
            continue;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            library.m_errors.append(name + QStringLiteral(": ") + file.errorString());
            continue;
        }
        auto parsed = parseChallenge(file.readAll(), scenario);
        if (!parsed) {
            library.m_errors.append(name + QStringLiteral(": ") + parsed.error());
            continue;
        }
        if (parsed->id + QStringLiteral(".json") != name) {
            library.m_errors.append(
                name + QStringLiteral(": the id \"%1\" must match the file name").arg(parsed->id));
            continue;
        }
        library.m_entries.append(std::move(parsed.value()));
    }
    std::stable_sort(library.m_entries.begin(), library.m_entries.end(),
                     [](const Challenge &a, const Challenge &b) {
                         return a.order != b.order ? a.order < b.order : a.id < b.id;
                     });
    return library;
}

const Challenge *ChallengeLibrary::find(const QString &id) const
{
    for (const Challenge &c : m_entries) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

} // namespace sds::challenge
