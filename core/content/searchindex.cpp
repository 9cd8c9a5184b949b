#include "core/content/searchindex.h"

#include "core/content/pagerender.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace sds::content {
namespace {

// Words of a query: runs of letters and digits, kept together when joined by
// '-', '.', '_' or '\'' so "write-behind" and "99.99" stay one phrase.
QList<QStringList> queryWords(const QString &query)
{
    static const QRegularExpression token(QStringLiteral("[\\p{L}\\p{N}]+"));
    static const QRegularExpression separator(QStringLiteral("[^\\p{L}\\p{N}\\-._']+"));
    QList<QStringList> words;
    for (const QString &chunk : query.split(separator, Qt::SkipEmptyParts)) {
        QStringList parts;
        auto it = token.globalMatch(chunk);
        while (it.hasNext())
            parts.append(it.next().captured(0).toLower());
        if (!parts.isEmpty())
            words.append(parts);
    }
    return words;
}

} // namespace

QString SearchHit::snippet() const
{
    QString s = markedSnippet;
    s.remove(QChar(0x02));
    s.remove(QChar(0x03));
    return s;
}

QString SearchHit::snippetHtml() const
{
    QString s = markedSnippet.toHtmlEscaped();
    s.replace(QChar(0x02), QStringLiteral("<b>"));
    s.replace(QChar(0x03), QStringLiteral("</b>"));
    return s;
}

SearchIndex::SearchIndex()
{
    if (const Result<void> opened = m_file.open(QStringLiteral(":memory:")); !opened)
        m_error = opened.error();
}

SearchIndex::~SearchIndex() = default;

bool SearchIndex::build(const TopicLibrary &library)
{
    // One transaction from the drop to the last page: a build that fails
    // leaves the index it replaces.
    const Result<void> built = m_file.write([&](const QSqlDatabase &db) -> Result<void> {
        QSqlQuery q(db);
        const auto failed = [&q] {
            return sds::fail(q.lastError().text());
        };
        if (!q.exec(QStringLiteral("DROP TABLE IF EXISTS pages")))
            return failed();
        if (!q.exec(QStringLiteral("CREATE VIRTUAL TABLE pages USING fts5(id UNINDEXED, "
                                   "section UNINDEXED, title, keywords, body, "
                                   "tokenize = 'porter unicode61')")))
            return failed();
        if (!q.prepare(QStringLiteral("INSERT INTO pages (id, section, title, keywords, body) "
                                      "VALUES (?, ?, ?, ?, ?)")))
            return failed();
        for (const Topic &t : library.topics()) {
            QString keywords = t.section;
            for (const QString &anchor : t.covers)
                keywords += u' ' + QString(anchor).replace(u'-', u' ');
            q.addBindValue(t.id);
            q.addBindValue(t.section);
            q.addBindValue(t.title);
            q.addBindValue(keywords);
            q.addBindValue(plainText(t.body));
            if (!q.exec())
                return failed();
        }
        return {};
    });
    m_error = built.error();
    return built.ok();
}

QString SearchIndex::matchExpression(const QString &query, bool any)
{
    const QList<QStringList> words = queryWords(query);
    QStringList phrases;
    for (qsizetype i = 0; i < words.size(); ++i) {
        // Tokens hold only letters and digits, so quoting cannot be escaped.
        QString phrase = u'"' + words.at(i).join(u' ') + u'"';
        if (i == words.size() - 1)
            phrase += u'*';
        phrases.append(phrase);
    }
    return phrases.join(any ? QStringLiteral(" OR ") : QStringLiteral(" "));
}

QStringList SearchIndex::queryTerms(const QString &query)
{
    QStringList terms;
    for (const QStringList &w : queryWords(query))
        terms.append(w.join(u' '));
    return terms;
}

QList<SearchHit> SearchIndex::run(const QString &match, int limit) const
{
    QList<SearchHit> hits;
    QSqlQuery q(m_file.database());
    q.prepare(QStringLiteral(
        "SELECT id, title, section, snippet(pages, 4, char(2), char(3), '…', 14), "
        "bm25(pages, 0.0, 0.0, 10.0, 4.0, 1.0) AS score FROM pages WHERE pages MATCH ? "
        "ORDER BY score LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec())
        return hits;
    while (q.next()) {
        SearchHit h;
        h.id = q.value(0).toString();
        h.title = q.value(1).toString();
        h.section = q.value(2).toString();
        h.markedSnippet = q.value(3).toString();
        h.score = q.value(4).toDouble();
        hits.append(h);
    }
    return hits;
}

QList<SearchHit> SearchIndex::search(const QString &query, int limit) const
{
    const QString all = matchExpression(query);
    if (all.isEmpty() || limit <= 0)
        return {};
    QList<SearchHit> hits = run(all, limit);
    if (hits.isEmpty() && queryWords(query).size() > 1)
        hits = run(matchExpression(query, true), limit);
    return hits;
}

} // namespace sds::content
