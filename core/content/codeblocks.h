#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * Code in the reader's pages. An exercise includes its solution from a file
 * rather than copying it, with a fence such as ```` ```cpp include=ood/lru_cache.h ````
 * whose body is empty: expandIncludes() fills such fences from the page's
 * folder before the Markdown is rendered, and turns a file it cannot read
 * into an error box instead of failing. highlightCodeBlocks() then colours
 * the rendered C++ blocks with a small tokenizer of our own (keywords, types,
 * strings, characters, numbers, comments, preprocessor lines) as HTML spans
 * whose colours come from codeStyleSheet(), one set for a light and one for a
 * dark theme. includeProblems() gives the content check the same rules.
 */
namespace sds::content {

enum class CppToken { Plain, Keyword, Type, String, Char, Number, Comment, Preprocessor };

struct CodeSpan {
    CppToken kind = CppToken::Plain;
    qsizetype start = 0;
    qsizetype length = 0;
};

/** Spans that cover @p code end to end, in order; neighbours never share a kind. */
QList<CodeSpan> tokenizeCpp(const QString &code);

/** @p code as escaped HTML, each token not Plain in a `<span class="...">`. */
QString highlightCpp(const QString &code);

/** The span class for a token kind ("kw", "ty", ...; empty for Plain). */
QString tokenClass(CppToken kind);

/**
 * Fills every ```` ```cpp include=PATH ```` fence in @p markdown with the
 * text of PATH, read relative to @p pageDir. A path that is missing,
 * unreadable, absolute or climbs out with ".." becomes an error block that
 * highlightCodeBlocks() draws as a box with the reason.
 */
QString expandIncludes(const QString &markdown, const QString &pageDir);

/** Highlights the C++ blocks of md4c's HTML and draws include errors as boxes. */
QString highlightCodeBlocks(const QString &html);

/** CSS for the token spans and error boxes; dark colours when @p textColour is light. */
QString codeStyleSheet(const QString &textColour);

/**
 * What is wrong with the page's include fences, one message each: a file
 * that does not exist, a path that is not allowed, a fence with a body.
 */
QStringList includeProblems(const QString &markdown, const QString &pageDir);

} // namespace sds::content
