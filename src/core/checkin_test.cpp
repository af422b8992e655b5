#include "cairn/core/checkin.hpp"

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

std::vector<Value> active() {
  Value calm;
  calm.id = ValueId{1};
  calm.name = "Calm";
  return {calm};
}

TEST(SelfDirectionScore, RewardsEnjoymentAndPenalisesPressure) {
  MotivationQuality chosen{.enjoyment = 5, .chosen = 5, .guilt = 1, .pressure = 1};
  EXPECT_DOUBLE_EQ(*self_direction_score(chosen), 12.0);
  MotivationQuality pushed{.enjoyment = 1, .chosen = 1, .guilt = 5, .pressure = 5};
  EXPECT_DOUBLE_EQ(*self_direction_score(pushed), -12.0);
}

TEST(SelfDirectionScore, IsAbsentUnlessEveryItemWasAnswered) {
  MotivationQuality partial{.enjoyment = 5, .chosen = 5};
  EXPECT_FALSE(self_direction_score(partial).has_value());
}

TEST(CheckCheckin, RejectsRatingsOutOfRangeAndUnknownAreas) {
  CheckIn checkin;
  checkin.on = parse_date("2025-03-02");
  checkin.areas = {{ValueId{1}, 7, ""}};
  checkin.motivation.guilt = 2;
  EXPECT_NO_THROW(check_checkin(checkin, active()));
  checkin.motivation.guilt = 6;
  EXPECT_THROW(check_checkin(checkin, active()), Error);
  checkin.motivation.guilt = 2;
  checkin.areas = {{ValueId{5}, 7, ""}};
  EXPECT_THROW(check_checkin(checkin, active()), Error);
  checkin.areas = {{ValueId{1}, 11, ""}};
  EXPECT_THROW(check_checkin(checkin, active()), Error);
}

TEST(MotivationItems, HaveStatementsAndNames) {
  for (const auto item : motivation_items) {
    EXPECT_FALSE(motivation_item_statement(item).empty());
    EXPECT_EQ(parse_motivation_item(motivation_item_name(item)), item);
  }
}

}  // namespace
}  // namespace cairn
