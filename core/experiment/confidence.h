#pragma once

#include <vector>

/**
 * A mean over independent replications with its 95 % confidence interval
 * (Student t with n - 1 degrees of freedom). Values that are not numbers (a
 * latency where nothing was answered) are left out and counted apart, so
 * one starved run neither poisons the mean nor hides.
 */
namespace sds::experiment {

struct Estimate {
    double mean = 0;
    double low = 0; ///< 95 % interval; equal to mean with fewer than 2 values
    double high = 0;
    int n = 0;       ///< values that entered the mean
    int missing = 0; ///< values left out (NaN)

    bool valid() const { return n > 0; }
    double halfWidth() const { return (high - low) / 2; }
};

Estimate estimate(const std::vector<double> &values);

} // namespace sds::experiment
