// The real content in content/topics and content/exercises, checked the way
// `sdstudio-cli content check` does and, independently, against the primer's anchor list kept
// under tests/data: every anchor has a page, every link resolves, every
// concept page has its parts. Then broken copies of a page show that each
// check can fail.
#include "core/content/contentcheck.h"
#include "core/content/contentpaths.h"
#include "core/content/library.h"
#include "core/diagram/scenariolibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::content;

namespace {

const QString kContent = QStringLiteral(SDS_TEST_DATA_DIR "/../../content");

QStringList scenarioIds()
{
    return sds::diagram::ScenarioLibrary::load(kContent + QStringLiteral("/scenarios")).ids();
}

CheckInput realInput()
{
    return CheckInput{
        readAnchors(QStringLiteral(SDS_TEST_DATA_DIR "/content/primer-topics.tsv")) +
            readAnchors(QStringLiteral(SDS_TEST_DATA_DIR "/content/senior-topics.tsv")),
        scenarioIds(), checkInputFor(kContent).deckIds};
}

void writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

} // namespace

class TstContentLibrary : public QObject
{
    Q_OBJECT

private slots:
    void loadsEveryPage()
    {
        const TopicLibrary lib = TopicLibrary::load(kContent + QStringLiteral("/topics"));
        QVERIFY2(lib.errors().isEmpty(), qPrintable(lib.errors().join(u'\n')));
        const int files = int(QDir(kContent + QStringLiteral("/topics"))
                                  .entryList({QStringLiteral("*.md")}, QDir::Files)
                                  .size());
        QCOMPARE(lib.topics().size(), files - 1); // all but README.md
        for (qsizetype i = 1; i < lib.topics().size(); ++i)
            QVERIFY(lib.topics().at(i - 1).order < lib.topics().at(i).order);
        QVERIFY(lib.sections().size() >= 8);
        QCOMPARE(lib.sections().first().title, QStringLiteral("Start here"));
    }

    void everyPrimerAnchorIsCovered()
    {
        const TopicLibrary lib = TopicLibrary::load(kContent + QStringLiteral("/topics"));
        const CheckInput input = realInput();
        QCOMPARE(input.anchors.size(), 81 + 19);
        QStringList missing;
        for (const QString &anchor : input.anchors) {
            if (!lib.findByAnchor(anchor))
                missing.append(anchor);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
    }

    void contentCheckIsClean()
    {
        const TopicLibrary lib = TopicLibrary::loadContent(kContent);
        const QStringList problems = checkContent(lib, realInput());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // Independent of checkContent: every topic: and scenario: link in every page.
    void everyLinkResolves()
    {
        const TopicLibrary lib = TopicLibrary::loadContent(kContent);
        const QStringList scenarios = scenarioIds();
        static const QRegularExpression link(QStringLiteral("\\]\\((topic|scenario):([a-z0-9-]+)"));
        int count = 0;
        for (const Topic &t : lib.topics()) {
            auto it = link.globalMatch(t.body);
            while (it.hasNext()) {
                const auto m = it.next();
                ++count;
                const bool ok = m.captured(1) == u"topic" ? lib.find(m.captured(2)) != nullptr
                                                          : scenarios.contains(m.captured(2));
                QVERIFY2(ok, qPrintable(t.id + QStringLiteral(": ") + m.captured(0)));
            }
        }
        QVERIFY(count > 100);
    }

    void conceptPagesHaveTheirParts()
    {
        const TopicLibrary lib = TopicLibrary::load(kContent + QStringLiteral("/topics"));
        int concepts = 0;
        for (const Topic &t : lib.topics()) {
            if (t.kind != u"topic")
                continue;
            ++concepts;
            qsizetype at = 0;
            for (const QString &h : requiredTopicSections()) {
                const qsizetype found = t.body.indexOf(QStringLiteral("\n## ") + h + u'\n', at);
                QVERIFY2(found > 0, qPrintable(t.id + QStringLiteral(" lacks ") + h));
                at = found;
            }
            QVERIFY2(!t.sources.isEmpty(), qPrintable(t.id));
            if (!t.scenario.isEmpty())
                QVERIFY2(t.body.contains(QStringLiteral("**Try it in the lab")), qPrintable(t.id));
            const int words =
                int(t.body.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)
                        .size());
            QVERIFY2(words >= 300, qPrintable(t.id + QStringLiteral(": %1 words").arg(words)));
        }
        QVERIFY(concepts >= 45);
    }

    void checkFindsBrokenPages()
    {
        QTemporaryDir dir;
        const QString head = QStringLiteral(
            "---\nid: %1\ntitle: T\nsection: S\norder: %2\nkind: topic\ncovers: [%3]\n"
            "related: [nowhere]\nscenario: no-such-lab\nsources: [ftp://x]\n---\n");
        writeFile(
            dir.filePath(QStringLiteral("a.md")),
            head.arg(QStringLiteral("a"), QStringLiteral("1"), QStringLiteral("cache")) +
                QStringLiteral("Intro [x](topic:ghost) [y](relative.md)\n\n## How it works\n\n"
                               "## Trade-offs\n\nNo table here.\n\n## Pitfalls\n\n- one\n"));
        writeFile(
            dir.filePath(QStringLiteral("b.md")),
            head.arg(QStringLiteral("b"), QStringLiteral("1"), QStringLiteral("cache, bogus")) +
                QStringLiteral("# A title\n\nText.\n"));
        writeFile(dir.filePath(QStringLiteral("c.md")), QStringLiteral("---\nid: wrong\n---\n"));
        const TopicLibrary lib = TopicLibrary::load(dir.path());
        const QStringList p =
            checkContent(lib, CheckInput{{QStringLiteral("cache"), QStringLiteral("dns")}, {}, {}});
        const QString all = p.join(u'\n');
        for (const char *expected : {
                 "c.md: line 1: missing \"title\"",
                 "a.md: related page \"nowhere\" does not exist",
                 "a.md: scenario \"no-such-lab\" does not exist",
                 "a.md: source \"ftp://x\" is not a web address",
                 "a.md: link to missing page \"ghost\"",
                 "a.md: link \"relative.md\" has no scheme",
                 "a.md: section \"How it works\" is empty",
                 "a.md: the Trade-offs section has no table",
                 "a.md: missing the \"## When to use it\" section",
                 "a.md: names scenario \"no-such-lab\" but has no call-out",
                 "b.md: order 1 is also used by a",
                 "b.md: covers \"bogus\", which is not a listed anchor",
                 "b.md: covers \"cache\", already covered by a",
                 "b.md: uses a # heading",
                 "anchor \"dns\" is covered by no page",
             }) {
            QVERIFY2(all.contains(QLatin1StringView(expected)),
                     qPrintable(QStringLiteral("expected: %1\ngot:\n%2")
                                    .arg(QLatin1StringView(expected), all)));
        }
    }

    void scenariosAreReadOnceWithTheirDiagrams()
    {
        const sds::diagram::ScenarioLibrary lib =
            sds::diagram::ScenarioLibrary::load(ContentPaths(kContent).scenarios());
        QVERIFY(lib.entries().size() >= 10);
        QVERIFY(lib.errors().isEmpty());
        const sds::diagram::ScenarioEntry *e = lib.find(QStringLiteral("cache-aside"));
        QVERIFY(e);
        QVERIFY(!e->diagram.nodes.isEmpty()); // parsed once, kept: opening it parses nothing
        QCOMPARE(e->name, e->diagram.name);
        QVERIFY(!lib.find(QStringLiteral("no-such-template")));
        for (qsizetype i = 1; i < lib.entries().size(); ++i)
            QVERIFY(lib.entries().at(i - 1).name <= lib.entries().at(i).name);
    }

    void aBrokenScenarioIsNamedAndLeftOut()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(kContent + QStringLiteral("/scenarios/cache-aside.json"),
                            dir.filePath(QStringLiteral("good.json"))));
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        const auto lib = sds::diagram::ScenarioLibrary::load(dir.path());
        QCOMPARE(lib.ids(), QStringList{QStringLiteral("good")});
        QCOMPARE(lib.errors().size(), 1);
        QVERIFY(lib.errors().first().startsWith(QStringLiteral("bad.json: ")));
    }

    void contentPathsNameEachFolderOnce()
    {
        const ContentPaths builtIn = ContentPaths::forDir({});
        QCOMPARE(builtIn.root(), QStringLiteral(":/content"));
        QCOMPARE(builtIn.decks(), QStringLiteral(":/content/decks"));
        const ContentPaths dir = ContentPaths::forDir(QStringLiteral("/tmp/c"));
        QCOMPARE(dir.topics(), QStringLiteral("/tmp/c/topics"));
        QCOMPARE(dir.exercises(), QStringLiteral("/tmp/c/exercises"));
        QCOMPARE(dir.scenarios(), QStringLiteral("/tmp/c/scenarios"));
        QCOMPARE(dir.studyPlan(), QStringLiteral("/tmp/c/study-plan.json"));
        QVERIFY(QFileInfo::exists(ContentPaths(kContent).studyPlan()));
        QVERIFY(QFileInfo(ContentPaths(kContent).decks()).isDir());
    }

    void navigationFollowsReadingOrder()
    {
        const TopicLibrary lib = TopicLibrary::load(kContent + QStringLiteral("/topics"));
        const Topic *first = &lib.topics().first();
        QCOMPARE(lib.previous(first->id), nullptr);
        const Topic *second = lib.next(first->id);
        QVERIFY(second);
        QCOMPARE(lib.previous(second->id)->id, first->id);
        QCOMPARE(lib.next(lib.topics().last().id), nullptr);
        QCOMPARE(lib.find(QStringLiteral("no-such-page")), nullptr);
        QCOMPARE(lib.findByAnchor(QStringLiteral("write-behind-write-back"))->id,
                 QStringLiteral("write-behind"));
    }
};

QTEST_APPLESS_MAIN(TstContentLibrary)
#include "tst_contentlibrary.moc"
