#include "core/sim/sampler.h"

#include "core/sim/simulationimpl.h"

namespace sds::sim {

void Simulation::Impl::resetStatistics()
{
    // The totals restart at zero, but the time series must not notice:
    // each "value at the last sample" mark is shifted by the value it is
    // about to lose (unsigned wrap-around keeps the differences exact).
    const auto shift = [](std::uint64_t &mark, std::uint64_t value) {
        mark -= value;
    };
    shift(sampler.completedMark, totals.completed);
    shift(sampler.failedMark, totals.failed);
    shift(sampler.staleMark, totals.staleReads);
    const std::uint64_t events_ = totals.events;
    if (tracer)
        tracer->resetAggregates();
    totals = RunMetrics{};
    totals.events = events_;
    for (NodeState &ns : nodes) {
        shift(ns.hitsMark, ns.counters.hits);
        shift(ns.missesMark, ns.counters.misses);
        NodeMetrics fresh;
        fresh.id = ns.counters.id;
        fresh.servers = ns.counters.servers;
        fresh.isCache = ns.counters.isCache;
        ns.counters = fresh;
    }
    for (Station &st : stations) {
        st.account(now);
        st.busyMark -= st.busyArea;
        st.busyArea = st.queueArea = 0;
    }
    sampler.latencyBatches = BatchMeans(64);
    sampler.throughputBatches = BatchMeans(64);
    sampler.measureStart = now;
}

void Simulation::Impl::takeSample()
{
    Sample s;
    s.time = now;
    const double dt = sampler.interval;
    s.throughput = double(totals.completed - sampler.completedMark) / dt;
    s.errorRate = double(totals.failed - sampler.failedMark) / dt;
    // A coarse sample stands for `weight` samples of the run's interval, so
    // the batch means weigh it as those would have been.
    if (measuring() && now > sampler.measureStart) {
        for (int k = 0; k < sampler.weight; ++k)
            sampler.throughputBatches.add(s.throughput);
    }
    if (sampler.recordPercentiles) {
        static constexpr double kQs[3] = {0.5, 0.95, 0.99};
        double qs[3];
        sampler.intervalLatency.quantiles(kQs, qs, 3);
        s.p50 = qs[0];
        s.p95 = qs[1];
        s.p99 = qs[2];
        sampler.intervalLatency.reset();
    }
    s.staleReads = totals.staleReads - sampler.staleMark;
    std::uint64_t hits = 0, lookups = 0;
    s.utilization.resize(nodes.size());
    s.queue.resize(nodes.size());
    s.up.resize(nodes.size());
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        NodeState &ns = nodes[n];
        double busy = 0;
        int servers = 0;
        int queued = 0;
        for (std::uint32_t k = 0; k < ns.stationCount; ++k) {
            Station &st = stations[ns.firstStation + k];
            st.account(now);
            busy += st.busyArea - st.busyMark;
            st.busyMark = st.busyArea;
            servers += st.servers;
            queued += int(st.queue.size());
        }
        s.utilization[n] = servers > 0 ? float(busy / (servers * dt)) : 0.0f;
        s.queue[n] = float(queued);
        s.up[n] = ns.up ? 1 : 0;
        hits += ns.counters.hits - ns.hitsMark;
        lookups += ns.counters.hits + ns.counters.misses - ns.hitsMark - ns.missesMark;
        ns.hitsMark = ns.counters.hits;
        ns.missesMark = ns.counters.misses;
    }
    s.hitRatio = lookups ? double(hits) / double(lookups) : -1;
    sampler.completedMark = totals.completed;
    sampler.failedMark = totals.failed;
    sampler.staleMark = totals.staleReads;
    sampler.samples.push_back(std::move(s));
    sampler.advance();
    events.push(now + sampler.interval, EventType::Sample, 0);
}

RunMetrics Simulation::metrics() const
{
    RunMetrics out = d->totals;
    out.now = d->now;
    out.measured = d->now - d->sampler.measureStart;
    out.latencyMeanCi = d->sampler.latencyBatches.interval95();
    out.throughputCi = d->sampler.throughputBatches.interval95();
    const double t = out.measured;
    for (std::size_t n = 0; n < d->nodes.size(); ++n) {
        const NodeState &ns = d->nodes[n];
        NodeMetrics nm = ns.counters;
        double busy = 0;
        double queue = 0;
        for (std::uint32_t k = 0; k < ns.stationCount; ++k) {
            const Station &st = d->stations[ns.firstStation + k];
            const double dt = d->now - st.lastT;
            busy += st.busyArea + st.busy * dt;
            queue += st.queueArea + double(st.queue.size()) * dt;
            nm.queueNow += int(st.queue.size());
            nm.busyNow += st.busy;
        }
        nm.utilization = t > 0 && nm.servers > 0 ? busy / (nm.servers * t) : 0;
        nm.meanQueue = t > 0 ? queue / t : 0;
        nm.up = ns.up;
        out.nodes.push_back(std::move(nm));
    }
    return out;
}

} // namespace sds::sim
