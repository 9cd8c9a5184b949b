#include "core/sim/arrivals.h"

#include <cmath>

namespace sds::sim {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

double nextVaryingArrival(const NodeModel &m, double rate, double now, Rng &rng)
{
    switch (m.pattern) {
    case Pattern::Poisson:
    case Pattern::Constant:
        return nextArrival(m, rate, now, rng);
    case Pattern::Bursty: {
        // Poisson within bursts, nothing in pauses; the mean over a cycle is the rate.
        const double cycle = m.burstOn + m.burstOff;
        const double onRate = rate * cycle / m.burstOn;
        double t = now;
        for (;;) {
            const double start = std::floor(t / cycle) * cycle;
            if (t - start >= m.burstOn) {
                t = start + cycle;
                continue;
            }
            const double candidate = t + rng.exponential(1.0 / onRate);
            if (candidate < start + m.burstOn)
                return candidate;
            t = start + cycle; // memoryless: start again at the next burst
        }
    }
    case Pattern::Spike: {
        double t = now;
        for (;;) {
            const bool inSpike = t >= m.spikeAt && t < m.spikeAt + m.spikeDuration;
            const double r = inSpike ? rate * m.spikeFactor : rate;
            const double boundary = t < m.spikeAt ? m.spikeAt
                                    : inSpike     ? m.spikeAt + m.spikeDuration
                                                  : kInfinity;
            const double candidate = t + rng.exponential(1.0 / r);
            if (candidate < boundary)
                return candidate;
            t = boundary;
        }
    }
    case Pattern::Diurnal: {
        // Thinning (Lewis and Shedler) against the wave's peak rate.
        const double peak = rate * (1 + m.diurnalAmplitude);
        double t = now;
        for (;;) {
            t += rng.exponential(1.0 / peak);
            const double lambda =
                rate * (1 + m.diurnalAmplitude * std::sin(2 * kPi * t / m.diurnalPeriod));
            if (rng.uniform() * peak <= lambda)
                return t;
        }
    }
    }
    return kInfinity;
}

} // namespace sds::sim
