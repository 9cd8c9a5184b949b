#include "core/content/contentpaths.h"

namespace sds::content {

namespace {
const auto kBuiltIn = QStringLiteral(":/content");
}

ContentPaths::ContentPaths()
    : m_root(kBuiltIn)
{}

ContentPaths::ContentPaths(QString root)
    : m_root(std::move(root))
{}

ContentPaths ContentPaths::forDir(const QString &contentDir)
{
    return contentDir.isEmpty() ? ContentPaths() : ContentPaths(contentDir);
}

QString ContentPaths::topics() const
{
    return m_root + QStringLiteral("/topics");
}

QString ContentPaths::exercises() const
{
    return m_root + QStringLiteral("/exercises");
}

QString ContentPaths::decks() const
{
    return m_root + QStringLiteral("/decks");
}

QString ContentPaths::scenarios() const
{
    return m_root + QStringLiteral("/scenarios");
}

QString ContentPaths::challenges() const
{
    return m_root + QStringLiteral("/challenges");
}

QString ContentPaths::studyPlan() const
{
    return m_root + QStringLiteral("/study-plan.json");
}

} // namespace sds::content
