#include "cairn/core/journal.hpp"

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

std::vector<Value> active() {
  Value calm;
  calm.id = ValueId{1};
  calm.name = "Calm";
  calm.link = "an easy run settles my mind";
  calm.practices = {"a run with no music"};
  Value family;
  family.id = ValueId{2};
  family.name = "Family";
  return {calm, family};
}

JournalEntry entry() {
  JournalEntry e;
  e.at = parse_local_time("2025-03-01T07:30", "UTC");
  e.before.mood = 2;
  e.after.mood = 4;
  e.enjoyment = 8;
  e.value_alignments = {{ValueId{1}, 9}};
  return e;
}

TEST(CheckEntry, AcceptsAnswersOnTheirScales) { EXPECT_NO_THROW(check_entry(entry(), active())); }

TEST(CheckEntry, NamesTheAnswerThatIsOutOfRange) {
  auto e = entry();
  e.after.mood = 6;
  try {
    check_entry(e, active());
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "mood after 6 is out of range: expected 1 to 5");
  }
  e = entry();
  e.enjoyment = 0;
  EXPECT_THROW(check_entry(e, active()), Error);
  e = entry();
  e.effort = 11;
  EXPECT_THROW(check_entry(e, active()), Error);
}

TEST(CheckEntry, TakesAFormCueRatingFromZeroToTen) {
  auto e = entry();
  e.cue_rating = 0;
  EXPECT_NO_THROW(check_entry(e, active()));
  e.cue_rating = 10;
  EXPECT_NO_THROW(check_entry(e, active()));
  e.cue_rating = 11;
  try {
    check_entry(e, active());
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "form cue rating 11 is out of range: expected 0 to 10");
    EXPECT_EQ(error.field(), "cue_rating");
  }
  JournalEntry only_a_rating;
  only_a_rating.cue_rating = 4;
  EXPECT_TRUE(has_answers(only_a_rating));
}

TEST(CheckEntry, RejectsAlignmentWithAValueNotInForce) {
  auto e = entry();
  e.value_alignments.push_back({ValueId{99}, 5});
  EXPECT_THROW(check_entry(e, active()), Error);
}

TEST(CheckEntry, RejectsTheSameValueTwiceAndBadPerValueRatings) {
  auto e = entry();
  e.value_alignments.push_back({ValueId{1}, 3});
  EXPECT_THROW(check_entry(e, active()), Error);
  e = entry();
  e.value_alignments = {{ValueId{2}, 12}};
  try {
    check_entry(e, active());
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "alignment with 'Family' 12 is out of range: expected 1 to 10");
  }
}

TEST(CheckEntry, RejectsAMotiveThatIsBothValueAndPush) {
  auto e = entry();
  e.motive.value = ValueId{1};
  e.motive.push = OutsidePush::guilt;
  EXPECT_THROW(check_entry(e, active()), Error);
}

TEST(JournalPrompts, DrawFromTheRunnersValues) {
  const auto prompts = journal_prompts(active(), parse_date("2025-03-01"));
  ASSERT_GE(prompts.size(), 2U);
  bool mentions_value = false;
  for (const auto& prompt : prompts) {
    if (prompt.find("Calm") != std::string::npos || prompt.find("Family") != std::string::npos) {
      mentions_value = true;
    }
  }
  EXPECT_TRUE(mentions_value);
}

TEST(JournalPrompts, StillAskSomethingWithoutValues) {
  EXPECT_FALSE(journal_prompts({}, parse_date("2025-03-01")).empty());
}

TEST(ContextNames, RoundTrip) {
  EXPECT_EQ(parse_company("friend"), Company::with_friend);
  EXPECT_EQ(company_name(Company::with_group), "group");
  EXPECT_EQ(parse_route_novelty("NEW"), RouteNovelty::new_route);
  EXPECT_EQ(parse_audio("silence"), Audio::silence);
  EXPECT_EQ(parse_setting("trail"), Setting::trail);
  EXPECT_EQ(parse_outside_push("race_preparation"), OutsidePush::race_preparation);
  EXPECT_FALSE(find_outside_push("Adventure").has_value());
  try {
    static_cast<void>(parse_company("crowd"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "unknown company 'crowd': expected alone, friend, group or family");
  }
}

}  // namespace
}  // namespace cairn
