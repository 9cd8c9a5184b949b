#pragma once

#include <algorithm>
#include <cmath>

// Rounding as the reference implementation (JavaScript) does it, shared by
// the scheduler's sources; not part of the public API. FSRS rounds most
// intermediate values to 8 decimals, and an interval lands on one side of
// a half or the other depending on the rule, so it has to be the same rule.
namespace sds::srs::detail {

// Math.round: the nearest integer, halves towards +infinity (2.5 -> 3,
// -2.5 -> -2). floor(x + 0.5) is not the same: the addition itself rounds,
// so 0.49999999999999994 would become 1.
inline double roundHalfUp(double x)
{
    const double up = std::ceil(x);
    return up - 0.5 > x ? up - 1.0 : up;
}

// Math.round(x * 1e8) / 1e8, the reference's roundTo(x, 8).
inline double round8(double x)
{
    return roundHalfUp(x * 1e8) / 1e8;
}

// min(max(x, lo), hi), in that order, so lo > hi yields hi as the reference does.
inline double clampTo(double x, double lo, double hi)
{
    return std::min(std::max(x, lo), hi);
}

} // namespace sds::srs::detail
