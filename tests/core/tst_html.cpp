// The HTML text helpers the reader and the cards share: entity decoding,
// tag stripping and the regex rewrite loop.
#include "core/text/html.h"

#include <QTest>

using namespace sds::text;

class TestHtml : public QObject
{
    Q_OBJECT

private slots:
    void decodesWhatMd4cEscapes_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");
        QTest::newRow("all five") << "&lt;a href=&quot;x&quot;&gt;it&#39;s &amp; more"
                                  << "<a href=\"x\">it's & more";
        // &amp; goes last, so an escaped entity stays an entity.
        QTest::newRow("escaped entity") << "&amp;lt;b&amp;gt;"
                                        << "&lt;b&gt;";
        QTest::newRow("others untouched") << "a&nbsp;b &#x41; &copy;"
                                          << "a&nbsp;b &#x41; &copy;";
        QTest::newRow("plain") << "no entities"
                               << "no entities";
        QTest::newRow("empty") << ""
                               << "";
    }
    void decodesWhatMd4cEscapes()
    {
        QFETCH(QString, html);
        QFETCH(QString, expected);
        QCOMPARE(decodeEntities(html), expected);
    }

    void stripsTagsToOneLine_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tags separate words") << "a<br>b"
                                             << "a b";
        QTest::newRow("markup inside a word")
            << "<p>  Little&#39;s <code>L</code>\n law &amp; more </p>"
            << "Little's L law & more";
        QTest::newRow("decoded after stripping") << "&lt;b&gt;x"
                                                 << "<b>x";
        QTest::newRow("no tags") << "plain"
                                 << "plain";
    }
    void stripsTagsToOneLine()
    {
        QFETCH(QString, html);
        QFETCH(QString, expected);
        QCOMPARE(stripTags(html), expected);
    }

    // With a constant replacement the loop must do what QString::replace does,
    // including matches at either end and empty matches.
    void matchesQStringReplace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("middle") << "one two three"
                                << "two";
        QTest::newRow("both ends") << "xaxbx"
                                   << "x";
        QTest::newRow("no match") << "abc"
                                  << "z";
        QTest::newRow("empty text") << ""
                                    << "a";
        QTest::newRow("empty matches") << "abc"
                                       << "x*";
        QTest::newRow("lookahead") << "abcb"
                                   << "(?=b)";
        QTest::newRow("across lines") << "<h2>a\nb</h2> <h2>c</h2>"
                                      << "<h2>[^<]*</h2>";
    }
    void matchesQStringReplace()
    {
        QFETCH(QString, text);
        QFETCH(QString, pattern);
        const QRegularExpression re(pattern);
        QVERIFY(re.isValid());
        const QString expected = QString(text).replace(re, QStringLiteral("[-]"));
        QCOMPARE(
            replaceMatches(text, re,
                           [](const QRegularExpressionMatch &) { return QStringLiteral("[-]"); }),
            expected);
    }

    void replacementSeesTheMatch()
    {
        const QRegularExpression re(QStringLiteral("<b>(\\w+)</b>"));
        const QString text = QStringLiteral("say <b>hello</b> to <b>qt</b>!");
        QStringList seen;
        const QString out = replaceMatches(text, re, [&](const QRegularExpressionMatch &m) {
            seen << m.captured(1);
            return m.captured(1).toUpper();
        });
        QCOMPARE(out, QStringLiteral("say HELLO to QT!"));
        QCOMPARE(seen, QStringList({QStringLiteral("hello"), QStringLiteral("qt")}));
    }

    void keepsOrDropsMatches()
    {
        const QRegularExpression re(QStringLiteral("\\d+"));
        const QString text = QStringLiteral("a1b22c333");
        // Returning the match keeps it; an empty string removes it.
        QCOMPARE(replaceMatches(text, re,
                                [](const QRegularExpressionMatch &m) {
                                    return m.captured().size() == 2 ? m.captured() : QString();
                                }),
                 QStringLiteral("ab22c"));
    }
};

QTEST_APPLESS_MAIN(TestHtml)
#include "tst_html.moc"
