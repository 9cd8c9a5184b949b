#include "app/studio/lab/simrunner.h"

#include "core/sim/network.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>

namespace sds::gui {

namespace {

constexpr int kTickMs = 16; // about 60 frames a second
// Wall time a tick may spend simulating, so the worker returns to its event
// loop (commands) and the GUI thread gets frames, whatever the rate simulated.
constexpr qint64 kBusyNs = 12'000'000;
constexpr std::uint64_t kEventChunk = 2048; // events between two looks at the clock
// A tick after a stall (a suspended laptop, a busy machine) catches up this
// much wall time at most, instead of jumping ahead by minutes.
constexpr double kMaxTickSeconds = 0.25;
// At speed > 0 a tick's simulated span is run in slices, so a tick that would
// take too long stops early: the run falls into slow motion rather than
// freezing the worker.
constexpr int kSlices = 8;
constexpr std::size_t kSeriesBytes = std::size_t(64) << 20;

} // namespace

std::size_t SimRunner::seriesLimit(std::size_t nodes)
{
    // A sample holds three per-node vectors (utilisation, queue, up), each a
    // heap block with its allocator overhead.
    const std::size_t perSample = sizeof(sim::Sample) + 3 * 16 + nodes * (2 * sizeof(float) + 1);
    return kSeriesBytes / perSample;
}

namespace {} // namespace

// Lives in the worker thread and is the only code that touches the
// Simulation. It takes commands as queued calls from SimRunner and answers
// with queued calls back to it; it never reads SimRunner's members.
struct SimRunner::Worker final : public QObject {
    explicit Worker(SimRunner *runner)
        : m_runner(runner)
        , m_timer(new QTimer(this))
    {
        m_timer->setInterval(kTickMs);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void load(sim::Network network, quint64 epoch)
    {
        // The factor last set carries over to the new run.
        const double factor = m_network.loadFactor;
        m_network = std::move(network);
        m_network.loadFactor = factor;
        m_epoch = epoch;
        rebuild();
    }

    void unload(quint64 epoch)
    {
        m_epoch = epoch;
        m_timer->stop();
        m_sim.reset();
    }

    void reset(quint64 epoch)
    {
        m_epoch = epoch;
        if (m_sim)
            rebuild();
    }

    void run(bool batch)
    {
        if (!m_sim || ended())
            return;
        m_batch = batch;
        m_clock.start();
        m_timer->start();
    }

    void pause()
    {
        if (!m_timer->isActive())
            return;
        m_timer->stop();
        sendFrame(true); // where it stopped, even if the GUI was behind
    }

    void step()
    {
        if (!m_sim || ended())
            return;
        m_timer->stop();
        m_sim->runUntil(m_sim->now() + m_sim->network().sampleInterval);
        finishTick();
    }

    void setSpeed(double speed)
    {
        m_speed = speed;
        m_clock.start(); // the new speed counts from now
    }

    void setLoadFactor(double factor)
    {
        if (factor == m_network.loadFactor)
            return;
        m_network.loadFactor = factor;
        if (m_sim && !m_sim->finished())
            m_sim->setLoadFactor(factor);
    }

    void setSeed(quint64 seed) { m_seed = seed; }

    void setNodeUp(const QString &id, bool up)
    {
        const std::uint32_t node = m_network.nodeIndex(id);
        if (!m_sim || node == sim::kNone)
            return;
        if (up)
            m_sim->restoreNode(node);
        else
            m_sim->failNode(node);
        if (!m_timer->isActive())
            sendFrame(true); // paused: the canvas still shows the node go down
    }

    // As compiled, with the diagram's seed and the load factor last set
    // (the engine applies it), so reset() starts from what was compiled.
    sim::Network m_network;
    std::unique_ptr<sim::Simulation> m_sim;
    SimRunner *m_runner; // only as the target of queued calls
    QTimer *m_timer;
    QElapsedTimer m_clock;         // wall time since the previous tick
    std::size_t m_sampleIndex = 0; // samples() already sent
    std::size_t m_seriesLimit = 0;
    double m_speed = 1;
    quint64 m_seed = 0;
    quint64 m_epoch = 0;
    bool m_batch = false; // runToEnd(): no frames until the end
    // Frames sent and not yet taken by the GUI thread. A regular frame waits
    // while one is pending, so a slow GUI never gets a growing queue; the
    // samples simply ride along in the next frame.
    std::atomic<int> m_framesPending{0};

private:
    bool seriesFull() const { return m_sim->samples().size() >= m_seriesLimit; }
    bool ended() const { return m_sim->finished() || seriesFull(); }

    void rebuild()
    {
        m_timer->stop();
        sim::Network network = m_network;
        if (m_seed != 0)
            network.seed = m_seed;
        m_sim = std::make_unique<sim::Simulation>(std::move(network));
        m_seriesLimit = SimRunner::seriesLimit(m_network.nodes.size());
        m_sampleIndex = 0;
        sendFrame(true); // time zero: the canvas drops the old run's dots
    }

    void tick()
    {
        if (!m_sim) {
            m_timer->stop();
            return;
        }
        QElapsedTimer busy;
        busy.start();
        if (m_batch) {
            while (!ended() && busy.nsecsElapsed() < kBusyNs) {
                if (m_sim->runEvents(kEventChunk) == 0)
                    break;
            }
            if (ended())
                finishTick();
            return;
        }
        if (m_speed > 0) {
            const double wall = std::min(double(m_clock.nsecsElapsed()) / 1e9, kMaxTickSeconds);
            m_clock.start();
            const double from = m_sim->now();
            const double span = m_speed * wall;
            for (int i = 1; i <= kSlices; ++i) {
                if (!m_sim->runUntil(from + span * i / kSlices) || seriesFull() ||
                    busy.nsecsElapsed() > kBusyNs)
                    break;
            }
        } else {
            while (!ended() && busy.nsecsElapsed() < kBusyNs) {
                if (m_sim->runEvents(kEventChunk) == 0)
                    break;
            }
            m_clock.start();
        }
        finishTick();
    }

    // After a tick or a step: a frame, and the end of the run if it came.
    void finishTick()
    {
        const bool done = ended();
        if (done)
            m_timer->stop();
        sendFrame(done || !m_timer->isActive());
        if (done) {
            QMetaObject::invokeMethod(
                m_runner,
                [runner = m_runner, epoch = m_epoch] { runner->takeState(epoch, State::Finished); },
                Qt::QueuedConnection);
        }
    }

    void sendFrame(bool force)
    {
        if (!force && m_framesPending.load() > 0)
            return;
        auto frame = std::make_shared<LabFrame>();
        sim::Snapshot snapshot = m_sim->snapshot(kMaxDots);
        frame->metrics = std::move(snapshot.metrics);
        frame->inFlight = std::move(snapshot.inFlight);
        const std::vector<sim::Sample> &samples = m_sim->samples();
        frame->newSamples.assign(samples.begin() + std::ptrdiff_t(m_sampleIndex), samples.end());
        m_sampleIndex = samples.size();
        frame->simTime = m_sim->now();
        frame->finished = ended();
        frame->overloaded = m_sim->overloaded();
        frame->seriesFull = seriesFull();
        m_framesPending.fetch_add(1);
        QMetaObject::invokeMethod(
            m_runner,
            [runner = m_runner, epoch = m_epoch, frame = std::shared_ptr<const LabFrame>(frame)] {
                runner->takeFrame(epoch, frame);
            },
            Qt::QueuedConnection);
    }
};

SimRunner::SimRunner(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new Worker(this))
{
    qRegisterMetaType<std::shared_ptr<const sds::gui::LabFrame>>();
    qRegisterMetaType<sds::gui::SimRunner::State>();
    m_thread->setObjectName(QStringLiteral("sds-lab-simulation"));
    m_worker->moveToThread(m_thread);
    // The worker (and its timer) must die in its own thread: QThread sends
    // deferred deletes after finished() and before the thread ends.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

SimRunner::~SimRunner()
{
    // Queued commands still waiting are dropped with the worker; a tick in
    // progress ends within its time budget.
    m_thread->quit();
    m_thread->wait();
}

QStringList SimRunner::load(const diagram::DiagramData &diagram)
{
    sim::CompileResult compiled = sim::compileNetwork(diagram);
    if (!compiled.ok())
        return compiled.errors;
    load(std::move(compiled.network));
    return {};
}

void SimRunner::load(sim::Network network)
{
    ++m_epoch;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, network = std::move(network), epoch = m_epoch]() mutable {
            worker->load(std::move(network), epoch);
        },
        Qt::QueuedConnection);
    setState(State::Ready);
}

SimRunner::State SimRunner::state() const
{
    return m_state;
}

void SimRunner::run()
{
    if (m_state != State::Ready && m_state != State::Paused)
        return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->run(false); }, Qt::QueuedConnection);
    setState(State::Running);
}

void SimRunner::runToEnd()
{
    if (m_state != State::Ready && m_state != State::Paused)
        return;
    m_thread->setPriority(QThread::LowPriority);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->run(true); }, Qt::QueuedConnection);
    setState(State::Running);
}

void SimRunner::pause()
{
    if (m_state != State::Running)
        return;
    QMetaObject::invokeMethod(m_worker, &Worker::pause, Qt::QueuedConnection);
    setState(State::Paused);
}

void SimRunner::step()
{
    if (m_state == State::Empty || m_state == State::Finished)
        return;
    QMetaObject::invokeMethod(m_worker, &Worker::step, Qt::QueuedConnection);
    setState(State::Paused);
}

void SimRunner::reset()
{
    if (m_state == State::Empty)
        return;
    ++m_epoch;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, epoch = m_epoch] { worker->reset(epoch); },
        Qt::QueuedConnection);
    setState(State::Ready);
}

void SimRunner::unload()
{
    if (m_state == State::Empty)
        return;
    ++m_epoch;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, epoch = m_epoch] { worker->unload(epoch); },
        Qt::QueuedConnection);
    setState(State::Empty);
}

void SimRunner::setSpeed(double simSecondsPerSecond)
{
    m_speed = std::max(0.0, simSecondsPerSecond);
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, speed = m_speed] { worker->setSpeed(speed); },
        Qt::QueuedConnection);
}

double SimRunner::speed() const
{
    return m_speed;
}

void SimRunner::setLoadFactor(double factor)
{
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, factor = std::max(0.0, factor)] { worker->setLoadFactor(factor); },
        Qt::QueuedConnection);
}

void SimRunner::setSeed(quint64 seed)
{
    m_seed = seed;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, seed] { worker->setSeed(seed); }, Qt::QueuedConnection);
}

quint64 SimRunner::seed() const
{
    return m_seed;
}

void SimRunner::failNode(const QString &id)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id] { worker->setNodeUp(id, false); }, Qt::QueuedConnection);
}

void SimRunner::restoreNode(const QString &id)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, id] { worker->setNodeUp(id, true); }, Qt::QueuedConnection);
}

void SimRunner::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SimRunner::takeFrame(quint64 epoch, const std::shared_ptr<const LabFrame> &frame)
{
    // Taken before emitting: a slot may delete this runner.
    m_worker->m_framesPending.fetch_sub(1);
    // Frames of a run replaced by load() or reset() may still be queued;
    // the GUI has moved on and must not see them.
    if (epoch == m_epoch)
        emit frameReady(frame);
}

void SimRunner::takeState(quint64 epoch, State state)
{
    if (epoch == m_epoch)
        setState(state);
}

} // namespace sds::gui
