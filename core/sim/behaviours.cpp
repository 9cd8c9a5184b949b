#include "core/sim/simulationimpl.h"

// Simulation::Impl's behaviours after service: what a balancer, a cache, a
// database and a message queue do with a request their server has finished.
// The request flow they call back into (forward, send, finish) is in
// simulation.cpp.
namespace sds::sim {

bool Simulation::Impl::believedUp(const NodeModel &lb, std::uint32_t target) const
{
    const NodeState &t = nodes[target];
    return t.up || now - t.downSince < lb.detectDelay;
}

// The route a balancer sends request @p i on, holding a connection there;
// kNone when no target is believed up, and then the request has failed.
std::uint32_t Simulation::Impl::balance(std::uint32_t i)
{
    Request &r = req[i];
    const std::uint32_t n = r.node;
    const NodeModel &m = net.nodes[n];
    NodeState &ns = nodes[n];
    scratch.clear();
    for (std::uint32_t k = 0; k < m.routes.size(); ++k) {
        const Route &route = m.routes[k];
        if (routeMatches(route, r.op) && believedUp(m, route.target))
            scratch.push_back(k);
    }
    if (scratch.empty()) {
        ns.counters.failed += 1;
        finish(i, Outcome::NodeDown);
        return kNone;
    }
    const std::uint32_t choice = choose(ns.balancer, m, scratch, r.key, rng);
    for (int slot = 0; slot < 2; ++slot) {
        if (r.lb[slot] == kNone) {
            r.lb[slot] = n;
            r.lbRoute[slot] = choice;
            ns.balancer.active[choice] += 1;
            break;
        }
    }
    return choice;
}

namespace {

void addFill(Request &r, std::uint32_t cacheNode)
{
    if (r.fill[0] == kNone)
        r.fill[0] = cacheNode;
    else if (r.fill[1] == kNone && r.fill[0] != cacheNode)
        r.fill[1] = cacheNode;
}

} // namespace

void Simulation::Impl::cacheServed(std::uint32_t i)
{
    Request &r = req[i];
    const std::uint32_t n = r.node;
    const NodeModel &m = net.nodes[n];
    NodeState &ns = nodes[n];
    CacheStore &cache = *ns.cache;
    if (r.op == Op::Read) {
        const std::uint32_t e = cache.lookup(r.key, now);
        if (e != CacheStore::kNoEntry) {
            ns.counters.hits += 1;
            CacheStore::Entry &entry = cache.entry(e);
            if (m.strategy == CacheStrategy::RefreshAhead && m.ttl < kInfinity &&
                !entry.refreshing && now - entry.storedAt > m.refreshFraction * m.ttl) {
                entry.refreshing = true;
                spawnInternal(n, r.key, Op::Read, n);
            }
            finish(i, Outcome::Ok);
            return;
        }
        ns.counters.misses += 1;
        addFill(r, n);
        forward(i);
        return;
    }
    switch (m.strategy) {
    case CacheStrategy::CacheAside:
    case CacheStrategy::RefreshAhead:
        cache.erase(r.key); // the next read fetches the new value
        forward(i);
        break;
    case CacheStrategy::WriteThrough:
        addFill(r, n); // stored in the cache once the store has it
        forward(i);
        break;
    case CacheStrategy::WriteBehind: {
        CacheStore::Evicted evicted;
        cache.put(r.key, now, m.ttl, true, &evicted);
        if (evicted.any && evicted.dirty)
            spawnInternal(n, evicted.key, Op::Write, kNone);
        finish(i, Outcome::Ok);
        break;
    }
    }
}

// A request a cache sends on its own: a write-behind flush or a refresh.
void Simulation::Impl::spawnInternal(std::uint32_t from, std::uint64_t key, Op op,
                                     std::uint32_t fillNode)
{
    const std::uint32_t j = alloc();
    Request &r = req[j];
    r.internal = true;
    r.key = key;
    r.op = op;
    r.created = r.firstCreated = now;
    r.node = from;
    r.fill[0] = fillNode;
    forward(j);
}

void Simulation::Impl::databaseServed(std::uint32_t i)
{
    const Request &r = req[i];
    NodeState &ns = nodes[r.node];
    const NodeModel &m = net.nodes[r.node];
    if (r.op == Op::Write) {
        if (m.replicas > 0)
            ns.database.applied->set(r.key, now + m.replicationLag);
    } else {
        const std::size_t shard = shardOf(r.key, m.shards);
        if (r.station != ns.database.primary[shard] && now < ns.database.applied->get(r.key)) {
            ns.counters.staleReads += 1;
            totals.staleReads += 1;
        }
    }
    finish(i, Outcome::Ok);
}

void Simulation::Impl::queueServed(std::uint32_t i)
{
    Request &client = req[i];
    const std::uint32_t n = client.node;
    const std::uint32_t j = alloc();
    Request &job = req[j];
    job.job = true;
    job.key = client.key;
    job.op = client.op;
    job.created = job.firstCreated = now;
    job.origin = n;
    job.node = n;
    client.origin = kNone;  // the message is the job's now
    finish(i, Outcome::Ok); // the client has its answer
    forward(j);
}

} // namespace sds::sim
