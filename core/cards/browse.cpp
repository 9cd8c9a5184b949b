// Collection's browsing side: the search language, the SQL it becomes, and
// the rows the browser shows.
#include "core/cards/browse.h"

#include "core/cards/cardrow.h"
#include "core/cards/collection.h"
#include "core/cards/sqlsupport.h"
#include "core/text/html.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace sds::cards {
namespace {

struct FilterName {
    const char16_t *name;
    CardFilter filter;
};

constexpr FilterName kFilterNames[] = {
    {u"new", CardFilter::New},
    {u"learning", CardFilter::Learning},
    {u"learn", CardFilter::Learning},
    {u"review", CardFilter::Review},
    {u"relearning", CardFilter::Relearning},
    {u"due", CardFilter::Due},
    {u"suspended", CardFilter::Suspended},
    {u"buried", CardFilter::Buried},
    {u"retired", CardFilter::Retired},
};

// A LIKE pattern for @p value: LIKE's own wildcards are escaped with \ and
// the learner's * becomes %.
QString likePattern(const QString &value)
{
    QString out;
    out.reserve(value.size() + 4);
    for (const QChar ch : value) {
        if (ch == u'%' || ch == u'_' || ch == u'\\')
            out += u'\\';
        out += ch == u'*' ? QChar(u'%') : ch;
    }
    return out;
}

const QString kEscape = QStringLiteral(" ESCAPE '\\'");

// One SQL condition (and its binds) per term.
QString termSql(const SearchTerm &term, qint64 now, QVariantList &binds)
{
    const QString pattern = likePattern(term.value);
    switch (term.kind) {
    case SearchTerm::Kind::Text:
        binds << QStringLiteral("%") + pattern + QStringLiteral("%")
              << QStringLiteral("%") + pattern + QStringLiteral("%");
        return QStringLiteral("(c.front LIKE ?%1 OR c.back LIKE ?%1)").arg(kEscape);
    case SearchTerm::Kind::Tag:
        // Tags are space-separated words; a::b is a child of a.
        binds << QStringLiteral("% ") + pattern + QStringLiteral(" %")
              << QStringLiteral("% ") + pattern + QStringLiteral("::%");
        return QStringLiteral("((' ' || n.tags || ' ') LIKE ?%1 OR (' ' || n.tags) LIKE ?%1)")
            .arg(kEscape);
    case SearchTerm::Kind::Deck:
        binds << pattern << pattern + QStringLiteral("::%");
        return QStringLiteral("c.deck_id IN (SELECT id FROM decks WHERE name LIKE ?%1 OR name "
                              "LIKE ?%1)")
            .arg(kEscape);
    case SearchTerm::Kind::Is:
        break;
    }
    switch (term.filter) {
    case CardFilter::New:
        return QStringLiteral("c.state = 0");
    case CardFilter::Learning:
        return QStringLiteral("c.state = 1");
    case CardFilter::Review:
        return QStringLiteral("c.state = 2");
    case CardFilter::Relearning:
        return QStringLiteral("c.state = 3");
    case CardFilter::Due:
        binds << now;
        return QStringLiteral("(c.state <> 0 AND c.due <= ?)");
    case CardFilter::Suspended:
        return QStringLiteral("c.suspended = 1");
    case CardFilter::Buried:
        binds << now;
        return QStringLiteral("c.buried_until > ?");
    case CardFilter::Retired:
        return QStringLiteral("n.retired = 1");
    }
    return QStringLiteral("1");
}

QString orderSql(BrowseColumn column)
{
    switch (column) {
    case BrowseColumn::Front:
        return QStringLiteral("c.front COLLATE NOCASE");
    case BrowseColumn::Deck:
        return QStringLiteral("d.name COLLATE NOCASE");
    case BrowseColumn::Tags:
        return QStringLiteral("n.tags COLLATE NOCASE");
    case BrowseColumn::State:
        return QStringLiteral("c.state");
    case BrowseColumn::Due:
        // New cards have no real due date (theirs is when they were added),
        // so they follow the scheduled ones.
        return QStringLiteral("c.state = 0, c.due");
    case BrowseColumn::Interval:
        return QStringLiteral("c.scheduled_days");
    case BrowseColumn::Reps:
        return QStringLiteral("c.reps");
    case BrowseColumn::Lapses:
        return QStringLiteral("c.lapses");
    case BrowseColumn::Added:
        break;
    }
    return {};
}

QString decodeEntities(const QString &text)
{
    static const QRegularExpression entity(
        QStringLiteral("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);"));
    static const QHash<QString, QString> named = {
        {QStringLiteral("amp"), QStringLiteral("&")},
        {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},
        {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},
        {QStringLiteral("nbsp"), QStringLiteral(" ")},
    };
    return sds::text::replaceMatches(text, entity, [](const QRegularExpressionMatch &m) {
        const QString body = m.captured(1);
        if (body.startsWith(u'#')) {
            bool ok = false;
            const bool hex = body.size() > 1 && (body[1] == u'x' || body[1] == u'X');
            const uint code = body.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
            if (ok && code > 0 && code <= 0x10FFFF)
                return QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
        } else if (const auto found = named.constFind(body.toLower()); found != named.cend()) {
            return *found;
        }
        return m.captured(0);
    });
}

} // namespace

std::optional<CardFilter> cardFilterFromName(QStringView name)
{
    for (const FilterName &f : kFilterNames) {
        if (name.compare(QStringView(f.name), Qt::CaseInsensitive) == 0)
            return f.filter;
    }
    return std::nullopt;
}

QString cardFilterName(CardFilter filter)
{
    for (const FilterName &f : kFilterNames) {
        if (f.filter == filter)
            return QString::fromUtf16(f.name);
    }
    return {};
}

std::optional<QList<SearchTerm>> parseCardSearch(const QString &text, QString *error)
{
    const auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QList<SearchTerm> terms;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (text[i].isSpace()) {
            ++i;
            continue;
        }
        SearchTerm term;
        if (text[i] == u'-' && i + 1 < n && !text[i + 1].isSpace()) {
            term.negated = true;
            ++i;
        }
        // A prefix counts only outside quotes: "tag:x" in quotes is text.
        static const QRegularExpression prefix(QStringLiteral("^(tag|deck|is):"),
                                               QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m =
            prefix.match(QStringView(text).mid(i), 0, QRegularExpression::NormalMatch,
                         QRegularExpression::AnchorAtOffsetMatchOption);
        QString kind;
        if (m.hasMatch()) {
            kind = m.captured(1).toLower();
            i += m.capturedLength(0);
        }
        QString value;
        bool inQuote = false;
        const qsizetype start = i;
        while (i < n && (inQuote || !text[i].isSpace())) {
            if (text[i] == u'"')
                inQuote = !inQuote;
            else
                value += text[i];
            ++i;
        }
        if (inQuote)
            return failed(QStringLiteral("The quote opened at \u201c%1\u201d is not closed.")
                              .arg(text.mid(start, 20)));
        if (kind.isEmpty()) {
            if (value.isEmpty())
                continue; // "" alone: nothing to look for
            term.kind = SearchTerm::Kind::Text;
        } else if (value.isEmpty()) {
            return failed(QStringLiteral("%1: needs a name after it, e.g. %1:caching.").arg(kind));
        } else if (kind == u"tag") {
            term.kind = SearchTerm::Kind::Tag;
        } else if (kind == u"deck") {
            term.kind = SearchTerm::Kind::Deck;
        } else {
            const std::optional<CardFilter> filter = cardFilterFromName(value);
            if (!filter)
                return failed(QStringLiteral("is:%1 is not a card state; use is:new, "
                                             "is:learning, is:review, is:relearning, is:due, "
                                             "is:suspended, is:buried or is:retired.")
                                  .arg(value));
            term.kind = SearchTerm::Kind::Is;
            term.filter = *filter;
        }
        term.value = value;
        terms.append(term);
    }
    return terms;
}

QString cardPlainText(const QString &text, bool isHtml)
{
    QString out = text;
    if (isHtml) {
        using RE = QRegularExpression;
        constexpr auto opts = RE::CaseInsensitiveOption | RE::DotMatchesEverythingOption;
        static const RE hidden(QStringLiteral("<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>"),
                               opts);
        static const RE comment(QStringLiteral("<!--.*?-->"), opts);
        // Block ends and line breaks separate words that the tags alone
        // would run together.
        static const RE breaks(QStringLiteral("<(br|/div|/p|/li|/tr|/td|/h[1-6])\\b[^>]*>"), opts);
        static const RE tag(QStringLiteral("<[^>]*>"), opts);
        out.remove(hidden);
        out.remove(comment);
        out.replace(breaks, QStringLiteral(" "));
        out.remove(tag);
        out = decodeEntities(out);
    } else {
        out.remove(QStringLiteral("**"));
        out.remove(u'`');
    }
    return out.simplified();
}

std::optional<QList<qint64>> Collection::findCards(const CardSearch &search,
                                                   const QDateTime &now) const
{
    if (!isOpen()) {
        fail(QStringLiteral("the collection is not open"));
        return std::nullopt;
    }
    if (!now.isValid()) {
        fail(QStringLiteral("a search needs a valid time"));
        return std::nullopt;
    }
    const qint64 at = now.toSecsSinceEpoch();
    QVariantList binds;
    QStringList where;
    QList<SearchTerm> terms = search.terms;
    if (search.filter)
        terms.append({SearchTerm::Kind::Is, {}, *search.filter, false});
    for (const SearchTerm &t : terms) {
        const QString sql = termSql(t, at, binds);
        where.append(t.negated ? QStringLiteral("NOT ") + sql : sql);
    }
    if (search.deckId) {
        where.append(QStringLiteral("c.deck_id = ?"));
        binds.append(*search.deckId);
    }
    // The join to notes costs about as much as the scan itself, so it is
    // made only for what reads the note: tags and retirement.
    bool needsNote = search.sortBy == BrowseColumn::Tags;
    for (const SearchTerm &t : terms)
        needsNote = needsNote || t.kind == SearchTerm::Kind::Tag ||
                    (t.kind == SearchTerm::Kind::Is && t.filter == CardFilter::Retired);
    QString sql = QStringLiteral("SELECT c.id FROM cards c");
    if (needsNote)
        sql += QStringLiteral(" JOIN notes n ON n.id = c.note_id");
    if (search.sortBy == BrowseColumn::Deck)
        sql += QStringLiteral(" JOIN decks d ON d.id = c.deck_id");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    const QString direction = search.descending ? QStringLiteral(" DESC") : QString();
    QStringList order;
    for (const QString &key : orderSql(search.sortBy).split(u',', Qt::SkipEmptyParts))
        order.append(key.trimmed() + direction);
    order.append(QStringLiteral("c.id") + direction);
    sql += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", "));

    QSqlQuery q(m_file.database());
    q.setForwardOnly(true);
    if (!detail::exec(q, sql, binds)) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

QList<BrowseRow> Collection::browseRows(const QList<qint64> &cardIds, const QDateTime &now) const
{
    QList<BrowseRow> out;
    if (!isOpen() || cardIds.isEmpty())
        return out;
    const qint64 at = now.isValid() ? now.toSecsSinceEpoch() : 0;
    QHash<qint64, BrowseRow> byId;
    QSqlQuery q(m_file.database());
    q.setForwardOnly(true);
    // SQLite takes at most 32766 bound values; the browser asks for a screenful.
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < cardIds.size(); from += kChunk) {
        const QList<qint64> chunk = cardIds.mid(from, kChunk);
        QVariantList binds;
        for (const qint64 id : chunk)
            binds.append(id);
        if (!detail::exec(q,
                          QStringLiteral("SELECT c.id, c.note_id, c.deck_id, d.name, c.front, "
                                         "c.format, n.tags, c.state, c.due, c.scheduled_days, "
                                         "c.reps, c.lapses, c.suspended, c.buried_until, "
                                         "n.retired FROM cards c JOIN notes n ON n.id = "
                                         "c.note_id JOIN decks d ON d.id = c.deck_id WHERE c.id "
                                         "IN (%1)")
                              .arg(detail::placeholders(int(chunk.size()))),
                          binds)) {
            fail(q.lastError().text());
            return out;
        }
        while (q.next()) {
            BrowseRow r;
            r.cardId = q.value(0).toLongLong();
            r.noteId = q.value(1).toLongLong();
            r.deckId = q.value(2).toLongLong();
            r.deck = q.value(3).toString();
            r.front = cardPlainText(q.value(4).toString(), q.value(5).toInt() == 1);
            r.tags = detail::splitTags(q.value(6).toString());
            r.state = srs::State(q.value(7).toInt());
            r.due = detail::fromSecs(q.value(8));
            r.intervalDays = q.value(9).toInt();
            r.reps = q.value(10).toInt();
            r.lapses = q.value(11).toInt();
            r.suspended = q.value(12).toBool();
            r.buried = q.value(13).toLongLong() > at;
            r.retired = q.value(14).toBool();
            byId.insert(r.cardId, r);
        }
    }
    out.reserve(cardIds.size());
    for (const qint64 id : cardIds) {
        if (const auto found = byId.constFind(id); found != byId.cend())
            out.append(*found);
    }
    return out;
}

} // namespace sds::cards
