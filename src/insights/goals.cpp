#include "goals.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

#include "cairn/core/run.hpp"

namespace cairn::insights {

std::string_view goal_unit(GoalKind kind) {
  switch (kind) {
    case GoalKind::distance:
      return "m";
    case GoalKind::time:
      return "s";
    case GoalKind::pace:
      return "s_per_km";
    case GoalKind::runs_per_week:
      return "runs";
    case GoalKind::form_cue:
      return "rating";
  }
  return "";
}

namespace detail {
namespace {

int monday_of(int day) {
  const std::chrono::weekday weekday{std::chrono::sys_days{std::chrono::days{day}}};
  return day - static_cast<int>((weekday.c_encoding() + 6) % 7);
}

// A time goal is how long the runner was out: the elapsed time, or the moving time when
// only that is known.
std::optional<double> time_of(const Run& run) {
  if (run.elapsed) return run.elapsed->count();
  if (run.moving) return run.moving->count();
  return std::nullopt;
}

double target_of(const ExperimentGoal& goal) {
  switch (goal.kind) {
    case GoalKind::distance:
      return goal.distance ? goal.distance->meters() : 0.0;
    case GoalKind::time:
      return goal.time ? goal.time->count() : 0.0;
    case GoalKind::pace:
      return goal.pace ? goal.pace->seconds_per_km() : 0.0;
    case GoalKind::runs_per_week:
      return goal.runs_per_week.value_or(0);
    case GoalKind::form_cue:
      return goal.cue_target.value_or(default_cue_target);
  }
  return 0.0;
}

// What one week's runs measured against the goal; nothing when none of them measured it.
std::optional<double> measure(const ExperimentGoal& goal,
                              std::span<const Observation* const> week) {
  std::optional<double> best;
  const auto keep_larger = [&](double value) { best = std::max(best.value_or(value), value); };
  double rating_sum = 0.0;
  int ratings = 0;
  for (const auto* seen : week) {
    const Run& run = *seen->run;
    switch (goal.kind) {
      case GoalKind::distance:
        if (run.distance) keep_larger(run.distance->meters());
        break;
      case GoalKind::time:
        if (const auto time = time_of(run)) keep_larger(*time);
        break;
      case GoalKind::pace:
        if (run.distance && goal.distance && *run.distance >= *goal.distance) {
          if (const auto pace = pace_of(run)) {
            best = std::min(best.value_or(pace->seconds_per_km()), pace->seconds_per_km());
          }
        }
        break;
      case GoalKind::runs_per_week:
        break;
      case GoalKind::form_cue:
        if (seen->entry != nullptr && seen->entry->cue_rating) {
          rating_sum += *seen->entry->cue_rating;
          ++ratings;
        }
        break;
    }
  }
  if (goal.kind == GoalKind::runs_per_week) return static_cast<double>(week.size());
  if (goal.kind == GoalKind::form_cue && ratings > 0) return rating_sum / ratings;
  return best;
}

}  // namespace

void add_goal_progress(ExperimentCard& card, const Experiment& experiment,
                       std::span<const Observation> runs, LocalDate as_of) {
  if (!experiment.goal) return;
  const ExperimentGoal& goal = *experiment.goal;
  card.goal = goal;
  const int start = day_number(card.starts_on);
  const int end = std::min(day_number(card.ends_on), day_number(as_of));
  if (end < start) return;
  const int first_monday = monday_of(start);
  const int weeks = (monday_of(end) - first_monday) / 7 + 1;
  const auto week_count = static_cast<std::size_t>(weeks);
  std::vector<std::vector<const Observation*>> by_week(week_count);
  // The runs inside, as the card counts them (tagged, or every run of the period), within
  // the period: a run tagged outside it belongs to no week of the goal.
  for (const auto& seen : runs) {
    if (seen.day < start || seen.day > end) continue;
    if (card.by_tag && std::find(experiment.runs.begin(), experiment.runs.end(), seen.run->id) ==
                           experiment.runs.end()) {
      continue;
    }
    by_week[static_cast<std::size_t>((monday_of(seen.day) - first_monday) / 7)].push_back(&seen);
  }
  const double target = target_of(goal);
  const bool goes_on = !card.ended && day_number(as_of) <= day_number(card.ends_on);
  card.progress.reserve(week_count);
  for (std::size_t i = 0; i < week_count; ++i) {
    const int monday = first_monday + static_cast<int>(i) * 7;
    GoalWeek week;
    week.week_of = date_of_day(monday);
    week.days = std::min(monday + 6, end) - std::max(monday, start) + 1;
    week.runs = by_week[i].size();
    week.measured = measure(goal, by_week[i]);
    week.target = target;
    if (week.measured) {
      week.met = goal.kind == GoalKind::pace ? *week.measured <= target : *week.measured >= target;
    }
    week.under_way = goes_on && day_number(as_of) >= monday && day_number(as_of) <= monday + 6;
    if (week.met) ++card.weeks_met;
    card.progress.push_back(week);
  }
}

}  // namespace detail
}  // namespace cairn::insights
