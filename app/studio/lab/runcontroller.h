#pragma once

#include "app/studio/lab/simrunner.h"
#include "core/result.h"
#include "core/sim/analytic.h"
#include "core/sim/network.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace sds::gui {

class LabDocument;

// The lab's run, without a widget: the one owner of the run parameters (the
// load factor and the speed, each kept here and nowhere else in the app),
// the network compiled from the document (once per document revision, so
// moving the load slider recompiles nothing), the live SimRunner, the
// analytic twin's prediction, and the background run of a reference design,
// which goes through a SimRunner of its own rather than a thread idiom of
// its own. Views follow its signals; the run tool bar and the page send it
// commands.
class RunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunController)

public:
    explicit RunController(LabDocument &document, QObject *parent = nullptr);
    ~RunController() override;

    SimRunner::State state() const;
    // A run is loaded and it is of the document as it is now.
    bool hasCurrentRun() const;

    double loadFactor() const { return m_loadFactor; }
    void setLoadFactor(double factor);
    double speed() const { return m_speed; }
    void setSpeed(double simSecondsPerSecond);

    // The document compiled at its current revision (cached until it changes).
    const sim::CompileResult &compiled();
    // What queueing theory predicts for the document at the current load.
    sim::Prediction prediction();

    // Starts or resumes; a run of an older revision, or one that finished,
    // starts afresh from the document. The run has no end of its own: it goes
    // on until paused (or until SimRunner::seriesLimit()). False (see
    // message()) if it cannot run.
    bool run();
    void pause();
    // One sample interval further, then paused; from time zero if no current run.
    void step();
    void reset();
    // A new document: no run, the load back to 100 %, and the twin's
    // prediction for the new diagram.
    void startAfresh();
    void failNode(const QString &id);
    void restoreNode(const QString &id);

    // The newest frame of the current run, or null.
    const std::shared_ptr<const LabFrame> &lastFrame() const { return m_lastFrame; }
    // The diagram name of the run the charts show.
    QString runName() const { return m_runName; }
    // The current run's summary as `sdstudio-cli sim run --json` prints it.
    Result<void> exportSummary(const QString &path);

    // Runs @p reference to its end in the background; referenceFinished()
    // hands over its series. Starting another, or stopping, cancels it.
    void startReferenceRun(const diagram::DiagramData &reference);
    void stopReferenceRun();
    bool isReferenceRunning() const { return m_reference != nullptr; }

signals:
    void stateChanged(sds::gui::SimRunner::State state);
    // A new run was loaded: views drop the previous one. @p chartIds names
    // the node of each chart line (empty for clients, which get none).
    void runLoaded(const QStringList &chartIds);
    // A frame of the current run (never one from before an edit).
    void frameReady(const std::shared_ptr<const sds::gui::LabFrame> &frame);
    void predictionChanged(const sds::sim::Prediction &prediction);
    void loadFactorChanged(double factor);
    void referenceFinished(const QStringList &chartIds,
                           const std::vector<sds::sim::Sample> &series);
    void message(const QString &text, int timeoutMs);

private:
    void documentChanged();
    void takeFrame(const std::shared_ptr<const LabFrame> &frame);
    static QStringList chartIds(const diagram::DiagramData &diagram);

    LabDocument &m_document;
    SimRunner *m_runner;
    SimRunner *m_reference = nullptr;
    QStringList m_referenceIds;
    double m_loadFactor = 1;
    double m_speed = 1;
    sim::CompileResult m_compiled;
    quint64 m_compiledRevision = ~quint64(0);
    quint64 m_runRevision = ~quint64(0); // the revision the live run was loaded from
    std::shared_ptr<const LabFrame> m_lastFrame;
    QString m_runName;
};

} // namespace sds::gui
