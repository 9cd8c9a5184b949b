#include "core/content/searchindex.h"

#include "core/content/pagerender.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace sds::content {
namespace {

// More than the library will ever hold: a re-ranking needs every candidate.
constexpr int kAllPages = 100000;
// The body's text around the match, the matched words marked.
constexpr const char *kSnippet = "snippet(pages, 7, char(2), char(3), '…', 14)";

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

// Words that carry no topic: a learner's "what if the cache and the database
// disagree" is about cache, database and disagree. Dropped from queries of
// more than one word (a query of them alone keeps them).
bool isStopWord(const QStringList &word)
{
    static const QSet<QString> stop{
        QStringLiteral("a"),     QStringLiteral("about"), QStringLiteral("all"),
        QStringLiteral("an"),    QStringLiteral("and"),   QStringLiteral("are"),
        QStringLiteral("as"),    QStringLiteral("at"),    QStringLiteral("be"),
        QStringLiteral("but"),   QStringLiteral("by"),    QStringLiteral("can"),
        QStringLiteral("do"),    QStringLiteral("does"),  QStringLiteral("for"),
        QStringLiteral("from"),  QStringLiteral("get"),   QStringLiteral("how"),
        QStringLiteral("i"),     QStringLiteral("if"),    QStringLiteral("in"),
        QStringLiteral("into"),  QStringLiteral("is"),    QStringLiteral("it"),
        QStringLiteral("its"),   QStringLiteral("like"),  QStringLiteral("me"),
        QStringLiteral("my"),    QStringLiteral("of"),    QStringLiteral("on"),
        QStringLiteral("one"),   QStringLiteral("or"),    QStringLiteral("should"),
        QStringLiteral("so"),    QStringLiteral("some"),  QStringLiteral("than"),
        QStringLiteral("that"),  QStringLiteral("the"),   QStringLiteral("their"),
        QStringLiteral("them"),  QStringLiteral("then"),  QStringLiteral("there"),
        QStringLiteral("these"), QStringLiteral("they"),  QStringLiteral("this"),
        QStringLiteral("to"),    QStringLiteral("up"),    QStringLiteral("was"),
        QStringLiteral("we"),    QStringLiteral("what"),  QStringLiteral("when"),
        QStringLiteral("where"), QStringLiteral("which"), QStringLiteral("while"),
        QStringLiteral("who"),   QStringLiteral("why"),   QStringLiteral("will"),
        QStringLiteral("with"),  QStringLiteral("would"), QStringLiteral("you"),
        QStringLiteral("your")};
    return word.size() == 1 && stop.contains(word.first());
}

// The words that matter in @p query: stop words go when others remain.
QList<QStringList> contentWords(const QString &query)
{
    QList<QStringList> words = queryWords(query);
    QList<QStringList> kept;
    for (const QStringList &w : words) {
        if (!isStopWord(w))
            kept.append(w);
    }
    return kept.isEmpty() ? words : kept;
}

// The page's headings, which say what it covers more densely than its body.
QString headings(const QString &markdown)
{
    QStringList out;
    for (const QString &line : markdown.split(u'\n')) {
        if (line.startsWith(QStringLiteral("## ")) || line.startsWith(QStringLiteral("### ")))
            out.append(line.section(u' ', 1));
    }
    return out.join(u' ');
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
        if (!q.exec(QStringLiteral(
                "CREATE VIRTUAL TABLE pages USING fts5(id UNINDEXED, "
                "section UNINDEXED, kind UNINDEXED, title, answers, keywords, headings, body, "
                "tokenize = 'porter unicode61')")))
            return failed();
        if (!q.prepare(
                QStringLiteral("INSERT INTO pages (id, section, kind, title, answers, keywords, "
                               "headings, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")))
            return failed();
        for (const Topic &t : library.topics()) {
            QString keywords = t.section;
            for (const QString &anchor : t.covers)
                keywords += u' ' + QString(anchor).replace(u'-', u' ');
            q.addBindValue(t.id);
            q.addBindValue(t.section);
            q.addBindValue(t.kind);
            q.addBindValue(t.title);
            q.addBindValue(t.answers.join(QStringLiteral(" . ")));
            q.addBindValue(keywords);
            q.addBindValue(headings(t.body));
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
    const QList<QStringList> words = contentWords(query);
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
    for (const QStringList &w : contentWords(query))
        terms.append(w.join(u' '));
    return terms;
}

QList<SearchHit> SearchIndex::run(const QString &match, int limit, bool snippets) const
{
    QList<SearchHit> hits;
    QSqlQuery q(m_file.database());
    q.prepare(QString::fromLatin1(
                  // Field weights as documentation search engines use them: the title
                  // and the questions a page answers far above its headings, headings
                  // above the body. bm25 is negative, better when lower; a concept
                  // page goes before an exercise or a question stub on a near tie.
                  "SELECT id, title, section, %1, "
                  "bm25(pages, 0.0, 0.0, 0.0, 10.0, 8.0, 4.0, 3.0, 1.0) * "
                  "(CASE WHEN kind IN ('question', 'exercise') THEN 0.9 ELSE 1.0 END) AS score "
                  "FROM pages WHERE pages MATCH ? ORDER BY score LIMIT ?")
                  .arg(snippets ? QLatin1String(kSnippet) : QLatin1String("''")));
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

QList<SearchHit> SearchIndex::rankByCoverage(const QString &query, int limit) const
{
    // bm25 sums over the words a page holds, so one rare word in a page's
    // answers ("brute force" for "a split forces a choice") can outweigh
    // three common ones in its title. Scaling each score by the share of the
    // query's words the page holds, as Lucene's coordination factor did, puts
    // the pages that answer the whole question first.
    QList<SearchHit> hits = run(matchExpression(query, true), kAllPages, false);
    const QStringList phrases = matchExpression(query, true).split(QStringLiteral(" OR "));
    // Each word counts by its rarity (bm25's idf), so holding a common word
    // ("several", "servers") matters less than holding a telling one.
    QHash<QString, double> held;
    double whole = 0;
    QSqlQuery count(m_file.database());
    const double pages = count.exec(QStringLiteral("SELECT count(*) FROM pages")) && count.next()
                             ? count.value(0).toDouble()
                             : 1.0;
    QSqlQuery q(m_file.database());
    for (const QString &phrase : phrases) {
        q.prepare(QStringLiteral("SELECT id FROM pages WHERE pages MATCH ?"));
        q.addBindValue(phrase);
        if (!q.exec())
            continue;
        QStringList ids;
        while (q.next())
            ids.append(q.value(0).toString());
        const double df = double(ids.size());
        const double idf = std::log((pages - df + 0.5) / (df + 0.5) + 1.0);
        whole += idf;
        for (const QString &id : std::as_const(ids))
            held[id] += idf;
    }
    for (SearchHit &h : hits)
        h.score *= whole > 0 ? held.value(h.id) / whole : 1.0;
    std::stable_sort(hits.begin(), hits.end(),
                     [](const SearchHit &a, const SearchHit &b) { return a.score < b.score; });
    if (hits.size() > limit)
        hits.resize(limit);
    // Snippets cost more than ranking: only the pages shown get one.
    QHash<QString, qsizetype> shown;
    QStringList marks;
    for (qsizetype i = 0; i < hits.size(); ++i) {
        shown.insert(hits[i].id, i);
        marks.append(QStringLiteral("?"));
    }
    if (hits.isEmpty())
        return hits;
    q.prepare(QString::fromLatin1("SELECT id, %1 FROM pages WHERE pages MATCH ? AND id IN (%2)")
                  .arg(QLatin1String(kSnippet), marks.join(u',')));
    q.addBindValue(matchExpression(query, true));
    for (const SearchHit &h : std::as_const(hits))
        q.addBindValue(h.id);
    if (q.exec()) {
        while (q.next())
            hits[shown.value(q.value(0).toString())].markedSnippet = q.value(1).toString();
    }
    return hits;
}

QList<SearchHit> SearchIndex::search(const QString &query, int limit) const
{
    const QString all = matchExpression(query);
    if (all.isEmpty() || limit <= 0)
        return {};
    // A question of three words or more reads as words that matter, any of
    // them: bm25 then ranks first the pages that hold more of them, and best
    // where they are in the title or the answers.
    if (contentWords(query).size() >= 3)
        return rankByCoverage(query, limit);
    QList<SearchHit> hits = run(all, limit);
    // A question of several words rarely has every word on one page: then
    // every page with any of them, ranked by how well it matches.
    if (hits.isEmpty() && contentWords(query).size() > 1)
        hits = run(matchExpression(query, true), limit);
    return hits;
}

} // namespace sds::content
