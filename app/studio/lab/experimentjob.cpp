#include "app/studio/lab/experimentjob.h"

namespace sds::gui {

ExperimentJob::ExperimentJob(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &ExperimentJob::poll);
}

ExperimentJob::~ExperimentJob()
{
    cancel();
    join();
}

bool ExperimentJob::start(std::function<void(experiment::Progress &)> work)
{
    if (isRunning())
        return false;
    m_progress = std::make_unique<experiment::Progress>();
    m_done = std::make_shared<std::atomic<bool>>(false);
    m_thread = std::make_unique<std::jthread>(
        [work = std::move(work), progress = m_progress.get(), done = m_done] {
            work(*progress);
            done->store(true);
        });
    m_timer.start();
    return true;
}

void ExperimentJob::cancel()
{
    if (m_progress)
        m_progress->cancel = true;
}

void ExperimentJob::join()
{
    m_timer.stop();
    if (m_thread) {
        m_thread->join();
        m_thread.reset();
    }
}

// Polling, not a signal from the worker: the work needs no Qt objects, and
// one check per tick is all a progress bar needs.
void ExperimentJob::poll()
{
    emit progressed(m_progress->done.load(), m_progress->total.load());
    if (!m_done->load())
        return;
    join();
    emit finished();
}

} // namespace sds::gui
