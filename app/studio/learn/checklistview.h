#pragma once

#include "core/study/interviewchecklist.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace sds::study {
class ProgressStore;
}

namespace sds::gui {

// The interview approach as a checklist beside a practice question: the
// four steps with their points to tick, a timer per step against its
// suggested minutes, and Reset to start the question over. Ticks and times
// are saved per question as they change. Keys: Up/Down move, Space ticks,
// T starts or stops the timer of the step the cursor is in.
class ChecklistView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistView)

public:
    explicit ChecklistView(study::ProgressStore &progress, QWidget *parent = nullptr);
    ~ChecklistView() override;

    // Shows the checklist of @p questionId (saving and stopping the one
    // before); an empty id hides it.
    void setQuestion(const QString &questionId);
    // The step whose timer runs, or -1.
    int runningStep() const { return m_running; }
    void toggleTimer(int step);
    void reset();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void itemChanged(QTreeWidgetItem *item, int column);
    void stopTimer();
    void fitRows();
    void showTimes();
    void save();
    int currentStep() const;

    study::ProgressStore &m_progress;
    study::InterviewChecklist m_state;
    QTreeWidget *m_tree;
    QLabel *m_summary;
    QPushButton *m_timerButton;
    QPushButton *m_resetButton;
    QTimer *m_tick;
    QElapsedTimer m_clock;
    int m_running = -1;
};

} // namespace sds::gui
