#include "core/sim/network.h"

#include "core/diagram/validation.h"

namespace sds::sim {

using diagram::NodeKind;

namespace {

Behaviour behaviourOf(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Client:
        return Behaviour::Source;
    case NodeKind::LoadBalancer:
        return Behaviour::Balancer;
    case NodeKind::Cache:
    case NodeKind::Cdn:
        return Behaviour::Cache;
    case NodeKind::SqlDatabase:
    case NodeKind::NoSqlStore:
        return Behaviour::Database;
    case NodeKind::MessageQueue:
        return Behaviour::Queue;
    case NodeKind::RateLimiter:
        return Behaviour::Limiter;
    case NodeKind::Dns:
    case NodeKind::ReverseProxy:
    case NodeKind::WebServer:
    case NodeKind::AppService:
    case NodeKind::ObjectStore:
    case NodeKind::WorkerPool:
        return Behaviour::Station;
    }
    return Behaviour::Station;
}

template <typename E>
E pick(const diagram::Node &n, const char *key,
       std::initializer_list<std::pair<const char *, E>> map)
{
    const QString value = n.text(QString::fromLatin1(key));
    for (const auto &[name, e] : map) {
        if (value == QLatin1String(name))
            return e;
    }
    return map.begin()->second;
}

double seconds(double ms)
{
    return ms / 1000.0;
}

// 0 in the file means "none" for timeouts and lifetimes.
double orInfinity(double s)
{
    return s > 0 ? s : kInfinity;
}

} // namespace

void scaleToTotalRate(Network &network, double totalRps)
{
    double total = 0;
    int sources = 0;
    for (const NodeModel &n : network.nodes) {
        if (n.behaviour == Behaviour::Source) {
            total += n.rate;
            ++sources;
        }
    }
    if (sources == 0)
        return;
    if (total > 0) {
        network.loadFactor = totalRps / total;
        return;
    }
    for (NodeModel &n : network.nodes) {
        if (n.behaviour == Behaviour::Source)
            n.rate = totalRps / sources;
    }
    network.loadFactor = 1;
}

std::uint32_t Network::nodeIndex(const QString &id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id)
            return std::uint32_t(i);
    }
    return kNone;
}

CompileResult compileNetwork(const diagram::DiagramData &d)
{
    CompileResult result;
    for (const diagram::Problem &p : diagram::checkDiagram(d))
        (p.isError() ? result.errors : result.warnings) << p.message;
    if (!result.ok())
        return result;

    Network &net = result.network;
    net.keys = std::uint64_t(d.workload.keys);
    net.zipf = d.workload.zipf;
    net.seed = d.run.seed;
    net.duration = d.run.durationS;
    net.warmup = d.run.warmupS;
    net.sampleInterval = d.run.sampleIntervalS;

    for (const diagram::Node &n : d.nodes) {
        NodeModel m;
        m.id = n.id;
        m.kind = n.kind;
        m.behaviour = behaviourOf(n.kind);
        const auto real = [&](const char *key) {
            return n.real(QString::fromLatin1(key));
        };
        const auto integer = [&](const char *key) {
            return n.integer(QString::fromLatin1(key));
        };

        if (kindSpec(n.kind).param(u"servers")) {
            m.servers = integer("servers");
            m.service.mean = seconds(real("service_ms"));
            m.service.cv = real("service_cv");
            m.service.kind = pick<DistKind>(n, "service_dist",
                                            {{"exponential", DistKind::Exponential},
                                             {"deterministic", DistKind::Deterministic},
                                             {"uniform", DistKind::Uniform},
                                             {"lognormal", DistKind::Lognormal}});
        }
        if (kindSpec(n.kind).param(u"capacity"))
            m.capacity = integer("capacity");
        if (kindSpec(n.kind).param(u"mtbf_s")) {
            m.mtbf = real("mtbf_s");
            m.mttr = real("mttr_s");
        }

        switch (m.behaviour) {
        case Behaviour::Source:
            m.rate = real("rate_rps");
            m.pattern = pick<Pattern>(n, "pattern",
                                      {{"poisson", Pattern::Poisson},
                                       {"constant", Pattern::Constant},
                                       {"bursty", Pattern::Bursty},
                                       {"diurnal", Pattern::Diurnal},
                                       {"spike", Pattern::Spike}});
            m.readFraction = real("read_fraction");
            m.timeout = orInfinity(seconds(real("timeout_ms")));
            m.retries = integer("retries");
            m.backoff = seconds(real("backoff_ms"));
            m.burstOn = real("burst_on_s");
            m.burstOff = real("burst_off_s");
            m.diurnalPeriod = real("diurnal_period_s");
            m.diurnalAmplitude = real("diurnal_amplitude");
            m.spikeAt = real("spike_at_s");
            m.spikeDuration = real("spike_duration_s");
            m.spikeFactor = real("spike_factor");
            break;
        case Behaviour::Balancer:
            m.algorithm = pick<LbAlgorithm>(n, "algorithm",
                                            {{"round_robin", LbAlgorithm::RoundRobin},
                                             {"weighted", LbAlgorithm::Weighted},
                                             {"least_connections", LbAlgorithm::LeastConnections},
                                             {"random", LbAlgorithm::Random},
                                             {"consistent_hash", LbAlgorithm::ConsistentHash}});
            m.activePassive = n.text(u"mode") == u"active_passive";
            m.detectDelay = real("health_check_s");
            break;
        case Behaviour::Cache:
            m.cacheKeys = std::uint32_t(integer("cache_keys"));
            m.ttl = orInfinity(real("ttl_s"));
            m.policy = n.text(u"policy") == u"lfu" ? CachePolicy::Lfu : CachePolicy::Lru;
            if (n.kind == NodeKind::Cache) {
                m.strategy = pick<CacheStrategy>(n, "strategy",
                                                 {{"cache_aside", CacheStrategy::CacheAside},
                                                  {"write_through", CacheStrategy::WriteThrough},
                                                  {"write_behind", CacheStrategy::WriteBehind},
                                                  {"refresh_ahead", CacheStrategy::RefreshAhead}});
                m.flushInterval = real("flush_interval_s");
                m.refreshFraction = real("refresh_fraction");
            }
            break;
        case Behaviour::Database:
            m.replicas = integer("replicas");
            m.shards = integer("shards");
            m.replicationLag = seconds(real("replication_lag_ms"));
            if (n.kind == NodeKind::SqlDatabase)
                m.failover = real("failover_s");
            else
                m.failover = 0; // partitions elect a new leader among their copies at once
            break;
        case Behaviour::Queue:
            m.queueCapacity = std::uint64_t(integer("queue_capacity"));
            break;
        case Behaviour::Limiter:
            m.limitRate = real("limit_rps");
            m.burst = integer("burst");
            break;
        case Behaviour::Station:
            break;
        }
        net.nodes.push_back(std::move(m));
    }

    for (int i = 0; i < d.edges.size(); ++i) {
        const diagram::Edge &e = d.edges[i];
        Route r;
        r.target = net.nodeIndex(e.to);
        r.edge = std::uint32_t(i);
        r.latency = seconds(e.latencyMs);
        r.weight = e.weight;
        r.probability = e.probability.value_or(-1);
        r.role = e.role;
        NodeModel &from = net.nodes[net.nodeIndex(e.from)];
        from.probabilistic = from.probabilistic || e.probability.has_value();
        from.routes.push_back(r);
    }

    for (const diagram::Fault &f : d.faults)
        net.faults.push_back({net.nodeIndex(f.node), f.atS, f.durationS});
    return result;
}

} // namespace sds::sim
