#include "cairn/core/experiment.hpp"

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

Experiment three_weeks() {
  Experiment e;
  e.value = ValueId{1};
  e.practice = "a solo run with no music";
  e.starts_on = parse_date("2025-03-01");
  e.ends_on = parse_date("2025-03-21");
  return e;
}

TEST(CheckExperiment, AcceptsAFewWeeks) { EXPECT_NO_THROW(check_experiment(three_weeks())); }

TEST(CheckExperiment, RejectsAnEndBeforeTheStart) {
  auto e = three_weeks();
  e.ends_on = parse_date("2025-02-01");
  EXPECT_THROW(check_experiment(e), Error);
}

TEST(CheckExperiment, RejectsAnEmptyPracticeAndEndingWithoutDecision) {
  auto e = three_weeks();
  e.practice = "  ";
  EXPECT_THROW(check_experiment(e), Error);
  e = three_weeks();
  e.ended_on = parse_date("2025-03-21");
  EXPECT_THROW(check_experiment(e), Error);
  e.decision = ExperimentDecision::keep;
  EXPECT_NO_THROW(check_experiment(e));
  EXPECT_FALSE(is_open(e));
}

// A length in days counts the start as day 1, the same for `days` and for an end date: 366
// days are a year's experiment, one more is refused either way.
TEST(CheckExperiment, CountsItsLengthFromTheStartAsDayOne) {
  auto e = three_weeks();
  EXPECT_EQ(experiment_last_day(e.starts_on, default_experiment_days), e.ends_on);
  e.ends_on = experiment_last_day(e.starts_on, 366);
  EXPECT_EQ(e.ends_on, parse_date("2026-03-01"));
  EXPECT_NO_THROW(check_experiment(e));
  e.ends_on = parse_date("2026-03-02");
  try {
    check_experiment(e);
    ADD_FAILURE() << "a 367-day experiment was taken";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "ends_on");
    EXPECT_NE(std::string(error.what()).find("367 days"), std::string::npos) << error.what();
  }
  EXPECT_THROW(static_cast<void>(experiment_last_day(e.starts_on, 367)), Error);
  EXPECT_THROW(static_cast<void>(experiment_last_day(e.starts_on, 0)), Error);
}

// The field a refused experiment names, or "" when it is accepted.
std::string refused_field(const Experiment& experiment) {
  try {
    check_experiment(experiment);
  } catch (const Error& error) {
    return error.field();
  }
  return {};
}

Experiment with_goal(const ExperimentGoal& goal) {
  auto e = three_weeks();
  e.goal = goal;
  return e;
}

TEST(CheckExperiment, AcceptsAGoalOfEachKind) {
  EXPECT_EQ(refused_field(with_goal(
                {.kind = GoalKind::distance, .distance = Distance::from_kilometers(10.0)})),
            "");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::time, .time = Duration(3000.0)})), "");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::pace,
                                     .distance = Distance::from_kilometers(5.0),
                                     .pace = Pace::from_seconds_per_km(300.0)})),
            "");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::runs_per_week, .runs_per_week = 3})), "");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::form_cue, .cue = "relaxed shoulders"})), "");
  EXPECT_EQ(
      refused_field(with_goal({.kind = GoalKind::form_cue, .cue = "quick feet", .cue_target = 0})),
      "");
}

TEST(CheckExperiment, RefusesAGoalThatCannotBeMeasuredNamingItsField) {
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::distance, .distance = Distance{}})),
            "goal.distance_m");
  EXPECT_EQ(refused_field(
                with_goal({.kind = GoalKind::distance, .distance = Distance::from_meters(-5.0)})),
            "goal.distance_m");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::distance})), "goal.distance_m");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::time, .time = Duration(0.0)})),
            "goal.seconds");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::time, .time = Duration(-60.0)})),
            "goal.seconds");
  EXPECT_EQ(
      refused_field(with_goal({.kind = GoalKind::pace, .pace = Pace::from_seconds_per_km(300.0)})),
      "goal.distance_m");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::pace,
                                     .distance = Distance::from_kilometers(5.0),
                                     .pace = Pace::from_seconds_per_km(0.0)})),
            "goal.pace_s_per_km");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::runs_per_week, .runs_per_week = 0})),
            "goal.runs_per_week");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::runs_per_week, .runs_per_week = 15})),
            "goal.runs_per_week");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::form_cue, .cue = "  "})), "goal.cue");
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::form_cue, .cue = "tall", .cue_target = 11})),
            "goal.cue_target");
}

TEST(CheckExperiment, RefusesAGoalOfTwoMinds) {
  EXPECT_EQ(refused_field(with_goal({.kind = GoalKind::runs_per_week,
                                     .distance = Distance::from_kilometers(5.0),
                                     .runs_per_week = 3})),
            "goal.distance_m");
  EXPECT_EQ(
      refused_field(with_goal(
          {.kind = GoalKind::distance, .distance = Distance::from_kilometers(5.0), .cue = "tall"})),
      "goal.cue");
}

TEST(DescribeGoal, SaysTheTargetInTheRunnersUnits) {
  EXPECT_EQ(describe_goal({.kind = GoalKind::pace,
                           .distance = Distance::from_kilometers(5.0),
                           .pace = Pace::from_seconds_per_km(300.0)},
                          UnitSystem::metric),
            "5:00 /km or faster over 5.00 km");
  EXPECT_EQ(
      describe_goal({.kind = GoalKind::runs_per_week, .runs_per_week = 3}, UnitSystem::metric),
      "3 runs a week");
  EXPECT_EQ(
      describe_goal({.kind = GoalKind::form_cue, .cue = "relaxed shoulders"}, UnitSystem::metric),
      "relaxed shoulders rated 7 or more");
}

TEST(GoalKind, ParsesItsNames) {
  EXPECT_EQ(parse_goal_kind("runs_per_week"), GoalKind::runs_per_week);
  EXPECT_EQ(goal_kind_name(GoalKind::form_cue), "form_cue");
  EXPECT_THROW(static_cast<void>(parse_goal_kind("speed")), Error);
}

TEST(ExperimentDecision, ParsesItsNames) {
  EXPECT_EQ(parse_experiment_decision("drop"), ExperimentDecision::drop);
  EXPECT_THROW(static_cast<void>(parse_experiment_decision("maybe")), Error);
}

}  // namespace
}  // namespace cairn
