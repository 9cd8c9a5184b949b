#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringView>

/**
 * Small text helpers for the HTML that core makes and reads: md4c's output
 * for the reader (pagerender.cpp, codeblocks.cpp) and imported card HTML
 * (cardhtml.cpp). decodeEntities() undoes md4c's escaping, stripTags() turns
 * a fragment into one line of plain text, and replaceMatches() is the
 * rewrite loop "copy the text between the matches, replace each match by
 * what a function makes of it" that QString::replace() cannot do when the
 * replacement needs code. The first two undo only what md4c writes and are
 * no HTML parser: other entities (&nbsp;, &#x41;) are left as they are.
 */
namespace sds::text {

/**
 * The five entities md4c writes (&lt; &gt; &quot; &#39; &amp;) turned back
 * into characters; &amp; last, so "&amp;lt;" becomes "&lt;" and not "<".
 */
QString decodeEntities(QString html);

/**
 * @p html as plain text: every tag becomes a space (so "a<br>b" reads
 * "a b"), the entities decodeEntities() knows are decoded, and runs of white
 * space fold into one, trimmed at both ends.
 */
QString stripTags(const QString &html);

/**
 * @p text with every match of @p re replaced by @p replacement(match), a
 * QString (or a string it converts to); the text between matches is copied
 * as it is. To leave a match unchanged, return match.captured().
 */
template <typename Fn>
QString replaceMatches(const QString &text, const QRegularExpression &re, Fn &&replacement)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += replacement(m);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace sds::text
