#include "core/cards/ankitemplate.h"

#include "core/text/html.h"

#include <QRegularExpression>

namespace sds::cards {
namespace {

enum class Side { Question, Answer };

// {{c1::answer}} or {{c1::answer::hint}}; the answer may span lines.
const QRegularExpression &clozePattern()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{c(\\d+)::(.*?)(?:::(.*?))?\\}\\}"),
                                       QRegularExpression::DotMatchesEverythingOption);
    return re;
}

QString renderCloze(const QString &text, int number, Side side)
{
    return sds::text::replaceMatches(text, clozePattern(), [&](const QRegularExpressionMatch &m) {
        const QString answer = m.captured(2);
        if (m.captured(1).toInt() != number)
            return answer;
        if (side == Side::Question)
            return QStringLiteral("<b class=\"cloze\">[%1]</b>")
                .arg(m.captured(3).isEmpty() ? QStringLiteral("…") : m.captured(3));
        return QStringLiteral("<b class=\"cloze\">%1</b>").arg(answer);
    });
}

bool hasCloze(const QString &text, int number)
{
    auto it = clozePattern().globalMatch(text);
    while (it.hasNext()) {
        if (it.next().captured(1).toInt() == number)
            return true;
    }
    return false;
}

QString applyFilters(const QString &spec, const QHash<QString, QString> &fields, int cloze,
                     Side side, const QString &frontSide)
{
    QStringList parts = spec.split(u':');
    const QString name = parts.takeLast().trimmed();
    if (name == u"FrontSide")
        return frontSide;
    QString value = fields.value(name);
    // Filters apply right to left, the one nearest the field first.
    for (auto f = parts.rbegin(); f != parts.rend(); ++f) {
        const QString filter = f->trimmed();
        if (filter == u"text")
            value = htmlToPlainText(value).toHtmlEscaped();
        else if (filter == u"cloze")
            value = renderCloze(value, cloze, side);
        else if (filter == u"type" || filter.startsWith(u"tts"))
            value.clear();
        // hint, furigana and the rest: show the field as it is.
    }
    return value;
}

QString render(const QString &tmpl, const QHash<QString, QString> &fields, int cloze, Side side,
               const QString &frontSide)
{
    static const QRegularExpression tag(QStringLiteral("\\{\\{([#^/]?)([^{}]*)\\}\\}"));
    QString out;
    qsizetype pos = 0;
    // Sections may nest; each open section is either shown or skipped.
    struct Open {
        QString name;
        bool shown;
    };
    QList<Open> stack;
    const auto showing = [&] {
        for (const Open &o : stack) {
            if (!o.shown)
                return false;
        }
        return true;
    };
    auto it = tag.globalMatch(tmpl);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (showing())
            out += tmpl.mid(pos, m.capturedStart() - pos);
        pos = m.capturedEnd();
        const QString kind = m.captured(1);
        const QString spec = m.captured(2).trimmed();
        if (kind == u"#" || kind == u"^") {
            const QString name = spec.section(u':', -1).trimmed();
            bool nonEmpty = !htmlToPlainText(fields.value(name)).isEmpty();
            if (spec.startsWith(QStringLiteral("cloze:")))
                nonEmpty = hasCloze(fields.value(name), cloze);
            stack.append({name, kind == u"#" ? nonEmpty : !nonEmpty});
        } else if (kind == u"/") {
            if (!stack.isEmpty())
                stack.removeLast();
        } else if (showing()) {
            out += applyFilters(spec, fields, cloze, side, frontSide);
        }
    }
    if (showing())
        out += tmpl.mid(pos);
    static const QRegularExpression sound(QStringLiteral("\\[sound:[^\\]]*\\]"));
    out.remove(sound);
    return out.trimmed();
}

} // namespace

RenderedCard renderAnkiCard(const QString &question, const QString &answer,
                            const QHash<QString, QString> &fields, int clozeNumber)
{
    RenderedCard card;
    card.front = render(question, fields, clozeNumber, Side::Question, {});
    QString back = render(answer, fields, clozeNumber, Side::Answer, {});
    static const QRegularExpression divider(
        QStringLiteral("^\\s*<hr[^>]*id\\s*=\\s*[\"']?answer[^>]*>"),
        QRegularExpression::CaseInsensitiveOption);
    back.remove(divider);
    card.back = back.trimmed();
    return card;
}

QString htmlToPlainText(const QString &html)
{
    if (!html.contains(u'<') && !html.contains(u'&'))
        return html.simplified();
    using RE = QRegularExpression;
    static const RE hidden(QStringLiteral("<(script|style)\\b[^>]*>.*?</\\1\\s*>"),
                           RE::CaseInsensitiveOption | RE::DotMatchesEverythingOption);
    static const RE tags(QStringLiteral("<[^>]*>"));
    static const RE entity(QStringLiteral("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);"));
    QString text = html;
    text.remove(hidden);
    // A tag separates words ("a<br>b" reads "a b"); simplified() below
    // folds the extra spaces this leaves inside words' markup.
    text.replace(tags, QStringLiteral(" "));
    const QString out =
        sds::text::replaceMatches(text, entity, [](const QRegularExpressionMatch &m) {
            const QString e = m.captured(1);
            char32_t code = 0;
            if (e.startsWith(u"#x") || e.startsWith(u"#X"))
                code = char32_t(e.mid(2).toUInt(nullptr, 16));
            else if (e.startsWith(u'#'))
                code = char32_t(e.mid(1).toUInt());
            else if (e == u"amp")
                code = u'&';
            else if (e == u"lt")
                code = u'<';
            else if (e == u"gt")
                code = u'>';
            else if (e == u"quot")
                code = u'"';
            else if (e == u"apos")
                code = u'\'';
            else if (e == u"nbsp")
                code = u' ';
            if (code > 0 && code <= 0x10ffff)
                return QString::fromUcs4(&code, 1);
            return m.captured(0);
        });
    return out.simplified();
}

} // namespace sds::cards
