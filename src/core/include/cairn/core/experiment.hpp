#pragma once
/// \file
/// Experiments: trying a practice linked to a value for a few weeks and noticing the result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/units.hpp"

namespace cairn {

/// What the runner decided at the end of an experiment.
enum class ExperimentDecision : std::uint8_t { keep, adjust, drop };
[[nodiscard]] std::string_view experiment_decision_name(ExperimentDecision decision);
/// Parses "keep", "adjust" or "drop"; throws Error(invalid_input) otherwise.
[[nodiscard]] ExperimentDecision parse_experiment_decision(std::string_view name);

/// What a small goal measures (the seed: "set a small goal for your next run — a distance, a
/// time, or improving your form").
enum class GoalKind : std::uint8_t {
  distance,       ///< a run at least this long
  time,           ///< a run at least this long in time (elapsed)
  pace,           ///< this pace or faster over a run at least `distance` long
  runs_per_week,  ///< this many runs in a week
  form_cue,       ///< a form cue rated after each run (0-10), this rating or better
};
/// "distance", "time", "pace", "runs_per_week", "form_cue".
[[nodiscard]] std::string_view goal_kind_name(GoalKind kind);
/// Parses a goal_kind_name; throws Error(invalid_input) otherwise.
[[nodiscard]] GoalKind parse_goal_kind(std::string_view name);

/// The rating a form cue goal asks for when the runner names none.
inline constexpr int default_cue_target = 7;

/// A measurable target an experiment can carry. Only the members of its kind are set:
/// distance (`distance`), time (`time`), pace (`pace` and `distance`, the length it is held
/// over), runs per week (`runs_per_week`), form cue (`cue` and `cue_target`).
struct ExperimentGoal {
  GoalKind kind = GoalKind::distance;
  std::optional<Distance> distance{};
  std::optional<Duration> time{};
  std::optional<Pace> pace{};
  std::optional<int> runs_per_week{};
  std::string cue{};  ///< e.g. "relaxed shoulders"
  std::optional<int> cue_target{};
  friend bool operator==(const ExperimentGoal&, const ExperimentGoal&) = default;
};

/// The goal in a runner's words: "a run of 10.00 km", "5:00 /km over 5.00 km", "3 runs a
/// week", "relaxed shoulders rated 7 or more".
[[nodiscard]] std::string describe_goal(const ExperimentGoal& goal, UnitSystem units);

/// A small experiment of a few days to weeks.
struct Experiment {
  ExperimentId id{};
  ValueId value{};
  std::string practice{};  ///< what the runner tries, e.g. "a solo run with no music"
  std::string question{};  ///< what to notice, e.g. "do I come back calmer?"
  LocalDate starts_on{};
  LocalDate ends_on{};                  ///< the planned last day
  std::optional<LocalDate> ended_on{};  ///< set when the runner closes it
  std::string reflection{};
  std::optional<ExperimentDecision> decision{};
  std::vector<RunId> runs{};             ///< runs tagged as part of it
  std::optional<ExperimentGoal> goal{};  ///< a small measurable target, when it has one
  friend bool operator==(const Experiment&, const Experiment&) = default;
};

/// How long an experiment runs when the runner names no end: three weeks, long enough to
/// notice a difference and short enough to stay a small trial.
inline constexpr int default_experiment_days = 21;

/// The last day of an experiment `days` days long from `starts_on` (the start is day 1).
/// Throws Error(invalid_input, field "days"), "days N is out of range: ...", outside 1 to 366.
[[nodiscard]] LocalDate experiment_last_day(LocalDate starts_on, long long days);

/// True until the runner ends it.
[[nodiscard]] inline bool is_open(const Experiment& experiment) { return !experiment.ended_on; }

/// Throws Error(invalid_input) naming the field: empty practice, end before start, a period
/// over a year, an end reflection without a decision, and a goal that cannot be measured
/// (`goal.distance_m`, `goal.seconds`, `goal.pace_s_per_km`, `goal.runs_per_week`,
/// `goal.cue`, `goal.cue_target`: a zero or negative target, a pace without the distance it
/// is held over, runs per week outside 1..14, an empty cue, a member of another kind set).
void check_experiment(const Experiment& experiment);

}  // namespace cairn
