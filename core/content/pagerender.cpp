#include "core/content/pagerender.h"

#include "core/content/codeblocks.h"
#include "core/text/html.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include <md4c-html.h>

namespace sds::content {
namespace {

void appendChunk(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(text, qsizetype(size));
}

// Puts a named anchor in every h2/h3 so the outline can scroll to it, and
// collects the headings on the way.
QString anchorHeadings(const QString &html, QList<Heading> *headings)
{
    static const QRegularExpression h(QStringLiteral("<h([23])>(.*?)</h\\1>"),
                                      QRegularExpression::DotMatchesEverythingOption);
    return text::replaceMatches(html, h, [&](const QRegularExpressionMatch &m) {
        const QString title = text::stripTags(m.captured(2));
        const QString anchor = anchorFor(title);
        if (headings)
            headings->append(Heading{m.captured(1).toInt(), title, anchor});
        return QStringLiteral("<h%1><a name=\"%2\"></a>%3</h%1>")
            .arg(m.captured(1), anchor, m.captured(2));
    });
}

// QTextBrowser draws neither borders nor backgrounds on <blockquote>, but it
// does on table cells, so a call-out is a one-cell table. The same goes for
// code: it ignores padding on <pre>, which left the text against the edges
// of its background, so a code block is a one-cell table too, whose cell
// padding keeps the text off the edges.
QString calloutBoxes(QString html)
{
    html.replace(QStringLiteral("<pre>"),
                 QStringLiteral("<table class=\"code\" width=\"100%\" cellspacing=\"0\" "
                                "cellpadding=\"10\"><tr><td class=\"code\"><pre>"));
    html.replace(QStringLiteral("</pre>"), QStringLiteral("</pre></td></tr></table>"));
    html.replace(QStringLiteral("<blockquote>"),
                 QStringLiteral("<table class=\"callout\" width=\"100%\" cellspacing=\"0\" "
                                "cellpadding=\"10\"><tr><td class=\"callout\">"));
    html.replace(QStringLiteral("</blockquote>"), QStringLiteral("</td></tr></table>"));
    html.replace(QStringLiteral("<table>"),
                 QStringLiteral("<table class=\"grid\" width=\"100%\" cellspacing=\"0\" "
                                "cellpadding=\"6\">"));
    return html;
}

QString sourceLabel(const QString &url)
{
    const QUrl u(url);
    if (!u.isValid() || u.host().isEmpty())
        return url.toHtmlEscaped();
    QString label = u.host();
    if (label.startsWith(QStringLiteral("www.")))
        label = label.mid(4);
    QString rest = u.path();
    if (u.hasFragment())
        rest += u'#' + u.fragment();
    if (rest.size() > 1) {
        if (rest.size() > 60)
            rest = rest.left(57) + QStringLiteral("…");
        label += rest;
    }
    return label.toHtmlEscaped();
}

} // namespace

QString anchorFor(const QString &headingText)
{
    QString a;
    bool dash = false;
    for (const QChar c : headingText.toLower()) {
        if (c.isLetterOrNumber()) {
            if (dash && !a.isEmpty())
                a += u'-';
            a += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    return a;
}

QString markdownToHtml(const QString &markdown)
{
    const QByteArray in = markdown.toUtf8();
    QByteArray out;
    out.reserve(in.size() * 2);
    md_html(in.constData(), MD_SIZE(in.size()), &appendChunk, &out,
            MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
    return highlightCodeBlocks(QString::fromUtf8(out));
}

QList<Heading> outline(const Topic &topic)
{
    QList<Heading> headings;
    anchorHeadings(markdownToHtml(topic.body), &headings);
    if (!topic.sources.isEmpty())
        headings.append(Heading{2, QStringLiteral("Sources"), QStringLiteral("sources")});
    return headings;
}

QString plainText(const QString &markdown)
{
    return text::stripTags(markdownToHtml(markdown));
}

QString renderPage(const Topic &topic, const PageStyle &s)
{
    const QString css =
        QStringLiteral(
            "body { color: %1; font-size: %9pt; }"
            "h1 { font-size: 20pt; font-weight: 600; margin-top: 4px; margin-bottom: 2px; }"
            "h2 { font-size: 14pt; font-weight: 600; margin-top: 18px; margin-bottom: 6px; }"
            "h3 { font-size: 12pt; font-weight: 600; margin-top: 12px; margin-bottom: 4px; }"
            "p, li { line-height: 135%; }"
            "p { margin-top: 4px; margin-bottom: 8px; }"
            "a { color: %3; text-decoration: none; }"
            ".section { color: %2; font-size: %10pt; }"
            "table.grid { border-collapse: collapse; margin-top: 6px; margin-bottom: 10px; }"
            "table.grid td, table.grid th { border: 1px solid %4; padding: 6px; }"
            "table.grid th { background-color: %5; font-weight: 600; text-align: left; }"
            "table.callout { border-collapse: collapse; margin-top: 8px; margin-bottom: 10px; }"
            "td.callout { background-color: %6; border-left: 4px solid %7; }"
            "code { font-family: monospace; background-color: %8; }"
            "table.code { border-collapse: collapse; margin-top: 6px; margin-bottom: 10px; }"
            "td.code { background-color: %8; border: 1px solid %4; }"
            "pre { font-family: monospace; margin: 0px; white-space: pre-wrap; }"
            ".sources { color: %2; }")
            .arg(s.text, s.muted, s.link, s.border, s.tableHeader, s.calloutBackground,
                 s.calloutBorder, s.codeBackground)
            .arg(s.basePointSize)
            .arg(s.basePointSize - 1);

    QString html = QStringLiteral("<html><head><style>%1%2</style></head><body>")
                       .arg(css, codeStyleSheet(s.text));
    html += QStringLiteral("<h1>%1</h1>").arg(topic.title.toHtmlEscaped());
    // Included code is read from beside the page, so --content-dir shows edits.
    const QString pageDir = topic.path.isEmpty() ? QString() : QFileInfo(topic.path).path();
    html +=
        calloutBoxes(anchorHeadings(markdownToHtml(expandIncludes(topic.body, pageDir)), nullptr));
    if (!topic.sources.isEmpty()) {
        html += QStringLiteral("<h2><a name=\"sources\"></a>Sources</h2><ul class=\"sources\">");
        for (const QString &src : topic.sources) {
            html += QStringLiteral("<li><a href=\"%1\">%2</a></li>")
                        .arg(src.toHtmlEscaped(), sourceLabel(src));
        }
        html += QStringLiteral("</ul>");
    }
    html += QStringLiteral("</body></html>");
    return html;
}

} // namespace sds::content
