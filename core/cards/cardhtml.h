#pragma once

#include <QString>
#include <QStringList>

/**
 * Card text made safe to show. Built-in cards are plain text with
 * **bold**, `code`, line breaks and in-app links; imported Anki cards are HTML, often
 * heavy. Either way the result has no scripts, no event handlers, no
 * styles that could hide text, and never loads anything from the network:
 * a remote image becomes a placeholder with its address as a link.
 */
namespace sds::cards {

/**
 * Plain card text to HTML: escaped, with **bold**, `code`, line breaks and
 * links to the app's own places, [text](lab:…), [text](challenge:…) and
 * [text](topic:…); any other link stays text.
 */
QString plainToHtml(const QString &text);

/**
 * Imported HTML with the dangerous or remote parts removed, and inline
 * styles cut down to those that carry meaning (bold, italic, alignment):
 * colours and fonts copied from web pages would be unreadable in the dark
 * theme. Images keep only the names of the collection's media files.
 */
QString sanitizeHtml(const QString &html);

/** The media file names that @p html's images refer to, in order, each once. */
QStringList localImages(const QString &html);

} // namespace sds::cards
