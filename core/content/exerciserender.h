#pragma once

#include "core/content/exercise.h"
#include "core/content/pagerender.h"

#include <QList>
#include <QString>

/**
 * How the reader shows an exercise or OOD page: the statement, a line with
 * the learner's progress and "Show all solutions", then each step's prompt
 * followed by its solution when it is open, or by "Show solution" and "I
 * tried this step" links when it is not. The controls are links with the
 * `sds-reveal:`, `sds-hide:`, `sds-attempt:` and `sds-unattempt:` schemes
 * (a step number, or "all"), which the reader handles. The page goes
 * through renderPage(), so it looks like every other page.
 */
namespace sds::content {

/** One step as the learner left it. */
struct StepView {
    bool open = false;      ///< the solution is shown
    bool attempted = false; ///< the learner said they tried it
    bool revealed = false;  ///< the solution was shown at some point
    bool worked() const { return attempted || revealed; }
};

/** What a reader link asks for: an action on one step (1-based) or on all (0). */
struct ExerciseLink {
    enum class Action { None, Reveal, Hide, Attempt, Unattempt };
    Action action = Action::None;
    int step = 0; ///< 0 for "all"
};

/** Decodes an `sds-...:<n>` link; Action::None for any other URL. */
ExerciseLink parseExerciseLink(const QString &url);

/**
 * What such a link does, in words, for the status bar when it is hovered
 * ("Show the solution of step 2"); empty for any other URL, so a raw
 * address is never what the learner reads.
 */
QString describeExerciseLink(const QString &url);

/** The page's Markdown with the controls for @p steps (missing entries count as untouched). */
QString exerciseMarkdown(const Exercise &exercise, const QList<StepView> &steps);

/** The complete page, as renderPage() draws it, with a box around each open solution. */
QString renderExercisePage(const Topic &topic, const Exercise &exercise,
                           const QList<StepView> &steps, const PageStyle &style);

/** The steps (and "Sources"), for the reader's outline. */
QList<Heading> exerciseOutline(const Topic &topic, const Exercise &exercise);

} // namespace sds::content
