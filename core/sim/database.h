#pragma once

#include "core/sim/keymap.h"
#include "core/sim/network.h"

#include <cstdint>
#include <memory>
#include <vector>

/**
 * A database node's copies and what replication lag makes them see. Each
 * shard has a primary and its replicas, each one a station of the engine;
 * a key belongs to one shard (shardOf()). Writes go to the primary; SQL
 * reads go round robin over the replicas (NoSQL reads over every copy) and
 * fall back to the primary; when a primary fails, failover() promotes a
 * replica. KeyClock records when each key's latest write becomes visible on
 * the replicas, which is how the engine counts stale reads. The callers pass
 * whether a station is up, so these pieces hold no reference to the engine.
 */
namespace sds::sim {

/** When each key's latest committed write becomes visible on the replicas. */
class KeyClock
{
public:
    explicit KeyClock(std::uint64_t keys);

    double get(std::uint64_t key) const
    {
        if (!m_dense.empty())
            return m_dense[key];
        const std::uint32_t i = m_sparseIndex.find(key);
        return i == KeyMap::kAbsent ? -kInfinity : m_sparse[i];
    }
    void set(std::uint64_t key, double t)
    {
        if (!m_dense.empty()) {
            m_dense[key] = t;
            return;
        }
        const std::uint32_t i = m_sparseIndex.find(key);
        if (i != KeyMap::kAbsent) {
            m_sparse[i] = t;
        } else {
            m_sparseIndex.insert(key, std::uint32_t(m_sparse.size()));
            m_sparse.push_back(t);
        }
    }

private:
    // Up to 4 M keys a flat array (32 MiB at most); beyond, only the keys written.
    static constexpr std::uint64_t kDenseLimit = 1u << 22;
    std::vector<double> m_dense;
    KeyMap m_sparseIndex;
    std::vector<double> m_sparse;
};

/** The shard of @p shards that holds @p key. */
inline std::size_t shardOf(std::uint64_t key, int shards)
{
    return std::size_t(mixKey(key) % std::uint64_t(shards));
}

struct DatabaseState {
    /** Sizes the tables for @p shards shards over @p keys keys; the caller adds the stations. */
    void init(int shards, std::uint64_t keys);

    /**
     * The station that serves @p op on @p shard of @p db, or kNone when no
     * copy that may serve it is up (@p up(station) tells).
     */
    template <typename Up>
    std::uint32_t chooseCopy(const NodeModel &db, std::size_t shard, Op op, Up up)
    {
        const std::uint32_t p = primary[shard];
        if (op == Op::Write)
            return up(p) ? p : kNone;
        // SQL reads go to the replicas when there are any; NoSQL reads to any copy.
        const auto &reps = replicas[shard];
        const bool anyCopy = db.kind == diagram::NodeKind::NoSqlStore;
        const std::size_t copies = reps.size() + (anyCopy ? 1 : 0);
        std::uint32_t target = kNone;
        for (std::size_t tries = 0; tries < copies && target == kNone; ++tries) {
            const std::size_t k = std::size_t(rr[shard]++ % copies);
            const std::uint32_t s = k < reps.size() ? reps[k] : p;
            if (up(s))
                target = s;
        }
        if (target == kNone && up(p))
            target = p;
        return target;
    }

    /**
     * Promotes the first replica of @p shard that is up to primary, the old
     * primary rejoining as a replica; nothing when the primary is up again
     * (it came back before the promotion) or no replica is up.
     */
    template <typename Up> void failover(std::uint32_t shard, Up up)
    {
        if (up(primary[shard]))
            return;
        auto &reps = replicas[shard];
        for (std::size_t k = 0; k < reps.size(); ++k) {
            if (up(reps[k])) {
                const std::uint32_t promoted = reps[k];
                reps[k] = primary[shard];
                primary[shard] = promoted;
                return;
            }
        }
    }

    std::vector<std::uint32_t> primary;               ///< station per shard
    std::vector<std::vector<std::uint32_t>> replicas; ///< stations per shard
    std::vector<std::uint64_t> rr;                    ///< read round robin per shard
    std::unique_ptr<KeyClock> applied;
};

} // namespace sds::sim
