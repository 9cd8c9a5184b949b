#pragma once

#include "core/sim/network.h"
#include "core/sim/random.h"

/**
 * The workload's arrival process: when a source sends its next request.
 * offeredRate() is the one place the run's load factor scales a source's
 * rate; the engine and the analytic twin both read a source's rate through
 * it, so a caller never multiplies rates itself. nextArrival() is a pure
 * function of the pattern, the rate, the time and the generator.
 */
namespace sds::sim {

/** The mean rate @p source sends at under @p loadFactor (requests per second). */
inline double offeredRate(const NodeModel &source, double loadFactor)
{
    return source.rate * loadFactor;
}

/**
 * The time of the next request from @p source after @p now, at mean rate
 * @p rate (see offeredRate()), following its pattern; kInfinity when the
 * rate is not positive. Draws from @p rng.
 */
double nextArrival(const NodeModel &source, double rate, double now, Rng &rng);

} // namespace sds::sim
