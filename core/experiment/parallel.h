#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

/**
 * Progress and cancellation shared between an experiment's worker threads
 * and whoever shows it (the lab's progress bar, the CLI's stderr line), and
 * the loop that spreads independent runs over the cores. Work items are
 * claimed from one atomic counter, and each writes only its own result
 * slot, so results do not depend on the number of threads.
 */
namespace sds::experiment {

struct Progress {
    std::atomic<int> done{0};
    std::atomic<int> total{0};
    std::atomic<bool> cancel{false};

    bool cancelled() const { return cancel.load(std::memory_order_relaxed); }
};

/** Threads to use when the caller asks for @p requested (0 = all cores). */
int threadCount(int requested);

/**
 * Calls @p work(i) for i in [0, n) on up to @p threads threads (0 = all
 * cores) and returns when every call has returned. Stops handing out new
 * items once @p progress (may be null) is cancelled.
 */
void parallelFor(std::size_t n, int threads, Progress *progress,
                 const std::function<void(std::size_t)> &work);

} // namespace sds::experiment
