// What a file becomes (make_outcome) for each class of file that once stored numbers a runner
// would not trust: built here byte by byte in the shape the real devices write, and checked
// on the corpus's real file where there is one.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/core/plausibility.hpp"
#include "cairn/formats/activity.hpp"

#include "fit_test_support.hpp"

namespace cairn::formats {
namespace {

using fit_test::fit_time;
using fit_test::FitWriter;
using fit_test::signed_value;
using ::testing::HasSubstr;

constexpr std::uint8_t t_enum = 0x00;
constexpr std::uint8_t t_uint16 = 0x84;
constexpr std::uint8_t t_sint32 = 0x85;
constexpr std::uint8_t t_uint32 = 0x86;
constexpr std::uint8_t t_uint32z = 0x8C;
constexpr std::uint8_t t_uint8 = 0x02;

constexpr std::int64_t start_unix = 1714543200;  // 2024-05-01T06:00:00Z
constexpr std::uint32_t t0 = fit_time(start_unix);
const Timestamp today = parse_utc("2026-11-30T12:00:00Z");

constexpr std::uint16_t garmin = 1;
constexpr std::uint16_t suunto = 23;
constexpr std::uint16_t fr955 = 4024;
constexpr std::uint16_t edge500 = 1036;

std::uint64_t semicircles(double degrees) {
  return signed_value(std::llround(degrees * 2147483648.0 / 180.0));
}

struct FitRun {
  std::uint16_t manufacturer = garmin;
  std::uint16_t product = fr955;
  std::optional<std::uint8_t> sport = 1;  ///< FIT sport; nothing writes no session
  int seconds = 1800;
  double speed_mps = 3.0;
  bool suunto_layout = false;              ///< position and distance in two records of each second
  int standing_from = -1;                  ///< the runner stands still from this second ...
  int standing_until = -1;                 ///< ... to this one, the timer running
  std::optional<std::uint32_t> timer_s{};  ///< the session's timer, else the run's length
  std::uint32_t elapsed_s = 0;             ///< the session's elapsed time, else the run's length
  std::uint32_t distance_cm = 0;           ///< the session's distance, else the last record's
  std::vector<std::uint32_t> gear_change_at{};
  std::uint32_t first_time = t0;
};

// A FIT file of a run along a meridian, one record a second (two in the Suunto layout).
std::vector<std::byte> write_fit(const FitRun& run) {
  FitWriter writer;
  writer
      .define(
          0, 0,
          {{0, 1, t_enum}, {1, 2, t_uint16}, {2, 2, t_uint16}, {3, 4, t_uint32z}, {4, 4, t_uint32}})
      .data(0, {4U, run.manufacturer, run.product, 1234567U, run.first_time});
  // Records: timestamp, lat, long, distance (cm), heart rate.
  writer.define(
      1, 20,
      {{253, 4, t_uint32}, {0, 4, t_sint32}, {1, 4, t_sint32}, {5, 4, t_uint32}, {3, 1, t_uint8}});
  writer.define(2, 20, {{253, 4, t_uint32}, {0, 4, t_sint32}, {1, 4, t_sint32}, {3, 1, t_uint8}});
  writer.define(3, 20, {{253, 4, t_uint32}, {5, 4, t_uint32}});
  double metres = 0.0;
  for (int s = 0; s <= run.seconds; ++s) {
    const bool standing = s > run.standing_from && s <= run.standing_until;
    if (s > 0 && !standing) metres += run.speed_mps;
    const double latitude = 45.0 + metres / 111'195.0;
    const auto time = static_cast<std::uint32_t>(run.first_time + static_cast<std::uint32_t>(s));
    const auto distance_cm = static_cast<std::uint64_t>(std::llround(metres * 100.0));
    if (run.suunto_layout) {
      writer.data(2, {time, semicircles(latitude), semicircles(7.0), 150U});
      writer.data(3, {time, distance_cm});
    } else {
      writer.data(1, {time, semicircles(latitude), semicircles(7.0), distance_cm, 150U});
    }
  }
  // Events: timestamp, event, event_type (3 = marker).
  writer.define(4, 21, {{253, 4, t_uint32}, {0, 1, t_enum}, {1, 1, t_enum}});
  writer.data(4, {run.first_time, 0U, 0U});
  for (const std::uint32_t at : run.gear_change_at) writer.data(4, {run.first_time + at, 43U, 3U});
  writer.data(4, {run.first_time + static_cast<std::uint32_t>(run.seconds), 0U, 4U});
  if (run.sport) {
    const auto length = static_cast<std::uint32_t>(run.seconds);
    writer.define(5, 18,
                  {{253, 4, t_uint32},
                   {2, 4, t_uint32},
                   {5, 1, t_enum},
                   {7, 4, t_uint32},
                   {8, 4, t_uint32},
                   {9, 4, t_uint32}});
    writer.data(5,
                {run.first_time + length, run.first_time, *run.sport,
                 (run.elapsed_s != 0 ? run.elapsed_s : length) * 1000U,
                 run.timer_s.value_or(length) * 1000U,
                 run.distance_cm != 0 ? run.distance_cm
                                      : static_cast<std::uint32_t>(std::llround(metres * 100.0))});
  }
  return writer.bytes();
}

ActivityOutcome outcome_of(const std::vector<std::byte>& bytes) {
  const auto content = read_activity_file(bytes);
  EXPECT_EQ(content.activities.size(), 1U);
  return make_outcome(content.activities.at(0), {.zone = "Europe/Berlin", .now = today});
}

ActivityOutcome outcome_of(const std::string& xml, std::size_t activity = 0) {
  const auto content = read_activity_file(std::as_bytes(std::span(xml.data(), xml.size())));
  return make_outcome(content.activities.at(activity), {.zone = "Europe/Berlin", .now = today});
}

std::string pace_text(const cairn::Run& run) {
  return format_pace(*pace_of(run), UnitSystem::metric);
}

// --- 1. moving time --------------------------------------------------------------------------

TEST(ImportTruth, ASuuntoRunWithPositionAndDistanceInSeparateRecordsMovesTheWholeTime) {
  // The Ambit3 shape: 15.2 km, a 4,035 s timer, each second written as two records.
  const auto outcome = outcome_of(write_fit({.manufacturer = suunto,
                                             .product = 34,
                                             .seconds = 4035,
                                             .speed_mps = 3.77,
                                             .suunto_layout = true}));
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  const cairn::Run& run = outcome.draft->run;
  EXPECT_NEAR(run.distance->kilometers(), 15.2, 0.05);
  EXPECT_NEAR(run.moving->count(), 4035.0, 4035.0 * 0.05);  // was 990 s: 1:05 /km
  EXPECT_EQ(pace_text(run), "4:25 /km");
  // The two records of each second are one point.
  EXPECT_EQ(outcome.draft->track.size(), 4036U);
}

TEST(ImportTruth, MovingTimeIsTheTimerLessTheStandingTheTrackShows) {
  // Two minutes at a crossing with the timer running: moving is the timer less those.
  const auto outcome =
      outcome_of(write_fit({.seconds = 1800, .standing_from = 600, .standing_until = 720}));
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.moving->count(), 1680.0, 2.0);
  EXPECT_NEAR(outcome.draft->run.elapsed->count(), 1800.0, 0.5);
}

TEST(ImportTruth, MovingTimeNeverExceedsTheDevicesTimer) {
  // The device's auto-pause left out a stop the records do not show (no events for it).
  const auto outcome = outcome_of(write_fit({.seconds = 1800, .timer_s = 1700}));
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.moving->count(), 1700.0, 0.5);
}

// --- 2. rides ---------------------------------------------------------------------------------

TEST(ImportTruth, AnEdgeRideWithTheGenericSportIsARide) {
  const auto outcome =
      outcome_of(write_fit({.product = edge500, .sport = 0, .seconds = 4800, .speed_mps = 9.1}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("bike computer (garmin edge500)"));
}

TEST(ImportTruth, AnEdgeRideWithoutASessionIsARide) {
  const auto outcome =
      outcome_of(write_fit({.product = edge500, .sport = std::nullopt, .speed_mps = 7.0}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("a ride"));
}

TEST(ImportTruth, GearChangesMakeAGenericActivityARide) {
  const auto outcome =
      outcome_of(write_fit({.sport = 0, .speed_mps = 4.0, .gear_change_at = {100, 400}}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("2 gear change(s)"));
}

TEST(ImportTruth, AGenericActivityAtARidesPaceFromAWatchIsNotStored) {
  const auto outcome = outcome_of(write_fit({.sport = 0, .seconds = 4800, .speed_mps = 9.1}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("faster than anyone runs that far"));
}

TEST(ImportTruth, AGenericActivityThatMightBeARideIsImportedForReview) {
  const auto outcome = outcome_of(write_fit({.sport = 0, .seconds = 1800, .speed_mps = 5.5}));
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_THAT(outcome.draft->run.review, HasSubstr("a ride?"));
}

TEST(ImportTruth, ARunningSessionFromABikeComputerIsARun) {
  // The file says running: a runner can wear anything.
  const auto outcome = outcome_of(write_fit({.product = edge500, .sport = 1}));
  EXPECT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
}

TEST(ImportTruth, WalkingStaysNotARun) {
  const auto outcome = outcome_of(write_fit({.sport = 11, .speed_mps = 1.4}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("walking"));
}

// --- 3. garbage -------------------------------------------------------------------------------

TEST(ImportTruth, ADamagedFileIsCutAtTheDamage) {
  // The FR35 shape: half an hour of running, then a record whose time leaps decades ahead and
  // whose distance leaps 950 km; the session summary counts the damage too.
  FitRun run{.seconds = 1800, .elapsed_s = 1'382'605'200U, .distance_cm = 95'200'000U};
  auto bytes = write_fit(run);
  const auto content_before = read_activity_file(bytes);
  ASSERT_EQ(content_before.activities.size(), 1U);
  Activity activity = content_before.activities[0];
  Sample leap = activity.samples.back();
  leap.time = *leap.time + std::chrono::hours{384'057};
  leap.distance_m = *leap.distance_m + 950'000.0;
  activity.samples.push_back(leap);
  activity.samples.push_back(leap);
  const auto outcome = make_outcome(activity, {.zone = "Europe/Berlin", .now = today});
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  const cairn::Run& result = outcome.draft->run;
  EXPECT_NEAR(result.elapsed->count(), 1800.0, 1.0);
  EXPECT_NEAR(result.distance->kilometers(), 5.4, 0.05);
  EXPECT_EQ(pace_text(result), "5:33 /km");
  EXPECT_THAT(outcome.draft->notes,
              testing::Contains(HasSubstr("damaged 30:00 into the run (its time leaps")));
  EXPECT_FALSE(implausibility(result, today).has_value());
}

TEST(ImportTruth, ADistanceLeapOfDamageIsCutButAGpsGlitchIsNot) {
  const auto content = read_activity_file(write_fit({.seconds = 1800, .distance_cm = 540'000U}));
  ASSERT_EQ(content.activities.size(), 1U);
  const auto with_leap = [&](double metres) {
    Activity activity = content.activities[0];
    for (std::size_t i = 1200; i < activity.samples.size(); ++i) {
      activity.samples[i].distance_m = *activity.samples[i].distance_m + metres;
    }
    return make_outcome(activity, {.zone = "UTC", .now = today});
  };
  const auto damaged = with_leap(500'000.0);  // 500 km in a second
  ASSERT_TRUE(damaged.draft.has_value()) << damaged.skipped_because;
  EXPECT_NEAR(damaged.draft->run.elapsed->count(), 1199.0, 1.0);
  EXPECT_THAT(damaged.draft->notes, testing::Contains(HasSubstr("its distance leaps 500.0 km")));
  const auto glitch = with_leap(1'500.0);  // a lost fix: kept, the whole run
  ASSERT_TRUE(glitch.draft.has_value()) << glitch.skipped_because;
  EXPECT_NEAR(glitch.draft->run.elapsed->count(), 1800.0, 1.0);
  EXPECT_THAT(glitch.draft->notes, testing::Not(testing::Contains(HasSubstr("damaged"))));
}

TEST(ImportTruth, AFileCutOffMidRunTakesItsMovingTimeFromTheRecords) {
  // A watch file cut off before its session: only a lap of one second survives.
  auto content = read_activity_file(write_fit({.sport = std::nullopt, .seconds = 212}));
  ASSERT_EQ(content.activities.size(), 1U);
  Activity activity = content.activities[0];
  activity.session.sport = "running";
  activity.laps.push_back(LapSummary{.start = activity.samples.front().time.value(),
                                     .elapsed_s = 1.38,
                                     .timer_s = 1.38,
                                     .distance_m = 0.0});
  const auto outcome = make_outcome(activity, {.zone = "UTC", .now = today});
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.moving->count(), 212.0, 1.0);  // was 1 s: 0:02 /km
  EXPECT_THAT(outcome.draft->notes, testing::Contains(HasSubstr("covers less than its records")));
}

TEST(ImportTruth, ASummaryShorterThanTheRecordsGivesWayToThem) {
  // A session of 47 minutes over six hours of records.
  const auto outcome = outcome_of(write_fit(
      {.seconds = 21'600, .speed_mps = 1.0, .elapsed_s = 2'840, .distance_cm = 2'160'000U}));
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.elapsed->count(), 21'600.0, 1.0);
  EXPECT_THAT(outcome.draft->notes, testing::Contains(HasSubstr("summary covers 47:20 of")));
}

TEST(ImportTruth, AMultisportRunLegCountsItsDistanceFromItsOwnStart) {
  // In a triathlon file the run leg's records carry the distance since the swim started.
  const auto content = read_activity_file(write_fit({.seconds = 1800}));
  ASSERT_EQ(content.activities.size(), 1U);
  Activity leg = content.activities[0];
  for (auto& sample : leg.samples) sample.distance_m = *sample.distance_m + 42'000.0;
  const auto outcome = make_outcome(leg, {.zone = "UTC", .now = today});
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.distance->kilometers(), 5.4, 0.01);
  EXPECT_NEAR(*outcome.draft->track.front().distance_m, 0.0, 0.01);
  EXPECT_NEAR(*outcome.draft->track.back().distance_m, 5400.0, 1.0);
}

TEST(ImportTruth, ARowingMonitorsGenericActivityIsARow) {
  const auto outcome = outcome_of(write_fit({.manufacturer = 87, .product = 0, .sport = 0}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("rowing monitor"));
}

TEST(ImportTruth, ATimeThatGoesBackMidRunCutsTheRecordsThere) {
  std::string gpx = "<gpx version=\"1.1\"><trk><type>running</type><trkseg>";
  for (int i = 0; i < 1800; ++i) {
    const int second = i < 900 ? i : i - 1800;  // the clock set back 30 minutes halfway
    const int clock = 8 * 3600 + second;
    gpx += fmt::format(
        "<trkpt lat=\"{:.7f}\" lon=\"13.4\"><time>2025-03-01T{:02d}:{:02d}:{:02d}Z"
        "</time></trkpt>",
        52.5 + i * 3.0 / 111'195.0, clock / 3600, clock / 60 % 60, clock % 60);
  }
  const auto outcome = outcome_of(gpx + "</trkseg></trk></gpx>");
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.elapsed->count(), 899.0, 1.0);
  EXPECT_THAT(outcome.draft->notes, testing::Contains(HasSubstr("its time goes back 29:59")));
}

TEST(ImportTruth, AStravaGpxNamedAfterItsSportIsJudgedByTheName) {
  std::string gpx =
      "<gpx version=\"1.1\" creator=\"StravaGPX\"><trk><name>Afternoon Swim</name>"
      "<trkseg>";
  for (int i = 0; i < 1800; i += 5) {
    gpx += fmt::format(
        "<trkpt lat=\"{:.7f}\" lon=\"13.4\"><time>2017-07-14T14:{:02d}:{:02d}Z"
        "</time></trkpt>",
        52.5 + i * 0.8 / 111'195.0, 30 + i / 60 % 30, i % 60);
  }
  const auto outcome = outcome_of(gpx + "</trkseg></trk></gpx>");
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("swimming"));
}

TEST(ImportTruth, ASummaryOfMoreThanAWeekIsLeftOutForTheRecords) {
  const auto outcome = outcome_of(write_fit({.seconds = 1800, .elapsed_s = 1'382'605'200U}));
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.elapsed->count(), 1800.0, 1.0);
  EXPECT_THAT(outcome.draft->notes, testing::Contains(HasSubstr("summary is implausible")));
}

TEST(ImportTruth, AFragmentIsSkippedWithItsReason) {
  const auto outcome = outcome_of(write_fit({.seconds = 2, .speed_mps = 0.13}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("a fragment of 0.3 m in 2.0 s"));
}

TEST(ImportTruth, AGpxWhosePointsAllCarryOneTimeIsNoRun) {
  std::string gpx = "<gpx version=\"1.1\"><trk><trkseg>";
  for (int i = 0; i < 50; ++i) {
    gpx += fmt::format(
        "<trkpt lat=\"{:.6f}\" lon=\"13.4\"><time>1901-12-13T20:45:52Z</time>"
        "</trkpt>",
        52.5 + i * 0.0001);
  }
  gpx += "</trkseg></trk></gpx>";
  const auto outcome = outcome_of(gpx);
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because,
              HasSubstr("every point carries the same time (1901-12-13T20:45:52Z)"));
}

TEST(ImportTruth, AFitRunTimedFromPowerOnSaysTheClockWasNeverSet) {
  const auto outcome = outcome_of(write_fit({.first_time = 5U}));
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("never had its clock set"));
  EXPECT_THAT(outcome.skipped_because, HasSubstr("30:00 over 5.40 km"));
}

TEST(ImportTruth, ARunDatedBeforeGpsWatchesIsNoRun) {
  std::string gpx = "<gpx version=\"1.1\"><trk><type>running</type><trkseg>";
  for (int i = 0; i < 600; ++i) {
    gpx += fmt::format(
        "<trkpt lat=\"{:.7f}\" lon=\"13.4\"><time>1983-01-01T07:{:02d}:{:02d}Z"
        "</time></trkpt>",
        52.5 + i * 3.0 / 111'195.0, i / 60, i % 60);
  }
  const auto outcome = outcome_of(gpx + "</trkseg></trk></gpx>");
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because,
              HasSubstr("start 1983-01-01 08:00 (Europe/Berlin) is not a plausible"));
}

// --- 4. runs no longer dropped ----------------------------------------------------------------

std::string tcx_lap(int start_minute, int points) {
  std::string lap = fmt::format(
      "<Lap StartTime=\"2008-06-01T07:{:02d}:00Z\"><TotalTimeSeconds>{}</TotalTimeSeconds>"
      "<DistanceMeters>{}</DistanceMeters><Track>",
      start_minute, points - 1, (points - 1) * 3);
  for (int i = 0; i < points; ++i) {
    const int second = start_minute * 60 + i;
    lap += fmt::format(
        "<Trackpoint><Time>2008-06-01T{:02d}:{:02d}:{:02d}Z</Time><DistanceMeters>{}"
        "</DistanceMeters></Trackpoint>",
        7 + second / 3600, second / 60 % 60, second % 60, i * 3);
  }
  return lap + "</Track></Lap>";
}

TEST(ImportTruth, TcxMultiSportSessionsGiveTheirRuns) {
  // How a Forerunner 305's history export wraps each activity.
  const std::string tcx =
      "<TrainingCenterDatabase><Activities><MultiSportSession><Id>2008-06-01T07:00:00Z</Id>"
      "<FirstSport><Activity Sport=\"Running\"><Id>2008-06-01T07:00:00Z</Id>" +
      tcx_lap(0, 600) +
      "</Activity></FirstSport><NextSport><Transition/><Activity Sport=\"Running\">"
      "<Id>2008-06-01T07:20:00Z</Id>" +
      tcx_lap(20, 900) +
      "</Activity></NextSport></MultiSportSession></Activities>"
      "</TrainingCenterDatabase>";
  const auto content = read_activity_file(std::as_bytes(std::span(tcx.data(), tcx.size())));
  ASSERT_EQ(content.activities.size(), 2U);
  const auto first = make_outcome(content.activities[0], {.zone = "UTC", .now = today});
  const auto second = make_outcome(content.activities[1], {.zone = "UTC", .now = today});
  ASSERT_TRUE(first.draft && second.draft);
  EXPECT_NEAR(first.draft->run.distance->meters(), 1797.0, 1.0);
  EXPECT_NEAR(second.draft->run.distance->meters(), 2697.0, 1.0);
}

std::string gpx_track(std::string_view type, int points, bool every_time = true) {
  std::string trk = fmt::format("<trk><type>{}</type><trkseg>", type);
  for (int i = 0; i < points; ++i) {
    const bool timed = every_time || i % 7 == 0 || i == points - 1;
    trk += fmt::format(
        "<trkpt lat=\"{:.7f}\" lon=\"13.4\">{}</trkpt>", 52.5 + i * 3.0 / 111'195.0,
        timed ? fmt::format("<time>2025-03-01T07:{:02d}:{:02d}Z</time>", i / 60, i % 60) : "");
  }
  return trk + "</trkseg></trk>";
}

TEST(ImportTruth, GpxTracksOfUnknownTypesAreJudgedByTheirData) {
  const std::string gpx =
      "<gpx version=\"1.1\">" + gpx_track("jkljkl", 600) + gpx_track("...", 600) + "</gpx>";
  EXPECT_TRUE(outcome_of(gpx, 0).draft.has_value());
  EXPECT_TRUE(outcome_of(gpx, 1).draft.has_value());
}

TEST(ImportTruth, UntimedGpxPointsArePlacedInTimeAlongTheWay) {
  // GraphHopper's shape: one point in seven timed. The distance must not grow (untimed
  // points at offset 0 once added 5.8%).
  const std::string all_timed = "<gpx version=\"1.1\">" + gpx_track("running", 1201) + "</gpx>";
  const std::string some_timed =
      "<gpx version=\"1.1\">" + gpx_track("running", 1201, false) + "</gpx>";
  const auto reference = outcome_of(all_timed);
  const auto placed = outcome_of(some_timed);
  ASSERT_TRUE(reference.draft && placed.draft);
  EXPECT_NEAR(placed.draft->run.distance->meters(), reference.draft->run.distance->meters(),
              reference.draft->run.distance->meters() * 0.005);
  EXPECT_NEAR(placed.draft->run.moving->count(), 1200.0, 1.0);
  EXPECT_THAT(placed.draft->notes, testing::Contains(HasSubstr("placed in time along the way")));
}

TEST(ImportTruth, ATcxWhoseLapsCoverPartOfTheTrackIsMeasuredByTheTrack) {
  // Movescount: one 1 km lap of 5 minutes, then the track runs on to 2.7 km in 15 minutes.
  std::string tcx =
      "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Id>2018-02-23T16:55:00Z"
      "</Id><Lap StartTime=\"2018-02-23T16:55:00Z\"><TotalTimeSeconds>300</TotalTimeSeconds>"
      "<DistanceMeters>1000</DistanceMeters><Track>";
  for (int i = 0; i <= 900; ++i) {
    tcx += fmt::format(
        "<Trackpoint><Time>2018-02-23T{:02d}:{:02d}:{:02d}Z</Time><DistanceMeters>"
        "{}</DistanceMeters></Trackpoint>",
        16 + (55 * 60 + i) / 3600, (55 + i / 60) % 60, i % 60, i * 3);
  }
  tcx += "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  const auto outcome = outcome_of(tcx);
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  EXPECT_NEAR(outcome.draft->run.distance->meters(), 2700.0, 1.0);
  EXPECT_NEAR(outcome.draft->run.moving->count(), 900.0, 1.0);
  EXPECT_THAT(outcome.draft->notes, testing::Contains(HasSubstr("summary covers 1.00 km")));
}

// --- 5. messages a runner can act on ----------------------------------------------------------

TEST(ImportTruth, AWatchWhoseClockWasNeverSetSaysSo) {
  // FR70: times counted from power-on and no correlation to the calendar.
  FitWriter writer;
  writer.define(0, 0, {{0, 1, t_enum}, {1, 2, t_uint16}, {2, 2, t_uint16}})
      .data(0, {4U, garmin, 1436U})
      .define(1, 20, {{253, 4, t_uint32}, {5, 4, t_uint32}});
  for (std::uint32_t s = 0; s <= 3432; s += 4) writer.data(1, {1000U + s, s * 290U});
  writer.define(2, 18, {{253, 4, t_uint32}, {5, 1, t_enum}, {7, 4, t_uint32}, {9, 4, t_uint32}})
      .data(2, {4432U, 1U, 3'432'000U, 995'280U});
  const auto outcome = outcome_of(writer.bytes());
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("the watch never had its clock set"));
  EXPECT_THAT(outcome.skipped_because, HasSubstr("57:12 over 9.95 km"));
}

TEST(ImportTruth, AnEmptyFileIsCalledEmpty) {
  try {
    static_cast<void>(read_activity_file({}));
    FAIL() << "an empty file was read";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "the file is empty");
  }
}

// --- the corpus's real files ------------------------------------------------------------------

TEST(ImportTruthCorpus, TheSuuntoRunMovesAsLongAsItsTimerSays) {
  const auto path = std::string(CAIRN_CORPUS_DIR) + "/files/fit/gc__suunto-run-2020-01-15.fit";
  const auto bytes = fit_test::read_file(path);
  if (!bytes) GTEST_SKIP() << "no corpus file " << path << ": needs ../shared/corpus";
  const auto content = read_activity_file(*bytes);
  ASSERT_EQ(content.activities.size(), 1U);
  const auto& activity = content.activities[0];
  const auto outcome = make_outcome(activity, {.zone = "UTC", .now = today});
  ASSERT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  ASSERT_TRUE(activity.session.timer_s.has_value());
  // The runner stopped in this one: moving is within the timer and not far below it.
  EXPECT_LE(outcome.draft->run.moving->count(), *activity.session.timer_s + 0.5);
  EXPECT_GE(outcome.draft->run.moving->count(), *activity.session.timer_s * 0.9);
}

TEST(ImportTruthCorpus, TheEdge500AndElemntRidesAreNotRuns) {
  for (const char* name :
       {"fit/fitparse__garmin-edge-500-activity.fit", "fit/fitparse__sigma-nick-unterminated.fit",
        "fit/tormoder__garmin-edge530-over-85-fields.fit"}) {
    const auto path = std::string(CAIRN_CORPUS_DIR) + "/files/" + name;
    const auto bytes = fit_test::read_file(path);
    if (!bytes) GTEST_SKIP() << "no corpus file " << path << ": needs ../shared/corpus";
    const auto content = read_activity_file(*bytes);
    ASSERT_FALSE(content.activities.empty()) << name;
    for (const auto& activity : content.activities) {
      const auto outcome = make_outcome(activity, {.zone = "UTC", .now = today});
      EXPECT_FALSE(outcome.draft.has_value()) << name;
      EXPECT_FALSE(outcome.skipped_because.empty()) << name;
    }
  }
}

TEST(ImportTruthCorpus, TheFr70RunWithoutAClockSaysWhy) {
  const auto path =
      std::string(CAIRN_CORPUS_DIR) + "/files/fit/fitparse__fr70-compressed-speed-distance.fit";
  const auto bytes = fit_test::read_file(path);
  if (!bytes) GTEST_SKIP() << "no corpus file " << path << ": needs ../shared/corpus";
  const auto content = read_activity_file(*bytes);
  ASSERT_EQ(content.activities.size(), 1U);
  const auto outcome = make_outcome(content.activities[0], {.zone = "UTC", .now = today});
  ASSERT_FALSE(outcome.draft.has_value());
  EXPECT_THAT(outcome.skipped_because, HasSubstr("never had its clock set"));
}

}  // namespace
}  // namespace cairn::formats
