#include "core/cards/cardhtml.h"

#include "core/text/html.h"

#include <QRegularExpression>

namespace sds::cards {

namespace {

// Imported cards carry the colours and fonts of the page they were copied
// from (dark grey text, a white box): unreadable in the dark theme and at
// odds with ours. Only styles that carry meaning stay.
QString keepReadableStyles(const QString &html)
{
    static const QRegularExpression style(
        QStringLiteral("\\sstyle\\s*=\\s*(\"([^\"]*)\"|'([^']*)')"),
        QRegularExpression::CaseInsensitiveOption);
    static const QStringList kept = {
        QStringLiteral("font-weight"),     QStringLiteral("font-style"),
        QStringLiteral("text-decoration"), QStringLiteral("white-space"),
        QStringLiteral("text-align"),      QStringLiteral("vertical-align")};
    return text::replaceMatches(html, style, [](const QRegularExpressionMatch &m) {
        QString value = m.captured(2) + m.captured(3);
        value.replace(QStringLiteral("&quot;"), QStringLiteral("'"));
        QStringList keep;
        for (const QString &decl : value.split(u';', Qt::SkipEmptyParts)) {
            const QString property = decl.section(u':', 0, 0).trimmed().toLower();
            if (kept.contains(property))
                keep.append(decl.trimmed());
        }
        if (keep.isEmpty())
            return QString();
        return QStringLiteral(" style=\"%1\"").arg(keep.join(QStringLiteral("; ")).toHtmlEscaped());
    });
}

// An image whose source has a scheme (file:, data:, anything but the web
// addresses already replaced) could read the learner's files; only names
// of the collection's own media files are kept.
QString dropOtherImageSources(const QString &html)
{
    static const QRegularExpression img(
        QStringLiteral("<img\\b[^>]*\\bsrc\\s*=\\s*[\"']?([^\"'\\s>]*)[^>]*>"),
        QRegularExpression::CaseInsensitiveOption);
    return text::replaceMatches(html, img, [](const QRegularExpressionMatch &m) {
        const QString src = m.captured(1);
        if (!src.contains(u':') && !src.contains(u'/') && !src.contains(u'\\'))
            return m.captured(); // a media file's name
        return QStringLiteral("[image not shown]");
    });
}

} // namespace

QString plainToHtml(const QString &text)
{
    QString html = text.toHtmlEscaped();
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    static const QRegularExpression bold(QStringLiteral("\\*\\*([^*]+)\\*\\*"));
    html.replace(code, QStringLiteral("<code>\\1</code>"));
    html.replace(bold, QStringLiteral("<b>\\1</b>"));
    // Only the app's own places: a card never links out to the web. The
    // target's characters cannot leave the attribute.
    static const QRegularExpression link(
        QStringLiteral("\\[([^\\]\\n]+)\\]\\(((?:lab|challenge|topic):[A-Za-z0-9._~%/-]+)\\)"));
    html.replace(link, QStringLiteral("<a href=\"\\2\">\\1</a>"));
    html.replace(u'\n', QStringLiteral("<br>"));
    return html;
}

QString sanitizeHtml(const QString &input)
{
    using RE = QRegularExpression;
    constexpr auto opts = RE::CaseInsensitiveOption | RE::DotMatchesEverythingOption;
    QString html = input;
    // Whole elements whose content must not survive.
    static const RE dropped(QStringLiteral("<(script|style|iframe|object|embed|frame|frameset|"
                                           "applet|form|link|meta|base)\\b[^>]*>.*?</\\1\\s*>"),
                            opts);
    html.remove(dropped);
    static const RE lone(QStringLiteral("<(script|iframe|object|embed|frame|applet|link|meta|"
                                        "base|input|button)\\b[^>]*/?>"),
                         opts);
    html.remove(lone);
    // Event handlers and javascript: addresses.
    static const RE handler(QStringLiteral("\\s+on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)"),
                            opts);
    html.remove(handler);
    static const RE jsUrl(
        QStringLiteral("(href|src)\\s*=\\s*([\"']?)\\s*javascript:[^\"'>\\s]*\\2"), opts);
    html.replace(jsUrl, QStringLiteral("\\1=\"#\""));
    // Remote images: a placeholder that names and links the address.
    static const RE remoteImg(
        QStringLiteral("<img\\b[^>]*\\bsrc\\s*=\\s*[\"']?((?:https?:)?//[^\"'\\s>]+)[^>]*>"), opts);
    html = text::replaceMatches(html, remoteImg, [](const QRegularExpressionMatch &m) {
        return QStringLiteral("[remote image not loaded: <a href=\"%1\">%1</a>]")
            .arg(m.captured(1).toHtmlEscaped());
    });
    return keepReadableStyles(dropOtherImageSources(html));
}

QStringList localImages(const QString &html)
{
    static const QRegularExpression img(
        QStringLiteral("<img\\b[^>]*\\bsrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList names;
    auto it = img.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString src = m.captured(1) + m.captured(2) + m.captured(3);
        if (!src.contains(u':') && !src.contains(u'/') && !src.contains(u'\\') &&
            !names.contains(src))
            names.append(src);
    }
    return names;
}

} // namespace sds::cards
