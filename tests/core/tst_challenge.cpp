// Challenges: the file format, what the grader locks, the verdicts and the
// seeds it adds when a goal is too close to call.

#include "core/cards/cardhtml.h"
#include "core/challenge/challengelibrary.h"
#include "core/challenge/grader.h"
#include "core/challenge/gradereport.h"
#include "core/challenge/labnote.h"
#include "core/challenge/lockdesign.h"
#include "core/sim/network.h"
#include "core/sim/simulation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sds::challenge;
using sds::diagram::DiagramData;
using sds::diagram::NodeKind;

namespace {

// A small challenge: 300 rps of users, a web tier and a database that fails at 40 s.
QJsonObject design(int webServers, bool withDb = true)
{
    QJsonArray nodes{
        QJsonObject{{u"id"_s, u"users"_s},
                    {u"kind"_s, u"client"_s},
                    {u"params"_s, QJsonObject{{u"rate_rps"_s, 300}}}},
        QJsonObject{{u"id"_s, u"web"_s},
                    {u"kind"_s, u"web_server"_s},
                    {u"params"_s, QJsonObject{{u"servers"_s, webServers}, {u"service_ms"_s, 10}}}}};
    QJsonArray edges{QJsonObject{{u"from"_s, u"users"_s}, {u"to"_s, u"web"_s}}};
    if (withDb) {
        nodes.append(
            QJsonObject{{u"id"_s, u"db"_s},
                        {u"kind"_s, u"sql_database"_s},
                        {u"params"_s, QJsonObject{{u"replicas"_s, 1}, {u"failover_s"_s, 2}}}});
        edges.append(QJsonObject{{u"from"_s, u"web"_s}, {u"to"_s, u"db"_s}, {u"latency_ms"_s, 1}});
    }
    return {{u"format"_s, u"sdstudio-diagram"_s},
            {u"version"_s, 1},
            {u"nodes"_s, nodes},
            {u"edges"_s, edges}};
}

QJsonObject challengeJson()
{
    QJsonObject start{
        {u"format"_s, u"sdstudio-diagram"_s},
        {u"version"_s, 1},
        {u"workload"_s, QJsonObject{{u"keys"_s, 1000}, {u"zipf"_s, 0.5}}},
        {u"nodes"_s,
         QJsonArray{QJsonObject{
             {u"id"_s, u"users"_s},
             {u"kind"_s, u"client"_s},
             {u"params"_s, QJsonObject{{u"rate_rps"_s, 300}, {u"read_fraction"_s, 0.8}}}}}}};
    return {
        {u"format"_s, u"sdstudio-challenge"_s},
        {u"version"_s, 1},
        {u"id"_s, u"tiny"_s},
        {u"title"_s, u"Tiny"_s},
        {u"level"_s, 1},
        {u"brief"_s, u"Serve the users."_s},
        {u"run"_s, QJsonObject{{u"duration_s"_s, 60}, {u"warmup_s"_s, 5}}},
        {u"seeds"_s, QJsonObject{{u"start"_s, 3}, {u"max"_s, 12}}},
        {u"faults"_s,
         QJsonArray{QJsonObject{{u"kinds"_s, QJsonArray{u"sql_database"_s, u"nosql_store"_s}},
                                {u"at_s"_s, 40},
                                {u"duration_s"_s, 10},
                                {u"label"_s, u"the primary fails"_s}}}},
        {u"work"_s, QJsonObject{{u"web_server"_s, QJsonObject{{u"service_ms"_s, 10}}}}},
        {u"goals"_s,
         QJsonArray{
             QJsonObject{{u"id"_s, u"p99"_s}, {u"metric"_s, u"latency_p99_ms"_s}, {u"max"_s, 200}},
             QJsonObject{{u"id"_s, u"up"_s}, {u"metric"_s, u"availability"_s}, {u"min"_s, 0.9}}}},
        {u"hints"_s, QJsonArray{QJsonObject{{u"goal"_s, u"p99"_s},
                                            {u"text"_s, u"More servers?"_s},
                                            {u"topic"_s, u"cache"_s}},
                                QJsonObject{{u"text"_s, u"Read the brief again."_s}}}},
        {u"start"_s, start},
        {u"reference"_s, design(6)},
        {u"naive"_s, design(3)}};
}

Challenge parsed(const QJsonObject &o = challengeJson())
{
    auto c = parseChallenge(QJsonDocument(o).toJson());
    if (!c)
        qFatal("test challenge does not parse: %s", qPrintable(c.error()));
    return c.value();
}

QByteArray gradeBytes(const Challenge &c, const DiagramData &d, GradeOptions o = {})
{
    auto r = grade(c, d, o);
    if (!r)
        qFatal("grade failed: %s", qPrintable(r.error()));
    return QJsonDocument(gradeJson(r.value())).toJson();
}

} // namespace

class TestChallenge : public QObject
{
    Q_OBJECT

private slots:
    void parsesTheFormat()
    {
        const Challenge c = parsed();
        QCOMPARE(c.id, u"tiny"_s);
        QCOMPARE(c.goals.size(), 2);
        QCOMPARE(c.goals[1].metric, GoalMetric::Availability);
        QVERIFY(!c.goals[1].atMost);
        QCOMPARE(c.faults[0].kinds, (QStringList{u"sql_database"_s, u"nosql_store"_s}));
        QCOMPARE(c.reference.nodes.size(), 3);
        QCOMPARE(c.seeds, 3);
        QCOMPARE(c.maxSeeds, 12);
        QCOMPARE(c.clientLatencyMs, 20.0);
    }

    void refusesBadFilesWithAReason_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("format") << u"format"_s << QJsonValue(u"sdstudio-diagram"_s) << u"format"_s;
        QTest::newRow("newer") << u"version"_s << QJsonValue(2) << u"update the app"_s;
        QTest::newRow("id") << u"id"_s << QJsonValue(u"Has Spaces"_s) << u"id"_s;
        QTest::newRow("level") << u"level"_s << QJsonValue(7) << u"level"_s;
        QTest::newRow("no goals") << u"goals"_s << QJsonValue(QJsonArray{})
                                  << u"at least one goal"_s;
        QTest::newRow("metric") << u"goals"_s
                                << QJsonValue(QJsonArray{QJsonObject{{u"id"_s, u"x"_s},
                                                                     {u"metric"_s, u"speed"_s},
                                                                     {u"max"_s, 1}}})
                                << u"must be one of"_s;
        QTest::newRow("max and min")
            << u"goals"_s
            << QJsonValue(QJsonArray{QJsonObject{{u"id"_s, u"x"_s},
                                                 {u"metric"_s, u"error_rate"_s},
                                                 {u"max"_s, 1},
                                                 {u"min"_s, 0}}})
            << u"exactly one"_s;
        QTest::newRow("hint goal")
            << u"hints"_s
            << QJsonValue(QJsonArray{QJsonObject{{u"goal"_s, u"nope"_s}, {u"text"_s, u"t"_s}}})
            << u"nope"_s;
        QTest::newRow("fault kind")
            << u"faults"_s
            << QJsonValue(QJsonArray{QJsonObject{
                   {u"kinds"_s, QJsonArray{u"toaster"_s}}, {u"at_s"_s, 1}, {u"duration_s"_s, 1}}})
            << u"toaster"_s;
        QTest::newRow("fault time")
            << u"faults"_s
            << QJsonValue(QJsonArray{
                   QJsonObject{{u"node"_s, u"db"_s}, {u"at_s"_s, 500}, {u"duration_s"_s, 1}}})
            << u"at_s"_s;
        QTest::newRow("start without clients") << u"start"_s << QJsonValue(design(2)) << u"web"_s;
        QTest::newRow("work kind")
            << u"work"_s
            << QJsonValue(QJsonObject{{u"client"_s, QJsonObject{{u"service_ms"_s, 1}}}})
            << u"service time"_s;
        QTest::newRow("work param of another kind")
            << u"work"_s
            << QJsonValue(QJsonObject{
                   {u"web_server"_s, QJsonObject{{u"service_ms"_s, 1}, {u"failover_s"_s, 5}}}})
            << u"no failover_s"_s;
        QTest::newRow("work floor range")
            << u"work"_s
            << QJsonValue(QJsonObject{
                   {u"sql_database"_s, QJsonObject{{u"service_ms"_s, 1}, {u"failover_s"_s, -1}}}})
            << u"failover_s"_s;
        QTest::newRow("work ceiling param")
            << u"work"_s
            << QJsonValue(
                   QJsonObject{{u"web_server"_s,
                                QJsonObject{{u"service_ms"_s, 1},
                                            {u"at_most"_s, QJsonObject{{u"service_ms"_s, 5}}}}}})
            << u"cannot limit service_ms"_s;
        QTest::newRow("requirement kind")
            << u"requires"_s
            << QJsonValue(QJsonArray{
                   QJsonObject{{u"kinds"_s, QJsonArray{u"client"_s}}, {u"reason"_s, u"x"_s}}})
            << u"not a component"_s;
        QTest::newRow("requirement reason")
            << u"requires"_s
            << QJsonValue(QJsonArray{QJsonObject{{u"kinds"_s, QJsonArray{u"cache"_s}}}})
            << u"\"reason\""_s;
        QTest::newRow("reference scenario")
            << u"reference"_s << QJsonValue(u"scenario:nowhere"_s) << u"nowhere"_s;
    }

    void refusesBadFilesWithAReason()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = challengeJson();
        o.insert(key, value);
        if (key == u"start"_s) {
            // A start with only servers: no clients for the grader to lock.
            QJsonObject s = value.toObject();
            QJsonArray nodes = s.value(u"nodes"_s).toArray();
            nodes.removeFirst();
            s.insert(u"nodes"_s, nodes);
            s.insert(u"edges"_s, QJsonArray{});
            o.insert(key, s);
            message = u"clients"_s;
        }
        const auto c = parseChallenge(QJsonDocument(o).toJson());
        QVERIFY(!c);
        QVERIFY2(c.error().contains(message), qPrintable(c.error()));
        QVERIFY(!parseChallenge("{ not json"));
    }

    void lockingKeepsTheChallengesWorkload()
    {
        const Challenge c = parsed();
        auto d = parseChallenge(QJsonDocument(challengeJson()).toJson())->reference;
        d.nodes[0].params.insert(u"rate_rps"_s, 1);
        d.nodes[0].params.insert(u"timeout_ms"_s, 5);
        d.workload.zipf = 3;
        d.run.durationS = 5;
        d.edges[0].latencyMs = 0;
        d.faults.clear();
        const auto locked = lockDesign(c, d);
        QVERIFY(locked);
        const auto &l = locked->design;
        QCOMPARE(l.nodes[0].params, c.start.nodes[0].params); // timeout_ms gone, rate back
        QCOMPARE(l.workload.zipf, 0.5);
        QCOMPARE(l.workload.keys, qint64(1000));
        QCOMPARE(l.run.durationS, 60.0);
        QCOMPARE(l.edges[0].latencyMs, 20.0);
        QCOMPARE(l.faults.size(), 1);
        QCOMPARE(l.faults[0].node, u"db"_s);
        QCOMPARE(l.faults[0].atS, 40.0);
    }

    void workFloorsRaiseFailoverAndLagButNeverLowerThem()
    {
        QJsonObject o = challengeJson();
        o.insert(u"work"_s,
                 QJsonObject{{u"sql_database"_s, QJsonObject{{u"service_ms"_s, 8},
                                                             {u"failover_s"_s, 5},
                                                             {u"replication_lag_ms"_s, 50}}}});
        const auto c = parseChallenge(QJsonDocument(o).toJson());
        QVERIFY2(c, qPrintable(c.error()));
        DiagramData d = c->reference;
        const int db = d.nodeIndex(u"db");
        QVERIFY(db >= 0);
        d.nodes[db].params.insert(u"failover_s"_s, 0); // "an instant failover"
        d.nodes[db].params.insert(u"replication_lag_ms"_s, 500);
        auto locked = lockDesign(*c, d);
        QVERIFY(locked);
        const auto &n = locked->design.nodes[db];
        QCOMPARE(n.real(u"failover_s"), 5.0);
        QCOMPARE(n.real(u"replication_lag_ms"), 500.0); // slower than the floor stays
        QCOMPARE(n.real(u"service_ms"), 8.0);           // the default 5 ms is raised
    }

    void workCeilingsCapServersAndTimeToLiveAndSaySo()
    {
        QJsonObject o = challengeJson();
        o.insert(u"work"_s,
                 QJsonObject{
                     {u"web_server"_s, QJsonObject{{u"service_ms"_s, 10},
                                                   {u"at_most"_s, QJsonObject{{u"servers"_s, 4}}}}},
                     {u"cache"_s, QJsonObject{{u"service_ms"_s, 0.5},
                                              {u"at_most"_s, QJsonObject{{u"ttl_s"_s, 2}}}}}});
        const auto c = parseChallenge(QJsonDocument(o).toJson());
        QVERIFY2(c, qPrintable(c.error()));
        DiagramData d = c->reference; // six web servers
        sds::diagram::Node cache;
        cache.id = u"cache"_s;
        cache.kind = NodeKind::Cache; // ttl_s 0 by default: never expires
        d.nodes.append(cache);
        auto locked = lockDesign(*c, d);
        QVERIFY(locked);
        const auto &l = locked->design;
        QCOMPARE(l.nodes[l.nodeIndex(u"web")].integer(u"servers"), 4);
        QCOMPARE(l.nodes[l.nodeIndex(u"cache")].real(u"ttl_s"), 2.0);
        QCOMPARE(locked->notes.size(), 2);
        QVERIFY2(locked->notes[0].contains(u"the design has 6"_s), qPrintable(locked->notes[0]));
        QVERIFY2(locked->notes[1].contains(u"no expiry"_s), qPrintable(locked->notes[1]));
        // Within the ceilings: untouched and nothing to say.
        d.nodes[d.nodeIndex(u"web")].params.insert(u"servers"_s, 3);
        d.nodes[d.nodeIndex(u"cache")].params.insert(u"ttl_s"_s, 1.5);
        locked = lockDesign(*c, d);
        QVERIFY(locked->notes.isEmpty());
        QCOMPARE(locked->design.nodes[l.nodeIndex(u"cache")].real(u"ttl_s"), 1.5);
    }

    void aRequiredKindMustBeReachedAndAnUnusedCopyTakesNoFault()
    {
        QJsonObject o = challengeJson();
        o.insert(u"requires"_s, QJsonArray{QJsonObject{
                                    {u"kinds"_s, QJsonArray{u"sql_database"_s, u"nosql_store"_s}},
                                    {u"reason"_s, u"the orders are stored"_s}}});
        const auto c = parseChallenge(QJsonDocument(o).toJson());
        QVERIFY2(c, qPrintable(c.error()));
        QVERIFY(checkRequirements(*c, c->reference)); // users → web → db
        // Without the database the web tier answers everything itself: refused.
        DiagramData noDb = c->reference;
        noDb.edges.removeLast();
        QVERIFY(lockDesign(*c, noDb));        // locking is not where it is refused...
        const auto refused = grade(*c, noDb); // ...grading is
        QVERIFY(!refused);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(
                     u"needs a relational database (SQL) or a NoSQL store that requests reach"_s) &&
                     refused.error().contains(u"the orders are stored"_s),
                 qPrintable(refused.error()));
        // A decoy database nobody calls, whose id sorts first, does not take the fault.
        DiagramData decoy = c->reference;
        sds::diagram::Node spare;
        spare.id = u"aaa-spare"_s;
        spare.kind = NodeKind::SqlDatabase;
        decoy.nodes.append(spare);
        const auto locked = lockDesign(*c, decoy);
        QVERIFY(locked);
        QCOMPARE(locked->faultTargets, QStringList{u"db"_s});
        // ...and with the real one unplugged, the decoy is no answer either.
        decoy.edges.removeLast();
        QVERIFY(!checkRequirements(*c, decoy));
    }

    void aFaultByKindHitsTheFirstByIdOrSaysItFoundNone()
    {
        const Challenge c = parsed();
        DiagramData d = c.reference;
        auto second = d.nodes[2];
        second.id = u"a-store"_s;
        second.kind = NodeKind::NoSqlStore;
        second.params.clear();
        d.nodes.append(second);
        sds::diagram::Edge toStore;
        toStore.from = u"web"_s;
        toStore.to = u"a-store"_s;
        d.edges.append(toStore); // requests reach both: the first by id fails
        auto l = lockDesign(c, d);
        QVERIFY(l);
        QCOMPARE(l->design.faults[0].node, u"a-store"_s); // u"a-store"_s < u"db"_s

        const auto withoutDb = parseChallenge(QJsonDocument(challengeJson()).toJson())->naive;
        DiagramData plain = withoutDb;
        plain.nodes.removeLast();
        plain.edges.removeLast();
        l = lockDesign(c, plain);
        QVERIFY(l);
        QVERIFY(l->design.faults.isEmpty());
        QCOMPARE(l->notes.size(), 1);
        QVERIFY(l->notes[0].contains(u"the primary fails"_s));
    }

    void refusesMissingAndExtraClients()
    {
        const Challenge c = parsed();
        DiagramData extra = c.reference;
        auto bot = extra.nodes[0];
        bot.id = u"bot"_s;
        extra.nodes.append(bot);
        auto r = grade(c, extra);
        QVERIFY(!r);
        QVERIFY(r.error().contains(u"\"bot\""_s));

        DiagramData missing = c.reference;
        missing.nodes[0].id = u"people"_s;
        missing.edges[0].from = u"people"_s;
        r = grade(c, missing);
        QVERIFY(!r);
        QVERIFY(r.error().contains(u"\"users\""_s));
    }

    void editingTheProblemGradesAsTheUnchangedDesign()
    {
        const Challenge c = parsed();
        const QByteArray unchanged = gradeBytes(c, c.naive);
        DiagramData easier = c.naive;
        easier.nodes[0].params.insert(u"rate_rps"_s, 10); // a tenth of the load
        easier.faults.clear();                            // and no fault
        easier.run.seed = 99;
        easier.nodes[1].params.insert(u"service_ms"_s, 1); // "a faster server"
        easier.nodes[1].params.insert(u"service_dist"_s, u"exponential"_s);
        QCOMPARE(gradeBytes(c, easier), unchanged);
        // ...and the naive design really is graded under load: it fails.
        const auto r = grade(c, c.naive);
        QVERIFY(!r->solved);
    }

    void referencePassesNaiveFailsWithTheWhy()
    {
        const Challenge c = parsed();
        const auto ref = grade(c, c.reference);
        QVERIFY(ref);
        QVERIFY(ref->solved);
        for (const auto &g : ref->goals)
            QCOMPARE(g.verdict, Verdict::Pass);
        QVERIFY(ref->hints.isEmpty());
        // 300 rps at 10 ms on 6 servers: half busy.
        QVERIFY(ref->diagnosis.bottleneck);
        QCOMPARE(ref->diagnosis.bottleneck->node, u"web"_s);
        QVERIFY(qAbs(ref->diagnosis.bottleneck->utilization - 0.5) < 0.05);
        QCOMPARE(ref->diagnosis.faults.size(), 1);
        QCOMPARE(ref->faultNames, QStringList{u"the primary fails"_s});
        // Writes fail until the replica is promoted 2 s after the fault.
        QVERIFY(ref->diagnosis.faults[0].errors > 0);

        const auto naive = grade(c, c.naive); // 3 servers at 100 % busy
        QVERIFY(naive && !naive->solved);
        QCOMPARE(naive->goals[0].verdict, Verdict::Fail);
        QCOMPARE(naive->diagnosis.tail.parts.first().node, u"web"_s);
        QVERIFY(naive->diagnosis.tail.parts.first().parts[0] > 0.5); // queueing
        QStringList hints;
        for (const auto &h : naive->hints)
            hints << h.text;
        QCOMPARE(hints, (QStringList{u"More servers?"_s, u"Read the brief again."_s}));
    }

    void judgesIntervalsAgainstTheLimit()
    {
        Goal atMost{u"g"_s, GoalMetric::LatencyP99, 100, true};
        auto est = [](double lo, double mean, double hi) {
            sds::experiment::Estimate e;
            e.low = lo;
            e.mean = mean;
            e.high = hi;
            e.n = 5;
            return e;
        };
        QCOMPARE(judge(atMost, est(80, 90, 100)), Verdict::Pass);
        QCOMPARE(judge(atMost, est(95, 99, 103)), Verdict::TooClose);
        QCOMPARE(judge(atMost, est(100.5, 110, 120)), Verdict::Fail);
        Goal atLeast{u"g"_s, GoalMetric::Availability, 0.99, false};
        QCOMPARE(judge(atLeast, est(0.995, 0.997, 0.999)), Verdict::Pass);
        QCOMPARE(judge(atLeast, est(0.985, 0.991, 0.996)), Verdict::TooClose);
        QCOMPARE(judge(atLeast, est(0.95, 0.96, 0.98)), Verdict::Fail);
        auto missing = est(80, 90, 100);
        missing.missing = 1; // a run answered nothing
        QCOMPARE(judge(atMost, missing), Verdict::Fail);
    }

    void addsSeedsWhileAGoalIsTooClose()
    {
        Challenge c = parsed();
        const auto first = grade(c, c.reference);
        QCOMPARE(first->seeds, 3);
        // A limit at the design's own mean can be called neither way.
        c.goals[0].limit = first->goals[0].value.mean;
        const auto close = grade(c, c.reference);
        // 3, then 6, then 12 seeds: doubled while it stays too close, up to the cap.
        QVERIFY(close->seeds == 6 || close->seeds == 12);
        if (close->goals[0].verdict == Verdict::TooClose)
            QCOMPARE(close->seeds, 12);
        QVERIFY(!close->solved);
        GradeOptions more;
        more.seeds = 20; // a start above the challenge's cap raises the cap
        QCOMPARE(grade(c, c.reference, more)->seeds, 20);
    }

    void aGradeIsTheSameOnAnyNumberOfThreads()
    {
        const Challenge c = parsed();
        GradeOptions one;
        one.threads = 1;
        GradeOptions three;
        three.threads = 3;
        QCOMPARE(gradeBytes(c, c.naive, one), gradeBytes(c, c.naive, three));
    }

    void aLabNoteCarriesTheMeasuredAnswer()
    {
        const Challenge c = parsed();
        const auto naive = grade(c, c.naive);
        const LabNote note = labNote(c, *naive);
        QVERIFY(note.front.contains(u"**Tiny**"_s));
        QVERIFY(note.front.contains(u"Serve the users."_s));
        QVERIFY(note.back.startsWith(u"**Not solved** over"_s));
        // Each goal with its measured value and verdict, then what limited it.
        QVERIFY(
            note.back.contains(u"p99 latency: "_s + formatGoalValue(GoalMetric::LatencyP99,
                                                                    naive->goals[0].value.mean)));
        QVERIFY(note.back.contains(u"(goal at most 200 ms): fail"_s));
        QVERIFY(note.back.contains(u"(goal at least 90.00 %)"_s));
        QVERIFY(note.back.contains(u"Limited by: "_s + naive->diagnosis.bottleneck->why));
        const LabNote predicted = labNote(c, *naive, u"  p99 near 100 ms "_s);
        QVERIFY(predicted.front.contains(u"I predicted: p99 near 100 ms\nWas I right?"_s));
    }

    void aRunNoteNamesTheBusiestComponent()
    {
        const Challenge c = parsed();
        // The naive design, run once at 300 rps: the web tier is the one that saturates.
        sds::sim::Simulation sim(sds::sim::compileNetwork(lockDesign(c, c.naive)->design).network);
        sim.run();
        const sds::sim::RunMetrics run = sim.metrics();
        QVERIFY(run.completed > 0);
        const LabNote note = runNote(u"Two tiers"_s, 300, run, {{u"web"_s, u"Web tier"_s}});
        QVERIFY(note.front.startsWith(u"**Two tiers** at 300 requests a second"_s));
        QVERIFY(note.front.contains(u"what limits it?"_s));
        QVERIFY2(note.back.contains(u"Busiest: Web tier at "_s), qPrintable(note.back));
        QVERIFY(note.back.contains(u"p99 "_s +
                                   QString::number(run.latency.quantile(0.99) * 1000, 'f', 1)));
        const LabNote predicted = runNote(u"Two tiers"_s, 300, run, {}, u"the web tier"_s);
        QVERIFY(predicted.front.contains(u"I predicted: the web tier\nWas I right?"_s));
        QVERIFY(predicted.back.contains(u"Busiest: web at "_s)); // no label: the id
    }

    void cardLinksReachOnlyTheAppsOwnPlaces()
    {
        using sds::cards::plainToHtml;
        QCOMPARE(plainToHtml(designLink(u"note-1.json"_s)),
                 u"<a href=\"lab:note-1.json\">Reopen this design in the lab</a>"_s);
        QCOMPARE(plainToHtml(challengeLink(u"retry-storm"_s)),
                 u"<a href=\"challenge:retry-storm\">Open the challenge</a>"_s);
        // The web, and anything that would leave the attribute, stays text.
        QVERIFY(!plainToHtml(u"[x](https://example.com)"_s).contains(u"<a"_s));
        QVERIFY(!plainToHtml(u"[x](lab:a\"onclick=\"y)"_s).contains(u"<a"_s));
        QVERIFY(isLabNoteFile(u"note-20261204-1.json"_s));
        QVERIFY(!isLabNoteFile(u"../progress.sqlite"_s));
        QVERIFY(!isLabNoteFile(u"/etc/passwd.json"_s));
        QVERIFY(!isLabNoteFile(u"a.json/b"_s));
    }

    void theLibraryKeepsCampaignOrderAndNamesBadFiles()
    {
        QTemporaryDir dir;
        auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        QJsonObject late = challengeJson();
        late.insert(u"id"_s, u"late"_s);
        late.insert(u"order"_s, 20);
        QJsonObject early = challengeJson();
        early.insert(u"id"_s, u"early"_s);
        early.insert(u"order"_s, 10);
        write(u"late.json"_s, QJsonDocument(late).toJson());
        write(u"early.json"_s, QJsonDocument(early).toJson());
        write(u"renamed.json"_s, QJsonDocument(early).toJson()); // id and name differ
        write(u"broken.json"_s, "{");
        const auto lib = ChallengeLibrary::load(dir.path());
        QCOMPARE(lib.entries().size(), 2);
        QCOMPARE(lib.entries()[0].id, u"early"_s);
        QCOMPARE(lib.entries()[1].id, u"late"_s);
        QCOMPARE(lib.errors().size(), 2);
        QVERIFY(lib.errors().join(u' ').contains(u"broken.json"_s));
        QVERIFY(lib.errors().join(u' ').contains(u"renamed.json"_s));
        QVERIFY(lib.find(u"late"_s));
        QVERIFY(!lib.find(u"renamed"_s));
    }
};

QTEST_GUILESS_MAIN(TestChallenge)
#include "tst_challenge.moc"
