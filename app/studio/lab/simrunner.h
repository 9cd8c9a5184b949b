#pragma once

#include "core/diagram/diagramdata.h"
#include "core/sim/metrics.h"
#include "core/sim/simulation.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class QThread;

namespace sds::gui {

// What the canvas and the charts draw, made on the engine thread and handed
// over whole, so the GUI never touches the simulation itself.
struct LabFrame {
    sim::RunMetrics metrics;             // totals so far (per node too)
    std::vector<sim::InFlight> inFlight; // a bounded sample of requests in flight
    std::vector<sim::Sample> newSamples; // time series points since the previous frame
    double simTime = 0;
    bool finished = false;
    bool overloaded = false;
    bool seriesFull = false; // stopped because the run kept as many samples as it may
};

// Runs the lab's simulation on a worker thread and hands frames to the GUI
// thread at most 60 times a second. The GUI only sends commands (run, pause,
// step, speed, load, fail a node); the engine never blocks the window,
// whatever the rate simulated.
class SimRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimRunner)

public:
    enum class State { Empty, Ready, Running, Paused, Finished };
    Q_ENUM(State)

    static constexpr std::size_t kMaxDots = 5000; // requests drawn per frame, at most
    // The lab's run goes on until paused, but the engine keeps its whole time
    // series: a run of @p nodes nodes stops (finished, seriesFull) after this
    // many samples, about 64 MB of them, so memory stays bounded even at Max speed.
    static std::size_t seriesLimit(std::size_t nodes);

    explicit SimRunner(QObject *parent = nullptr);
    ~SimRunner() override;

    // Compiles @p diagram for a new run (stopping the current one); returns
    // the problems that prevent it, or nothing. The seed and load factor set
    // here carry over.
    QStringList load(const diagram::DiagramData &diagram);
    // The same for a network compiled already.
    void load(sim::Network network);
    State state() const;

    void run();
    // Runs to the end as fast as the machine can, with no frames on the way
    // and one at the finish that carries the whole time series: a batch run
    // in the background, at low priority.
    void runToEnd();
    void pause();
    // Advances by one sample interval of simulated time, then pauses.
    void step();
    // Back to time zero with the loaded diagram, paused.
    void reset();
    // Drops the loaded run: nothing to run until the next load().
    void unload();
    // Simulated seconds per wall-clock second; 0 means as fast as possible.
    void setSpeed(double simSecondsPerSecond);
    double speed() const;
    // Multiplies every client's rate, live (the load slider); 1 = as designed.
    // The value is not kept here: the run controller owns it.
    void setLoadFactor(double factor);
    void setSeed(quint64 seed);
    quint64 seed() const;
    void failNode(const QString &id);
    void restoreNode(const QString &id);

signals:
    void frameReady(std::shared_ptr<const sds::gui::LabFrame> frame);
    void stateChanged(sds::gui::SimRunner::State state);

private:
    struct Worker;
    void setState(State state);
    // Called in this thread by the worker's queued calls.
    void takeFrame(quint64 epoch, const std::shared_ptr<const LabFrame> &frame);
    void takeState(quint64 epoch, State state);

    QThread *m_thread;
    Worker *m_worker; // lives in m_thread
    // Counts load() and reset(): the worker tags frames with it, so frames of
    // a replaced run still in the queue are dropped.
    quint64 m_epoch = 0;
    State m_state = State::Empty;
    double m_speed = 1;
    quint64 m_seed = 0; // 0: the diagram's own seed
};

} // namespace sds::gui
