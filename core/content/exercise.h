#pragma once

#include "core/diagram/diagramdata.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * The body of an exercise or OOD page (content/exercises/README.md) read as
 * steps: the statement, always shown, then each `##` heading with its
 * prompt (the text up to `### Solution`, always shown) and its solution
 * (the rest up to the next `##`, hidden until the learner asks for it).
 * Parsing never fails: what breaks the contract is listed in `problems`, so
 * the reader can still show a flawed page and the content check can say
 * what to fix. Also builds the empty canvas for the learner's own attempt
 * at a design exercise.
 */
namespace sds::content {

struct ExerciseStep {
    QString title;            ///< the `##` heading's text
    QString prompt;           ///< Markdown between the heading and `### Solution`
    QString solution;         ///< Markdown after `### Solution`, up to the next `##`
    int solutionHeadings = 0; ///< how many `### Solution` lines the step has
};

struct Exercise {
    QString statement; ///< Markdown before the first step
    QList<ExerciseStep> steps;
    QStringList problems; ///< "step 2 (\"Estimates\"): ..." each; empty when sound
    bool ok() const { return problems.isEmpty(); }
};

/** Splits @p body (a page body without front matter) into its steps. */
Exercise parseExercise(const QString &body);

/** The number of steps the contract asks of a page of @p kind; 0 for other kinds. */
int requiredStepCount(const QString &kind);

/**
 * A new diagram for the learner's attempt at @p reference: its clients with
 * their rates and mix, its workload and run settings, and nothing else, so
 * the attempt is driven by the same load as the reference design.
 */
diagram::DiagramData attemptCanvas(const diagram::DiagramData &reference);

} // namespace sds::content
