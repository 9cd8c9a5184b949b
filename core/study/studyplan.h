#pragma once

#include "core/content/library.h"

#include <QList>
#include <QSet>
#include <QString>

/**
 * The study plan: the primer's short, medium and long timelines as ordered
 * steps of pages to read and lab templates to try (content/study-plan.json;
 * "*<kind>" stands for every page of that kind, "*topic" for every concept
 * page and "*exercise" for every design exercise, "*" for every template).
 * An exercise counts as done once all its steps were worked. Given
 * what the learner has done, it ticks items off and names the next one.
 */
namespace sds::study {

struct PlanItem {
    enum class Kind { Topic, Scenario };
    Kind kind = Kind::Topic;
    QString id;
    QString title;
    bool done = false;
};

struct PlanStep {
    QString title;
    QString note;
    QList<PlanItem> items;
    int doneCount() const;
};

struct Timeline {
    QString id;
    QString title;
    QString aim;
    QList<PlanStep> steps;
    int doneCount() const;
    int totalCount() const;
    /** The first item not done, in plan order, or nullptr when all are done. */
    const PlanItem *nextItem() const;
};

struct ScenarioName {
    QString id;
    QString title;
};

struct StudyPlanData {
    QList<Timeline> timelines;
    QString error; ///< why the file could not be used
    bool ok() const { return error.isEmpty(); }
};

/**
 * Reads the plan file and resolves it against @p library and @p scenarios;
 * ids that do not exist are errors. done marks come from the two sets.
 */
StudyPlanData loadStudyPlan(const QString &path, const content::TopicLibrary &library,
                            const QList<ScenarioName> &scenarios, const QSet<QString> &doneTopics,
                            const QSet<QString> &triedScenarios);

} // namespace sds::study
