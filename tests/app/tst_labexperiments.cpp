// The lab's Sweep tab and Compare action driven as a user drives them:
// real widgets offscreen, real runs on every core, results checked against
// M/M/1 theory, exports written and refused, cancel honoured.
#include "app/studio/lab/chartsarea.h"
#include "app/studio/lab/comparepanel.h"
#include "app/studio/lab/sweeppanel.h"
#include "app/studio/lab/sweepplot.h"
#include "app/studio/theme.h"
#include "labparts.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sds::gui;
using namespace sds::gui::test;
using sds::diagram::DiagramData;
using sds::diagram::NodeKind;

namespace {

// One client into one web server of 10 ms exponential service: M/M/1.
DiagramData mm1(double rate, int servers = 1)
{
    DiagramData d;
    d.name = QStringLiteral("M/M/1");
    sds::diagram::Node users;
    users.id = QStringLiteral("users");
    users.kind = NodeKind::Client;
    users.params = {{QStringLiteral("rate_rps"), rate}};
    sds::diagram::Node server;
    server.id = QStringLiteral("server");
    server.kind = NodeKind::WebServer;
    server.x = 250;
    server.params = {{QStringLiteral("servers"), servers},
                     {QStringLiteral("service_ms"), 10.0},
                     {QStringLiteral("service_dist"), QStringLiteral("exponential")}};
    d.nodes = {users, server};
    sds::diagram::Edge e;
    e.id = QStringLiteral("e1");
    e.from = users.id;
    e.to = server.id;
    d.edges = {e};
    d.workload.zipf = 0;
    d.run.seed = 5;
    return d;
}

void shot(QWidget &w, const char *name)
{
    const QString dir = qEnvironmentVariable("SDS_TEST_SHOTS");
    if (!dir.isEmpty())
        w.grab().save(dir + QLatin1Char('/') + QLatin1String(name));
}

} // namespace

class TestLabExperiments : public QObject
{
    Q_OBJECT

    std::unique_ptr<LabPage> shown(const DiagramData &d)
    {
        auto lab = std::make_unique<LabPage>();
        lab->resize(1400, 900);
        lab->show();
        if (!QTest::qWaitForWindowExposed(lab.get()))
            qWarning("lab page not exposed");
        lab->loadTemplate(d);
        return lab;
    }

    static void configureSweep(LabPage &lab, const QString &param, double from, double to,
                               int steps, int seeds, int requests)
    {
        auto *combo = child<QComboBox>(lab, "sweepParameter");
        const int index = combo->findData(param);
        QVERIFY2(index >= 0, qPrintable(param));
        combo->setCurrentIndex(index);
        child<QDoubleSpinBox>(lab, "sweepFrom")->setValue(from);
        child<QDoubleSpinBox>(lab, "sweepTo")->setValue(to);
        child<QSpinBox>(lab, "sweepSteps")->setValue(steps);
        child<QSpinBox>(lab, "sweepSeeds")->setValue(seeds);
        child<QSpinBox>(lab, "sweepRequests")->setValue(requests);
    }

private slots:
    void sweepOverTheRateFollowsTheTwin()
    {
        auto lab = shown(mm1(50));
        auto *panel = child<SweepPanel>(*lab, "sweepPanel");
        child<QDockWidget>(*lab, "sweepDock")->raise();
        // The parameters offered are the design's own.
        auto *combo = child<QComboBox>(*lab, "sweepParameter");
        QVERIFY(combo->findData(QStringLiteral("server.servers")) >= 0);
        QVERIFY(combo->findData(QStringLiteral("e1.latency_ms")) >= 0);
        configureSweep(*lab, QStringLiteral("rate"), 20, 80, 4, 4, 20000);
        QTest::mouseClick(child<QPushButton>(*lab, "sweepRun"), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(!child<QPushButton>(*lab, "sweepRun")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
        QVERIFY2(child<QLabel>(*lab, "sweepStatus")->text().contains(u"4 points"),
                 qPrintable(child<QLabel>(*lab, "sweepStatus")->text()));
        QCOMPARE(panel->points().size(), std::size_t(4));
        for (const auto &p : panel->points()) {
            const double theory = 10 / (1 - p.value / 100);
            const double measured = p.summary[sds::experiment::Metric::LatencyMean].mean;
            QVERIFY2(std::abs(measured - theory) < 0.1 * theory,
                     qPrintable(QStringLiteral("%1 rps: %2 ms against %3")
                                    .arg(p.value)
                                    .arg(measured)
                                    .arg(theory)));
        }
        // The mean latency gets the twin's dashed curve beside the points.
        auto *metric = child<QComboBox>(*lab, "sweepMetric");
        metric->setCurrentIndex(metric->findData(int(sds::experiment::Metric::LatencyMean)));
        auto *plot = child<SweepPlot>(*lab, "sweepPlot");
        QCOMPARE(plot->plottedPoints(), 4);
        QVERIFY(plot->showsTwin());

        // Capacity for p99 <= 100 ms: ln(100) / (mu - lambda) = 0.1 s gives 53.95 rps.
        child<QDoubleSpinBox>(*lab, "capacityP99")->setValue(100);
        QTest::mouseClick(child<QPushButton>(*lab, "capacityRun"), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
        QVERIFY(panel->capacity().has_value());
        const double expected = 100 - std::log(100.0) / 0.1;
        QVERIFY2(std::abs(panel->capacity()->maxRate.mean - expected) < 0.05 * expected,
                 qPrintable(child<QLabel>(*lab, "capacityResult")->text()));
        QVERIFY(child<QLabel>(*lab, "capacityResult")->text().contains(u"rps"));
        shot(*lab, "lab-sweep.png");

        // The plot follows the theme: drawn on the dark palette's base.
        Theme theme;
        theme.setChoice(ThemeChoice::Dark);
        QApplication::processEvents();
        const QImage dark = plot->grab().toImage();
        QCOMPARE(dark.pixelColor(2, 2), plot->palette().color(QPalette::Base));
        QVERIFY(plot->palette().color(QPalette::Base).lightness() < 100);
        shot(*lab, "lab-sweep-dark.png");
        theme.setChoice(ThemeChoice::Light);
        QApplication::processEvents();
        metric->setCurrentIndex(metric->findData(int(sds::experiment::Metric::LatencyP99)));
        QVERIFY(!plot->showsTwin()); // the twin predicts the mean, not the tail

        // CSV and PNG exports, and a refused one that leaves nothing behind.
        QTemporaryDir dir;
        QString error;
        const QString csv = dir.filePath(QStringLiteral("sweep.csv"));
        QVERIFY(panel->exportCsv(csv, &error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("rate,throughput_rps,"));
        QVERIFY(lines[0].contains("latency_p99_ms_ci95_low"));
        QVERIFY(lines[0].endsWith("analytic_latency_ms"));
        QVERIFY(lines[1].startsWith("20,"));
        const QString png = dir.filePath(QStringLiteral("sweep.png"));
        QVERIFY(panel->exportPng(png, &error));
        QVERIFY(!QImage(png).isNull());
        const QString nowhere = dir.filePath(QStringLiteral("missing/sweep.csv"));
        QVERIFY(!panel->exportCsv(nowhere, &error));
        QVERIFY(error.contains(u"missing"));
        QVERIFY(!QFile::exists(nowhere));
    }

    void sweepOverServersLowersTheTail()
    {
        auto lab = shown(mm1(90));
        auto *panel = child<SweepPanel>(*lab, "sweepPanel");
        configureSweep(*lab, QStringLiteral("server.servers"), 1, 3, 3, 3, 10000);
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
        const auto &pts = panel->points();
        QCOMPARE(pts.size(), std::size_t(3));
        using sds::experiment::Metric;
        QVERIFY(pts[0].summary[Metric::LatencyP99].mean > pts[1].summary[Metric::LatencyP99].mean);
        QVERIFY(pts[1].summary[Metric::LatencyP99].mean > pts[2].summary[Metric::LatencyP99].mean);
    }

    void cancelStopsASweep()
    {
        auto lab = shown(mm1(50));
        auto *panel = child<SweepPanel>(*lab, "sweepPanel");
        configureSweep(*lab, QStringLiteral("rate"), 10, 90, 200, 1000, 1000000);
        panel->run();
        QVERIFY(panel->isRunning());
        QTest::mouseClick(child<QPushButton>(*lab, "sweepCancel"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 30000);
        QVERIFY(child<QLabel>(*lab, "sweepStatus")->text().startsWith(u"Cancelled"));
        QVERIFY(panel->points().size() < 200);
        QVERIFY(child<QPushButton>(*lab, "sweepRun")->isEnabled());
    }

    void compareThePinnedRunWithTheCanvas()
    {
        auto lab = shown(mm1(95));
        auto *compare = child<QAction>(*lab, "compareAction");
        QVERIFY(!compare->isEnabled()); // nothing pinned yet
        auto *panel = child<ComparePanel>(*lab, "comparePanel");
        QVERIFY(child<QLabel>(*lab, "compareNote")->text().contains(u"Pin a run"));

        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(chartsOf(*lab)->pointCount(0) >= 3, 20000);
        lab->pause();
        child<QAction>(*lab, "pinAction")->trigger();
        QVERIFY(compare->isEnabled());
        QVERIFY(panel->hasPinned());

        // B: a second server. The seeds spin names its count on the action.
        QVERIFY(lab->document()
                    .diagram()
                    .setNodeParam(QStringLiteral("server"), QStringLiteral("servers"), 2)
                    .isEmpty());
        child<QSpinBox>(*lab, "compareSeeds")->setValue(6);
        QCOMPARE(compare->text(), QStringLiteral("Compare (6 seeds)"));
        child<QSpinBox>(*lab, "compareRequests")->setValue(10000);
        compare->trigger();
        QVERIFY(panel->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(panel->comparison().has_value(), 60000);
        using sds::experiment::Metric;
        QCOMPARE((*panel->comparison())[Metric::LatencyP99].verdict,
                 sds::experiment::Verdict::Better);
        auto *table = child<QTableWidget>(*lab, "compareTable");
        QCOMPARE(table->item(int(Metric::LatencyP99), 5)->text(), QStringLiteral("better"));
        QCOMPARE(table->item(int(Metric::LatencyP99), 0)->text(), QStringLiteral("p99 latency"));
        QVERIFY(table->item(int(Metric::LatencyP99), 3)->text().startsWith(u'-'));
        shot(*lab, "lab-compare.png");

        // A new document has no pin: no comparison to offer, no old verdict shown.
        lab->newDiagram();
        QVERIFY(!compare->isEnabled());
        QVERIFY(!panel->hasPinned());
        QVERIFY(!panel->comparison().has_value());
        QVERIFY(!table->item(int(Metric::LatencyP99), 5));
    }

    void replicateGivesIntervalsForTheCanvas()
    {
        auto lab = shown(mm1(80));
        auto *panel = child<ComparePanel>(*lab, "comparePanel");
        child<QSpinBox>(*lab, "compareSeeds")->setValue(8);
        child<QSpinBox>(*lab, "compareRequests")->setValue(20000);
        QTest::mouseClick(child<QPushButton>(*lab, "replicateStart"), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
        QVERIFY(panel->replication().has_value());
        using sds::experiment::Metric;
        const auto &w = (*panel->replication())[Metric::LatencyMean];
        QCOMPARE(w.n, 8);
        // W = 10 ms / (1 - 0.8) = 50 ms, inside a narrow interval.
        QVERIFY2(w.low < 50 && 50 < w.high,
                 qPrintable(QStringLiteral("%1 to %2").arg(w.low).arg(w.high)));
        auto *table = child<QTableWidget>(*lab, "compareTable");
        QVERIFY(table->isColumnHidden(5)); // no verdict without a B
        QVERIFY(table->item(int(Metric::LatencyMean), 2)->text().contains(u" to "));
    }

    void identicalDesignsShowNoClearDifference()
    {
        auto lab = shown(mm1(80));
        lab->run();
        QTRY_VERIFY_WITH_TIMEOUT(chartsOf(*lab)->pointCount(0) >= 2, 20000);
        lab->pause();
        child<QAction>(*lab, "pinAction")->trigger();
        auto *panel = child<ComparePanel>(*lab, "comparePanel");
        child<QSpinBox>(*lab, "compareSeeds")->setValue(4);
        child<QSpinBox>(*lab, "compareRequests")->setValue(5000);
        child<QAction>(*lab, "compareAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(panel->comparison().has_value(), 60000);
        for (sds::experiment::Metric m : sds::experiment::allMetrics())
            QCOMPARE((*panel->comparison())[m].verdict,
                     sds::experiment::Verdict::NoClearDifference);
    }
};

QTEST_MAIN(TestLabExperiments)
#include "tst_labexperiments.moc"
