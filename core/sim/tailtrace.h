#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

/**
 * Where the tail latency comes from. When a run traces (off by default: it
 * costs a little per hop), every client request keeps a list of the time it
 * spent at each component, split into queueing, service, network (the
 * edge into that component, both ways) and retry waiting (everything before
 * the attempt that succeeded: failed attempts and backoff, charged to the
 * client). An answered request adds its list to the aggregate of its
 * latency's bucket (log-spaced, 32 to an octave, about 2 % wide), so the
 * breakdown of the slowest requests, say those above the p99, is read at
 * the end without keeping a record per request. The parts of each request
 * add up to its latency exactly.
 */
namespace sds::sim {

enum class TimeKind : std::uint8_t { Queueing, Service, Network, Retry };
inline constexpr std::size_t kTimeKinds = 4;

struct TailShare {
    std::uint32_t node = 0;
    std::array<double, kTimeKinds> seconds{}; ///< summed over the tail's requests
    double total() const { return seconds[0] + seconds[1] + seconds[2] + seconds[3]; }
};

struct TailBreakdown {
    double thresholdS = 0;        ///< the requests at or above this latency
    std::uint64_t requests = 0;   ///< how many of them
    double latencyS = 0;          ///< their latencies, summed (= the shares' total)
    std::vector<TailShare> nodes; ///< components with time in the tail, most first
};

class TailTracer
{
public:
    explicit TailTracer(std::size_t nodeCount);

    /** A new attempt of request @p req begins: its list starts empty. */
    void begin(std::uint32_t req);
    void mark(std::uint32_t req, double now);
    /** Adds the time since the mark to (@p node, @p kind) and moves the mark to @p now. */
    void lap(std::uint32_t req, std::uint32_t node, TimeKind kind, double now);
    void add(std::uint32_t req, std::uint32_t node, TimeKind kind, double seconds);
    /** Request @p req was answered after @p latency; @p retryWait of it went to earlier attempts.
     */
    void complete(std::uint32_t req, std::uint32_t client, double latency, double retryWait);
    /** Forgets the answered requests (the warm-up's), keeps those in flight. */
    void resetAggregates();

    /** The requests with latency at or above @p thresholdS (rounded down to a bucket). */
    TailBreakdown tail(double thresholdS) const;
    std::uint64_t answered() const { return m_answered; }

private:
    struct Segment {
        std::uint32_t node;
        TimeKind kind;
        float seconds; // one hop's time: float is plenty, the sums are double
    };
    struct Bucket {
        std::uint64_t requests = 0;
        double latency = 0;
        std::vector<double> seconds; // node * kTimeKinds + kind, allocated on first use
    };
    static int bucketOf(double latency);
    std::vector<Segment> &segments(std::uint32_t req);

    std::size_t m_nodes;
    std::vector<std::vector<Segment>> m_segments; // by request index
    std::vector<double> m_marks;
    std::vector<Bucket> m_buckets;
    std::uint64_t m_answered = 0;
};

} // namespace sds::sim
