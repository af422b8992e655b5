#include "cairn/core/run.hpp"

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

Run ten_k() {
  Run run;
  run.start = parse_local_time("2025-03-01T07:30", "Europe/Berlin");
  run.distance = Distance::from_kilometers(10);
  run.elapsed = Duration(3000);
  run.moving = Duration(2900);
  return run;
}

TEST(PaceOfRun, PrefersMovingTime) {
  EXPECT_DOUBLE_EQ(pace_of(ten_k())->seconds_per_km(), 290.0);
  auto run = ten_k();
  run.moving.reset();
  EXPECT_DOUBLE_EQ(pace_of(run)->seconds_per_km(), 300.0);
  run.distance.reset();
  EXPECT_FALSE(pace_of(run).has_value());
}

TEST(PaceTime, IsTheTimeThePaceIsOver) {
  EXPECT_EQ(pace_time(ten_k()), Duration(2900));
  auto run = ten_k();
  run.moving.reset();
  EXPECT_EQ(pace_time(run), Duration(3000));
  run.elapsed.reset();
  EXPECT_FALSE(pace_time(run).has_value());
}

TEST(SameRun, IsAnyRunStartingInTheSameMinute) {
  auto other = ten_k();
  other.start.utc += std::chrono::seconds{45};
  other.distance = Distance::from_kilometers(21);
  EXPECT_TRUE(same_run(ten_k(), other));
}

TEST(SameRun, IsARunStartingWithinThreeMinutesOnlyWhenTheDistancesAgree) {
  auto other = ten_k();
  other.start.utc += std::chrono::seconds{150};
  other.distance = Distance::from_kilometers(10.4);
  EXPECT_TRUE(same_run(ten_k(), other));
  other.distance = Distance::from_kilometers(12);
  EXPECT_FALSE(same_run(ten_k(), other));
  other.distance.reset();
  EXPECT_TRUE(same_run(ten_k(), other));
  other.start.utc += std::chrono::seconds{60};
  EXPECT_FALSE(same_run(ten_k(), other));
}

TEST(CheckRun, RejectsMovingLongerThanElapsed) {
  auto run = ten_k();
  run.moving = Duration(4000);
  EXPECT_THROW(check_run(run), Error);
}

TEST(CheckRun, RejectsImpossibleHeartRates) {
  auto run = ten_k();
  run.avg_heart_rate_bpm = 300;
  EXPECT_THROW(check_run(run), Error);
  run.avg_heart_rate_bpm = 160;
  run.max_heart_rate_bpm = 150;
  EXPECT_THROW(check_run(run), Error);
}

TEST(ParseSport, KnowsTheKindsOfRunning) {
  EXPECT_EQ(parse_sport("Trail"), Sport::trail);
  EXPECT_EQ(parse_sport("xc"), Sport::cross_country);
  EXPECT_EQ(sport_name(Sport::treadmill), "treadmill");
  EXPECT_THROW(static_cast<void>(parse_sport("swimming")), Error);
}

}  // namespace
TEST(ClippedText, CutsAtACharacterBoundaryWithAnEllipsis) {
  EXPECT_EQ(clipped_text("Loop", 10), "Loop");
  EXPECT_EQ(clipped_text("abcdefghij", 7), "abcd…");  // 4 bytes + 3 for "…"
  EXPECT_EQ(clipped_text("\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4", 6), "\xC3\xA4…");  // never half an ä
  EXPECT_LE(clipped_text(std::string(100'000, 'x'), max_title_bytes).size(), max_title_bytes);
}

TEST(CheckRun, RefusesATitleOrNotesPastTheirLength) {
  cairn::Run run;
  run.title = std::string(max_title_bytes + 1, 't');
  EXPECT_THROW(check_run(run), Error);
  run.title = std::string(max_title_bytes, 't');
  EXPECT_NO_THROW(check_run(run));
  run.notes = std::string(max_notes_bytes + 1, 'n');
  EXPECT_THROW(check_run(run), Error);
}

TEST(WithoutStaleMoving, DropsTheMovingTimeAnEditOfTheElapsedTimeLeftBehind) {
  cairn::Run stored;
  stored.distance = Distance::from_kilometers(2.0);
  stored.elapsed = Duration(705.0);
  stored.moving = Duration(660.0);
  cairn::Run edited = stored;
  edited.elapsed = Duration(600.0);
  EXPECT_FALSE(without_stale_moving(stored, edited).moving.has_value());
  edited.moving = Duration(590.0);  // changed too: the runner's own
  EXPECT_EQ(without_stale_moving(stored, edited).moving, Duration(590.0));
  cairn::Run retitled = stored;
  retitled.title = "park";
  EXPECT_EQ(without_stale_moving(stored, retitled).moving, Duration(660.0));
}

}  // namespace cairn
