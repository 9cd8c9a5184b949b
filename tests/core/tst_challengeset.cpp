// The challenges we ship: each parses, its reference design solves it with
// every goal passing outright, and its naive design does not.

#include "core/challenge/challengelibrary.h"
#include "core/challenge/grader.h"
#include "core/challenge/lockdesign.h"
#include "core/content/contentpaths.h"
#include "core/diagram/scenariolibrary.h"

#include <QTest>

using namespace sds::challenge;

class TestChallengeSet : public QObject
{
    Q_OBJECT

    sds::diagram::ScenarioLibrary m_scenarios;
    ChallengeLibrary m_library;

private slots:
    void initTestCase()
    {
        const sds::content::ContentPaths paths;
        m_scenarios = sds::diagram::ScenarioLibrary::load(paths.scenarios());
        m_library = ChallengeLibrary::load(paths.challenges(), [this](const QString &id) {
            const auto *e = m_scenarios.find(id);
            return e ? &e->diagram : nullptr;
        });
    }

    void everyFileLoads()
    {
        QVERIFY2(m_library.errors().isEmpty(),
                 qPrintable(m_library.errors().join(QLatin1Char('\n'))));
        QVERIFY(!m_library.entries().isEmpty());
        QSet<int> orders;
        for (const Challenge &c : m_library.entries()) {
            QVERIFY2(!orders.contains(c.order),
                     qPrintable(c.id + QStringLiteral(" shares its order")));
            orders.insert(c.order);
        }
    }

    void referenceSolvesNaiveDoesNot_data()
    {
        QTest::addColumn<QString>("id");
        for (const Challenge &c : m_library.entries())
            QTest::newRow(qPrintable(c.id)) << c.id;
    }

    void referenceSolvesNaiveDoesNot()
    {
        QFETCH(QString, id);
        const Challenge *c = m_library.find(id);
        QVERIFY(c);
        const auto ref = grade(*c, c->reference);
        QVERIFY2(ref, qPrintable(ref ? QString() : ref.error()));
        for (const GoalResult &g : ref->goals)
            QVERIFY2(g.verdict == Verdict::Pass,
                     qPrintable(QStringLiteral("reference: goal %1 is %2 (%3 [%4, %5] against %6)")
                                    .arg(g.goal.id, verdictKey(g.verdict))
                                    .arg(g.value.mean)
                                    .arg(g.value.low)
                                    .arg(g.value.high)
                                    .arg(g.goal.limit)));
        QVERIFY(ref->solved);
        QCOMPARE(ref->seeds, c->seeds); // nothing was close enough to need more seeds
        QVERIFY(ref->notes.isEmpty());  // every scripted fault found its target

        const auto naive = grade(*c, c->naive);
        QVERIFY2(naive, qPrintable(naive ? QString() : naive.error()));
        QVERIFY(!naive->solved);
        const bool clearFail =
            std::any_of(naive->goals.begin(), naive->goals.end(),
                        [](const GoalResult &g) { return g.verdict == Verdict::Fail; });
        QVERIFY2(clearFail, "the naive design should fail a goal outright, not only come close");
        QVERIFY(!naive->hints.isEmpty());

        // The starting canvas is where a learner begins: it must lock and run.
        QVERIFY(lockDesign(*c, c->start));

        // The lazy answer: every client straight into one web tier, sized to
        // run at 60 % busy, that answers everything itself. It must not pass.
        sds::diagram::DiagramData lazy = c->start;
        lazy.edges.clear();
        double rate = 0;
        for (const sds::diagram::Node &n : c->start.nodes)
            if (n.kind == sds::diagram::NodeKind::Client) {
                rate += n.real(u"rate_rps") * std::max(1.0, n.real(u"spike_factor"));
                sds::diagram::Edge e;
                e.from = n.id;
                e.to = QStringLiteral("lazy-web");
                lazy.edges.append(e);
            }
        double serviceMs = 5;
        for (const Work &w : c->work)
            if (w.kind == u"web_server")
                serviceMs = w.least.value(QStringLiteral("service_ms"));
        sds::diagram::Node web;
        web.id = QStringLiteral("lazy-web");
        web.kind = sds::diagram::NodeKind::WebServer;
        web.params.insert(QStringLiteral("servers"), int(rate * serviceMs / 1000 / 0.6) + 2);
        lazy.nodes.append(web);
        const auto lazyGrade = grade(*c, lazy);
        QVERIFY2(!lazyGrade || !lazyGrade->solved, "a web tier alone solves the challenge");
    }
};

QTEST_GUILESS_MAIN(TestChallengeSet)
#include "tst_challengeset.moc"
