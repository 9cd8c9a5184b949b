#include "core/sim/batchmeans.h"

#include <algorithm>
#include <cmath>

namespace sds::sim {

BatchMeans::BatchMeans(int maxBatches)
    // Merging in pairs needs an even limit; fewer than 4 would leave 1 batch after a merge.
    : m_maxBatches(std::max(4, maxBatches + (maxBatches & 1)))
{
    m_batchSums.reserve(static_cast<std::size_t>(m_maxBatches));
}

void BatchMeans::add(double value)
{
    ++m_count;
    m_currentSum += value;
    if (++m_currentCount < m_batchSize)
        return;
    if (m_batchSums.size() < static_cast<std::size_t>(m_maxBatches)) {
        m_batchSums.push_back(m_currentSum); // within the reserved capacity
        m_currentSum = 0;
        m_currentCount = 0;
        return;
    }
    // One batch too many: merge neighbours and double the size. The batch just
    // completed becomes the first half of the next, still partial, batch.
    const std::size_t half = m_batchSums.size() / 2;
    for (std::size_t i = 0; i < half; ++i)
        m_batchSums[i] = m_batchSums[2 * i] + m_batchSums[2 * i + 1];
    m_batchSums.resize(half);
    m_batchSize *= 2;
}

ConfidenceInterval BatchMeans::interval95() const
{
    ConfidenceInterval ci;
    const auto k = static_cast<int>(m_batchSums.size());
    ci.batches = k;
    if (k == 0)
        return ci;
    const double size = static_cast<double>(m_batchSize);
    double total = 0;
    for (const double sum : m_batchSums)
        total += sum;
    ci.mean = total / (size * k);
    ci.low = ci.high = ci.mean;
    if (k < 2)
        return ci;
    double squares = 0;
    for (const double sum : m_batchSums) {
        const double d = sum / size - ci.mean;
        squares += d * d;
    }
    const double halfWidth = studentT975(k - 1) * std::sqrt(squares / (k - 1) / k);
    ci.low = ci.mean - halfWidth;
    ci.high = ci.mean + halfWidth;
    ci.valid = true;
    return ci;
}

double studentT975(int df)
{
    // Exact quantiles (rounded to 12 digits) up to 30 degrees of freedom.
    static constexpr double kTable[] = {
        12.7062047362, 4.30265272975, 3.18244630528, 2.77644510520, 2.57058183564, 2.44691185114,
        2.36462425159, 2.30600413520, 2.26215716280, 2.22813885199, 2.20098516009, 2.17881282967,
        2.16036865646, 2.14478668792, 2.13144954556, 2.11990529922, 2.10981557783, 2.10092204024,
        2.09302405441, 2.08596344727, 2.07961384473, 2.07387306790, 2.06865761042, 2.06389856163,
        2.05953855275, 2.05552943864, 2.05183051648, 2.04840714180, 2.04522964213, 2.04227245630,
    };
    constexpr int kTableSize = sizeof(kTable) / sizeof(kTable[0]);
    if (df < 1)
        df = 1;
    if (df <= kTableSize)
        return kTable[df - 1];
    // Above 30, the Cornish-Fisher expansion of t in powers of 1/df around the
    // normal quantile z (Abramowitz and Stegun 26.7.5, four terms); its error
    // is below 3e-8 at df = 31 and falls as df^-5.
    constexpr double z = 1.959963984540054;
    constexpr double z2 = z * z;
    constexpr double g1 = (z2 + 1) * z / 4;
    constexpr double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
    constexpr double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
    constexpr double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
    const double v = 1.0 / df;
    return z + v * (g1 + v * (g2 + v * (g3 + v * g4)));
}

} // namespace sds::sim
