#include "cairn/insights/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace cairn::insights {
namespace {

// The shapes of the reference values that reference/make_reference.py writes with scipy.
struct WelchReference {
  std::string_view name;
  std::span<const double> a;
  std::span<const double> b;
  double level = 0.9;
  bool present = false;
  double mean_a = 0.0;
  double mean_b = 0.0;
  double variance_a = 0.0;
  double variance_b = 0.0;
  double difference = 0.0;
  double standard_error = 0.0;
  double degrees_of_freedom = 0.0;
  double t = 0.0;
  double p_value = 0.0;
  double low = 0.0;
  double high = 0.0;
  double hedges_g = 0.0;
};

struct TrendReference {
  std::string_view name;
  std::span<const double> xs;
  std::span<const double> ys;
  double level = 0.9;
  bool present = false;
  double slope = 0.0;
  double intercept = 0.0;
  double standard_error = 0.0;
  double degrees_of_freedom = 0.0;
  double t = 0.0;
  double p_value = 0.0;
  double low = 0.0;
  double high = 0.0;
};

struct BhReference {
  std::string_view name;
  std::span<const double> p_values;
  double q = 0.05;
  std::span<const double> adjusted;
  std::span<const bool> rejected;
};

struct SampleReference {
  std::string_view name;
  std::span<const double> values;
  double mean = 0.0;
  std::optional<double> variance;
  double median = 0.0;
  std::span<const double> quantiles;
};

#include "reference/statistics_reference.inc"

// Agreement to 1e-6: relative to the value where it is larger than 1, absolute below (and
// relative too for p-values, which matter when they are small).
void expect_near_reference(double actual, double expected, std::string_view what) {
  EXPECT_NEAR(actual, expected, 1e-6 * std::max(1.0, std::abs(expected))) << what;
}

void expect_p_near_reference(double actual, double expected, std::string_view what) {
  expect_near_reference(actual, expected, what);
  if (expected > 0.0) {
    EXPECT_NEAR(actual / expected, 1.0, 1e-6) << what << " (relative)";
  }
}

std::vector<double> repeated(double value, std::size_t count) {
  return std::vector<double>(count, value);
}

TEST(InsightsWelchCompare, AgreesWithScipyOnEveryReferenceDataset) {
  for (const auto& ref : welch_references) {
    SCOPED_TRACE(ref.name);
    const auto result = welch_compare(ref.a, ref.b, ref.level);
    ASSERT_EQ(result.has_value(), ref.present);
    if (!result) {
      continue;
    }
    EXPECT_EQ(result->n_a, ref.a.size());
    EXPECT_EQ(result->n_b, ref.b.size());
    EXPECT_EQ(result->level, ref.level);
    expect_near_reference(result->mean_a, ref.mean_a, "mean a");
    expect_near_reference(result->mean_b, ref.mean_b, "mean b");
    expect_near_reference(result->difference, ref.difference, "difference");
    expect_near_reference(result->standard_error, ref.standard_error, "standard error");
    expect_near_reference(result->degrees_of_freedom, ref.degrees_of_freedom, "df");
    expect_near_reference(result->t, ref.t, "t");
    expect_p_near_reference(result->p_value, ref.p_value, "p");
    expect_near_reference(result->interval.low, ref.low, "interval low");
    expect_near_reference(result->interval.high, ref.high, "interval high");
    expect_near_reference(result->hedges_g, ref.hedges_g, "Hedges' g");
  }
}

// The smallest case in closed form, so a wrong reference file cannot hide a wrong formula:
// a = {0, 2}, b = {1, 3}: both variances 2, standard error √2, t = −1/√2, df = 2, where
// Student's t has F(t) = 1/2 + t / (2√(2 + t²)) and quantile (2p − 1) / √(2p(1 − p)).
TEST(InsightsWelchCompare, MatchesTheClosedFormAtTwoDegreesOfFreedom) {
  const std::vector<double> a{0.0, 2.0};
  const std::vector<double> b{1.0, 3.0};
  const auto result = welch_compare(a, b, 0.9);
  ASSERT_TRUE(result.has_value());
  EXPECT_DOUBLE_EQ(result->difference, -1.0);
  EXPECT_DOUBLE_EQ(result->standard_error, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(result->degrees_of_freedom, 2.0);
  EXPECT_DOUBLE_EQ(result->t, -1.0 / std::sqrt(2.0));
  EXPECT_NEAR(result->p_value, 1.0 - 1.0 / std::sqrt(5.0), 1e-12);
  const double quantile_95 = 0.9 / std::sqrt(2.0 * 0.95 * 0.05);
  EXPECT_NEAR(result->interval.low, -1.0 - quantile_95 * std::sqrt(2.0), 1e-10);
  EXPECT_NEAR(result->interval.high, -1.0 + quantile_95 * std::sqrt(2.0), 1e-10);
  // Pooled sd √2, d = −1/√2, correction Γ(1) / (√1 · Γ(1/2)) = 1/√π.
  EXPECT_NEAR(result->hedges_g, -1.0 / std::sqrt(2.0 * std::numbers::pi), 1e-12);
}

TEST(InsightsWelchCompare, UsesWelchSatterthwaiteDegreesOfFreedom) {
  // var 1 and 4 over 3 each: df = (5/3)² / ((1/3)²/2 + (4/3)²/2) = 50/17, not n_a + n_b − 2.
  const std::vector<double> a{1.0, 2.0, 3.0};
  const std::vector<double> b{4.0, 6.0, 8.0};
  const auto result = welch_compare(a, b);
  ASSERT_TRUE(result.has_value());
  EXPECT_NEAR(result->degrees_of_freedom, 50.0 / 17.0, 1e-12);
  EXPECT_NEAR(result->t, -4.0 / std::sqrt(5.0 / 3.0), 1e-12);
}

TEST(InsightsWelchCompare, IsAntisymmetricInItsGroups) {
  const auto& ref = welch_references[2];
  const auto forward = welch_compare(ref.a, ref.b);
  const auto backward = welch_compare(ref.b, ref.a);
  ASSERT_TRUE(forward && backward);
  EXPECT_DOUBLE_EQ(forward->difference, -backward->difference);
  EXPECT_DOUBLE_EQ(forward->interval.low, -backward->interval.high);
  EXPECT_DOUBLE_EQ(forward->p_value, backward->p_value);
  EXPECT_DOUBLE_EQ(forward->hedges_g, -backward->hedges_g);
}

TEST(InsightsWelchCompare, WidensItsIntervalWithTheLevel) {
  const auto& ref = welch_references[3];
  const auto at_80 = welch_compare(ref.a, ref.b, 0.8);
  const auto at_90 = welch_compare(ref.a, ref.b, 0.9);
  const auto at_99 = welch_compare(ref.a, ref.b, 0.99);
  ASSERT_TRUE(at_80 && at_90 && at_99);
  EXPECT_LT(at_90->interval.low, at_80->interval.low);
  EXPECT_LT(at_99->interval.low, at_90->interval.low);
  EXPECT_GT(at_99->interval.high, at_90->interval.high);
  EXPECT_DOUBLE_EQ(at_80->p_value, at_99->p_value);
}

TEST(InsightsWelchCompare, IsAbsentWithFewerThanTwoValuesInAGroup) {
  const std::vector<double> some{3.0, 4.0, 5.0};
  const std::vector<double> one{4.0};
  const std::vector<double> none;
  EXPECT_FALSE(welch_compare(one, some).has_value());
  EXPECT_FALSE(welch_compare(some, one).has_value());
  EXPECT_FALSE(welch_compare(none, some).has_value());
  EXPECT_FALSE(welch_compare(none, none).has_value());
}

TEST(InsightsWelchCompare, IsAbsentWhenNeitherGroupVaries) {
  EXPECT_FALSE(welch_compare(repeated(4.0, 5), repeated(4.0, 3)).has_value());
  EXPECT_FALSE(welch_compare(repeated(3.0, 5), repeated(5.0, 3)).has_value());
}

// 0.1 three times has a computed mean that is not exactly 0.1; its spread must still be zero,
// or two identical groups would show an enormous t and a p-value of zero.
TEST(InsightsWelchCompare, NeverReportsRoundingAsSpread) {
  EXPECT_FALSE(welch_compare(repeated(0.1, 3), repeated(0.7, 7)).has_value());
  const auto summary = summarize(repeated(0.1, 3));
  ASSERT_TRUE(summary && summary->variance);
  EXPECT_EQ(*summary->variance, 0.0);
}

TEST(InsightsWelchCompare, TakesItsDegreesOfFreedomFromTheVaryingGroupWhenOneIsConstant) {
  const std::vector<double> b{2.0, 5.0, 3.0, 4.0, 1.0};
  const auto result = welch_compare(repeated(4.0, 4), b);
  ASSERT_TRUE(result.has_value());
  EXPECT_DOUBLE_EQ(result->degrees_of_freedom, 4.0);
  EXPECT_TRUE(std::isfinite(result->t) && std::isfinite(result->hedges_g));
  // Student's t at 4 degrees of freedom has a closed-form quantile: 2√(c − 1) with
  // c = cos(arccos(√α)/3)/√α, α = 4p(1 − p). (scipy 1.10's t.ppf is 5e-9 off here.)
  const double alpha = 4.0 * 0.95 * 0.05;
  const double c = std::cos(std::acos(std::sqrt(alpha)) / 3.0) / std::sqrt(alpha);
  const double half_width = 2.0 * std::sqrt(c - 1.0) * std::sqrt(2.5 / 5.0);
  EXPECT_NEAR(result->interval.low, 1.0 - half_width, 1e-12);
  EXPECT_NEAR(result->interval.high, 1.0 + half_width, 1e-12);
}

TEST(InsightsBenjaminiHochberg, AgreesWithItsDefinitionOnEveryReferenceSet) {
  for (const auto& ref : bh_references) {
    SCOPED_TRACE(ref.name);
    const auto decisions = benjamini_hochberg(ref.p_values, ref.q);
    ASSERT_EQ(decisions.adjusted.size(), ref.p_values.size());
    ASSERT_EQ(decisions.rejected.size(), ref.p_values.size());
    std::size_t expected_count = 0;
    for (std::size_t i = 0; i < ref.p_values.size(); ++i) {
      expect_near_reference(decisions.adjusted[i], ref.adjusted[i], "adjusted p");
      EXPECT_EQ(decisions.rejected[i], ref.rejected[i]) << "hypothesis " << i;
      expected_count += ref.rejected[i] ? 1U : 0U;
    }
    EXPECT_EQ(decisions.rejected_count, expected_count);
  }
}

TEST(InsightsBenjaminiHochberg, RejectsOnlyWhatPassesItsRankedThreshold) {
  // Sorted 0.01, 0.03, 0.04, 0.5 against 0.0125, 0.025, 0.0375, 0.05: only the first passes.
  const std::vector<double> p{0.01, 0.04, 0.03, 0.5};
  const auto decisions = benjamini_hochberg(p, 0.05);
  EXPECT_EQ(decisions.rejected, (std::vector<bool>{true, false, false, false}));
  EXPECT_EQ(decisions.rejected_count, 1U);
  // Adjusted: min over later ranks of m·p(j)/j: 0.04, 0.16/3, 0.16/3, 0.5.
  EXPECT_NEAR(decisions.adjusted[0], 0.04, 1e-15);
  EXPECT_NEAR(decisions.adjusted[1], 0.16 / 3.0, 1e-15);
  EXPECT_NEAR(decisions.adjusted[2], 0.16 / 3.0, 1e-15);
  EXPECT_NEAR(decisions.adjusted[3], 0.5, 1e-15);
}

TEST(InsightsBenjaminiHochberg, StepsUpPastASmallerPValueThatMissedItsThreshold) {
  // 0.02 > 0.05/3, but 0.025 ≤ 2·0.05/3, so both are rejected.
  const std::vector<double> p{0.02, 0.025, 0.9};
  const auto decisions = benjamini_hochberg(p, 0.05);
  EXPECT_EQ(decisions.rejected, (std::vector<bool>{true, true, false}));
}

TEST(InsightsBenjaminiHochberg, IsStricterThanTestingEachAlone) {
  // 0.04 alone is below 0.05, but as the smallest of ten it must be below 0.05/10.
  const std::vector<double> p{0.04, 0.2, 0.3, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  const auto decisions = benjamini_hochberg(p, 0.05);
  EXPECT_EQ(decisions.rejected_count, 0U);
  EXPECT_NEAR(decisions.adjusted[0], 0.4, 1e-15);
}

TEST(InsightsBenjaminiHochberg, RejectsEveryTieTogether) {
  // Ten p-values of 0.04: the largest rank passes (0.04 ≤ 10·0.05/10), so all do.
  const auto decisions = benjamini_hochberg(repeated(0.04, 10), 0.05);
  EXPECT_EQ(decisions.rejected_count, 10U);
  EXPECT_TRUE(std::all_of(decisions.rejected.begin(), decisions.rejected.end(),
                          [](bool rejected) { return rejected; }));
}

TEST(InsightsBenjaminiHochberg, GivesNothingForNothing) {
  const auto decisions = benjamini_hochberg({}, 0.05);
  EXPECT_TRUE(decisions.adjusted.empty());
  EXPECT_TRUE(decisions.rejected.empty());
  EXPECT_EQ(decisions.rejected_count, 0U);
}

TEST(InsightsLinearTrend, AgreesWithScipyOnEveryReferenceDataset) {
  for (const auto& ref : trend_references) {
    SCOPED_TRACE(ref.name);
    const auto trend = linear_trend(ref.xs, ref.ys, ref.level);
    ASSERT_EQ(trend.has_value(), ref.present);
    if (!trend) {
      continue;
    }
    EXPECT_EQ(trend->n, ref.xs.size());
    expect_near_reference(trend->slope, ref.slope, "slope");
    expect_near_reference(trend->intercept, ref.intercept, "intercept");
    expect_near_reference(trend->standard_error, ref.standard_error, "standard error");
    expect_near_reference(trend->degrees_of_freedom, ref.degrees_of_freedom, "df");
    expect_near_reference(trend->t, ref.t, "t");
    expect_p_near_reference(trend->p_value, ref.p_value, "p");
    expect_near_reference(trend->interval.low, ref.low, "interval low");
    expect_near_reference(trend->interval.high, ref.high, "interval high");
  }
}

// x = 0..3, y = 1, 3, 2, 4: Σ(x − x̄)² = 5, Σ(x − x̄)(y − ȳ) = 4, slope 0.8, residuals
// ±0.3, ±0.9, standard error √(1.8/2/5); at 2 degrees of freedom p = 1 − t/√(2 + t²) = 0.2.
TEST(InsightsLinearTrend, MatchesTheClosedFormOnFourPoints) {
  const std::vector<double> xs{0.0, 1.0, 2.0, 3.0};
  const std::vector<double> ys{1.0, 3.0, 2.0, 4.0};
  const auto trend = linear_trend(xs, ys, 0.9);
  ASSERT_TRUE(trend.has_value());
  EXPECT_NEAR(trend->slope, 0.8, 1e-15);
  EXPECT_NEAR(trend->intercept, 1.3, 1e-15);
  EXPECT_NEAR(trend->standard_error, std::sqrt(0.18), 1e-15);
  EXPECT_NEAR(trend->p_value, 0.2, 1e-12);
  const double quantile_95 = 0.9 / std::sqrt(2.0 * 0.95 * 0.05);
  EXPECT_NEAR(trend->interval.low, 0.8 - quantile_95 * std::sqrt(0.18), 1e-10);
}

TEST(InsightsLinearTrend, IsAbsentWithoutPointsOrScatterToJudgeBy) {
  const std::vector<double> two_x{0.0, 1.0};
  const std::vector<double> two_y{1.0, 2.0};
  EXPECT_FALSE(linear_trend(two_x, two_y).has_value());
  const std::vector<double> xs{0.0, 1.0, 2.0, 3.0};
  EXPECT_FALSE(linear_trend(repeated(2.0, 4), xs).has_value());
  EXPECT_FALSE(linear_trend(xs, repeated(4.0, 4)).has_value());
  // The computed mean of three 0.1s is not 0.1, so their deviations are not zero either.
  const std::vector<double> three_x{0.0, 1.0, 2.0};
  EXPECT_FALSE(linear_trend(three_x, repeated(0.1, 3)).has_value());
  // On a line up to rounding: 0.1 is not exactly representable.
  const std::vector<double> line{0.1, 0.2, 0.3, 0.4};
  EXPECT_FALSE(linear_trend(xs, line).has_value());
}

TEST(InsightsSummarize, AgreesWithNumpy) {
  for (const auto& ref : sample_references) {
    SCOPED_TRACE(ref.name);
    const auto summary = summarize(ref.values);
    ASSERT_TRUE(summary.has_value());
    EXPECT_EQ(summary->n, ref.values.size());
    expect_near_reference(summary->mean, ref.mean, "mean");
    ASSERT_EQ(summary->variance.has_value(), ref.variance.has_value());
    if (ref.variance) {
      expect_near_reference(*summary->variance, *ref.variance, "variance");
      expect_near_reference(*summary->standard_deviation(), std::sqrt(*ref.variance), "sd");
    } else {
      EXPECT_FALSE(summary->standard_deviation().has_value());
    }
  }
  for (const auto& ref : welch_references) {
    SCOPED_TRACE(ref.name);
    if (!ref.present) {
      continue;
    }
    expect_near_reference(summarize(ref.a)->variance.value_or(-1.0), ref.variance_a, "var a");
    expect_near_reference(summarize(ref.b)->variance.value_or(-1.0), ref.variance_b, "var b");
  }
}

TEST(InsightsSummarize, IsAbsentForNoValues) { EXPECT_FALSE(summarize({}).has_value()); }

TEST(InsightsSummarize, KeepsItsPrecisionFarFromZero) {
  const std::vector<double> values{1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0};
  const auto summary = summarize(values);
  ASSERT_TRUE(summary && summary->variance);
  EXPECT_NEAR(*summary->variance, 30.0, 1e-6);
}

TEST(InsightsQuantile, AgreesWithNumpysLinearMethod) {
  for (const auto& ref : sample_references) {
    SCOPED_TRACE(ref.name);
    for (std::size_t i = 0; i < quantile_probabilities.size(); ++i) {
      const auto value = quantile(ref.values, quantile_probabilities[i]);
      ASSERT_TRUE(value.has_value());
      expect_near_reference(*value, ref.quantiles[i], "quantile");
    }
    expect_near_reference(median(ref.values).value_or(-1e300), ref.median, "median");
  }
}

TEST(InsightsQuantile, InterpolatesBetweenOrderStatistics) {
  const std::vector<double> values{10.0, 0.0, 30.0, 20.0};
  EXPECT_DOUBLE_EQ(*quantile(values, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(*quantile(values, 0.5), 15.0);
  EXPECT_DOUBLE_EQ(*quantile(values, 0.9), 27.0);
  EXPECT_DOUBLE_EQ(*quantile(values, 1.0), 30.0);
  EXPECT_DOUBLE_EQ(*median(values), 15.0);
}

TEST(InsightsQuantile, IsAbsentForNoValues) {
  EXPECT_FALSE(quantile({}, 0.5).has_value());
  EXPECT_FALSE(median({}).has_value());
}

}  // namespace
}  // namespace cairn::insights

namespace cairn::insights {
namespace {

// scipy.stats.t.interval(0.9, n - 1, loc=mean, scale=scipy.stats.sem(values)), scipy 1.10.1,
// to the 1e-6 of every reference check (scipy's t quantile at 4 degrees of freedom is itself
// 5e-9 off the exact value; see InsightsWelchCompare).
TEST(InsightsMeanInterval, AgreesWithScipy) {
  const std::vector<double> small{1, 2, 3, 4, 5};
  const auto first = mean_interval(small, 0.9);
  ASSERT_TRUE(first.has_value());
  EXPECT_NEAR(first->low, 1.4925566844663936, 1e-6);
  EXPECT_NEAR(first->high, 4.507443315533606, 1e-6);
  const std::vector<double> mixed{2.5, 3.1, -0.4, 7.7, 1.2, 3.3, 0.0, 2.2};
  const auto second = mean_interval(mixed, 0.9);
  ASSERT_TRUE(second.has_value());
  EXPECT_NEAR(second->low, 0.7618798868742991, 1e-6);
  EXPECT_NEAR(second->high, 4.1381201131257, 1e-6);
}

TEST(InsightsMeanInterval, IsAbsentWithoutSpread) {
  EXPECT_FALSE(mean_interval(std::vector<double>{3.0}, 0.9).has_value());
  EXPECT_FALSE(mean_interval(std::vector<double>{2.0, 2.0, 2.0}, 0.9).has_value());
}

}  // namespace
}  // namespace cairn::insights
