#include "core/srs/fuzz.h"

#include "core/srs/rounding.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sds::srs {

namespace {

// Each band of the interval adds its share to the spread: 15 % of the part
// between 2.5 and 7 days, 10 % of the part from 7 to 20, 5 % beyond.
struct Band {
    double start, end, factor;
};
constexpr Band kBands[] = {
    {2.5, 7.0, 0.15},
    {7.0, 20.0, 0.10},
    {20.0, std::numeric_limits<double>::infinity(), 0.05},
};

quint64 splitmix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

FuzzRange fuzzRange(double interval, int elapsedDays, int maximumInterval)
{
    using detail::roundHalfUp;
    double delta = 1.0;
    for (const Band &b : kBands)
        delta += b.factor * std::max(std::min(interval, b.end) - b.start, 0.0);
    // The spread is measured on the interval before the cap, as the reference does.
    const double capped = std::min(interval, double(maximumInterval));
    double lo = std::max(2.0, roundHalfUp(capped - delta));
    const double hi = std::min(roundHalfUp(capped + delta), double(maximumInterval));
    if (capped > elapsedDays)
        lo = std::max(lo, double(elapsedDays) + 1.0);
    lo = std::min(lo, hi);
    return {int(lo), int(hi)};
}

double fuzzFactor(quint64 seed)
{
    return double(splitmix64(seed) >> 11) * 0x1.0p-53;
}

quint64 fuzzSeed(quint64 cardId, int reps)
{
    // Two rounds, so ids that differ only in the bits reps touches still differ.
    return splitmix64(splitmix64(cardId) ^ quint64(quint32(reps)));
}

int fuzzedInterval(int interval, int elapsedDays, int maximumInterval, double factor)
{
    if (interval < 2.5)
        return interval;
    const FuzzRange r = fuzzRange(interval, elapsedDays, maximumInterval);
    const int moved = int(std::floor(factor * double(r.max - r.min + 1) + r.min));
    return std::clamp(moved, r.min, r.max); // a factor of 1 or more stays at the top
}

} // namespace sds::srs
