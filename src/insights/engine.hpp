#pragma once
// The parts of compute_insights, shared between its files: the runs as observations (each
// with its outcomes and circumstances), the comparisons, the summaries and the prompts.

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cairn/core/journal_data.hpp"
#include "cairn/insights/insights.hpp"

namespace cairn::insights::detail {

inline constexpr std::array all_outcomes{Outcome::enjoyment, Outcome::mood_after,
                                         Outcome::mood_lift, Outcome::energy_lift,
                                         Outcome::effort,    Outcome::days_to_next_run};

/// One run as the insights see it: when, its numbers, its entry's answers as outcomes.
struct Observation {
  const Run* run = nullptr;
  const JournalEntry* entry = nullptr;  // absent when the run has no entry
  LocalDate on{};
  int day = 0;                           // days since 1970-01-01 of `on`
  int hour = 0;                          // local hour of the start
  double start_days = 0.0;               // the start instant in days, for gaps
  std::optional<double> familiar_share;  // from its track, when it has one
  std::optional<std::int64_t> route;     // the route it follows, when another run does too
  std::array<std::optional<double>, all_outcomes.size()> outcomes{};
  [[nodiscard]] const std::optional<double>& outcome(Outcome which) const {
    return outcomes[static_cast<std::size_t>(which)];
  }
};

/// The runs of `data` on or before `as_of`, oldest first, each joined with its entry and
/// with its ground (from `ground`, when it has GPS).
[[nodiscard]] std::vector<Observation> observe(const JournalData& data, LocalDate as_of,
                                               std::span<const RouteFamiliarity> ground = {});

[[nodiscard]] int day_number(LocalDate date);
[[nodiscard]] LocalDate date_of_day(int day);

/// The comparison of one outcome between the observations in `a` and in `b`: means, and a
/// Welch test when both have min_runs_per_group values with spread. Claims are decided later,
/// over every test at once (decide_claims).
[[nodiscard]] Effect compare(Outcome outcome, std::span<const Observation* const> a,
                             std::span<const Observation* const> b);
/// The same over plain values (gaps between runs, alignment ratings).
[[nodiscard]] Effect compare_values(Outcome outcome, std::span<const double> a,
                                    std::span<const double> b);

/// A trend of `ys` over `days` in units per week, tested like a comparison; nothing with
/// fewer than `min_points` points.
[[nodiscard]] std::optional<Trend> weekly_trend(std::span<const double> days,
                                                std::span<const double> ys,
                                                std::size_t min_points = min_runs_per_group);

[[nodiscard]] std::vector<ValueEffect> value_effects(const JournalData& data,
                                                     std::span<const Observation> runs,
                                                     LocalDate as_of);
[[nodiscard]] std::vector<ContextEffect> context_effects(std::span<const Observation> runs);
[[nodiscard]] std::optional<ExperimentCard> card_of(const JournalData& data,
                                                    const Experiment& experiment,
                                                    std::span<const Observation> runs,
                                                    LocalDate as_of);

[[nodiscard]] Volume volume_of(std::span<const Observation> runs, LocalDate as_of);
[[nodiscard]] Motivation motivation_of(const JournalData& data, std::span<const Observation> runs,
                                       LocalDate as_of);
[[nodiscard]] std::vector<ImportanceVsLived> importance_vs_lived(const JournalData& data,
                                                                 std::span<const Observation> runs,
                                                                 LocalDate as_of);
[[nodiscard]] MoodLift mood_lift_of(std::span<const Observation> runs);
/// The routes of `known` run most often up to as_of (by the runs in `runs`).
[[nodiscard]] std::vector<RouteUse> routes_of(std::span<const Observation> runs,
                                              std::span<const KnownRoute> known);

/// Benjamini-Hochberg over every test of `insights` at once: sets each tested item's
/// adjusted p-value and claim, and counts the tests.
void decide_claims(Insights& insights);
/// The sentences of effects, cards and sections, once claims are known.
void describe(Insights& insights);
/// `value_name` names the value an `alignment` outcome is of ("alignment with Calm").
[[nodiscard]] std::string describe_effect(const Effect& effect, const std::string& subject,
                                          const std::string& against, const std::string& side_a,
                                          const std::string& side_b,
                                          const std::string& value_name = {});
[[nodiscard]] std::vector<Prompt> prompts_of(const JournalData& data, const Insights& insights);

/// The name of an outcome as a sentence says it ("mood lift").
[[nodiscard]] std::string outcome_words(Outcome outcome);
/// A level of a circumstance as a sentence says it after "runs": "with a friend", "on new
/// routes", "in the morning".
[[nodiscard]] std::string circumstance(const std::string& factor, const std::string& level);
/// A number as a sentence says it: one decimal.
[[nodiscard]] std::string number(double value);

}  // namespace cairn::insights::detail
