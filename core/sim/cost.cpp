#include "core/sim/cost.h"

#include <QLocale>

#include <algorithm>

namespace sds::sim {

namespace {

using diagram::NodeKind;

// Rounded on-demand list prices, US East, USD; FORMAT.md ("Cost") gives the
// instance types and services they come from.
constexpr double kSecondsPerMonth = 730.0 * 3600;
constexpr double kComputeVcpu = 35;       // general-purpose VM, per vCPU-month
constexpr double kDatabaseVcpu = 62.5;    // managed relational database, per vCPU-month
constexpr double kNosqlVcpu = 35;         // a self-run NoSQL node on a VM, per vCPU-month
constexpr double kLoadBalancer = 22;      // one managed load balancer with light traffic
constexpr double kCacheGib = 12.2;        // managed in-memory cache, per GiB-month
constexpr double kCacheMinimum = 12;      // the smallest cache node
constexpr double kCacheEntryBytes = 1024; // assumed size of a cached entry
constexpr double kDnsZone = 0.5;
constexpr double kDnsPerMillion = 0.4;
constexpr double kCdnPerMillion = 9.5; // requests ($1/M) and 100 KB each at $0.085/GB
constexpr double kLimiterRules = 6;    // a web ACL with one rate rule
constexpr double kLimiterPerMillion = 0.6;
constexpr double kObjectPerMillion = 0.4;
constexpr double kQueuePerMillion = 1.2; // send, receive and delete per message

} // namespace

QString formatDollars(double usd)
{
    // Dollar prices read in English digits whatever the desktop's locale.
    return QStringLiteral("$") + QLocale(QLocale::English).toString(usd, 'f', usd < 10 ? 2 : 0);
}

CostEstimate monthlyCost(const Network &network, const RunMetrics *run)
{
    CostEstimate out;
    out.trafficKnown = run && run->measured > 0;
    for (std::size_t i = 0; i < network.nodes.size(); ++i) {
        const NodeModel &n = network.nodes[i];
        const double rps = out.trafficKnown && i < run->nodes.size()
                               ? double(run->nodes[i].arrivals) / run->measured
                               : 0.0;
        const double millions = rps * kSecondsPerMonth / 1e6;
        const auto perRequest = [&](double fixed, double perMillion) {
            return CostItem{n.id, fixed + millions * perMillion,
                            out.trafficKnown ? QStringLiteral("%1 M requests × %2/M")
                                                   .arg(millions, 0, 'f', millions < 10 ? 2 : 0)
                                                   .arg(formatDollars(perMillion))
                                             : QStringLiteral("requests not known before a run")};
        };
        CostItem item{n.id, 0, {}};
        switch (n.kind) {
        case NodeKind::Client:
            continue;
        case NodeKind::ReverseProxy:
        case NodeKind::WebServer:
        case NodeKind::AppService:
        case NodeKind::WorkerPool:
            item.perMonth = n.servers * kComputeVcpu;
            item.basis =
                QStringLiteral("%1 vCPU × %2").arg(n.servers).arg(formatDollars(kComputeVcpu));
            break;
        case NodeKind::LoadBalancer:
            item.perMonth = kLoadBalancer;
            item.basis = QStringLiteral("one load balancer");
            break;
        case NodeKind::SqlDatabase:
        case NodeKind::NoSqlStore: {
            const int instances = n.shards * (1 + n.replicas);
            const double vcpu = n.kind == NodeKind::SqlDatabase ? kDatabaseVcpu : kNosqlVcpu;
            item.perMonth = double(instances) * n.servers * vcpu;
            item.basis = QStringLiteral("%1 instance(s) × %2 vCPU × %3")
                             .arg(instances)
                             .arg(n.servers)
                             .arg(formatDollars(vcpu));
            break;
        }
        case NodeKind::Cache: {
            const double gib = double(n.cacheKeys) * kCacheEntryBytes / (1024.0 * 1024 * 1024);
            item.perMonth = std::max(kCacheMinimum, gib * kCacheGib);
            item.basis = QStringLiteral("%1 GiB of memory").arg(gib, 0, 'f', gib < 10 ? 2 : 0);
            break;
        }
        case NodeKind::Dns:
            item = perRequest(kDnsZone, kDnsPerMillion);
            break;
        case NodeKind::Cdn:
            item = perRequest(0, kCdnPerMillion);
            break;
        case NodeKind::RateLimiter:
            item = perRequest(kLimiterRules, kLimiterPerMillion);
            break;
        case NodeKind::ObjectStore:
            item = perRequest(0, kObjectPerMillion);
            break;
        case NodeKind::MessageQueue:
            item = perRequest(0, kQueuePerMillion);
            break;
        }
        out.total += item.perMonth;
        out.items.push_back(std::move(item));
    }
    return out;
}

} // namespace sds::sim
