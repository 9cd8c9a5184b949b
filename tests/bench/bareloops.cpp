#include "bareloops.h"

#include "core/sim/cachestore.h"
#include "core/sim/random.h"

#include <QElapsedTimer>
#include <queue>

#include <cmath>
#include <deque>
#include <limits>
#include <vector>

namespace bench {

namespace {

using sds::sim::Rng;

struct Event {
    double time;
    std::uint64_t seq;
    std::uint32_t request;
    std::uint8_t type;
    std::uint8_t station;
};

struct Later {
    bool operator()(const Event &x, const Event &y) const
    {
        return x.time > y.time || (x.time == y.time && x.seq > y.seq);
    }
};

using Heap = std::priority_queue<Event, std::vector<Event>, Later>;

double exponential(Rng &rng, double mean)
{
    return -mean * std::log(rng.uniformOpen());
}

} // namespace

BareResult bareMm1(std::uint64_t requests, std::uint64_t seed)
{
    enum : std::uint8_t { Arrival, Departure };
    constexpr double kRate = 80, kService = 0.010, kWarmup = 100;
    QElapsedTimer timer;
    timer.start();
    Rng rng(seed);
    Heap heap;
    std::deque<double> waiting; // arrival times, the one in service first
    std::uint64_t seq = 0;
    BareResult out;
    double sum = 0;
    heap.push({exponential(rng, 1 / kRate), seq++, 0, Arrival, 0});
    while (out.completed < requests) {
        const Event e = heap.top();
        heap.pop();
        ++out.events;
        const double now = e.time;
        if (e.type == Arrival) {
            waiting.push_back(now);
            if (waiting.size() == 1)
                heap.push({now + exponential(rng, kService), seq++, 0, Departure, 0});
            heap.push({now + exponential(rng, 1 / kRate), seq++, 0, Arrival, 0});
        } else {
            const double latency = now - waiting.front();
            waiting.pop_front();
            if (now >= kWarmup) {
                ++out.completed;
                sum += latency;
            }
            if (!waiting.empty())
                heap.push({now + exponential(rng, kService), seq++, 0, Departure, 0});
        }
    }
    out.meanLatency = sum / double(out.completed);
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    return out;
}

BareResult bareReference(std::uint64_t requests, std::uint64_t seed)
{
    enum : std::uint8_t { Send, Arrive, Done, Response };
    // Stations: balancer, three web servers, cache, primary, two replicas.
    enum : std::uint8_t { Lb, Web1, Web2, Web3, Cache, Primary, Replica1, Replica2, Stations };
    struct Station {
        int servers;
        double service;
        int busy = 0;
        std::deque<std::uint32_t> queue;
    };
    struct Request {
        double created = 0;
        double back = 0; // network time of the way back
        std::uint64_t key = 0;
        bool write = false;
        bool fill = false;
        std::uint32_t nextFree = 0;
    };
    constexpr double kRate = 2000, kReadFraction = 0.9, kWarmup = 5, kLag = 0.1;
    constexpr std::uint64_t kKeys = 100000;
    constexpr std::uint32_t kNoRequest = 0xffffffffu;

    QElapsedTimer timer;
    timer.start();
    Rng rng(seed);
    const sds::sim::Zipf zipf(kKeys, 0.99);
    sds::sim::CacheStore cache(10000, false);
    std::vector<double> visibleAt(kKeys, -std::numeric_limits<double>::infinity());
    Station st[Stations] = {{64, 0.0001, 0, {}}, {8, 0.005, 0, {}},   {8, 0.005, 0, {}},
                            {8, 0.005, 0, {}},   {16, 0.0005, 0, {}}, {16, 0.004, 0, {}},
                            {16, 0.004, 0, {}},  {16, 0.004, 0, {}}};
    std::vector<Request> pool;
    std::uint32_t freeHead = kNoRequest;
    std::uint64_t rrWeb = 0, rrReplica = 0, stale = 0;
    Heap heap;
    std::uint64_t seq = 0;
    BareResult out;
    double sum = 0;

    const auto arriveAt = [&](double at, std::uint32_t i, std::uint8_t s) {
        heap.push({at, seq++, i, Arrive, s});
    };
    const auto finish = [&](double now, std::uint32_t i) {
        Request &r = pool[i];
        if (r.fill) {
            sds::sim::CacheStore::Evicted evicted;
            cache.put(r.key, now, std::numeric_limits<double>::infinity(), false, &evicted);
        }
        heap.push({now + r.back, seq++, i, Response, 0});
    };

    heap.push({exponential(rng, 1 / kRate), seq++, 0, Send, 0});
    while (out.completed < requests) {
        const Event e = heap.top();
        heap.pop();
        ++out.events;
        const double now = e.time;
        switch (e.type) {
        case Send: {
            std::uint32_t i;
            if (freeHead != kNoRequest) {
                i = freeHead;
                freeHead = pool[i].nextFree;
            } else {
                i = std::uint32_t(pool.size());
                pool.emplace_back();
            }
            Request &r = pool[i];
            r.key = zipf.sample(rng);
            r.write = !(rng.uniform() < kReadFraction);
            r.created = now;
            r.back = 0.020;
            r.fill = false;
            arriveAt(now + 0.020, i, Lb);
            heap.push({now + exponential(rng, 1 / kRate), seq++, 0, Send, 0});
            break;
        }
        case Arrive: {
            Station &s = st[e.station];
            if (s.busy < s.servers) {
                ++s.busy;
                heap.push({now + exponential(rng, s.service), seq++, e.request, Done, e.station});
            } else {
                s.queue.push_back(e.request);
            }
            break;
        }
        case Done: {
            Station &s = st[e.station];
            if (!s.queue.empty()) {
                const std::uint32_t next = s.queue.front();
                s.queue.pop_front();
                heap.push({now + exponential(rng, s.service), seq++, next, Done, e.station});
            } else {
                --s.busy;
            }
            Request &r = pool[e.request];
            switch (e.station) {
            case Lb:
                r.back += 0.0005;
                arriveAt(now + 0.0005, e.request, std::uint8_t(Web1 + rrWeb++ % 3));
                break;
            case Web1:
            case Web2:
            case Web3:
                r.back += 0.0005;
                arriveAt(now + 0.0005, e.request, Cache);
                break;
            case Cache:
                if (!r.write) {
                    if (cache.lookup(r.key, now) != sds::sim::CacheStore::kNoEntry) {
                        finish(now, e.request);
                        break;
                    }
                    r.fill = true;
                } else {
                    cache.erase(r.key);
                }
                r.back += 0.001;
                arriveAt(now + 0.001, e.request,
                         r.write ? std::uint8_t(Primary)
                                 : std::uint8_t(Replica1 + rrReplica++ % 2));
                break;
            case Primary:
                visibleAt[r.key] = now + kLag;
                finish(now, e.request);
                break;
            default:
                if (now < visibleAt[r.key])
                    ++stale;
                finish(now, e.request);
                break;
            }
            break;
        }
        case Response: {
            Request &r = pool[e.request];
            if (now >= kWarmup) {
                ++out.completed;
                sum += now - r.created;
            }
            r.nextFree = freeHead;
            freeHead = e.request;
            break;
        }
        }
    }
    out.meanLatency = sum / double(out.completed);
    out.staleReads = stale;
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    return out;
}

} // namespace bench
