#pragma once

#include "core/sim/balancer.h"
#include "core/sim/cachestore.h"
#include "core/sim/database.h"
#include "core/sim/eventqueue.h"
#include "core/sim/requestpool.h"
#include "core/sim/ring.h"
#include "core/sim/sampler.h"
#include "core/sim/simulation.h"
#include "core/sim/tailtrace.h"

#include <cstdint>
#include <memory>
#include <vector>

/**
 * The engine's state, private to the files that implement Simulation:
 * simulation.cpp (the loop, the request flow and failures), setup.cpp,
 * behaviours.cpp (what balancers, caches, databases and queues do after
 * service), sampler.cpp (the statistics) and snapshot.cpp. Simulation::Impl is the one owner of all
 * of it; the pieces in their own headers (the request pool, the balancer, the database, the
 * arrivals) hold no reference back to it.
 */
namespace sds::sim {

/** A queue with c servers: one per plain node, one per copy of a database shard. */
struct Station {
    std::uint32_t node = kNone;
    int servers = 1;
    int busy = 0;
    int capacity = 0;
    Distribution dist;
    Rng rng{0}; // service times; seeded in addStation()
    bool up = true;
    Ring queue;
    double busyArea = 0;
    double queueArea = 0;
    double lastT = 0;
    double busyMark = 0; // busyArea at the last sample

    void account(double now)
    {
        const double dt = now - lastT;
        busyArea += busy * dt;
        queueArea += double(queue.size()) * dt;
        lastT = now;
    }
};

struct NodeState {
    std::uint32_t firstStation = 0;
    std::uint32_t stationCount = 0;
    bool manualDown = false;
    bool randomDown = false;
    int scheduledDown = 0;
    bool up = true;
    double downSince = -kInfinity;

    NodeMetrics counters; // id, servers and the time averages are filled in by metrics()
    std::uint64_t hitsMark = 0, missesMark = 0;

    // Source: the rate is the model's times the network's load factor (see
    // offeredRate()); a change of either bumps the generation, so the pending
    // send drawn at the old rate goes stale.
    std::uint32_t sendGen = 0;
    // A source's own streams, seeded in build(): what one client sends does
    // not depend on what the rest of the design draws.
    Rng arrivals{0}, keys{0}, ops{0};
    BalancerState balancer;
    std::unique_ptr<CacheStore> cache;
    DatabaseState database;
    // Limiter
    double tokens = 0;
    double lastRefill = 0;
    // Queue
    std::uint64_t outstanding = 0;
};

struct Simulation::Impl {
    Network net;
    Rng rng; // everything that is neither arrivals nor service: routing, balancers, failures
    Zipf zipf;
    EventQueue events;
    RequestPool req;
    std::vector<Station> stations;
    std::vector<NodeState> nodes;
    std::vector<std::uint32_t> scratch; // candidate routes, reused

    double now = 0;
    bool finished = false;
    std::uint64_t stopAfter = 0;
    std::size_t maxLive =
        4'000'000; // beyond it the design is overloaded: stop, do not exhaust memory
    bool overloaded = false;
    int depth = 0;

    RunMetrics totals; // counters; time averages are computed on demand
    Sampler sampler;
    std::unique_ptr<TailTracer> tracer; // only when tail attribution is asked for

    // Draws the workload skips when nothing in the design looks at them, so a
    // plain queueing network pays only for what it uses.
    bool needsKeys = false;
    bool needsOps = false;
    // Nothing but sources and stations: no balancer, cache, database, queue or
    // limiter, no timeouts, capacities or failures (see build()). The loop then
    // runs the same flow compiled without the branches for them and without
    // the recursion they bring, so all of it folds into one function; failNode()
    // turns it off for good, and setFastPath(false) for the tests that compare.
    bool plain = false;
    bool fastPathAllowed = true;

    explicit Impl(Network n);

    // The functions marked inline are defined and called in one file only
    // (simulation.cpp, or behaviours.cpp for believedUp): inline lets the
    // compiler fold the event loop's calls together as it did when they were
    // all defined in the class body.

    // set-up (setup.cpp)
    std::uint32_t addStation(std::uint32_t node, const NodeModel &model);
    void build();

    // requests
    std::uint32_t alloc();
    void release(std::uint32_t i) { req.release(i); }

    // workload
    void scheduleNextSend(std::uint32_t client);
    // Plain = true: the flow of a plain network (see plain); false: any network.
    template <bool Plain> inline void clientSend(std::uint32_t client);
    template <bool Plain> inline void sendFromClient(std::uint32_t i);
    inline void scheduleRetry(std::uint32_t failedIndex);

    // moving between nodes
    inline std::uint32_t pickRoute(std::uint32_t n, const Request &r);
    template <bool Plain>
    inline void send(std::uint32_t i, std::uint32_t from, std::uint32_t routeIndex);
    template <bool Plain = false> void forward(std::uint32_t i);
    template <bool Plain> inline void arrive(std::uint32_t i);
    inline void arriveAtDatabase(std::uint32_t i);

    // stations
    template <bool Plain> inline void enqueue(std::uint32_t i, std::uint32_t s);
    inline void startService(std::uint32_t i, Station &st);
    template <bool Plain> inline void serviceDone(std::uint32_t i);

    // behaviours after service (behaviours.cpp)
    inline bool believedUp(const NodeModel &lb, std::uint32_t target) const;
    std::uint32_t balance(std::uint32_t i);
    void cacheServed(std::uint32_t i);
    void spawnInternal(std::uint32_t from, std::uint64_t key, Op op, std::uint32_t fillNode);
    void databaseServed(std::uint32_t i);
    void queueServed(std::uint32_t i);

    // endings
    template <bool Plain = false> void finish(std::uint32_t i, Outcome outcome);
    inline void fillCache(std::uint32_t c, std::uint64_t key);
    template <bool Plain> inline void respond(std::uint32_t i);
    inline void countFailure(Outcome outcome);
    inline void timeout(std::uint32_t i);
    bool measuring() const { return now >= net.warmup; }
    inline void checkStop();

    // failures
    inline void updateUp(std::uint32_t n);
    inline void stationDown(std::uint32_t s);
    inline void goDown(std::uint32_t n);
    inline void comeUp(std::uint32_t n);
    inline void failover(std::uint32_t n, std::uint32_t shard);
    inline void flush(std::uint32_t n);

    // statistics (sampler.cpp)
    void resetStatistics();
    void takeSample();

    // the loop
    template <bool Plain> inline void dispatch(const Event &e);
    template <bool Plain> inline bool step();
    /** step() on the loop this network may take (see plain); tracing needs the general one. */
    bool usePlainLoop() const { return plain && fastPathAllowed && !tracer; }
};

} // namespace sds::sim
