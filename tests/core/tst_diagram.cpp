#include "core/diagram/diagram.h"

#include <QSignalSpy>
#include <QTest>

using namespace sds::diagram;
using Kind = DiagramChange::Kind;

Q_DECLARE_METATYPE(sds::diagram::DiagramChange)

namespace {

Node makeNode(const QString &id, NodeKind kind)
{
    Node n;
    n.id = id;
    n.kind = kind;
    return n;
}

Edge makeEdge(const QString &from, const QString &to)
{
    Edge e;
    e.from = from;
    e.to = to;
    return e;
}

} // namespace

class TestDiagram : public QObject
{
    Q_OBJECT

private:
    // Runs @p edit and checks it emitted exactly one change of @p kind about @p id.
    template <typename F>
    static void expectOneChange(Diagram &d, Kind kind, const QString &id, F edit)
    {
        QSignalSpy spy(&d, &Diagram::changed);
        const QString error = edit();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(spy.count(), 1);
        const auto change = spy.at(0).at(0).value<DiagramChange>();
        QCOMPARE(int(change.kind), int(kind));
        QCOMPARE(change.id, id);
    }

    template <typename F> static void expectRefusal(Diagram &d, const QString &message, F edit)
    {
        const DiagramData before = d.data();
        QSignalSpy spy(&d, &Diagram::changed);
        const QString error = edit();
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(d.data().nodes.size(), before.nodes.size());
        QCOMPARE(d.data().edges.size(), before.edges.size());
    }

private slots:
    void initTestCase() { qRegisterMetaType<DiagramChange>(); }

    void everyEditEmitsOneChange()
    {
        Diagram d;
        const QString u = QStringLiteral("u"), w = QStringLiteral("w");
        expectOneChange(d, Kind::NodeAdded, u,
                        [&] { return d.addNode(makeNode(u, NodeKind::Client)); });
        expectOneChange(d, Kind::NodeAdded, w,
                        [&] { return d.addNode(makeNode(w, NodeKind::WebServer)); });
        QString edgeId;
        expectOneChange(d, Kind::EdgeAdded, QStringLiteral("e1"),
                        [&] { return d.addEdge(makeEdge(u, w), &edgeId); });
        QCOMPARE(edgeId, QStringLiteral("e1"));
        expectOneChange(d, Kind::NodeMoved, w, [&] { return d.moveNode(w, 10, 20); });
        QCOMPARE(d.data().node(w)->x, 10.0);
        expectOneChange(d, Kind::NodeChanged, w,
                        [&] { return d.setNodeLabel(w, QStringLiteral("Web")); });
        expectOneChange(d, Kind::NodeChanged, w,
                        [&] { return d.setNodeParam(w, QStringLiteral("servers"), 12); });
        QCOMPARE(d.data().node(w)->integer(u"servers"), 12);
        Edge e = d.data().edges[0];
        e.latencyMs = 15;
        expectOneChange(d, Kind::EdgeChanged, edgeId, [&] { return d.setEdge(e); });
        expectOneChange(d, Kind::FaultsChanged, QString(), [&] {
            return d.setFaults({{w, 5, 5, {}}});
        });
        RunSettings run;
        run.durationS = 30;
        expectOneChange(d, Kind::RunChanged, QString(), [&] { return d.setRun(run); });
        expectOneChange(d, Kind::WorkloadChanged, QString(), [&] {
            d.setWorkload(Workload{500, 1.2, {}});
            return QString();
        });
        expectOneChange(d, Kind::EdgeRemoved, edgeId, [&] { return d.removeEdge(edgeId); });
        expectOneChange(d, Kind::Reset, QString(), [&] {
            d.reset({});
            return QString();
        });
        QVERIFY(d.data().nodes.isEmpty());
    }

    void removingANodeTakesItsEdgesAndFaults()
    {
        Diagram d;
        for (const char *id : {"a", "b", "c"})
            QVERIFY(d.addNode(makeNode(QLatin1String(id), NodeKind::WebServer)).isEmpty());
        QVERIFY(d.addEdge(makeEdge(QStringLiteral("a"), QStringLiteral("b"))).isEmpty());
        QVERIFY(d.addEdge(makeEdge(QStringLiteral("b"), QStringLiteral("c"))).isEmpty());
        QVERIFY(d.addEdge(makeEdge(QStringLiteral("a"), QStringLiteral("c"))).isEmpty());
        QVERIFY(d.setFaults({{QStringLiteral("b"), 1, 1, {}}}).isEmpty());
        QSignalSpy spy(&d, &Diagram::changed);
        QVERIFY(d.removeNode(QStringLiteral("b")).isEmpty());
        QCOMPARE(spy.count(), 1);
        const auto change = spy.at(0).at(0).value<DiagramChange>();
        QCOMPARE(change.removedEdges, (QStringList{QStringLiteral("e1"), QStringLiteral("e2")}));
        QCOMPARE(d.data().edges.size(), 1);
        QVERIFY(d.data().faults.isEmpty());
    }

    void badEditsAreRefusedAndChangeNothing()
    {
        Diagram d;
        QVERIFY(d.addNode(makeNode(QStringLiteral("w"), NodeKind::WebServer)).isEmpty());
        QVERIFY(d.addNode(makeNode(QStringLiteral("u"), NodeKind::Client)).isEmpty());
        expectRefusal(d, QStringLiteral("taken"),
                      [&] { return d.addNode(makeNode(QStringLiteral("w"), NodeKind::Dns)); });
        expectRefusal(d, QStringLiteral("needs an id"),
                      [&] { return d.addNode(makeNode(QString(), NodeKind::Dns)); });
        Node bad = makeNode(QStringLiteral("x"), NodeKind::WebServer);
        bad.params.insert(QStringLiteral("servers"), 0);
        expectRefusal(d, QStringLiteral("between 1"), [&] { return d.addNode(bad); });
        expectRefusal(d, QStringLiteral("between 1"), [&] {
            return d.setNodeParam(QStringLiteral("w"), QStringLiteral("servers"), -3);
        });
        expectRefusal(d, QStringLiteral("no parameter 'colour'"), [&] {
            return d.setNodeParam(QStringLiteral("w"), QStringLiteral("colour"), 1);
        });
        expectRefusal(d, QStringLiteral("no node 'ghost'"), [&] {
            return d.addEdge(makeEdge(QStringLiteral("u"), QStringLiteral("ghost")));
        });
        QVERIFY(d.addEdge(makeEdge(QStringLiteral("u"), QStringLiteral("w"))).isEmpty());
        expectRefusal(d, QStringLiteral("already connected"), [&] {
            return d.addEdge(makeEdge(QStringLiteral("u"), QStringLiteral("w")));
        });
        Edge negative = d.data().edges[0];
        negative.latencyMs = -1;
        expectRefusal(d, QStringLiteral("latency"), [&] { return d.setEdge(negative); });
        expectRefusal(d, QStringLiteral("no node"),
                      [&] { return d.moveNode(QStringLiteral("ghost"), 0, 0); });
        expectRefusal(d, QStringLiteral("finite"),
                      [&] { return d.moveNode(QStringLiteral("w"), std::nan(""), 0); });
        RunSettings run;
        run.warmupS = 100;
        run.durationS = 50;
        expectRefusal(d, QStringLiteral("warm-up"), [&] { return d.setRun(run); });
        QCOMPARE(d.data().node(u"w")->integer(u"servers"), 8);
    }

    void noChangeNoSignal()
    {
        Diagram d;
        QVERIFY(d.addNode(makeNode(QStringLiteral("w"), NodeKind::WebServer)).isEmpty());
        QVERIFY(d.moveNode(QStringLiteral("w"), 5, 5).isEmpty());
        QSignalSpy spy(&d, &Diagram::changed);
        QVERIFY(d.moveNode(QStringLiteral("w"), 5, 5).isEmpty());
        QVERIFY(d.setNodeLabel(QStringLiteral("w"), QString()).isEmpty());
        QCOMPARE(spy.count(), 0);
    }
};

QTEST_APPLESS_MAIN(TestDiagram)
#include "tst_diagram.moc"
