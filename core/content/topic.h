#pragma once

#include <QString>
#include <QStringList>

/**
 * One page of the topic library as written in content/topics/<id>.md or
 * content/exercises/<id>.md: the front matter fields and the Markdown body.
 * `kind` says how strict the content check is and how the reader shows the
 * page: a "topic" page must have the standard sections; an "exercise" or
 * "ood" page is a sequence of steps with hidden solutions (see exercise.h);
 * a "guide", "reference" or "question" page needs only a well-formed body.
 */
namespace sds::content {

struct Topic {
    QString id;
    QString title;
    QString section;
    int order = 0;
    QString kind; ///< "topic", "guide", "reference", "exercise", "ood" or "question"
    QStringList covers;
    QStringList related;
    QString scenario; ///< lab template id, or empty
    QStringList sources;
    /// Questions and other names the page answers, as a learner would type them; search
    /// weighs them next to the title.
    QStringList answers;
    QString body;     ///< Markdown without the front matter
    QString path;     ///< where it was read from
    int bodyLine = 1; ///< line number of the body's first line in the file
};

/** The outcome of parsing one file: a topic, or what is wrong and where. */
struct TopicParse {
    Topic topic;
    QString error; ///< "line N: ..." when !ok()
    bool ok() const { return error.isEmpty(); }
};

/**
 * Parses a page: a front matter block between two "---" lines (keys as
 * `key: value`, lists as `[a, b]` or as following `  - item` lines), then
 * the body. Unknown keys and missing required ones (id, title, section,
 * order, kind) are errors, so a typo cannot silently drop a field.
 */
TopicParse parseTopic(const QString &text, const QString &path = {});

/** Whether the page is worked in steps with hidden solutions (exercise or ood). */
inline bool isStepped(const Topic &topic)
{
    return topic.kind == u"exercise" || topic.kind == u"ood";
}
} // namespace sds::content
