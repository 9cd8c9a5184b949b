#pragma once

#include <cstdint>
#include <vector>

/**
 * A hash map from 64-bit keys to 32-bit values with open addressing (linear
 * probing, backward-shift deletion): lookups, inserts and erases allocate
 * nothing once the table has grown to the working set, which the engine's
 * caches and databases need to stay allocation-free per event.
 */
namespace sds::sim {

class KeyMap
{
public:
    static constexpr std::uint32_t kAbsent = 0xffffffffu;

    explicit KeyMap(std::size_t expected = 16) { rehash(expected); }

    std::size_t size() const { return m_size; }

    std::uint32_t find(std::uint64_t key) const
    {
        for (std::size_t i = slotOf(key);; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.value == kAbsent)
                return kAbsent;
            if (s.key == key)
                return s.value;
        }
    }

    /** Inserts or overwrites. @p value must not be kAbsent. */
    void insert(std::uint64_t key, std::uint32_t value)
    {
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            rehash(m_slots.size());
        for (std::size_t i = slotOf(key);; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (s.value == kAbsent) {
                s = {key, value};
                ++m_size;
                return;
            }
            if (s.key == key) {
                s.value = value;
                return;
            }
        }
    }

    bool erase(std::uint64_t key)
    {
        std::size_t i = slotOf(key);
        for (;; i = (i + 1) & m_mask) {
            if (m_slots[i].value == kAbsent)
                return false;
            if (m_slots[i].key == key)
                break;
        }
        // Shift later members of the probe run back so no tombstones are needed.
        for (std::size_t j = (i + 1) & m_mask;; j = (j + 1) & m_mask) {
            if (m_slots[j].value == kAbsent)
                break;
            const std::size_t home = slotOf(m_slots[j].key);
            // Move j into the hole at i unless its home lies cyclically in (i, j].
            const bool between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!between) {
                m_slots[i] = m_slots[j];
                i = j;
            }
        }
        m_slots[i].value = kAbsent;
        --m_size;
        return true;
    }

    void clear()
    {
        for (Slot &s : m_slots)
            s.value = kAbsent;
        m_size = 0;
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t value = kAbsent;
    };

    std::size_t slotOf(std::uint64_t key) const
    {
        // splitmix64's finaliser: ranks 0, 1, 2... spread over the table.
        key ^= key >> 30;
        key *= 0xbf58476d1ce4e5b9ull;
        key ^= key >> 27;
        key *= 0x94d049bb133111ebull;
        key ^= key >> 31;
        return std::size_t(key) & m_mask;
    }

    void rehash(std::size_t expected)
    {
        std::size_t n = 16;
        while (n < expected * 2)
            n *= 2;
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(n, Slot{});
        m_mask = n - 1;
        m_size = 0;
        for (const Slot &s : old) {
            if (s.value != kAbsent)
                insert(s.key, s.value);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

/** A 64-bit mix of a key, for shards and hash rings (independent of KeyMap's slots). */
inline std::uint64_t mixKey(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

} // namespace sds::sim
