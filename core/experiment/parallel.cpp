#include "core/experiment/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace sds::experiment {

int threadCount(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

void parallelFor(std::size_t n, int threads, Progress *progress,
                 const std::function<void(std::size_t)> &work)
{
    std::atomic<std::size_t> next{0};
    const auto loop = [&] {
        for (;;) {
            if (progress && progress->cancelled())
                return;
            const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= n)
                return;
            work(i);
        }
    };
    const std::size_t count = std::min<std::size_t>(std::size_t(threadCount(threads)), n);
    if (count <= 1) {
        loop();
        return;
    }
    std::vector<std::jthread> pool;
    pool.reserve(count - 1);
    for (std::size_t t = 1; t < count; ++t)
        pool.emplace_back(loop);
    loop(); // the calling thread works too
}

} // namespace sds::experiment
