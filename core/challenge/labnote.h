#pragma once

#include "core/challenge/challenge.h"
#include "core/challenge/grader.h"

#include <QString>

/**
 * A flashcard made from a graded design ("Make a flashcard from this"): the
 * question on the front (the challenge's situation, or the learner's own
 * prediction when they typed one), and on the back what was measured (each
 * goal's value against its limit, solved or not) and what limited the design,
 * so reviewing it later recalls the lesson, not just the numbers. Plain text
 * with the card format's **bold**; the app adds it to the learner's deck
 * "My lab notes".
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

} // namespace sds::challenge
