#include "core/content/codeblocks.h"

#include "core/text/html.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace sds::content {
namespace {

// The fence info string that marks an include that could not be read; the
// reader draws it as an error box.
const QString kErrorLanguage = QStringLiteral("sds-include-error");
constexpr qint64 kMaxIncludeBytes = 1 << 20;

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == u'_';
}
bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

const QSet<QString> &keywords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w :
             {"alignas",      "alignof",   "and",       "asm",          "auto",
              "break",        "case",      "catch",     "class",        "concept",
              "const",        "consteval", "constexpr", "constinit",    "const_cast",
              "continue",     "co_await",  "co_return", "co_yield",     "decltype",
              "default",      "delete",    "do",        "dynamic_cast", "else",
              "enum",         "explicit",  "export",    "extern",       "false",
              "final",        "for",       "friend",    "goto",         "if",
              "inline",       "mutable",   "namespace", "new",          "noexcept",
              "not",          "nullptr",   "operator",  "or",           "override",
              "private",      "protected", "public",    "register",     "reinterpret_cast",
              "requires",     "return",    "sizeof",    "static",       "static_assert",
              "static_cast",  "struct",    "switch",    "template",     "this",
              "thread_local", "throw",     "true",      "try",          "typedef",
              "typeid",       "typename",  "union",     "using",        "virtual",
              "volatile",     "while",     "xor"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

// Built-in types and the standard library names our code uses most; other
// types are recognised by their UpperCamel spelling (see classify()).
const QSet<QString> &typeNames()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w : {"bool",          "char",          "char8_t",     "char16_t",
                              "char32_t",      "double",        "float",       "int",
                              "long",          "short",         "signed",      "unsigned",
                              "void",          "wchar_t",       "size_t",      "ptrdiff_t",
                              "int8_t",        "int16_t",       "int32_t",     "int64_t",
                              "uint8_t",       "uint16_t",      "uint32_t",    "uint64_t",
                              "string",        "string_view",   "vector",      "list",
                              "forward_list",  "deque",         "array",       "map",
                              "multimap",      "set",           "multiset",    "unordered_map",
                              "unordered_set", "optional",      "variant",     "pair",
                              "tuple",         "function",      "unique_ptr",  "shared_ptr",
                              "weak_ptr",      "span",          "queue",       "priority_queue",
                              "stack",         "runtime_error", "logic_error", "invalid_argument",
                              "out_of_range",  "exception",     "hash"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

CppToken classify(const QString &word)
{
    if (keywords().contains(word))
        return CppToken::Keyword;
    if (typeNames().contains(word))
        return CppToken::Type;
    // UpperCamel names are classes and enums by our naming rules; ALL_CAPS
    // (macros) and kConstants are left plain.
    if (word.front().isUpper() &&
        std::any_of(word.begin() + 1, word.end(), [](QChar c) { return c.isLower(); }))
        return CppToken::Type;
    return CppToken::Plain;
}

bool isStringPrefix(const QString &w)
{
    return w == u"u8" || w == u"u" || w == u"U" || w == u"L";
}

bool isRawPrefix(const QString &w)
{
    return w == u"R" || w == u"u8R" || w == u"uR" || w == u"UR" || w == u"LR";
}

// End of a quoted literal that starts at the quote @p q; a backslash escapes
// the next character and an unterminated literal stops at the line's end.
qsizetype quotedEnd(const QString &code, qsizetype q)
{
    const QChar quote = code.at(q);
    qsizetype j = q + 1;
    while (j < code.size()) {
        const QChar c = code.at(j);
        if (c == u'\\') {
            j += 2;
        } else if (c == quote) {
            return j + 1;
        } else if (c == u'\n') {
            return j;
        } else {
            ++j;
        }
    }
    return code.size();
}

// End of R"delim( ... )delim" whose quote is at @p q, or -1 when the
// delimiter is malformed (then it is lexed as an ordinary string).
qsizetype rawEnd(const QString &code, qsizetype q)
{
    const qsizetype open = code.indexOf(u'(', q + 1);
    if (open < 0 || open - q - 1 > 16)
        return -1;
    const QString delim = code.mid(q + 1, open - q - 1);
    for (const QChar c : delim) {
        if (c.isSpace() || c == u'\\' || c == u')' || c == u'"')
            return -1;
    }
    const QString close = u')' + delim + u'"';
    const qsizetype at = code.indexOf(close, open + 1);
    return at < 0 ? code.size() : at + close.size();
}

qsizetype numberEnd(const QString &code, qsizetype i)
{
    qsizetype j = i + 1;
    while (j < code.size()) {
        const QChar c = code.at(j);
        const QChar prev = code.at(j - 1);
        if (isIdentChar(c) || c == u'.') {
            ++j;
        } else if (c == u'\'' && j + 1 < code.size() && code.at(j + 1).isLetterOrNumber()) {
            ++j; // digit separator, as in 1'000'000
        } else if ((c == u'+' || c == u'-') &&
                   (prev == u'e' || prev == u'E' || prev == u'p' || prev == u'P')) {
            ++j; // exponent sign
        } else {
            break;
        }
    }
    return j;
}

// A preprocessor line runs on over backslash-newlines and stops before a
// comment, so a trailing comment is coloured as one.
qsizetype preprocessorEnd(const QString &code, qsizetype i)
{
    qsizetype j = i;
    while (j < code.size() && code.at(j) != u'\n') {
        if (code.at(j) == u'\\' && j + 1 < code.size() && code.at(j + 1) == u'\n') {
            j += 2;
            continue;
        }
        if (code.at(j) == u'/' && j + 1 < code.size() &&
            (code.at(j + 1) == u'/' || code.at(j + 1) == u'*'))
            break;
        ++j;
    }
    return j;
}

struct Fence {
    QChar marker;
    qsizetype length = 0;
    QString info;
};

// A CommonMark fence opener: up to three spaces, then three or more
// backticks or tildes, then the info string.
bool openingFence(const QString &line, Fence *fence)
{
    static const QRegularExpression re(QStringLiteral("^ {0,3}(`{3,}|~{3,})\\s*([^\\r]*?)\\s*$"));
    const QRegularExpressionMatch m = re.match(line);
    if (!m.hasMatch())
        return false;
    const QString run = m.captured(1);
    if (run.front() == u'`' && m.captured(2).contains(u'`'))
        return false;
    *fence = Fence{run.front(), run.size(), m.captured(2)};
    return true;
}

bool closesFence(const QString &line, const Fence &fence)
{
    qsizetype i = 0;
    while (i < line.size() && line.at(i) == u' ')
        ++i;
    if (i > 3)
        return false;
    qsizetype run = 0;
    for (; i < line.size() && line.at(i) == fence.marker; ++i)
        ++run;
    return run >= fence.length && QStringView(line).mid(i).trimmed().isEmpty();
}

// The path of an include fence (`cpp include=PATH`), or empty.
QString includePath(const Fence &fence)
{
    static const QRegularExpression re(QStringLiteral("^(?:cpp|c\\+\\+)\\s+include=(\\S+)$"));
    const QRegularExpressionMatch m = re.match(fence.info);
    return m.hasMatch() ? m.captured(1) : QString();
}

struct Include {
    QString text;
    QString error; ///< why the file could not be included, or empty
};

Include readInclude(const QString &pageDir, const QString &path)
{
    const QStringList parts = path.split(u'/');
    if (path.startsWith(u'/') || path.contains(u'\\') || path.contains(u':') ||
        parts.contains(QStringLiteral("..")))
        return {{},
                QStringLiteral("cannot include \"%1\": the path must be relative to the page's "
                               "folder and must not climb out of it")
                    .arg(path)};
    if (pageDir.isEmpty())
        return {
            {},
            QStringLiteral("cannot include \"%1\": the page was not read from a folder").arg(path)};
    const QString full = pageDir + u'/' + path;
    if (!QFileInfo(full).isFile())
        return {{}, QStringLiteral("cannot include \"%1\": no such file").arg(path)};
    QFile file(full);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, QStringLiteral("cannot include \"%1\": %2").arg(path, file.errorString())};
    if (file.size() > kMaxIncludeBytes)
        return {{}, QStringLiteral("cannot include \"%1\": the file is over 1 MiB").arg(path)};
    return {QString::fromUtf8(file.readAll()), {}};
}

// A backtick fence longer than any run of backticks in @p body, so the body
// cannot close it early.
QString fenceFor(const QString &body)
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const QChar c : body) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max<qsizetype>(3, longest + 1), u'`');
}

// Walks the fences of a page: @p onInclude sees each include fence (with
// its path, body lines and whether it was closed); every other line,
// including other fences, goes to @p onLine untouched.
template <typename OnInclude, typename OnLine>
void walkFences(const QString &markdown, OnInclude onInclude, OnLine onLine)
{
    const QStringList lines = markdown.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Fence fence;
        if (!openingFence(lines.at(i), &fence)) {
            onLine(lines.at(i));
            continue;
        }
        qsizetype close = i + 1;
        while (close < lines.size() && !closesFence(lines.at(close), fence))
            ++close;
        const QString path = includePath(fence);
        if (path.isEmpty()) {
            for (qsizetype j = i; j <= close && j < lines.size(); ++j)
                onLine(lines.at(j));
        } else {
            onInclude(path, lines.mid(i + 1, close - i - 1), close < lines.size());
        }
        i = close;
    }
}

} // namespace

QString tokenClass(CppToken kind)
{
    switch (kind) {
    case CppToken::Plain:
        return {};
    case CppToken::Keyword:
        return QStringLiteral("kw");
    case CppToken::Type:
        return QStringLiteral("ty");
    case CppToken::String:
        return QStringLiteral("st");
    case CppToken::Char:
        return QStringLiteral("ch");
    case CppToken::Number:
        return QStringLiteral("nu");
    case CppToken::Comment:
        return QStringLiteral("co");
    case CppToken::Preprocessor:
        return QStringLiteral("pp");
    }
    return {};
}

QList<CodeSpan> tokenizeCpp(const QString &code)
{
    QList<CodeSpan> spans;
    auto push = [&spans](CppToken kind, qsizetype start, qsizetype end) {
        if (end <= start)
            return;
        if (!spans.isEmpty() && spans.last().kind == kind)
            spans.last().length += end - start;
        else
            spans.append(CodeSpan{kind, start, end - start});
    };
    const qsizetype n = code.size();
    auto at = [&](qsizetype k) {
        return k < n ? code.at(k) : QChar();
    };
    bool lineStart = true; // nothing but white space since the last newline
    qsizetype i = 0;
    while (i < n) {
        const QChar c = code.at(i);
        qsizetype end = i + 1;
        CppToken kind = CppToken::Plain;
        if (c.isSpace()) {
            lineStart = lineStart || c == u'\n';
            push(kind, i, end);
            i = end;
            continue;
        }
        if (lineStart && c == u'#') {
            kind = CppToken::Preprocessor;
            end = preprocessorEnd(code, i);
        } else if (c == u'/' && at(i + 1) == u'/') {
            kind = CppToken::Comment;
            end = code.indexOf(u'\n', i);
            end = end < 0 ? n : end;
        } else if (c == u'/' && at(i + 1) == u'*') {
            kind = CppToken::Comment;
            end = code.indexOf(QStringLiteral("*/"), i + 2);
            end = end < 0 ? n : end + 2;
        } else if (c.isDigit() || (c == u'.' && at(i + 1).isDigit())) {
            kind = CppToken::Number;
            end = numberEnd(code, i);
        } else if (c == u'"') {
            kind = CppToken::String;
            end = quotedEnd(code, i);
        } else if (c == u'\'') {
            kind = CppToken::Char;
            end = quotedEnd(code, i);
        } else if (isIdentStart(c)) {
            end = i + 1;
            while (end < n && isIdentChar(code.at(end)))
                ++end;
            const QString word = code.mid(i, end - i);
            const qsizetype raw = at(end) == u'"' && isRawPrefix(word) ? rawEnd(code, end) : -1;
            if (raw >= 0) {
                kind = CppToken::String;
                end = raw;
            } else if (at(end) == u'"' && (isStringPrefix(word) || isRawPrefix(word))) {
                kind = CppToken::String;
                end = quotedEnd(code, end);
            } else if (at(end) == u'\'' && isStringPrefix(word)) {
                kind = CppToken::Char;
                end = quotedEnd(code, end);
            } else {
                kind = classify(word);
            }
        }
        lineStart = false;
        push(kind, i, std::min(end, n));
        i = std::min(end, n);
    }
    return spans;
}

QString highlightCpp(const QString &code)
{
    QString html;
    html.reserve(code.size() * 2);
    for (const CodeSpan &s : tokenizeCpp(code)) {
        const QString text = code.mid(s.start, s.length).toHtmlEscaped();
        if (s.kind == CppToken::Plain)
            html += text;
        else
            html += QStringLiteral("<span class=\"%1\">%2</span>").arg(tokenClass(s.kind), text);
    }
    return html;
}

QString expandIncludes(const QString &markdown, const QString &pageDir)
{
    QStringList out;
    walkFences(
        markdown,
        [&](const QString &path, const QStringList &, bool) {
            const Include inc = readInclude(pageDir, path);
            const QString body = inc.error.isEmpty() ? inc.text : inc.error;
            const QString fence = fenceFor(body);
            out << fence + (inc.error.isEmpty() ? QStringLiteral("cpp") : kErrorLanguage);
            QString trimmed = body;
            if (trimmed.endsWith(u'\n'))
                trimmed.chop(1);
            out << trimmed << fence;
        },
        [&](const QString &line) { out << line; });
    return out.join(u'\n');
}

QString highlightCodeBlocks(const QString &html)
{
    static const QRegularExpression block(
        QStringLiteral("<pre><code class=\"language-([^\"]+)\">(.*?)</code></pre>"),
        QRegularExpression::DotMatchesEverythingOption);
    return text::replaceMatches(html, block, [](const QRegularExpressionMatch &m) {
        const QString language = m.captured(1);
        if (language == u"cpp" || language == u"c++" || language == u"cxx") {
            return QStringLiteral("<pre><code class=\"language-cpp\">%1</code></pre>")
                .arg(highlightCpp(text::decodeEntities(m.captured(2))));
        }
        if (language == kErrorLanguage) {
            // Already escaped by md4c; the message is shown as it is.
            return QStringLiteral("<table class=\"codeerror\" width=\"100%\" cellspacing=\"0\" "
                                  "cellpadding=\"10\"><tr><td class=\"codeerror\"><b>Code "
                                  "missing:</b> %1</td></tr></table>")
                .arg(m.captured(2).trimmed());
        }
        return m.captured(); // another language: left as md4c wrote it
    });
}

QString codeStyleSheet(const QString &textColour)
{
    // Light text means a dark page.
    bool dark = false;
    if (textColour.size() == 7 && textColour.startsWith(u'#')) {
        bool ok = false;
        const uint rgb = textColour.mid(1).toUInt(&ok, 16);
        const uint luma =
            (299 * (rgb >> 16) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
        dark = ok && luma > 128;
    }
    // Each pair keeps at least a 4.5:1 contrast on its theme's code background.
    const QStringList c = dark ? QStringList{QStringLiteral("#d2a8ff"), QStringLiteral("#79c0ff"),
                                             QStringLiteral("#f0b27a"), QStringLiteral("#a5d6a7"),
                                             QStringLiteral("#9ba4ae"), QStringLiteral("#e3c07a"),
                                             QStringLiteral("#4a2326"), QStringLiteral("#e5534b")}
                               : QStringList{QStringLiteral("#8a2b9e"), QStringLiteral("#185f8a"),
                                             QStringLiteral("#9a3b12"), QStringLiteral("#1d6b34"),
                                             QStringLiteral("#5f6773"), QStringLiteral("#80520a"),
                                             QStringLiteral("#fdecea"), QStringLiteral("#c62828")};
    return QStringLiteral("span.kw { color: %1; font-weight: 600; }"
                          "span.ty { color: %2; }"
                          "span.st, span.ch { color: %3; }"
                          "span.nu { color: %4; }"
                          "span.co { color: %5; font-style: italic; }"
                          "span.pp { color: %6; }"
                          "table.codeerror { border-collapse: collapse; margin-top: 8px; "
                          "margin-bottom: 10px; }"
                          "td.codeerror { background-color: %7; border-left: 4px solid %8; }")
        .arg(c.at(0), c.at(1), c.at(2), c.at(3), c.at(4), c.at(5), c.at(6), c.at(7));
}

QStringList includeProblems(const QString &markdown, const QString &pageDir)
{
    QStringList problems;
    walkFences(
        markdown,
        [&](const QString &path, const QStringList &body, bool closed) {
            const Include inc = readInclude(pageDir, path);
            if (!inc.error.isEmpty())
                problems << inc.error;
            if (!closed)
                problems
                    << QStringLiteral("the include fence for \"%1\" is never closed").arg(path);
            else if (std::any_of(body.begin(), body.end(),
                                 [](const QString &l) { return !l.trimmed().isEmpty(); }))
                problems << QStringLiteral("the include fence for \"%1\" must have an empty body")
                                .arg(path);
        },
        [](const QString &) {});
    return problems;
}

} // namespace sds::content
