// The design's monthly cost in the lab: on the run tool bar from the first
// edit, following every change, and in the report once a run measured the
// traffic that per-request services are priced by.
#include "app/studio/lab/reportpanel.h"
#include "labparts.h"

#include <QLabel>
#include <QTest>

#include <cmath>

using namespace sds::gui;
using namespace sds::gui::test;
using sds::diagram::NodeKind;

namespace {

sds::diagram::DiagramData design()
{
    sds::diagram::DiagramData d;
    d.name = QStringLiteral("Cost");
    sds::diagram::Node users;
    users.id = QStringLiteral("users");
    users.kind = NodeKind::Client;
    users.params = {{QStringLiteral("rate_rps"), 100.0}};
    sds::diagram::Node cdn;
    cdn.id = QStringLiteral("cdn");
    cdn.kind = NodeKind::Cdn;
    cdn.x = 200;
    sds::diagram::Node web;
    web.id = QStringLiteral("web");
    web.kind = NodeKind::WebServer;
    web.x = 400;
    web.params = {{QStringLiteral("servers"), 2}};
    d.nodes = {users, cdn, web};
    sds::diagram::Edge a, b;
    a.id = QStringLiteral("a");
    a.from = users.id;
    a.to = cdn.id;
    b.id = QStringLiteral("b");
    b.from = cdn.id;
    b.to = web.id;
    d.edges = {a, b};
    return d;
}

double dollars(const QString &text)
{
    QString digits;
    for (QChar c : text)
        if (c.isDigit())
            digits += c;
        else if (c == u'/')
            break;
    return digits.toDouble();
}

} // namespace

class TestLabCost : public QObject
{
    Q_OBJECT

private slots:
    void costFollowsTheDesignAndTheRun()
    {
        LabPage lab;
        lab.resize(1200, 800);
        lab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lab));
        lab.loadTemplate(design());
        auto *cost = child<QLabel>(lab, "costLabel");
        QVERIFY(cost->isVisible());
        // Two servers at $35; the CDN's requests are not known before a run.
        QCOMPARE(dollars(cost->text()), 70.0);
        QVERIFY(cost->toolTip().contains(u"count from a run"));

        QVERIFY(lab.document()
                    .diagram()
                    .setNodeParam(QStringLiteral("web"), QStringLiteral("servers"), 6)
                    .isEmpty());
        QCOMPARE(dollars(cost->text()), 210.0);

        runOf(lab)->setSpeed(0); // as fast as it goes
        lab.run();
        // Long enough after the warm-up for the measured rate to settle near 100 rps.
        QTRY_VERIFY_WITH_TIMEOUT(runOf(lab)->lastFrame() && runOf(lab)->lastFrame()->simTime > 50,
                                 30000);
        lab.pause();
        QTRY_VERIFY(runOf(lab)->state() != SimRunner::State::Running);
        QVERIFY(reportOf(lab)->html().contains(u"Cost per month"));
        // The CDN's 100 rps are 262.8 M requests a month at $9.5 per million: $2,497.
        const double expected = 210 + 100 * 730 * 3600 / 1e6 * 9.5;
        QVERIFY2(std::abs(dollars(cost->text()) - expected) < 0.1 * expected,
                 qPrintable(cost->text() + u'\n' + cost->toolTip()));
        QVERIFY(!cost->toolTip().contains(u"count from a run"));
    }
};

QTEST_MAIN(TestLabCost)
#include "tst_labcost.moc"
