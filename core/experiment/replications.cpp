#include "core/experiment/replications.h"

#include "core/sim/simulation.h"

namespace sds::experiment {

QString checkPlan(const ReplicationPlan &plan)
{
    if (plan.seeds < 1 || plan.seeds > 1000)
        return QStringLiteral("the number of seeds must be from 1 to 1000, not %1").arg(plan.seeds);
    if (plan.length.durationS < 0)
        return QStringLiteral("the run length cannot be negative");
    if (plan.threads < 0)
        return QStringLiteral("the number of threads cannot be negative");
    return {};
}

double totalRate(const sim::Network &network)
{
    double total = 0;
    for (const sim::NodeModel &n : network.nodes)
        if (n.behaviour == sim::Behaviour::Source)
            total += n.rate;
    return total * network.loadFactor;
}

RunResult runOnce(sim::Network network, std::uint64_t seed, const RunLength &length,
                  const Progress *progress)
{
    network.seed = seed;
    // Experiments report totals only: no time series to keep.
    network.sampleInterval = 1e12;
    const bool byCount = length.requests > 0 && totalRate(network) > 0;
    if (byCount)
        network.duration = 1e12;
    else if (length.durationS > 0)
        network.duration = length.durationS;

    sim::Simulation simulation(std::move(network));
    simulation.setSamplePercentiles(false);
    if (byCount)
        simulation.setStopAfterRequests(length.requests);
    RunResult result;
    // Slices keep cancellation prompt without a check per event.
    constexpr std::uint64_t kSlice = 65536;
    for (;;) {
        if (progress && progress->cancelled()) {
            result.cancelled = true;
            break;
        }
        if (simulation.runEvents(kSlice) < kSlice)
            break; // the run ended (or nothing is left to happen)
    }
    result.values = metricValues(simulation.metrics(), simulation.network());
    result.overloaded = simulation.overloaded();
    return result;
}

std::vector<RunResult> runReplications(const sim::Network &network, const ReplicationPlan &plan,
                                       Progress *progress)
{
    const std::size_t k = std::size_t(std::max(plan.seeds, 0));
    std::vector<RunResult> results(k);
    for (RunResult &r : results)
        r.cancelled = true; // until run
    if (progress)
        progress->total += int(k);
    parallelFor(k, plan.threads, progress, [&](std::size_t i) {
        results[i] = runOnce(network, plan.baseSeed + i, plan.length, progress);
        if (progress && !results[i].cancelled)
            ++progress->done;
    });
    return results;
}

Summary summarize(const std::vector<RunResult> &runs)
{
    Summary s;
    for (Metric m : allMetrics()) {
        std::vector<double> values;
        values.reserve(runs.size());
        for (const RunResult &r : runs)
            if (!r.cancelled)
                values.push_back(at(r.values, m));
        s.metrics[std::size_t(m)] = estimate(values);
    }
    for (const RunResult &r : runs) {
        if (r.cancelled)
            continue;
        ++s.runs;
        s.overloadedRuns += r.overloaded ? 1 : 0;
    }
    return s;
}

} // namespace sds::experiment
