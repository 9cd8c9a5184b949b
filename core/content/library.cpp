#include "core/content/library.h"

#include "core/content/contentpaths.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace sds::content {

TopicLibrary TopicLibrary::load(const QString &folder)
{
    TopicLibrary lib;
    lib.readFolder(folder, {});
    lib.sortAndGroup();
    return lib;
}

TopicLibrary TopicLibrary::loadContent(const QString &root)
{
    TopicLibrary lib;
    const ContentPaths paths(root);
    lib.readFolder(paths.topics(), {});
    lib.readFolder(paths.exercises(), QStringLiteral("exercises/"));
    lib.sortAndGroup();
    return lib;
}

void TopicLibrary::readFolder(const QString &folder, const QString &prefix)
{
    const QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        if (name == u"README.md")
            continue;
        const QString label = prefix + name;
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_errors.append(
                QStringLiteral("%1: cannot be read: %2").arg(label, file.errorString()));
            continue;
        }
        TopicParse parsed = parseTopic(QString::fromUtf8(file.readAll()), path);
        if (!parsed.ok()) {
            m_errors.append(QStringLiteral("%1: %2").arg(label, parsed.error));
            continue;
        }
        if (parsed.topic.id + QStringLiteral(".md") != name) {
            m_errors.append(QStringLiteral("%1: id \"%2\" does not match the file name")
                                .arg(label, parsed.topic.id));
            continue;
        }
        if (const Topic *other = find(parsed.topic.id)) {
            m_errors.append(QStringLiteral("%1: id \"%2\" is already used by %3")
                                .arg(label, parsed.topic.id, other->path));
            continue;
        }
        m_topics.append(std::move(parsed.topic));
    }
}

void TopicLibrary::sortAndGroup()
{
    std::stable_sort(m_topics.begin(), m_topics.end(),
                     [](const Topic &a, const Topic &b) { return a.order < b.order; });
    m_sections.clear();
    for (const Topic &t : m_topics) {
        auto it = std::find_if(m_sections.begin(), m_sections.end(),
                               [&](const Section &s) { return s.title == t.section; });
        if (it == m_sections.end()) {
            m_sections.append(Section{t.section, {}});
            it = m_sections.end() - 1;
        }
        it->topicIds.append(t.id);
    }
}

int TopicLibrary::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_topics.size(); ++i) {
        if (m_topics.at(i).id == id)
            return int(i);
    }
    return -1;
}

const Topic *TopicLibrary::find(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_topics.at(i);
}

const Topic *TopicLibrary::previous(const QString &id) const
{
    const int i = indexOf(id);
    return i <= 0 ? nullptr : &m_topics.at(i - 1);
}

const Topic *TopicLibrary::next(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 || i + 1 >= m_topics.size() ? nullptr : &m_topics.at(i + 1);
}

const Topic *TopicLibrary::findByAnchor(const QString &anchor) const
{
    for (const Topic &t : m_topics) {
        if (t.covers.contains(anchor))
            return &t;
    }
    return nullptr;
}

} // namespace sds::content
