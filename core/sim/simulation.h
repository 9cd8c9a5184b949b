#pragma once

#include "core/sim/eventqueue.h"
#include "core/sim/metrics.h"
#include "core/sim/network.h"
#include "core/sim/random.h"
#include "core/sim/tailtrace.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

/**
 * The discrete-event simulation of requests flowing through a compiled
 * network. One object is one run: it owns the clock, the future event set,
 * a pooled arena of requests (no allocation per event once the number in
 * flight stops growing) and the statistics. It can run to the end in one
 * call (headless) or be advanced step by step while the lab changes rates
 * and fails nodes between steps, taking snapshots to draw. It is not
 * thread-safe: drive it from one thread and hand the snapshots (plain
 * values) to others.
 *
 * Model, in short: a request visits nodes along edges; at each node it
 * queues FIFO for one of c servers, is served for a time drawn from the
 * node's distribution, and moves on or ends. Servers do not wait for the
 * calls they make (they are event-driven), so a request's latency is its
 * queueing, service and network time along the path, plus the network
 * latency of the same edges back to the client.
 */
namespace sds::sim {

/** Where a request in flight is, for animation. */
struct InFlight {
    enum class Where : std::uint8_t { Edge, Queue, Service };
    Where where = Where::Edge;
    std::uint32_t node = kNone; ///< node it is at or heading to
    std::uint32_t edge = kNone; ///< diagram edge index, when on an edge
    float fraction = 0;         ///< along the edge, 0..1
    std::uint32_t position = 0; ///< place in the queue, 0 = next
    bool write = false;
};

struct Snapshot {
    RunMetrics metrics;
    std::vector<InFlight> inFlight; ///< a bounded, evenly spread sample
    std::size_t samples = 0;        ///< time series length so far
};

class Simulation
{
public:
    explicit Simulation(Network network);
    ~Simulation();
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    /** The network it runs, with the load factor now in force. */
    const Network &network() const;
    /** End the run once this many requests have finished (answered or failed) after the warm-up. */
    void setStopAfterRequests(std::uint64_t count);

    /**
     * Whether the time series is kept for charts (default on): each sample
     * carries the latency percentiles of its interval and samples come at
     * the run's interval however long the run. Headless runs that report only
     * the totals turn it off: samples then carry no percentiles (a histogram
     * scan saved per sample) and, past 4,096 of them, come at intervals
     * doubling up to 128 times the run's, so a long run's memory stays flat.
     */
    void setSamplePercentiles(bool on);
    /**
     * Requests in flight at most (default 4 million). A design fed faster
     * than it can serve grows its queues without end; past this bound the
     * run stops and overloaded() says so, instead of exhausting memory.
     */
    void setMaxInFlight(std::size_t count);
    /**
     * Whether each answered request's time is split by component and kind
     * (queueing, service, network, retry waiting) for tailBreakdown();
     * off by default. Turn it on before the run starts.
     */
    void setTraceTail(bool on);
    /** Where the time of requests at or above @p thresholdS went; nullopt when not traced. */
    std::optional<TailBreakdown> tailBreakdown(double thresholdS) const;
    bool overloaded() const;
    /**
     * Whether a network of sources and plain stations only (no balancer,
     * cache, database, queue or limiter, no timeout, capacity or failure)
     * may run on the event loop compiled for it (default on). The results
     * are the same bit for bit either way; off is for the tests that check so.
     */
    void setFastPath(bool allowed);

    double now() const;
    bool finished() const;
    /** Runs events up to simulated time @p t (or the end); false once the run has ended. */
    bool runUntil(double t);
    /** Runs at most @p budget events; returns how many ran. */
    std::uint64_t runEvents(std::uint64_t budget);
    /** Runs to the end of the run. */
    void run();

    // Live changes, effective from now.

    /**
     * Every source sends at its own rate times @p factor (not below 0) from
     * now on; network().loadFactor reports it. The pending sends, drawn at
     * the old rate, are replaced by ones drawn at the new.
     */
    void setLoadFactor(double factor);
    void failNode(std::uint32_t node);
    void restoreNode(std::uint32_t node);
    bool nodeUp(std::uint32_t node) const;

    RunMetrics metrics() const;
    Snapshot snapshot(std::size_t maxInFlight) const;
    /**
     * The time series so far, appended to as the run goes (earlier samples
     * never change); see setSamplePercentiles() for its spacing.
     */
    const std::vector<Sample> &samples() const;
    /** Events waiting in the future event set now. */
    std::size_t pendingEvents() const;
    /** Requests allocated in the arena: the high-water mark of requests in flight. */
    std::size_t arenaSize() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sds::sim
