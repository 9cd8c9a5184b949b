#pragma once

#include "core/content/exerciserender.h"

#include <QList>
#include <QString>

/**
 * The rules of an exercise page's steps, apart from any widget: a reader
 * link (`sds-reveal:2`, `sds-attempt:all`, …) becomes a change in the
 * ProgressStore, each step's saved state becomes what the page draws, and
 * an exercise whose every step was tried or had its solution seen can be
 * marked done. The reader asks for that after each step link only, so a
 * learner who takes the done mark back keeps it off until they follow
 * another step link.
 */
namespace sds::study {

class ProgressStore;

class ExerciseProgress
{
public:
    /** What apply() did with a link. */
    enum class Change {
        Ignored, ///< not a step link, or a step past the last: nothing written
        Saved,   ///< the store now holds the change
        Failed,  ///< a write failed; the store's error() says why
    };

    /** The exercise @p exerciseId with steps 1 to @p stepCount, kept in @p store. */
    ExerciseProgress(ProgressStore &store, QString exerciseId, int stepCount);

    /** Reveals, hides, marks tried or untried one step or, for step 0, all of them. */
    Change apply(const content::ExerciseLink &link);
    /** Each step as saved, in order, for the page to draw. */
    QList<content::StepView> steps() const;
    /** True when the exercise has steps and every one was tried or its solution seen. */
    bool allStepsWorked() const;
    /**
     * Marks the exercise done when every step is worked and it is not done
     * yet; true only when it was marked now (and saved).
     */
    bool markDoneIfWorked();

private:
    ProgressStore &m_store;
    QString m_id;
    int m_stepCount = 0;
};

} // namespace sds::study
