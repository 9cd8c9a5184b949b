#pragma once

#include "core/content/topic.h"

#include <QList>
#include <QString>

/**
 * Turns a topic page into the HTML the reader shows (md4c, GitHub dialect,
 * raw HTML switched off so a page cannot smuggle markup in): a title, the
 * body with anchors on its headings, block quotes as call-out boxes, code in
 * padded boxes, tables with a grid, and the sources listed at the end. The
 * colours come from the caller, so the same page suits the light and the
 * dark theme. Also gives the page's outline and its plain text for the
 * search index.
 */
namespace sds::content {

struct PageStyle {
    QString text = QStringLiteral("#1d2330");
    QString muted = QStringLiteral("#5b6474");
    QString link = QStringLiteral("#2a62c9");
    QString border = QStringLiteral("#c9cfda");
    QString tableHeader = QStringLiteral("#eef1f6");
    QString calloutBackground = QStringLiteral("#eaf1fc");
    QString calloutBorder = QStringLiteral("#2a62c9");
    QString codeBackground = QStringLiteral("#f2f4f7");
    int basePointSize = 11;
};

struct Heading {
    int level = 2; ///< 2 for ##, 3 for ###
    QString text;
    QString anchor; ///< for QTextBrowser::scrollToAnchor
};

/** Markdown to an HTML fragment (no title, no sources); raw HTML is escaped. */
QString markdownToHtml(const QString &markdown);

/** The complete page: style sheet, title, body, sources. */
QString renderPage(const Topic &topic, const PageStyle &style);

/** The `##` and `###` headings of the body, plus "Sources" when there are any. */
QList<Heading> outline(const Topic &topic);

/** The body's words without markup, for full-text search. */
QString plainText(const QString &markdown);

/** "How it works" -> "how-it-works". */
QString anchorFor(const QString &headingText);

} // namespace sds::content
