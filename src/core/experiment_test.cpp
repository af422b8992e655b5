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

TEST(ExperimentDecision, ParsesItsNames) {
  EXPECT_EQ(parse_experiment_decision("drop"), ExperimentDecision::drop);
  EXPECT_THROW(static_cast<void>(parse_experiment_decision("maybe")), Error);
}

}  // namespace
}  // namespace cairn
