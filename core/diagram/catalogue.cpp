#include "core/diagram/catalogue.h"

#include <cmath>

namespace sds::diagram {

namespace {

ParamSpec real(const char *key, const char *label, const char *unit, double min, double max,
               double def, const char *help)
{
    return {QString::fromUtf8(key),
            QString::fromUtf8(label),
            ParamType::Real,
            QString::fromUtf8(unit),
            min,
            max,
            def,
            {},
            QString::fromUtf8(help)};
}

ParamSpec integer(const char *key, const char *label, const char *unit, int min, int max, int def,
                  const char *help)
{
    return {QString::fromUtf8(key),
            QString::fromUtf8(label),
            ParamType::Int,
            QString::fromUtf8(unit),
            double(min),
            double(max),
            def,
            {},
            QString::fromUtf8(help)};
}

ParamSpec choice(const char *key, const char *label, QStringList choices, const char *help)
{
    const QString def = choices.constFirst();
    return {QString::fromUtf8(key), QString::fromUtf8(label), ParamType::Enum, {}, 0, 0, def,
            std::move(choices),     QString::fromUtf8(help)};
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

// A queueing station: c servers sharing one FIFO queue.
QList<ParamSpec> station(int servers, double serviceMs, const char *dist = "exponential",
                         double cv = 1.0)
{
    QStringList dists = list({"exponential", "deterministic", "uniform", "lognormal"});
    dists.move(dists.indexOf(QString::fromUtf8(dist)), 0); // the default comes first
    return {
        integer("servers", "Servers", "", 1, 100000, servers,
                "Requests served at the same time (threads, workers or connections)."),
        real("service_ms", "Service time", "ms", 0, 3.6e6, serviceMs,
             "Mean time one server spends on one request."),
        choice("service_dist", "Service distribution", dists,
               "Shape of the service time around its mean."),
        real("service_cv", "Service variability", "", 0, 10, cv,
             "Coefficient of variation (std. dev. / mean) for uniform and lognormal times."),
        integer("capacity", "Capacity", "requests", 0, 10000000, 0,
                "Most requests held at once, queued plus in service; beyond it new ones are "
                "rejected. 0 means unlimited."),
    };
}

// What the cache and the CDN share: a store of keys with eviction and expiry.
// @p thing names what is stored ("key", "object") in the help texts.
QList<ParamSpec> keyStore(double ttl, const char *thing, const char *sizeHelp)
{
    const QString t = QString::fromUtf8(thing);
    return {
        integer("cache_keys", "Cache size", "keys", 1, 100000000, 10000, sizeHelp),
        real(
            "ttl_s", "Time to live", "s", 0, 1e7, ttl,
            qPrintable(QStringLiteral("An %1 expires this long after it was stored. 0 means never.")
                           .arg(t == u"key" ? QStringLiteral("entry") : t))),
        choice("policy", "Eviction", list({"lru", "lfu"}),
               qPrintable(QStringLiteral("Which %1 to drop when full: least recently or least "
                                         "frequently used.")
                              .arg(t))),
    };
}

QList<ParamSpec> failures()
{
    return {
        real("mtbf_s", "Mean time between failures", "s", 0, 1e9, 0,
             "Random failures: mean up time before a crash. 0 means the node never fails "
             "on its own."),
        real("mttr_s", "Mean time to repair", "s", 0.001, 1e9, 30,
             "Random failures: mean down time before the node is back."),
    };
}

QList<ParamSpec> concat(std::initializer_list<QList<ParamSpec>> parts)
{
    QList<ParamSpec> out;
    for (const auto &p : parts)
        out << p;
    return out;
}

QList<KindSpec> build()
{
    QList<KindSpec> kinds;
    const auto add = [&](NodeKind kind, const char *key, const char *name, const char *group,
                         const char *help, QList<ParamSpec> params, QList<Preset> presets = {}) {
        kinds.append({kind, QString::fromUtf8(key), QString::fromUtf8(name),
                      QString::fromUtf8(group), QString::fromUtf8(help), std::move(params),
                      std::move(presets)});
    };

    add(NodeKind::Client, "client", "Client", "Clients",
        "Users sending requests: the workload source of the design.",
        {
            real("rate_rps", "Request rate", "rps", 0, 1e7, 100,
                 "Mean requests per second; the pattern shapes it in time (a spike "
                 "multiplies it during the surge)."),
            choice("pattern", "Arrival pattern",
                   list({"poisson", "constant", "bursty", "diurnal", "spike"}),
                   "Poisson: random arrivals; constant: evenly spaced; bursty: on/off; "
                   "diurnal: a daily wave; spike: a sudden surge."),
            real("read_fraction", "Read fraction", "", 0, 1, 0.9,
                 "Share of requests that read; the rest write."),
            real("timeout_ms", "Timeout", "ms", 0, 3.6e6, 0,
                 "Give up on a request after this long. 0 means wait for ever."),
            integer("retries", "Retries", "", 0, 10, 0,
                    "Attempts after a timeout or an error, before the request counts as "
                    "failed."),
            real("backoff_ms", "Retry backoff", "ms", 0, 3.6e6, 100,
                 "Wait before the first retry; it doubles with each further attempt."),
            real("burst_on_s", "Burst length", "s", 0.001, 86400, 1,
                 "Bursty: how long each burst lasts."),
            real("burst_off_s", "Pause length", "s", 0.001, 86400, 1,
                 "Bursty: how long the pause between bursts lasts."),
            real("diurnal_period_s", "Wave period", "s", 1, 1e7, 60,
                 "Diurnal: length of one full wave (a simulated day)."),
            real("diurnal_amplitude", "Wave amplitude", "", 0, 1, 0.5,
                 "Diurnal: how far the rate swings above and below its mean, as a fraction."),
            real("spike_at_s", "Spike start", "s", 0, 1e7, 10, "Spike: when the surge begins."),
            real("spike_duration_s", "Spike length", "s", 0.001, 1e7, 5,
                 "Spike: how long the surge lasts."),
            real("spike_factor", "Spike factor", "x", 1, 1000, 5,
                 "Spike: the rate during the surge, as a multiple of the usual rate."),
        });

    add(NodeKind::Dns, "dns", "Domain name system", "Edge",
        "Resolves names to addresses before a request reaches the service.",
        concat({station(8, 1), failures()}));

    add(NodeKind::Cdn, "cdn", "Content delivery network", "Edge",
        "Edge cache close to users: hits are served at the edge, misses go to the origin.",
        concat({station(64, 2), keyStore(300, "object", "How many objects the edge keeps."),
                failures()}));

    add(NodeKind::RateLimiter, "rate_limiter", "Rate limiter", "Edge",
        "Token bucket: lets through a steady rate with some burst, rejects the excess.",
        concat(
            {{real("limit_rps", "Allowed rate", "rps", 0.001, 1e7, 100, "Tokens added per second."),
              integer("burst", "Burst", "requests", 1, 10000000, 20,
                      "Bucket size: requests let through at once after a quiet spell.")},
             failures()}));

    add(NodeKind::LoadBalancer, "load_balancer", "Load balancer", "Compute",
        "Spreads requests over the servers behind it and stops sending to failed ones.",
        concat({station(64, 0.1),
                {choice("algorithm", "Algorithm",
                        list({"round_robin", "weighted", "least_connections", "random",
                              "consistent_hash"}),
                        "How the next target is chosen; weighted uses the edge weights, "
                        "consistent hashing the request key."),
                 choice("mode", "Mode", list({"active_active", "active_passive"}),
                        "Active-active uses every healthy target; active-passive only the "
                        "first healthy one, the others standing by."),
                 real("health_check_s", "Failure detection", "s", 0, 3600, 5,
                      "How long a failed target keeps receiving requests before health "
                      "checks notice.")},
                failures()}));

    add(NodeKind::ReverseProxy, "reverse_proxy", "Reverse proxy (web server)", "Compute",
        "Front door for the back end: terminates connections and forwards requests.",
        concat({station(32, 0.5), failures()}));

    add(NodeKind::WebServer, "web_server", "Web server", "Compute",
        "Serves the requests of the web tier.", concat({station(8, 10), failures()}));

    add(NodeKind::AppService, "app_service", "Application service", "Compute",
        "Application layer service (microservice) behind the web tier.",
        concat({station(8, 20), failures()}));

    add(NodeKind::Cache, "cache", "Cache", "Data",
        "In-memory key-value cache: hits answer at once, misses go to the store behind.",
        concat({station(16, 0.5),
                keyStore(0, "key", "How many keys fit in memory."),
                {choice("strategy", "Update strategy",
                        list({"cache_aside", "write_through", "write_behind", "refresh_ahead"}),
                        "How writes and expiries reach the store behind the cache."),
                 real("flush_interval_s", "Flush interval", "s", 0.001, 3600, 1,
                      "Write-behind: how often dirty keys are written to the store."),
                 real("refresh_fraction", "Refresh point", "", 0.01, 1, 0.8,
                      "Refresh-ahead: an entry read after this fraction of its time to live "
                      "is refreshed in the background.")},
                failures()}));

    add(NodeKind::SqlDatabase, "sql_database", "Relational database (SQL)", "Data",
        "A primary that takes the writes, with read replicas, optional sharding and "
        "failover.",
        concat({station(8, 5),
                {integer("replicas", "Read replicas", "", 0, 64, 0,
                         "Copies that serve reads, kept up to date asynchronously."),
                 real("replication_lag_ms", "Replication lag", "ms", 0, 3.6e6, 100,
                      "How long a committed write takes to reach the replicas."),
                 integer("shards", "Shards", "", 1, 1024, 1,
                         "Partitions of the key space, each with its own primary and replicas."),
                 real("failover_s", "Failover time", "s", 0, 3600, 10,
                      "After the primary fails, how long until a replica is promoted.")},
                failures()}));

    add(NodeKind::NoSqlStore, "nosql_store", "NoSQL store", "Data",
        "Partitioned store with eventually consistent replicas.",
        concat(
            {{choice("model", "Data model", list({"key_value", "document", "wide_column", "graph"}),
                     "Kind of NoSQL store; choosing one applies its typical figures.")},
             station(16, 1),
             {integer("replicas", "Replicas", "", 0, 64, 2,
                      "Extra copies of each partition that serve reads."),
              real("replication_lag_ms", "Replication lag", "ms", 0, 3.6e6, 20,
                   "How long a write takes to reach the other copies."),
              integer("shards", "Partitions", "", 1, 1024, 4, "Partitions of the key space.")},
             failures()}),
        {{QStringLiteral("key_value"),
          {{QStringLiteral("service_ms"), 1.0}, {QStringLiteral("servers"), 16}}},
         {QStringLiteral("document"),
          {{QStringLiteral("service_ms"), 3.0}, {QStringLiteral("servers"), 16}}},
         {QStringLiteral("wide_column"),
          {{QStringLiteral("service_ms"), 4.0}, {QStringLiteral("servers"), 32}}},
         {QStringLiteral("graph"),
          {{QStringLiteral("service_ms"), 8.0}, {QStringLiteral("servers"), 8}}}});

    add(NodeKind::ObjectStore, "object_store", "Object store", "Data",
        "Blob storage for files and media: high capacity, slower per request.",
        concat({station(64, 50, "lognormal", 0.5), failures()}));

    add(NodeKind::MessageQueue, "message_queue", "Message queue", "Messaging",
        "Accepts work at once and hands it to workers; a full queue pushes back.",
        concat({{integer("queue_capacity", "Queue capacity", "messages", 1, 100000000, 10000,
                         "Messages waiting at most; beyond it new work is rejected.")},
                station(16, 0.2),
                failures()}));

    add(NodeKind::WorkerPool, "worker_pool", "Worker pool", "Messaging",
        "Workers that take jobs from a queue and process them asynchronously.",
        concat({station(4, 100), failures()}));

    // The message queue's own capacity parameter is the queue bound; its
    // station capacity would say the same thing twice.
    for (KindSpec &k : kinds) {
        if (k.kind == NodeKind::MessageQueue)
            k.params.removeIf([](const ParamSpec &p) { return p.key == u"capacity"; });
    }
    return kinds;
}

} // namespace

bool ParamSpec::accepts(const QVariant &value) const
{
    return problem(value).isEmpty();
}

QString ParamSpec::problem(const QVariant &value) const
{
    switch (type) {
    case ParamType::Bool:
        return value.typeId() == QMetaType::Bool ? QString()
                                                 : QStringLiteral("must be true or false");
    case ParamType::Enum: {
        const QString s = value.toString();
        if (value.typeId() == QMetaType::QString && choices.contains(s))
            return {};
        return QStringLiteral("must be one of %1").arg(choices.join(QStringLiteral(", ")));
    }
    case ParamType::Int:
    case ParamType::Real: {
        bool ok = false;
        const double v = value.toDouble(&ok);
        const bool numeric = value.typeId() == QMetaType::Double ||
                             value.typeId() == QMetaType::Int ||
                             value.typeId() == QMetaType::LongLong;
        if (!numeric || !ok || !std::isfinite(v))
            return QStringLiteral("must be a number");
        if (type == ParamType::Int && v != std::floor(v))
            return QStringLiteral("must be a whole number");
        if (v < min || v > max)
            return QStringLiteral("must be between %1 and %2").arg(min).arg(max);
        return {};
    }
    }
    return {};
}

const ParamSpec *KindSpec::param(QStringView key) const
{
    for (const ParamSpec &p : params) {
        if (p.key == key)
            return &p;
    }
    return nullptr;
}

QVariantMap KindSpec::defaults() const
{
    QVariantMap out;
    for (const ParamSpec &p : params)
        out.insert(p.key, p.defaultValue);
    return out;
}

const QList<KindSpec> &catalogue()
{
    static const QList<KindSpec> kinds = build();
    return kinds;
}

const KindSpec &kindSpec(NodeKind kind)
{
    for (const KindSpec &k : catalogue()) {
        if (k.kind == kind)
            return k;
    }
    Q_UNREACHABLE();
}

const KindSpec *findKind(QStringView key)
{
    for (const KindSpec &k : catalogue()) {
        if (k.key == key)
            return &k;
    }
    return nullptr;
}

QStringList groups()
{
    return {QStringLiteral("Clients"), QStringLiteral("Edge"), QStringLiteral("Compute"),
            QStringLiteral("Data"), QStringLiteral("Messaging")};
}

} // namespace sds::diagram
