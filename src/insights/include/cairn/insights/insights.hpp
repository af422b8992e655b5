#pragma once
/// \file
/// What a runner's journal says, computed from a snapshot of it: which values and which
/// circumstances went with better runs, whether the runner lives what they rank high,
/// whether motivation is holding, how experiments came out, and the miles and minutes. Pure
/// computation: the caller hands the data and the date; nothing is read or stored here.
///
/// Every difference comes with a 90% interval and the number of runs behind it; a claim is
/// made only with at least `min_runs_per_group` runs on each side and only when it survives
/// the Benjamini-Hochberg control of the false discovery rate across every comparison made
/// at once. The methods, in a runner's words, are in docs/insights.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/journal_data.hpp"
#include "cairn/core/route.hpp"
#include "cairn/core/time.hpp"
#include "cairn/insights/statistics.hpp"

namespace cairn::insights {

/// The fewest runs on each side of a comparison before anything is claimed about it.
inline constexpr std::size_t min_runs_per_group = 10;
/// The confidence level of every interval.
inline constexpr double interval_level = 0.9;
/// The false discovery rate the claims are held to, across all comparisons made at once.
inline constexpr double false_discovery_rate = 0.05;
/// A run rated this or higher for a value (1-10) is "well aligned" with it.
inline constexpr int well_aligned_rating = 7;
/// A run with GPS is on familiar ground when at least this share of it was run before, and
/// on a new route when less than `new_ground_share` was (in between: mixed). A quarter
/// leaves room for the way out of the door and back on a run that is otherwise new.
inline constexpr double familiar_ground_share = 0.75;
inline constexpr double new_ground_share = 0.25;
/// How many of the routes run most often the insights list.
inline constexpr std::size_t routes_listed = 5;

/// What a comparison looks at, per run.
enum class Outcome : std::uint8_t {
  enjoyment,         ///< 1-10
  mood_after,        ///< 1-5
  mood_lift,         ///< mood after − mood before
  energy_lift,       ///< energy after − energy before
  effort,            ///< perceived effort 1-10
  days_to_next_run,  ///< days from this run's start to the next run's
  /// The rating of the experiment's value (1-10): only in experiment cards, where the
  /// question is first whether the practice lived the value.
  alignment,
};
/// "enjoyment", "mood_after", "mood_lift", "energy_lift", "effort", "days_to_next_run",
/// "alignment".
[[nodiscard]] std::string_view outcome_name(Outcome outcome);

/// One comparison of an outcome between two groups of runs (a minus b).
struct Effect {
  Outcome outcome = Outcome::enjoyment;
  std::size_t n_a = 0;
  std::size_t n_b = 0;
  std::optional<double> mean_a;  ///< absent when the group is empty
  std::optional<double> mean_b;
  /// mean a − mean b; absent unless both groups have runs.
  std::optional<double> difference;
  /// The interval of the difference at `interval_level`; absent with fewer than 2 runs on a
  /// side or no spread at all.
  std::optional<Interval> interval;
  std::optional<double> p_value;           ///< Welch's, two-sided; absent without a test
  std::optional<double> adjusted_p_value;  ///< Benjamini-Hochberg, over all tests at once
  /// A test was made: both sides have min_runs_per_group runs and there is spread.
  bool tested = false;
  /// The difference survives the false-discovery-rate control: it may be claimed.
  bool claim = false;
  /// More runs needed before a claim can be weighed (0 once both sides have enough).
  std::size_t runs_needed_a = 0;
  std::size_t runs_needed_b = 0;
};

/// How runs well aligned with a value differed from the other runs rated for it.
struct ValueEffect {
  ValueId value{};
  std::string value_name;
  Effect effect;  ///< a = well aligned (rated ≥ well_aligned_rating), b = rated lower
  std::string text;
};

/// How runs in one circumstance differed from runs in another.
struct ContextEffect {
  std::string factor;   ///< "company", "route", "time_of_day", "distance", "setting", ...
  std::string level_a;  ///< e.g. "friend"
  std::string level_b;  ///< the most common level of the factor, e.g. "alone"
  Effect effect;
  std::string text;
};

/// A suggestion to look at a value again, and what it rests on.
struct Prompt {
  std::string kind;  ///< "ranked_high_rarely_lived", "alignment_without_lift", ...
  std::optional<ValueId> value;
  std::string text;
  std::vector<ValueEffect> value_evidence;
  std::vector<ContextEffect> context_evidence;
};

/// A value's importance beside how much recent running and life lived it.
struct ImportanceVsLived {
  ValueId value{};
  std::string value_name;
  int importance = 0;  ///< 1-10
  /// Runs with an entry in the last eight weeks, on days the value was held.
  std::size_t recent_runs = 0;
  std::size_t rated_runs = 0;    ///< recent runs rated for it
  std::size_t aligned_runs = 0;  ///< of those, well aligned
  /// aligned_runs / recent runs (rated or not); absent when none of them was rated for it.
  std::optional<double> lived_share;
  std::optional<double> mean_alignment;  ///< over the rated recent runs
  std::optional<double> life_area_mean;  ///< recent check-ins' rating of its life area
  std::optional<double> gap;             ///< importance/10 − lived, the larger the wider
  std::string text;
};

/// A weekly (or other) trend with its interval, per week.
struct Trend {
  std::size_t n = 0;
  double slope_per_week = 0.0;
  std::optional<Interval> interval;
  std::optional<double> p_value;
  std::optional<double> adjusted_p_value;
  bool claim = false;
};

struct Motivation {
  std::optional<double> recent_enjoyment;     ///< mean over the recent window
  std::optional<double> earlier_enjoyment;    ///< mean over the half-year before it
  std::optional<Trend> enjoyment_trend;       ///< over the recent window
  std::optional<Trend> self_direction_trend;  ///< check-ins' motivation quality, recent
  std::optional<double> usual_gap_days;       ///< median days between runs, half a year
  std::optional<double> long_gap_days;        ///< 90th percentile of those gaps
  std::optional<double> days_since_last_run;
  std::optional<Effect> gaps_recent_vs_usual;  ///< recent gaps minus earlier gaps
  std::vector<std::string> warnings;           ///< plain sentences, empty when all is well
  std::string text;
};

struct MoodLift {
  std::size_t n = 0;
  std::optional<double> mean;
  std::optional<Interval> interval;
  std::string largest_when;  ///< the circumstance with the largest lift, when one stands out
  std::string text;
};

struct Week {
  LocalDate monday{};
  double distance_m = 0.0;
  double seconds = 0.0;
  std::size_t runs = 0;
};

struct RunMark {
  RunId run{};
  LocalDate on{};
  double distance_m = 0.0;
  double seconds = 0.0;
  std::optional<double> pace_s_per_km;
};

struct Volume {
  std::vector<Week> weeks;  ///< every week from the first run's to as_of's, oldest first
  std::size_t total_runs = 0;
  double total_distance_m = 0.0;
  double total_seconds = 0.0;
  std::size_t current_streak_weeks = 0;  ///< weeks in a row with a run, up to as_of's
  std::size_t longest_streak_weeks = 0;
  std::optional<int> longest_gap_days;
  std::optional<Trend> pace_trend;        ///< seconds per km per week, last half-year
  std::optional<Trend> heart_rate_trend;  ///< bpm per week, last half-year
  std::vector<RunMark> longest_runs;      ///< the five longest
  /// The fastest average pace of a run at least as long as each distance (5 km, 10 km,
  /// half, marathon), from the runs' summaries (tracks are not read).
  std::vector<std::pair<std::string, RunMark>> best_efforts;
};

/// One week of an experiment's small goal: what the runs inside it measured against the
/// target. Weeks run Monday to Sunday; the first and last may hold only part of the period.
struct GoalWeek {
  LocalDate week_of{};   ///< its Monday
  int days = 7;          ///< days of the week inside the experiment's period (1-7)
  std::size_t runs = 0;  ///< the experiment's runs that week
  /// In the goal's unit (goal_unit): the longest run's distance or time, the fastest pace of
  /// a run at least the goal's distance long, the runs counted, or the mean form cue
  /// rating. Absent when no run measured it (no run, none long enough, none rated); a runs
  /// per week goal always measures (0 is a count).
  std::optional<double> measured;
  double target = 0.0;     ///< in the same unit
  bool met = false;        ///< a pace is met at or under its target, the rest at or over
  bool under_way = false;  ///< the week holds the day computed for and the experiment goes on
};

/// The unit of a goal's `measured` and `target`: "m" (distance), "s" (time), "s_per_km"
/// (pace), "runs" (runs per week), "rating" (form cue, 0-10).
[[nodiscard]] std::string_view goal_unit(GoalKind kind);

/// One experiment: its runs against the runner's comparable runs outside it.
struct ExperimentCard {
  ExperimentId experiment{};
  ValueId value{};
  std::string value_name;
  std::string practice;
  LocalDate starts_on{};
  LocalDate ends_on{};  ///< ended_on when ended, else the planned end
  bool ended = false;
  bool by_tag = true;  ///< inside = the runs tagged in it; false: no run was tagged, so
                       ///< every run of its period
  std::size_t runs_inside = 0;
  std::size_t runs_outside = 0;  ///< comparable: the same span of weeks before it
  std::vector<Effect> effects;   ///< the value's alignment (as "alignment"), then outcomes
  std::string text;
  std::optional<ExperimentGoal> goal;  ///< the experiment's small goal, when it has one
  /// With a goal: every week of the period up to the day computed for, oldest first.
  std::vector<GoalWeek> progress;
  std::size_t weeks_met = 0;
};

/// A route run again and again (recognised from the tracks), and how its runs felt.
struct RouteUse {
  std::int64_t route = 0;
  /// The runner's own name for it (core's route_name_of), or "the route first run on
  /// <date>" when they never named it.
  std::string name;
  bool named = false;
  std::size_t runs = 0;  ///< up to as_of
  LocalDate first_on{};
  LocalDate last_on{};
  std::optional<double> mean_enjoyment;  ///< over its runs with an entry that says
  std::optional<double> mean_mood_lift;
  std::string text;  ///< "your River loop, 23 times since ..."
};

struct Insights {
  LocalDate as_of{};
  std::size_t runs_considered = 0;
  std::size_t comparisons_tested = 0;  ///< the family the false discovery rate is held over
  std::vector<ValueEffect> value_effects;
  std::vector<ContextEffect> context_effects;
  std::vector<Prompt> prompts;
  std::vector<ExperimentCard> experiments;
  std::vector<ImportanceVsLived> importance_vs_lived;  ///< widest gap first
  Motivation motivation;
  MoodLift mood_lift;
  Volume volume;
  std::vector<RouteUse> routes;  ///< the routes run most often, up to routes_listed
};

/// What compute_insights reads besides the journal.
struct InsightsInput {
  /// The runner's journal; tracks are not read (a snapshot leaves them out).
  const JournalData* data = nullptr;
  /// Insights as they stood at the end of this date: later runs, entries, changes and
  /// check-ins are left out.
  LocalDate as_of{};
  /// The route familiarity of the runs with GPS (the store keeps it, app/route_ground.hpp).
  /// A run found here is on new or familiar ground by its track; others by the runner's
  /// own answer in the entry.
  std::span<const RouteFamiliarity> ground{};
  /// The routes run more than once, with the runner's names for them.
  std::span<const KnownRoute> routes{};
};

/// Everything above, for the journal as it stood on `input.as_of`.
[[nodiscard]] Insights compute_insights(const InsightsInput& input);

/// The card of one experiment alone (`cairn experiment show` and `end`), its comparisons
/// held to the false discovery rate among themselves.
[[nodiscard]] std::optional<ExperimentCard> experiment_card(const JournalData& data,
                                                            ExperimentId experiment,
                                                            LocalDate as_of);

}  // namespace cairn::insights
