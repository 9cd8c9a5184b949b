#include "app/cli/runprogress.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

namespace sds::cli {

namespace {

std::atomic<experiment::Progress *> g_progress{nullptr};

extern "C" void onInterrupt(int)
{
    if (experiment::Progress *p = g_progress.load())
        p->cancel = true; // an atomic store: safe in a signal handler
}

} // namespace

void withProgress(experiment::Progress &progress, Streams &io, const QString &what, int threads,
                  const std::function<void()> &work)
{
    const bool tty = isatty(STDERR_FILENO);
    g_progress = &progress;
    auto *previous = std::signal(SIGINT, onInterrupt);
    // Said once the handler is in place, so Ctrl+C from here on cancels cleanly.
    io.err << what << " on " << experiment::threadCount(threads) << " threads (Ctrl+C cancels)\n";
    io.err.flush();
    std::atomic<bool> finished{false};
    std::jthread worker([&] {
        work();
        finished = true;
    });
    while (!finished) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (tty && progress.total > 0) {
            io.err << "\rruns " << progress.done.load() << " / " << progress.total.load() << "   ";
            io.err.flush();
        }
    }
    worker.join();
    if (tty && progress.total > 0) {
        io.err << "\r" << QString(40, QLatin1Char(' ')) << "\r";
        io.err.flush();
    }
    std::signal(SIGINT, previous);
    g_progress = nullptr;
}

} // namespace sds::cli
