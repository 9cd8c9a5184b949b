// Runs the real sdstudio-cli executable the way a script would.
#include "core/appinfo.h"
#include "processrun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT

private:
    static ProcessRun run(const QStringList &args)
    {
        return runProcess(QStringLiteral(SDS_CLI_PATH), args);
    }

private slots:
    void helpGoesToStdoutAndSucceeds_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
        QTest::newRow("help") << QStringList{QStringLiteral("help")};
    }

    void helpGoesToStdoutAndSucceeds()
    {
        QFETCH(QStringList, args);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Usage: sdstudio-cli")));
        QVERIFY(r.out.contains(QStringLiteral("Commands:")));
        QVERIFY(r.err.isEmpty());
    }

    void versionPrintsVersionAndCredit()
    {
        const ProcessRun r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("sdstudio-cli ") + sds::appinfo::version()));
        QVERIFY(r.out.contains(QStringLiteral("CC BY 4.0")));
    }

    void misuseExits2AndSaysWhy_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList{} << QStringLiteral("Usage: sdstudio-cli");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("teleport")}
                                         << QStringLiteral("unknown command 'teleport'");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--fast")} << QStringLiteral("unknown option '--fast'");
        QTest::newRow("help for unknown")
            << QStringList{QStringLiteral("help"), QStringLiteral("teleport")}
            << QStringLiteral("unknown command 'teleport'");
    }

    void misuseExits2AndSaysWhy()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void simRunPrintsTheJsonContract()
    {
        const ProcessRun r =
            run({QStringLiteral("sim"), QStringLiteral("run"),
                 QStringLiteral(SDS_TEST_DATA_DIR "/sim/mm1.json"), QStringLiteral("--duration"),
                 QStringLiteral("300"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        for (const char *key :
             {"completed", "failed", "rejected", "throughput_rps", "latency_ms",
              "latency_mean_ci95_ms", "stale_reads", "nodes", "events", "wall_s", "events_per_s"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        const QJsonObject latency = o.value(QStringLiteral("latency_ms")).toObject();
        for (const char *key : {"mean", "p50", "p95", "p99", "p999"})
            QVERIFY2(latency.value(QLatin1String(key)).toDouble() > 0, key);
        QVERIFY(latency.value(QStringLiteral("p50")).toDouble() <=
                latency.value(QStringLiteral("p99")).toDouble());
        QCOMPARE(o.value(QStringLiteral("latency_mean_ci95_ms")).toArray().size(), 2);
        const QJsonObject server =
            o.value(QStringLiteral("nodes")).toObject().value(QStringLiteral("server")).toObject();
        for (const char *key : {"utilization", "mean_queue", "served", "dropped"})
            QVERIFY2(server.contains(QLatin1String(key)), key);
        // 80 rps for 300 s less the 100 s warm-up in the file.
        QVERIFY(std::abs(o.value(QStringLiteral("throughput_rps")).toDouble() - 80) < 4);
    }

    void simRunOptionsChangeTheRun()
    {
        const auto runJson = [](const QStringList &extra) {
            const ProcessRun r =
                runProcess(QStringLiteral(SDS_CLI_PATH),
                           QStringList{QStringLiteral("sim"), QStringLiteral("run"),
                                       QStringLiteral(SDS_TEST_DATA_DIR "/sim/mm1.json"),
                                       QStringLiteral("--json")} +
                               extra);
            return QJsonDocument::fromJson(r.out.toUtf8()).object();
        };
        const QJsonObject counted = runJson({QStringLiteral("--requests"), QStringLiteral("5000")});
        QCOMPARE(counted.value(QStringLiteral("completed")).toDouble(), 5000.0);
        const QJsonObject faster =
            runJson({QStringLiteral("--rate"), QStringLiteral("40"), QStringLiteral("--duration"),
                     QStringLiteral("400"), QStringLiteral("--warmup"), QStringLiteral("10")});
        QVERIFY(std::abs(faster.value(QStringLiteral("throughput_rps")).toDouble() - 40) < 3);
        QVERIFY(std::abs(faster.value(QStringLiteral("measured_s")).toDouble() - 390) < 1e-6);
        const QJsonObject a = runJson({QStringLiteral("--seed"), QStringLiteral("5"),
                                       QStringLiteral("--duration"), QStringLiteral("200")});
        const QJsonObject b = runJson({QStringLiteral("--seed"), QStringLiteral("5"),
                                       QStringLiteral("--duration"), QStringLiteral("200")});
        const QJsonObject c = runJson({QStringLiteral("--seed"), QStringLiteral("6"),
                                       QStringLiteral("--duration"), QStringLiteral("200")});
        QCOMPARE(a.value(QStringLiteral("latency_ms")), b.value(QStringLiteral("latency_ms")));
        QVERIFY(a.value(QStringLiteral("latency_ms")) != c.value(QStringLiteral("latency_ms")));
    }

    void simAnalyzePredicts()
    {
        const ProcessRun r =
            run({QStringLiteral("sim"), QStringLiteral("analyze"),
                 QStringLiteral(SDS_TEST_DATA_DIR "/sim/mm1.json"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(o.value(QStringLiteral("applicable")).toBool());
        QVERIFY(std::abs(o.value(QStringLiteral("latency_ms"))
                             .toObject()
                             .value(QStringLiteral("mean"))
                             .toDouble() -
                         50) < 1e-9);
        QVERIFY(std::abs(o.value(QStringLiteral("nodes"))
                             .toObject()
                             .value(QStringLiteral("server"))
                             .toObject()
                             .value(QStringLiteral("utilization"))
                             .toDouble() -
                         0.8) < 1e-12);
    }

    void simBadInputExits2AndNamesTheProblem_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        const QByteArray head = "{\"format\": \"sdstudio-diagram\", \"version\": 1, ";
        const QByteArray ok = head + "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": "
                                     "\"w\", \"kind\": \"web_server\"}],"
                                     "\"edges\": [{\"from\": \"u\", \"to\": \"w\"}]}";
        QTest::newRow("malformed json")
            << QByteArray("{\"format\": ") << QStringList{} << QStringLiteral("not valid JSON");
        QTest::newRow("unknown kind")
            << head + "\"nodes\": [{\"id\": \"m\", \"kind\": \"mainframe\"}]}" << QStringList{}
            << QStringLiteral("node 'm': unknown kind 'mainframe'");
        QTest::newRow("negative rate")
            << head + "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"params\": "
                      "{\"rate_rps\": -1}}]}"
            << QStringList{} << QStringLiteral("node 'u': parameter 'rate_rps'");
        QTest::newRow("zero servers")
            << head + "\"nodes\": [{\"id\": \"w\", \"kind\": \"web_server\", \"params\": "
                      "{\"servers\": 0}}]}"
            << QStringList{} << QStringLiteral("node 'w': parameter 'servers'");
        QTest::newRow("dangling edge")
            << head + "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}], \"edges\": [{\"from\": "
                      "\"u\", \"to\": \"nowhere\"}]}"
            << QStringList{} << QStringLiteral("'nowhere', which is not a node");
        QTest::newRow("loop with no way out")
            << head + "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}, {\"id\": \"a\", "
                      "\"kind\": \"web_server\"},"
                      "{\"id\": \"b\", \"kind\": \"app_service\"}],"
                      "\"edges\": [{\"from\": \"u\", \"to\": \"a\"}, {\"from\": \"a\", \"to\": "
                      "\"b\"}, {\"from\": \"b\", \"to\": \"a\"}]}"
            << QStringList{} << QStringLiteral("'a' can never finish");
        QTest::newRow("negative --rate")
            << ok << QStringList{QStringLiteral("--rate"), QStringLiteral("-3")}
            << QStringLiteral("--rate must be a number");
        QTest::newRow("--requests and --duration")
            << ok
            << QStringList{QStringLiteral("--requests"), QStringLiteral("10"),
                           QStringLiteral("--duration"), QStringLiteral("5")}
            << QStringLiteral("not both");
        QTest::newRow("fractional --requests")
            << ok << QStringList{QStringLiteral("--requests"), QStringLiteral("2.5")}
            << QStringLiteral("whole number");
        QTest::newRow("zero rate with --requests")
            << ok
            << QStringList{QStringLiteral("--rate"), QStringLiteral("0"),
                           QStringLiteral("--requests"), QStringLiteral("10")}
            << QStringLiteral("rate is 0");
    }

    void simBadInputExits2AndNamesTheProblem()
    {
        QFETCH(QByteArray, file);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file);
        f.close();
        const ProcessRun r =
            run(QStringList{QStringLiteral("sim"), QStringLiteral("run"), path} + extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void simMissingFileExits2()
    {
        const ProcessRun r =
            run({QStringLiteral("sim"), QStringLiteral("run"), QStringLiteral("/no/such.json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("no such file")));
    }

    void contentCheckPassesOnTheBuiltInContent()
    {
        const ProcessRun r = run({QStringLiteral("content"), QStringLiteral("check")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("81 primer anchors")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("no problems")));
    }

    void contentCheckFailsOnBrokenContent()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("topics")));
        QFile f(dir.filePath(QStringLiteral("topics/dns.md")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("---\nid: dns\ntitle: DNS\nsection: Edge\norder: 1\nkind: guide\n"
                "covers: [domain-name-system]\nsources: [https://example.org]\n---\n"
                "See [the cache](topic:cache).\n");
        f.close();
        const ProcessRun r = run({QStringLiteral("content"), QStringLiteral("check"),
                                  QStringLiteral("--content-dir"), dir.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("dns.md: link to missing page \"cache\"")),
                 qPrintable(r.out));
        QVERIFY(
            r.out.contains(QStringLiteral("primer anchor \"cap-theorem\" is covered by no page")));
    }

    void contentSearchJsonContract()
    {
        const ProcessRun r = run({QStringLiteral("content"), QStringLiteral("search"),
                                  QStringLiteral("consistent hashing"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY(doc.isArray());
        const QJsonArray hits = doc.array();
        QVERIFY(hits.size() >= 2);
        QCOMPARE(hits.first().toObject().value(u"id").toString(), QStringLiteral("sharding"));
        for (const QJsonValue &h : hits) {
            const QJsonObject o = h.toObject();
            QCOMPARE(o.keys(), (QStringList{QStringLiteral("id"), QStringLiteral("snippet"),
                                            QStringLiteral("title")}));
            QVERIFY(!o.value(u"title").toString().isEmpty());
            QVERIFY(!o.value(u"snippet").toString().contains(QChar(2)));
        }
    }

    void contentSearchMisuseAndMisses()
    {
        const ProcessRun none = run(
            {QStringLiteral("content"), QStringLiteral("search"), QStringLiteral("zzqqxxnomatch")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.contains(QStringLiteral("no page matches")));
        const ProcessRun empty = run({QStringLiteral("content"), QStringLiteral("search")});
        QCOMPARE(empty.exitCode, 2);
        const ProcessRun badDir =
            run({QStringLiteral("content"), QStringLiteral("check"),
                 QStringLiteral("--content-dir"), QStringLiteral("/no/such/dir")});
        QCOMPARE(badDir.exitCode, 2);
        QVERIFY(badDir.err.contains(QStringLiteral("is not a folder")));
        const ProcessRun limit =
            run({QStringLiteral("content"), QStringLiteral("search"), QStringLiteral("cache"),
                 QStringLiteral("--limit"), QStringLiteral("0")});
        QCOMPARE(limit.exitCode, 2);
    }

    void linksNoGuiLibrary()
    {
        // The architecture's promise: the headless tool needs no display
        // stack. Read the executable's dynamic section to prove it.
        const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
        QVERIFY2(!readelf.isEmpty(), "readelf (binutils) is installed with the compiler");
        QProcess p;
        p.start(readelf, {QStringLiteral("-d"), QStringLiteral(SDS_CLI_PATH)});
        QVERIFY(p.waitForFinished(30000));
        const QString needed = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY(needed.contains(QStringLiteral("libQt6Core")));
        for (const char *gui : {"libQt6Gui", "libQt6Widgets", "libQt6Svg", "libQt6Charts"})
            QVERIFY2(!needed.contains(QLatin1String(gui)), gui);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
