// Determinism against a checked-in expectation: one scenario with a fixed
// seed must give exactly the figures recorded in the .expected.json beside
// it. A change to the engine that alters any figure fails here; if the change
// is intended, regenerate with SDS_UPDATE_GOLDEN=1 and review the diff.
#include "core/diagram/diagramformat.h"
#include "core/sim/network.h"
#include "core/sim/report.h"
#include "core/sim/simulation.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestGolden : public QObject
{
    Q_OBJECT

private slots:
    void webTierMatchesTheRecordedRun()
    {
        const QString dir = QStringLiteral(SDS_TEST_DATA_DIR "/sim/");
        const auto loaded =
            sds::diagram::loadDiagramFile(dir + QStringLiteral("golden-web-tier.json"));
        QVERIFY(loaded.ok());
        auto compiled = sds::sim::compileNetwork(loaded.diagram);
        QVERIFY(compiled.ok());
        sds::sim::Simulation sim(std::move(compiled.network));
        sim.run();
        QJsonObject actual = sds::sim::runReport(sim.metrics(), sim.network(), {0, false, 2024});
        actual.remove(QStringLiteral("wall_s")); // the only figures that depend on the machine
        actual.remove(QStringLiteral("events_per_s"));
        // The run must exercise what the golden file is there to pin down.
        QVERIFY(actual.value(QStringLiteral("retries")).toDouble() > 0);
        QVERIFY(actual.value(QStringLiteral("stale_reads")).toDouble() > 0);
        QVERIFY(actual.value(QStringLiteral("node_down")).toDouble() > 0);

        const QString expectedPath = dir + QStringLiteral("golden-web-tier.expected.json");
        if (qEnvironmentVariableIsSet("SDS_UPDATE_GOLDEN")) {
            QFile out(expectedPath);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QJsonDocument(actual).toJson(QJsonDocument::Indented));
            qInfo("golden file rewritten: %s", qPrintable(expectedPath));
        }
        QFile in(expectedPath);
        QVERIFY2(in.open(QIODevice::ReadOnly), "run once with SDS_UPDATE_GOLDEN=1 to create it");
        const QJsonObject expected = QJsonDocument::fromJson(in.readAll()).object();
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QVERIFY2(
                actual.value(it.key()) == it.value(),
                qPrintable(
                    QStringLiteral("%1: expected %2, got %3")
                        .arg(it.key(),
                             QString::fromUtf8(QJsonDocument(QJsonObject{{it.key(), it.value()}})
                                                   .toJson(QJsonDocument::Compact)),
                             QString::fromUtf8(
                                 QJsonDocument(QJsonObject{{it.key(), actual.value(it.key())}})
                                     .toJson(QJsonDocument::Compact)))));
        QCOMPARE(actual.keys(), expected.keys());
    }
};

QTEST_APPLESS_MAIN(TestGolden)
#include "tst_golden.moc"
