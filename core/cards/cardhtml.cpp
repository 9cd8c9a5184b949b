#include "core/cards/cardhtml.h"

#include <QRegularExpression>

namespace sds::cards {

QString plainToHtml(const QString &text)
{
    QString html = text.toHtmlEscaped();
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    static const QRegularExpression bold(QStringLiteral("\\*\\*([^*]+)\\*\\*"));
    html.replace(code, QStringLiteral("<code>\\1</code>"));
    html.replace(bold, QStringLiteral("<b>\\1</b>"));
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
    QString out;
    qsizetype last = 0;
    auto it = remoteImg.globalMatch(html);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += html.mid(last, m.capturedStart() - last);
        const QString url = m.captured(1).toHtmlEscaped();
        out += QStringLiteral("[remote image not loaded: <a href=\"%1\">%1</a>]").arg(url);
        last = m.capturedEnd();
    }
    out += html.mid(last);
    return out;
}

} // namespace sds::cards
