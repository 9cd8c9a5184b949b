#include "core/sim/simulation.h"
#include "core/sim/simulationimpl.h"

#include <algorithm>

namespace sds::sim {

Snapshot Simulation::snapshot(std::size_t maxInFlight) const
{
    Snapshot s;
    s.metrics = metrics();
    s.samples = d->sampler.samples.size();
    if (maxInFlight == 0 || d->req.live() == 0)
        return s;
    const RequestPool &pool = d->req;
    const auto drawn = [](const Request &r) {
        return r.state == RequestState::Transit || r.state == RequestState::Service;
    };
    std::size_t drawable = 0;
    for (std::uint32_t i = 0; i < pool.size(); ++i)
        drawable += drawn(pool[i]) ? 1 : 0;
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
    for (std::uint32_t i = 0; i < pool.size(); ++i) {
        const Request &r = pool[i];
        if (!drawn(r))
            continue;
        if (!take())
            continue;
        InFlight f;
        f.node = r.node;
        f.write = r.op == Op::Write;
        if (r.state == RequestState::Transit) {
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
            f.write = pool[st.queue.at(p)].op == Op::Write;
            s.inFlight.push_back(f);
        }
    }
    if (s.inFlight.size() > maxInFlight)
        s.inFlight.resize(maxInFlight);
    return s;
}

} // namespace sds::sim
