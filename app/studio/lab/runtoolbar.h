#pragma once

#include "app/studio/lab/simrunner.h"
#include "core/sim/cost.h"

#include <QToolBar>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QSlider;

namespace sds::gui {

// The lab's run controls: Run/Pause, Step and Reset, the speed, the load
// slider and the clock with the run's headline figures. It shows what the
// run controller holds and forwards what the user changes; it keeps no run
// parameter of its own.
class RunToolBar final : public QToolBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunToolBar)

public:
    explicit RunToolBar(QWidget *parent = nullptr);

    QAction *runAction() const { return m_runAction; }
    QAction *stepAction() const { return m_stepAction; }
    QAction *resetAction() const { return m_resetAction; }
    // The run's headline figures and the design's cost, for the page to place.
    QLabel *clock() const { return m_clock; }
    QLabel *cost() const { return m_cost; }

    // Moves the slider to @p factor (1 = 100 %) without asking for a change.
    void showLoadFactor(double factor);
    void showState(SimRunner::State state);
    void showFrame(const LabFrame &frame);
    // No run yet: the clock says how to start one.
    void clearClock();
    // The design's monthly cost beside the clock; an empty estimate hides it.
    void showCost(const sim::CostEstimate &cost);

signals:
    void loadFactorChanged(double factor);
    void speedChanged(double simSecondsPerSecond);

private:
    QAction *m_runAction;
    QAction *m_stepAction;
    QAction *m_resetAction;
    QComboBox *m_speed;
    QSlider *m_load;
    QLabel *m_loadLabel;
    QLabel *m_clock;
    QLabel *m_cost;
    // The latest interval's figures: frames between two samples show them
    // rather than the run's average.
    std::optional<sim::Sample> m_lastSample;
};

} // namespace sds::gui
