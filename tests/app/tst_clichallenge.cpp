// sdstudio-cli challenge list / start / reference / grade, run as a script
// would: the JSON contract, exit codes and misuse.
#include "processrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ProcessRun cli(const QStringList &args)
{
    return runProcess(QStringLiteral(SDS_CLI_PATH), args);
}

QJsonDocument parse(const ProcessRun &r)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(e.errorString()), qPrintable(r.out));
    return doc;
}

const auto kChallenge = u"one-box-overload"_s;

} // namespace

class TestCliChallenge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void listsWithTheContractsKeys()
    {
        const ProcessRun r = cli({u"challenge"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = parse(r).array();
        QVERIFY(!list.isEmpty());
        bool found = false;
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            for (const char *key : {"id", "title", "level", "topics", "goals"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            QVERIFY(o.value(u"level"_s).toInt() >= 1 && o.value(u"level"_s).toInt() <= 5);
            QVERIFY(!o.value(u"goals"_s).toArray().isEmpty());
            found = found || o.value(u"id"_s).toString() == kChallenge;
        }
        QVERIFY(found);
        const ProcessRun text = cli({u"challenge"_s, u"list"_s});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(kChallenge));
    }

    void startAndReferenceWriteDesignsThatGrade()
    {
        QCOMPARE(cli({u"challenge"_s, u"start"_s, kChallenge, path(u"start.json"_s)}).exitCode, 0);
        QCOMPARE(cli({u"challenge"_s, u"reference"_s, kChallenge, path(u"ref.json"_s)}).exitCode,
                 0);

        const ProcessRun ref =
            cli({u"challenge"_s, u"grade"_s, kChallenge, path(u"ref.json"_s), u"--json"_s});
        QCOMPARE(ref.exitCode, 0);
        const QJsonObject o = parse(ref).object();
        for (const char *key : {"challenge", "solved", "seeds", "cost_per_month", "goals",
                                "bottleneck", "tail_attribution", "hints"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(u"challenge"_s).toString(), kChallenge);
        QCOMPARE(o.value(u"solved"_s).toBool(), true);
        QVERIFY(o.value(u"seeds"_s).toInt() >= 2);
        QVERIFY(o.value(u"cost_per_month"_s).toDouble() > 0);
        for (const QJsonValue &g : o.value(u"goals"_s).toArray()) {
            const QJsonObject goal = g.toObject();
            for (const char *key : {"id", "metric", "limit", "value", "ci95", "verdict"})
                QVERIFY2(goal.contains(QLatin1String(key)), key);
            QCOMPARE(goal.value(u"verdict"_s).toString(), u"pass"_s);
            const QJsonArray ci = goal.value(u"ci95"_s).toArray();
            QVERIFY(ci[0].toDouble() <= goal.value(u"value"_s).toDouble());
            QVERIFY(ci[1].toDouble() >= goal.value(u"value"_s).toDouble());
        }
        QVERIFY(o.value(u"hints"_s).toArray().isEmpty());
        QVERIFY(
            !o.value(u"tail_attribution"_s).toObject().value(u"components"_s).toArray().isEmpty());

        // The starting canvas has only the clients, connected to nothing: the
        // grader says what stops it from running.
        const ProcessRun start =
            cli({u"challenge"_s, u"grade"_s, kChallenge, path(u"start.json"_s)});
        QCOMPARE(start.exitCode, 2);
        QVERIFY2(start.err.contains(u"not connected"_s), qPrintable(start.err));

        // The reference with too few web servers: graded (exit 0), not solved,
        // a goal failed, hints given.
        QFile f(path(u"ref.json"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject d = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray nodes = d.value(u"nodes"_s).toArray();
        for (qsizetype k = 0; k < nodes.size(); ++k) {
            QJsonObject n = nodes[k].toObject();
            if (n.value(u"kind"_s).toString() == u"web_server"_s) {
                QJsonObject params = n.value(u"params"_s).toObject();
                params.insert(u"servers"_s, 4);
                n.insert(u"params"_s, params);
                nodes[k] = n;
            }
        }
        d.insert(u"nodes"_s, nodes);
        QFile small(path(u"small.json"_s));
        QVERIFY(small.open(QIODevice::WriteOnly));
        small.write(QJsonDocument(d).toJson());
        small.close();
        const ProcessRun naive =
            cli({u"challenge"_s, u"grade"_s, kChallenge, path(u"small.json"_s), u"--json"_s});
        QCOMPARE(naive.exitCode, 0);
        const QJsonObject s = parse(naive).object();
        QCOMPARE(s.value(u"solved"_s).toBool(), false);
        QVERIFY(!s.value(u"hints"_s).toArray().isEmpty());
        bool failed = false;
        for (const QJsonValue &g : s.value(u"goals"_s).toArray())
            failed = failed || g.toObject().value(u"verdict"_s).toString() == u"fail"_s;
        QVERIFY(failed);
        QCOMPARE(s.value(u"bottleneck"_s).toObject().value(u"node"_s).toString(), u"web"_s);

        const ProcessRun text = cli({u"challenge"_s, u"grade"_s, kChallenge, path(u"ref.json"_s)});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(u"solved"_s));
        QVERIFY(text.out.contains(u"Bottleneck:"_s));
    }

    void badInputExitsWithTwoAndSaysWhy()
    {
        QFile junk(path(u"junk.json"_s));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{ this is not a design");
        junk.close();
        struct Case {
            QStringList args;
            QString says;
        };
        const QList<Case> cases{
            {{u"challenge"_s, u"grade"_s, u"no-such-challenge"_s, path(u"junk.json"_s)},
             u"no challenge"_s},
            {{u"challenge"_s, u"grade"_s, kChallenge, path(u"junk.json"_s)}, u"junk.json"_s},
            {{u"challenge"_s, u"grade"_s, kChallenge, path(u"missing.json"_s)}, u"missing.json"_s},
            {{u"challenge"_s, u"grade"_s, kChallenge, path(u"ref.json"_s), u"--seeds"_s, u"1"_s},
             u"--seeds"_s},
            {{u"challenge"_s, u"fly"_s}, u"unknown action"_s},
            {{u"challenge"_s, u"start"_s, kChallenge}, u"Usage"_s},
        };
        for (const Case &c : cases) {
            const ProcessRun r = cli(c.args);
            QVERIFY2(r.exitCode == 2,
                     qPrintable(c.args.join(u' ') + u" -> "_s + QString::number(r.exitCode)));
            QVERIFY2(r.err.contains(c.says), qPrintable(r.err));
        }
        // A design with a client of its own is refused, naming it.
        QCOMPARE(cli({u"challenge"_s, u"reference"_s, kChallenge, path(u"ref.json"_s)}).exitCode,
                 0);
        QFile f(path(u"ref.json"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject d = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray nodes = d.value(u"nodes"_s).toArray();
        nodes.append(QJsonObject{{u"id"_s, u"bots"_s}, {u"kind"_s, u"client"_s}});
        d.insert(u"nodes"_s, nodes);
        QFile out(path(u"extra.json"_s));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(d).toJson());
        out.close();
        const ProcessRun r = cli({u"challenge"_s, u"grade"_s, kChallenge, path(u"extra.json"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"\"bots\""_s));
        // Writing into a folder that does not exist fails and says so.
        const ProcessRun w =
            cli({u"challenge"_s, u"start"_s, kChallenge, path(u"no/such/dir/x.json"_s)});
        QCOMPARE(w.exitCode, 1);
        QVERIFY(w.err.contains(u"cannot write"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliChallenge)
#include "tst_clichallenge.moc"
