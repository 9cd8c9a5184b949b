#include "core/sim/simulation.h"

#include "core/sim/cachestore.h"
#include "core/sim/keymap.h"

#include <algorithm>
#include <cmath>

namespace sds::sim {

namespace {

enum class Outcome : std::uint8_t { Ok, Rejected, Timeout, NodeDown };
enum class State : std::uint8_t { Free, Transit, Queued, Service, Responding, WaitRetry };

constexpr int kMaxInlineDepth = 64; // zero-latency hops handled without an event
constexpr double kPi = 3.14159265358979323846;

struct Request {
    double created = 0;      // this attempt left the client (or the job was enqueued)
    double firstCreated = 0; // the first attempt: latency is measured from here
    double returnLatency = 0;
    double departAt = 0, arriveAt = 0; // on an edge, for animation
    std::uint64_t key = 0;
    std::uint32_t client = kNone;
    std::uint32_t node = kNone;
    std::uint32_t station = kNone;
    std::uint32_t edge = kNone;
    std::uint32_t gen = 0;        // bumped on free: stale events carry an old value
    std::uint32_t origin = kNone; // message queue that accepted it (jobs and their requests)
    std::uint32_t nextFree = kNone;
    std::uint32_t fill[2] = {kNone, kNone}; // caches to fill when the answer passes
    std::uint32_t lb[2] = {kNone, kNone};   // balancers whose connection count it holds
    std::uint32_t lbRoute[2] = {kNone, kNone};
    std::uint16_t attempt = 0;
    Op op = Op::Read;
    State state = State::Free;
    Outcome outcome = Outcome::Ok;
    bool abandoned = false; // the client stopped waiting (timeout)
    bool job = false;       // asynchronous work behind a queue
    bool internal = false;  // sent by a cache (write-behind flush, refresh-ahead)
};

// A FIFO of request indices; grows to the longest queue seen, then stays.
class Ring
{
public:
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    void push(std::uint32_t v)
    {
        if (m_count == m_buf.size())
            grow();
        m_buf[(m_head + m_count) & (m_buf.size() - 1)] = v;
        ++m_count;
    }
    std::uint32_t pop()
    {
        const std::uint32_t v = m_buf[m_head];
        m_head = (m_head + 1) & (m_buf.size() - 1);
        --m_count;
        return v;
    }
    std::uint32_t at(std::size_t i) const { return m_buf[(m_head + i) & (m_buf.size() - 1)]; }
    void clear()
    {
        m_head = 0;
        m_count = 0;
    }

private:
    void grow()
    {
        std::vector<std::uint32_t> bigger(m_buf.empty() ? 16 : m_buf.size() * 2);
        for (std::size_t i = 0; i < m_count; ++i)
            bigger[i] = at(i);
        m_buf.swap(bigger);
        m_head = 0;
    }
    std::vector<std::uint32_t> m_buf;
    std::size_t m_head = 0;
    std::size_t m_count = 0;
};

struct Station {
    std::uint32_t node = kNone;
    int servers = 1;
    int busy = 0;
    int capacity = 0;
    Distribution dist;
    bool up = true;
    Ring queue;
    double busyArea = 0;
    double queueArea = 0;
    double lastT = 0;
    double busyMark = 0; // busyArea at the last sample

    void account(double now)
    {
        const double dt = now - lastT;
        busyArea += busy * dt;
        queueArea += double(queue.size()) * dt;
        lastT = now;
    }
};

// When each key's latest committed write becomes visible on the replicas.
class KeyClock
{
public:
    explicit KeyClock(std::uint64_t keys)
    {
        if (keys <= kDenseLimit)
            m_dense.assign(keys, -kInfinity);
    }
    double get(std::uint64_t key) const
    {
        if (!m_dense.empty())
            return m_dense[key];
        const std::uint32_t i = m_sparseIndex.find(key);
        return i == KeyMap::kAbsent ? -kInfinity : m_sparse[i];
    }
    void set(std::uint64_t key, double t)
    {
        if (!m_dense.empty()) {
            m_dense[key] = t;
            return;
        }
        const std::uint32_t i = m_sparseIndex.find(key);
        if (i != KeyMap::kAbsent) {
            m_sparse[i] = t;
        } else {
            m_sparseIndex.insert(key, std::uint32_t(m_sparse.size()));
            m_sparse.push_back(t);
        }
    }

private:
    static constexpr std::uint64_t kDenseLimit = 1u << 22;
    std::vector<double> m_dense;
    KeyMap m_sparseIndex;
    std::vector<double> m_sparse;
};

struct NodeState {
    std::uint32_t firstStation = 0;
    std::uint32_t stationCount = 0;
    bool manualDown = false;
    bool randomDown = false;
    int scheduledDown = 0;
    bool up = true;
    double downSince = -kInfinity;

    NodeMetrics counters; // id, servers and the time averages are filled in by metrics()
    std::uint64_t hitsMark = 0, missesMark = 0;

    // Source
    double rate = 0;
    std::uint32_t sendGen = 0;
    // Balancer
    std::uint64_t rr = 0;
    std::vector<std::int64_t> active;
    std::vector<double> wrrCurrent;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ring; // consistent hashing
    // Cache
    std::unique_ptr<CacheStore> cache;
    // Database: per shard, the primary's station and the replicas' stations
    std::vector<std::uint32_t> primary;
    std::vector<std::vector<std::uint32_t>> replicas;
    std::vector<std::uint64_t> dbRr;
    std::unique_ptr<KeyClock> applied;
    // Limiter
    double tokens = 0;
    double lastRefill = 0;
    // Queue
    std::uint64_t outstanding = 0;
};

} // namespace

struct Simulation::Impl {
    Network net;
    Rng rng;
    Zipf zipf;
    EventQueue events;
    std::vector<Request> req;
    std::uint32_t freeHead = kNone;
    std::size_t live = 0;
    std::vector<Station> stations;
    std::vector<NodeState> nodes;
    std::vector<std::uint32_t> scratch; // candidate routes, reused
    SimulationObserver *observer = nullptr;

    double now = 0;
    bool finished = false;
    double measureStart = 0;
    std::uint64_t stopAfter = 0;
    std::size_t maxLive =
        4'000'000; // beyond it the design is overloaded: stop, do not exhaust memory
    bool overloaded = false;
    int depth = 0;

    RunMetrics totals; // counters; time averages are computed on demand
    BatchMeans latencyBatches{64};
    BatchMeans throughputBatches{64};
    LatencyHistogram intervalLatency;
    bool recordPercentiles = true; // per-sample percentiles, for charts
    std::uint64_t completedMark = 0, failedMark = 0, staleMark = 0;
    std::vector<Sample> samples;

    // Draws the workload skips when nothing in the design looks at them, so a
    // plain queueing network pays only for what it uses.
    bool needsKeys = false;
    bool needsOps = false;

    explicit Impl(Network n)
        : net(std::move(n))
        , rng(net.seed)
        , zipf(net.keys, net.zipf)
    {}

    // ---- set-up ------------------------------------------------------------

    std::uint32_t addStation(std::uint32_t node, const NodeModel &model)
    {
        Station s;
        s.node = node;
        s.servers = model.servers;
        s.capacity = model.capacity;
        s.dist = model.service;
        stations.push_back(std::move(s));
        return std::uint32_t(stations.size() - 1);
    }

    void build()
    {
        nodes.resize(net.nodes.size());
        for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
            const NodeModel &model = net.nodes[n];
            NodeState &ns = nodes[n];
            ns.counters.id = model.id;
            ns.firstStation = std::uint32_t(stations.size());
            switch (model.behaviour) {
            case Behaviour::Source:
                ns.rate = model.rate;
                break;
            case Behaviour::Limiter:
                ns.tokens = model.burst;
                break;
            case Behaviour::Database:
                ns.primary.resize(std::size_t(model.shards));
                ns.replicas.resize(std::size_t(model.shards));
                ns.dbRr.assign(std::size_t(model.shards), 0);
                for (int s = 0; s < model.shards; ++s) {
                    ns.primary[std::size_t(s)] = addStation(n, model);
                    for (int r = 0; r < model.replicas; ++r)
                        ns.replicas[std::size_t(s)].push_back(addStation(n, model));
                }
                ns.applied = std::make_unique<KeyClock>(net.keys);
                break;
            case Behaviour::Cache:
                ns.cache =
                    std::make_unique<CacheStore>(model.cacheKeys, model.policy == CachePolicy::Lfu);
                addStation(n, model);
                break;
            case Behaviour::Balancer:
                addStation(n, model);
                ns.active.assign(model.routes.size(), 0);
                ns.wrrCurrent.assign(model.routes.size(), 0);
                // 128 points per target on the ring, so keys spread evenly.
                for (std::uint32_t r = 0; r < model.routes.size(); ++r) {
                    for (std::uint64_t v = 0; v < 128; ++v)
                        ns.ring.emplace_back(mixKey((std::uint64_t(r) << 32) ^ (v * 0x9e37u)), r);
                }
                std::sort(ns.ring.begin(), ns.ring.end());
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

        events.reserve(1024);
        for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
            const NodeModel &model = net.nodes[n];
            if (model.behaviour == Behaviour::Source && nodes[n].rate > 0)
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
        events.push(net.sampleInterval, EventType::Sample, 0);
        events.push(net.duration, EventType::End, 0);
    }

    // ---- requests ----------------------------------------------------------

    std::uint32_t alloc()
    {
        std::uint32_t i;
        if (freeHead != kNone) {
            i = freeHead;
            freeHead = req[i].nextFree;
            const std::uint32_t gen = req[i].gen;
            req[i] = Request{};
            req[i].gen = gen;
        } else {
            i = std::uint32_t(req.size());
            req.emplace_back();
        }
        if (++live > maxLive) {
            overloaded = true;
            finished = true;
        }
        return i;
    }

    void release(std::uint32_t i)
    {
        Request &r = req[i];
        r.gen += 1;
        r.state = State::Free;
        r.nextFree = freeHead;
        freeHead = i;
        --live;
    }

    bool nodeUp(std::uint32_t n) const { return nodes[n].up; }

    // ---- workload ----------------------------------------------------------

    double nextArrival(std::uint32_t client)
    {
        const NodeModel &m = net.nodes[client];
        const double rate = nodes[client].rate;
        if (rate <= 0)
            return kInfinity;
        switch (m.pattern) {
        case Pattern::Poisson:
            return now + rng.exponential(1.0 / rate);
        case Pattern::Constant:
            return now + 1.0 / rate;
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

    void scheduleNextSend(std::uint32_t client)
    {
        const double t = nextArrival(client);
        if (t < kInfinity)
            events.push(t, EventType::ClientSend, client, nodes[client].sendGen);
    }

    void clientSend(std::uint32_t client)
    {
        const NodeModel &m = net.nodes[client];
        const std::uint32_t i = alloc();
        Request &r = req[i];
        r.client = client;
        r.key = needsKeys ? zipf.sample(rng) : 0;
        r.op = !needsOps || rng.uniform() < m.readFraction ? Op::Read : Op::Write;
        r.firstCreated = now;
        sendFromClient(i);
        scheduleNextSend(client);
    }

    void sendFromClient(std::uint32_t i)
    {
        Request &r = req[i];
        const NodeModel &m = net.nodes[r.client];
        r.created = now;
        r.node = r.client;
        totals.sent += 1;
        nodes[r.client].counters.arrivals += 1;
        if (m.timeout < kInfinity)
            events.push(now + m.timeout, EventType::Timeout, i, r.gen);
        forward(i);
    }

    void scheduleRetry(std::uint32_t failedIndex)
    {
        const Request failed = req[failedIndex]; // a copy: alloc may move the arena
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

    // ---- moving between nodes ----------------------------------------------

    // A route out of node @p n for request @p i, or kNone when it ends here.
    std::uint32_t pickRoute(std::uint32_t n, const Request &r)
    {
        const NodeModel &m = net.nodes[n];
        const auto matches = [&](const Route &route) {
            return route.role == diagram::EdgeRole::Any ||
                   (route.role == diagram::EdgeRole::Read) == (r.op == Op::Read);
        };
        if (m.routes.empty())
            return kNone;
        if (m.probabilistic) {
            double u = rng.uniform();
            for (std::uint32_t k = 0; k < m.routes.size(); ++k) {
                if (!matches(m.routes[k]))
                    continue;
                u -= m.routes[k].probability;
                if (u < 0)
                    return k;
            }
            return kNone;
        }
        if (m.routes.size() == 1)
            return matches(m.routes[0]) ? 0 : kNone;
        double total = 0;
        for (const Route &route : m.routes)
            total += matches(route) ? route.weight : 0;
        if (total <= 0)
            return kNone;
        double u = rng.uniform() * total;
        std::uint32_t last = kNone;
        for (std::uint32_t k = 0; k < m.routes.size(); ++k) {
            if (!matches(m.routes[k]) || m.routes[k].weight <= 0)
                continue;
            last = k;
            u -= m.routes[k].weight;
            if (u < 0)
                return k;
        }
        return last;
    }

    void send(std::uint32_t i, std::uint32_t from, std::uint32_t routeIndex)
    {
        const Route &route = net.nodes[from].routes[routeIndex];
        Request &r = req[i];
        r.returnLatency += route.latency;
        r.node = route.target;
        r.edge = route.edge;
        if (route.latency > 0 || depth >= kMaxInlineDepth) {
            r.state = State::Transit;
            r.departAt = now;
            r.arriveAt = now + route.latency;
            events.push(r.arriveAt, EventType::Arrive, i, r.gen);
        } else {
            ++depth;
            arrive(i);
            --depth;
        }
    }

    void forward(std::uint32_t i)
    {
        const std::uint32_t from = req[i].node;
        const std::uint32_t k = pickRoute(from, req[i]);
        if (k == kNone)
            finish(i, Outcome::Ok);
        else
            send(i, from, k);
    }

    void arrive(std::uint32_t i)
    {
        Request &r = req[i];
        const std::uint32_t n = r.node;
        NodeState &ns = nodes[n];
        const NodeModel &m = net.nodes[n];
        ns.counters.arrivals += 1;
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
                forward(i);
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
            enqueue(i, ns.firstStation);
            return;
        default:
            enqueue(i, ns.firstStation);
            return;
        }
    }

    void arriveAtDatabase(std::uint32_t i)
    {
        Request &r = req[i];
        NodeState &ns = nodes[r.node];
        const NodeModel &m = net.nodes[r.node];
        const std::size_t shard = std::size_t(mixKey(r.key) % std::uint64_t(m.shards));
        std::uint32_t target = kNone;
        const std::uint32_t primary = ns.primary[shard];
        if (r.op == Op::Write) {
            target = stations[primary].up ? primary : kNone;
        } else {
            // SQL reads go to the replicas when there are any; NoSQL reads to any copy.
            const auto &reps = ns.replicas[shard];
            const bool anyCopy = m.kind == diagram::NodeKind::NoSqlStore;
            const std::size_t copies = reps.size() + (anyCopy ? 1 : 0);
            for (std::size_t tries = 0; tries < copies && target == kNone; ++tries) {
                const std::size_t k = std::size_t(ns.dbRr[shard]++ % copies);
                const std::uint32_t s = k < reps.size() ? reps[k] : primary;
                if (stations[s].up)
                    target = s;
            }
            if (target == kNone && stations[primary].up)
                target = primary;
        }
        if (target == kNone) {
            ns.counters.failed += 1;
            finish(i, Outcome::NodeDown);
            return;
        }
        enqueue(i, target);
    }

    // ---- stations ----------------------------------------------------------

    void enqueue(std::uint32_t i, std::uint32_t s)
    {
        Station &st = stations[s];
        Request &r = req[i];
        if (st.capacity > 0 && st.busy + int(st.queue.size()) >= st.capacity) {
            nodes[st.node].counters.rejected += 1;
            finish(i, Outcome::Rejected);
            return;
        }
        st.account(now);
        r.station = s;
        if (st.busy < st.servers) {
            ++st.busy;
            startService(i, st);
        } else {
            r.state = State::Queued;
            st.queue.push(i);
        }
    }

    void startService(std::uint32_t i, Station &st)
    {
        Request &r = req[i];
        r.state = State::Service;
        events.push(now + st.dist.sample(rng), EventType::ServiceDone, i, r.gen);
    }

    void serviceDone(std::uint32_t i)
    {
        Request &r = req[i];
        Station &st = stations[r.station];
        st.account(now);
        if (!st.queue.empty())
            startService(st.queue.pop(), st);
        else
            --st.busy;
        const std::uint32_t n = st.node;
        nodes[n].counters.served += 1;
        switch (net.nodes[n].behaviour) {
        case Behaviour::Station:
        case Behaviour::Limiter:
        case Behaviour::Source:
            forward(i);
            break;
        case Behaviour::Balancer:
            balance(i);
            break;
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

    // ---- behaviours after service ------------------------------------------

    bool believedUp(const NodeModel &lb, std::uint32_t target) const
    {
        const NodeState &t = nodes[target];
        return t.up || now - t.downSince < lb.detectDelay;
    }

    void balance(std::uint32_t i)
    {
        Request &r = req[i];
        const std::uint32_t n = r.node;
        const NodeModel &m = net.nodes[n];
        NodeState &ns = nodes[n];
        scratch.clear();
        for (std::uint32_t k = 0; k < m.routes.size(); ++k) {
            const Route &route = m.routes[k];
            const bool roleOk = route.role == diagram::EdgeRole::Any ||
                                (route.role == diagram::EdgeRole::Read) == (r.op == Op::Read);
            if (roleOk && believedUp(m, route.target))
                scratch.push_back(k);
        }
        if (scratch.empty()) {
            ns.counters.failed += 1;
            finish(i, Outcome::NodeDown);
            return;
        }
        std::uint32_t choice = scratch.front();
        if (!m.activePassive) {
            switch (m.algorithm) {
            case LbAlgorithm::RoundRobin:
                choice = scratch[std::size_t(ns.rr++ % scratch.size())];
                break;
            case LbAlgorithm::Random:
                choice = scratch[std::size_t(rng.below(scratch.size()))];
                break;
            case LbAlgorithm::Weighted: {
                // Smooth weighted round robin: deterministic and evenly interleaved.
                double total = 0;
                double best = -kInfinity;
                for (std::uint32_t k : scratch) {
                    ns.wrrCurrent[k] += m.routes[k].weight;
                    total += m.routes[k].weight;
                    if (ns.wrrCurrent[k] > best) {
                        best = ns.wrrCurrent[k];
                        choice = k;
                    }
                }
                ns.wrrCurrent[choice] -= total;
                break;
            }
            case LbAlgorithm::LeastConnections: {
                // Ties go round robin, so equal servers share evenly.
                const std::size_t start = std::size_t(ns.rr++ % scratch.size());
                std::int64_t best = std::numeric_limits<std::int64_t>::max();
                for (std::size_t j = 0; j < scratch.size(); ++j) {
                    const std::uint32_t k = scratch[(start + j) % scratch.size()];
                    if (ns.active[k] < best) {
                        best = ns.active[k];
                        choice = k;
                    }
                }
                break;
            }
            case LbAlgorithm::ConsistentHash: {
                const std::uint64_t h = mixKey(r.key ^ 0x5bd1e995u);
                auto it = std::lower_bound(ns.ring.begin(), ns.ring.end(),
                                           std::pair<std::uint64_t, std::uint32_t>(h, 0));
                // Walk clockwise to the first target believed healthy.
                for (std::size_t step = 0; step < ns.ring.size(); ++step, ++it) {
                    if (it == ns.ring.end())
                        it = ns.ring.begin();
                    if (std::find(scratch.begin(), scratch.end(), it->second) != scratch.end()) {
                        choice = it->second;
                        break;
                    }
                }
                break;
            }
            }
        }
        for (int slot = 0; slot < 2; ++slot) {
            if (r.lb[slot] == kNone) {
                r.lb[slot] = n;
                r.lbRoute[slot] = choice;
                ns.active[choice] += 1;
                break;
            }
        }
        send(i, n, choice);
    }

    void addFill(Request &r, std::uint32_t cacheNode)
    {
        if (r.fill[0] == kNone)
            r.fill[0] = cacheNode;
        else if (r.fill[1] == kNone && r.fill[0] != cacheNode)
            r.fill[1] = cacheNode;
    }

    void cacheServed(std::uint32_t i)
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
    void spawnInternal(std::uint32_t from, std::uint64_t key, Op op, std::uint32_t fillNode)
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

    void databaseServed(std::uint32_t i)
    {
        Request &r = req[i];
        NodeState &ns = nodes[r.node];
        const NodeModel &m = net.nodes[r.node];
        if (r.op == Op::Write) {
            if (m.replicas > 0)
                ns.applied->set(r.key, now + m.replicationLag);
        } else {
            const std::size_t shard = std::size_t(mixKey(r.key) % std::uint64_t(m.shards));
            if (r.station != ns.primary[shard] && now < ns.applied->get(r.key)) {
                ns.counters.staleReads += 1;
                totals.staleReads += 1;
            }
        }
        finish(i, Outcome::Ok);
    }

    void queueServed(std::uint32_t i)
    {
        const std::uint32_t n = req[i].node;
        const std::uint32_t j = alloc();
        Request &job = req[j];
        Request &client = req[i]; // after alloc: the arena may have moved
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

    // ---- endings ------------------------------------------------------------

    void finish(std::uint32_t i, Outcome outcome)
    {
        Request &r = req[i];
        for (int slot = 0; slot < 2; ++slot) {
            if (r.lb[slot] != kNone) {
                nodes[r.lb[slot]].active[r.lbRoute[slot]] -= 1;
                r.lb[slot] = kNone;
            }
        }
        if (r.origin != kNone) {
            nodes[r.origin].outstanding -= 1;
            r.origin = kNone;
            if (r.job && outcome == Outcome::Ok) {
                totals.jobsCompleted += 1;
                totals.jobLatency.record(now - r.created);
            }
        }
        if (r.job || r.internal) {
            const std::uint32_t fill = r.fill[0];
            const std::uint64_t key = r.key;
            release(i);
            if (outcome == Outcome::Ok && fill != kNone)
                fillCache(fill, key);
            return;
        }
        if (r.abandoned) {
            totals.lateResponses += 1;
            release(i);
            return;
        }
        if (outcome == Outcome::Ok) {
            // Copies: a fill can evict a dirty key and send it on, moving the arena.
            const std::uint32_t fills[2] = {r.fill[0], r.fill[1]};
            const std::uint64_t key = r.key;
            for (std::uint32_t c : fills) {
                if (c != kNone)
                    fillCache(c, key);
            }
        }
        Request &answered = req[i];
        answered.outcome = outcome;
        answered.state = State::Responding;
        if (answered.returnLatency > 0)
            events.push(now + answered.returnLatency, EventType::Response, i, answered.gen);
        else
            respond(i);
    }

    void fillCache(std::uint32_t c, std::uint64_t key)
    {
        if (!nodes[c].up)
            return;
        CacheStore::Evicted evicted;
        nodes[c].cache->put(key, now, net.nodes[c].ttl, false, &evicted);
        if (evicted.any && evicted.dirty)
            spawnInternal(c, evicted.key, Op::Write, kNone);
    }

    void respond(std::uint32_t i)
    {
        Request &r = req[i];
        if (r.abandoned) {
            totals.lateResponses += 1;
            release(i);
            return;
        }
        if (r.outcome == Outcome::Ok) {
            const double latency = now - r.firstCreated;
            totals.completed += 1;
            totals.latency.record(latency);
            if (recordPercentiles)
                intervalLatency.record(latency);
            if (measuring())
                latencyBatches.add(latency);
        } else if (r.attempt < net.nodes[r.client].retries) {
            scheduleRetry(i);
        } else {
            countFailure(r.outcome);
        }
        release(i);
        checkStop();
    }

    void countFailure(Outcome outcome)
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

    void timeout(std::uint32_t i)
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

    bool measuring() const { return now >= net.warmup; }

    void checkStop()
    {
        if (stopAfter > 0 && totals.completed + totals.failed >= stopAfter && measuring())
            finished = true;
    }

    // ---- failures -----------------------------------------------------------

    void updateUp(std::uint32_t n)
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
        if (observer)
            observer->nodeStateChanged(n, up);
    }

    void stationDown(std::uint32_t s)
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

    void goDown(std::uint32_t n)
    {
        NodeState &ns = nodes[n];
        const NodeModel &m = net.nodes[n];
        if (m.behaviour == Behaviour::Database) {
            // The primaries fail; replicas keep serving reads and one is promoted.
            for (std::size_t shard = 0; shard < ns.primary.size(); ++shard) {
                stationDown(ns.primary[shard]);
                if (!ns.replicas[shard].empty()) {
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

    void comeUp(std::uint32_t n)
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

    void failover(std::uint32_t n, std::uint32_t shard)
    {
        NodeState &ns = nodes[n];
        if (stations[ns.primary[shard]].up)
            return; // it came back before the promotion
        auto &reps = ns.replicas[shard];
        for (std::size_t k = 0; k < reps.size(); ++k) {
            if (stations[reps[k]].up) {
                const std::uint32_t promoted = reps[k];
                reps[k] = ns.primary[shard]; // the old primary rejoins as a replica
                ns.primary[shard] = promoted;
                return;
            }
        }
    }

    void flush(std::uint32_t n)
    {
        NodeState &ns = nodes[n];
        if (ns.up)
            ns.cache->flushDirty(
                [&](std::uint64_t key) { spawnInternal(n, key, Op::Write, kNone); });
        events.push(now + net.nodes[n].flushInterval, EventType::Flush, n);
    }

    // ---- statistics -----------------------------------------------------------

    void resetStatistics()
    {
        // The totals restart at zero, but the time series must not notice:
        // each "value at the last sample" mark is shifted by the value it is
        // about to lose (unsigned wrap-around keeps the differences exact).
        const auto shift = [](std::uint64_t &mark, std::uint64_t value) {
            mark -= value;
        };
        shift(completedMark, totals.completed);
        shift(failedMark, totals.failed);
        shift(staleMark, totals.staleReads);
        const std::uint64_t events_ = totals.events;
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
        latencyBatches = BatchMeans(64);
        throughputBatches = BatchMeans(64);
        measureStart = now;
    }

    void takeSample()
    {
        Sample s;
        s.time = now;
        const double dt = net.sampleInterval;
        s.throughput = double(totals.completed - completedMark) / dt;
        s.errorRate = double(totals.failed - failedMark) / dt;
        if (measuring() && now > measureStart)
            throughputBatches.add(s.throughput);
        if (recordPercentiles) {
            static constexpr double kQs[3] = {0.5, 0.95, 0.99};
            double qs[3];
            intervalLatency.quantiles(kQs, qs, 3);
            s.p50 = qs[0];
            s.p95 = qs[1];
            s.p99 = qs[2];
            intervalLatency.reset();
        }
        s.staleReads = totals.staleReads - staleMark;
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
        completedMark = totals.completed;
        failedMark = totals.failed;
        staleMark = totals.staleReads;
        samples.push_back(std::move(s));
        if (observer)
            observer->sampleTaken(samples.back());
        events.push(now + dt, EventType::Sample, 0);
    }

    // ---- the loop -------------------------------------------------------------

    void dispatch(const Event &e)
    {
        switch (e.type) {
        case EventType::ClientSend:
            if (e.b == nodes[e.a].sendGen)
                clientSend(e.a);
            break;
        case EventType::Arrive:
            if (req[e.a].gen == e.b && req[e.a].state == State::Transit)
                arrive(e.a);
            break;
        case EventType::ServiceDone:
            if (req[e.a].gen == e.b && req[e.a].state == State::Service)
                serviceDone(e.a);
            break;
        case EventType::Response:
            if (req[e.a].gen == e.b)
                respond(e.a);
            break;
        case EventType::Timeout:
            if (req[e.a].gen == e.b && req[e.a].state != State::Free)
                timeout(e.a);
            break;
        case EventType::RetrySend:
            if (req[e.a].gen == e.b)
                sendFromClient(e.a);
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
                events.push(now + rng.exponential(net.nodes[e.a].mtbf), EventType::NodeDown, e.a,
                            1);
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

    bool step()
    {
        if (finished || events.empty())
            return false;
        const Event e = events.pop();
        now = e.time();
        totals.events += 1;
        dispatch(e);
        return true;
    }
};

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
    return d->samples;
}
std::size_t Simulation::pendingEvents() const
{
    return d->events.size();
}
std::size_t Simulation::arenaSize() const
{
    return d->req.size();
}
void Simulation::setObserver(SimulationObserver *observer)
{
    d->observer = observer;
}
void Simulation::setSamplePercentiles(bool on)
{
    d->recordPercentiles = on;
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
    while (!d->finished && !d->events.empty() && d->events.top().time() <= t)
        d->step();
    if (!d->finished && t > d->now)
        d->now = std::min(t, d->net.duration);
    return !d->finished;
}

std::uint64_t Simulation::runEvents(std::uint64_t budget)
{
    std::uint64_t done = 0;
    while (done < budget && d->step())
        ++done;
    return done;
}

void Simulation::run()
{
    while (d->step()) {
    }
}

void Simulation::setClientRate(std::uint32_t client, double rps)
{
    if (client >= d->nodes.size() || d->net.nodes[client].behaviour != Behaviour::Source)
        return;
    NodeState &ns = d->nodes[client];
    ns.rate = std::max(0.0, rps);
    ns.sendGen += 1; // the pending arrival was drawn at the old rate
    d->scheduleNextSend(client);
}

void Simulation::failNode(std::uint32_t node)
{
    if (node >= d->nodes.size() || d->net.nodes[node].behaviour == Behaviour::Source)
        return;
    d->nodes[node].manualDown = true;
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

RunMetrics Simulation::metrics() const
{
    RunMetrics out = d->totals;
    out.now = d->now;
    out.measured = d->now - d->measureStart;
    out.latencyMeanCi = d->latencyBatches.interval95();
    out.throughputCi = d->throughputBatches.interval95();
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

Snapshot Simulation::snapshot(std::size_t maxInFlight) const
{
    Snapshot s;
    s.metrics = metrics();
    s.samples = d->samples.size();
    if (maxInFlight == 0 || d->live == 0)
        return s;
    std::size_t drawable = 0;
    for (const Request &r : d->req)
        drawable += r.state == State::Transit || r.state == State::Service ? 1 : 0;
    for (const Station &st : d->stations)
        drawable += st.queue.size();
    // An even sample of exactly min(drawable, maxInFlight) requests: a whole
    // stride would draw only half the budget when there are a few too many.
    std::size_t credit = 0;
    const auto take = [&] {
        if (drawable <= maxInFlight)
            return true;
        credit += maxInFlight;
        if (credit < drawable)
            return false;
        credit -= drawable;
        return true;
    };
    for (const Request &r : d->req) {
        if (r.state != State::Transit && r.state != State::Service)
            continue;
        if (!take())
            continue;
        InFlight f;
        f.node = r.node;
        f.write = r.op == Op::Write;
        if (r.state == State::Transit) {
            f.where = InFlight::Where::Edge;
            f.edge = r.edge;
            const double span = r.arriveAt - r.departAt;
            f.fraction =
                span > 0 ? float(std::clamp((d->now - r.departAt) / span, 0.0, 1.0)) : 1.0f;
        } else {
            f.where = InFlight::Where::Service;
        }
        s.inFlight.push_back(f);
    }
    for (const Station &st : d->stations) {
        for (std::size_t p = 0; p < st.queue.size(); ++p) {
            if (!take())
                continue;
            InFlight f;
            f.where = InFlight::Where::Queue;
            f.node = st.node;
            f.position = std::uint32_t(p);
            f.write = d->req[st.queue.at(p)].op == Op::Write;
            s.inFlight.push_back(f);
        }
    }
    if (s.inFlight.size() > maxInFlight)
        s.inFlight.resize(maxInFlight);
    return s;
}

} // namespace sds::sim
