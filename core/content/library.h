#pragma once

#include "core/content/topic.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * The topic library: every page of content/topics and content/exercises
 * (built into the binary as resources, or a folder given with
 * --content-dir), in reading order, with its sections. Pages that do not
 * parse are left out and reported in errors(), so one broken file costs one
 * page, not the reader.
 */
namespace sds::content {

struct Section {
    QString title;
    QStringList topicIds; ///< in reading order
};

class TopicLibrary
{
public:
    /** Reads every *.md in @p folder except README.md. */
    static TopicLibrary load(const QString &folder);
    /**
     * Reads <root>/topics and <root>/exercises (which may be missing) into one
     * library; errors in the exercises name the file as "exercises/<file>",
     * and an id used in both folders is an error.
     */
    static TopicLibrary loadContent(const QString &root);

    const QList<Topic> &topics() const { return m_topics; }
    const QList<Section> &sections() const { return m_sections; }
    /** "file: line N: message" for each page that could not be read. */
    const QStringList &errors() const { return m_errors; }

    /** nullptr when there is no such page. */
    const Topic *find(const QString &id) const;
    /** The page before/after @p id in reading order, or nullptr. */
    const Topic *previous(const QString &id) const;
    const Topic *next(const QString &id) const;
    int indexOf(const QString &id) const;
    /** The page whose `covers` lists the primer anchor, or nullptr. */
    const Topic *findByAnchor(const QString &anchor) const;

private:
    void readFolder(const QString &folder, const QString &prefix);
    void sortAndGroup();

    QList<Topic> m_topics;
    QList<Section> m_sections;
    QStringList m_errors;
};

} // namespace sds::content
