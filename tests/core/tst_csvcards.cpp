// Cards from text: CSV/TSV parsing with quoting, delimiter detection,
// header rows and Anki's header lines, column mapping and its errors; and
// Anki's card templates rendered into a card's two sides; and card HTML
// made safe and readable to show.
#include "core/cards/ankitemplate.h"
#include "core/cards/cardhtml.h"
#include "core/cards/csvcards.h"

#include <QTest>

using namespace sds::cards;

class TestCsvCards : public QObject
{
    Q_OBJECT

private slots:
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks()
    {
        QString error;
        const auto t =
            parseCsv("q1,\"a, with comma\"\r\n\"multi\nline\",\"say \"\"hi\"\"\"\n", &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->delimiter, QChar(u','));
        QCOMPARE(t->rows.size(), 2);
        QCOMPARE(t->rows[0], (QStringList{QStringLiteral("q1"), QStringLiteral("a, with comma")}));
        QCOMPARE(t->rows[1],
                 (QStringList{QStringLiteral("multi\nline"), QStringLiteral("say \"hi\"")}));
        QVERIFY(!t->html);
    }

    void delimiterIsFoundFromTheLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("tab") << QByteArray("a, b\tc, d\ne\tf\n") << "\t";
        QTest::newRow("semicolon") << QByteArray("a;b,c\nd;e\n") << ";";
        QTest::newRow("comma") << QByteArray("a,b\nc,d\n") << ",";
        QTest::newRow("named") << QByteArray("#separator:Pipe\na|b\n") << "|";
    }
    void delimiterIsFoundFromTheLines()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, delimiter);
        QString error;
        const auto t = parseCsv(text, &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(QString(t->delimiter), delimiter);
        QCOMPARE(t->rows[0].size(), 2);
    }

    void headerRowNamesTheColumns()
    {
        QString error;
        const auto t = parseCsv("Tags,Answer,Question\nnet,SYN then ACK,What opens TCP?\n", &error);
        QVERIFY(t);
        QVERIFY(t->headerRow);
        QCOMPARE(t->rows.size(), 1);
        const CsvMapping m = guessCsvMapping(*t);
        QCOMPARE(m.front, 2);
        QCOMPARE(m.back, 1);
        QCOMPARE(m.tags, 0);
        const auto batch = batchFromCsv(*t, m, QStringLiteral("Deck"), &error);
        QVERIFY(batch);
        QCOMPARE(batch->notes[0].cards[0].front, QStringLiteral("What opens TCP?"));
        QCOMPARE(batch->notes[0].tags, QStringList{QStringLiteral("net")});
        QCOMPARE(batch->notes[0].deck, QStringLiteral("Deck"));
    }

    void ankiHeaderLinesAreHonoured()
    {
        QString error;
        const auto t = parseCsv("#separator:tab\n#html:true\n#tags column:3\n#deck column:4\n"
                                "<b>Q</b>\tA\tx y\tNet::TCP\n",
                                &error);
        QVERIFY2(t, qPrintable(error));
        QVERIFY(t->html);
        const auto batch =
            batchFromCsv(*t, guessCsvMapping(*t), QStringLiteral("Fallback"), &error);
        QVERIFY(batch);
        const ImportedNote &n = batch->notes[0];
        QCOMPARE(n.cards[0].front, QStringLiteral("<b>Q</b>"));
        QCOMPARE(n.tags, (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
        QCOMPARE(n.deck, QStringLiteral("Net::TCP"));
    }

    void plainTextIsEscapedAndTheSameFrontKeepsItsGuid()
    {
        QString error;
        const auto a =
            batchFromCsv(*parseCsv("1 < 2,yes\n", &error), {}, QStringLiteral("D"), &error);
        const auto b = batchFromCsv(*parseCsv("1 < 2,changed answer\n", &error), {},
                                    QStringLiteral("D"), &error);
        QVERIFY(a && b);
        QCOMPARE(a->notes[0].cards[0].front, QStringLiteral("1 &lt; 2"));
        // Same front, same note: a second import updates it.
        QCOMPARE(a->notes[0].guid, b->notes[0].guid);
    }

    void badInputGivesAClearError_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed quote") << QByteArray("a,\"never closed\nb,c\n") << "never closed";
        QTest::newRow("binary") << QByteArray("a,b\0c", 5) << "not text";
        QTest::newRow("empty") << QByteArray("\n\n") << "no rows";
    }
    void badInputGivesAClearError()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!parseCsv(text, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void mappingErrors()
    {
        QString error;
        const auto t = parseCsv("a,b\n,only back\n", &error);
        QVERIFY(t);
        CsvMapping m;
        m.tags = 5;
        QVERIFY(!batchFromCsv(*t, m, QStringLiteral("D"), &error));
        QVERIFY2(error.contains(QStringLiteral("column 6")), qPrintable(error));
        m = {};
        m.back = 0;
        QVERIFY(!batchFromCsv(*t, m, QStringLiteral("D"), &error));
        QVERIFY2(error.contains(QStringLiteral("two different columns")), qPrintable(error));
        // A row with an empty front is skipped and said so.
        const auto batch = batchFromCsv(*t, {}, QStringLiteral("D"), &error);
        QVERIFY(batch);
        QCOMPARE(batch->notes.size(), 1);
        QCOMPARE(batch->warnings.size(), 1);
    }

    void templatesRenderBothSides()
    {
        const QHash<QString, QString> fields = {
            {QStringLiteral("Front"), QStringLiteral("Q")},
            {QStringLiteral("Back"), QStringLiteral("<i>A</i>")},
            {QStringLiteral("Extra"), QString()}};
        const RenderedCard c = renderAnkiCard(
            QStringLiteral(
                "{{Front}}{{#Extra}} ({{Extra}}){{/Extra}}{{^Extra}} [no extra]{{/Extra}}"
                "{{type:Back}}"),
            QStringLiteral("{{FrontSide}}\n<hr id=answer>\n{{Back}} [sound:a.mp3] {{text:Back}}"),
            fields);
        // Front: Extra is empty, so its section goes and the inverted one
        // stays; {{type:Back}} draws no input box here.
        QCOMPARE(c.front, QStringLiteral("Q [no extra]"));
        // Back, worked out from the template: {{FrontSide}} renders empty
        // (the app shows the front above the answer) and the leading
        // <hr id=answer> goes, leaving "<i>A</i>", a space, the sound tag
        // dropped, a space, and {{text:Back}}, the field without its markup:
        // "A". Hence the two spaces.
        QCOMPARE(c.back, QStringLiteral("<i>A</i>  A"));
        QVERIFY(!c.back.contains(QStringLiteral("[sound:")));
    }

    void clozeShowsOneDeletionAtATime()
    {
        const QHash<QString, QString> fields = {
            {QStringLiteral("Text"),
             QStringLiteral("{{c1::Paris}} is in {{c2::France::country}}")}};
        const RenderedCard c2 = renderAnkiCard(QStringLiteral("{{cloze:Text}}"),
                                               QStringLiteral("{{cloze:Text}}"), fields, 2);
        QCOMPARE(c2.front, QStringLiteral("Paris is in <b class=\"cloze\">[country]</b>"));
        QCOMPARE(c2.back, QStringLiteral("Paris is in <b class=\"cloze\">France</b>"));
    }

    void htmlToPlainTextDecodesEntities()
    {
        QCOMPARE(htmlToPlainText(QStringLiteral("<p>a&nbsp;&lt;b&gt;<br>c &amp; &#233;&#x41;</p>"
                                                "<style>x{}</style>")),
                 QStringLiteral("a <b> c & éA"));
    }

    void shownHtmlKeepsMeaningNotLooks()
    {
        const QString shown = sanitizeHtml(QStringLiteral(
            "<p style=\"color: rgb(36, 41, 46); font-family: &quot;Segoe UI&quot;; font-weight: "
            "600\">x</p><span style='background:#fff'>y</span>"
            "<img src=\"file:///home/me/.ssh/id_rsa\"><img src=\"diagram.png\">"
            "<img src=\"https://i.imgur.com/a.png\"><a href=\"javascript:alert(1)\">z</a>"
            "<script>alert(2)</script>"));
        QVERIFY2(!shown.contains(QStringLiteral("color")), qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("font-family")));
        QVERIFY(!shown.contains(QStringLiteral("background")));
        QVERIFY(shown.contains(QStringLiteral("style=\"font-weight: 600\"")));
        QVERIFY(!shown.contains(QStringLiteral("file:")));
        QVERIFY(shown.contains(QStringLiteral("[image not shown]")));
        QVERIFY(shown.contains(QStringLiteral("<img src=\"diagram.png\">")));
        QVERIFY(shown.contains(QStringLiteral("remote image not loaded")));
        QVERIFY(!shown.contains(QStringLiteral("javascript")));
        QVERIFY(!shown.contains(QStringLiteral("alert")));
        QCOMPARE(localImages(shown), QStringList{QStringLiteral("diagram.png")});
    }
};

QTEST_GUILESS_MAIN(TestCsvCards)
#include "tst_csvcards.moc"
