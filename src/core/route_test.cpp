#include "cairn/core/route.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

#include <gtest/gtest.h>

namespace cairn {
namespace {

constexpr double metres_per_degree = 6'371'008.8 * std::numbers::pi / 180.0;

// A runner's GPS: positions with a few metres of noise, one a second, moving at 3 m/s.
class Runner {
 public:
  Runner(double lat, double lon, unsigned seed, double noise_m = 4.0)
      : lat_(lat), lon_(lon), noise_(seed), noise_m_(noise_m) {}

  // Runs `metres` at `bearing_deg` (0 north, 90 east).
  void run(double metres, double bearing_deg) {
    const double step_m = 3.0;
    const double radians = bearing_deg * std::numbers::pi / 180.0;
    for (double done = 0.0; done < metres; done += step_m) {
      lat_ += step_m * std::cos(radians) / metres_per_degree;
      lon_ += step_m * std::sin(radians) /
              (metres_per_degree * std::cos(lat_ * std::numbers::pi / 180.0));
      record();
    }
  }

  // Runs once round a circle of `radius_m` whose centre is `radius_m` away at `bearing_deg`,
  // clockwise or not, back to where it began.
  void loop(double radius_m, double bearing_deg, bool clockwise) {
    const double circumference_m = 2.0 * std::numbers::pi * radius_m;
    const double steps = std::ceil(circumference_m / 3.0);
    // The heading turns evenly through a full turn, starting square to the centre's bearing.
    double heading = bearing_deg + (clockwise ? -90.0 : 90.0);
    const double turn = 360.0 / steps * (clockwise ? 1.0 : -1.0);
    for (double i = 0.0; i < steps; i += 1.0) {
      run(circumference_m / steps, heading);
      heading += turn;
    }
  }

  [[nodiscard]] const std::vector<TrackPoint>& track() const { return track_; }

 private:
  void record() {
    // Up to noise_m_ either way, from the raw generator (whose output the standard fixes).
    const auto jitter = [this] {
      return (static_cast<double>(noise_()) / static_cast<double>(std::mt19937::max()) - 0.5) *
             2.0 * noise_m_ / metres_per_degree;
    };
    const double dlat = jitter();
    const double dlon = jitter() / std::cos(lat_ * std::numbers::pi / 180.0);
    track_.push_back({.offset = Duration(static_cast<double>(track_.size())),
                      .latitude_deg = lat_ + dlat,
                      .longitude_deg = lon_ + dlon});
  }

  double lat_;
  double lon_;
  std::mt19937 noise_;
  double noise_m_;
  std::vector<TrackPoint> track_;
};

std::size_t shared_cells(const std::vector<CellId>& a, const std::vector<CellId>& b) {
  std::vector<CellId> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return both.size();
}

double overlap_of(const std::vector<CellId>& a, const std::vector<CellId>& b) {
  return overlap(a.size(), b.size(), shared_cells(a, b));
}

double familiar_share(const std::vector<CellId>& run, const std::vector<CellId>& before) {
  return static_cast<double>(shared_cells(run, before)) / static_cast<double>(run.size());
}

constexpr double home_lat = 48.137;
constexpr double home_lon = 11.575;

// The river loop: a 5 km circle from home.
std::vector<CellId> river_loop(bool clockwise, unsigned seed) {
  Runner runner(home_lat, home_lon, seed);
  runner.loop(800.0, 90.0, clockwise);
  return cells_of_track(runner.track());
}

std::vector<TrackPoint> straight(double lat, double lon, double metres, double bearing_deg,
                                 double noise_m = 4.0) {
  Runner runner(lat, lon, 1, noise_m);
  runner.run(metres, bearing_deg);
  return runner.track();
}

TEST(CellAt, IsNothingForAPositionNotOnEarth) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_FALSE(cell_at(90.5, 0.0).has_value());
  EXPECT_FALSE(cell_at(-91.0, 0.0).has_value());
  EXPECT_FALSE(cell_at(nan, 0.0).has_value());
  EXPECT_FALSE(cell_at(0.0, nan).has_value());
  EXPECT_FALSE(cell_at(inf, 0.0).has_value());
  EXPECT_FALSE(cell_at(0.0, -inf).has_value());
  EXPECT_TRUE(cell_at(90.0, 0.0).has_value());
  EXPECT_TRUE(cell_at(-90.0, 0.0).has_value());
  EXPECT_TRUE(cell_at(0.0, 1e300).has_value());
}

TEST(CellAt, WrapsLongitudesAroundTheAntimeridian) {
  EXPECT_EQ(cell_at(10.0, 180.0), cell_at(10.0, -180.0));
  EXPECT_EQ(cell_at(10.0, 540.0), cell_at(10.0, 180.0));
  EXPECT_EQ(cell_at(10.0, -190.0), cell_at(10.0, 170.0));
  EXPECT_NE(cell_at(10.0, 179.99), cell_at(10.0, -179.99));
}

TEST(CellAt, PutsEveryLongitudeAtAPoleInAFewCells) {
  std::vector<CellId> cells;
  for (double lon = -180.0; lon < 180.0; lon += 1.0) cells.push_back(*cell_at(90.0, lon));
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  EXPECT_LE(cells.size(), 3U);
  EXPECT_NE(cell_at(90.0, 0.0), cell_at(-90.0, 0.0));
}

TEST(CellsOfTrack, AreAbout100MetresWideAtEveryLatitude) {
  // Two kilometres east and two north cross twenty cells each (give or take one at either
  // end), near the equator as in the far north: a grid of fixed degrees of longitude would
  // give twice as many east at 60°, six times as many at 80°.
  for (const double lat : {0.3, 45.0, 60.0, 80.0, -70.0}) {
    const auto east = cells_of_track(straight(lat, 11.5, 2000.0, 90.0, 0.0));
    EXPECT_GE(east.size(), 19U) << lat;
    EXPECT_LE(east.size(), 22U) << lat;
    const auto north = cells_of_track(straight(lat, 11.5, 2000.0, 0.0, 0.0));
    EXPECT_GE(north.size(), 19U) << lat;
    EXPECT_LE(north.size(), 22U) << lat;
  }
}

TEST(CellsOfTrack, FillsInTheWayBetweenFixesFarApart) {
  const auto dense = straight(home_lat, home_lon, 900.0, 60.0);
  // A watch recording every 3 minutes (or losing the signal in between).
  std::vector<TrackPoint> sparse;
  for (std::size_t i = 0; i < dense.size(); i += 60) sparse.push_back(dense[i]);
  sparse.push_back(dense.back());
  const auto all = cells_of_track(dense);
  const auto some = cells_of_track(sparse);
  EXPECT_GE(some.size(), 9U);
  EXPECT_GE(shared_cells(all, some), some.size() - 1) << "the filled-in way is the way run";
  EXPECT_GE(static_cast<double>(some.size()), 0.85 * static_cast<double>(all.size()));
}

TEST(CellsOfTrack, DoesNotJoinAGlitchOrAWatchCarriedFarWhilePaused) {
  std::vector<TrackPoint> glitch = straight(home_lat, home_lon, 30.0, 0.0);
  const auto before = cells_of_track(glitch).size();
  // One fix 3 km off for a second, then back.
  TrackPoint off = glitch.back();
  off.offset = off.offset + Duration(1.0);
  off.latitude_deg = home_lat + 3000.0 / metres_per_degree;
  glitch.push_back(off);
  TrackPoint back = glitch[glitch.size() - 2];
  back.offset = off.offset + Duration(1.0);
  glitch.push_back(back);
  EXPECT_EQ(cells_of_track(glitch).size(), before + 1);

  // Paused, carried 800 m in a minute (a tram), resumed: the tram's way is not run.
  std::vector<TrackPoint> carried = straight(home_lat, home_lon, 30.0, 0.0);
  TrackPoint away = carried.back();
  away.offset = away.offset + Duration(60.0);
  away.longitude_deg = home_lon + 800.0 / (metres_per_degree * std::cos(home_lat * 0.01745329));
  carried.push_back(away);
  EXPECT_LE(cells_of_track(carried).size(), before + 1);
}

TEST(CellsOfTrack, PassesOverPointsWithoutAPositionOnEarth) {
  EXPECT_TRUE(cells_of_track({}).empty());
  std::vector<TrackPoint> indoor(100);
  for (std::size_t i = 0; i < indoor.size(); ++i) {
    indoor[i].offset = Duration(static_cast<double>(i));
    indoor[i].heart_rate_bpm = 140;
  }
  EXPECT_TRUE(cells_of_track(indoor).empty());

  auto track = straight(home_lat, home_lon, 500.0, 0.0);
  const auto clean = cells_of_track(track);
  track[10].latitude_deg.reset();
  track[20].longitude_deg = std::numeric_limits<double>::infinity();
  track[30].latitude_deg = 91.0;
  track[40].latitude_deg = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(cells_of_track(track), clean);
}

TEST(CellsOfTrack, CrossesTheAntimeridianTheShortWay) {
  // Fiji: fixes 50 s apart either side of 180°, 150 m apart.
  const std::vector<TrackPoint> track = {
      {.offset = Duration(0.0), .latitude_deg = -16.8, .longitude_deg = 179.9993},
      {.offset = Duration(50.0), .latitude_deg = -16.8, .longitude_deg = -179.9993},
  };
  const auto cells = cells_of_track(track);
  EXPECT_GE(cells.size(), 2U);
  EXPECT_LE(cells.size(), 3U);
  // And run east over it fix by fix.
  const auto over = cells_of_track(straight(-16.8, 179.99, 2000.0, 90.0, 0.0));
  EXPECT_GE(over.size(), 19U);
  EXPECT_LE(over.size(), 22U);
}

TEST(CellsOfTrack, RunsOverAPole) {
  const auto over = cells_of_track(straight(89.995, 0.0, 1500.0, 0.0));
  EXPECT_FALSE(over.empty());
  EXPECT_LE(over.size(), 40U);
  const std::vector<TrackPoint> at_pole = {
      {.offset = Duration(0.0), .latitude_deg = 90.0, .longitude_deg = 0.0},
      {.offset = Duration(60.0), .latitude_deg = 90.0, .longitude_deg = 179.0},
      {.offset = Duration(120.0), .latitude_deg = 89.999, .longitude_deg = -90.0},
  };
  EXPECT_LE(cells_of_track(at_pole).size(), 6U);
}

TEST(SameRoute, IsTheSameLoopRunEitherWay) {
  const auto clockwise = river_loop(true, 1);
  const auto again = river_loop(true, 2);
  const auto counter = river_loop(false, 3);
  EXPECT_GE(overlap_of(clockwise, again), 0.75);
  EXPECT_GE(overlap_of(clockwise, counter), 0.75);
  EXPECT_GE(familiar_share(counter, clockwise), 0.85);
}

TEST(SameRoute, IsNotAnOutAndBackAlongHalfTheLoopThoughAllOfItIsFamiliar) {
  const auto loop = river_loop(true, 1);
  // The loop's first half, then back the same way.
  Runner half(home_lat, home_lon, 5);
  half.loop(800.0, 90.0, true);
  auto track = half.track();
  track.resize(track.size() / 2);
  auto back = track;
  std::reverse(back.begin(), back.end());
  for (std::size_t i = 0; i < back.size(); ++i) {
    back[i].offset = track.back().offset + Duration(static_cast<double>(i + 1));
  }
  track.insert(track.end(), back.begin(), back.end());
  const auto out_and_back = cells_of_track(track);
  EXPECT_LT(overlap_of(loop, out_and_back), same_route_overlap);
  EXPECT_GE(familiar_share(out_and_back, loop), 0.85);
}

TEST(SameRoute, IsTheLoopWithAShortExtensionButNotWithALongOne) {
  const auto loop = river_loop(true, 1);
  const auto with_extension = [](double extra_m) {
    Runner runner(home_lat, home_lon, 6);
    runner.loop(800.0, 90.0, true);
    runner.run(extra_m / 2.0, 200.0);  // a spur out and back from home
    runner.run(extra_m / 2.0, 20.0);
    return cells_of_track(runner.track());
  };
  // A spur is ground run twice: 5 km of loop and 0.7 km of new ground, or 5 km more.
  const auto short_extension = with_extension(1400.0);
  const auto long_extension = with_extension(10000.0);
  EXPECT_GE(overlap_of(loop, short_extension), same_route_overlap);
  EXPECT_LT(overlap_of(loop, long_extension), same_route_overlap);
  EXPECT_GE(familiar_share(long_extension, loop), 0.3);
  EXPECT_LE(familiar_share(long_extension, loop), 0.6);
}

TEST(PlanGround, FindsTheRoutesAndTheFamiliarGroundOfRunsInTheOrderRun) {
  Runner elsewhere(home_lat + 0.1, home_lon, 7);
  elsewhere.loop(800.0, 0.0, true);
  Runner extended(home_lat, home_lon, 8);
  extended.loop(800.0, 90.0, false);
  extended.run(5000.0, 200.0);
  extended.run(5000.0, 20.0);
  const std::vector<std::vector<CellId>> runs = {
      river_loop(true, 1),
      river_loop(false, 2),
      cells_of_track(elsewhere.track()),
      river_loop(true, 3),
      cells_of_track(extended.track()),
      cells_of_track(straight(home_lat, home_lon, 300.0, 0.0)),  // too short for a route
      {},                                                        // no GPS
  };
  const auto plan = plan_ground(runs);
  ASSERT_EQ(plan.runs.size(), runs.size());
  // The river loop (made by run 0), the loop elsewhere (run 2), the long one (run 4).
  EXPECT_EQ(plan.route_makers, (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(plan.runs[0].route, 0U);
  EXPECT_EQ(plan.runs[1].route, 0U);
  EXPECT_EQ(plan.runs[2].route, 1U);
  EXPECT_EQ(plan.runs[3].route, 0U);
  EXPECT_EQ(plan.runs[4].route, 2U);
  EXPECT_FALSE(plan.runs[5].route.has_value());
  EXPECT_FALSE(plan.runs[6].route.has_value());
  EXPECT_EQ(plan.runs[0].familiar_cells, 0U);
  EXPECT_EQ(plan.runs[2].familiar_cells, 0U);
  // The second loop: the cells the first passed through.
  EXPECT_EQ(plan.runs[1].familiar_cells, shared_cells(runs[1], runs[0]));
  EXPECT_GT(plan.runs[3].familiar_cells, runs[3].size() * 9 / 10);
  EXPECT_EQ(plan.runs[6].familiar_cells, 0U);
}

TEST(MatchingRoute, IsTheRouteOverlappedMostWhenAlikeEnough) {
  // 10 cells: 6 of 10 shared with a 10-cell route is 6/14, 8 of 10 is 8/12 (0.67).
  // 9 of 14 is 9/15 (0.6).
  const std::vector<RouteCandidate> candidates = {{.route = 4, .cells = 10, .shared = 6},
                                                  {.route = 7, .cells = 10, .shared = 8},
                                                  {.route = 9, .cells = 14, .shared = 9}};
  EXPECT_EQ(matching_route(10, candidates), 7);
  EXPECT_FALSE(matching_route(10, std::span(candidates).first(1)).has_value());
  EXPECT_FALSE(matching_route(10, {}).has_value());
  // Exactly three fifths is enough: 6 shared of 4 + 6 + 0 more.
  const std::vector<RouteCandidate> exact = {{.route = 3, .cells = 6, .shared = 6}};
  EXPECT_EQ(matching_route(10, exact), 3);
  // Equally alike: the route found first.
  const std::vector<RouteCandidate> tie = {{.route = 8, .cells = 10, .shared = 8},
                                           {.route = 5, .cells = 10, .shared = 8}};
  EXPECT_EQ(matching_route(10, tie), 5);
  // Too small a run follows no route however alike.
  const std::vector<RouteCandidate> tiny = {{.route = 1, .cells = 4, .shared = 4}};
  EXPECT_FALSE(matching_route(4, tiny).has_value());
}

TEST(MinSharedCells, IsWhatTheRunAloneNeedsToBeAlikeEnough) {
  EXPECT_EQ(min_shared_cells(10), 6U);
  EXPECT_EQ(min_shared_cells(11), 7U);  // 6.6, rounded up
  EXPECT_EQ(min_shared_cells(0), 0U);
  // Sharing exactly that many with a shape of the same cells is alike enough.
  const std::vector<RouteCandidate> just = {{.route = 1, .cells = 7, .shared = 7}};
  EXPECT_EQ(matching_route(11, just), 1);
  const std::vector<RouteCandidate> short_of_it = {{.route = 1, .cells = 6, .shared = 6}};
  EXPECT_FALSE(matching_route(11, short_of_it).has_value());
}

TEST(Overlap, IsSharedOverAll) {
  EXPECT_DOUBLE_EQ(overlap(10, 10, 10), 1.0);
  EXPECT_DOUBLE_EQ(overlap(10, 5, 5), 0.5);
  EXPECT_DOUBLE_EQ(overlap(3, 4, 0), 0.0);
  EXPECT_DOUBLE_EQ(overlap(0, 0, 0), 0.0);
}

TEST(GroundAdded, CountsCellsFirstRunBeforeAndGivesLaterFirstRunsTheirs) {
  const auto day = [](int d) { return Timestamp{std::chrono::seconds{d * 86400}}; };
  // Run 9 is back-filled on day 5: cell 1 was first run on day 2 (run 3), cells 2 and 3 on
  // day 8 (run 4), cell 4 on day 7 (run 6); cell 5 by nobody.
  const std::vector<CellFirstRun> firsts = {{.cell = 1, .first = {day(2), RunId{3}}},
                                            {.cell = 2, .first = {day(8), RunId{4}}},
                                            {.cell = 3, .first = {day(8), RunId{4}}},
                                            {.cell = 4, .first = {day(7), RunId{6}}}};
  const auto added = ground_added({day(5), RunId{9}}, firsts);
  EXPECT_EQ(added.familiar_cells, 1U);
  EXPECT_EQ(added.others, (std::vector<FamiliarChange>{{RunId{4}, 2}, {RunId{6}, 1}}));
  // Taken away again: the same runs lose them.
  EXPECT_EQ(ground_removed({day(5), RunId{9}}, firsts),
            (std::vector<FamiliarChange>{{RunId{4}, -2}, {RunId{6}, -1}}));
  // In the same second, the run stored first came first.
  const auto same_second = ground_added({day(8), RunId{2}}, firsts);
  EXPECT_EQ(same_second.familiar_cells, 2U);
  EXPECT_EQ(same_second.others, (std::vector<FamiliarChange>{{RunId{4}, 2}}));
}

TEST(RouteNameOf, IsTheNameGivenMostOftenAndOfThoseTheLatest) {
  EXPECT_EQ(route_name_of(std::vector<std::string>{}), "");
  EXPECT_EQ(route_name_of(std::vector<std::string>{"", ""}), "");
  EXPECT_EQ(route_name_of(std::vector<std::string>{"river", "", "river", "loop"}), "river");
  EXPECT_EQ(route_name_of(std::vector<std::string>{"river", "loop", "", "loop", "river"}), "river");
  EXPECT_EQ(route_name_of(std::vector<std::string>{"", "park"}), "park");
}

}  // namespace
}  // namespace cairn
