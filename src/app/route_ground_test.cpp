#include "cairn/app/route_ground.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include <gtest/gtest.h>

#include "cairn/app/journal_service.hpp"
#include "cairn/app/journal_transfer.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::app {
namespace {

constexpr double metres_per_degree = 6'371'008.8 * std::numbers::pi / 180.0;
constexpr double home_lat = 48.137;
constexpr double home_lon = 11.575;

// A loop of `radius_m` whose centre lies `radius_m` east of `lat`, `lon` (a fix every 3 m,
// a second apart, with up to 4 m of noise), then `spur_m` south and back.
std::vector<TrackPoint> loop(unsigned seed, double radius_m = 800.0, bool clockwise = true,
                             double lat = home_lat, double lon = home_lon, double spur_m = 0.0) {
  std::mt19937 noise(seed);
  const auto jitter = [&noise] {
    return (static_cast<double>(noise()) / static_cast<double>(std::mt19937::max()) - 0.5) * 8.0;
  };
  const double east = metres_per_degree * std::cos(lat * std::numbers::pi / 180.0);
  std::vector<TrackPoint> track;
  const auto add = [&](double north_m, double east_m) {
    track.push_back({.offset = Duration(static_cast<double>(track.size())),
                     .latitude_deg = lat + (north_m + jitter()) / metres_per_degree,
                     .longitude_deg = lon + (east_m + jitter()) / east});
  };
  const double steps = std::ceil(2.0 * std::numbers::pi * radius_m / 3.0);
  for (double i = 0.0; i <= steps; i += 1.0) {
    const double angle = std::numbers::pi * (1.0 + (clockwise ? -2.0 : 2.0) * i / steps);
    add(radius_m * std::sin(angle), radius_m + radius_m * std::cos(angle));
  }
  for (double m = 0.0; m < spur_m; m += 3.0) add(-m, 0.0);
  for (double m = spur_m; m > 0.0; m -= 3.0) add(-m, 0.0);
  return track;
}

class RouteGroundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-route-test-" + std::to_string(seed()));
    store_ = store::open_sqlite_store(folder_ / "cairn.db");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  JournalService service() { return JournalService(*store_, local_user); }

  // A run read from a file, on `day` days after 2025-03-01, with its track.
  cairn::Run run_with(int day, const std::vector<TrackPoint>& track, std::string route_name = "") {
    cairn::Run run;
    run.start = ZonedTime{parse_utc("2025-03-01T07:00:00Z") + std::chrono::days(day), "UTC"};
    run.distance = Distance::from_kilometers(5);
    run.elapsed = Duration(1800);
    run.source = RunSource::file;
    run.source_ref = "f" + std::to_string(day) + "#0";
    run.route_name = std::move(route_name);
    run = store_->add_run(local_user, run);
    save_run_track(*store_, local_user, run, track);
    return run;
  }

  double share(RunId run) const {
    for (const auto& each : store_->route_familiarity(local_user)) {
      if (each.run == run) return each.familiar_share;
    }
    ADD_FAILURE() << "run #" << run.value << " has no ground";
    return -1.0;
  }

  // What was kept run by run is what one pass over every track in start order gives.
  void expect_as_rebuilt(bool same_routes = true) {
    const auto kept = store_->route_familiarity(local_user);
    const auto kept_routes = store_->known_routes(local_user);
    rebuild_ground(*store_, local_user);
    const auto rebuilt = store_->route_familiarity(local_user);
    ASSERT_EQ(kept.size(), rebuilt.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      EXPECT_EQ(kept[i].run, rebuilt[i].run);
      EXPECT_EQ(kept[i].familiar_share, rebuilt[i].familiar_share) << "run #" << kept[i].run.value;
    }
    if (!same_routes) return;
    // Route ids differ (new ones were made); which runs go together does not.
    const auto groups = [](const std::vector<KnownRoute>& routes) {
      std::vector<std::vector<RunId>> out;
      for (const auto& route : routes) out.push_back(route.runs);
      std::sort(out.begin(), out.end());
      return out;
    };
    EXPECT_EQ(groups(kept_routes), groups(store_->known_routes(local_user)));
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(RouteGroundTest, FindsASecondRunOfTheLoopOnFamiliarGroundAndOnTheSameRoute) {
  const auto first = run_with(0, loop(1), "river loop");
  const auto other = run_with(1, loop(2, 800.0, true, home_lat + 0.1));
  const auto second = run_with(2, loop(3, 800.0, false));
  EXPECT_EQ(share(first.id), 0.0);
  EXPECT_EQ(share(other.id), 0.0);
  EXPECT_GE(share(second.id), 0.9);
  const auto routes = service().known_routes();
  ASSERT_EQ(routes.size(), 1U);
  EXPECT_EQ(routes[0].name, "river loop");
  EXPECT_EQ(routes[0].runs, (std::vector<RunId>{first.id, second.id}));
  const auto shown = service().ground(second.id);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->route, routes[0]);
  EXPECT_FALSE(service().ground(other.id)->route.has_value());
  expect_as_rebuilt();
}

TEST_F(RouteGroundTest, GivesARunWithoutPositionsNoGround) {
  std::vector<TrackPoint> indoor(600);
  for (std::size_t i = 0; i < indoor.size(); ++i) {
    indoor[i].offset = Duration(static_cast<double>(i));
    indoor[i].heart_rate_bpm = 150;
  }
  const auto treadmill = run_with(0, indoor);
  EXPECT_FALSE(store_->run_ground(local_user, treadmill.id).has_value());
  EXPECT_FALSE(service().ground(treadmill.id).has_value());
  EXPECT_TRUE(service().route_familiarity().empty());
  EXPECT_EQ(store_->track(local_user, treadmill.id).size(), 600U);
}

TEST_F(RouteGroundTest, FillsInTheGroundOfLaterRunsWhenOlderHistoryComesIn) {
  // Runs from the watch first, then an older export: each older run makes the ground of the
  // later ones it was first on familiar, and only those change.
  const auto newest = run_with(30, loop(1));
  const auto elsewhere = run_with(20, loop(2, 800.0, true, home_lat + 0.1));
  const auto extended = run_with(10, loop(3, 800.0, false, home_lat, home_lon, 2500.0));
  EXPECT_GE(share(newest.id), 0.85);  // after the extended one
  EXPECT_EQ(share(elsewhere.id), 0.0);
  EXPECT_EQ(share(extended.id), 0.0);
  run_with(0, loop(4, 800.0, true, home_lat, home_lon, 2500.0));
  EXPECT_GE(share(extended.id), 0.85);
  EXPECT_EQ(share(elsewhere.id), 0.0);
  run_with(5, loop(5, 800.0, true, home_lat + 0.1));
  EXPECT_GE(share(elsewhere.id), 0.85);
  expect_as_rebuilt(/*same_routes=*/false);
}

TEST_F(RouteGroundTest, KeepsWhatOnePassGivesWhateverTheOrderRunsComeIn) {
  std::vector<int> days(24);
  for (int i = 0; i < 24; ++i) days[static_cast<std::size_t>(i)] = i;
  std::shuffle(days.begin(), days.end(), std::mt19937(7));
  for (const int day : days) {
    const auto seed = static_cast<unsigned>(day + 10);
    switch (day % 4) {
      case 0:
        run_with(day, loop(seed));
        break;
      case 1:
        run_with(day, loop(seed, 800.0, false, home_lat, home_lon, 1000.0));
        break;
      case 2:
        run_with(day, loop(seed, 500.0, true, home_lat + 0.01));
        break;
      default:
        run_with(day, loop(seed, 300.0, true, home_lat + 0.02 * day));  // somewhere new
        break;
    }
  }
  expect_as_rebuilt(/*same_routes=*/false);
  // In start order, run by run is one pass exactly, routes too.
  const auto again = folder_ / "again";
  std::filesystem::create_directories(again);
  store_ = store::open_sqlite_store(again / "cairn.db");
  for (int day = 0; day < 24; ++day) {
    const auto seed = static_cast<unsigned>(day + 10);
    run_with(day, day % 2 == 0 ? loop(seed) : loop(seed, 300.0, true, home_lat + 0.02 * day));
  }
  EXPECT_EQ(service().known_routes().at(0).runs.size(), 12U);
  expect_as_rebuilt();
}

TEST_F(RouteGroundTest, DeletingARunGivesTheGroundItWasFirstOnToTheNextRunThere) {
  const auto first = run_with(0, loop(1));
  const auto second = run_with(1, loop(2));
  const auto third = run_with(2, loop(3));
  EXPECT_GE(share(second.id), 0.9);
  service().delete_run(first.id, /*with_entry=*/true);
  EXPECT_EQ(share(second.id), 0.0);
  EXPECT_GE(share(third.id), 0.9);
  EXPECT_EQ(service().known_routes().at(0).runs, (std::vector<RunId>{second.id, third.id}));
  expect_as_rebuilt();
  service().delete_run(second.id, /*with_entry=*/true);
  EXPECT_EQ(share(third.id), 0.0);
  EXPECT_TRUE(service().known_routes().empty());
}

TEST_F(RouteGroundTest, ARunMovedInTimeIsComparedWithTheRunsNowBeforeIt) {
  const auto first = run_with(0, loop(1));
  auto second = run_with(5, loop(2));
  EXPECT_GE(share(second.id), 0.9);
  second.start.utc -= std::chrono::days(10);
  service().edit_run(second);
  EXPECT_EQ(share(second.id), 0.0);
  EXPECT_GE(share(first.id), 0.9);
  expect_as_rebuilt();
}

TEST_F(RouteGroundTest, MergingTwoRecordsOfOneRunKeepsOneGround) {
  cairn::Run typed;
  typed.start = ZonedTime{parse_utc("2025-03-02T07:05:00Z"), "UTC"};
  typed.distance = Distance::from_kilometers(5);
  typed.elapsed = Duration(1800);
  typed = service().log_run(typed, std::nullopt).run;
  const auto before = run_with(0, loop(1));
  const auto imported = run_with(1, loop(2));
  const auto after = run_with(3, loop(3));
  const auto merged = service().merge_runs(typed.id, imported.id);
  EXPECT_EQ(merged.kept.run.id, imported.id);
  EXPECT_GE(share(imported.id), 0.9);
  EXPECT_GE(share(after.id), 0.9);
  EXPECT_EQ(share(before.id), 0.0);
  EXPECT_EQ(service().known_routes().at(0).runs.size(), 3U);
  expect_as_rebuilt();
}

TEST_F(RouteGroundTest, RestoringAnExportWorksTheGroundOutAgain) {
  run_with(0, loop(1), "river");
  run_with(1, loop(2, 800.0, false), "river");
  run_with(2, loop(3, 300.0, true, home_lat + 0.1));
  const auto kept = store_->route_familiarity(local_user);
  const auto data = store_->load_all(local_user);
  const auto copy_folder = folder_ / "copy";
  std::filesystem::create_directories(copy_folder);
  auto copy = store::open_sqlite_store(copy_folder / "cairn.db");
  restore_export(*copy, local_user, data);
  EXPECT_EQ(copy->route_familiarity(local_user), kept);
  EXPECT_EQ(copy->known_routes(local_user).at(0).name, "river");
  EXPECT_EQ(copy->load_all(local_user), data);  // nothing of it in the export
}

TEST_F(RouteGroundTest, CatchesUpOnlyWhenTheStoreAsks) {
  const auto first = run_with(0, loop(1));
  EXPECT_FALSE(catch_up_ground(*store_, local_user));
  store_->clear_ground(local_user);
  EXPECT_FALSE(catch_up_ground(*store_, local_user));  // nothing asked: nothing done
  EXPECT_FALSE(store_->run_ground(local_user, first.id).has_value());
  EXPECT_EQ(rebuild_ground(*store_, local_user), 1U);
  EXPECT_TRUE(store_->run_ground(local_user, first.id).has_value());
}

}  // namespace
}  // namespace cairn::app
