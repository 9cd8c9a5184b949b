#include "app/studio/workspace.h"

#include "core/cards/builtindecks.h"

#include <QCoreApplication>
#include <QDir>

namespace sds::gui {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Workspace", text, nullptr, n);
}
} // namespace

Workspace::Workspace(QString dataDir, content::ContentPaths paths)
    : m_dataDir(std::move(dataDir))
    , m_paths(std::move(paths))
    , m_library(content::TopicLibrary::loadContent(m_paths.root()))
    , m_scenarios(diagram::ScenarioLibrary::load(m_paths.scenarios()))
    , m_challenges(challenge::ChallengeLibrary::load(
          m_paths.challenges(), [this](const QString &id) -> const diagram::DiagramData * {
              const diagram::ScenarioEntry *e = m_scenarios.find(id);
              return e ? &e->diagram : nullptr;
          }))
{
    const QDir data(m_dataDir);
    if (!m_progress.open(data.filePath(QStringLiteral("progress.sqlite"))))
        note(Area::Learn,
             tr("Your progress cannot be saved this time: %1").arg(m_progress.error()));
    if (!m_library.errors().isEmpty())
        note(Area::Learn, tr("%n page(s) could not be read: %1", int(m_library.errors().size()))
                              .arg(m_library.errors().join(QStringLiteral("; "))));
    if (m_library.topics().isEmpty())
        note(Area::Learn,
             tr("No topic pages were found in %1.").arg(QDir::toNativeSeparators(m_paths.root())));
    if (!m_search.build(m_library))
        note(Area::Learn, tr("Search is not available: %1").arg(m_search.error()));
    if (!m_scenarios.errors().isEmpty())
        note(Area::Lab,
             tr("%n lab template(s) could not be read: %1", int(m_scenarios.errors().size()))
                 .arg(m_scenarios.errors().join(QStringLiteral("; "))));
    if (!m_challenges.errors().isEmpty())
        note(Area::Lab,
             tr("%n challenge(s) could not be read: %1", int(m_challenges.errors().size()))
                 .arg(m_challenges.errors().join(QStringLiteral("; "))));

    // A collection that does not open is the Review page's to explain (it
    // offers the backups); a failed merge leaves the learner's own cards usable.
    if (m_cards.open(data.filePath(QStringLiteral("cards.sqlite")))) {
        if (const Result<void> merged = mergeBuiltinDecks(); !merged)
            note(Area::Review,
                 tr("The built-in decks could not be merged: %1").arg(merged.error()));
    }
}

Workspace::~Workspace() = default;

QStringList Workspace::problems(Area area) const
{
    QStringList out;
    for (const Problem &p : m_problems) {
        if (p.area == area)
            out.append(p.text);
    }
    return out;
}

Result<void> Workspace::mergeBuiltinDecks()
{
    const cards::BuiltinDecks decks = cards::loadBuiltinDecks(m_paths.decks());
    if (!m_cards.mergeBuiltinDecks(decks))
        return fail(m_cards.error());
    return {};
}

void Workspace::note(Area area, const QString &text)
{
    m_problems.append({area, text});
}

} // namespace sds::gui
