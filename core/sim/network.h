#pragma once

#include "core/diagram/diagramdata.h"
#include "core/sim/random.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <vector>

/**
 * The engine's view of a diagram: nodes turned into numbers and enums, with
 * routes resolved to indices and times converted to seconds, ready for the
 * event loop. compileNetwork() is the only place that reads the catalogue's
 * parameters; everything after it works on these plain structs.
 */
namespace sds::sim {

inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

/** How a node treats a request; several catalogue kinds share one. */
enum class Behaviour : std::uint8_t {
    Source,  ///< client
    Station, ///< queue + servers, then route on (DNS, proxies, web and app servers, workers, object
             ///< store)
    Balancer, ///< station, then a target chosen by the algorithm among healthy ones
    Cache,    ///< station, then hit (answer) or miss (route to the store); cache and CDN
    Database, ///< primary + replicas per shard; SQL and NoSQL stores
    Queue,    ///< answers the client at enqueue, hands the message to workers
    Limiter,  ///< token bucket: forward or reject, no service time
};

enum class Pattern : std::uint8_t { Poisson, Constant, Bursty, Diurnal, Spike };
enum class LbAlgorithm : std::uint8_t {
    RoundRobin,
    Weighted,
    LeastConnections,
    Random,
    ConsistentHash
};
enum class CachePolicy : std::uint8_t { Lru, Lfu };
enum class CacheStrategy : std::uint8_t { CacheAside, WriteThrough, WriteBehind, RefreshAhead };
enum class Op : std::uint8_t { Read, Write };

struct Route {
    std::uint32_t target = kNone; ///< node index
    std::uint32_t edge = kNone;   ///< edge index in the diagram, for animation
    double latency = 0;           ///< seconds, one way
    double weight = 1;
    double probability = -1; ///< < 0 when routing is not probabilistic
    diagram::EdgeRole role = diagram::EdgeRole::Any;
};

/** Whether a request doing @p op may take @p route (its edge's read/write role). */
inline bool routeMatches(const Route &route, Op op)
{
    return route.role == diagram::EdgeRole::Any ||
           (route.role == diagram::EdgeRole::Read) == (op == Op::Read);
}

struct NodeModel {
    QString id;
    diagram::NodeKind kind = diagram::NodeKind::WebServer;
    Behaviour behaviour = Behaviour::Station;
    std::vector<Route> routes;
    bool probabilistic = false; ///< routes carry probabilities; the rest leaves here

    // Station (all but Source and Limiter)
    int servers = 1;
    Distribution service;
    int capacity = 0; ///< in node (queue + service); 0 = unlimited

    // Source
    double rate = 0; ///< mean requests per second, before Network::loadFactor
    Pattern pattern = Pattern::Poisson;
    double readFraction = 1;
    double timeout = kInfinity; ///< seconds
    int retries = 0;
    double backoff = 0.1;
    double burstOn = 1, burstOff = 1;
    double diurnalPeriod = 60, diurnalAmplitude = 0.5;
    double spikeAt = 10, spikeDuration = 5, spikeFactor = 5;

    // Balancer
    LbAlgorithm algorithm = LbAlgorithm::RoundRobin;
    bool activePassive = false;
    double detectDelay = 5;

    // Cache
    std::uint32_t cacheKeys = 0;
    double ttl = kInfinity;
    CachePolicy policy = CachePolicy::Lru;
    CacheStrategy strategy = CacheStrategy::CacheAside;
    double flushInterval = 1;
    double refreshFraction = 0.8;

    // Database
    int replicas = 0;
    int shards = 1;
    double replicationLag = 0.1;
    double failover = 10;

    // Queue
    std::uint64_t queueCapacity = 0;

    // Limiter
    double limitRate = 0;
    double burst = 1;

    // Random failures; mtbf 0 = never
    double mtbf = 0;
    double mttr = 30;
};

struct ScheduledFault {
    std::uint32_t node = kNone;
    double at = 0;
    double duration = 0;
};

struct Network {
    std::vector<NodeModel> nodes;
    std::vector<ScheduledFault> faults;
    std::uint64_t keys = 10000;
    double zipf = 0.99;
    std::uint64_t seed = 1;
    double duration = 60;
    double warmup = 5;
    double sampleInterval = 1;
    /// Every source's rate is multiplied by it (see offeredRate() in arrivals.h): the one knob
    /// for the offered load, read by the engine and the analytic twin alike.
    double loadFactor = 1;

    std::uint32_t nodeIndex(const QString &id) const;
};

struct CompileResult {
    Network network;
    QStringList errors; ///< from the diagram checker; empty when the network can run
    QStringList warnings;
    bool ok() const { return errors.isEmpty(); }
};

/**
 * Sets @p network's load factor so its sources send @p totalRps in all, each
 * in proportion to its own rate. When every source's rate is 0 the
 * proportions are unknown: the sources then get equal shares of the total
 * as their rates, at load factor 1. No sources, nothing changes.
 */
void scaleToTotalRate(Network &network, double totalRps);

/** Checks @p diagram (see diagram::checkDiagram) and turns it into a runnable network. */
CompileResult compileNetwork(const diagram::DiagramData &diagram);

} // namespace sds::sim
