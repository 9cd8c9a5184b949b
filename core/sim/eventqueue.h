#pragma once

#include <bit>
#include <cstdint>
#include <vector>

/**
 * The future event set: a 4-ary min-heap of small plain events ordered by
 * time (never negative), ties broken by insertion order, so equal-time events run in the
 * order they were scheduled and a seed reproduces a run exactly. A 4-ary
 * heap halves the depth of a binary one, which is what the engine's inner
 * loop spends its time on. A node's 4 children are contiguous, but an Event
 * is 32 bytes, so they span 128 bytes: two or three cache lines, as the
 * blocks are not aligned to 64 bytes.
 */
namespace sds::sim {

enum class EventType : std::uint8_t {
    ClientSend,  ///< a: client node; the next request of the workload
    Arrive,      ///< a: request; it reaches its next node
    ServiceDone, ///< a: request; a server finished it
    Response,    ///< a: request; the answer reached the client
    Timeout,     ///< a: request; the client stops waiting
    RetrySend,   ///< a: request; a retry leaves the client after its backoff
    NodeDown,    ///< a: node; b: 1 for a random failure (repair time is drawn)
    NodeUp,      ///< a: node; b: 1 when it ends a random failure
    Failover,    ///< a: node; b: shard; a replica becomes the primary
    Flush,       ///< a: node; write-behind cache writes its dirty keys
    Sample,      ///< time series tick
    WarmupEnd,   ///< statistics start
    End,         ///< the run's end
};

struct Event {
    __extension__ using Key = unsigned __int128;
    // Time (a non-negative double, whose bits order like the number) in the
    // high half, insertion order in the low half: one integer comparison
    // orders events by time and then by sequence.
    Key key;
    std::uint32_t a;
    std::uint32_t b; ///< generation of request a, or a second argument
    EventType type;

    double time() const { return std::bit_cast<double>(std::uint64_t(key >> 64)); }
};

class EventQueue
{
public:
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    const Event &top() const { return m_heap.front(); }
    void reserve(std::size_t n) { m_heap.reserve(n); }
    void clear()
    {
        m_heap.clear();
        m_seq = 0;
    }

    void push(double time, EventType type, std::uint32_t a, std::uint32_t b = 0)
    {
        // +0.0 for -0.0, so the sign bit never reorders the clock.
        const Event::Key bits = std::bit_cast<std::uint64_t>(time + 0.0);
        m_heap.push_back({(bits << 64) | m_seq++, a, b, type});
        siftUp(m_heap.size() - 1);
    }

    Event pop()
    {
        const Event out = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty())
            siftDown(last);
        return out;
    }

private:
    static bool before(const Event &x, const Event &y) { return x.key < y.key; }

    void siftUp(std::size_t i)
    {
        const Event e = m_heap[i];
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
            if (!before(e, m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    // Places @p e, taken from the end, starting at the root.
    void siftDown(const Event &e)
    {
        const std::size_t n = m_heap.size();
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = 4 * i + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t last = first + 4 < n ? first + 4 : n;
            for (std::size_t c = first + 1; c < last; ++c) {
                if (before(m_heap[c], m_heap[best]))
                    best = c;
            }
            if (!before(m_heap[best], e))
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = e;
    }

    std::vector<Event> m_heap;
    std::uint64_t m_seq = 0;
};

} // namespace sds::sim
