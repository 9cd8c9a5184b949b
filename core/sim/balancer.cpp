#include "core/sim/balancer.h"

#include "core/sim/keymap.h"

#include <algorithm>
#include <limits>

namespace sds::sim {

BalancerState::BalancerState(std::size_t routes)
    : active(routes, 0)
    , wrrCurrent(routes, 0)
{
    // 128 points per target on the ring, so keys spread evenly.
    for (std::uint32_t r = 0; r < routes; ++r) {
        for (std::uint64_t v = 0; v < 128; ++v)
            ring.emplace_back(mixKey((std::uint64_t(r) << 32) ^ (v * 0x9e37u)), r);
    }
    std::sort(ring.begin(), ring.end());
}

std::uint32_t choose(BalancerState &state, const NodeModel &m,
                     const std::vector<std::uint32_t> &candidates, std::uint64_t key, Rng &rng)
{
    std::uint32_t choice = candidates.front();
    if (m.activePassive)
        return choice;
    switch (m.algorithm) {
    case LbAlgorithm::RoundRobin:
        choice = candidates[std::size_t(state.rr++ % candidates.size())];
        break;
    case LbAlgorithm::Random:
        choice = candidates[std::size_t(rng.below(candidates.size()))];
        break;
    case LbAlgorithm::Weighted: {
        // Smooth weighted round robin: deterministic and evenly interleaved.
        double total = 0;
        double best = -kInfinity;
        for (std::uint32_t k : candidates) {
            state.wrrCurrent[k] += m.routes[k].weight;
            total += m.routes[k].weight;
            if (state.wrrCurrent[k] > best) {
                best = state.wrrCurrent[k];
                choice = k;
            }
        }
        state.wrrCurrent[choice] -= total;
        break;
    }
    case LbAlgorithm::LeastConnections: {
        // Ties go round robin, so equal servers share evenly.
        const std::size_t start = std::size_t(state.rr++ % candidates.size());
        std::int64_t best = std::numeric_limits<std::int64_t>::max();
        for (std::size_t j = 0; j < candidates.size(); ++j) {
            const std::uint32_t k = candidates[(start + j) % candidates.size()];
            if (state.active[k] < best) {
                best = state.active[k];
                choice = k;
            }
        }
        break;
    }
    case LbAlgorithm::ConsistentHash: {
        const std::uint64_t h = mixKey(key ^ 0x5bd1e995u);
        auto it = std::lower_bound(state.ring.begin(), state.ring.end(),
                                   std::pair<std::uint64_t, std::uint32_t>(h, 0));
        // Walk clockwise to the first target believed healthy.
        for (std::size_t step = 0; step < state.ring.size(); ++step, ++it) {
            if (it == state.ring.end())
                it = state.ring.begin();
            if (std::find(candidates.begin(), candidates.end(), it->second) != candidates.end()) {
                choice = it->second;
                break;
            }
        }
        break;
    }
    }
    return choice;
}

} // namespace sds::sim
