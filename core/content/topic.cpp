#include "core/content/topic.h"

#include <QRegularExpression>

namespace sds::content {
namespace {

QStringList parseFlowList(const QString &value)
{
    QString inner = value.trimmed();
    inner = inner.mid(1, inner.size() - 2); // strip [ and ]
    QStringList out;
    for (const QString &part : inner.split(u',', Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            out.append(item);
    }
    return out;
}

QString lineError(int line, const QString &message)
{
    return QStringLiteral("line %1: %2").arg(line).arg(message);
}

} // namespace

TopicParse parseTopic(const QString &text, const QString &path)
{
    TopicParse r;
    r.topic.path = path;
    QStringList lines = text.split(u'\n');
    for (QString &l : lines) {
        if (l.endsWith(u'\r'))
            l.chop(1);
    }
    if (lines.isEmpty() || lines.first() != u"---") {
        r.error =
            lineError(1, QStringLiteral("the page must start with a \"---\" front matter line"));
        return r;
    }

    static const QStringList known = {QStringLiteral("id"),      QStringLiteral("title"),
                                      QStringLiteral("section"), QStringLiteral("order"),
                                      QStringLiteral("kind"),    QStringLiteral("covers"),
                                      QStringLiteral("related"), QStringLiteral("scenario"),
                                      QStringLiteral("sources"), QStringLiteral("answers")};
    static const QRegularExpression keyLine(QStringLiteral("^([a-z_]+):\\s*(.*)$"));
    static const QRegularExpression itemLine(QStringLiteral("^\\s+-\\s+(.+)$"));

    QStringList seen;
    QStringList *listTarget = nullptr;
    Topic &t = r.topic;
    int end = -1;
    for (int i = 1; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const int lineNo = i + 1;
        if (line == u"---") {
            end = i;
            break;
        }
        if (line.trimmed().isEmpty())
            continue;
        const QRegularExpressionMatch item = itemLine.match(line);
        if (item.hasMatch()) {
            if (!listTarget) {
                r.error = lineError(lineNo, QStringLiteral("a list item outside a list"));
                return r;
            }
            listTarget->append(item.captured(1).trimmed());
            continue;
        }
        const QRegularExpressionMatch m = keyLine.match(line);
        if (!m.hasMatch()) {
            r.error = lineError(
                lineNo, QStringLiteral("expected \"key: value\", found \"%1\"").arg(line.left(60)));
            return r;
        }
        const QString key = m.captured(1);
        const QString value = m.captured(2).trimmed();
        if (!known.contains(key)) {
            r.error = lineError(lineNo, QStringLiteral("unknown key \"%1\"").arg(key));
            return r;
        }
        if (seen.contains(key)) {
            r.error = lineError(lineNo, QStringLiteral("\"%1\" appears twice").arg(key));
            return r;
        }
        seen.append(key);
        listTarget = nullptr;
        QStringList *list = key == u"covers"    ? &t.covers
                            : key == u"related" ? &t.related
                            : key == u"sources" ? &t.sources
                            : key == u"answers" ? &t.answers
                                                : nullptr;
        if (list) {
            if (value.isEmpty()) {
                listTarget = list;
            } else if (value.startsWith(u'[') && value.endsWith(u']')) {
                *list = parseFlowList(value);
            } else {
                r.error = lineError(lineNo, QStringLiteral("\"%1\" must be a list: [a, b] or "
                                                           "\"  - item\" lines")
                                                .arg(key));
                return r;
            }
            continue;
        }
        if (key == u"order") {
            bool ok = false;
            t.order = value.toInt(&ok);
            if (!ok) {
                r.error = lineError(lineNo, QStringLiteral("order must be a whole number"));
                return r;
            }
        } else if (value.isEmpty() && key != u"scenario") {
            // A page with no id, title or section cannot be shown or linked.
            r.error = lineError(lineNo, QStringLiteral("\"%1\" is empty").arg(key));
            return r;
        } else if (key == u"id") {
            t.id = value;
        } else if (key == u"title") {
            t.title = value;
        } else if (key == u"section") {
            t.section = value;
        } else if (key == u"kind") {
            t.kind = value;
        } else if (key == u"scenario") {
            t.scenario = value;
        }
    }
    if (end < 0) {
        r.error =
            lineError(lines.size(), QStringLiteral("the front matter has no closing \"---\""));
        return r;
    }
    for (const char *required : {"id", "title", "section", "order", "kind"}) {
        if (!seen.contains(QLatin1StringView(required))) {
            r.error =
                lineError(1, QStringLiteral("missing \"%1\"").arg(QLatin1StringView(required)));
            return r;
        }
    }
    static const QStringList kinds = {QStringLiteral("topic"),     QStringLiteral("guide"),
                                      QStringLiteral("reference"), QStringLiteral("exercise"),
                                      QStringLiteral("ood"),       QStringLiteral("question")};
    if (!kinds.contains(t.kind)) {
        r.error = lineError(1, QStringLiteral("kind must be topic, guide, reference, exercise, "
                                              "ood or question, not \"%1\"")
                                   .arg(t.kind));
        return r;
    }
    t.bodyLine = end + 2;
    t.body = lines.mid(end + 1).join(u'\n').trimmed();
    return r;
}

} // namespace sds::content
