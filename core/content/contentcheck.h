#pragma once

#include "core/content/library.h"

#include <QString>
#include <QStringList>

/**
 * The checks behind `sdstudio-cli content check` and the content tests: the
 * front matter is complete, every anchor (the primer's and the senior topics') is covered exactly
 * once, every `topic:`, `scenario:` and `related` reference resolves, no section is empty, each
 * concept page has its standard parts (opening, how it works, a trade-offs table, when to use it,
 * pitfalls, and a lab call-out when it names a scenario), and each exercise is a statement and
 * steps with exactly one solution each (five steps and a reference design for a design exercise,
 * three for an OOD one). Each problem names the file.
 */
namespace sds::content {

struct CheckInput {
    QStringList anchors; ///< the anchors pages must cover (primer-topics.tsv, senior-topics.tsv)
    QStringList scenarioIds; ///< lab templates that exist
    QStringList deckIds;     ///< flashcard decks that exist
};

/** Problems found, "file.md: message" each; empty when the content is sound. */
QStringList checkContent(const TopicLibrary &library, const CheckInput &input);

/**
 * What the content under @p root (":/content" or a --content-dir) is checked
 * against: the anchors built into the app (the primer's and the senior topics), and the lab
 * templates and decks found under @p root.
 */
CheckInput checkInputFor(const QString &root);

/** The anchor column of an anchor list such as primer-topics.tsv (header line skipped). */
QStringList readAnchors(const QString &tsvPath, QString *error = nullptr);

/** The headings a `topic` page must have, in order. */
QStringList requiredTopicSections();

} // namespace sds::content
