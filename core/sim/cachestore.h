#pragma once

#include "core/sim/keymap.h"

#include <cstdint>
#include <vector>

/**
 * The contents of a simulated cache: which keys it holds, bounded by a
 * capacity in keys, evicting the least recently used (LRU) or the least
 * frequently used (LFU, ties to the older) entry when full, and honouring a
 * time to live. The hit ratio of a cache in the lab comes from this store
 * and the keys the workload draws, never from a parameter. All memory is
 * allocated up front for the capacity.
 */
namespace sds::sim {

class CacheStore
{
public:
    static constexpr std::uint32_t kNoEntry = 0xffffffffu;

    struct Entry {
        std::uint64_t key = 0;
        double storedAt = 0;  ///< when the value was last written or fetched
        double expiresAt = 0; ///< +inf without a time to live
        std::uint64_t uses = 0;
        std::uint64_t lastUse = 0; ///< logical clock, for LRU order and LFU ties
        std::uint32_t prev = kNoEntry, next = kNoEntry; ///< LRU list
        std::uint32_t heapPos = kNoEntry;               ///< LFU heap
        bool dirty = false;                             ///< write-behind: not yet in the store
        bool refreshing = false; ///< refresh-ahead: a background fetch is under way
    };

    CacheStore(std::uint32_t capacity, bool lfu);

    std::uint32_t capacity() const { return m_capacity; }
    std::uint32_t size() const { return std::uint32_t(m_map.size()); }

    /** The live entry for @p key (counted as a use), or kNoEntry; expired entries are dropped. */
    std::uint32_t lookup(std::uint64_t key, double now);
    Entry &entry(std::uint32_t index) { return m_entries[index]; }

    struct Evicted {
        bool any = false;
        std::uint64_t key = 0;
        bool dirty = false;
    };
    /** Stores @p key (new or refreshed), evicting one entry if full; returns the entry. */
    std::uint32_t put(std::uint64_t key, double now, double ttl, bool dirty, Evicted *evicted);
    void erase(std::uint64_t key);
    /** Empties the cache (a crash); returns how many dirty entries were lost. */
    std::uint64_t clear();

    /** Calls @p f(key) for each dirty entry and marks it clean. */
    template <typename F> void flushDirty(F &&f)
    {
        for (std::uint32_t i : m_dirtyList) {
            Entry &e = m_entries[i];
            if (e.dirty && e.heapPos != kRemoved) {
                e.dirty = false;
                f(e.key);
            }
        }
        m_dirtyList.clear();
    }

private:
    static constexpr std::uint32_t kRemoved = 0xfffffffeu;

    void touch(std::uint32_t i);
    void unlink(std::uint32_t i);
    void pushFront(std::uint32_t i);
    std::uint32_t victim() const;
    void remove(std::uint32_t i);
    // LFU heap ordered by (uses, lastUse)
    bool lfuBefore(std::uint32_t a, std::uint32_t b) const;
    void heapUp(std::uint32_t pos);
    void heapDown(std::uint32_t pos);
    void heapSwap(std::uint32_t a, std::uint32_t b);

    std::uint32_t m_capacity;
    bool m_lfu;
    std::uint64_t m_clock = 0;
    KeyMap m_map;
    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_free;
    std::vector<std::uint32_t> m_heap;                  // LFU
    std::vector<std::uint32_t> m_dirtyList;             // write-behind
    std::uint32_t m_head = kNoEntry, m_tail = kNoEntry; // LRU: head is most recent
};

} // namespace sds::sim
