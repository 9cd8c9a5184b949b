// Runs the real sdstudio-cli executable the way a script would.
#include "core/appinfo.h"
#include "core/cards/builtindecks.h"
#include "processrun.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
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
        QVERIFY2(r.out.contains(QStringLiteral("100 anchors")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("cards in 3 decks")));
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
        QVERIFY(r.out.contains(QStringLiteral("anchor \"cap-theorem\" is covered by no page")));
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
        QCOMPARE(hits.first().toObject().value(u"id").toString(),
                 QStringLiteral("consistent-hashing"));
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

    void srsReplayMatchesTheReference()
    {
        // A few histories that ts-fsrs scheduled (tests/data/srs), run through
        // the tool exactly as another program would hand them over.
        QFile f(QStringLiteral(SDS_TEST_DATA_DIR "/srs/vectors.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray histories =
            QJsonDocument::fromJson(f.readAll()).object().value(u"histories").toArray();
        QVERIFY(histories.size() >= 10);
        QTemporaryDir dir;
        // Five weight sets, short-term on (even) and off (odd).
        for (int i : {0, 1, 2, 3, 4, 5, 6, 9}) {
            QJsonObject history = histories[i].toObject();
            const QString name = history.take(QStringLiteral("name")).toString();
            const QJsonArray expected = history.take(QStringLiteral("expected")).toArray();
            const QString path = dir.filePath(name + QStringLiteral(".json"));
            QFile in(path);
            QVERIFY(in.open(QIODevice::WriteOnly));
            in.write(QJsonDocument(history).toJson());
            in.close();

            const ProcessRun r = run({QStringLiteral("srs"), QStringLiteral("replay"), path});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
            const QJsonArray cards = QJsonDocument::fromJson(r.out.toUtf8()).array();
            QCOMPARE(cards.size(), expected.size());
            for (qsizetype n = 0; n < cards.size(); ++n) {
                const QJsonObject got = cards[n].toObject();
                const QJsonObject want = expected[n].toObject();
                const QByteArray where = (name + QStringLiteral(" review %1").arg(n)).toUtf8();
                QCOMPARE(got.keys(),
                         (QStringList{QStringLiteral("difficulty"), QStringLiteral("due"),
                                      QStringLiteral("lapses"), QStringLiteral("reps"),
                                      QStringLiteral("scheduled_days"), QStringLiteral("stability"),
                                      QStringLiteral("state")}));
                for (const char *key : {"state", "due"})
                    QVERIFY2(got.value(QLatin1String(key)) == want.value(QLatin1String(key)),
                             where + ' ' + key);
                for (const char *key : {"scheduled_days", "reps", "lapses"})
                    QVERIFY2(got.value(QLatin1String(key)).toDouble() ==
                                 want.value(QLatin1String(key)).toDouble(),
                             where + ' ' + key);
                for (const char *key : {"stability", "difficulty"}) {
                    const double a = got.value(QLatin1String(key)).toDouble();
                    const double b = want.value(QLatin1String(key)).toDouble();
                    QVERIFY2(std::abs(a - b) <= 1e-9 * std::abs(b), where + ' ' + key);
                }
            }
        }
    }

    void srsHelp_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("srs --help") << QStringList{QStringLiteral("srs"), QStringLiteral("--help")};
        QTest::newRow("srs replay -h")
            << QStringList{QStringLiteral("srs"), QStringLiteral("replay"), QStringLiteral("-h")};
        QTest::newRow("help srs") << QStringList{QStringLiteral("help"), QStringLiteral("srs")};
    }

    void srsHelp()
    {
        QFETCH(QStringList, args);
        const ProcessRun r = run(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Usage: sdstudio-cli srs replay FILE")));
        QVERIFY(r.out.contains(QStringLiteral("request_retention")));
        QVERIFY(r.err.isEmpty());
    }

    void srsBadInputExits2AndNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        const QByteArray one = R"("reviews": [{"time": "2024-01-01T08:00:00Z", "rating": 3}])";
        QTest::newRow("not json") << QByteArray("{\"reviews\": [")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("reviews not a list") << QByteArray(R"({"reviews": "yesterday"})")
                                            << QStringLiteral("reviews must be a list");
        QTest::newRow("no reviews") << QByteArray("{}") << QStringLiteral("reviews must be a list");
        QTest::newRow("rating 5")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T08:00:00Z", "rating": 5}]})")
            << QStringLiteral(
                   "reviews[0].rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)");
        QTest::newRow("rating as text")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T08:00:00Z", "rating": "3"}]})")
            << QStringLiteral("reviews[0].rating");
        QTest::newRow("time without zone")
            << QByteArray(R"({"reviews": [{"time": "2024-01-01T08:00:00", "rating": 3}]})")
            << QStringLiteral("reviews[0].time must be an ISO 8601 time with a zone");
        QTest::newRow("out of order")
            << QByteArray(R"({"reviews": [{"time": "2024-01-03T08:00:00Z", "rating": 3},
                {"time": "2024-01-02T08:00:00Z", "rating": 3}]})")
            << QStringLiteral("reviews[1].time 2024-01-02T08:00:00.000Z is earlier than "
                              "reviews[0].time");
        QTest::newRow("bad step") << "{\"learning_steps\": [\"1m\", \"ten minutes\"], " + one + "}"
                                  << QStringLiteral("learning_steps: step 2: 'ten minutes'");
        QTest::newRow("bad relearning unit") << "{\"relearning_steps\": [\"5s\"], " + one + "}"
                                             << QStringLiteral("relearning_steps: step 1: '5s'");
        QTest::newRow("19 weights")
            << "{\"parameters\": [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, "
               "2.18, 0.05, 0.34, 1.26, 0.29, 2.61, 0.5, 0.6], " +
                   one + "}"
            << QStringLiteral("parameters: expected 21 weights (FSRS-6), got 19");
        QTest::newRow("retention 1.5") << "{\"request_retention\": 1.5, " + one + "}"
                                       << QStringLiteral("request_retention must be between");
        QTest::newRow("negative maximum") << "{\"maximum_interval\": -10, " + one + "}"
                                          << QStringLiteral("maximum_interval must be at least 1");
        QTest::newRow("short-term as text") << "{\"enable_short_term\": \"yes\", " + one + "}"
                                            << QStringLiteral("enable_short_term must be true");
    }

    void srsBadInputExits2AndNamesTheField()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file);
        f.close();
        const ProcessRun r = run({QStringLiteral("srs"), QStringLiteral("replay"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void srsMisuseExits2()
    {
        const ProcessRun none = run({QStringLiteral("srs")});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(QStringLiteral("Usage: sdstudio-cli srs replay")));
        const ProcessRun noFile = run({QStringLiteral("srs"), QStringLiteral("replay")});
        QCOMPARE(noFile.exitCode, 2);
        QVERIFY(noFile.err.contains(QStringLiteral("expected exactly one FILE")));
        const ProcessRun action = run({QStringLiteral("srs"), QStringLiteral("optimise")});
        QCOMPARE(action.exitCode, 2);
        QVERIFY(action.err.contains(QStringLiteral("unknown action 'optimise'")));
        const ProcessRun missing =
            run({QStringLiteral("srs"), QStringLiteral("replay"), QStringLiteral("/no/such.json")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains(QStringLiteral("no such file")));
    }

    void srsReplayWarnsOfUnknownKeysAndKeepsGoing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"card_id": 7, "reviews": [{"time": "2024-01-01T08:00:00+01:00", "rating": 4}]})");
        f.close();
        const ProcessRun r = run({QStringLiteral("srs"), QStringLiteral("replay"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("unknown key 'card_id' ignored")),
                 qPrintable(r.err));
        const QJsonArray cards = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(cards.size(), 1);
        // Easy on a new card skips the learning steps; times come back in UTC.
        const QJsonObject card = cards.first().toObject();
        QCOMPARE(card.value(u"state").toString(), QStringLiteral("Review"));
        QCOMPARE(card.value(u"reps").toInt(), 1);
        QVERIFY(card.value(u"due").toString().endsWith(QStringLiteral("T07:00:00.000Z")));
    }

    void cardsStatsAndReviewOnAFreshCollection()
    {
        // The built-in decks, read from the source tree, say what a fresh
        // collection must hold after the CLI merged them.
        const sds::cards::BuiltinDecks decks =
            sds::cards::loadBuiltinDecks(QStringLiteral(SDS_TEST_DATA_DIR "/../../content/decks"));
        int shipped = 0;
        for (const sds::cards::BuiltinDeck &d : decks.decks) {
            for (const sds::cards::BuiltinCard &c : d.cards)
                shipped += c.retired ? 0 : 1;
        }
        QVERIFY(shipped > 0);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("cards.sqlite"));
        const auto stats = [&] {
            const ProcessRun r = run({QStringLiteral("cards"), QStringLiteral("stats"),
                                      QStringLiteral("--json"), QStringLiteral("--db"), db});
            if (r.exitCode != 0)
                qWarning() << r.err;
            return QJsonDocument::fromJson(r.out.toUtf8()).object();
        };
        const QJsonObject fresh = stats();
        QCOMPARE(fresh.keys(), (QStringList{QStringLiteral("cards"), QStringLiteral("decks"),
                                            QStringLiteral("due"), QStringLiteral("new_left_today"),
                                            QStringLiteral("new_per_day"), QStringLiteral("notes"),
                                            QStringLiteral("reviews")}));
        QCOMPARE(fresh.value(u"new_left_today").toInt(), 20);
        QCOMPARE(fresh.value(u"new_per_day").toInt(), 20);
        for (const QString &key : fresh.keys()) {
            if (key != u"decks")
                QVERIFY2(fresh.value(key).isDouble(), qPrintable(key));
        }
        // Each deck by id and name with its counts, so a script can tell them apart.
        const QJsonArray perDeck = fresh.value(u"decks").toArray();
        QCOMPARE(perDeck.size(), decks.decks.size());
        QSet<QString> builtinIds;
        int newInDecks = 0;
        for (const QJsonValue &v : perDeck) {
            const QJsonObject d = v.toObject();
            QCOMPARE(d.keys(), (QStringList{QStringLiteral("builtin_id"), QStringLiteral("due"),
                                            QStringLiteral("id"), QStringLiteral("learning"),
                                            QStringLiteral("name"), QStringLiteral("new"),
                                            QStringLiteral("review")}));
            QVERIFY(d.value(u"id").toDouble() > 0);
            QVERIFY(!d.value(u"name").toString().isEmpty());
            builtinIds.insert(d.value(u"builtin_id").toString());
            QCOMPARE(d.value(u"due").toInt(), d.value(u"new").toInt() +
                                                  d.value(u"learning").toInt() +
                                                  d.value(u"review").toInt());
            newInDecks += d.value(u"new").toInt();
        }
        QSet<QString> shippedIds;
        for (const sds::cards::BuiltinDeck &d : decks.decks)
            shippedIds.insert(d.id);
        QCOMPARE(builtinIds, shippedIds);
        QVERIFY(newInDecks >= std::min(shipped, 20));
        QCOMPARE(fresh.value(u"cards").toInt(), shipped);
        QCOMPARE(fresh.value(u"notes").toInt(), shipped);
        QCOMPARE(fresh.value(u"reviews").toInt(), 0);
        QCOMPARE(fresh.value(u"due").toInt(), std::min(shipped, 20)); // new cards, 20 a day

        const ProcessRun review =
            run({QStringLiteral("cards"), QStringLiteral("review"), QStringLiteral("--grade"),
                 QStringLiteral("good"), QStringLiteral("--count"), QStringLiteral("3"),
                 QStringLiteral("--db"), db});
        QCOMPARE(review.exitCode, 0);
        const QStringList lines = review.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        for (const QString &line : lines.mid(0, 3)) {
            QVERIFY2(line.contains(QRegularExpression(QStringLiteral(
                         "^reviewed \\d+ good -> Learning due \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z$"))),
                     qPrintable(line));
        }
        QCOMPARE(lines.last(), QStringLiteral("3 of 3 reviews done"));

        const QJsonObject after = stats();
        QCOMPARE(after.value(u"reviews").toInt(), 3);
        QCOMPARE(after.value(u"cards").toInt(), shipped); // merged once, not again
        QCOMPARE(after.value(u"due").toInt(), fresh.value(u"due").toInt() - 3);

        const ProcessRun table =
            run({QStringLiteral("cards"), QStringLiteral("stats"), QStringLiteral("--db"), db});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains(QStringLiteral("All decks")));
        QVERIFY(table.out.contains(QStringLiteral("3 reviews")));
        // The app's word for the count, and the shared limit said outright.
        QVERIFY2(table.out.contains(QStringLiteral("Learning")), qPrintable(table.out));
        QVERIFY2(table.out.contains(QStringLiteral("left, shared by all decks")),
                 qPrintable(table.out));
    }

    void cardsImportAndExportFollowTheContract()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("cards.sqlite"));
        const auto stats = [&] {
            const ProcessRun r = run({QStringLiteral("cards"), QStringLiteral("stats"),
                                      QStringLiteral("--json"), QStringLiteral("--db"), db});
            return QJsonDocument::fromJson(r.out.toUtf8()).object();
        };
        const int builtinNotes = stats().value(u"notes").toInt();
        const QString deck = QStringLiteral(SDS_TEST_DATA_DIR "/anki/system-design.apkg");
        ProcessRun r = run(
            {QStringLiteral("cards"), QStringLiteral("import"), deck, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("42 notes added")), qPrintable(r.out));
        // The file's "System Design" differs from the built-in deck only in
        // case: its notes go there, and the summary says so.
        QVERIFY2(r.out.contains(QStringLiteral("the file's deck \"System Design\" went into your "
                                               "deck \"System design\"")),
                 qPrintable(r.out));
        QCOMPARE(stats().value(u"notes").toInt(), builtinNotes + 42);
        // Again: updated by guid, nothing added.
        r = run(
            {QStringLiteral("cards"), QStringLiteral("import"), deck, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("0 notes added")), qPrintable(r.out));
        QCOMPARE(stats().value(u"notes").toInt(), builtinNotes + 42);

        const QString apkg = dir.filePath(QStringLiteral("out.apkg"));
        r = run({QStringLiteral("cards"), QStringLiteral("export"), QStringLiteral("--deck"),
                 QStringLiteral("System Design"), apkg, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        // The built-in deck's own notes and the 42 imported into it.
        const QRegularExpressionMatch exported =
            QRegularExpression(QStringLiteral("exported (\\d+) notes")).match(r.out);
        QVERIFY2(exported.hasMatch(), qPrintable(r.out));
        QVERIFY(exported.captured(1).toInt() > 42);
        const QString csv = dir.filePath(QStringLiteral("out.csv"));
        r = run({QStringLiteral("cards"), QStringLiteral("export"), QStringLiteral("--deck"),
                 QStringLiteral("System Design"), csv, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);

        // Both read back into a second collection, equal in number.
        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        QStringList said;
        for (const QString &file : {apkg, csv}) {
            r = run({QStringLiteral("cards"), QStringLiteral("import"), file,
                     QStringLiteral("--deck"), QStringLiteral("From CSV"), QStringLiteral("--db"),
                     other});
            QCOMPARE(r.exitCode, 0);
            said.append(r.out);
        }
        // The package brings the 42 notes; the CSV (the whole deck they went
        // into) adds and changes none.
        QVERIFY2(said.at(0).contains(QStringLiteral("42 notes added")), qPrintable(said.at(0)));
        QVERIFY2(said.at(1).contains(QStringLiteral("0 notes added, 0 updated")),
                 qPrintable(said.at(1)));
        r = run({QStringLiteral("cards"), QStringLiteral("stats"), QStringLiteral("--json"),
                 QStringLiteral("--db"), other});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"notes").toInt(),
                 builtinNotes + 42);
        r = run({QStringLiteral("cards"), QStringLiteral("stats"), QStringLiteral("--db"), other});
        QVERIFY2(r.out.contains(QStringLiteral("System design ")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("System Design ")));
        // The CSV carries its deck column, so its rows land in the same deck
        // as the package's and update them rather than adding 42 more.
        QVERIFY(!r.out.contains(QStringLiteral("From CSV")));

        // A broken file: exit 1, a message, the collection unchanged.
        const QString bad = dir.filePath(QStringLiteral("bad.apkg"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 not really a zip");
        f.close();
        r = run(
            {QStringLiteral("cards"), QStringLiteral("import"), bad, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a zip archive")), qPrintable(r.err));
        QCOMPARE(stats().value(u"notes").toInt(), builtinNotes + 42);
        r = run({QStringLiteral("cards"), QStringLiteral("export"), QStringLiteral("--deck"),
                 QStringLiteral("No such deck"), apkg, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("there is no deck")), qPrintable(r.err));
    }

    void cardsReviewStopsWhenNothingIsDue()
    {
        QTemporaryDir dir;
        const ProcessRun r =
            run({QStringLiteral("cards"), QStringLiteral("review"), QStringLiteral("--grade"),
                 QStringLiteral("easy"), QStringLiteral("--count"), QStringLiteral("30"),
                 QStringLiteral("--db"), dir.filePath(QStringLiteral("c.sqlite"))});
        QCOMPARE(r.exitCode, 0);
        // Easy sends a new card days ahead, so only the day's 20 new cards are due.
        QCOMPARE(r.out.count(QStringLiteral("reviewed ")), 20);
        QVERIFY2(
            r.out.endsWith(QStringLiteral("20 of 30 reviews done; no more cards are due now\n")),
            qPrintable(r.out));
    }

    void cardsMisuseExits2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no action") << QStringList{} << QStringLiteral("expected stats, review");
        QTest::newRow("unknown action")
            << QStringList{QStringLiteral("forget")} << QStringLiteral("expected stats, review");
        QTest::newRow("import without file")
            << QStringList{QStringLiteral("import")} << QStringLiteral("import needs one FILE");
        QTest::newRow("export without deck")
            << QStringList{QStringLiteral("export"), QStringLiteral("out.apkg")}
            << QStringLiteral("export needs --deck NAME");
        QTest::newRow("deck with stats")
            << QStringList{QStringLiteral("stats"), QStringLiteral("--deck"), QStringLiteral("x")}
            << QStringLiteral("--deck belongs to import and export");
        QTest::newRow("no grade") << QStringList{QStringLiteral("review")}
                                  << QStringLiteral("needs --grade");
        QTest::newRow("bad grade") << QStringList{QStringLiteral("review"),
                                                  QStringLiteral("--grade"), QStringLiteral("ok")}
                                   << QStringLiteral("needs --grade");
        QTest::newRow("zero count")
            << QStringList{QStringLiteral("review"), QStringLiteral("--grade"),
                           QStringLiteral("good"), QStringLiteral("--count"), QStringLiteral("0")}
            << QStringLiteral("--count must be");
        QTest::newRow("count as text")
            << QStringList{QStringLiteral("review"), QStringLiteral("--grade"),
                           QStringLiteral("good"), QStringLiteral("--count"),
                           QStringLiteral("many")}
            << QStringLiteral("--count must be");
        QTest::newRow("grade with stats")
            << QStringList{QStringLiteral("stats"), QStringLiteral("--grade"),
                           QStringLiteral("good")}
            << QStringLiteral("belong to review");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("stats"), QStringLiteral("--all")}
            << QStringLiteral("Unknown option 'all'");
        QTest::newRow("db folder missing")
            << QStringList{QStringLiteral("stats"), QStringLiteral("--db"),
                           QStringLiteral("/no/such/folder/cards.sqlite")}
            << QStringLiteral("the folder does not exist");
    }

    void cardsMisuseExits2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun r = run(QStringList{QStringLiteral("cards")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void cardsDefaultsToTheDataFolder()
    {
        // Without --db the collection is cards.sqlite in the data folder,
        // which follows XDG_DATA_HOME on Linux; a temporary one keeps the
        // test away from the user's own cards.
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        const ProcessRun r = runProcess(QStringLiteral(SDS_CLI_PATH),
                                        {QStringLiteral("cards"), QStringLiteral("stats")}, env);
        QCOMPARE(r.exitCode, 0);
        QDirIterator it(home.path(), {QStringLiteral("cards.sqlite")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
    }

    void cardsRefusesAFileThatIsNotACollection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("my shopping list\n");
        f.close();
        const ProcessRun r =
            run({QStringLiteral("cards"), QStringLiteral("stats"), QStringLiteral("--db"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a flashcard collection")), qPrintable(r.err));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("my shopping list\n"));
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
