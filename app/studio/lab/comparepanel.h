#pragma once

#include "core/diagram/diagramdata.h"
#include "core/experiment/compare.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace sds::gui {

class ExperimentJob;

// The Compare tab: the pinned run's design (A) against the design on the
// canvas (B), each at its own load, run on the same K seeds; a row per
// metric with A, B, the difference B - A, its 95 % interval and the verdict
// in words. Without a pin it says how to get one. Replicate runs the canvas
// alone over K seeds, for each metric's mean and interval.
class ComparePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparePanel)

public:
    explicit ComparePanel(QWidget *parent = nullptr);
    ~ComparePanel() override;

    // A: what was pinned, with the load it ran at; nullopt when nothing is pinned.
    void setPinned(std::optional<diagram::DiagramData> design, double loadFactor);
    bool hasPinned() const { return m_pinned.has_value(); }
    // B: the design being edited and the load slider's factor.
    void setCurrent(const diagram::DiagramData &design, double loadFactor);
    void start();
    // The canvas's design alone over K seeds: each metric's mean and 95 % interval.
    void replicate();
    void cancel();
    bool isRunning() const;
    const std::optional<experiment::Comparison> &comparison() const { return m_result; }
    int seeds() const;
    const std::optional<experiment::Summary> &replication() const { return m_replication; }

signals:
    void seedsChanged(int seeds);

private:
    experiment::ReplicationPlan replicationPlan() const;
    void finished();
    void showResult();
    void showReplication();
    void setHeaders(bool comparing);
    void clearCells();
    void setRunning(bool running);
    void showIdleNote();

    std::optional<diagram::DiagramData> m_pinned;
    double m_pinnedLoad = 1;
    diagram::DiagramData m_current;
    double m_currentLoad = 1;
    QSpinBox *m_seeds;
    QSpinBox *m_requests;
    QPushButton *m_start;
    QPushButton *m_replicate;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_note;
    QTableWidget *m_table;
    ExperimentJob *m_job;
    std::shared_ptr<experiment::Comparison> m_inbox;
    std::shared_ptr<std::vector<experiment::RunResult>> m_runsInbox; // while replicating
    std::optional<experiment::Summary> m_replication;
    std::optional<experiment::Comparison> m_result;
    int m_seedsRun = 0;
};

} // namespace sds::gui
