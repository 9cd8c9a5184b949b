#include "core/study/exerciseprogress.h"

#include "core/study/progressstore.h"

#include <utility>

namespace sds::study {

ExerciseProgress::ExerciseProgress(ProgressStore &store, QString exerciseId, int stepCount)
    : m_store(store)
    , m_id(std::move(exerciseId))
    , m_stepCount(stepCount)
{}

ExerciseProgress::Change ExerciseProgress::apply(const content::ExerciseLink &link)
{
    using Action = content::ExerciseLink::Action;
    if (link.action == Action::None || link.step > m_stepCount)
        return Change::Ignored;
    QList<int> steps;
    if (link.step > 0) {
        steps.append(link.step);
    } else {
        for (int i = 1; i <= m_stepCount; ++i)
            steps.append(i);
    }
    bool ok = true;
    switch (link.action) {
    case Action::Reveal:
    case Action::Hide:
        ok = m_store.setSolutionsOpen(m_id, steps, link.action == Action::Reveal);
        break;
    case Action::Attempt:
    case Action::Unattempt:
        for (int step : steps)
            ok = ok && m_store.setStepAttempted(m_id, step, link.action == Action::Attempt);
        break;
    case Action::None:
        break;
    }
    return ok ? Change::Saved : Change::Failed;
}

QList<content::StepView> ExerciseProgress::steps() const
{
    const QMap<int, StepState> saved = m_store.exerciseSteps(m_id);
    QList<content::StepView> views;
    views.reserve(m_stepCount);
    for (int i = 1; i <= m_stepCount; ++i) {
        const StepState s = saved.value(i);
        views.append(content::StepView{s.open, s.attempted, s.revealed});
    }
    return views;
}

bool ExerciseProgress::allStepsWorked() const
{
    if (m_stepCount <= 0)
        return false;
    const QMap<int, StepState> saved = m_store.exerciseSteps(m_id);
    for (int i = 1; i <= m_stepCount; ++i) {
        if (!saved.value(i).worked())
            return false;
    }
    return true;
}

bool ExerciseProgress::markDoneIfWorked()
{
    if (m_stepCount <= 0 || m_store.isTopicDone(m_id) || !allStepsWorked())
        return false;
    return m_store.setTopicDone(m_id, true);
}

} // namespace sds::study
