#include "core/content/library.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace sds::content {

TopicLibrary TopicLibrary::load(const QString &folder)
{
    TopicLibrary lib;
    const QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        if (name == u"README.md")
            continue;
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            lib.m_errors.append(
                QStringLiteral("%1: cannot be read: %2").arg(name, file.errorString()));
            continue;
        }
        TopicParse parsed = parseTopic(QString::fromUtf8(file.readAll()), path);
        if (!parsed.ok()) {
            lib.m_errors.append(QStringLiteral("%1: %2").arg(name, parsed.error));
            continue;
        }
        if (parsed.topic.id + QStringLiteral(".md") != name) {
            lib.m_errors.append(QStringLiteral("%1: id \"%2\" does not match the file name")
                                    .arg(name, parsed.topic.id));
            continue;
        }
        lib.m_topics.append(std::move(parsed.topic));
    }
    std::stable_sort(lib.m_topics.begin(), lib.m_topics.end(),
                     [](const Topic &a, const Topic &b) { return a.order < b.order; });
    for (const Topic &t : lib.m_topics) {
        auto it = std::find_if(lib.m_sections.begin(), lib.m_sections.end(),
                               [&](const Section &s) { return s.title == t.section; });
        if (it == lib.m_sections.end()) {
            lib.m_sections.append(Section{t.section, {}});
            it = lib.m_sections.end() - 1;
        }
        it->topicIds.append(t.id);
    }
    return lib;
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

QString contentRoot(const QString &contentDir)
{
    return contentDir.isEmpty() ? QStringLiteral(":/content") : contentDir;
}

} // namespace sds::content
