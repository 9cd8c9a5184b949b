#pragma once

#include <cstdint>
#include <vector>

/**
 * Confidence intervals for the mean of a correlated output series (the
 * latencies of successive requests, or throughput per interval) by the
 * method of batch means: the series is cut into consecutive batches of equal
 * size, whose means are nearly independent when batches are long, and a
 * Student-t interval is built from the batch means. The batch size doubles
 * (merging neighbours) whenever the number of batches would exceed the
 * limit, so memory stays bounded however long the run; the last, partial
 * batch is left out.
 */
namespace sds::sim {

struct ConfidenceInterval {
    double mean = 0;    ///< mean of all observations in complete batches
    double low = 0;     ///< lower end of the 95 % interval
    double high = 0;    ///< upper end of the 95 % interval
    int batches = 0;    ///< complete batches the interval rests on
    bool valid = false; ///< false with fewer than 2 complete batches
};

class BatchMeans
{
public:
    /**
     * @p maxBatches: even, at least 4 (an odd value is rounded up, a smaller one
     * raised to 4). When a batch completes with @p maxBatches already complete,
     * neighbours are merged in pairs and the batch size doubles, so once the
     * limit has been reached there are always between maxBatches / 2 and
     * maxBatches complete batches.
     */
    explicit BatchMeans(int maxBatches = 64);

    void add(double value);
    std::uint64_t count() const { return m_count; }
    /** 95 % confidence interval for the mean, from the complete batches. */
    ConfidenceInterval interval95() const;

private:
    int m_maxBatches;
    std::uint64_t m_batchSize = 1;
    std::vector<double> m_batchSums; // complete batches
    double m_currentSum = 0;
    std::uint64_t m_currentCount = 0;
    std::uint64_t m_count = 0;
};

/**
 * The 97.5 % quantile of Student's t with @p df degrees of freedom (>= 1; less
 * counts as 1), the factor of a two-sided 95 % interval: exact (12 digits)
 * up to df = 30, above that the Cornish-Fisher expansion, within 3e-8.
 */
double studentT975(int df);

} // namespace sds::sim
