// Code in pages: the C++ highlighter, include fences, and how a page with
// them renders and is checked.
#include "core/content/codeblocks.h"
#include "core/content/contentcheck.h"
#include "core/content/library.h"
#include "core/content/pagerender.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::content;

namespace {

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QStringList strs(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

// The tokens as "class:text" pairs, Plain ones left out, for readable comparisons.
QStringList tokens(const QString &code)
{
    QStringList out;
    for (const CodeSpan &s : tokenizeCpp(code)) {
        if (s.kind != CppToken::Plain)
            out << tokenClass(s.kind) + u':' + code.mid(s.start, s.length);
    }
    return out;
}

} // namespace

class TestCodeBlocks : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("declaration")
            << "const int x = 42;" << strs({"kw:const", "ty:int", "nu:42"});
        QTest::newRow("escaped quote") << "a<b && \"x\\\"y\"" << strs({"st:\"x\\\"y\""});
        QTest::newRow("line comment hides a string")
            << "x; // say \"hi\"\nreturn;" << strs({"co:// say \"hi\"", "kw:return"});
        QTest::newRow("block comment over lines")
            << "/* one\ntwo */ bool" << strs({"co:/* one\ntwo */", "ty:bool"});
        QTest::newRow("preprocessor with trailing comment")
            << "#include <vector> // why\nint"
            << strs({"pp:#include <vector> ", "co:// why", "ty:int"});
        QTest::newRow("indented preprocessor") << "  #pragma once" << strs({"pp:#pragma once"});
        QTest::newRow("hash inside a line is not a directive") << "a # b" << strs({});
        QTest::newRow("char literals") << "c = '\\''; d = 'x';" << strs({"ch:'\\''", "ch:'x'"});
        QTest::newRow("digit separators and suffixes")
            << "1'000'000 + 0x1Fu + 2.5e-3f" << strs({"nu:1'000'000", "nu:0x1Fu", "nu:2.5e-3f"});
        QTest::newRow("raw string with quotes and parentheses")
            << "auto s = R\"x(a \")\" b)x\"; int"
            << strs({"kw:auto", "st:R\"x(a \")\" b)x\"", "ty:int"});
        QTest::newRow("prefixed literals")
            << "u8\"text\" L'w'" << strs({"st:u8\"text\"", "ch:L'w'"});
        QTest::newRow("unterminated string stops at the line end")
            << "\"open\nint" << strs({"st:\"open", "ty:int"});
        QTest::newRow("types by spelling") << "LruCache<Key> kMax MAX_SIZE std::optional"
                                           << strs({"ty:LruCache", "ty:Key", "ty:optional"});
        QTest::newRow("identifiers that contain keywords") << "format intValue iffy" << strs({});
    }

    void tokens()
    {
        QFETCH(QString, code);
        QFETCH(QStringList, expected);
        QCOMPARE(::tokens(code), expected);
    }

    void spansCoverTheText()
    {
        const QString code = QStringLiteral(
            "#pragma once\n// c\nint main() { return \"s\"[0] + 'c' + 1.5; } /* end");
        qsizetype at = 0;
        CppToken previous = CppToken::Plain;
        bool first = true;
        for (const CodeSpan &s : tokenizeCpp(code)) {
            QCOMPARE(s.start, at);
            QVERIFY(s.length > 0);
            if (!first)
                QVERIFY(s.kind != previous); // neighbours are merged
            previous = s.kind;
            first = false;
            at += s.length;
        }
        QCOMPARE(at, code.size());
    }

    void htmlIsEscaped()
    {
        QCOMPARE(
            highlightCpp(QStringLiteral("a<b && \"x\\\"y\"")),
            QStringLiteral("a&lt;b &amp;&amp; <span class=\"st\">&quot;x\\&quot;y&quot;</span>"));
        QCOMPARE(highlightCpp(QStringLiteral("#include <map>")),
                 QStringLiteral("<span class=\"pp\">#include &lt;map&gt;</span>"));
    }

    void renderedBlocksAreHighlighted()
    {
        const QString html = markdownToHtml(
            QStringLiteral("```cpp\nif (a < b) return;\n```\n\n```c++\nint x;\n```\n\n"
                           "```python\nif a < b: pass\n```\n"));
        QVERIFY(html.contains(QStringLiteral(
            "<span class=\"kw\">if</span> (a &lt; b) <span class=\"kw\">return</span>;")));
        QVERIFY(html.contains(QStringLiteral("<span class=\"ty\">int</span> x;")));
        // Other languages are left as md4c wrote them.
        QVERIFY(html.contains(QStringLiteral("<code class=\"language-python\">if a &lt; b: pass")));
    }

    void includeIsExpanded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("ood/demo.h")),
                          "// why\nstruct Demo { int size = 3; };\n"));
        const QString md =
            QStringLiteral("Intro.\n\n```cpp include=ood/demo.h\n```\n\nAfter the code.\n");
        const QString expanded = expandIncludes(md, dir.path());
        QVERIFY(expanded.contains(
            QStringLiteral("```cpp\n// why\nstruct Demo { int size = 3; };\n```")));
        QVERIFY(expanded.startsWith(QStringLiteral("Intro.\n\n")));
        QVERIFY(expanded.endsWith(QStringLiteral("After the code.\n")));
        QVERIFY(includeProblems(md, dir.path()).isEmpty());

        Topic page;
        page.id = QStringLiteral("demo");
        page.title = QStringLiteral("Demo");
        page.body = md;
        page.path = dir.filePath(QStringLiteral("demo.md"));
        const QString html = renderPage(page, PageStyle{});
        QVERIFY(html.contains(QStringLiteral("<span class=\"kw\">struct</span> "
                                             "<span class=\"ty\">Demo</span>")));
        QVERIFY(html.contains(QStringLiteral("<span class=\"co\">// why</span>")));
        QVERIFY(html.contains(QStringLiteral("span.kw {")));
        QVERIFY(!html.contains(QStringLiteral("codeerror\"")));
        QVERIFY(html.contains(QStringLiteral("After the code.")));
    }

    void includedBackticksCannotCloseTheFence()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("ood/ticks.h")),
                          "// a ``` fence in a comment\nint after;\n"));
        const QString html = markdownToHtml(
            expandIncludes(QStringLiteral("```cpp include=ood/ticks.h\n```\n"), dir.path()));
        QVERIFY(html.contains(QStringLiteral("<span class=\"ty\">int</span> after;")));
        QCOMPARE(html.count(QStringLiteral("<pre>")), 1);
    }

    // QTextBrowser ignores padding on <pre>: every code block, in a call-out
    // too, is a one-cell table whose cell padding keeps the text off its edges.
    void codeBlocksSitInPaddedCells()
    {
        Topic page;
        page.id = QStringLiteral("demo");
        page.title = QStringLiteral("Demo");
        page.body = QStringLiteral("Text.\n\n```cpp\nint a;\n```\n\n    indented code\n\n"
                                   "> A tip:\n>\n> ```\n> plain\n> ```\n");
        const QString html = renderPage(page, PageStyle{});
        const QString open =
            QStringLiteral("<table class=\"code\" width=\"100%\" cellspacing=\"0\" "
                           "cellpadding=\"10\"><tr><td class=\"code\"><pre>");
        QCOMPARE(html.count(QStringLiteral("<pre>")), 3);
        QCOMPARE(html.count(open), 3);
        QCOMPARE(html.count(QStringLiteral("</pre></td></tr></table>")), 3);
        QVERIFY(html.contains(QStringLiteral("td.code { background-color: #f2f4f7;")));
        // The fragment for search and the outline stays as md4c wrote it.
        QVERIFY(!markdownToHtml(page.body).contains(QStringLiteral("class=\"code\"")));
    }

    void missingIncludeIsAnErrorBox()
    {
        QTemporaryDir dir;
        Topic page;
        page.id = QStringLiteral("demo");
        page.title = QStringLiteral("Demo");
        page.body = QStringLiteral("Before.\n\n```cpp include=ood/nope.h\n```\n\nAfter.\n");
        page.path = dir.filePath(QStringLiteral("demo.md"));
        const QString html = renderPage(page, PageStyle{});
        QVERIFY(html.contains(QStringLiteral("<td class=\"codeerror\">")));
        QVERIFY(
            html.contains(QStringLiteral("cannot include &quot;ood/nope.h&quot;: no such file")));
        QVERIFY(html.contains(QStringLiteral("Before.")));
        QVERIFY(html.contains(QStringLiteral("After.")));
        QCOMPARE(includeProblems(page.body, dir.path()),
                 QStringList{QStringLiteral("cannot include \"ood/nope.h\": no such file")});

        // A page that was not read from a folder cannot include anything.
        page.path.clear();
        QVERIFY(renderPage(page, PageStyle{}).contains(QStringLiteral("<td class=\"codeerror\">")));
    }

    void includeCannotLeaveThePageFolder()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("secret.h")), "int secret = 1;\n"));
        const QString pageDir = dir.filePath(QStringLiteral("exercises"));
        QVERIFY(QDir().mkpath(pageDir));
        for (const QString &path :
             {QStringLiteral("../secret.h"), dir.filePath(QStringLiteral("secret.h")),
              QStringLiteral("ood/../../secret.h")}) {
            const QString md = QStringLiteral("```cpp include=%1\n```\n").arg(path);
            const QString expanded = expandIncludes(md, pageDir);
            QVERIFY2(!expanded.contains(QStringLiteral("secret = 1")), qPrintable(path));
            QVERIFY(expanded.contains(QStringLiteral("must not climb out")));
            QCOMPARE(includeProblems(md, pageDir).size(), 1);
        }
    }

    void fencesInsideOtherFencesAreLeftAlone()
    {
        // The exercises README shows an include fence inside a longer fence.
        const QString md = QStringLiteral("````\n```cpp include=ood/none.h\n```\n````\n");
        QCOMPARE(expandIncludes(md, QStringLiteral("/nonexistent")), md);
        QVERIFY(includeProblems(md, QStringLiteral("/nonexistent")).isEmpty());
    }

    void includeFenceMustBeEmptyAndClosed()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("ood/a.h")), "int a;\n"));
        QCOMPARE(includeProblems(QStringLiteral("```cpp include=ood/a.h\nint copied;\n```\n"),
                                 dir.path()),
                 QStringList{
                     QStringLiteral("the include fence for \"ood/a.h\" must have an empty body")});
        QCOMPARE(includeProblems(QStringLiteral("```cpp include=ood/a.h\n"), dir.path()),
                 QStringList{QStringLiteral("the include fence for \"ood/a.h\" is never closed")});
        // The body is never shown in place of the file.
        const QString expanded = expandIncludes(
            QStringLiteral("```cpp include=ood/a.h\nint copied;\n```\n"), dir.path());
        QVERIFY(expanded.contains(QStringLiteral("int a;")));
        QVERIFY(!expanded.contains(QStringLiteral("copied")));
    }

    void contentCheckReportsAMissingInclude()
    {
        QTemporaryDir root;
        QVERIFY(writeFile(root.filePath(QStringLiteral("exercises/ood/there.h")), "int x;\n"));
        const QByteArray page = "---\nid: ood-demo\ntitle: Demo\nsection: Object-oriented design\n"
                                "order: 2110\nkind: ood\ncovers: []\nrelated: []\nsources:\n"
                                "  - https://example.org/demo\n---\n\nThe problem.\n\n"
                                "## Step 1: Code\n\nWrite it.\n\n### Solution\n\n"
                                "```cpp include=ood/there.h\n```\n\n"
                                "```cpp include=ood/missing.h\n```\n";
        QVERIFY(writeFile(root.filePath(QStringLiteral("exercises/ood-demo.md")), page));
        const TopicLibrary library = TopicLibrary::loadContent(root.path());
        QVERIFY2(library.find(QStringLiteral("ood-demo")),
                 qPrintable(library.errors().join(u'\n')));
        const QStringList problems = checkContent(library, CheckInput{});
        const QStringList includes = problems.filter(QStringLiteral("ood-demo.md: cannot include"));
        QCOMPARE(includes.size(), 1);
        QVERIFY2(includes.first().endsWith(QStringLiteral("\"ood/missing.h\": no such file")),
                 qPrintable(includes.first()));
    }

    void styleSheetFollowsTheTheme()
    {
        const QString light = codeStyleSheet(PageStyle{}.text);
        const QString dark = codeStyleSheet(QStringLiteral("#e8eaed"));
        for (const QString &css : {light, dark}) {
            for (const char *cls :
                 {"span.kw", "span.ty", "span.st", "span.nu", "span.co", "span.pp", "td.codeerror"})
                QVERIFY2(css.contains(QLatin1String(cls)), cls);
        }
        QVERIFY(light != dark);
        // An unreadable colour falls back to the light theme rather than failing.
        QCOMPARE(codeStyleSheet(QStringLiteral("not a colour")), light);
    }
};

QTEST_APPLESS_MAIN(TestCodeBlocks)
#include "tst_codeblocks.moc"
