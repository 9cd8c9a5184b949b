#pragma once

#include "core/srs/srsparams.h"

#include <algorithm>
#include <array>
#include <cmath>

// Forward-mode automatic differentiation over the 21 FSRS weights, for the
// optimiser; not part of the public API. A Dual carries a value and its
// partial derivatives with respect to every weight, so one pass through a
// card's history gives the loss and its whole gradient: 22 multiplications
// per operation instead of 22 passes for finite differences, and exact.
namespace sds::srs::detail {

struct Dual {
    double v = 0;
    std::array<double, kWeightCount> d{};

    Dual() = default;
    Dual(double value) // NOLINT: a constant has no derivative, so mixing reads naturally
        : v(value)
    {}

    static Dual variable(double value, int index)
    {
        Dual x(value);
        x.d[std::size_t(index)] = 1.0;
        return x;
    }

    // this * a + b * other, applied to the derivatives: the chain rule's common shape.
    static Dual combine(double value, const Dual &x, double dx, const Dual &y, double dy)
    {
        Dual r(value);
        for (std::size_t i = 0; i < r.d.size(); ++i)
            r.d[i] = x.d[i] * dx + y.d[i] * dy;
        return r;
    }
    static Dual scaled(double value, const Dual &x, double dx)
    {
        Dual r(value);
        for (std::size_t i = 0; i < r.d.size(); ++i)
            r.d[i] = x.d[i] * dx;
        return r;
    }
};

inline Dual operator+(const Dual &a, const Dual &b)
{
    return Dual::combine(a.v + b.v, a, 1.0, b, 1.0);
}
inline Dual operator-(const Dual &a, const Dual &b)
{
    return Dual::combine(a.v - b.v, a, 1.0, b, -1.0);
}
inline Dual operator*(const Dual &a, const Dual &b)
{
    return Dual::combine(a.v * b.v, a, b.v, b, a.v);
}
inline Dual operator/(const Dual &a, const Dual &b)
{
    const double q = a.v / b.v;
    return Dual::combine(q, a, 1.0 / b.v, b, -q / b.v);
}
inline Dual operator-(const Dual &a)
{
    return Dual::scaled(-a.v, a, -1.0);
}
inline Dual operator+(const Dual &a, double b)
{
    Dual r = a;
    r.v += b;
    return r;
}
inline Dual operator+(double a, const Dual &b)
{
    return b + a;
}
inline Dual operator-(const Dual &a, double b)
{
    return a + (-b);
}
inline Dual operator-(double a, const Dual &b)
{
    return Dual::scaled(a - b.v, b, -1.0);
}
inline Dual operator*(const Dual &a, double b)
{
    return Dual::scaled(a.v * b, a, b);
}
inline Dual operator*(double a, const Dual &b)
{
    return b * a;
}
inline Dual operator/(const Dual &a, double b)
{
    return a * (1.0 / b);
}
inline Dual operator/(double a, const Dual &b)
{
    const double q = a / b.v;
    return Dual::scaled(q, b, -q / b.v);
}

inline Dual exp(const Dual &a)
{
    const double e = std::exp(a.v);
    return Dual::scaled(e, a, e);
}
inline Dual log(const Dual &a)
{
    return Dual::scaled(std::log(a.v), a, 1.0 / a.v);
}
// a^b with a > 0: d(a^b) = a^b (b' ln a + b a'/a).
inline Dual pow(const Dual &a, const Dual &b)
{
    const double p = std::pow(a.v, b.v);
    return Dual::combine(p, a, p * b.v / a.v, b, p * std::log(a.v));
}
inline Dual pow(const Dual &a, double b)
{
    const double p = std::pow(a.v, b);
    return Dual::scaled(p, a, b * std::pow(a.v, b - 1.0));
}
inline Dual pow(double a, const Dual &b)
{
    const double p = std::pow(a, b.v);
    return Dual::scaled(p, b, p * std::log(a));
}

// Clamping cuts the derivative where a bound applies, as in any autodiff
// library: past the bound the value no longer moves with the weights.
inline Dual maxOf(const Dual &a, double lo)
{
    return a.v >= lo ? a : Dual(lo);
}
inline Dual minOf(const Dual &a, const Dual &b)
{
    return a.v <= b.v ? a : b;
}
inline Dual clampOf(const Dual &a, double lo, double hi)
{
    return a.v < lo ? Dual(lo) : (a.v > hi ? Dual(hi) : a);
}

inline double value(const Dual &a)
{
    return a.v;
}

// maxOf, minOf and clampOf for plain doubles are in fsrsformulas.h, where
// the model written once for both types uses them.
inline double value(double a)
{
    return a;
}

} // namespace sds::srs::detail
