#include "core/sim/simulation.h"

#include "core/sim/arrivals.h"
#include "core/sim/simulationimpl.h"

#include <algorithm>
#include <cmath>

namespace sds::sim {

namespace {

using State = RequestState;

constexpr int kMaxInlineDepth = 64; // zero-latency hops handled without an event

} // namespace

// ---- requests --------------------------------------------------------------

std::uint32_t Simulation::Impl::alloc()
{
    const std::uint32_t i = req.alloc();
    if (req.live() > maxLive) {
        overloaded = true;
        finished = true;
    }
    return i;
}

// ---- workload --------------------------------------------------------------

void Simulation::Impl::scheduleNextSend(std::uint32_t client)
{
    const NodeModel &m = net.nodes[client];
    const double t = nextArrival(m, offeredRate(m, net.loadFactor), now, nodes[client].arrivals);
    if (t < kInfinity)
        events.push(t, EventType::ClientSend, client, nodes[client].sendGen);
}

template <bool Plain> void Simulation::Impl::clientSend(std::uint32_t client)
{
    const NodeModel &m = net.nodes[client];
    const std::uint32_t i = alloc();
    Request &r = req[i];
    r.client = client;
    NodeState &source = nodes[client];
    r.key = needsKeys ? zipf.sample(source.keys) : 0;
    r.op = !needsOps || source.ops.uniform() < m.readFraction ? Op::Read : Op::Write;
    r.firstCreated = now;
    sendFromClient<Plain>(i);
    scheduleNextSend(client);
}

template <bool Plain> void Simulation::Impl::sendFromClient(std::uint32_t i)
{
    Request &r = req[i];
    const NodeModel &m = net.nodes[r.client];
    r.created = now;
    r.node = r.client;
    totals.sent += 1;
    nodes[r.client].counters.arrivals += 1;
    if (!Plain && tracer)
        tracer->begin(i);
    if (!Plain && m.timeout < kInfinity)
        events.push(now + m.timeout, EventType::Timeout, i, r.gen);
    forward<Plain>(i);
}

void Simulation::Impl::scheduleRetry(std::uint32_t failedIndex)
{
    const Request &failed = req[failedIndex];
    const NodeModel &m = net.nodes[failed.client];
    const std::uint32_t j = alloc();
    Request &r = req[j];
    r.client = failed.client;
    r.key = failed.key;
    r.op = failed.op;
    r.firstCreated = failed.firstCreated;
    r.attempt = std::uint16_t(failed.attempt + 1);
    r.state = State::WaitRetry;
    totals.retries += 1;
    const double backoff = m.backoff * std::ldexp(1.0, r.attempt - 1);
    events.push(now + backoff, EventType::RetrySend, j, r.gen);
}

// ---- moving between nodes --------------------------------------------------

// A route out of node @p n for request @p r, or kNone when it ends here.
std::uint32_t Simulation::Impl::pickRoute(std::uint32_t n, const Request &r)
{
    const NodeModel &m = net.nodes[n];
    if (m.routes.empty())
        return kNone;
    if (m.probabilistic) {
        double u = rng.uniform();
        for (std::uint32_t k = 0; k < m.routes.size(); ++k) {
            if (!routeMatches(m.routes[k], r.op))
                continue;
            u -= m.routes[k].probability;
            if (u < 0)
                return k;
        }
        return kNone;
    }
    if (m.routes.size() == 1)
        return routeMatches(m.routes[0], r.op) ? 0 : kNone;
    double total = 0;
    for (const Route &route : m.routes)
        total += routeMatches(route, r.op) ? route.weight : 0;
    if (total <= 0)
        return kNone;
    double u = rng.uniform() * total;
    std::uint32_t last = kNone;
    for (std::uint32_t k = 0; k < m.routes.size(); ++k) {
        if (!routeMatches(m.routes[k], r.op) || m.routes[k].weight <= 0)
            continue;
        last = k;
        u -= m.routes[k].weight;
        if (u < 0)
            return k;
    }
    return last;
}

template <bool Plain>
void Simulation::Impl::send(std::uint32_t i, std::uint32_t from, std::uint32_t routeIndex)
{
    const Route &route = net.nodes[from].routes[routeIndex];
    Request &r = req[i];
    r.returnLatency += route.latency;
    if (!Plain && tracer)
        tracer->add(i, route.target, TimeKind::Network, 2 * route.latency);
    r.node = route.target;
    r.edge = route.edge;
    if (route.latency > 0 || depth >= kMaxInlineDepth) {
        r.state = State::Transit;
        r.departAt = now;
        r.arriveAt = now + route.latency;
        events.push(r.arriveAt, EventType::Arrive, i, r.gen);
    } else {
        ++depth;
        arrive<Plain>(i);
        --depth;
    }
}

template <bool Plain> void Simulation::Impl::forward(std::uint32_t i)
{
    const std::uint32_t from = req[i].node;
    const std::uint32_t k = pickRoute(from, req[i]);
    if (k == kNone)
        finish<Plain>(i, Outcome::Ok);
    else
        send<Plain>(i, from, k);
}
// behaviours.cpp calls the general ones.
template void Simulation::Impl::forward<false>(std::uint32_t i);

template <bool Plain> void Simulation::Impl::arrive(std::uint32_t i)
{
    Request &r = req[i];
    const std::uint32_t n = r.node;
    NodeState &ns = nodes[n];
    const NodeModel &m = net.nodes[n];
    ns.counters.arrivals += 1;
    if constexpr (Plain) {
        enqueue<true>(i, ns.firstStation); // a station, and up
        return;
    }
    if (m.behaviour == Behaviour::Database) {
        arriveAtDatabase(i);
        return;
    }
    if (!ns.up) {
        ns.counters.failed += 1;
        finish(i, Outcome::NodeDown);
        return;
    }
    switch (m.behaviour) {
    case Behaviour::Limiter: {
        ns.tokens = std::min(m.burst, ns.tokens + (now - ns.lastRefill) * m.limitRate);
        ns.lastRefill = now;
        if (ns.tokens >= 1) {
            ns.tokens -= 1;
            ns.counters.served += 1;
            forward<Plain>(i);
        } else {
            ns.counters.rejected += 1;
            finish(i, Outcome::Rejected);
        }
        return;
    }
    case Behaviour::Queue:
        if (ns.outstanding >= m.queueCapacity) {
            ns.counters.rejected += 1;
            finish(i, Outcome::Rejected);
            return;
        }
        ns.outstanding += 1;
        r.origin = n;
        enqueue<Plain>(i, ns.firstStation);
        return;
    default:
        enqueue<Plain>(i, ns.firstStation);
        return;
    }
}

void Simulation::Impl::arriveAtDatabase(std::uint32_t i)
{
    const Request &r = req[i];
    NodeState &ns = nodes[r.node];
    const NodeModel &m = net.nodes[r.node];
    const std::uint32_t target = ns.database.chooseCopy(
        m, shardOf(r.key, m.shards), r.op, [this](std::uint32_t s) { return stations[s].up; });
    if (target == kNone) {
        ns.counters.failed += 1;
        finish(i, Outcome::NodeDown);
        return;
    }
    enqueue<false>(i, target);
}

// ---- stations --------------------------------------------------------------

template <bool Plain> void Simulation::Impl::enqueue(std::uint32_t i, std::uint32_t s)
{
    Station &st = stations[s];
    Request &r = req[i];
    if (!Plain && st.capacity > 0 && st.busy + int(st.queue.size()) >= st.capacity) {
        nodes[st.node].counters.rejected += 1;
        finish(i, Outcome::Rejected);
        return;
    }
    st.account(now);
    r.station = s;
    if (!Plain && tracer)
        tracer->mark(i, now);
    if (st.busy < st.servers) {
        ++st.busy;
        startService(i, st);
    } else {
        r.state = State::Queued;
        st.queue.push(i);
    }
}

void Simulation::Impl::startService(std::uint32_t i, Station &st)
{
    Request &r = req[i];
    r.state = State::Service;
    events.push(now + st.dist.sample(st.rng), EventType::ServiceDone, i, r.gen);
}

template <bool Plain> void Simulation::Impl::serviceDone(std::uint32_t i)
{
    Request &r = req[i];
    Station &st = stations[r.station];
    st.account(now);
    if (!Plain && tracer)
        tracer->lap(i, st.node, TimeKind::Service, now);
    if (!st.queue.empty()) {
        const std::uint32_t next = st.queue.pop();
        if (!Plain && tracer) // it waited from its enqueue mark until now
            tracer->lap(next, st.node, TimeKind::Queueing, now);
        startService(next, st);
    } else {
        --st.busy;
    }
    const std::uint32_t n = st.node;
    nodes[n].counters.served += 1;
    if constexpr (Plain) {
        forward<true>(i); // a plain station
        return;
    }
    switch (net.nodes[n].behaviour) {
    case Behaviour::Station:
    case Behaviour::Limiter:
    case Behaviour::Source:
        forward<Plain>(i);
        break;
    case Behaviour::Balancer: {
        const std::uint32_t k = balance(i);
        if (k != kNone)
            send<Plain>(i, n, k);
        break;
    }
    case Behaviour::Cache:
        cacheServed(i);
        break;
    case Behaviour::Database:
        databaseServed(i);
        break;
    case Behaviour::Queue:
        queueServed(i);
        break;
    }
}

// ---- endings ---------------------------------------------------------------

// A plain network has no balancer, queue, cache or timeout: !Plain drops their branches.
template <bool Plain> void Simulation::Impl::finish(std::uint32_t i, Outcome outcome)
{
    Request &r = req[i];
    for (int slot = 0; slot < 2; ++slot) {
        if (!Plain && r.lb[slot] != kNone) {
            nodes[r.lb[slot]].balancer.active[r.lbRoute[slot]] -= 1;
            r.lb[slot] = kNone;
        }
    }
    if (!Plain && r.origin != kNone) {
        nodes[r.origin].outstanding -= 1;
        r.origin = kNone;
        if (r.job && outcome == Outcome::Ok) {
            totals.jobsCompleted += 1;
            totals.jobLatency.record(now - r.created);
        }
    }
    if (!Plain && (r.job || r.internal)) {
        // Read before the release: the fill may allocate and reuse this slot.
        const std::uint32_t fill = r.fill[0];
        const std::uint64_t key = r.key;
        release(i);
        if (outcome == Outcome::Ok && fill != kNone)
            fillCache(fill, key);
        return;
    }
    if (!Plain && r.abandoned) {
        totals.lateResponses += 1;
        release(i);
        return;
    }
    if (!Plain && outcome == Outcome::Ok) {
        // A fill can evict a dirty key and send it on; r stays where it is.
        for (std::uint32_t c : r.fill) {
            if (c != kNone)
                fillCache(c, r.key);
        }
    }
    r.outcome = outcome;
    r.state = State::Responding;
    if (r.returnLatency > 0)
        events.push(now + r.returnLatency, EventType::Response, i, r.gen);
    else
        respond<Plain>(i);
}
template void Simulation::Impl::finish<false>(std::uint32_t i, Outcome outcome);

void Simulation::Impl::fillCache(std::uint32_t c, std::uint64_t key)
{
    if (!nodes[c].up)
        return;
    CacheStore::Evicted evicted;
    nodes[c].cache->put(key, now, net.nodes[c].ttl, false, &evicted);
    if (evicted.any && evicted.dirty)
        spawnInternal(c, evicted.key, Op::Write, kNone);
}

template <bool Plain> void Simulation::Impl::respond(std::uint32_t i)
{
    Request &r = req[i];
    if (!Plain && r.abandoned) {
        totals.lateResponses += 1;
        release(i);
        return;
    }
    if (r.outcome == Outcome::Ok) {
        const double latency = now - r.firstCreated;
        totals.completed += 1;
        totals.latency.record(latency);
        sampler.recordLatency(latency, measuring());
        if (!Plain && tracer && measuring())
            tracer->complete(i, r.client, latency, r.created - r.firstCreated);
    } else if (r.attempt < net.nodes[r.client].retries) {
        scheduleRetry(i);
    } else {
        countFailure(r.outcome);
    }
    release(i);
    checkStop();
}

void Simulation::Impl::countFailure(Outcome outcome)
{
    totals.failed += 1;
    switch (outcome) {
    case Outcome::Rejected:
        totals.rejected += 1;
        break;
    case Outcome::Timeout:
        totals.timeouts += 1;
        break;
    case Outcome::NodeDown:
        totals.nodeDown += 1;
        break;
    case Outcome::Ok:
        break;
    }
}

void Simulation::Impl::timeout(std::uint32_t i)
{
    Request &r = req[i];
    if (r.abandoned)
        return;
    // The client gives up; the request itself goes on using the servers.
    r.abandoned = true;
    if (r.attempt < net.nodes[r.client].retries)
        scheduleRetry(i);
    else
        countFailure(Outcome::Timeout);
    checkStop();
}

void Simulation::Impl::checkStop()
{
    if (stopAfter > 0 && totals.completed + totals.failed >= stopAfter && measuring())
        finished = true;
}

// ---- failures --------------------------------------------------------------

void Simulation::Impl::updateUp(std::uint32_t n)
{
    NodeState &ns = nodes[n];
    const bool up = !ns.manualDown && !ns.randomDown && ns.scheduledDown == 0;
    if (up == ns.up)
        return;
    ns.up = up;
    if (!up) {
        ns.downSince = now;
        goDown(n);
    } else {
        comeUp(n);
    }
}

void Simulation::Impl::stationDown(std::uint32_t s)
{
    Station &st = stations[s];
    st.account(now);
    st.up = false;
    NodeState &ns = nodes[st.node];
    while (!st.queue.empty()) {
        const std::uint32_t i = st.queue.pop();
        ns.counters.failed += 1;
        finish(i, Outcome::NodeDown);
    }
    // Requests in service: their ServiceDone events will find them gone.
    for (std::uint32_t i = 0; i < req.size(); ++i) {
        if (req[i].state == State::Service && req[i].station == s) {
            req[i].state = State::Queued; // anything but Service
            ns.counters.failed += 1;
            finish(i, Outcome::NodeDown);
        }
    }
    st.busy = 0;
}

void Simulation::Impl::goDown(std::uint32_t n)
{
    NodeState &ns = nodes[n];
    const NodeModel &m = net.nodes[n];
    if (m.behaviour == Behaviour::Database) {
        // The primaries fail; replicas keep serving reads and one is promoted.
        for (std::size_t shard = 0; shard < ns.database.primary.size(); ++shard) {
            stationDown(ns.database.primary[shard]);
            if (!ns.database.replicas[shard].empty()) {
                if (m.failover <= 0)
                    failover(n, std::uint32_t(shard));
                else
                    events.push(now + m.failover, EventType::Failover, n, std::uint32_t(shard));
            }
        }
        return;
    }
    for (std::uint32_t s = 0; s < ns.stationCount; ++s)
        stationDown(ns.firstStation + s);
    if (ns.cache) {
        const std::uint64_t lost = ns.cache->clear();
        ns.counters.lostWrites += lost;
        totals.lostWrites += lost;
    }
}

void Simulation::Impl::comeUp(std::uint32_t n)
{
    NodeState &ns = nodes[n];
    for (std::uint32_t s = 0; s < ns.stationCount; ++s) {
        Station &st = stations[ns.firstStation + s];
        st.account(now);
        st.up = true;
    }
    ns.tokens = net.nodes[n].burst;
    ns.lastRefill = now;
}

void Simulation::Impl::failover(std::uint32_t n, std::uint32_t shard)
{
    nodes[n].database.failover(shard, [this](std::uint32_t s) { return stations[s].up; });
}

void Simulation::Impl::flush(std::uint32_t n)
{
    NodeState &ns = nodes[n];
    if (ns.up)
        ns.cache->flushDirty([&](std::uint64_t key) { spawnInternal(n, key, Op::Write, kNone); });
    events.push(now + net.nodes[n].flushInterval, EventType::Flush, n);
}

// ---- the loop --------------------------------------------------------------

// Flattened: the request flow below it (forward, arrive, enqueue, finish...) is
// compiled into the one function the loop calls, without a call per hop.
template <bool Plain> __attribute__((flatten)) void Simulation::Impl::dispatch(const Event &e)
{
    switch (e.type) {
    case EventType::ClientSend:
        if (e.b == nodes[e.a].sendGen)
            clientSend<Plain>(e.a);
        break;
    case EventType::Arrive:
        if (req[e.a].gen == e.b && req[e.a].state == State::Transit)
            arrive<Plain>(e.a);
        break;
    case EventType::ServiceDone:
        if (req[e.a].gen == e.b && req[e.a].state == State::Service)
            serviceDone<Plain>(e.a);
        break;
    case EventType::Response:
        if (req[e.a].gen == e.b)
            respond<Plain>(e.a);
        break;
    case EventType::Timeout:
        if (req[e.a].gen == e.b && req[e.a].state != State::Free)
            timeout(e.a);
        break;
    case EventType::RetrySend:
        if (req[e.a].gen == e.b)
            sendFromClient<false>(e.a); // retries: never in a plain network
        break;
    case EventType::NodeDown:
        if (e.b == 1) {
            nodes[e.a].randomDown = true;
            events.push(now + rng.exponential(net.nodes[e.a].mttr), EventType::NodeUp, e.a, 1);
        } else {
            nodes[e.a].scheduledDown += 1;
        }
        updateUp(e.a);
        break;
    case EventType::NodeUp:
        if (e.b == 1) {
            nodes[e.a].randomDown = false;
            events.push(now + rng.exponential(net.nodes[e.a].mtbf), EventType::NodeDown, e.a, 1);
        } else {
            nodes[e.a].scheduledDown -= 1;
        }
        updateUp(e.a);
        break;
    case EventType::Failover:
        failover(e.a, e.b);
        break;
    case EventType::Flush:
        flush(e.a);
        break;
    case EventType::Sample:
        takeSample();
        break;
    case EventType::WarmupEnd:
        resetStatistics();
        break;
    case EventType::End:
        finished = true;
        break;
    }
}

template <bool Plain> bool Simulation::Impl::step()
{
    if (finished || events.empty())
        return false;
    const Event e = events.pop();
    now = e.time();
    totals.events += 1;
    dispatch<Plain>(e);
    return true;
}

// ---- Simulation ------------------------------------------------------------

Simulation::Simulation(Network network)
    : d(std::make_unique<Impl>(std::move(network)))
{
    d->build();
}

Simulation::~Simulation() = default;

const Network &Simulation::network() const
{
    return d->net;
}
double Simulation::now() const
{
    return d->now;
}
bool Simulation::finished() const
{
    return d->finished;
}
const std::vector<Sample> &Simulation::samples() const
{
    return d->sampler.samples;
}
std::size_t Simulation::pendingEvents() const
{
    return d->events.size();
}
std::size_t Simulation::arenaSize() const
{
    return d->req.size();
}
void Simulation::setSamplePercentiles(bool on)
{
    d->sampler.recordPercentiles = on;
}
void Simulation::setTraceTail(bool on)
{
    if (!on)
        d->tracer.reset();
    else if (!d->tracer)
        d->tracer = std::make_unique<TailTracer>(d->nodes.size());
}
std::optional<TailBreakdown> Simulation::tailBreakdown(double thresholdS) const
{
    if (!d->tracer)
        return std::nullopt;
    return d->tracer->tail(thresholdS);
}
void Simulation::setMaxInFlight(std::size_t count)
{
    d->maxLive = count;
}
bool Simulation::overloaded() const
{
    return d->overloaded;
}
void Simulation::setStopAfterRequests(std::uint64_t count)
{
    d->stopAfter = count;
}

bool Simulation::runUntil(double t)
{
    const auto runTo = [this, t]<bool Plain>() {
        while (!d->finished && !d->events.empty() && d->events.top().time() <= t)
            d->step<Plain>();
    };
    if (d->usePlainLoop())
        runTo.operator()<true>();
    else
        runTo.operator()<false>();
    if (!d->finished && t > d->now)
        d->now = std::min(t, d->net.duration);
    return !d->finished;
}

std::uint64_t Simulation::runEvents(std::uint64_t budget)
{
    std::uint64_t done = 0;
    if (d->usePlainLoop()) {
        while (done < budget && d->step<true>())
            ++done;
    } else {
        while (done < budget && d->step<false>())
            ++done;
    }
    return done;
}

void Simulation::run()
{
    if (d->usePlainLoop()) {
        while (d->step<true>()) {
        }
    } else {
        while (d->step<false>()) {
        }
    }
}

void Simulation::setFastPath(bool allowed)
{
    d->fastPathAllowed = allowed;
}

void Simulation::setLoadFactor(double factor)
{
    d->net.loadFactor = std::max(0.0, factor);
    for (std::uint32_t n = 0; n < d->nodes.size(); ++n) {
        if (d->net.nodes[n].behaviour != Behaviour::Source)
            continue;
        d->nodes[n].sendGen += 1; // the pending arrival was drawn at the old rate
        d->scheduleNextSend(n);
    }
}

void Simulation::failNode(std::uint32_t node)
{
    if (node >= d->nodes.size() || d->net.nodes[node].behaviour == Behaviour::Source)
        return;
    d->nodes[node].manualDown = true;
    d->plain = false; // a node may be down from now on: the general loop checks
    d->updateUp(node);
}

void Simulation::restoreNode(std::uint32_t node)
{
    if (node >= d->nodes.size())
        return;
    d->nodes[node].manualDown = false;
    d->updateUp(node);
}

bool Simulation::nodeUp(std::uint32_t node) const
{
    return node < d->nodes.size() && d->nodes[node].up;
}

} // namespace sds::sim
