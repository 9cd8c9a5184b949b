// The back-of-the-envelope calculator against cases worked by hand (the
// arithmetic is in the comments), bad input, the units, and the lab
// diagram it builds: valid, and carrying the estimated rates.
#include "core/diagram/validation.h"
#include "core/sim/network.h"
#include "core/study/estimate.h"

#include <QTest>

#include <cmath>

using namespace sds::study;

class TstEstimate : public QObject
{
    Q_OBJECT

    static double value(const Estimate &e, const char *key)
    {
        const Figure *f = e.find(QString::fromUtf8(key));
        return f ? f->value : std::nan("");
    }

private slots:
    void socialAppByHand()
    {
        // 10 M users × 10 requests = 100 M a day; ÷ 86 400 s = 1 157.4 rps.
        // 10 reads per write: writes are 1/11 of it, 105.2 rps; reads 1 052.2 rps.
        // Peak × 3 = 3 472.2 rps -> ⌈3.47⌉ = 4 servers of 1 000 rps.
        // Storage: 100 M / 11 = 9 090 909 writes × 1 KB = 9.31e9 B a day (8.67 GB),
        // × 365 = 3.40e12 B (3.09 TB), × 5 years = 1.70e13 B (15.5 TB).
        // Cache: 20 % × 90 909 091 reads × 1 KB = 1.86e10 B (17.3 GB).
        EstimateInput in;
        in.dailyActiveUsers = 10e6;
        in.requestsPerUserPerDay = 10;
        in.readsPerWrite = 10;
        in.peakFactor = 3;
        in.payloadBytes = 1024;
        in.retentionYears = 5;
        in.serverCapacityRps = 1000;
        in.cacheFraction = 0.2;
        const Estimate e = estimate(in);
        QVERIFY(e.ok());
        QCOMPARE(value(e, "requests_per_day"), 1e8);
        QVERIFY(std::abs(value(e, "average_rps") - 1157.407) < 0.001);
        QVERIFY(std::abs(value(e, "average_write_rps") - 105.219) < 0.001);
        QVERIFY(std::abs(value(e, "average_read_rps") - 1052.189) < 0.001);
        QVERIFY(std::abs(value(e, "peak_rps") - 3472.222) < 0.001);
        QCOMPARE(value(e, "servers"), 4.0);
        QVERIFY(std::abs(value(e, "storage_per_day") - 9309090909.1) < 1);
        QVERIFY(std::abs(value(e, "storage_per_year") - 3.3978e12) < 1e8);
        QVERIFY(std::abs(value(e, "storage_total") - 1.6989e13) < 1e9);
        QVERIFY(std::abs(value(e, "cache_memory") - 1.86182e10) < 1e6);
        QVERIFY(std::abs(value(e, "bandwidth_in") - 107744.1) < 0.5);
        QCOMPARE(formatFigure(*e.find(QStringLiteral("storage_per_day"))),
                 QStringLiteral("8.67 GB"));
        QCOMPARE(formatFigure(*e.find(QStringLiteral("storage_total"))), QStringLiteral("15.5 TB"));
        QCOMPARE(formatFigure(*e.find(QStringLiteral("peak_rps"))), QStringLiteral("3,472 rps"));
        QCOMPARE(formatFigure(*e.find(QStringLiteral("servers"))), QStringLiteral("4 servers"));
        // The formula shows the numbers that went in.
        QVERIFY(
            e.find(QStringLiteral("average_rps"))->formula.contains(QStringLiteral("100,000,000")));
        QVERIFY(e.find(QStringLiteral("servers"))->formula.contains(QStringLiteral("3,472")));
    }

    void pasteServiceByHand()
    {
        // A paste service: 1 M users a day, 4.32 requests each = 4.32 M a day = 50 rps.
        // 4 reads per write: 10 writes/s, 40 reads/s; peak factor 2: 100 rps -> 1 server of 500.
        // 10 KB per paste: 864 000 writes a day × 10 KB = 8.85e9 B a day.
        EstimateInput in;
        in.dailyActiveUsers = 1e6;
        in.requestsPerUserPerDay = 4.32;
        in.readsPerWrite = 4;
        in.peakFactor = 2;
        in.payloadBytes = 10 * 1024;
        in.retentionYears = 1;
        in.serverCapacityRps = 500;
        in.cacheFraction = 0;
        const Estimate e = estimate(in);
        QVERIFY(std::abs(value(e, "average_rps") - 50) < 1e-9);
        QVERIFY(std::abs(value(e, "average_write_rps") - 10) < 1e-9);
        QVERIFY(std::abs(value(e, "average_read_rps") - 40) < 1e-9);
        QVERIFY(std::abs(value(e, "peak_read_rps") - 80) < 1e-9);
        QCOMPARE(value(e, "servers"), 1.0);
        QVERIFY(std::abs(value(e, "storage_per_day") - 864000.0 * 10240) < 1e-3);
        QCOMPARE(value(e, "cache_memory"), 0.0);
        QCOMPARE(formatFigure(*e.find(QStringLiteral("bandwidth_out"))),
                 QStringLiteral("400 KB/s"));
    }

    void badInputIsExplained_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<double>("bad");
        QTest::addColumn<QString>("message");
        QTest::newRow("users") << 0 << 0.0 << QStringLiteral("Daily active users");
        QTest::newRow("peak below 1") << 3 << 0.5 << QStringLiteral("peak factor");
        QTest::newRow("capacity") << 6 << 0.0 << QStringLiteral("One server");
        QTest::newRow("cache share") << 7 << 1.5 << QStringLiteral("cached share");
        QTest::newRow("not a number") << 4 << std::nan("") << QStringLiteral("finite");
    }

    void badInputIsExplained()
    {
        QFETCH(int, field);
        QFETCH(double, bad);
        QFETCH(QString, message);
        EstimateInput in;
        double *fields[] = {&in.dailyActiveUsers,  &in.requestsPerUserPerDay, &in.readsPerWrite,
                            &in.peakFactor,        &in.payloadBytes,          &in.retentionYears,
                            &in.serverCapacityRps, &in.cacheFraction};
        *fields[field] = bad;
        const Estimate e = estimate(in);
        QVERIFY(!e.ok());
        QVERIFY(e.figures.isEmpty());
        QVERIFY2(e.errors.join(u' ').contains(message), qPrintable(e.errors.join(u' ')));
    }

    void unitsArePowersOfTwo()
    {
        QCOMPARE(formatBytes(100), QStringLiteral("100 B"));
        QCOMPARE(formatBytes(1536), QStringLiteral("1.50 KB"));
        QCOMPARE(formatBytes(1024.0 * 1024 * 1024 * 1.5), QStringLiteral("1.50 GB"));
        QCOMPARE(formatBytes(1000.0 * 1000 * 1000), QStringLiteral("954 MB"));
        QCOMPARE(formatCount(1157.4), QStringLiteral("1,157"));
        QCOMPARE(formatCount(12.34), QStringLiteral("12.3"));
    }

    void scenarioCarriesTheRates()
    {
        EstimateInput in;
        in.serverCapacityRps = 250; // peak 3 472 rps -> 14 servers, drawn as 7 nodes of 2
        const Estimate e = estimate(in);
        QCOMPARE(value(e, "servers"), 14.0);
        const sds::diagram::DiagramData d = scenarioFor(in, e);
        const auto problems = sds::diagram::checkDiagram(d);
        for (const auto &p : problems)
            QVERIFY2(!p.isError(), qPrintable(p.message));
        QVERIFY(sds::sim::compileNetwork(d).ok());
        const sds::diagram::Node *users = d.node(QStringLiteral("users"));
        QVERIFY(users);
        QVERIFY(std::abs(users->params.value(QStringLiteral("rate_rps")).toDouble() -
                         value(e, "peak_rps")) < 1e-9);
        int web = 0;
        int threads = 0;
        for (const auto &n : d.nodes) {
            if (n.kind == sds::diagram::NodeKind::WebServer) {
                ++web;
                threads += n.params.value(QStringLiteral("servers")).toInt();
                // 8 threads at 8000/250 = 32 ms each: 250 rps per server.
                QCOMPARE(n.params.value(QStringLiteral("service_ms")).toDouble(), 32.0);
            }
        }
        QCOMPARE(web, 7);
        QCOMPARE(threads, 14 * 8);
    }
};

QTEST_APPLESS_MAIN(TstEstimate)
#include "tst_estimate.moc"
