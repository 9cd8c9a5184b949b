#pragma once

#include "core/content/library.h"
#include "core/storage/sqlitefile.h"

#include <QList>
#include <QString>

/**
 * Full-text search over the topic library: an in-memory SQLite FTS5 table
 * (Porter stemming, so "caches" finds "cache"), built from the pages at
 * start-up and ranked by bm25 with the title weighted above the primer
 * anchors and section, and those above the body. A query is read the way a
 * person types it: every word must match, a hyphenated or dotted word
 * ("write-behind", "99.99") is a phrase, and the last word also matches as a
 * prefix so results appear while typing. When no page has every word, pages
 * with any of them are returned instead. A question of three words or more
 * matches any of its words, and each page's bm25 is scaled by the share of
 * the words (weighted by rarity) it holds, so pages that answer the whole
 * question come first.
 */
namespace sds::content {

struct SearchHit {
    QString id;
    QString title;
    QString section;
    /** Context around the match; matched words are wrapped in \x02 and \x03. */
    QString markedSnippet;
    double score = 0; ///< bm25: lower is better

    /** The snippet as plain text. */
    QString snippet() const;
    /** The snippet as HTML with matches in <b>, escaped. */
    QString snippetHtml() const;
};

class SearchIndex
{
public:
    SearchIndex();
    ~SearchIndex();
    SearchIndex(const SearchIndex &) = delete;
    SearchIndex &operator=(const SearchIndex &) = delete;

    /** Replaces the index with @p library's pages; false (see error()) if SQLite fails. */
    bool build(const TopicLibrary &library);
    QString error() const { return m_error; }

    /** Best first, at most @p limit. An empty or all-punctuation query gives no hits. */
    QList<SearchHit> search(const QString &query, int limit = 20) const;

    /** The FTS5 MATCH expression for @p query (every word), or empty. Exposed for tests. */
    static QString matchExpression(const QString &query, bool any = false);
    /** The words of @p query as the index tokenises them, for highlighting. */
    static QStringList queryTerms(const QString &query);

private:
    QList<SearchHit> run(const QString &match, int limit, bool snippets = true) const;
    QList<SearchHit> rankByCoverage(const QString &query, int limit) const;

    storage::SqliteFile m_file{QStringLiteral("the search database")};
    QString m_error;
};

} // namespace sds::content
