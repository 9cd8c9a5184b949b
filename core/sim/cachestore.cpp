#include "core/sim/cachestore.h"

#include <limits>

namespace sds::sim {

CacheStore::CacheStore(std::uint32_t capacity, bool lfu)
    : m_capacity(capacity < 1 ? 1 : capacity)
    , m_lfu(lfu)
    , m_map(m_capacity)
{
    m_entries.resize(m_capacity);
    m_free.reserve(m_capacity);
    for (std::uint32_t i = m_capacity; i-- > 0;)
        m_free.push_back(i);
    for (Entry &e : m_entries)
        e.heapPos = kRemoved;
    if (m_lfu)
        m_heap.reserve(m_capacity);
    m_dirtyList.reserve(m_capacity);
}

std::uint32_t CacheStore::lookup(std::uint64_t key, double now)
{
    const std::uint32_t i = m_map.find(key);
    if (i == KeyMap::kAbsent)
        return kNoEntry;
    if (m_entries[i].expiresAt <= now && !m_entries[i].dirty) {
        remove(i);
        return kNoEntry;
    }
    touch(i);
    return i;
}

std::uint32_t CacheStore::put(std::uint64_t key, double now, double ttl, bool dirty,
                              Evicted *evicted)
{
    std::uint32_t i = m_map.find(key);
    if (i == KeyMap::kAbsent) {
        if (m_free.empty()) {
            const std::uint32_t v = victim();
            if (evicted)
                *evicted = {true, m_entries[v].key, m_entries[v].dirty};
            remove(v);
        }
        i = m_free.back();
        m_free.pop_back();
        Entry &e = m_entries[i];
        e = Entry{};
        e.key = key;
        m_map.insert(key, i);
        if (m_lfu) {
            e.heapPos = std::uint32_t(m_heap.size());
            m_heap.push_back(i);
        } else {
            e.heapPos = 0; // marks the slot live
            pushFront(i);
        }
    }
    Entry &e = m_entries[i];
    e.storedAt = now;
    e.expiresAt = now + ttl;
    e.refreshing = false;
    if (dirty && !e.dirty)
        m_dirtyList.push_back(i);
    e.dirty = e.dirty || dirty;
    touch(i);
    return i;
}

void CacheStore::erase(std::uint64_t key)
{
    const std::uint32_t i = m_map.find(key);
    if (i != KeyMap::kAbsent)
        remove(i);
}

std::uint64_t CacheStore::clear()
{
    std::uint64_t lost = 0;
    for (std::uint32_t i = 0; i < m_capacity; ++i) {
        if (m_entries[i].heapPos != kRemoved) {
            lost += m_entries[i].dirty ? 1 : 0;
            remove(i);
        }
    }
    m_dirtyList.clear();
    return lost;
}

void CacheStore::touch(std::uint32_t i)
{
    Entry &e = m_entries[i];
    e.uses += 1;
    e.lastUse = ++m_clock;
    if (m_lfu) {
        heapDown(e.heapPos); // its key only grew
    } else if (m_head != i) {
        unlink(i);
        pushFront(i);
    }
}

void CacheStore::unlink(std::uint32_t i)
{
    Entry &e = m_entries[i];
    (e.prev == kNoEntry ? m_head : m_entries[e.prev].next) = e.next;
    (e.next == kNoEntry ? m_tail : m_entries[e.next].prev) = e.prev;
    e.prev = e.next = kNoEntry;
}

void CacheStore::pushFront(std::uint32_t i)
{
    Entry &e = m_entries[i];
    e.prev = kNoEntry;
    e.next = m_head;
    if (m_head != kNoEntry)
        m_entries[m_head].prev = i;
    m_head = i;
    if (m_tail == kNoEntry)
        m_tail = i;
}

std::uint32_t CacheStore::victim() const
{
    return m_lfu ? m_heap.front() : m_tail;
}

void CacheStore::remove(std::uint32_t i)
{
    Entry &e = m_entries[i];
    m_map.erase(e.key);
    if (m_lfu) {
        const std::uint32_t pos = e.heapPos;
        const std::uint32_t last = std::uint32_t(m_heap.size() - 1);
        if (pos != last) {
            heapSwap(pos, last);
            m_heap.pop_back();
            heapUp(pos);
            heapDown(pos);
        } else {
            m_heap.pop_back();
        }
    } else {
        unlink(i);
    }
    e.heapPos = kRemoved;
    e.dirty = false;
    m_free.push_back(i);
}

bool CacheStore::lfuBefore(std::uint32_t a, std::uint32_t b) const
{
    const Entry &x = m_entries[a];
    const Entry &y = m_entries[b];
    return x.uses < y.uses || (x.uses == y.uses && x.lastUse < y.lastUse);
}

void CacheStore::heapSwap(std::uint32_t a, std::uint32_t b)
{
    std::swap(m_heap[a], m_heap[b]);
    m_entries[m_heap[a]].heapPos = a;
    m_entries[m_heap[b]].heapPos = b;
}

void CacheStore::heapUp(std::uint32_t pos)
{
    while (pos > 0) {
        const std::uint32_t parent = (pos - 1) / 2;
        if (!lfuBefore(m_heap[pos], m_heap[parent]))
            break;
        heapSwap(pos, parent);
        pos = parent;
    }
}

void CacheStore::heapDown(std::uint32_t pos)
{
    const std::uint32_t n = std::uint32_t(m_heap.size());
    for (;;) {
        const std::uint32_t l = 2 * pos + 1;
        if (l >= n)
            break;
        std::uint32_t best = l;
        if (l + 1 < n && lfuBefore(m_heap[l + 1], m_heap[l]))
            best = l + 1;
        if (!lfuBefore(m_heap[best], m_heap[pos]))
            break;
        heapSwap(pos, best);
        pos = best;
    }
}

} // namespace sds::sim
