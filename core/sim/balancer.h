#pragma once

#include "core/sim/network.h"
#include "core/sim/random.h"

#include <cstdint>
#include <utility>
#include <vector>

/**
 * A load balancer's choice of target. BalancerState holds what the
 * algorithms remember between requests (the round-robin counter, the smooth
 * weighted round-robin credits, the open connections per route and the
 * consistent-hashing ring); choose() picks one route among the candidates
 * the engine found healthy and allowed for the request's operation. The
 * engine counts the connections (active) up when it sends a request to the
 * chosen route and down when the request ends.
 */
namespace sds::sim {

struct BalancerState {
    BalancerState() = default;
    /** State for a balancer with @p routes routes out of it. */
    explicit BalancerState(std::size_t routes);

    std::uint64_t rr = 0;
    std::vector<std::int64_t> active; ///< requests in flight per route
    std::vector<double> wrrCurrent;   ///< smooth weighted round robin's running credit per route
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ring; ///< (point, route), sorted
};

/**
 * The route @p balancer sends a request with key @p key to, among
 * @p candidates (route indices, in route order, not empty). Active-passive
 * balancers take the first candidate; otherwise the algorithm decides:
 * round robin, smooth weighted round robin (by Route::weight), least
 * connections (ties in round-robin order), uniform random (draws from
 * @p rng) or consistent hashing on @p key (the first candidate clockwise on
 * the ring, so a failed target's keys move and no others do).
 */
std::uint32_t choose(BalancerState &state, const NodeModel &balancer,
                     const std::vector<std::uint32_t> &candidates, std::uint64_t key, Rng &rng);

} // namespace sds::sim
