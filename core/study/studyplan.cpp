#include "core/study/studyplan.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sds::study {

int PlanStep::doneCount() const
{
    int n = 0;
    for (const PlanItem &i : items)
        n += i.done ? 1 : 0;
    return n;
}

int Timeline::doneCount() const
{
    int n = 0;
    for (const PlanStep &s : steps)
        n += s.doneCount();
    return n;
}

int Timeline::totalCount() const
{
    int n = 0;
    for (const PlanStep &s : steps)
        n += int(s.items.size());
    return n;
}

const PlanItem *Timeline::nextItem() const
{
    for (const PlanStep &s : steps) {
        for (const PlanItem &i : s.items) {
            if (!i.done)
                return &i;
        }
    }
    return nullptr;
}

StudyPlanData loadStudyPlan(const QString &path, const content::TopicLibrary &library,
                            const QList<ScenarioName> &scenarios, const QSet<QString> &doneTopics,
                            const QSet<QString> &triedScenarios)
{
    StudyPlanData data;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        data.error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return data;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject()) {
        data.error =
            QStringLiteral("%1: not a JSON object (%2)").arg(path, parseError.errorString());
        return data;
    }
    const QJsonObject root = doc.object();
    if (root.value(u"format").toString() != u"sdstudio-study-plan") {
        data.error = QStringLiteral("%1: not a study plan file").arg(path);
        return data;
    }

    auto addTopic = [&](PlanStep &step, const content::Topic &t) {
        step.items.append(
            PlanItem{PlanItem::Kind::Topic, t.id, t.title, doneTopics.contains(t.id)});
    };
    auto addScenario = [&](PlanStep &step, const ScenarioName &s) {
        step.items.append(
            PlanItem{PlanItem::Kind::Scenario, s.id, s.title, triedScenarios.contains(s.id)});
    };

    static const QStringList kKinds = {QStringLiteral("topic"),     QStringLiteral("guide"),
                                       QStringLiteral("reference"), QStringLiteral("exercise"),
                                       QStringLiteral("ood"),       QStringLiteral("question")};
    for (const QJsonValue &tv : root.value(u"timelines").toArray()) {
        const QJsonObject to = tv.toObject();
        Timeline timeline{to.value(u"id").toString(),
                          to.value(u"title").toString(),
                          to.value(u"aim").toString(),
                          {}};
        for (const QJsonValue &sv : to.value(u"steps").toArray()) {
            const QJsonObject so = sv.toObject();
            PlanStep step{so.value(u"title").toString(), so.value(u"note").toString(), {}};
            for (const QJsonValue &idv : so.value(u"topics").toArray()) {
                const QString id = idv.toString();
                if (id.startsWith(u'*')) {
                    const QString kind = id.mid(1);
                    if (!kKinds.contains(kind)) {
                        data.error = QStringLiteral("%1: \"%2\" names no kind of page (use "
                                                    "*topic, *exercise, *ood, ...)")
                                         .arg(path, id);
                        return data;
                    }
                    for (const content::Topic &t : library.topics()) {
                        if (t.kind == kind)
                            addTopic(step, t);
                    }
                } else if (const content::Topic *t = library.find(id)) {
                    addTopic(step, *t);
                } else {
                    data.error =
                        QStringLiteral("%1: the plan names page \"%2\", which does not exist")
                            .arg(path, id);
                    return data;
                }
            }
            for (const QJsonValue &idv : so.value(u"scenarios").toArray()) {
                const QString id = idv.toString();
                bool found = false;
                for (const ScenarioName &s : scenarios) {
                    if (id == u"*" || s.id == id) {
                        addScenario(step, s);
                        found = true;
                    }
                }
                if (!found && id != u"*") {
                    data.error =
                        QStringLiteral("%1: the plan names lab template \"%2\", which does "
                                       "not exist")
                            .arg(path, id);
                    return data;
                }
            }
            timeline.steps.append(step);
        }
        data.timelines.append(timeline);
    }
    if (data.timelines.isEmpty())
        data.error = QStringLiteral("%1: the plan has no timelines").arg(path);
    return data;
}

} // namespace sds::study
