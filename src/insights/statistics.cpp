#include "cairn/insights/statistics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace cairn::insights {
namespace {

// The checks of preconditions below are used only in asserts (gone under NDEBUG).

[[maybe_unused]] bool all_finite(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

bool all_equal(std::span<const double> values) {
  return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

double mean_of(std::span<const double> values) {
  assert(!values.empty() && "the mean of nothing is undefined");
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Σ(v − mean)², from deviations (two passes), which keeps its precision when the values sit
// far from zero (paces in seconds, days since an epoch). Exactly zero when all values agree,
// even where the computed mean is not exactly their value (0.1 three times).
double sum_of_squared_deviations(std::span<const double> values, double mean) {
  if (all_equal(values)) {
    return 0.0;
  }
  double sum = 0.0;
  for (const double v : values) {
    sum += (v - mean) * (v - mean);
  }
  return sum;
}

// The two-sided quantile of Student's t: the q with P(|T| ≤ q) = level.
double t_quantile(double degrees_of_freedom, double level) {
  const boost::math::students_t_distribution<double> distribution(degrees_of_freedom);
  return boost::math::quantile(distribution, 0.5 + level / 2.0);
}

// P(|T| ≥ |t|), at most 1.
double two_sided_p(double t, double degrees_of_freedom) {
  const boost::math::students_t_distribution<double> distribution(degrees_of_freedom);
  const double one_tail = boost::math::cdf(boost::math::complement(distribution, std::abs(t)));
  return std::min(1.0, 2.0 * one_tail);
}

[[maybe_unused]] bool valid_level(double level) { return level > 0.0 && level < 1.0; }

}  // namespace

std::optional<double> Summary::standard_deviation() const {
  if (!variance) {
    return std::nullopt;
  }
  return std::sqrt(*variance);
}

std::optional<Summary> summarize(std::span<const double> values) {
  assert(all_finite(values) && "statistics take finite numbers only");
  if (values.empty()) {
    return std::nullopt;
  }
  Summary summary{.n = values.size(), .mean = mean_of(values), .variance = std::nullopt};
  if (values.size() >= 2) {
    summary.variance =
        sum_of_squared_deviations(values, summary.mean) / static_cast<double>(values.size() - 1);
  }
  return summary;
}

std::optional<double> quantile(std::span<const double> values, double p) {
  assert(all_finite(values) && "statistics take finite numbers only");
  assert(p >= 0.0 && p <= 1.0 && "a quantile's probability is between 0 and 1");
  if (values.empty()) {
    return std::nullopt;
  }
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const double position = static_cast<double>(sorted.size() - 1) * p;
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

std::optional<double> median(std::span<const double> values) { return quantile(values, 0.5); }

std::optional<Interval> mean_interval(std::span<const double> values, double level) {
  assert(valid_level(level) && "a confidence level is strictly between 0 and 1");
  const auto summary = summarize(values);
  if (!summary || !summary->variance || *summary->variance == 0.0) return std::nullopt;
  const auto n = static_cast<double>(summary->n);
  const double half_width = t_quantile(n - 1.0, level) * std::sqrt(*summary->variance / n);
  return Interval{.low = summary->mean - half_width, .high = summary->mean + half_width};
}

std::optional<WelchComparison> welch_compare(std::span<const double> a, std::span<const double> b,
                                             double level) {
  assert(valid_level(level) && "a confidence level is strictly between 0 and 1");
  const auto summary_a = summarize(a);
  const auto summary_b = summarize(b);
  if (!summary_a || !summary_b || !summary_a->variance || !summary_b->variance) {
    return std::nullopt;
  }
  const double var_a = *summary_a->variance;
  const double var_b = *summary_b->variance;
  if (var_a == 0.0 && var_b == 0.0) {
    return std::nullopt;
  }
  const auto n_a = static_cast<double>(summary_a->n);
  const auto n_b = static_cast<double>(summary_b->n);
  const double share_a = var_a / n_a;  // the squared standard error of each mean
  const double share_b = var_b / n_b;
  const double variance_of_difference = share_a + share_b;

  WelchComparison result;
  result.n_a = summary_a->n;
  result.n_b = summary_b->n;
  result.mean_a = summary_a->mean;
  result.mean_b = summary_b->mean;
  result.difference = summary_a->mean - summary_b->mean;
  result.standard_error = std::sqrt(variance_of_difference);
  result.degrees_of_freedom = variance_of_difference * variance_of_difference /
                              (share_a * share_a / (n_a - 1.0) + share_b * share_b / (n_b - 1.0));
  result.t = result.difference / result.standard_error;
  result.p_value = two_sided_p(result.t, result.degrees_of_freedom);
  result.level = level;
  const double half_width = t_quantile(result.degrees_of_freedom, level) * result.standard_error;
  result.interval = {.low = result.difference - half_width, .high = result.difference + half_width};

  const double pooled_df = n_a + n_b - 2.0;
  const double pooled_sd = std::sqrt(((n_a - 1.0) * var_a + (n_b - 1.0) * var_b) / pooled_df);
  const double correction = boost::math::tgamma_ratio(pooled_df / 2.0, (pooled_df - 1.0) / 2.0) /
                            std::sqrt(pooled_df / 2.0);
  result.hedges_g = correction * result.difference / pooled_sd;
  return result;
}

FdrDecisions benjamini_hochberg(std::span<const double> p_values, double q) {
  assert(valid_level(q) && "a false discovery rate is strictly between 0 and 1");
  assert(std::all_of(p_values.begin(), p_values.end(),
                     [](double p) { return p >= 0.0 && p <= 1.0; }) &&
         "p-values are between 0 and 1");
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return p_values[i] < p_values[j]; });

  FdrDecisions decisions{.adjusted = std::vector<double>(m, 1.0),
                         .rejected = std::vector<bool>(m, false),
                         .rejected_count = 0};
  const auto total = static_cast<double>(m);
  // From the largest p-value down: the adjusted value of rank k is the smallest m·p(j)/j over
  // ranks j ≥ k, and the first rank (from the top) that passes its threshold k·q/m decides
  // how many are rejected (the step-up).
  double running_min = 1.0;
  for (std::size_t rank = m; rank >= 1; --rank) {
    const double p = p_values[order[rank - 1]];
    const auto k = static_cast<double>(rank);
    running_min = std::min(running_min, total * p / k);
    decisions.adjusted[order[rank - 1]] = running_min;
    if (decisions.rejected_count == 0 && p <= k * q / total) {
      decisions.rejected_count = rank;
    }
  }
  for (std::size_t rank = 1; rank <= decisions.rejected_count; ++rank) {
    decisions.rejected[order[rank - 1]] = true;
  }
  return decisions;
}

std::optional<LinearTrend> linear_trend(std::span<const double> xs, std::span<const double> ys,
                                        double level) {
  assert(valid_level(level) && "a confidence level is strictly between 0 and 1");
  assert(xs.size() == ys.size() && "a trend pairs each x with one y");
  assert(all_finite(xs) && all_finite(ys) && "statistics take finite numbers only");
  const std::size_t count = xs.size();
  if (count < 3 || all_equal(xs) || all_equal(ys)) {
    return std::nullopt;
  }
  const double mean_x = mean_of(xs);
  const double mean_y = mean_of(ys);
  double sxx = 0.0;
  double sxy = 0.0;
  double syy = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double dx = xs[i] - mean_x;
    const double dy = ys[i] - mean_y;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const double slope = sxy / sxx;
  // Residuals summed directly rather than as syy − slope·sxy, which cancels to noise (or
  // below zero) when the fit is close.
  double sse = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double residual = (ys[i] - mean_y) - slope * (xs[i] - mean_x);
    sse += residual * residual;
  }
  if (sse <= 1e-24 * syy) {
    return std::nullopt;
  }
  LinearTrend trend;
  trend.n = count;
  trend.slope = slope;
  trend.intercept = mean_y - slope * mean_x;
  trend.degrees_of_freedom = static_cast<double>(count - 2);
  trend.standard_error = std::sqrt(sse / trend.degrees_of_freedom / sxx);
  trend.t = slope / trend.standard_error;
  trend.p_value = two_sided_p(trend.t, trend.degrees_of_freedom);
  trend.level = level;
  const double half_width = t_quantile(trend.degrees_of_freedom, level) * trend.standard_error;
  trend.interval = {.low = slope - half_width, .high = slope + half_width};
  return trend;
}

}  // namespace cairn::insights
