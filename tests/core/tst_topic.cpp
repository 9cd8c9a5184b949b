// Parsing a page's front matter and rendering its body: the fields land
// where they belong, mistakes are reported with their line, and the HTML has
// the anchors, call-outs and tables the reader relies on, with raw HTML in
// the Markdown escaped rather than passed through.
#include "core/content/pagerender.h"
#include "core/content/topic.h"

#include <QTest>

using namespace sds::content;

class TstTopic : public QObject
{
    Q_OBJECT

private slots:
    void parsesAllFields()
    {
        const QString text = QStringLiteral(
            "---\nid: cache-aside\ntitle: Cache-aside\nsection: Caching\norder: 640\nkind: topic\n"
            "covers: [cache-aside]\nrelated: [cache, write-through]\nscenario: cache-aside\n"
            "sources:\n  - https://example.org/a\n  - https://example.org/b\n---\n\nBody text.\n");
        const TopicParse r = parseTopic(text);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.topic.id, QStringLiteral("cache-aside"));
        QCOMPARE(r.topic.order, 640);
        QCOMPARE(r.topic.related,
                 (QStringList{QStringLiteral("cache"), QStringLiteral("write-through")}));
        QCOMPARE(r.topic.sources.size(), 2);
        QCOMPARE(r.topic.sources.at(1), QStringLiteral("https://example.org/b"));
        QCOMPARE(r.topic.scenario, QStringLiteral("cache-aside"));
        QCOMPARE(r.topic.body, QStringLiteral("Body text."));
        QCOMPARE(r.topic.bodyLine, 14);
    }

    void reportsMistakes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString head = QStringLiteral("---\nid: a\ntitle: A\nsection: S\norder: 1\n");
        QTest::newRow("no front matter")
            << QStringLiteral("# Title\n") << QStringLiteral("line 1:");
        QTest::newRow("unclosed") << head + QStringLiteral("kind: topic\n")
                                  << QStringLiteral("no closing");
        QTest::newRow("unknown key") << head + QStringLiteral("kind: topic\ntitel: x\n---\n")
                                     << QStringLiteral("line 7: unknown key \"titel\"");
        QTest::newRow("missing kind")
            << head + QStringLiteral("---\n") << QStringLiteral("missing \"kind\"");
        QTest::newRow("bad kind") << head + QStringLiteral("kind: essay\n---\n")
                                  << QStringLiteral("kind must be");
        QTest::newRow("bad order") << QStringLiteral("---\nid: a\norder: first\n---\n")
                                   << QStringLiteral("line 3: order must be a whole number");
        QTest::newRow("stray item") << QStringLiteral("---\nid: a\ntitle: A\n  - x\n---\n")
                                    << QStringLiteral("line 4: a list item outside a list");
        QTest::newRow("list as text") << head + QStringLiteral("kind: topic\ncovers: cache\n---\n")
                                      << QStringLiteral("\"covers\" must be a list");
        QTest::newRow("twice") << head + QStringLiteral("kind: topic\nid: b\n---\n")
                               << QStringLiteral("\"id\" appears twice");
        // Found by fuzz_topic: an empty title was taken, and the page had none.
        QTest::newRow("empty title")
            << QStringLiteral("---\nid: a\ntitle:\nsection: S\norder: 1\nkind: topic\n---\n")
            << QStringLiteral("line 3: \"title\" is empty");
        QTest::newRow("empty id")
            << QStringLiteral("---\nid:  \ntitle: A\nsection: S\norder: 1\nkind: topic\n---\n")
            << QStringLiteral("line 2: \"id\" is empty");
    }

    void reportsMistakes()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const TopicParse r = parseTopic(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    }

    void rendersCalloutsTablesAndAnchors()
    {
        Topic t;
        t.title = QStringLiteral("Cache <aside>");
        t.section = QStringLiteral("Caching");
        t.body = QStringLiteral(
            "Intro with <script>alert(1)</script> in it.\n\n## How it works\n\nText.\n\n"
            "### The miss path\n\nMore.\n\n> **Try it in the lab:** "
            "[Open](scenario:cache-aside)\n\n"
            "## Trade-offs\n\n| Advantage | Disadvantage |\n|---|---|\n| fast | stale |\n");
        t.sources = {
            QStringLiteral("https://github.com/donnemartin/system-design-primer#cache-aside")};
        const QString html = renderPage(t, PageStyle{});
        QVERIFY(html.contains(QStringLiteral("<h1>Cache &lt;aside&gt;</h1>")));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;")));
        QVERIFY(html.contains(QStringLiteral("<a name=\"how-it-works\"></a>How it works")));
        QVERIFY(html.contains(QStringLiteral("<a name=\"the-miss-path\"></a>")));
        QVERIFY(html.contains(QStringLiteral("<td class=\"callout\">")));
        QVERIFY(!html.contains(QStringLiteral("<blockquote>")));
        QVERIFY(html.contains(QStringLiteral("href=\"scenario:cache-aside\"")));
        QVERIFY(html.contains(QStringLiteral("<table class=\"grid\"")));
        QVERIFY(html.contains(QStringLiteral("<th>Advantage</th>")));
        QVERIFY(html.contains(
            QStringLiteral("github.com/donnemartin/system-design-primer#cache-aside</a>")));

        const QList<Heading> h = outline(t);
        QCOMPARE(h.size(), 4);
        QCOMPARE(h.at(0).text, QStringLiteral("How it works"));
        QCOMPARE(h.at(1).level, 3);
        QCOMPARE(h.at(3).anchor, QStringLiteral("sources"));
    }

    void plainTextDropsMarkup()
    {
        const QString text =
            plainText(QStringLiteral("## Heading\n\nA **bold** [link](topic:x) & `code`."));
        QCOMPARE(text, QStringLiteral("Heading A bold link & code ."));
    }

    void anchors()
    {
        QCOMPARE(anchorFor(QStringLiteral("When to use it")), QStringLiteral("when-to-use-it"));
        QCOMPARE(anchorFor(QStringLiteral("Trade-offs")), QStringLiteral("trade-offs"));
        QCOMPARE(anchorFor(QStringLiteral("99.9 % availability")),
                 QStringLiteral("99-9-availability"));
    }
};

QTEST_APPLESS_MAIN(TstTopic)
#include "tst_topic.moc"
