#include "core/sim/tailtrace.h"

#include <algorithm>
#include <cmath>

namespace sds::sim {

namespace {
constexpr int kPerOctave = 32;
constexpr int kOctaves = 42; // 1 µs to about 50 days
constexpr double kFloor = 1e-6;
} // namespace

TailTracer::TailTracer(std::size_t nodeCount)
    : m_nodes(nodeCount)
    , m_buckets(std::size_t(kPerOctave * kOctaves) + 1)
{}

int TailTracer::bucketOf(double latency)
{
    if (!(latency > kFloor))
        return 0;
    const int b = int(std::log2(latency / kFloor) * kPerOctave);
    return std::clamp(b, 0, kPerOctave * kOctaves);
}

std::vector<TailTracer::Segment> &TailTracer::segments(std::uint32_t req)
{
    if (req >= m_segments.size()) {
        m_segments.resize(std::size_t(req) + 1);
        m_marks.resize(std::size_t(req) + 1);
    }
    return m_segments[req];
}

void TailTracer::begin(std::uint32_t req)
{
    segments(req).clear(); // keeps its capacity: a steady run allocates nothing
}

void TailTracer::mark(std::uint32_t req, double now)
{
    segments(req);
    m_marks[req] = now;
}

void TailTracer::lap(std::uint32_t req, std::uint32_t node, TimeKind kind, double now)
{
    auto &list = segments(req);
    const double dt = now - m_marks[req];
    m_marks[req] = now;
    if (dt > 0)
        list.push_back({node, kind, float(dt)});
}

void TailTracer::add(std::uint32_t req, std::uint32_t node, TimeKind kind, double seconds)
{
    if (seconds > 0)
        segments(req).push_back({node, kind, float(seconds)});
}

void TailTracer::complete(std::uint32_t req, std::uint32_t client, double latency, double retryWait)
{
    Bucket &b = m_buckets[std::size_t(bucketOf(latency))];
    if (b.seconds.empty())
        b.seconds.assign(m_nodes * kTimeKinds, 0.0);
    b.requests += 1;
    b.latency += latency;
    ++m_answered;
    if (retryWait > 0)
        b.seconds[client * kTimeKinds + std::size_t(TimeKind::Retry)] += retryWait;
    for (const Segment &s : segments(req))
        b.seconds[s.node * kTimeKinds + std::size_t(s.kind)] += double(s.seconds);
}

void TailTracer::resetAggregates()
{
    for (Bucket &b : m_buckets)
        b = Bucket{};
    m_answered = 0;
}

TailBreakdown TailTracer::tail(double thresholdS) const
{
    TailBreakdown out;
    out.thresholdS = thresholdS;
    std::vector<TailShare> shares(m_nodes);
    for (std::size_t n = 0; n < m_nodes; ++n)
        shares[n].node = std::uint32_t(n);
    for (std::size_t k = std::size_t(bucketOf(thresholdS)); k < m_buckets.size(); ++k) {
        const Bucket &b = m_buckets[k];
        if (b.requests == 0)
            continue;
        out.requests += b.requests;
        out.latencyS += b.latency;
        for (std::size_t n = 0; n < m_nodes; ++n) {
            for (std::size_t kind = 0; kind < kTimeKinds; ++kind)
                shares[n].seconds[kind] += b.seconds[n * kTimeKinds + kind];
        }
    }
    for (const TailShare &s : shares) {
        if (s.total() > 0)
            out.nodes.push_back(s);
    }
    std::stable_sort(out.nodes.begin(), out.nodes.end(),
                     [](const TailShare &a, const TailShare &b) { return a.total() > b.total(); });
    return out;
}

} // namespace sds::sim
