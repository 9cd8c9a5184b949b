// sdstudio-cli sim compare / sweep / capacity, run as a script would: the
// JSON contract, figures against queueing theory, the same bytes whatever
// the thread count, misuse, and Ctrl+C.
#include "processrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>

namespace {

// An M/M/1 (or M/M/c) design: 10 ms exponential service.
QByteArray design(double rate, int servers)
{
    return QStringLiteral(R"({"format": "sdstudio-diagram", "version": 1, "name": "mm%1",
  "workload": {"keys": 1000, "zipf": 0},
  "run": {"seed": 7, "duration_s": 100, "warmup_s": 5},
  "nodes": [
    {"id": "users", "kind": "client", "params": {"rate_rps": %2}},
    {"id": "server", "kind": "web_server", "params": {"servers": %1, "service_ms": 10}}
  ],
  "edges": [{"id": "e1", "from": "users", "to": "server"}]})")
        .arg(servers)
        .arg(rate)
        .toUtf8();
}

const QStringList kMetricKeys{
    QStringLiteral("throughput_rps"), QStringLiteral("latency_mean_ms"),
    QStringLiteral("latency_p50_ms"), QStringLiteral("latency_p95_ms"),
    QStringLiteral("latency_p99_ms"), QStringLiteral("error_rate"),
    QStringLiteral("stale_reads"),    QStringLiteral("lost_writes"),
    QStringLiteral("cost_per_month"), QStringLiteral("job_throughput_rps")};

} // namespace

class TestCliExperiments : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_one, m_two;

    static ProcessRun cli(const QStringList &args)
    {
        return runProcess(QStringLiteral(SDS_CLI_PATH), args);
    }

    static QJsonObject json(const ProcessRun &r)
    {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &e);
        if (e.error != QJsonParseError::NoError)
            qWarning("not JSON: %s\n%s", qPrintable(e.errorString()), qPrintable(r.out));
        return doc.object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_one = m_dir.filePath(QStringLiteral("one.json"));
        m_two = m_dir.filePath(QStringLiteral("two.json"));
        for (const auto &[path, servers] : {std::pair{m_one, 1}, {m_two, 2}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(design(95, servers));
        }
    }

    void compareGivesTheContractAndAVerdict()
    {
        const ProcessRun r =
            cli({QStringLiteral("sim"), QStringLiteral("compare"), m_one, m_two,
                 QStringLiteral("--seeds"), QStringLiteral("6"), QStringLiteral("--requests"),
                 QStringLiteral("20000"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(u"seeds").toInt(), 6);
        const QJsonObject metrics = o.value(u"metrics").toObject();
        for (const QString &key : kMetricKeys) {
            const QJsonObject m = metrics.value(key).toObject();
            QVERIFY2(m.contains(u"a") && m.contains(u"b") && m.contains(u"diff"), qPrintable(key));
            QCOMPARE(m.value(u"diff_ci95").toArray().size(), 2);
            QVERIFY(QStringList({QStringLiteral("better"), QStringLiteral("worse"),
                                 QStringLiteral("no clear difference")})
                        .contains(m.value(u"verdict").toString()));
        }
        // A second server at rho = 0.95 cuts the tail: B is better.
        const QJsonObject p99 = metrics.value(u"latency_p99_ms").toObject();
        QCOMPARE(p99.value(u"verdict").toString(), QStringLiteral("better"));
        QVERIFY(p99.value(u"b").toDouble() < p99.value(u"a").toDouble());
        QVERIFY(p99.value(u"diff_ci95").toArray()[1].toDouble() < 0);
        // ... and costs one more server: $35 a month.
        const QJsonObject cost = metrics.value(u"cost_per_month").toObject();
        QCOMPARE(cost.value(u"diff").toDouble(), 35.0);
        QCOMPARE(cost.value(u"verdict").toString(), QStringLiteral("worse"));
    }

    void compareTableReadsAsOne()
    {
        const ProcessRun r = cli({QStringLiteral("sim"), QStringLiteral("compare"), m_one, m_one,
                                  QStringLiteral("--seeds"), QStringLiteral("3"),
                                  QStringLiteral("--requests"), QStringLiteral("2000")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count(QStringLiteral("no clear difference")), kMetricKeys.size());
        QVERIFY(r.out.contains(u"p99 latency"));
    }

    void sweepFollowsTheTwinAndIgnoresThreads()
    {
        const QStringList args{
            QStringLiteral("sim"),     QStringLiteral("sweep"),      m_one,
            QStringLiteral("--param"), QStringLiteral("rate"),       QStringLiteral("--from"),
            QStringLiteral("20"),      QStringLiteral("--to"),       QStringLiteral("80"),
            QStringLiteral("--steps"), QStringLiteral("3"),          QStringLiteral("--seeds"),
            QStringLiteral("6"),       QStringLiteral("--requests"), QStringLiteral("20000"),
            QStringLiteral("--json")};
        const ProcessRun one =
            cli(args + QStringList{QStringLiteral("--threads"), QStringLiteral("1")});
        const ProcessRun two =
            cli(args + QStringList{QStringLiteral("--threads"), QStringLiteral("2")});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(two.exitCode, 0);
        QCOMPARE(one.out, two.out); // bit for bit
        const QJsonObject o = json(one);
        QCOMPARE(o.value(u"param").toString(), QStringLiteral("rate"));
        const QJsonArray points = o.value(u"points").toArray();
        QCOMPARE(points.size(), 3);
        for (const QJsonValue &v : points) {
            const QJsonObject p = v.toObject();
            const double rate = p.value(u"value").toDouble();
            const double theory = 10 / (1 - rate / 100);
            QVERIFY(std::abs(p.value(u"analytic_latency_ms").toDouble() - theory) < 1e-6);
            const QJsonObject mean = p.value(u"latency_mean_ms").toObject();
            QVERIFY(std::abs(mean.value(u"mean").toDouble() - theory) < 0.08 * theory);
            QCOMPARE(mean.value(u"ci95").toArray().size(), 2);
            for (const QString &key : kMetricKeys)
                QVERIFY2(p.contains(key), qPrintable(key));
        }
    }

    void sweepOverANodeParameter()
    {
        const ProcessRun r =
            cli({QStringLiteral("sim"), QStringLiteral("sweep"), m_one, QStringLiteral("--param"),
                 QStringLiteral("server.servers"), QStringLiteral("--from"), QStringLiteral("1"),
                 QStringLiteral("--to"), QStringLiteral("3"), QStringLiteral("--steps"),
                 QStringLiteral("3"), QStringLiteral("--seeds"), QStringLiteral("3"),
                 QStringLiteral("--requests"), QStringLiteral("5000"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray points = json(r).value(u"points").toArray();
        QCOMPARE(points.size(), 3);
        const auto p99 = [&](int i) {
            return points[i]
                .toObject()
                .value(u"latency_p99_ms")
                .toObject()
                .value(u"mean")
                .toDouble();
        };
        QVERIFY(p99(0) > p99(1));
        QVERIFY(p99(1) > p99(2));
    }

    void capacityNearTheClosedForm()
    {
        const ProcessRun r = cli(
            {QStringLiteral("sim"), QStringLiteral("capacity"), m_one, QStringLiteral("--p99-ms"),
             QStringLiteral("100"), QStringLiteral("--seeds"), QStringLiteral("6"),
             QStringLiteral("--requests"), QStringLiteral("20000"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r);
        const double expected = 100 - std::log(100.0) / 0.1; // 53.95 rps
        QVERIFY(std::abs(o.value(u"max_rate_rps").toDouble() - expected) < 0.05 * expected);
        const QJsonArray ci = o.value(u"ci95").toArray();
        QCOMPARE(ci.size(), 2);
        QVERIFY(ci[0].toDouble() < ci[1].toDouble());
        QVERIFY(o.value(u"metrics").toObject().contains(u"latency_p99_ms"));
    }

    void unreachableCapacityFailsWithAReason()
    {
        const ProcessRun r =
            cli({QStringLiteral("sim"), QStringLiteral("capacity"), m_one,
                 QStringLiteral("--p99-ms"), QStringLiteral("5"), QStringLiteral("--seeds"),
                 QStringLiteral("2"), QStringLiteral("--requests"), QStringLiteral("2000")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"not met"), qPrintable(r.err));
    }

    void misuseExits2AndSaysWhy_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString f = QStringLiteral("FILE");
        QTest::newRow("compare one file")
            << QStringList{QStringLiteral("compare"), f} << QStringLiteral("two files");
        QTest::newRow("steps on compare")
            << QStringList{QStringLiteral("compare"), f, f, QStringLiteral("--steps"),
                           QStringLiteral("3")}
            << QStringLiteral("--steps is an option of sweep");
        QTest::newRow("sweep without range")
            << QStringList{QStringLiteral("sweep"), f, QStringLiteral("--param"),
                           QStringLiteral("rate")}
            << QStringLiteral("needs --param, --from and --to");
        QTest::newRow("capacity without target")
            << QStringList{QStringLiteral("capacity"), f} << QStringLiteral("needs --p99-ms");
        QTest::newRow("zero seeds")
            << QStringList{QStringLiteral("capacity"), f,
                           QStringLiteral("--p99-ms"), QStringLiteral("100"),
                           QStringLiteral("--seeds"),  QStringLiteral("0")}
            << QStringLiteral("--seeds must be a whole number from 1 to 1000");
        QTest::newRow("both lengths") << QStringList{QStringLiteral("compare"),
                                                     f,
                                                     f,
                                                     QStringLiteral("--requests"),
                                                     QStringLiteral("10"),
                                                     QStringLiteral("--duration"),
                                                     QStringLiteral("5")}
                                      << QStringLiteral("not both");
        QTest::newRow("unknown parameter")
            << QStringList{QStringLiteral("sweep"),   f,
                           QStringLiteral("--param"), QStringLiteral("server.colour"),
                           QStringLiteral("--from"),  QStringLiteral("1"),
                           QStringLiteral("--to"),    QStringLiteral("2")}
            << QStringLiteral("no numeric parameter 'colour'");
        QTest::newRow("out of the catalogue's range")
            << QStringList{QStringLiteral("sweep"),   f,
                           QStringLiteral("--param"), QStringLiteral("server.servers"),
                           QStringLiteral("--from"),  QStringLiteral("0"),
                           QStringLiteral("--to"),    QStringLiteral("2")}
            << QStringLiteral("must stay between 1 and");
        QTest::newRow("missing file")
            << QStringList{QStringLiteral("compare"), QStringLiteral("/nonexistent/a.json"), f}
            << QStringLiteral("a.json");
    }

    void misuseExits2AndSaysWhy()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        args.replaceInStrings(QStringLiteral("FILE"), m_one);
        const ProcessRun r = cli(QStringList{QStringLiteral("sim")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void ctrlCCancelsAndExits1()
    {
        // Far more work than the test waits for: it must end because of the signal.
        QProcess p;
        p.start(QStringLiteral(SDS_CLI_PATH),
                {QStringLiteral("sim"), QStringLiteral("sweep"), m_one, QStringLiteral("--param"),
                 QStringLiteral("rate"), QStringLiteral("--from"), QStringLiteral("10"),
                 QStringLiteral("--to"), QStringLiteral("90"), QStringLiteral("--steps"),
                 QStringLiteral("200"), QStringLiteral("--seeds"), QStringLiteral("1000"),
                 QStringLiteral("--requests"), QStringLiteral("1000000"),
                 QStringLiteral("--json")});
        p.setReadChannel(QProcess::StandardError);
        QVERIFY(p.waitForStarted());
        // Whatever happens below, leave no process behind.
        const auto cleanup = qScopeGuard([&] {
            if (p.state() != QProcess::NotRunning) {
                p.kill();
                p.waitForFinished();
            }
        });
        // The CLI says it has begun once Ctrl+C is handled.
        QByteArray err;
        while (!err.contains("Ctrl+C cancels") && p.waitForReadyRead(30000))
            err += p.readAllStandardError();
        QVERIFY2(err.contains("Ctrl+C cancels"), err.constData());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        err += p.readAllStandardError();
        QVERIFY2(err.contains("cancelled"), err.constData());
        QVERIFY(p.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliExperiments)
#include "tst_cliexperiments.moc"
