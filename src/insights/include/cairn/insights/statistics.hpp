#pragma once
/// \file
/// The statistics insights rest on: summaries of a sample, Welch's comparison of two groups
/// with an interval, the Benjamini-Hochberg false-discovery-rate control across many
/// comparisons, and a least-squares trend with an interval. Pure functions of their inputs.
///
/// Every function takes finite numbers (no NaN, no infinity; a caller passing one has a bug)
/// and gives finite numbers back: where a result cannot be computed honestly (too few values,
/// no spread to estimate uncertainty from) it is absent, never NaN or infinity. The methods,
/// in words a runner can follow, are in docs/insights.md; the results are checked against
/// scipy on fixed datasets (src/insights/reference/make_reference.py).

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace cairn::insights {

/// The size, mean and spread of a sample.
struct Summary {
  std::size_t n = 0;
  double mean = 0.0;
  /// The sample variance (divided by n − 1); absent for a single value. Exactly zero when
  /// every value is the same.
  std::optional<double> variance;

  /// The sample standard deviation, absent for a single value.
  [[nodiscard]] std::optional<double> standard_deviation() const;
};

/// The summary of `values`, or nothing when there are none.
[[nodiscard]] std::optional<Summary> summarize(std::span<const double> values);

/// The `p`-quantile of `values` (0 ≤ p ≤ 1), interpolating linearly between the order
/// statistics: position (n − 1)·p in the sorted values (Hyndman and Fan's type 7, the default
/// of R and numpy). Nothing when `values` is empty.
[[nodiscard]] std::optional<double> quantile(std::span<const double> values, double p);

/// The median: the middle value, or the mean of the two middle ones. Nothing when empty.
[[nodiscard]] std::optional<double> median(std::span<const double> values);

/// A two-sided interval for an unknown quantity at a confidence level.
struct Interval {
  double low = 0.0;
  double high = 0.0;
};

/// The interval of a sample's mean at `level` (0 < level < 1): mean ± t-quantile((1 +
/// level)/2, n − 1) · s/√n. Nothing with fewer than 2 values or no spread at all.
[[nodiscard]] std::optional<Interval> mean_interval(std::span<const double> values,
                                                    double level = 0.9);

/// The comparison of two groups' means by Welch's t test: no assumption that the groups
/// spread alike.
struct WelchComparison {
  std::size_t n_a = 0;
  std::size_t n_b = 0;
  double mean_a = 0.0;
  double mean_b = 0.0;
  /// mean_a − mean_b, in the unit of the values.
  double difference = 0.0;
  /// The standard error of the difference: √(var_a/n_a + var_b/n_b).
  double standard_error = 0.0;
  /// Welch–Satterthwaite degrees of freedom (not a whole number in general).
  double degrees_of_freedom = 0.0;
  /// difference / standard_error.
  double t = 0.0;
  /// Two-sided p-value of "the means are equal", from Student's t at degrees_of_freedom.
  double p_value = 1.0;
  /// The confidence level of `interval`, e.g. 0.9.
  double level = 0.9;
  /// difference ± t-quantile((1 + level)/2, degrees_of_freedom) · standard_error.
  Interval interval;
  /// Hedges' g: the difference in units of the pooled standard deviation, times the exact
  /// small-sample correction Γ(m/2) / (√(m/2) Γ((m − 1)/2)) with m = n_a + n_b − 2. A
  /// descriptive size for ranking and planting effects; the interval and the p-value do not
  /// use it (they are Welch's, unpooled).
  double hedges_g = 0.0;
};

/// Compares the means of `a` and `b` (difference a − b) with an interval at `level`
/// (0 < level < 1). Nothing when either group has fewer than 2 values (no spread to estimate)
/// or when neither group varies at all (every value in a is the same and every value in b is
/// the same: the standard error is zero, so there is no interval and no test, only the two
/// means, which the caller has).
[[nodiscard]] std::optional<WelchComparison> welch_compare(std::span<const double> a,
                                                           std::span<const double> b,
                                                           double level = 0.9);

/// Which of many hypotheses to reject while keeping the false discovery rate (the expected
/// share of false claims among the claims made) at most q.
struct FdrDecisions {
  /// Benjamini-Hochberg adjusted p-values, in the order of the input: the smallest q at which
  /// each hypothesis would be rejected, capped at 1.
  std::vector<double> adjusted;
  /// rejected[i]: hypothesis i is rejected (its effect may be claimed), in input order.
  std::vector<bool> rejected;
  /// How many are rejected.
  std::size_t rejected_count = 0;
};

/// The Benjamini-Hochberg step-up procedure over every comparison made at once: with the
/// p-values sorted p(1) ≤ … ≤ p(m), find the largest k with p(k) ≤ k·q/m and reject the k
/// smallest. `p_values` each in [0, 1]; 0 < q < 1. Empty in, empty out.
[[nodiscard]] FdrDecisions benjamini_hochberg(std::span<const double> p_values, double q);

/// An ordinary least-squares line y = intercept + slope·x with an interval for the slope.
struct LinearTrend {
  std::size_t n = 0;
  /// Change of y per unit of x (e.g. enjoyment points per week).
  double slope = 0.0;
  double intercept = 0.0;
  /// The standard error of the slope: √(residual variance / Σ(x − x̄)²).
  double standard_error = 0.0;
  /// n − 2.
  double degrees_of_freedom = 0.0;
  /// slope / standard_error.
  double t = 0.0;
  /// Two-sided p-value of "no trend" (slope zero), from Student's t at n − 2.
  double p_value = 1.0;
  double level = 0.9;
  /// slope ± t-quantile((1 + level)/2, n − 2) · standard_error.
  Interval interval;
};

/// Fits y on x by least squares, `xs` and `ys` of the same size, with an interval for the
/// slope at `level` (0 < level < 1). Nothing when there are fewer than 3 points, when every
/// x is the same (no slope), or when every y is the same or the points lie on a line to within
/// rounding (residual sum of squares at most 1e-24 of Σ(y − ȳ)²): no scatter to estimate
/// uncertainty from.
[[nodiscard]] std::optional<LinearTrend> linear_trend(std::span<const double> xs,
                                                      std::span<const double> ys,
                                                      double level = 0.9);

}  // namespace cairn::insights
