#include "cairn/core/track.hpp"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

namespace cairn {
namespace {

// A straight run north along a meridian at `speed` m/s, one point a second.
std::vector<TrackPoint> straight_run(int seconds, double speed, bool with_distance = true) {
  std::vector<TrackPoint> track;
  const double metres_per_degree = great_circle_m(0.0, 0.0, 1.0, 0.0);
  for (int s = 0; s <= seconds; ++s) {
    TrackPoint point;
    point.offset = Duration(s);
    point.latitude_deg = 45.0 + s * speed / metres_per_degree;
    point.longitude_deg = 7.0;
    if (with_distance) point.distance_m = s * speed;
    point.heart_rate_bpm = 140 + s % 10;
    track.push_back(point);
  }
  return track;
}

TEST(GreatCircle, MeasuresOneDegreeOfLatitude) {
  EXPECT_NEAR(great_circle_m(0.0, 0.0, 1.0, 0.0), 111'195.0, 5.0);
}

// Short steps take the flat-earth shortcut; it must agree with the haversine formula.
double haversine_m(double lat1, double lon1, double lat2, double lon2) {
  const auto rad = [](double degrees) { return degrees * 3.14159265358979323846 / 180.0; };
  const double a =
      std::pow(std::sin(rad(lat2 - lat1) / 2), 2) +
      std::cos(rad(lat1)) * std::cos(rad(lat2)) * std::pow(std::sin(rad(lon2 - lon1) / 2), 2);
  return 2.0 * 6'371'008.8 * std::asin(std::sqrt(a));
}

TEST(GreatCircle, ShortStepsAgreeWithTheHaversineWithinAMillionth) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> latitude(-80.0, 80.0);
  std::uniform_real_distribution<double> longitude(-180.0, 180.0);
  std::uniform_real_distribution<double> step(-0.05, 0.05);  // up to ~5 km
  for (int i = 0; i < 10'000; ++i) {
    const double lat = latitude(random);
    const double lon = longitude(random);
    const double lat2 = lat + step(random);
    const double lon2 = lon + step(random);
    const double expected = haversine_m(lat, lon, lat2, lon2);
    ASSERT_NEAR(great_circle_m(lat, lon, lat2, lon2), expected, 1e-3 + expected * 1e-6)
        << lat << "," << lon << " to " << lat2 << "," << lon2;
  }
}

TEST(DistanceAlong, FollowsAStraightTrack) {
  const auto track = straight_run(600, 3.0, false);
  EXPECT_NEAR(distance_along(track).back(), 1800.0, 2.0);
}

TEST(DistanceAlong, DoesNotCountJitterWhileStandingStill) {
  std::mt19937 random(7);
  std::normal_distribution<double> noise(0.0, 0.000015);  // about 1.5 m
  std::vector<TrackPoint> track;
  for (int s = 0; s < 600; ++s) {
    track.push_back(TrackPoint{.offset = Duration(s),
                               .latitude_deg = 45.0 + noise(random),
                               .longitude_deg = 7.0 + noise(random)});
  }
  EXPECT_LT(distance_along(track).back(), 60.0);  // a naive sum gives about 1.2 km
}

TEST(DistanceAlong, IgnoresASingleWildFix) {
  auto track = straight_run(300, 3.0, false);
  track[150].latitude_deg = *track[150].latitude_deg + 0.05;  // 5.5 km away for one second
  EXPECT_NEAR(distance_along(track).back(), 900.0, 10.0);
}

TEST(ElevationGain, IgnoresNoiseSmallerThanTheThreshold) {
  std::vector<TrackPoint> track;
  for (int s = 0; s < 100; ++s) {
    track.push_back(TrackPoint{.offset = Duration(s), .altitude_m = 100.0 + (s % 2) * 2.0});
  }
  EXPECT_DOUBLE_EQ(elevation_gain(track)->meters(), 0.0);
}

TEST(ElevationGain, CountsRealClimbs) {
  std::vector<TrackPoint> track;
  for (int s = 0; s <= 100; ++s) {  // up 50 m, down 50 m, up 30 m
    const double altitude = s <= 50 ? s : (s <= 75 ? 100.0 - s : s - 50.0);
    track.push_back(TrackPoint{.offset = Duration(s), .altitude_m = altitude});
  }
  EXPECT_NEAR(elevation_gain(track)->meters(), 75.0, 4.0);
  EXPECT_FALSE(elevation_gain(straight_run(10, 3.0)).has_value());
}

TEST(MovingTime, LeavesOutPausesAndStandingStill) {
  auto track = straight_run(100, 3.0);
  for (int s = 101; s <= 160; ++s) {  // a minute standing at a crossing
    track.push_back(TrackPoint{.offset = Duration(s), .distance_m = 300.0});
  }
  EXPECT_NEAR(moving_time(track, {})->count(), 100.0, 0.5);
  const std::vector<Pause> pauses{{.from = Duration(50), .to = Duration(70)}};
  EXPECT_NEAR(moving_time(track, pauses)->count(), 80.0, 0.5);
}

TEST(MovingTime, CountsAJogWhoseGpsDistanceMovesEveryOtherPoint) {
  // 2.8 m/s with a point a second: the GPS-derived distance passes the 3 m jitter threshold
  // every other point and stands still in between. That is running, not standing.
  auto track = straight_run(1800, 2.8, false);
  const auto along = distance_along(track);
  for (std::size_t i = 0; i < track.size(); ++i) track[i].distance_m = along[i];
  ASSERT_NEAR(along.back(), 5040.0, 60.0);
  EXPECT_NEAR(moving_time(track, {})->count(), 1800.0, 5.0);
}

TEST(MovingTime, PassesOverPointsWithoutADistance) {
  // A Suunto writes position and distance in separate records of the same second: every
  // other point has no distance. The run is still all moving.
  auto track = straight_run(1200, 3.5);
  for (std::size_t i = 1; i < track.size(); i += 2) track[i].distance_m.reset();
  EXPECT_NEAR(moving_time(track, {})->count(), 1200.0, 1.0);
}

TEST(MovingTime, CountsAGapInTheDataAsMovingWhenTheDistanceAdvanced) {
  auto track = straight_run(600, 3.0);
  track.erase(track.begin() + 100, track.begin() + 400);  // five minutes without records
  EXPECT_NEAR(moving_time(track, {})->count(), 600.0, 1.0);
}

TEST(MovingTime, CountsABriefSlowDownAsRunning) {
  auto track = straight_run(300, 3.0);
  for (int s = 101; s <= 105; ++s) track[static_cast<std::size_t>(s)].distance_m = 300.0;
  for (std::size_t i = 106; i < track.size(); ++i) *track[i].distance_m -= 15.0;
  EXPECT_NEAR(moving_time(track, {})->count(), 300.0, 0.5);
}

TEST(StandingTime, FindsTheStopAndTheWatchLeftRunningAtTheEnd) {
  auto track = straight_run(100, 3.0);
  for (int s = 101; s <= 160; ++s) {
    track.push_back(TrackPoint{.offset = Duration(s), .distance_m = 300.0});
  }
  EXPECT_NEAR(standing_time(track, {}).count(), 60.0, 1.0);
  // The same minute inside a timer pause is a pause, not standing.
  const std::vector<Pause> pauses{{.from = Duration(100), .to = Duration(160)}};
  EXPECT_NEAR(standing_time(track, pauses).count(), 0.0, 1.0);
}

TEST(StandingTime, CountsADriftingDistanceAsStanding) {
  // Some devices let the distance creep while the runner stands (0.2 m/s of GPS drift).
  auto track = straight_run(100, 3.0);
  for (int s = 101; s <= 190; ++s) {
    track.push_back(TrackPoint{.offset = Duration(s), .distance_m = 300.0 + (s - 100) * 0.2});
  }
  for (int s = 191; s <= 290; ++s) {
    track.push_back(TrackPoint{.offset = Duration(s), .distance_m = 318.0 + (s - 190) * 3.0});
  }
  EXPECT_NEAR(standing_time(track, {}).count(), 90.0, 1.0);
  EXPECT_NEAR(moving_time(track, {})->count(), 200.0, 1.0);
}

TEST(HeartRateOf, AveragesOverTimeAndFindsTheMaximum) {
  const auto summary = heart_rate_of(straight_run(99, 3.0));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->max_bpm, 149);
  EXPECT_NEAR(summary->average_bpm, 144, 1);
  EXPECT_FALSE(heart_rate_of(std::vector<TrackPoint>{TrackPoint{}}).has_value());
}

TEST(ComputeSplits, InterpolatesEachKilometre) {
  const auto splits = compute_splits(straight_run(1000, 2.5));  // 2.5 km at 6:40 /km
  ASSERT_EQ(splits.size(), 3U);
  EXPECT_NEAR(splits[0].elapsed.count(), 400.0, 0.01);
  EXPECT_NEAR(splits[1].pace->seconds_per_km(), 400.0, 0.01);
  EXPECT_NEAR(splits[2].distance.meters(), 500.0, 0.01);
  EXPECT_EQ(compute_splits(straight_run(1000, 2.5), {.keep_partial_last = false}).size(), 2U);
}

TEST(SummarizeTrack, CountsPointsAndBoxesThePositions) {
  const auto track = straight_run(1000, 2.5);
  const auto summary = summarize_track(track);
  EXPECT_EQ(summary.points, track.size());
  EXPECT_NEAR(summary.duration.count(), (track.back().offset - track.front().offset).count(), 1e-9);
  ASSERT_TRUE(summary.bounds.has_value());
  EXPECT_DOUBLE_EQ(summary.bounds->south_deg, 45.0);  // the run goes north from 45°N 7°E
  EXPECT_DOUBLE_EQ(summary.bounds->north_deg, track.back().latitude_deg.value_or(0.0));
  EXPECT_DOUBLE_EQ(summary.bounds->west_deg, 7.0);
  EXPECT_DOUBLE_EQ(summary.bounds->east_deg, 7.0);
  EXPECT_EQ(summarize_track({}).points, 0U);
  EXPECT_FALSE(summarize_track({}).bounds.has_value());
  EXPECT_FALSE(summarize_track(std::vector<TrackPoint>{TrackPoint{}}).bounds.has_value());
}

TEST(ComputeSplits, SplitsByMileToo) {
  const auto splits = compute_splits(straight_run(1000, 3.3), {.every = Distance::from_miles(1.0)});
  ASSERT_EQ(splits.size(), 3U);
  EXPECT_NEAR(splits[0].distance.miles(), 1.0, 1e-9);
}

}  // namespace
}  // namespace cairn
