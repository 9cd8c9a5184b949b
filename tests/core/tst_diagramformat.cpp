#include "core/diagram/diagramformat.h"
#include "tests/core/filesizelimit.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sds::diagram;

namespace {

QByteArray wrap(const QByteArray &body)
{
    return "{\"format\": \"sdstudio-diagram\", \"version\": 1, " + body + "}";
}

const QByteArray kValidBody =
    "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"params\": {\"rate_rps\": 50}},"
    "            {\"id\": \"w\", \"kind\": \"web_server\"}],"
    "\"edges\": [{\"from\": \"u\", \"to\": \"w\"}]";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace

class TestDiagramFormat : public QObject
{
    Q_OBJECT

private slots:
    void roundTripKeepsEverything()
    {
        DiagramData d;
        d.name = QStringLiteral("Cache-aside");
        d.description = QStringLiteral("Reads go to the cache first.");
        Node client;
        client.id = QStringLiteral("users");
        client.kind = NodeKind::Client;
        client.label = QStringLiteral("Users");
        client.x = -120.5;
        client.y = 40;
        client.params.insert(QStringLiteral("rate_rps"), 250.0);
        client.params.insert(QStringLiteral("pattern"), QStringLiteral("diurnal"));
        Node cache;
        cache.id = QStringLiteral("cache");
        cache.kind = NodeKind::Cache;
        cache.params.insert(QStringLiteral("cache_keys"), 5000);
        Node db;
        db.id = QStringLiteral("db");
        db.kind = NodeKind::SqlDatabase;
        db.params.insert(QStringLiteral("replicas"), 2);
        d.nodes = {client, cache, db};
        Edge e1;
        e1.id = QStringLiteral("e1");
        e1.from = QStringLiteral("users");
        e1.to = QStringLiteral("cache");
        e1.latencyMs = 20;
        Edge e2;
        e2.id = QStringLiteral("e2");
        e2.from = QStringLiteral("cache");
        e2.to = QStringLiteral("db");
        e2.weight = 2;
        e2.probability = 0.5;
        e2.role = EdgeRole::Read;
        d.edges = {e1, e2};
        d.workload.keys = 123456;
        d.workload.zipf = 1.1;
        d.faults = {{QStringLiteral("db"), 30, 10, {}}};
        d.run.seed = 99;
        d.run.durationS = 120;
        d.run.warmupS = 10;
        d.run.sampleIntervalS = 0.5;

        const QByteArray json = serializeDiagram(d);
        const LoadResult r = parseDiagram(json);
        QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
        QVERIFY(r.warnings.isEmpty());
        // Serialising what was read gives the same bytes: nothing lost or altered.
        QCOMPARE(serializeDiagram(r.diagram), json);
        const DiagramData &back = r.diagram;
        QCOMPARE(back.nodes.size(), 3);
        QCOMPARE(back.nodes[0].label, QStringLiteral("Users"));
        QCOMPARE(back.nodes[0].x, -120.5);
        QCOMPARE(back.nodes[0].text(u"pattern"), QStringLiteral("diurnal"));
        QCOMPARE(back.nodes[1].integer(u"cache_keys"), 5000);
        QCOMPARE(back.edges[1].probability.value_or(-1), 0.5);
        QCOMPARE(back.edges[1].role, EdgeRole::Read);
        QCOMPARE(back.workload.keys, qint64(123456));
        QCOMPARE(back.faults.size(), 1);
        QCOMPARE(back.run.seed, quint64(99));
    }

    void unknownKeysAreKeptAndReported()
    {
        const QByteArray json =
            wrap("\"editor\": {\"zoom\": 2},"
                 "\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"colour\": \"red\","
                 "             \"params\": {\"rate_rps\": 5, \"jitter\": 3}},"
                 "            {\"id\": \"w\", \"kind\": \"web_server\"}],"
                 "\"edges\": [{\"from\": \"u\", \"to\": \"w\", \"style\": \"dashed\"}]");
        const LoadResult r = parseDiagram(json);
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), 4);
        const QString all = r.warnings.join(u'\n');
        for (const char *what : {"'editor'", "'colour'", "'jitter'", "'style'"})
            QVERIFY2(all.contains(QLatin1String(what)), what);
        const QJsonObject saved = QJsonDocument::fromJson(serializeDiagram(r.diagram)).object();
        QCOMPARE(
            saved.value(QStringLiteral("editor")).toObject().value(QStringLiteral("zoom")).toInt(),
            2);
        const QByteArray text = serializeDiagram(r.diagram);
        QVERIFY(text.contains("\"colour\": \"red\""));
        QVERIFY(text.contains("\"jitter\": 3"));
        QVERIFY(text.contains("\"style\": \"dashed\""));
    }

    void defaultsFillWhatTheFileLeavesOut()
    {
        const LoadResult r = parseDiagram(wrap(kValidBody));
        QVERIFY(r.ok());
        const Node &web = r.diagram.nodes[1];
        QCOMPARE(web.integer(u"servers"),
                 kindSpec(NodeKind::WebServer).param(u"servers")->defaultValue.toInt());
        QCOMPARE(r.diagram.run.durationS, RunSettings{}.durationS);
        QCOMPARE(r.diagram.edges[0].id, QStringLiteral("e1"));
    }

    void badInputIsRefusedWithAClearMessage_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{\n\"format\": \"sdstudio-diagram\",\n oops}")
                                  << QStringLiteral("not valid JSON at line 3");
        QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("JSON object");
        QTest::newRow("other format") << QByteArray("{\"format\": \"drawio\", \"version\": 1}")
                                      << QStringLiteral("not a System Design Studio diagram");
        QTest::newRow("no version")
            << QByteArray("{\"format\": \"sdstudio-diagram\"}") << QStringLiteral("'version'");
        QTest::newRow("future version")
            << QByteArray("{\"format\": \"sdstudio-diagram\", \"version\": 7}")
            << QStringLiteral("format version 7");
        QTest::newRow("unknown kind")
            << wrap("\"nodes\": [{\"id\": \"x\", \"kind\": \"mainframe\"}]")
            << QStringLiteral("node 'x': unknown kind 'mainframe'");
        QTest::newRow("negative rate")
            << wrap("\"nodes\": [{\"id\": \"u\", \"kind\": \"client\", \"params\": {\"rate_rps\": "
                    "-5}}]")
            << QStringLiteral("node 'u': parameter 'rate_rps' must be between 0");
        QTest::newRow("zero servers")
            << wrap("\"nodes\": [{\"id\": \"w\", \"kind\": \"web_server\", \"params\": "
                    "{\"servers\": 0}}]")
            << QStringLiteral("node 'w': parameter 'servers' must be between 1");
        QTest::newRow("fractional servers")
            << wrap("\"nodes\": [{\"id\": \"w\", \"kind\": \"web_server\", \"params\": "
                    "{\"servers\": 1.5}}]")
            << QStringLiteral("whole number");
        QTest::newRow("bad enum")
            << wrap("\"nodes\": [{\"id\": \"lb\", \"kind\": \"load_balancer\", \"params\": "
                    "{\"algorithm\": \"magic\"}}]")
            << QStringLiteral("'algorithm' must be one of round_robin");
        QTest::newRow("string for number")
            << wrap("\"nodes\": [{\"id\": \"w\", \"kind\": \"web_server\", \"params\": "
                    "{\"service_ms\": \"fast\"}}]")
            << QStringLiteral("'service_ms' must be a number");
        QTest::newRow("dangling edge")
            << wrap("\"nodes\": [{\"id\": \"u\", \"kind\": \"client\"}], \"edges\": [{\"from\": "
                    "\"u\", \"to\": \"ghost\"}]")
            << QStringLiteral("ends at 'ghost', which is not a node");
        QTest::newRow("duplicate node")
            << wrap("\"nodes\": [{\"id\": \"a\", \"kind\": \"dns\"}, {\"id\": \"a\", \"kind\": "
                    "\"cdn\"}]")
            << QStringLiteral("node 'a': the id is used by another node too");
        QTest::newRow("duplicate edge") << wrap("\"nodes\": [{\"id\": \"a\", \"kind\": "
                                                "\"client\"}, {\"id\": \"b\", \"kind\": \"dns\"}],"
                                                "\"edges\": [{\"from\": \"a\", \"to\": \"b\"}, "
                                                "{\"from\": \"a\", \"to\": \"b\"}]")
                                        << QStringLiteral("duplicates an earlier edge");
        QTest::newRow("probability over one")
            << wrap("\"nodes\": [{\"id\": \"a\", \"kind\": \"client\"}, {\"id\": \"b\", \"kind\": "
                    "\"dns\"}],"
                    "\"edges\": [{\"from\": \"a\", \"to\": \"b\", \"probability\": 1.5}]")
            << QStringLiteral("'probability' is 1.5 but must be between 0 and 1");
        QTest::newRow("nodes not array")
            << wrap("\"nodes\": {}") << QStringLiteral("'nodes' must be an array");
        QTest::newRow("node without id") << wrap("\"nodes\": [{\"kind\": \"dns\"}]")
                                         << QStringLiteral("nodes[0]: 'id' is missing");
        QTest::newRow("fault on ghost")
            << wrap("\"faults\": [{\"node\": \"ghost\", \"at_s\": 1, \"duration_s\": 2}]")
            << QStringLiteral("names 'ghost'");
        QTest::newRow("infinite number")
            << wrap("\"run\": {\"duration_s\": 1e999}") << QStringLiteral("not valid JSON");
    }

    void badInputIsRefusedWithAClearMessage()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const LoadResult r = parseDiagram(json);
        QVERIFY(!r.ok());
        QVERIFY2(r.errors.join(u'\n').contains(message), qPrintable(r.errors.join(u'\n')));
        QVERIFY(r.diagram.nodes.isEmpty()); // nothing half-read
    }

    void hostileSizesStayFast()
    {
        // 20 000 nodes in a chain: hash look-ups keep reading linear.
        QByteArray json = "{\"format\": \"sdstudio-diagram\", \"version\": 1, \"nodes\": [";
        const int n = 20000;
        for (int i = 0; i < n; ++i)
            json += (i ? "," : "") + QByteArray("{\"id\": \"n") + QByteArray::number(i) +
                    "\", \"kind\": \"dns\"}";
        json += "], \"edges\": [";
        for (int i = 1; i < n; ++i)
            json += (i > 1 ? "," : "") + QByteArray("{\"from\": \"n") + QByteArray::number(i - 1) +
                    "\", \"to\": \"n" + QByteArray::number(i) + "\"}";
        json += "]}";
        const LoadResult r = parseDiagram(json);
        QVERIFY(r.ok());
        QCOMPARE(r.diagram.edges.size(), n - 1);
    }

    void filesSaveAtomicallyAndLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.json"));
        const LoadResult original = parseDiagram(wrap(kValidBody));
        QString error;
        QVERIFY(saveDiagramFile(original.diagram, path, &error));
        const LoadResult loaded = loadDiagramFile(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.diagram.nodes.size(), 2);

        // A path that cannot be created is refused with the reason.
        QVERIFY(!saveDiagramFile(original.diagram,
                                 dir.filePath(QStringLiteral("no/such/dir/d.json")), &error));
        QVERIFY(error.contains(QStringLiteral("cannot write")));

        const LoadResult missing = loadDiagramFile(dir.filePath(QStringLiteral("nope.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.errors.first().contains(QStringLiteral("no such file")));
    }

    // A save over an existing file that fails half-way (the disk refuses
    // more bytes) leaves the old file byte for byte and no temporary beside it.
    void failedSaveOverTheOldFileLeavesItAsItWas()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.json"));
        const LoadResult original = parseDiagram(wrap(kValidBody));
        QString error;
        QVERIFY2(saveDiagramFile(original.diagram, path, &error), qPrintable(error));
        const QByteArray before = readAll(path);
        QVERIFY(!before.isEmpty());

        DiagramData bigger = original.diagram;
        for (int i = 0; i < 300; ++i) {
            Node n = bigger.nodes.last();
            n.id = QStringLiteral("w%1").arg(i);
            bigger.nodes.append(n);
        }
        constexpr qint64 kLimit = 4096;
        QVERIFY(serializeDiagram(bigger).size() > 4 * kLimit); // the write must break off
        {
            FileSizeLimit limit(kLimit);
            QVERIFY(limit.ok());
            QVERIFY(!saveDiagramFile(bigger, path, &error));
        }
        QVERIFY2(error.contains(QStringLiteral("cannot write")), qPrintable(error));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("d.json")});
        QCOMPARE(loadDiagramFile(path).diagram.nodes.size(), 2);

        // The same save with room to write replaces the file: the failure
        // above was the one that kept it.
        QVERIFY2(saveDiagramFile(bigger, path, &error), qPrintable(error));
        QCOMPARE(loadDiagramFile(path).diagram.nodes.size(), bigger.nodes.size());
    }

    void oversizedFilesAreRefusedUnread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(qint64(65) * 1024 * 1024)); // sparse: no disk used
        f.close();
        const LoadResult r = loadDiagramFile(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.errors.first().contains(QStringLiteral("too large")),
                 qPrintable(r.errors.first()));
    }
};

QTEST_APPLESS_MAIN(TestDiagramFormat)
#include "tst_diagramformat.moc"
