// A least-recently-used cache for the "Design an LRU cache" exercise. A
// doubly linked list keeps the entries in order of use (most recent at the
// front) and a hash map points from each key to its list node, so a lookup,
// a move to the front and an eviction from the back are all O(1).
#pragma once

#include <cstddef>
#include <list>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sds::ood::lru {

template <typename Key, typename Value> class LruCache
{
public:
    explicit LruCache(std::size_t capacity)
        : m_capacity(capacity)
    {
        // A cache that can hold nothing would evict every entry it is given.
        if (capacity == 0)
            throw std::invalid_argument("LruCache capacity must be at least 1");
    }

    // A hit counts as a use, so it moves the entry to the front.
    std::optional<Value> get(const Key &key)
    {
        const auto found = m_index.find(key);
        if (found == m_index.end())
            return std::nullopt;
        touch(found->second);
        return found->second->second;
    }

    // Stores the value as the most recent entry. Returns the key that had to
    // make room, if any, so a caller can write it back or log it.
    std::optional<Key> put(const Key &key, Value value)
    {
        if (const auto found = m_index.find(key); found != m_index.end()) {
            found->second->second = std::move(value);
            touch(found->second);
            return std::nullopt;
        }
        std::optional<Key> evicted;
        if (m_entries.size() == m_capacity) {
            evicted = std::move(m_entries.back().first);
            m_index.erase(*evicted);
            m_entries.pop_back();
        }
        m_entries.emplace_front(key, std::move(value));
        m_index.emplace(key, m_entries.begin());
        return evicted;
    }

    bool erase(const Key &key)
    {
        const auto found = m_index.find(key);
        if (found == m_index.end())
            return false;
        m_entries.erase(found->second);
        m_index.erase(found);
        return true;
    }

    std::size_t size() const { return m_entries.size(); }
    std::size_t capacity() const { return m_capacity; }

    // Most recently used first; the last key is the next to be evicted.
    std::vector<Key> keysByRecency() const
    {
        std::vector<Key> keys;
        keys.reserve(m_entries.size());
        for (const auto &entry : m_entries)
            keys.push_back(entry.first);
        return keys;
    }

private:
    using Entries = std::list<std::pair<Key, Value>>;

    // splice relinks the node in place: no copy, and every iterator stored
    // in m_index stays valid.
    void touch(typename Entries::iterator it)
    {
        m_entries.splice(m_entries.begin(), m_entries, it);
    }

    std::size_t m_capacity;
    Entries m_entries;
    std::unordered_map<Key, typename Entries::iterator> m_index;
};

} // namespace sds::ood::lru
