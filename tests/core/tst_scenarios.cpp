// The lab's templates in content/scenarios: every file must load without a
// warning, pass the checker without a single problem, run to the end without
// piling up requests, and show the effect its lesson is about. The table
// below says, per template id, what that effect is and how to see it in the
// figures; a new template needs a row there before this test passes. The
// reference designs of the design exercises (exercise-*.json) share one
// rule: they carry their stated load cleanly.
#include "core/diagram/diagramformat.h"
#include "core/diagram/validation.h"
#include "core/sim/network.h"
#include "core/sim/simulation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <cmath>

using sds::diagram::DiagramData;
using sds::sim::NodeMetrics;
using sds::sim::RunMetrics;

namespace {

const QString kScenarioDir = QStringLiteral(SDS_TEST_DATA_DIR "/../../content/scenarios");

/** One finished run of a template, with look-ups for the checks. */
struct Run {
    const DiagramData &diagram;
    const RunMetrics &m;

    const NodeMetrics &node(const char *id) const
    {
        static const NodeMetrics missing;
        for (const NodeMetrics &n : m.nodes) {
            if (n.id == QLatin1String(id))
                return n;
        }
        // A renamed node must fail the check, not pass it on zeros.
        qFatal("no node '%s' in this scenario", id);
        return missing;
    }
    /** The same design and seed with its planned faults taken out. */
    RunMetrics withoutFaults() const
    {
        DiagramData calm = diagram;
        calm.faults.clear();
        auto compiled = sds::sim::compileNetwork(calm);
        sds::sim::Simulation sim(std::move(compiled.network));
        sim.setSamplePercentiles(false);
        sim.run();
        return sim.metrics();
    }
    double param(const char *nodeId, const char *key) const
    {
        const auto *n = diagram.node(QString::fromLatin1(nodeId));
        return n ? n->real(QString::fromLatin1(key)) : std::nan("");
    }
    double meanHitRatio(std::initializer_list<const char *> ids) const
    {
        double sum = 0;
        for (const char *id : ids)
            sum += node(id).hitRatio();
        return sum / double(ids.size());
    }
};

struct Lesson {
    const char *id;
    const char *effect; ///< shown when the check fails
    bool (*holds)(const Run &);
};

// What each template is there to show, in figures of its own run.
const Lesson kLessons[] = {
    {"single-server", "the web server runs near 70 % busy and nothing fails",
     [](const Run &r) {
         const double u = r.node("web").utilization;
         return u > 0.6 && u < 0.8 && r.m.failed == 0;
     }},
    {"load-balanced-web-tier",
     "requests fail only at the crashed server, during the health-check window",
     [](const Run &r) {
         return r.m.nodeDown > 0 && r.node("web-2").failed > 0 && r.node("web-1").failed == 0 &&
                r.node("web-3").failed == 0 &&
                r.m.nodeDown < r.m.completed / 50; // a window of seconds, not the whole outage
     }},
    {"cache-aside", "a meaningful hit ratio, and fewer requests at the database than at the cache",
     [](const Run &r) {
         const double h = r.node("cache").hitRatio();
         return h > 0.3 && h < 0.95 && r.node("db").served < r.node("cache").served / 2;
     }},
    {"write-through-vs-write-behind",
     "the write-behind cache loses writes when it crashes and sends fewer writes to its database",
     [](const Run &r) {
         return r.m.lostWrites > 0 && r.node("cache-wb").lostWrites > 0 &&
                r.node("cache-wt").lostWrites == 0 &&
                r.node("db-wb").served < r.node("db-wt").served;
     }},
    {"read-replicas-failover", "stale reads from the replicas, and failed writes until failover",
     [](const Run &r) {
         return r.m.staleReads > 0 && r.m.nodeDown > 0 && r.node("db").staleReads > 0;
     }},
    {"sharded-database",
     "the offered load is more than one shard could serve, yet the sharded database copes",
     [](const Run &r) {
         const double perShardCapacity =
             r.param("db", "servers") / (r.param("db", "service_ms") / 1000.0);
         const double offered = r.param("users", "rate_rps");
         return r.param("db", "shards") > 1 && offered > perShardCapacity &&
                r.node("db").utilization < 0.85 && r.m.throughput() > 0.95 * offered;
     }},
    {"queue-worker-back-pressure",
     "a full queue rejects new work, and jobs take far longer than the requests that queue them",
     [](const Run &r) {
         return r.m.rejected > 0 && r.node("queue").rejected > 0 && r.m.jobsCompleted > 0 &&
                r.m.jobLatency.mean() > 10 * r.m.latency.mean();
     }},
    {"cdn-origin", "most requests end at the edge; trips to the origin make up the tail",
     [](const Run &r) {
         const double h = r.node("cdn").hitRatio();
         return h > 0.5 && h < 0.95 && r.node("origin").served < r.node("cdn").served / 2 &&
                r.m.latency.quantile(0.99) > 3 * r.m.latency.quantile(0.5);
     }},
    {"rate-limiter", "the limiter rejects the surge while the service behind it stays unsaturated",
     [](const Run &r) {
         return r.node("limiter").rejected > 0 && r.m.rejected > 0 &&
                r.node("api").utilization < 0.8 && r.node("api").meanQueue < 1;
     }},
    {"active-passive-vs-active-active",
     "the active-passive pair loses more during detection, and its standby idles",
     [](const Run &r) {
         return r.node("web-a1").failed > 0 && r.node("web-b1").failed > 0 &&
                r.node("web-a1").failed > r.node("web-b1").failed &&
                r.node("web-a2").utilization < r.node("web-a1").utilization / 2 &&
                r.node("web-b1").served > 0 && r.node("web-b2").served > 0;
     }},
    {"retry-storm", "timeouts turn into retries and late answers, and good throughput collapses",
     [](const Run &r) {
         return r.m.timeouts > 0 && r.m.retries > r.m.timeouts && r.m.lateResponses > 0 &&
                r.m.throughput() < 0.7 * r.param("users", "rate_rps");
     }},
    {"nosql-partitions", "stale reads from any copy, and a leader failure that hardly shows",
     [](const Run &r) {
         // Runs are deterministic: had the leader failure been ignored, the
         // run would equal the one without it, figure for figure.
         const RunMetrics calm = r.withoutFaults();
         const bool faultShows = r.m.nodeDown != calm.nodeDown || r.m.failed != calm.failed ||
                                 r.m.completed != calm.completed ||
                                 r.m.staleReads != calm.staleReads;
         return r.m.staleReads > 0 && !r.diagram.faults.isEmpty() && faultShows &&
                r.m.failed * 1000 <= r.m.completed;
     }},
    {"consistent-hashing-cache-tier",
     "consistent hashing gives a higher hit ratio and a lighter database than round robin",
     [](const Run &r) {
         const double rr = r.meanHitRatio({"cache-rr-1", "cache-rr-2", "cache-rr-3"});
         const double ch = r.meanHitRatio({"cache-ch-1", "cache-ch-2", "cache-ch-3"});
         return rr > 0.2 && ch > rr + 0.05 && r.node("db-ch").served < r.node("db-rr").served;
     }},
};

// A design exercise's reference design (exercise-<id>.json) shows no single
// effect: it must carry the load the exercise estimates, cleanly.
const Lesson kReferenceDesign = {
    "exercise-*",
    "the reference design carries its stated load: no request fails, throughput is within 5 % "
    "of what the clients send, and no node is 90 % busy or more",
    [](const Run &r) {
        double offered = 0;
        for (const auto &n : r.diagram.nodes) {
            if (n.kind == sds::diagram::NodeKind::Client)
                offered += n.real(u"rate_rps");
        }
        for (const NodeMetrics &n : r.m.nodes) {
            if (n.utilization >= 0.9) {
                qWarning("%s is %.0f %% busy", qPrintable(n.id), n.utilization * 100);
                return false;
            }
        }
        qDebug("offered %.1f rps, throughput %.1f rps, %llu failed", offered, r.m.throughput(),
               static_cast<unsigned long long>(r.m.failed));
        return offered > 0 && r.m.failed == 0 && r.m.throughput() >= 0.95 * offered;
    }};

const Lesson *lessonFor(const QString &id)
{
    for (const Lesson &l : kLessons) {
        if (id == QLatin1String(l.id))
            return &l;
    }
    if (id.startsWith(QLatin1String("exercise-")))
        return &kReferenceDesign;
    return nullptr;
}

QStringList scenarioFiles()
{
    return QDir(kScenarioDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

// Sentences in a description: a full stop, question or exclamation mark
// followed by a space and a capital, or the end of the text.
int sentences(const QString &text)
{
    static const QRegularExpression end(QStringLiteral("[.!?](\\s+(?=[A-Z])|\\s*$)"));
    return int(text.count(end));
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT

private slots:
    void thereAreEnoughTemplatesWithUniqueIds()
    {
        const QStringList files = scenarioFiles();
        QVERIFY2(
            files.size() >= 10,
            qPrintable(
                QStringLiteral("only %1 templates in %2").arg(files.size()).arg(kScenarioDir)));
        static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
        QSet<QString> ids;
        QSet<QString> names;
        for (const QString &file : files) {
            const QString id = QFileInfo(file).completeBaseName();
            QVERIFY2(idPattern.match(id).hasMatch(),
                     qPrintable(file + QStringLiteral(": the id must be lowercase-hyphenated")));
            QCOMPARE(file, id + QStringLiteral(".json"));
            QVERIFY2(!ids.contains(id), qPrintable(QStringLiteral("duplicate id ") + id));
            ids.insert(id);
            const auto loaded = sds::diagram::loadDiagramFile(kScenarioDir + u'/' + file);
            QVERIFY2(loaded.ok(), qPrintable(file));
            QVERIFY2(!names.contains(loaded.diagram.name),
                     qPrintable(
                         QStringLiteral("two templates are called '%1'").arg(loaded.diagram.name)));
            names.insert(loaded.diagram.name);
        }
    }

    void everyTemplateHasALessonAndEveryLessonATemplate()
    {
        const QStringList files = scenarioFiles();
        QSet<QString> ids;
        for (const QString &file : files)
            ids.insert(QFileInfo(file).completeBaseName());
        for (const QString &id : ids)
            QVERIFY2(lessonFor(id),
                     qPrintable(id + QStringLiteral(": add its expected effect to kLessons")));
        for (const Lesson &l : kLessons)
            QVERIFY2(ids.contains(QLatin1String(l.id)),
                     qPrintable(QStringLiteral("kLessons names '%1', which has no file")
                                    .arg(QLatin1String(l.id))));
    }

    void templateRunsAndShowsItsLesson_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &file : scenarioFiles())
            QTest::newRow(qPrintable(QFileInfo(file).completeBaseName())) << file;
    }

    void templateRunsAndShowsItsLesson()
    {
        QFETCH(QString, file);
        const QString path = kScenarioDir + u'/' + file;
        const QString id = QFileInfo(file).completeBaseName();

        // The file as written: format, version and a complete run section.
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(raw.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("format")).toString(),
                 QLatin1String(sds::diagram::kFormatName));
        QCOMPARE(json.value(QStringLiteral("version")).toInt(), sds::diagram::kFormatVersion);
        const QJsonObject run = json.value(QStringLiteral("run")).toObject();
        for (const char *key : {"seed", "duration_s", "warmup_s"})
            QVERIFY2(run.contains(QLatin1String(key)),
                     qPrintable(QStringLiteral("run.%1 is missing").arg(QLatin1String(key))));
        const double duration = run.value(QStringLiteral("duration_s")).toDouble();
        QVERIFY2(duration >= 60 && duration <= 300, "run.duration_s must be 60 to 300");

        const auto loaded = sds::diagram::loadDiagramFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(QLatin1String("; "))));
        QVERIFY2(loaded.warnings.isEmpty(), qPrintable(loaded.warnings.join(QLatin1String("; "))));
        const DiagramData &d = loaded.diagram;
        QVERIFY(!d.name.trimmed().isEmpty());
        QVERIFY2(d.name.size() <= 48, "the name is shown in a menu; keep it short");
        QVERIFY(!d.description.trimmed().isEmpty());
        const int n = sentences(d.description);
        QVERIFY2(n >= 2 && n <= 4,
                 qPrintable(QStringLiteral("the description has %1 sentences, not 2 to 4").arg(n)));

        // Readable layout: labelled nodes that do not sit on top of each other.
        for (int i = 0; i < d.nodes.size(); ++i) {
            QVERIFY2(!d.nodes[i].label.trimmed().isEmpty(),
                     qPrintable(d.nodes[i].id + QStringLiteral(" has no label")));
            for (int j = i + 1; j < d.nodes.size(); ++j) {
                const bool apart = std::abs(d.nodes[i].x - d.nodes[j].x) >= 150 ||
                                   std::abs(d.nodes[i].y - d.nodes[j].y) >= 100;
                QVERIFY2(apart, qPrintable(QStringLiteral("nodes %1 and %2 overlap")
                                               .arg(d.nodes[i].id, d.nodes[j].id)));
            }
        }

        const auto problems = sds::diagram::checkDiagram(d);
        for (const auto &p : problems)
            qWarning("%s", qPrintable(p.message));
        QVERIFY2(problems.isEmpty(), "the checker reports problems");

        auto compiled = sds::sim::compileNetwork(d);
        QVERIFY2(compiled.ok(), qPrintable(compiled.errors.join(QLatin1String("; "))));
        QVERIFY(compiled.warnings.isEmpty());
        sds::sim::Simulation sim(std::move(compiled.network));
        sim.setSamplePercentiles(false);
        sim.run();
        QVERIFY2(!sim.overloaded(), "the run piled up requests and stopped early");
        QVERIFY(sim.finished());
        const RunMetrics m = sim.metrics();
        QVERIFY(m.now >= d.run.durationS - 1e-6);
        QVERIFY(m.completed > 0);
        QVERIFY(m.latency.count() > 0);

        const Lesson *lesson = lessonFor(id);
        QVERIFY2(lesson, qPrintable(id + QStringLiteral(": add its expected effect to kLessons")));
        QVERIFY2(lesson->holds(Run{d, m}),
                 qPrintable(QStringLiteral("%1 does not show its lesson: %2")
                                .arg(id, QLatin1String(lesson->effect))));
    }
};

QTEST_APPLESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
