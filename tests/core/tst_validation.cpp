#include "core/diagram/validation.h"
#include "simtestutil.h"

using namespace simtest;
using sds::diagram::Problem;

namespace {

QString errorsOf(const DiagramData &d)
{
    QStringList out;
    for (const Problem &p : sds::diagram::checkDiagram(d)) {
        if (p.isError())
            out << p.message;
    }
    return out.join(u'\n');
}

const QString C = QStringLiteral("c");

} // namespace

Q_DECLARE_METATYPE(DiagramData)

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void aSoundDiagramHasNoProblems()
    {
        const auto d =
            diagram({node(C, NodeKind::Client), node(QStringLiteral("lb"), NodeKind::LoadBalancer),
                     node(QStringLiteral("w"), NodeKind::WebServer),
                     node(QStringLiteral("k"), NodeKind::Cache),
                     node(QStringLiteral("db"), NodeKind::SqlDatabase)},
                    {edge(C, QStringLiteral("lb")), edge(QStringLiteral("lb"), QStringLiteral("w")),
                     edge(QStringLiteral("w"), QStringLiteral("k")),
                     edge(QStringLiteral("k"), QStringLiteral("db"))},
                    60, 5);
        QVERIFY(sds::diagram::checkDiagram(d).isEmpty());
    }

    void problemsNameWhatIsWrong_data()
    {
        QTest::addColumn<DiagramData>("d");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("nodeId");
        const QString W = QStringLiteral("w");
        QTest::newRow("no client") << diagram({node(W, NodeKind::WebServer)}, {}, 60, 5)
                                   << QStringLiteral("no client") << QString();
        QTest::newRow("lonely client") << diagram({node(C, NodeKind::Client)}, {}, 60, 5)
                                       << QStringLiteral("not connected") << C;
        QTest::newRow("client receives")
            << diagram({node(C, NodeKind::Client), node(W, NodeKind::WebServer)},
                       {edge(C, W), edge(W, C)}, 60, 5)
            << QStringLiteral("clients only send") << C;
        QTest::newRow("loop with no exit")
            << diagram({node(C, NodeKind::Client), node(W, NodeKind::WebServer),
                        node(QStringLiteral("a"), NodeKind::AppService)},
                       {edge(C, W), edge(W, QStringLiteral("a")), edge(QStringLiteral("a"), W)}, 60,
                       5)
            << QStringLiteral("loop with no exit") << W;
        QTest::newRow("probabilities over one")
            << diagram({node(C, NodeKind::Client), node(W, NodeKind::WebServer),
                        node(QStringLiteral("a"), NodeKind::AppService),
                        node(QStringLiteral("b"), NodeKind::AppService)},
                       {edge(C, W), edge(W, QStringLiteral("a"), 0.7),
                        edge(W, QStringLiteral("b"), 0.6)},
                       60, 5)
            << QStringLiteral("add up to 1.3") << W;
        QTest::newRow("mixed probabilities")
            << diagram(
                   {node(C, NodeKind::Client), node(W, NodeKind::WebServer),
                    node(QStringLiteral("a"), NodeKind::AppService),
                    node(QStringLiteral("b"), NodeKind::AppService)},
                   {edge(C, W), edge(W, QStringLiteral("a"), 0.5), edge(W, QStringLiteral("b"))},
                   60, 5)
            << QStringLiteral("or none") << W;
        QTest::newRow("queue without workers")
            << diagram(
                   {node(C, NodeKind::Client), node(QStringLiteral("q"), NodeKind::MessageQueue)},
                   {edge(C, QStringLiteral("q"))}, 60, 5)
            << QStringLiteral("no worker pool") << QStringLiteral("q");
        QTest::newRow("queue into a web server")
            << diagram({node(C, NodeKind::Client),
                        node(QStringLiteral("q"), NodeKind::MessageQueue),
                        node(W, NodeKind::WebServer)},
                       {edge(C, QStringLiteral("q")), edge(QStringLiteral("q"), W)}, 60, 5)
            << QStringLiteral("only hand messages to a worker pool") << QStringLiteral("q");
        QTest::newRow("cache without store")
            << diagram({node(C, NodeKind::Client), node(QStringLiteral("k"), NodeKind::Cache)},
                       {edge(C, QStringLiteral("k"))}, 60, 5)
            << QStringLiteral("no store behind it") << QStringLiteral("k");
        QTest::newRow("balancer without targets")
            << diagram(
                   {node(C, NodeKind::Client), node(QStringLiteral("lb"), NodeKind::LoadBalancer)},
                   {edge(C, QStringLiteral("lb"))}, 60, 5)
            << QStringLiteral("no servers behind it") << QStringLiteral("lb");
        QTest::newRow("database forwarding")
            << diagram({node(C, NodeKind::Client),
                        node(QStringLiteral("db"), NodeKind::SqlDatabase),
                        node(W, NodeKind::WebServer)},
                       {edge(C, QStringLiteral("db")), edge(QStringLiteral("db"), W)}, 60, 5)
            << QStringLiteral("answers requests itself") << QStringLiteral("db");
        QTest::newRow("warm-up too long")
            << diagram({node(C, NodeKind::Client), node(W, NodeKind::WebServer)}, {edge(C, W)}, 10,
                       10)
            << QStringLiteral("warm-up (10 s) must be shorter") << QString();
    }

    void problemsNameWhatIsWrong()
    {
        QFETCH(DiagramData, d);
        QFETCH(QString, message);
        QFETCH(QString, nodeId);
        const auto problems = sds::diagram::checkDiagram(d);
        const Problem *found = nullptr;
        for (const Problem &p : problems) {
            if (p.isError() && p.message.contains(message) && !found)
                found = &p;
        }
        QVERIFY2(found, qPrintable(errorsOf(d)));
        QCOMPARE(found->nodeId, nodeId);
    }

    void unreachableNodesAreWarningsNotErrors()
    {
        const auto d =
            diagram({node(C, NodeKind::Client), node(QStringLiteral("w"), NodeKind::WebServer),
                     node(QStringLiteral("spare"), NodeKind::WebServer)},
                    {edge(C, QStringLiteral("w"))}, 60, 5);
        const auto problems = sds::diagram::checkDiagram(d);
        QCOMPARE(problems.size(), 1);
        QVERIFY(!problems[0].isError());
        QCOMPARE(problems[0].nodeId, QStringLiteral("spare"));
    }

    void aLoopWithAnExitIsFine()
    {
        const auto d = diagram(
            {node(C, NodeKind::Client), node(QStringLiteral("w"), NodeKind::WebServer),
             node(QStringLiteral("a"), NodeKind::AppService)},
            {edge(C, QStringLiteral("w")), edge(QStringLiteral("w"), QStringLiteral("a"), 0.5),
             edge(QStringLiteral("a"), QStringLiteral("w"), 1.0)},
            60, 5);
        QVERIFY2(errorsOf(d).isEmpty(), qPrintable(errorsOf(d)));
    }
};

QTEST_APPLESS_MAIN(TestValidation)
#include "tst_validation.moc"
