#include "cairn/core/experiment.hpp"

#include <chrono>

#include "cairn/core/plausibility.hpp"
#include "cairn/core/rating.hpp"

#include "enum_names.hpp"

namespace cairn {
namespace {

constexpr detail::NameTable<ExperimentDecision, 3> decision_names{{
    {ExperimentDecision::keep, "keep"},
    {ExperimentDecision::adjust, "adjust"},
    {ExperimentDecision::drop, "drop"},
}};

constexpr int max_period_days = 366;

constexpr detail::NameTable<GoalKind, 5> goal_kind_names{{
    {GoalKind::distance, "distance"},
    {GoalKind::time, "time"},
    {GoalKind::pace, "pace"},
    {GoalKind::runs_per_week, "runs_per_week"},
    {GoalKind::form_cue, "form_cue"},
}};

// Fourteen runs a week is twice a day, every day: more is no small goal.
constexpr int max_runs_per_week = 14;
constexpr std::size_t max_cue_length = 200;

[[noreturn]] void refuse_goal(const std::string& message, std::string_view field) {
  throw Error(Errc::invalid_input, message, fmt::format("goal.{}", field));
}

// The members a goal of `kind` uses; any other one set is a goal of two minds.
void refuse_others(const ExperimentGoal& goal) {
  const bool uses_distance = goal.kind == GoalKind::distance || goal.kind == GoalKind::pace;
  const auto kind = goal_kind_name(goal.kind);
  if (goal.distance && !uses_distance) {
    refuse_goal(fmt::format("a {} goal takes no distance", kind), "distance_m");
  }
  if (goal.time && goal.kind != GoalKind::time) {
    refuse_goal(fmt::format("a {} goal takes no time", kind), "seconds");
  }
  if (goal.pace && goal.kind != GoalKind::pace) {
    refuse_goal(fmt::format("a {} goal takes no pace", kind), "pace_s_per_km");
  }
  if (goal.runs_per_week && goal.kind != GoalKind::runs_per_week) {
    refuse_goal(fmt::format("a {} goal takes no runs per week", kind), "runs_per_week");
  }
  if (goal.kind != GoalKind::form_cue && (!goal.cue.empty() || goal.cue_target)) {
    refuse_goal(fmt::format("a {} goal takes no form cue", kind), "cue");
  }
}

void check_goal(const ExperimentGoal& goal) {
  refuse_others(goal);
  const RunLimits limits;
  const auto check_distance = [&](std::string_view what) {
    if (!goal.distance) {
      refuse_goal(fmt::format("a {} goal needs {}", goal_kind_name(goal.kind), what), "distance_m");
    }
    if (!(goal.distance->meters() > 0.0) || goal.distance->meters() > limits.farthest.meters()) {
      refuse_goal(fmt::format("goal distance of {:.0f} m is out of range: expected more than 0 "
                              "and at most 1000 km",
                              goal.distance->meters()),
                  "distance_m");
    }
  };
  switch (goal.kind) {
    case GoalKind::distance:
      check_distance("a distance");
      return;
    case GoalKind::time:
      if (!goal.time) refuse_goal("a time goal needs a time", "seconds");
      if (!(goal.time->count() > 0.0) || *goal.time > limits.longest) {
        refuse_goal(fmt::format("goal time of {:.0f} s is out of range: expected more than 0 "
                                "and at most 7 days",
                                goal.time->count()),
                    "seconds");
      }
      return;
    case GoalKind::pace:
      if (!goal.pace) refuse_goal("a pace goal needs a pace", "pace_s_per_km");
      // Faster than the sprint record is no one's pace; slower than an hour a kilometre is
      // walking with stops, not a target.
      if (goal.pace->seconds_per_km() < limits.fastest_sprint_pace.seconds_per_km() ||
          goal.pace->seconds_per_km() > 3600.0) {
        refuse_goal(fmt::format("goal pace of {:.0f} s/km is out of range: expected 1:36 to "
                                "60:00 /km",
                                goal.pace->seconds_per_km()),
                    "pace_s_per_km");
      }
      check_distance("the distance the pace is held over");
      return;
    case GoalKind::runs_per_week:
      if (!goal.runs_per_week) refuse_goal("a runs per week goal needs a number", "runs_per_week");
      if (*goal.runs_per_week < 1 || *goal.runs_per_week > max_runs_per_week) {
        refuse_goal(fmt::format("goal of {} runs per week is out of range: expected 1 to {}",
                                *goal.runs_per_week, max_runs_per_week),
                    "runs_per_week");
      }
      return;
    case GoalKind::form_cue:
      if (detail::trim(goal.cue).empty()) {
        refuse_goal("a form cue goal needs the cue, e.g. \"relaxed shoulders\"", "cue");
      }
      if (goal.cue.size() > max_cue_length) {
        refuse_goal(fmt::format("form cue is too long: {} bytes, at most {}", goal.cue.size(),
                                max_cue_length),
                    "cue");
      }
      if (goal.cue_target)
        check_rating(cue_scale, *goal.cue_target, "cue target", "goal.cue_target");
      return;
  }
}

}  // namespace

std::string_view experiment_decision_name(ExperimentDecision decision) {
  return detail::name_in(decision_names, decision);
}

ExperimentDecision parse_experiment_decision(std::string_view name) {
  return detail::parse_in(decision_names, name, "decision");
}

std::string_view goal_kind_name(GoalKind kind) { return detail::name_in(goal_kind_names, kind); }

GoalKind parse_goal_kind(std::string_view name) {
  return detail::parse_in(goal_kind_names, name, "goal kind");
}

std::string describe_goal(const ExperimentGoal& goal, UnitSystem units) {
  const auto distance = [&] {
    return goal.distance ? format_distance(*goal.distance, units) : std::string("?");
  };
  switch (goal.kind) {
    case GoalKind::distance:
      return fmt::format("a run of {}", distance());
    case GoalKind::time:
      return fmt::format("a run of {}", goal.time ? format_duration(*goal.time) : "?");
    case GoalKind::pace:
      return fmt::format("{} or faster over {}", goal.pace ? format_pace(*goal.pace, units) : "?",
                         distance());
    case GoalKind::runs_per_week:
      return fmt::format("{} runs a week", goal.runs_per_week.value_or(0));
    case GoalKind::form_cue:
      return fmt::format("{} rated {} or more", goal.cue,
                         goal.cue_target.value_or(default_cue_target));
  }
  return {};
}

LocalDate experiment_last_day(LocalDate starts_on, long long days) {
  if (days < 1 || days > max_period_days) {
    throw Error(Errc::invalid_input,
                fmt::format("days {} is out of range: expected 1 to {}", days, max_period_days),
                "days");
  }
  return std::chrono::sys_days{starts_on} + std::chrono::days{days - 1};
}

void check_experiment(const Experiment& experiment) {
  if (detail::trim(experiment.practice).empty()) {
    throw Error(Errc::invalid_input, "experiment practice is empty: say what you will try",
                "practice");
  }
  if (experiment.ends_on < experiment.starts_on) {
    throw Error(Errc::invalid_input,
                fmt::format("experiment ends on {} before it starts on {}",
                            format_date(experiment.ends_on), format_date(experiment.starts_on)),
                "ends_on");
  }
  // Counted as experiment_last_day counts: the start is day 1.
  const auto days =
      (std::chrono::sys_days{experiment.ends_on} - std::chrono::sys_days{experiment.starts_on})
          .count() +
      1;
  if (days > max_period_days) {
    throw Error(
        Errc::invalid_input,
        fmt::format("an experiment of {} days is too long: at most {} days", days, max_period_days),
        "ends_on");
  }
  if (experiment.ended_on && *experiment.ended_on < experiment.starts_on) {
    throw Error(Errc::invalid_input,
                fmt::format("experiment cannot end on {}, before it started on {}",
                            format_date(*experiment.ended_on), format_date(experiment.starts_on)),
                "ended_on");
  }
  if (experiment.ended_on && !experiment.decision) {
    throw Error(Errc::invalid_input, "an ended experiment needs a decision: keep, adjust or drop",
                "decision");
  }
  if (experiment.goal) check_goal(*experiment.goal);
}

}  // namespace cairn
