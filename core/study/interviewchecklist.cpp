#include "core/study/interviewchecklist.h"

#include "core/study/progressstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sds::study {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("InterviewChecklist", text);
}

QString key(const QString &questionId)
{
    return QStringLiteral("checklist/") + questionId;
}

bool valid(int step, int point = 0)
{
    const QList<ChecklistStep> &steps = interviewSteps();
    return step >= 0 && step < steps.size() && point >= 0 && point < steps.at(step).points.size();
}

} // namespace

const QList<ChecklistStep> &interviewSteps()
{
    static const QList<ChecklistStep> steps{
        {tr("Use cases, constraints and assumptions"),
         {tr("Who uses it, the two or three actions that matter, what is out of scope"),
          tr("What goes in and comes out of each action"),
          tr("Users, actions per user a day, bytes per action, how long data is kept"),
          tr("Read/write balance, peak against average, hot items"),
          tr("Freshness, latency and durability the product needs"),
          tr("Assumptions written down where the interviewer had no answer")},
         8},
        {tr("High-level design"),
         {tr("The main boxes and arrows, one level of detail"),
          tr("An end-to-end path for every use case"), tr("Why each box is there")},
         10},
        {tr("Core components"),
         {tr("The API: endpoints, parameters, what is idempotent"),
          tr("The data model and the store that fits it"),
          tr("The algorithm at the heart of the problem"),
          tr("The part the interviewer cares about, in depth")},
         15},
        {tr("Scale the design"),
         {tr("The first bottleneck against the numbers, fixed; then the next"),
          tr("Stateless tiers behind a load balancer, scaled out"),
          tr("Caching, replication or sharding where the data needs it"),
          tr("Queues for bursts and slow work"),
          tr("The cost and the trade-off of each fix, said aloud")},
         12},
    };
    return steps;
}

InterviewChecklist InterviewChecklist::load(const ProgressStore &store, const QString &questionId)
{
    InterviewChecklist c;
    c.m_questionId = questionId;
    c.reset();
    const QJsonObject o = QJsonDocument::fromJson(store.value(key(questionId)).toUtf8()).object();
    const QJsonArray steps = o.value(u"steps").toArray();
    for (int s = 0; s < c.m_ticked.size() && s < steps.size(); ++s) {
        const QJsonObject step = steps.at(s).toObject();
        const QJsonArray ticked = step.value(u"ticked").toArray();
        for (const QJsonValue &v : ticked) {
            const int p = v.toInt(-1);
            if (valid(s, p))
                c.m_ticked[s][p] = true;
        }
        c.m_elapsedMs[s] = std::max<qint64>(0, qint64(step.value(u"elapsed_ms").toDouble()));
    }
    return c;
}

bool InterviewChecklist::isTicked(int step, int point) const
{
    return valid(step, point) && m_ticked.at(step).at(point);
}

void InterviewChecklist::setTicked(int step, int point, bool ticked)
{
    if (valid(step, point))
        m_ticked[step][point] = ticked;
}

int InterviewChecklist::tickedCount(int step) const
{
    return valid(step) ? int(m_ticked.at(step).count(true)) : 0;
}

bool InterviewChecklist::isComplete() const
{
    for (int s = 0; s < m_ticked.size(); ++s) {
        if (tickedCount(s) != m_ticked.at(s).size())
            return false;
    }
    return true;
}

qint64 InterviewChecklist::elapsedMs(int step) const
{
    return valid(step) ? m_elapsedMs.at(step) : 0;
}

void InterviewChecklist::addElapsed(int step, qint64 ms)
{
    if (valid(step) && ms > 0)
        m_elapsedMs[step] += ms;
}

void InterviewChecklist::reset()
{
    m_ticked.clear();
    m_elapsedMs.clear();
    for (const ChecklistStep &s : interviewSteps()) {
        m_ticked.append(QList<bool>(s.points.size(), false));
        m_elapsedMs.append(0);
    }
}

bool InterviewChecklist::save(ProgressStore &store) const
{
    QJsonArray steps;
    for (int s = 0; s < m_ticked.size(); ++s) {
        QJsonArray ticked;
        for (int p = 0; p < m_ticked.at(s).size(); ++p) {
            if (m_ticked.at(s).at(p))
                ticked.append(p);
        }
        steps.append(QJsonObject{{QStringLiteral("ticked"), ticked},
                                 {QStringLiteral("elapsed_ms"), double(m_elapsedMs.at(s))}});
    }
    const QJsonObject o{{QStringLiteral("steps"), steps}};
    return store.setValue(key(m_questionId),
                          QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

} // namespace sds::study
