#pragma once

#include "core/challenge/challenge.h"
#include "core/challenge/grader.h"
#include "core/sim/metrics.h"

#include <QHash>
#include <QString>

/**
 * A flashcard made from a graded design ("Make a flashcard from this"): the
 * question on the front (the challenge's situation, or the learner's own
 * prediction when they typed one), and on the back what was measured (each
 * goal's value against its limit, solved or not) and what limited the design,
 * so reviewing it later recalls the lesson, not just the numbers. Any run of
 * the lab makes one too, without goals. Plain text with the card format's
 * **bold** and in-app links; the app adds it to the learner's deck
 * "My lab notes", with a link that reopens a copy of the design.
 */
namespace sds::challenge {

inline constexpr const char *kLabNotesDeck = "My lab notes";

struct LabNote {
    QString front;
    QString back;
    QStringList tags;
};

/** @p prediction: what the learner expected, typed before running (may be empty). */
LabNote labNote(const Challenge &challenge, const GradeResult &result,
                const QString &prediction = {});

/**
 * A card from a run of any design: @p designName at @p rateRps on the front
 * (or the learner's prediction), and on the back the measured throughput,
 * latency percentiles, errors and the busiest component. @p labels: node id →
 * the name the canvas shows.
 */
LabNote runNote(const QString &designName, double rateRps, const sim::RunMetrics &run,
                const QHash<QString, QString> &labels, const QString &prediction = {});

/** Card text that links to the challenge @p id: clicking it opens the challenge. */
QString challengeLink(const QString &id);

/**
 * Card text that links to a saved copy of a design, @p fileName in the data
 * folder's lab-notes folder; isLabNoteFile() says whether a link's name is one.
 */
QString designLink(const QString &fileName);
bool isLabNoteFile(const QString &fileName);

} // namespace sds::challenge
