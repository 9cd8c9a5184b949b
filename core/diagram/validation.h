#pragma once

#include "core/diagram/diagramdata.h"

#include <QList>
#include <QString>

/**
 * Checks that a diagram can be run and points at what cannot: no client, a
 * node nothing reaches, a loop with no way out, routing probabilities that
 * add up to more than one, a queue with no workers, a cache with no store
 * behind it. Each problem names the node or edge it concerns, so the lab can
 * mark it on the canvas and the command line can print it.
 */
namespace sds::diagram {

struct Problem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString nodeId; ///< the node concerned, if any
    QString edgeId; ///< the edge concerned, if any
    QString message;

    bool isError() const { return severity == Severity::Error; }
};

QList<Problem> checkDiagram(const DiagramData &diagram);
/** Whether any problem is an error (warnings do not stop a run). */
bool hasErrors(const QList<Problem> &problems);

} // namespace sds::diagram
