#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

/**
 * Latency histogram with log-linear buckets in the manner of HdrHistogram:
 * each power of two is split into equal sub-buckets, so any recorded value
 * from 1 microsecond to 1e5 seconds comes back from a quantile query with a
 * relative error of at most 1 %. Recording is O(1) with no allocation;
 * quantiles cost O(buckets), independent of how many values were recorded.
 * The mean, minimum and maximum are kept exactly.
 *
 * Values are rounded to whole nanoseconds and each power of two [2^e, 2^(e+1))
 * ns is cut into 128 buckets of 2^(e-7) ns (4864 buckets, 38 KiB in all); a
 * quantile is the midpoint of its bucket, clamped into [min, max], which is
 * within 1/255 (0.4 %) of every value the bucket holds.
 */
namespace sds::sim {

class LatencyHistogram
{
public:
    LatencyHistogram();

    /**
     * Records a latency in seconds; values below 1 us count as 1 us, above 1e5 s
     * as 1e5 s (a NaN as 1 us), for the mean, minimum and maximum too.
     */
    void record(double seconds);
    void merge(const LatencyHistogram &other);
    void reset();

    std::uint64_t count() const { return m_count; }
    /** Exact mean of the recorded values (0 when empty). */
    double mean() const;
    /** Smallest recorded value (0 when empty). */
    double min() const;
    /** Largest recorded value (0 when empty). */
    double max() const;
    /**
     * The value at quantile @p q in [0, 1] (0.5 = median, 0.99 = p99), in
     * seconds, within 1 % of the exact order statistic; 0 when empty. The
     * order statistic is the value of rank ceil(q * count); q = 0 gives the
     * minimum and q = 1 the maximum.
     */
    double quantile(double q) const;

    /** quantile() for each of @p n values @p qs, given in ascending order, in one pass. */
    void quantiles(const double *qs, double *out, int n) const;

private:
    static constexpr double kMinSeconds = 1e-6;
    static constexpr double kMaxSeconds = 1e5;
    static constexpr std::uint64_t kMinNs = 1'000;
    static constexpr std::uint64_t kMaxNs = 100'000'000'000'000;
    static constexpr int kSubBits = 7; // 128 buckets per power of two
    static constexpr int kMinExponent = static_cast<int>(std::bit_width(kMinNs)) - 1;
    static constexpr int kMaxExponent = static_cast<int>(std::bit_width(kMaxNs)) - 1;
    static constexpr int kBucketCount = (kMaxExponent - kMinExponent + 1) << kSubBits;
    static_assert(kMinExponent - kSubBits >= 2, "buckets at least 4 ns wide: error < 1/255");

    static std::uint64_t toNs(double seconds)
    {
        return static_cast<std::uint64_t>(seconds * 1e9 + 0.5);
    }
    static int bucketOf(std::uint64_t ns)
    {
        const int exponent = static_cast<int>(std::bit_width(ns)) - 1;
        const auto sub = static_cast<int>(ns >> (exponent - kSubBits)) - (1 << kSubBits);
        return ((exponent - kMinExponent) << kSubBits) + sub;
    }
    static double bucketMidpoint(int bucket);

    std::vector<std::uint64_t> m_buckets;
    std::uint64_t m_count = 0;
    // The sum with Neumaier's compensation, so the mean stays exact to rounding
    // over millions of values of mixed magnitude.
    double m_sum = 0;
    double m_sumError = 0;
    double m_min = std::numeric_limits<double>::infinity();
    double m_max = -std::numeric_limits<double>::infinity();
};

inline void LatencyHistogram::record(double seconds)
{
    double x = seconds;
    if (!(x >= kMinSeconds))
        x = kMinSeconds;
    else if (x > kMaxSeconds)
        x = kMaxSeconds;
    ++m_buckets[static_cast<std::size_t>(bucketOf(toNs(x)))];
    ++m_count;
    const double t = m_sum + x;
    m_sumError += (m_sum >= x) ? (m_sum - t) + x : (x - t) + m_sum;
    m_sum = t;
    m_min = x < m_min ? x : m_min;
    m_max = x > m_max ? x : m_max;
}

} // namespace sds::sim
