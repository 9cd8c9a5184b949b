#include "../core/simtestutil.h"
#include "app/studio/lab/labdocument.h"
#include "app/studio/lab/runcontroller.h"
#include "tests/core/filesizelimit.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::gui;
using namespace simtest;

namespace {

constexpr int kTimeout = 60000; // generous: the machine may be shared and sanitised
const QString C = QStringLiteral("client");
const QString S = QStringLiteral("server");

// One client at @p rate requests a second, one server of 4 at 5 ms: M/M/4.
DiagramData mm4(double rate, double duration = 20)
{
    return diagram(
        {node(C, NodeKind::Client, client(rate)), node(S, NodeKind::WebServer, station(4, 5))},
        {edge(C, S)}, duration, 1, 11);
}

} // namespace

// The run controller without a window: the one owner of the load factor,
// the compiled network per document revision, runs going stale on an edit,
// and the reference run through a SimRunner of its own.
class TestRunController : public QObject
{
    Q_OBJECT

private slots:
    void theLoadFactorScalesThePredictionWithoutAnEdit()
    {
        LabDocument doc;
        doc.loadTemplate(mm4(200));
        RunController run(doc);
        const quint64 revision = doc.revision();
        const sds::sim::Prediction base = run.prediction();
        QVERIFY(base.applicable);
        QCOMPARE(base.throughput, 200.0);
        QSignalSpy factor(&run, &RunController::loadFactorChanged);
        run.setLoadFactor(2.5);
        QCOMPARE(factor.count(), 1);
        QCOMPARE(factor.at(0).at(0).toDouble(), 2.5);
        run.setLoadFactor(2.5); // no change, no signal
        QCOMPARE(factor.count(), 1);
        const sds::sim::Prediction scaled = run.prediction();
        QCOMPARE(scaled.throughput, 500.0);
        QVERIFY(scaled.nodes.at(0).utilization > 2.4 * base.nodes.at(0).utilization);
        QCOMPARE(doc.revision(), revision); // the document was not touched
        QCOMPARE(run.loadFactor(), 2.5);
    }

    void anEditRecompilesTheNetwork()
    {
        LabDocument doc;
        doc.loadTemplate(mm4(200));
        RunController run(doc);
        const double before = run.prediction().nodes.at(0).utilization;
        QVERIFY(doc.diagram().setNodeParam(S, QStringLiteral("servers"), 8).isEmpty());
        const double after = run.prediction().nodes.at(0).utilization;
        QCOMPARE(after, before / 2); // the cached network of the old revision is not reused
        QVERIFY(doc.diagram().setNodeParam(S, QStringLiteral("servers"), 4).isEmpty());
        QCOMPARE(run.prediction().nodes.at(0).utilization, before);
    }

    void anEditMakesTheRunStaleAndRunStartsAfresh()
    {
        LabDocument doc;
        doc.loadTemplate(mm4(200, 100000));
        RunController run(doc);
        QSignalSpy loaded(&run, &RunController::runLoaded);
        QSignalSpy frames(&run, &RunController::frameReady);
        QVERIFY(run.run());
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).toStringList(), (QStringList{QString(), S}));
        QVERIFY(run.hasCurrentRun());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > 2, kTimeout);
        QVERIFY(doc.diagram().setNodeParam(S, QStringLiteral("servers"), 6).isEmpty());
        QVERIFY(!run.hasCurrentRun());
        // Frames of the old revision are not handed on.
        const int seen = int(frames.count());
        QTest::qWait(200);
        QCOMPARE(int(frames.count()), seen);
        QVERIFY(run.run());
        QCOMPARE(loaded.count(), 2);
        QVERIFY(run.hasCurrentRun());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > seen, kTimeout);
        run.pause();
    }

    void aSummaryCutShortLeavesTheOldFile()
    {
        LabDocument doc;
        doc.loadTemplate(mm4(200, 100000));
        RunController run(doc);
        QSignalSpy frames(&run, &RunController::frameReady);
        QVERIFY(run.run());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > 2, kTimeout);
        run.pause();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("summary.json"));
        QVERIFY(run.exportSummary(path));
        QFile first(path);
        QVERIFY(first.open(QIODevice::ReadOnly));
        const QByteArray before = first.readAll();
        first.close();
        QVERIFY(before.size() > 600);
        {
            // The disk takes 512 bytes of the next summary, then refuses the rest.
            FileSizeLimit limit(512);
            QVERIFY(limit.ok());
            const sds::Result<void> second = run.exportSummary(path);
            QVERIFY(!second);
            QVERIFY2(second.error().contains(path), qPrintable(second.error()));
        }
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
                 QStringList{QStringLiteral("summary.json")});
    }

    void aBrokenDiagramDoesNotRun()
    {
        LabDocument doc;
        doc.loadTemplate(diagram({node(S, NodeKind::WebServer, station(1, 5))}, {}, 10, 0, 1));
        RunController run(doc);
        QSignalSpy message(&run, &RunController::message);
        QVERIFY(!run.run());
        QCOMPARE(message.count(), 1);
        QVERIFY(message.at(0).at(0).toString().startsWith(QStringLiteral("Cannot run")));
        QCOMPARE(run.state(), SimRunner::State::Empty);
    }

    void theReferenceRunGivesTheSeriesOfADirectRun()
    {
        const DiagramData reference = mm4(300, 30);
        LabDocument doc;
        RunController run(doc);
        QSignalSpy finished(&run, &RunController::referenceFinished);
        run.startReferenceRun(reference);
        QVERIFY(run.isReferenceRunning());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kTimeout);
        QVERIFY(!run.isReferenceRunning());
        const auto series = finished.at(0).at(1).value<std::vector<sds::sim::Sample>>();

        auto direct = simulation(reference);
        direct->run();
        const std::vector<sds::sim::Sample> &expected = direct->samples();
        QVERIFY(expected.size() >= 29);
        QCOMPARE(series.size(), expected.size());
        for (std::size_t i = 0; i < series.size(); ++i) {
            QCOMPARE(series[i].time, expected[i].time);
            QCOMPARE(series[i].throughput, expected[i].throughput);
            QCOMPARE(series[i].p99, expected[i].p99);
        }
        QCOMPARE(finished.at(0).at(0).toStringList(), (QStringList{QString(), S}));
    }

    void stoppingTheReferenceRunCancelsIt()
    {
        LabDocument doc;
        RunController run(doc);
        QSignalSpy finished(&run, &RunController::referenceFinished);
        run.startReferenceRun(mm4(300, 1e6)); // far longer than this test waits
        QVERIFY(run.isReferenceRunning());
        run.stopReferenceRun();
        QVERIFY(!run.isReferenceRunning());
        QVERIFY(!run.findChild<SimRunner *>(QStringLiteral("referenceRunner")));
        QCOMPARE(finished.count(), 0);
    }
};

QTEST_MAIN(TestRunController)
#include "tst_runcontroller.moc"
