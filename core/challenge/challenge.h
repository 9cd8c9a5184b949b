#pragma once

#include "core/diagram/diagramdata.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

/**
 * A challenge: a brief, a starting canvas, goals the learner's design must
 * meet under a workload and faults the challenge fixes, hints tied to the
 * goals, and two designs of its own (a reference that passes, a naive one
 * that does not). One JSON file per challenge, format "sdstudio-challenge",
 * documented in content/challenges/README.md. The starting design's clients
 * and workload, and the challenge's run length and faults, are what the
 * grader imposes on any design (see lockDesign()).
 */
namespace sds::challenge {

inline constexpr const char *kFormatName = "sdstudio-challenge";
inline constexpr int kFormatVersion = 1;

/** The figures a goal may bound. Keys as in the experiments' JSON, plus availability. */
enum class GoalMetric {
    Throughput,
    LatencyMean,
    LatencyP50,
    LatencyP95,
    LatencyP99,
    ErrorRate,
    Availability,
    StaleReads,
    LostWrites,
    Cost,
    JobThroughput,
};

QString goalMetricKey(GoalMetric m);
QString goalMetricLabel(GoalMetric m);
QStringList goalMetricKeys();
/**
 * "150 ms", "0.100 %", "$565": a goal's value in its unit, "none" when not a
 * number; the C locale for scripts and cards, the user's in the window.
 */
QString formatGoalValue(GoalMetric metric, double value, const QLocale &locale = QLocale::c());

struct Goal {
    QString id; ///< unique in the challenge; hints and the report refer to it
    GoalMetric metric = GoalMetric::LatencyP99;
    double limit = 0;
    bool atMost = true; ///< "max": the value must stay at or below the limit; "min": at or above
};

/** A scripted fault: a named component, or the first of some kinds (by id) in the design. */
struct ChallengeFault {
    QString node;      ///< an id; empty when kinds say which
    QStringList kinds; ///< catalogue kind keys
    double atS = 0;
    double durationS = 0;
    QString label; ///< what the brief calls it ("the primary fails")
};

/**
 * The physics of one kind of component: part of the problem, so a design
 * cannot pass by declaring its servers faster, its failover instant or its
 * replication free. Nodes of the kind take at least each value in @c least
 * (service_ms, failover_s, replication_lag_ms, health_check_s), at most each
 * value in @c most (servers: the largest instance there is; ttl_s: how stale
 * the brief lets data be), and the distribution when one is given.
 */
struct Work {
    QString kind;                ///< catalogue kind key
    QMap<QString, double> least; ///< parameter key → its least value
    QMap<QString, double> most;  ///< parameter key → its greatest value
    QString serviceDist;         ///< empty: the design's own
    double serviceCv = -1;       ///< < 0: the design's own
};

/**
 * What any answer must contain: a node of one of @c kinds that requests
 * reach (the data lives in a database, say), so a design cannot pass by
 * leaving out the work; @c reason tells the learner why.
 */
struct Requirement {
    QStringList kinds; ///< catalogue kind keys, any one of them
    QString reason;
};

struct Hint {
    QString goal; ///< shown when this goal does not pass; empty: whenever unsolved
    QString text;
    QString topic; ///< a topic page id it points to, may be empty
};

struct Challenge {
    QString id;
    QString title;
    int level = 1; ///< 1 (first steps) to 5 (hard)
    int order = 0; ///< campaign order
    QStringList topics;
    QString brief; ///< Markdown
    double durationS = 120;
    double warmupS = 10;
    double clientLatencyMs = 20; ///< every edge out of a client: how far the users are
    int seeds = 5;               ///< to start with
    int maxSeeds = 20;           ///< added while a goal is too close to call
    QList<ChallengeFault> faults;
    QList<Work> work;
    QList<Requirement> requirements; ///< "requires" in the file
    QList<Goal> goals;
    QList<Hint> hints;
    diagram::DiagramData start;
    diagram::DiagramData reference;
    diagram::DiagramData naive;
    QString referenceScenario; ///< set when the reference is a lab scenario ("scenario:ID")
};

/**
 * Parses one challenge file. A reference given as "scenario:ID" is looked up
 * through @p scenario (may be null: then it is an error).
 */
Result<Challenge>
parseChallenge(const QByteArray &json,
               const std::function<const diagram::DiagramData *(const QString &)> &scenario = {});

} // namespace sds::challenge
