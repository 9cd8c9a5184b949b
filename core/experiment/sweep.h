#pragma once

#include "core/diagram/diagramdata.h"
#include "core/experiment/replications.h"
#include "core/sim/network.h"

#include <functional>
#include <optional>

/**
 * Sweeps: one thing varied over a range, N points x K seeds, every metric
 * estimated at each point, and the analytic twin's mean latency beside it
 * where queueing theory applies, so the measured knee of the curve can be
 * read against the predicted one. What varies is the total request rate
 * ("rate", shared over the clients in their proportions) or any numeric
 * parameter of a node ("NODE.PARAM", a key of the node's kind in the
 * catalogue) or of an edge ("EDGE.latency_ms", ".weight", ".probability").
 * Each point is the design with that one value changed, checked and
 * compiled as the lab would.
 */
namespace sds::experiment {

struct SweepParameter {
    enum class Target { Rate, Node, Edge };
    Target target = Target::Rate;
    QString id;         ///< node or edge id
    QString key;        ///< parameter key
    bool whole = false; ///< integer parameter: values are rounded
    double min = 0, max = 1e7;
    QString unit;

    QString name() const; ///< "rate", "web.servers"
};

/** Reads "rate", "NODE.PARAM" or "EDGE.PARAM" against @p diagram; returns the problem or empty. */
QString parseSweepParameter(const diagram::DiagramData &diagram, const QString &text,
                            SweepParameter &out);

/** The numeric parameters a sweep can vary in @p diagram, "rate" first. */
QStringList sweepableParameters(const diagram::DiagramData &diagram);

struct SweepPlan {
    SweepParameter parameter;
    double from = 0, to = 0;
    int steps = 10;
    ReplicationPlan replications;
    double loadFactor = 1; ///< applied when what varies is not the rate (the lab's slider)
};

QString checkSweepPlan(const SweepPlan &plan);
/** The N values, evenly spaced from..to, rounded for whole parameters, repeats dropped. */
std::vector<double> sweepValues(const SweepPlan &plan);

/** The design with the parameter at @p value, compiled. */
sim::CompileResult networkAt(const diagram::DiagramData &diagram, const SweepPlan &plan,
                             double value);

struct SweepPoint {
    double value = 0;
    Summary summary;
    std::optional<double>
        analyticLatencyMs; ///< the twin's mean latency, where it applies and is finite
};

struct SweepResult {
    std::vector<SweepPoint> points; ///< in value order; fewer when cancelled
    QString error;                  ///< a point that does not compile
    bool cancelled = false;
};

/**
 * Runs the sweep on the shared pool. @p onPoint (may be empty) is called from
 * a worker thread as each point's last run finishes, with its index in
 * sweepValues() order.
 */
SweepResult runSweep(const diagram::DiagramData &diagram, const SweepPlan &plan,
                     Progress *progress = nullptr,
                     const std::function<void(int, const SweepPoint &)> &onPoint = {});

} // namespace sds::experiment
