#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * The four-step interview approach as a checklist a learner works through
 * while practising one question: each step with the points to cover, a
 * suggested share of a 45-minute interview, and per question which points
 * are ticked and how long each step has taken so far. The state lives in
 * the progress store (one small JSON value per question), so it survives a
 * restart, and reset() starts the question over.
 */
namespace sds::study {

class ProgressStore;

struct ChecklistStep {
    QString title;
    QStringList points;
    int budgetMinutes = 0; ///< a suggestion for a 45-minute interview
};

/** The four steps, in order. */
const QList<ChecklistStep> &interviewSteps();

class InterviewChecklist
{
public:
    /** The state of @p questionId as last saved (an untouched checklist if none). */
    static InterviewChecklist load(const ProgressStore &store, const QString &questionId);

    const QString &questionId() const { return m_questionId; }
    bool isTicked(int step, int point) const;
    void setTicked(int step, int point, bool ticked);
    /** Points ticked in @p step. */
    int tickedCount(int step) const;
    /** Every point of every step ticked. */
    bool isComplete() const;

    qint64 elapsedMs(int step) const;
    /** Adds time spent on @p step (negative amounts are ignored). */
    void addElapsed(int step, qint64 ms);

    /** No point ticked, no time on any step. */
    void reset();
    /** False, with the store's error, when it cannot be written. */
    bool save(ProgressStore &store) const;

private:
    QString m_questionId;
    QList<QList<bool>> m_ticked; ///< by step, by point
    QList<qint64> m_elapsedMs;   ///< by step
};

} // namespace sds::study
