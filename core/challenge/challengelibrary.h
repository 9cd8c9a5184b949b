#pragma once

#include "core/challenge/challenge.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * The challenges in a folder (content/challenges, built into the app, or a
 * folder given with --content-dir), read once and kept in campaign order:
 * by `order`, then id. References written as "scenario:ID" are resolved
 * against the lab's scenarios, which the caller passes in. Files that do not
 * load are left out and named in errors(), so one bad file does not hide the
 * rest.
 */
namespace sds::challenge {

class ChallengeLibrary
{
public:
    using ScenarioLookup = std::function<const diagram::DiagramData *(const QString &)>;

    static ChallengeLibrary load(const QString &folder, const ScenarioLookup &scenario = {});

    const QList<Challenge> &entries() const { return m_entries; }
    /** nullptr when there is no such challenge. */
    const Challenge *find(const QString &id) const;
    /** "file: message" for each file that could not be read. */
    const QStringList &errors() const { return m_errors; }

private:
    QList<Challenge> m_entries;
    QStringList m_errors;
};

} // namespace sds::challenge
