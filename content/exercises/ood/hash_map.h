// A hash map with separate chaining, written for the "Design a hash map"
// exercise. Each bucket is a small vector of entries; when the map holds more
// than three entries for every four buckets it doubles its bucket array, so
// chains stay short and lookups stay O(1) on average.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace sds::ood::hashmap {

template <typename Key, typename Value, typename Hash = std::hash<Key>> class HashMap
{
public:
    explicit HashMap(std::size_t buckets = 8, Hash hash = Hash{})
        : m_buckets(buckets)
        , m_hash(std::move(hash))
    {
        // A table with no buckets has nowhere to put the first key.
        if (buckets == 0)
            throw std::invalid_argument("HashMap needs at least one bucket");
    }

    // Inserts or overwrites; returns true when the key was new.
    bool set(const Key &key, Value value)
    {
        if (Entry *e = findEntry(key)) {
            e->value = std::move(value);
            return false;
        }
        // Grow before inserting, so the new entry is hashed only once.
        if ((m_size + 1) * 4 > m_buckets.size() * 3)
            rehash(m_buckets.size() * 2);
        bucketFor(key).push_back(Entry{key, std::move(value)});
        ++m_size;
        return true;
    }

    // A copy of the value, or nothing: a missing key is an ordinary answer
    // for a map, not an error.
    std::optional<Value> get(const Key &key) const
    {
        const auto &bucket = m_buckets[indexOf(key)];
        for (const Entry &e : bucket) {
            if (e.key == key)
                return e.value;
        }
        return std::nullopt;
    }

    bool contains(const Key &key) const { return get(key).has_value(); }

    // Returns false when there was nothing to remove.
    bool remove(const Key &key)
    {
        auto &bucket = bucketFor(key);
        for (auto it = bucket.begin(); it != bucket.end(); ++it) {
            if (it->key == key) {
                // Order inside a bucket does not matter, so swap-and-pop
                // avoids shifting the rest of the chain.
                std::swap(*it, bucket.back());
                bucket.pop_back();
                --m_size;
                return true;
            }
        }
        return false;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::size_t bucketCount() const { return m_buckets.size(); }
    // How many entries share the key's bucket, to make collisions visible.
    std::size_t chainLength(const Key &key) const { return m_buckets[indexOf(key)].size(); }

private:
    struct Entry {
        Key key;
        Value value;
    };

    std::size_t indexOf(const Key &key) const { return m_hash(key) % m_buckets.size(); }
    std::vector<Entry> &bucketFor(const Key &key) { return m_buckets[indexOf(key)]; }

    Entry *findEntry(const Key &key)
    {
        for (Entry &e : bucketFor(key)) {
            if (e.key == key)
                return &e;
        }
        return nullptr;
    }

    // Every entry moves, because its bucket index depends on the table size.
    void rehash(std::size_t newCount)
    {
        std::vector<std::vector<Entry>> old(newCount);
        old.swap(m_buckets);
        for (auto &bucket : old) {
            for (Entry &e : bucket)
                bucketFor(e.key).push_back(std::move(e));
        }
    }

    std::vector<std::vector<Entry>> m_buckets;
    Hash m_hash;
    std::size_t m_size = 0;
};

} // namespace sds::ood::hashmap
