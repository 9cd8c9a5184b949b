#pragma once

#include "core/cards/collection.h"
#include "core/challenge/challengelibrary.h"
#include "core/content/contentpaths.h"
#include "core/content/library.h"
#include "core/content/searchindex.h"
#include "core/diagram/scenariolibrary.h"
#include "core/result.h"
#include "core/study/progressstore.h"

#include <QList>
#include <QString>

namespace sds::gui {

// The composition root: everything the pages read and write, opened once,
// before any page exists. It owns the content (topic library, search index,
// scenario library, the challenges, all read from one ContentPaths) and the learner's stores
// (progress.sqlite and cards.sqlite in the data folder). Nothing here fails
// loudly: what went wrong is collected in problems() for the window to show
// once it is up, so no message is emitted before anyone listens. Pages take
// it by reference; tests build their own on a temporary data folder.
class Workspace final
{
public:
    // Which part of the window should show a problem.
    enum class Area { Learn, Lab, Review };
    struct Problem {
        Area area;
        QString text;
    };

    // @p dataDir exists and is writable (see resolveDataDir).
    explicit Workspace(QString dataDir, content::ContentPaths paths = {});
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    const QString &dataDir() const { return m_dataDir; }
    const content::ContentPaths &paths() const { return m_paths; }
    const content::TopicLibrary &library() const { return m_library; }
    const content::SearchIndex &search() const { return m_search; }
    const diagram::ScenarioLibrary &scenarios() const { return m_scenarios; }
    const challenge::ChallengeLibrary &challenges() const { return m_challenges; }
    study::ProgressStore &progress() { return m_progress; }
    cards::Collection &cards() { return m_cards; }

    const QList<Problem> &problems() const { return m_problems; }
    QStringList problems(Area area) const;

    // Merges the built-in decks into the collection (at start, and again
    // after a backup was restored).
    Result<void> mergeBuiltinDecks();

private:
    void note(Area area, const QString &text);

    QString m_dataDir;
    content::ContentPaths m_paths;
    content::TopicLibrary m_library;
    content::SearchIndex m_search;
    diagram::ScenarioLibrary m_scenarios;
    challenge::ChallengeLibrary m_challenges; // after m_scenarios: references may name one
    study::ProgressStore m_progress;
    cards::Collection m_cards;
    QList<Problem> m_problems;
};

} // namespace sds::gui
