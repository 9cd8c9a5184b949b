#include "core/sim/analytic.h"

#include "core/sim/arrivals.h"

#include <cmath>

namespace sds::sim {

namespace {

Prediction notApplicable(const QString &reason)
{
    Prediction p;
    p.reason = reason;
    return p;
}

// Solves A x = b by Gaussian elimination with partial pivoting; false if singular.
bool solve(std::vector<std::vector<double>> a, std::vector<double> b, std::vector<double> &x)
{
    const std::size_t n = b.size();
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < n; ++r) {
            if (std::abs(a[r][col]) > std::abs(a[pivot][col]))
                pivot = r;
        }
        if (std::abs(a[pivot][col]) < 1e-12)
            return false;
        std::swap(a[pivot], a[col]);
        std::swap(b[pivot], b[col]);
        for (std::size_t r = col + 1; r < n; ++r) {
            const double f = a[r][col] / a[col][col];
            for (std::size_t c = col; c < n; ++c)
                a[r][c] -= f * a[col][c];
            b[r] -= f * b[col];
        }
    }
    x.assign(n, 0);
    for (std::size_t r = n; r-- > 0;) {
        double s = b[r];
        for (std::size_t c = r + 1; c < n; ++c)
            s -= a[r][c] * x[c];
        x[r] = s / a[r][r];
    }
    return true;
}

// M/M/c/K with K >= c: blocking probability, mean number in system.
void mmck(int c, int k, double lambda, double mu, double &blocking, double &inSystem)
{
    const double a = lambda / mu;
    std::vector<double> p(std::size_t(k) + 1);
    // Unnormalised in logs, for large c and K.
    std::vector<double> logp(std::size_t(k) + 1);
    logp[0] = 0;
    for (int n = 1; n <= k; ++n)
        logp[std::size_t(n)] =
            logp[std::size_t(n - 1)] + std::log(a) - std::log(double(std::min(n, c)));
    double maxLog = logp[0];
    for (double v : logp)
        maxLog = std::max(maxLog, v);
    double sum = 0;
    for (int n = 0; n <= k; ++n) {
        p[std::size_t(n)] = std::exp(logp[std::size_t(n)] - maxLog);
        sum += p[std::size_t(n)];
    }
    inSystem = 0;
    for (int n = 0; n <= k; ++n) {
        p[std::size_t(n)] /= sum;
        inSystem += n * p[std::size_t(n)];
    }
    blocking = p[std::size_t(k)];
}

} // namespace

double erlangC(int servers, double a)
{
    // Erlang B by its stable recursion, then C from B.
    double b = 1.0;
    for (int k = 1; k <= servers; ++k)
        b = a * b / (k + a * b);
    const double rho = a / servers;
    if (rho >= 1)
        return 1.0;
    return b / (1 - rho * (1 - b));
}

Prediction analyze(const Network &net)
{
    std::vector<std::uint32_t> queues; // node indices of the stations
    std::vector<int> position(net.nodes.size(), -1);
    double gammaTotal = 0;
    for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
        const NodeModel &m = net.nodes[n];
        const QString name = QStringLiteral("'%1'").arg(m.id);
        switch (m.behaviour) {
        case Behaviour::Source:
            if (m.pattern != Pattern::Poisson)
                return notApplicable(
                    QStringLiteral("client %1 does not send Poisson arrivals").arg(name));
            if (m.timeout < kInfinity)
                return notApplicable(
                    QStringLiteral("client %1 has a timeout; abandoned requests and "
                                   "retries are outside the model")
                        .arg(name));
            gammaTotal += offeredRate(m, net.loadFactor);
            break;
        case Behaviour::Station:
        case Behaviour::Balancer:
            if (m.behaviour == Behaviour::Balancer &&
                (m.algorithm == LbAlgorithm::ConsistentHash || m.activePassive))
                return notApplicable(
                    QStringLiteral("load balancer %1 routes by key or standby, not by "
                                   "fixed shares")
                        .arg(name));
            position[n] = int(queues.size());
            queues.push_back(n);
            break;
        case Behaviour::Database:
            if (m.replicas > 0 || m.shards > 1)
                return notApplicable(
                    QStringLiteral("database %1 has replicas or shards; their reads "
                                   "and writes follow keys")
                        .arg(name));
            position[n] = int(queues.size());
            queues.push_back(n);
            break;
        case Behaviour::Cache:
            return notApplicable(
                QStringLiteral("cache %1: its hit ratio depends on the keys, which "
                               "queueing formulas do not see")
                    .arg(name));
        case Behaviour::Queue:
            return notApplicable(
                QStringLiteral("message queue %1 answers clients before the work is "
                               "done")
                    .arg(name));
        case Behaviour::Limiter:
            return notApplicable(QStringLiteral("rate limiter %1 rejects by tokens, not by queue "
                                                "length")
                                     .arg(name));
        }
        if (m.mtbf > 0)
            return notApplicable(QStringLiteral("node %1 fails at random").arg(name));
        for (const Route &r : m.routes) {
            if (r.role != diagram::EdgeRole::Any)
                return notApplicable(
                    QStringLiteral("node %1 routes reads and writes apart").arg(name));
        }
    }
    if (!net.faults.empty())
        return notApplicable(QStringLiteral("the run has scheduled faults"));
    if (gammaTotal <= 0)
        return notApplicable(QStringLiteral("no client sends requests"));

    // Routing probabilities, from every node (clients included) to every queue.
    const auto shares = [&](const NodeModel &m) {
        std::vector<double> out(m.routes.size(), 0);
        if (m.probabilistic) {
            for (std::size_t k = 0; k < m.routes.size(); ++k)
                out[k] = m.routes[k].probability;
        } else {
            double total = 0;
            for (const Route &r : m.routes)
                total += r.weight;
            for (std::size_t k = 0; k < m.routes.size(); ++k)
                out[k] = total > 0 ? m.routes[k].weight / total : 0;
        }
        return out;
    };

    const std::size_t q = queues.size();
    if (q == 0)
        return notApplicable(QStringLiteral("the design has no queueing node"));
    // (I - P^T) lambda = gamma
    std::vector<std::vector<double>> a(q, std::vector<double>(q, 0));
    std::vector<double> gamma(q, 0);
    for (std::size_t i = 0; i < q; ++i)
        a[i][i] = 1;
    for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
        const NodeModel &m = net.nodes[n];
        const auto p = shares(m);
        for (std::size_t k = 0; k < m.routes.size(); ++k) {
            const int to = position[m.routes[k].target];
            if (to < 0)
                continue;
            if (m.behaviour == Behaviour::Source)
                gamma[std::size_t(to)] += offeredRate(m, net.loadFactor) * p[k];
            else if (position[n] >= 0)
                a[std::size_t(to)][std::size_t(position[n])] -= p[k];
        }
    }
    std::vector<double> lambda;
    if (!solve(a, gamma, lambda))
        return notApplicable(QStringLiteral("the routing has a loop that requests never leave"));

    Prediction out;
    out.applicable = true;
    out.throughput = gammaTotal;

    // A single station may have finite capacity or general service.
    // (One visit each: with feedback the formulas would not hold per visit.)
    if (q == 1 && net.nodes[queues[0]].routes.empty()) {
        const NodeModel &m = net.nodes[queues[0]];
        const double l = lambda[0];
        const double s = m.service.mean;
        NodePrediction np;
        np.id = m.id;
        np.arrivalRate = l;
        if (m.capacity > 0) {
            if (m.service.kind != DistKind::Exponential)
                return notApplicable(QStringLiteral("'%1' has finite capacity and non-exponential "
                                                    "service")
                                         .arg(m.id));
            double blocking = 0, inSystem = 0;
            mmck(m.servers, std::max(m.capacity, m.servers), l, 1 / s, blocking, inSystem);
            const double accepted = l * (1 - blocking);
            out.model = QStringLiteral("M/M/c/K");
            out.blocking = blocking;
            out.throughput = gammaTotal * (1 - blocking);
            np.utilization = accepted * s / m.servers;
            np.responseTime = accepted > 0 ? inSystem / accepted : s;
            np.meanQueue = inSystem - accepted * s;
        } else if (m.service.kind != DistKind::Exponential) {
            if (m.servers != 1)
                return notApplicable(QStringLiteral("'%1' has %2 servers with non-exponential "
                                                    "service: no exact formula")
                                         .arg(m.id)
                                         .arg(m.servers));
            const double rho = l * s;
            np.utilization = rho;
            if (rho >= 1) {
                out.stable = false;
                out.unstableNode = m.id;
                np.responseTime = kInfinity;
            } else {
                // Pollaczek–Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)).
                const double es2 = s * s * (1 + m.service.scv());
                const double wq = l * es2 / (2 * (1 - rho));
                np.responseTime = wq + s;
                np.meanQueue = l * wq;
            }
            out.model = m.service.kind == DistKind::Deterministic ? QStringLiteral("M/D/1")
                                                                  : QStringLiteral("M/G/1");
        }
        if (!out.model.isEmpty()) {
            out.nodes.push_back(np);
            double network = 0;
            for (const NodeModel &src : net.nodes) {
                for (const Route &r : src.routes)
                    network += 2 * r.latency * (src.behaviour == Behaviour::Source ? 1.0 : 0.0);
            }
            out.meanLatency = out.stable ? np.responseTime + network : kInfinity;
            return out;
        }
    }

    out.model = QStringLiteral("Jackson network");
    double inSystem = 0;
    for (std::size_t i = 0; i < q; ++i) {
        const NodeModel &m = net.nodes[queues[i]];
        if (m.capacity > 0)
            return notApplicable(QStringLiteral("'%1' has finite capacity, which breaks the "
                                                "product form of a network")
                                     .arg(m.id));
        if (m.service.kind != DistKind::Exponential)
            return notApplicable(QStringLiteral("'%1' has non-exponential service inside a "
                                                "network")
                                     .arg(m.id));
        NodePrediction np;
        np.id = m.id;
        np.arrivalRate = lambda[i];
        const double s = m.service.mean;
        const double offered = lambda[i] * s;
        np.utilization = offered / m.servers;
        if (np.utilization >= 1) {
            out.stable = false;
            if (out.unstableNode.isEmpty())
                out.unstableNode = m.id;
            np.responseTime = kInfinity;
        } else {
            const double wq = s > 0 ? erlangC(m.servers, offered) * s / (m.servers - offered) : 0;
            np.responseTime = wq + s;
            np.meanQueue = lambda[i] * wq;
            inSystem += lambda[i] * np.responseTime;
        }
        out.nodes.push_back(np);
    }
    // Network time: each edge crossed forward and back, weighted by its traffic.
    double network = 0;
    for (std::uint32_t n = 0; n < net.nodes.size(); ++n) {
        const NodeModel &m = net.nodes[n];
        const double flowIn = m.behaviour == Behaviour::Source ? offeredRate(m, net.loadFactor)
                              : position[n] >= 0               ? lambda[std::size_t(position[n])]
                                                               : 0;
        const auto p = shares(m);
        for (std::size_t k = 0; k < m.routes.size(); ++k)
            network += flowIn * p[k] * 2 * m.routes[k].latency;
    }
    // Little's law over the whole network.
    out.meanLatency = out.stable ? (inSystem + network) / gammaTotal : kInfinity;
    return out;
}

} // namespace sds::sim
