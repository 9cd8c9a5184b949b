#include "core/experiment/confidence.h"

#include "core/sim/batchmeans.h"

#include <cmath>
#include <limits>

namespace sds::experiment {

Estimate estimate(const std::vector<double> &values)
{
    Estimate e;
    double sum = 0;
    for (double v : values) {
        if (std::isnan(v)) {
            ++e.missing;
            continue;
        }
        sum += v;
        ++e.n;
    }
    if (e.n == 0) {
        e.mean = e.low = e.high = std::numeric_limits<double>::quiet_NaN();
        return e;
    }
    e.mean = sum / e.n;
    e.low = e.high = e.mean;
    if (e.n < 2)
        return e;
    double squares = 0;
    for (double v : values)
        if (!std::isnan(v))
            squares += (v - e.mean) * (v - e.mean);
    const double half = sim::studentT975(e.n - 1) * std::sqrt(squares / (e.n - 1) / e.n);
    e.low = e.mean - half;
    e.high = e.mean + half;
    return e;
}

} // namespace sds::experiment
