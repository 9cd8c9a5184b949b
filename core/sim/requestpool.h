#pragma once

#include "core/sim/network.h"

#include <cstdint>
#include <memory>
#include <vector>

/**
 * The engine's requests and the pool they live in. A request is a plain
 * record indexed by a 32-bit number that events carry with its generation;
 * the generation is bumped on release, so an event for a request that has
 * since ended (or been reused) is recognised as stale and dropped. The pool
 * keeps released requests on a free list, so a steady run allocates nothing,
 * and stores them in fixed-size blocks that never move: a Request& stays
 * valid across alloc(), however many requests that adds.
 */
namespace sds::sim {

enum class Outcome : std::uint8_t { Ok, Rejected, Timeout, NodeDown };
enum class RequestState : std::uint8_t { Free, Transit, Queued, Service, Responding, WaitRetry };

struct Request {
    double created = 0;      ///< this attempt left the client (or the job was enqueued)
    double firstCreated = 0; ///< the first attempt: latency is measured from here
    double returnLatency = 0;
    double departAt = 0, arriveAt = 0; ///< on an edge, for animation
    std::uint64_t key = 0;
    std::uint32_t client = kNone;
    std::uint32_t node = kNone;
    std::uint32_t station = kNone;
    std::uint32_t edge = kNone;
    std::uint32_t gen = 0;        ///< bumped on release: stale events carry an old value
    std::uint32_t origin = kNone; ///< message queue that accepted it (jobs and their requests)
    std::uint32_t nextFree = kNone;
    std::uint32_t fill[2] = {kNone, kNone}; ///< caches to fill when the answer passes
    std::uint32_t lb[2] = {kNone, kNone};   ///< balancers whose connection count it holds
    std::uint32_t lbRoute[2] = {kNone, kNone};
    std::uint16_t attempt = 0;
    Op op = Op::Read;
    RequestState state = RequestState::Free;
    Outcome outcome = Outcome::Ok;
    bool abandoned = false; ///< the client stopped waiting (timeout)
    bool job = false;       ///< asynchronous work behind a queue
    bool internal = false;  ///< sent by a cache (write-behind flush, refresh-ahead)
};

class RequestPool
{
public:
    // 4096 requests (about 450 KiB) per block: few blocks even near the
    // 4 M cap, and the index splits with a shift and a mask.
    static constexpr std::uint32_t kBlockBits = 12;
    static constexpr std::uint32_t kBlockSize = 1u << kBlockBits;

    Request &operator[](std::uint32_t i) { return m_blocks[i >> kBlockBits][i & (kBlockSize - 1)]; }
    const Request &operator[](std::uint32_t i) const
    {
        return m_blocks[i >> kBlockBits][i & (kBlockSize - 1)];
    }

    /** A fresh request (all fields default, the generation kept), by index. */
    std::uint32_t alloc()
    {
        std::uint32_t i;
        if (m_freeHead != kNone) {
            i = m_freeHead;
            Request &r = (*this)[i];
            m_freeHead = r.nextFree;
            const std::uint32_t gen = r.gen;
            r = Request{};
            r.gen = gen;
        } else {
            i = m_size++;
            if ((i & (kBlockSize - 1)) == 0)
                m_blocks.push_back(std::make_unique<Request[]>(kBlockSize));
        }
        ++m_live;
        return i;
    }

    /** Back to the free list; events still naming it become stale. */
    void release(std::uint32_t i)
    {
        Request &r = (*this)[i];
        r.gen += 1;
        r.state = RequestState::Free;
        r.nextFree = m_freeHead;
        m_freeHead = i;
        --m_live;
    }

    /** Requests ever allocated: indices run from 0 to size() - 1. */
    std::size_t size() const { return m_size; }
    /** Requests allocated and not released. */
    std::size_t live() const { return m_live; }

private:
    std::vector<std::unique_ptr<Request[]>> m_blocks;
    std::uint32_t m_size = 0;
    std::uint32_t m_freeHead = kNone;
    std::size_t m_live = 0;
};

} // namespace sds::sim
