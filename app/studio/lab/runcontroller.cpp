#include "app/studio/lab/runcontroller.h"

#include "app/studio/lab/labdocument.h"
#include "core/atomicwrite.h"
#include "core/sim/report.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace sds::gui {

RunController::RunController(LabDocument &document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_runner(new SimRunner(this))
{
    setObjectName(QStringLiteral("runController"));
    m_runner->setObjectName(QStringLiteral("liveRunner"));
    connect(&m_document.diagram(), &diagram::Diagram::changed, this,
            &RunController::documentChanged);
    connect(m_runner, &SimRunner::frameReady, this, &RunController::takeFrame);
    connect(m_runner, &SimRunner::stateChanged, this, &RunController::stateChanged);
}

RunController::~RunController()
{
    stopReferenceRun();
}

SimRunner::State RunController::state() const
{
    return m_runner->state();
}

bool RunController::hasCurrentRun() const
{
    return m_runner->state() != SimRunner::State::Empty && m_runRevision == m_document.revision();
}

void RunController::setLoadFactor(double factor)
{
    factor = std::max(0.0, factor);
    if (factor == m_loadFactor)
        return;
    m_loadFactor = factor;
    m_runner->setLoadFactor(factor);
    emit loadFactorChanged(factor);
    if (hasCurrentRun())
        emit predictionChanged(prediction());
}

void RunController::setSpeed(double simSecondsPerSecond)
{
    m_speed = std::max(0.0, simSecondsPerSecond);
    m_runner->setSpeed(m_speed);
}

const sim::CompileResult &RunController::compiled()
{
    if (m_compiledRevision != m_document.revision()) {
        m_compiled = sim::compileNetwork(m_document.data());
        m_compiledRevision = m_document.revision();
    }
    return m_compiled;
}

sim::Prediction RunController::prediction()
{
    const sim::CompileResult &c = compiled();
    if (!c.ok())
        return {};
    sim::Network network = c.network;
    network.loadFactor = m_loadFactor;
    return sim::analyze(network);
}

bool RunController::run()
{
    const SimRunner::State s = m_runner->state();
    if (!hasCurrentRun() || s == SimRunner::State::Finished) {
        const sim::CompileResult &c = compiled();
        if (!c.ok()) {
            emit message(tr("Cannot run: %1").arg(c.errors.value(0)), 8000);
            return false;
        }
        // The lab's run is open-ended, so a learner raising the load and
        // failing nodes is never cut off: it goes on until Pause. The design's
        // run length is for measured runs (the reference run, reports, the CLI).
        sim::Network live = c.network;
        live.duration = std::numeric_limits<double>::infinity();
        m_runner->load(std::move(live));
        m_runRevision = m_document.revision();
        m_runName = m_document.data().name;
        m_lastFrame.reset();
        emit runLoaded(chartIds(m_document.data()));
        emit predictionChanged(prediction());
        m_runner->setLoadFactor(m_loadFactor);
        m_runner->setSpeed(m_speed);
    }
    m_runner->run();
    return true;
}

void RunController::pause()
{
    m_runner->pause();
}

void RunController::step()
{
    if (!hasCurrentRun()) {
        if (!run())
            return;
        pause();
    }
    m_runner->step();
}

void RunController::reset()
{
    m_runner->reset();
}

void RunController::startAfresh()
{
    m_runner->unload();
    m_runRevision = ~quint64(0);
    m_lastFrame.reset();
    m_runName.clear();
    setLoadFactor(1);
    emit predictionChanged(prediction());
}

void RunController::failNode(const QString &id)
{
    m_runner->failNode(id);
}

void RunController::restoreNode(const QString &id)
{
    m_runner->restoreNode(id);
}

Result<void> RunController::exportSummary(const QString &path)
{
    const sim::CompileResult &c = compiled();
    if (!m_lastFrame || !hasCurrentRun() || !c.ok())
        return fail(tr("Run the diagram first; the summary is of the current run."));
    const sim::RunInfo info{0, m_lastFrame->overloaded, m_document.data().run.seed};
    QJsonObject report = sim::runReport(m_lastFrame->metrics, c.network, info);
    report.remove(QStringLiteral("wall_s")); // a live run's wall time says nothing
    report.remove(QStringLiteral("events_per_s"));
    return writeFileAtomically(path, QJsonDocument(report).toJson(QJsonDocument::Indented));
}

// A large reference design takes seconds to simulate, so it runs while the
// learner starts building: a SimRunner of its own, run to the end at full
// speed with one frame at the finish. Deleting it cancels within a tick.
void RunController::startReferenceRun(const diagram::DiagramData &reference)
{
    stopReferenceRun();
    sim::CompileResult c = sim::compileNetwork(reference);
    if (!c.ok()) {
        emit message(tr("The reference design cannot run: %1").arg(c.errors.value(0)), 8000);
        return;
    }
    m_reference = new SimRunner(this);
    m_reference->setObjectName(QStringLiteral("referenceRunner"));
    m_referenceIds = chartIds(reference);
    connect(m_reference, &SimRunner::frameReady, this,
            [this](const std::shared_ptr<const LabFrame> &frame) {
                if (!frame->finished)
                    return;
                const QStringList ids = m_referenceIds;
                const std::vector<sim::Sample> series = frame->newSamples;
                m_reference->deleteLater();
                m_reference = nullptr;
                emit referenceFinished(ids, series);
            });
    m_reference->load(c.network);
    m_reference->runToEnd();
}

void RunController::stopReferenceRun()
{
    delete m_reference; // its destructor waits for the tick in progress
    m_reference = nullptr;
}

void RunController::documentChanged()
{
    // What runs is what was loaded; an edit makes the next Run start afresh.
    if (m_runRevision + 1 == m_document.revision() &&
        m_runner->state() == SimRunner::State::Running)
        emit message(tr("The diagram changed: press Run to restart with it"), 6000);
}

void RunController::takeFrame(const std::shared_ptr<const LabFrame> &frame)
{
    if (!hasCurrentRun())
        return; // a frame from the run before the edit
    m_lastFrame = frame;
    emit frameReady(frame);
}

QStringList RunController::chartIds(const diagram::DiagramData &diagram)
{
    QStringList ids;
    for (const diagram::Node &n : diagram.nodes)
        ids << (n.kind == diagram::NodeKind::Client ? QString() : n.id); // no line for a client
    return ids;
}

} // namespace sds::gui
