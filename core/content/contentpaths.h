#pragma once

#include <QString>

/**
 * Where each kind of content lives: the topic pages, the exercises, the
 * built-in decks, the lab's scenarios, the challenges and the study plan, under one root
 * (":/content", built into the binary, or a folder given with
 * --content-dir). The layout is written here once, so no caller
 * concatenates folder names of its own.
 */
namespace sds::content {

class ContentPaths
{
public:
    /** The content built into the binary. */
    ContentPaths();
    /** @p root may be a folder or a resource path such as ":/content". */
    explicit ContentPaths(QString root);
    /** The built-in content when @p contentDir is empty, else that folder. */
    static ContentPaths forDir(const QString &contentDir);

    const QString &root() const { return m_root; }
    QString topics() const;
    QString exercises() const;
    QString decks() const;
    QString scenarios() const;
    QString challenges() const;
    QString studyPlan() const;

    friend bool operator==(const ContentPaths &, const ContentPaths &) = default;

private:
    QString m_root;
};

} // namespace sds::content
