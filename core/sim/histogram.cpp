#include "core/sim/histogram.h"

#include <algorithm>
#include <cmath>

namespace sds::sim {

// Worst case of the quantile error: a bucket of width w ns starts at L >= 128 w
// and holds the values whose nanosecond rounding lies in [L, L + w - 1], that
// is real values in [L - 1/2, L + w - 1/2). Its midpoint L + (w - 1) / 2 is
// at most w / 2 from any of them, relative error <= w / (2 (128 w - 1/2)),
// below 1/255 since w >= 4 (buckets start at 2^9 ns; see the static_assert).

LatencyHistogram::LatencyHistogram()
    : m_buckets(kBucketCount, 0)
{}

double LatencyHistogram::bucketMidpoint(int bucket)
{
    const int exponent = (bucket >> kSubBits) + kMinExponent;
    const int shift = exponent - kSubBits;
    const std::uint64_t sub = static_cast<std::uint64_t>(bucket & ((1 << kSubBits) - 1));
    const std::uint64_t lower = ((std::uint64_t{1} << kSubBits) + sub) << shift;
    const std::uint64_t width = std::uint64_t{1} << shift;
    return (static_cast<double>(lower) + 0.5 * static_cast<double>(width - 1)) * 1e-9;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (int i = 0; i < kBucketCount; ++i)
        m_buckets[static_cast<std::size_t>(i)] += other.m_buckets[static_cast<std::size_t>(i)];
    m_count += other.m_count;
    const double t = m_sum + other.m_sum;
    m_sumError += (std::fabs(m_sum) >= std::fabs(other.m_sum)) ? (m_sum - t) + other.m_sum
                                                               : (other.m_sum - t) + m_sum;
    m_sumError += other.m_sumError;
    m_sum = t;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::reset()
{
    // Only buckets between the extremes were touched; the charts reset a
    // histogram every sample, so clearing 38 KiB each time would show.
    if (m_count > 0) {
        const auto first = m_buckets.begin() + bucketOf(toNs(m_min));
        const auto last = m_buckets.begin() + bucketOf(toNs(m_max)) + 1;
        std::fill(first, last, 0);
    }
    m_count = 0;
    m_sum = 0;
    m_sumError = 0;
    m_min = std::numeric_limits<double>::infinity();
    m_max = -std::numeric_limits<double>::infinity();
}

double LatencyHistogram::mean() const
{
    return m_count == 0 ? 0.0 : (m_sum + m_sumError) / static_cast<double>(m_count);
}

double LatencyHistogram::min() const
{
    return m_count == 0 ? 0.0 : m_min;
}

double LatencyHistogram::max() const
{
    return m_count == 0 ? 0.0 : m_max;
}

void LatencyHistogram::quantiles(const double *qs, double *out, int n) const
{
    // One scan for several quantiles, in ascending order of q.
    int k = 0;
    for (; k < n && (m_count == 0 || !(qs[k] > 0) || qs[k] >= 1); ++k)
        out[k] = quantile(qs[k]);
    if (k == n)
        return;
    const double count = static_cast<double>(m_count);
    const int first = bucketOf(toNs(m_min));
    const int last = bucketOf(toNs(m_max));
    const auto rankOf = [count](double q) {
        return static_cast<std::uint64_t>(std::clamp(std::ceil(q * count), 1.0, count));
    };
    std::uint64_t rank = rankOf(qs[k]);
    std::uint64_t seen = 0;
    for (int i = first; i <= last && k < n; ++i) {
        seen += m_buckets[static_cast<std::size_t>(i)];
        while (k < n && qs[k] > 0 && qs[k] < 1 && seen >= rank) {
            out[k++] = std::clamp(bucketMidpoint(i), m_min, m_max);
            if (k < n)
                rank = rankOf(qs[k]);
        }
    }
    for (; k < n; ++k)
        out[k] = quantile(qs[k]);
}

double LatencyHistogram::quantile(double q) const
{
    if (m_count == 0)
        return 0.0;
    if (!(q > 0))
        return m_min;
    if (q >= 1)
        return m_max;
    const double count = static_cast<double>(m_count);
    const auto rank = static_cast<std::uint64_t>(std::clamp(std::ceil(q * count), 1.0, count));
    // Only the buckets between the extremes can hold anything.
    const int first = bucketOf(toNs(m_min));
    const int last = bucketOf(toNs(m_max));
    std::uint64_t seen = 0;
    for (int i = first; i <= last; ++i) {
        seen += m_buckets[static_cast<std::size_t>(i)];
        if (seen >= rank)
            return std::clamp(bucketMidpoint(i), m_min, m_max);
    }
    return m_max; // not reached: the buckets add up to m_count
}

} // namespace sds::sim
