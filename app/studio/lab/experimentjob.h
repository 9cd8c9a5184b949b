#pragma once

#include "core/experiment/parallel.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <thread>

namespace sds::gui {

// One experiment (a sweep, a comparison) running off the GUI thread: the
// work runs on a thread of its own (which fans out over the cores), the
// page polls its progress ten times a second, and finished() arrives on the
// GUI thread once the work has returned. Destroying the job cancels it and
// waits, so no result lands on a deleted panel.
class ExperimentJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExperimentJob)

public:
    explicit ExperimentJob(QObject *parent = nullptr);
    ~ExperimentJob() override;

    // Starts @p work (given the job's progress); false while another is running.
    bool start(std::function<void(experiment::Progress &)> work);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    bool wasCancelled() const { return m_progress && m_progress->cancelled(); }

signals:
    void progressed(int done, int total);
    void finished();

private:
    void poll();
    void join();

    std::unique_ptr<experiment::Progress> m_progress;
    std::unique_ptr<std::jthread> m_thread;
    std::shared_ptr<std::atomic<bool>> m_done;
    QTimer m_timer;
};

} // namespace sds::gui
