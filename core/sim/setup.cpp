#include "core/sim/arrivals.h"
#include "core/sim/simulationimpl.h"

// Simulation::Impl's set-up: the stations and per-node state for a compiled
// network, and the first events of the run.
namespace sds::sim {

namespace {

std::uint64_t nameHash(const QString &id)
{
    const QByteArray utf8 = id.toUtf8();
    return fnv1a64(utf8.constData(), std::size_t(utf8.size()));
}

} // namespace

Simulation::Impl::Impl(Network n)
    : net(std::move(n))
    , rng(streamSeed(net.seed, fnv1a64("", 0), std::uint64_t(StreamPurpose::Other)))
    , zipf(net.keys, net.zipf)
{}

std::uint32_t Simulation::Impl::addStation(std::uint32_t node, const NodeModel &model)
{
    Station s;
    s.node = node;
    s.servers = model.servers;
    s.capacity = model.capacity;
    s.dist = model.service;
    const std::uint64_t copy = stations.size() - nodes[node].firstStation;
    s.rng = Rng(streamSeed(net.seed, nameHash(model.id),
                           std::uint64_t(StreamPurpose::Service) | (copy << 8)));
    stations.push_back(std::move(s));
    return std::uint32_t(stations.size() - 1);
}

void Simulation::Impl::build()
{
    nodes.resize(net.nodes.size());
    for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
        const NodeModel &model = net.nodes[n];
        NodeState &ns = nodes[n];
        ns.counters.id = model.id;
        ns.firstStation = std::uint32_t(stations.size());
        switch (model.behaviour) {
        case Behaviour::Source: {
            const std::uint64_t h = nameHash(model.id);
            ns.arrivals = Rng(streamSeed(net.seed, h, std::uint64_t(StreamPurpose::Arrivals)));
            ns.keys = Rng(streamSeed(net.seed, h, std::uint64_t(StreamPurpose::Keys)));
            ns.ops = Rng(streamSeed(net.seed, h, std::uint64_t(StreamPurpose::Ops)));
            break;
        }
        case Behaviour::Limiter:
            ns.tokens = model.burst;
            break;
        case Behaviour::Database:
            ns.database.init(model.shards, net.keys);
            for (int s = 0; s < model.shards; ++s) {
                ns.database.primary[std::size_t(s)] = addStation(n, model);
                for (int r = 0; r < model.replicas; ++r)
                    ns.database.replicas[std::size_t(s)].push_back(addStation(n, model));
            }
            break;
        case Behaviour::Cache:
            ns.cache =
                std::make_unique<CacheStore>(model.cacheKeys, model.policy == CachePolicy::Lfu);
            addStation(n, model);
            break;
        case Behaviour::Balancer:
            addStation(n, model);
            ns.balancer = BalancerState(model.routes.size());
            break;
        case Behaviour::Station:
        case Behaviour::Queue:
            addStation(n, model);
            break;
        }
        ns.stationCount = std::uint32_t(stations.size()) - ns.firstStation;
        int servers = 0;
        for (std::uint32_t s = 0; s < ns.stationCount; ++s)
            servers += stations[ns.firstStation + s].servers;
        ns.counters.servers = servers;
        ns.counters.isCache = model.behaviour == Behaviour::Cache;
    }

    for (const NodeModel &model : net.nodes) {
        const bool keyed = model.behaviour == Behaviour::Cache ||
                           model.behaviour == Behaviour::Database ||
                           (model.behaviour == Behaviour::Balancer &&
                            model.algorithm == LbAlgorithm::ConsistentHash);
        needsKeys = needsKeys || keyed;
        needsOps = needsOps || keyed;
        for (const Route &route : model.routes)
            needsOps = needsOps || route.role != diagram::EdgeRole::Any;
    }

    plain = net.faults.empty();
    for (const NodeModel &model : net.nodes) {
        const bool plainNode =
            (model.behaviour == Behaviour::Source && !(model.timeout < kInfinity)) ||
            (model.behaviour == Behaviour::Station && model.capacity <= 0);
        plain = plain && plainNode && !(model.mtbf > 0);
    }

    events.reserve(1024);
    for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
        const NodeModel &model = net.nodes[n];
        if (model.behaviour == Behaviour::Source && offeredRate(model, net.loadFactor) > 0)
            scheduleNextSend(n);
        if (model.behaviour == Behaviour::Cache && model.strategy == CacheStrategy::WriteBehind)
            events.push(model.flushInterval, EventType::Flush, n);
        if (model.mtbf > 0)
            events.push(rng.exponential(model.mtbf), EventType::NodeDown, n, 1);
    }
    for (const ScheduledFault &f : net.faults) {
        events.push(f.at, EventType::NodeDown, f.node, 0);
        events.push(f.at + f.duration, EventType::NodeUp, f.node, 0);
    }
    if (net.warmup > 0)
        events.push(net.warmup, EventType::WarmupEnd, 0);
    sampler.interval = net.sampleInterval;
    events.push(net.sampleInterval, EventType::Sample, 0);
    events.push(net.duration, EventType::End, 0);
}

} // namespace sds::sim
