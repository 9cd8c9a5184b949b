#pragma once

#include "core/study/studyplan.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace sds::gui {

// The study plan page: pick a timeline (short, medium, long), see its steps
// with what is done ticked, and jump to the suggested next item. Ticking a
// page here marks it done, as Ctrl+D does in the reader.
class StudyPlanView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StudyPlanView)

public:
    explicit StudyPlanView(QWidget *parent = nullptr);

    void setPlan(const study::StudyPlanData &plan, const QString &timelineId);
    QString timelineId() const;
    QTreeWidget *steps() const { return m_steps; }
    QComboBox *timelineBox() const { return m_timeline; }
    QPushButton *nextButton() const { return m_next; }

signals:
    void timelineChosen(const QString &id);
    void openTopic(const QString &id);
    void openScenario(const QString &id);
    void topicDoneToggled(const QString &id, bool done);

private:
    void showTimeline();
    void openItem(const study::PlanItem &item);

    study::StudyPlanData m_plan;
    QComboBox *m_timeline;
    QLabel *m_aim;
    QProgressBar *m_progress;
    QLabel *m_nextLabel;
    QPushButton *m_next;
    QTreeWidget *m_steps;
    bool m_filling = false;
};

} // namespace sds::gui
