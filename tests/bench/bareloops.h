#pragma once

#include <cstdint>

/**
 * Hand-written simulations of the two benchmark models, written the way a
 * programmer would code one model directly: a std::priority_queue of small
 * events, the engine's generator (xoshiro256**) for the draws, a pool of
 * request records and the mean latency. They are the yardstick bench_engine
 * measures the engine's whole run against, so they model exactly what the
 * engine does on tests/bench/mm1.json and tests/bench/reference.json and stop
 * the same way: after @p requests answers counted from the end of the warm-up.
 */
namespace bench {

struct BareResult {
    std::uint64_t completed = 0;
    std::uint64_t events = 0;
    double meanLatency = 0; ///< seconds
    std::uint64_t staleReads = 0;
    double seconds = 0; ///< wall-clock time of the loop
};

/** M/M/1: Poisson arrivals at 80 rps, one server, exponential 10 ms service; warm-up 100 s. */
BareResult bareMm1(std::uint64_t requests, std::uint64_t seed);

/**
 * The reference topology: Poisson arrivals at 2,000 rps (90 % reads, Zipf
 * 0.99 keys over 100,000), 20 ms to a 64-server balancer (0.1 ms) that sends
 * round robin over three 8-server web servers (5 ms), 0.5 ms edges, a
 * 16-server LRU cache of 10,000 keys (0.5 ms; cache-aside), 1 ms to a primary
 * and two read replicas of 16 servers each (4 ms, reads round robin over the
 * replicas, 100 ms replication lag counted as stale reads); every service
 * exponential, the answer travels the same edges back. Warm-up 5 s.
 */
BareResult bareReference(std::uint64_t requests, std::uint64_t seed);

} // namespace bench
