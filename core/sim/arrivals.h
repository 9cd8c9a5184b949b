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

/** nextArrival() for the patterns whose rate varies in time (bursty, spike, diurnal); rate > 0. */
double nextVaryingArrival(const NodeModel &source, double rate, double now, Rng &rng);

/**
 * The time of the next request from @p source after @p now, at mean rate
 * @p rate (see offeredRate()), following its pattern; kInfinity when the
 * rate is not positive. Draws from @p rng. Inline for the steady patterns,
 * which the engine draws once per request.
 */
inline double nextArrival(const NodeModel &source, double rate, double now, Rng &rng)
{
    if (rate <= 0)
        return kInfinity;
    switch (source.pattern) {
    case Pattern::Poisson:
        return now + rng.exponential(1.0 / rate);
    case Pattern::Constant:
        return now + 1.0 / rate;
    case Pattern::Bursty:
    case Pattern::Spike:
    case Pattern::Diurnal:
        break;
    }
    return nextVaryingArrival(source, rate, now, rng);
}

} // namespace sds::sim
