#include "cairn/app/demo_journal.hpp"

#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "cairn/app/journal_service.hpp"
#include "cairn/core/error.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::app {
namespace {

class DemoJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-demo-test-" + std::to_string(seed()));
    store_ = store::open_sqlite_store(folder_ / "cairn.db");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  static demo::DemoOptions small(std::uint64_t seed = 5) {
    return {.seed = seed,
            .years = 1,
            .runs_per_week = 3,
            .as_of = parse_date("2026-05-01"),
            .home_zone = "Europe/Berlin"};
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(DemoJournalTest, WritesTheGeneratedJournalAsItIsIdsAndTracksIncluded) {
  const DemoReport report = create_demo_journal(*store_, local_user, small());
  const JournalData expected = demo::generate_demo_journal(small());
  EXPECT_EQ(store_->load_all(local_user), expected);
  EXPECT_EQ(report.runs, expected.runs.size());
  EXPECT_EQ(report.tracks, expected.tracks.size());
  EXPECT_EQ(report.entries, expected.entries.size());
  EXPECT_EQ(report.checkins, expected.checkins.size());
  EXPECT_EQ(report.value_changes, expected.value_history.size());
  EXPECT_EQ(report.first_run, local_date_of(expected.runs.front().start));
  EXPECT_EQ(report.last_run, local_date_of(expected.runs.back().start));
  EXPECT_GT(report.track_points, report.tracks * 100);
  ASSERT_FALSE(report.values_in_force.empty());
  EXPECT_EQ(report.values_in_force.front().name, "Adventure");
  EXPECT_EQ(JournalService(*store_, local_user).zone(), "Europe/Berlin");
}

TEST_F(DemoJournalTest, RefusesAJournalThatHoldsDataAndWritesNothing) {
  JournalService service(*store_, local_user);
  Value calm;
  calm.name = "Calm";
  service.add_value(calm, {.effective_on = parse_date("2025-01-01")});
  const JournalData before = store_->load_all(local_user);
  try {
    static_cast<void>(create_demo_journal(*store_, local_user, small()));
    ADD_FAILURE() << "a journal with data took a demo journal";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::conflict);
    EXPECT_NE(std::string(error.what()).find("already holds data"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(store_->load_all(local_user), before);
}

TEST_F(DemoJournalTest, RefusesASecondDemoJournal) {
  static_cast<void>(create_demo_journal(*store_, local_user, small(1)));
  const JournalData first = store_->load_all(local_user);
  EXPECT_THROW(static_cast<void>(create_demo_journal(*store_, local_user, small(2))), Error);
  EXPECT_EQ(store_->load_all(local_user), first);
}

TEST_F(DemoJournalTest, KeepsTheRunnersSettingsWhichAloneAreNoData) {
  JournalService(*store_, local_user).set_units(UnitSystem::imperial);
  static_cast<void>(create_demo_journal(*store_, local_user, small()));
  EXPECT_EQ(JournalService(*store_, local_user).units(), UnitSystem::imperial);
  EXPECT_FALSE(store_->is_empty(local_user));
}

TEST_F(DemoJournalTest, RefusesOptionsOutOfRangeBeforeWritingAnything) {
  auto options = small();
  options.years = 40;
  try {
    static_cast<void>(create_demo_journal(*store_, local_user, options));
    ADD_FAILURE() << "40 years accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
    EXPECT_EQ(error.field(), "years");
  }
  EXPECT_TRUE(store_->is_empty(local_user));
}

}  // namespace
}  // namespace cairn::app
