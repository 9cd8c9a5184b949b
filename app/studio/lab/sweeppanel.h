#pragma once

#include "core/diagram/diagramdata.h"
#include "core/experiment/capacity.h"
#include "core/experiment/sweep.h"

#include <QWidget>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace sds::gui {

class ExperimentJob;
class SweepPlot;

// The Sweep tab: vary the rate or one numeric parameter of a node or edge
// over a range, N points x K seeds on every core, and plot a metric with its
// intervals beside the analytic twin's curve. Points appear as they finish;
// Cancel stops; the result exports as CSV and PNG. Below, the capacity
// search: the highest total rate that meets a p99 target, marked on a rate
// sweep's plot. It sweeps a copy of the
// design taken at Run, so edits made meanwhile change nothing.
class SweepPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SweepPanel)

public:
    explicit SweepPanel(QWidget *parent = nullptr);
    ~SweepPanel() override;

    // The design to sweep and the lab's load factor (applied when what varies is not the rate).
    void setDesign(const diagram::DiagramData &design, double loadFactor);
    void run();
    // The highest total rate meeting the p99 target (and error limit), over the seeds.
    void findCapacity();
    void cancel();
    bool isRunning() const;
    const std::vector<experiment::SweepPoint> &points() const { return m_points; }
    const std::optional<experiment::CapacityResult> &capacity() const { return m_capacity; }
    QString csv() const;
    bool exportCsv(const QString &path, QString *error) const;
    bool exportPng(const QString &path, QString *error);

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    void refreshParameters();
    void parameterChosen();
    void takeNewPoints();
    void finished();
    void capacityFinished();
    void setRunning(bool running);

    diagram::DiagramData m_design;
    double m_loadFactor = 1;
    QComboBox *m_parameter;
    QDoubleSpinBox *m_from;
    QDoubleSpinBox *m_to;
    QSpinBox *m_steps;
    QSpinBox *m_seeds;
    QSpinBox *m_requests;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QComboBox *m_metric;
    QLabel *m_status;
    QPushButton *m_csv;
    QPushButton *m_png;
    QDoubleSpinBox *m_p99Target;
    QCheckBox *m_limitErrors;
    QDoubleSpinBox *m_maxErrors;
    QPushButton *m_capacityRun;
    QLabel *m_capacityResult;
    SweepPlot *m_plot;
    ExperimentJob *m_job;

    experiment::SweepPlan m_plan; // of the sweep shown
    std::vector<experiment::SweepPoint> m_points;
    // Filled by the workers as points finish; drained on the GUI thread.
    struct Inbox {
        std::mutex mutex;
        std::vector<experiment::SweepPoint> points;
        experiment::SweepResult result;
    };
    std::shared_ptr<Inbox> m_inbox;
    std::shared_ptr<experiment::CapacityResult> m_capacityInbox; // set while a search runs
    std::optional<experiment::CapacityResult> m_capacity;
    experiment::CapacityPlan m_capacityPlan;
    qint64 m_startedMs = 0;
};

} // namespace sds::gui
