#include "cairn/core/plausibility.hpp"

#include <gtest/gtest.h>

namespace cairn {
namespace {

const Timestamp today = parse_utc("2026-11-30T12:00:00Z");

Run run_of(double km, double minutes) {
  Run run;
  run.start = ZonedTime{parse_utc("2026-11-21T06:10:00Z"), "Europe/Berlin"};
  run.distance = Distance::from_kilometers(km);
  run.elapsed = Duration(minutes * 60.0);
  return run;
}

TEST(Implausibility, AcceptsAnEliteMarathonAndAnEasyJog) {
  EXPECT_FALSE(implausibility(run_of(42.195, 121.0), today).has_value());
  EXPECT_FALSE(implausibility(run_of(5.0, 35.0), today).has_value());
}

TEST(Implausibility, RefusesARidesPaceOverMoreThanAKilometre) {
  const auto problem = implausibility(run_of(43.7, 80.0), today);  // 1:50 /km
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->field, "pace");
  EXPECT_NE(problem->message.find("1:50 /km"), std::string::npos) << problem->message;
  EXPECT_NE(problem->message.find("2:30 /km"), std::string::npos) << problem->message;
}

TEST(Implausibility, JudgesThePaceOverMovingTimeWhenThereIsOne) {
  auto run = run_of(15.2, 67.0);
  run.moving = Duration(990.0);  // 1:05 /km, the Suunto bug this table guards against
  ASSERT_TRUE(implausibility(run, today).has_value());
  EXPECT_EQ(implausibility(run, today)->field, "pace");
}

TEST(Implausibility, RefusesAPaceFasterThanAnySprintOverAnyDistance) {
  const auto problem = implausibility(run_of(0.5, 0.5), today);  // 1:00 /km
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->message.find("faster than anyone runs at all"), std::string::npos);
}

TEST(Implausibility, JudgesThePaceAsItIsShown) {
  // 24:59 for 10 km is 2:29.9 /km, shown as 2:30 /km: at the limit, not past it.
  EXPECT_FALSE(implausibility(run_of(10.0, 24.0 + 59.0 / 60.0), today).has_value());
  EXPECT_TRUE(implausibility(run_of(10.0, 24.0 + 54.0 / 60.0), today).has_value());
}

TEST(Implausibility, AllowsASprintFasterThanTheLimit) {
  EXPECT_FALSE(implausibility(run_of(0.4, 0.8), today).has_value());  // 400 m in 48 s
}

TEST(Implausibility, RefusesARecordingLongerThanAWeek) {
  auto run = run_of(952.0, 384'057.0 * 60.0);
  const auto problem = implausibility(run, today);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->field, "elapsed_s");
}

TEST(Implausibility, RefusesDatesBeforeGpsWatchesAndInTheFuture) {
  auto run = run_of(10.0, 50.0);
  run.start.utc = parse_utc("1901-12-13T20:45:52Z");
  ASSERT_TRUE(implausibility(run, today).has_value());
  EXPECT_EQ(implausibility(run, today)->field, "start.utc");
  run.start.utc = today + std::chrono::days{3};
  EXPECT_TRUE(implausibility(run, today).has_value());
  run.start.utc = today + std::chrono::hours{2};  // a clock a little ahead
  EXPECT_FALSE(implausibility(run, today).has_value());
}

TEST(FragmentReason, NamesAFragmentByItsDistanceAndTime) {
  const auto reason = fragment_reason(run_of(0.00026, 0.025));
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("0.3 m in 1.5 s"), std::string::npos) << *reason;
  EXPECT_FALSE(fragment_reason(run_of(5.0, 30.0)).has_value());
}

TEST(FragmentReason, TakesATimeOnlyRunLongEnough) {
  auto treadmill = run_of(1.0, 30.0);
  treadmill.distance.reset();
  EXPECT_FALSE(fragment_reason(treadmill).has_value());
  treadmill.elapsed.reset();
  EXPECT_TRUE(fragment_reason(treadmill).has_value());
}

}  // namespace
}  // namespace cairn
