// Our readers against GPSBabel, an independent reader of FIT, GPX and TCX, run on the same
// corpus files: the number of points with a position, the first and last time, and the
// distance along those points. Skips when the corpus or gpsbabel is missing.

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cairn/core/track.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/csv.hpp"

#include "process.hpp"

namespace cairn {
namespace {

const std::filesystem::path corpus_dir = CAIRN_CORPUS_DIR;

struct Point {
  double lat = 0.0;
  double lon = 0.0;
  std::string time;  // "YYYY/MM/DD HH:MM:SS" in UTC, as unicsv writes it
};

std::vector<Point> gpsbabel_points(const std::filesystem::path& file, const std::string& format) {
  const auto result = testing::run_process(
      "/usr/bin/gpsbabel",
      {"-t", "-i", format, "-f", file.string(), "-o", "unicsv,utc=0", "-F", "-"});
  EXPECT_EQ(result.status, 0) << result.err;
  // A long track has a row per point, more than activities.csv is allowed.
  const auto table = formats::CsvTable::parse(result.out, {.max_rows = 10'000'000});
  std::vector<Point> points;
  for (std::size_t row = 0; row < table.row_count(); ++row) {
    Point point;
    point.lat = std::stod(std::string(table.cell(row, "Latitude")));
    point.lon = std::stod(std::string(table.cell(row, "Longitude")));
    const auto date = table.cell(row, "Date");
    const auto time = table.cell(row, "Time");
    if (!date.empty()) point.time = std::string(date) + " " + std::string(time.substr(0, 8));
    points.push_back(point);
  }
  return points;
}

std::string unicsv_time(formats::Instant instant) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
  std::string utc = format_utc(seconds);  // 2025-03-01T06:30:00Z
  utc[4] = '/';
  utc[7] = '/';
  utc[10] = ' ';
  utc.pop_back();
  return utc;
}

std::vector<char> read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

struct Case {
  const char* file;
  const char* gpsbabel_format;
};

class AgainstGpsbabel : public ::testing::TestWithParam<Case> {};

TEST_P(AgainstGpsbabel, AgreesOnPointsTimesAndDistance) {
  const auto path = corpus_dir / "files" / GetParam().file;
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "no corpus file " << path.string() << ": needs ../shared/corpus";
  }
  if (!std::filesystem::exists("/usr/bin/gpsbabel")) GTEST_SKIP() << "gpsbabel is not installed";

  const auto bytes = read_file(path);
  const auto content = formats::read_activity_file(std::as_bytes(std::span(bytes)));
  std::vector<formats::Sample> ours;
  for (const auto& activity : content.activities) {
    for (const auto& sample : activity.samples) {
      if (sample.latitude_deg && sample.longitude_deg) ours.push_back(sample);
    }
  }
  const auto theirs = gpsbabel_points(path, GetParam().gpsbabel_format);

  ASSERT_EQ(ours.size(), theirs.size()) << "points with a position";
  ASSERT_FALSE(ours.empty());
  EXPECT_NEAR(ours.front().latitude_deg.value(), theirs.front().lat, 1e-5);
  EXPECT_NEAR(ours.back().longitude_deg.value(), theirs.back().lon, 1e-5);
  if (ours.front().time && !theirs.front().time.empty()) {
    EXPECT_EQ(unicsv_time(*ours.front().time), theirs.front().time);
    EXPECT_EQ(unicsv_time(*ours.back().time), theirs.back().time);
  }

  // Distance along the same points: GPSBabel's points summed plainly against our
  // noise-robust distance, which leaves out jitter and so comes out a little shorter
  // (by design; see core/track.hpp). Agreement within 3% says both read the same track.
  double plain = 0.0;
  for (std::size_t i = 1; i < theirs.size(); ++i) {
    plain += great_circle_m(theirs[i - 1].lat, theirs[i - 1].lon, theirs[i].lat, theirs[i].lon);
  }
  std::vector<TrackPoint> track;
  for (const auto& sample : ours) {
    TrackPoint point;
    if (sample.time) {
      point.offset = std::chrono::duration_cast<Duration>(*sample.time - *ours.front().time);
    }
    point.latitude_deg = sample.latitude_deg;
    point.longitude_deg = sample.longitude_deg;
    track.push_back(point);
  }
  const double robust = distance_along(track).back();
  EXPECT_LE(robust, plain * 1.001);
  EXPECT_GE(robust, plain * 0.97) << "plain " << plain << " m, robust " << robust << " m";
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, AgainstGpsbabel,
    ::testing::Values(Case{"fit/gap__garmin-venusq-run-original.fit", "garmin_fit"},
                      Case{"fit/gpsbabel__garmin-forerunner-10.fit", "garmin_fit"},
                      Case{"fit/sportslib__coros-apex-pro-run.fit", "garmin_fit"},
                      Case{"fit/fitparserjs__garmin-fenix5x-running-devfields.fit", "garmin_fit"},
                      Case{"fit/gc__ipbike-hrv.fit", "garmin_fit"},
                      Case{"gz/gap__strava-export-12866632127.fit.gz", "garmin_fit"},
                      Case{"gpx/sportslib__amazfit.gpx", "gpx"},
                      Case{"gpx/gc__suunto-movescount-ms-times.gpx", "gpx"},
                      Case{"gpx/sweatpy__fr935-ride-4801048867.strava.gpx", "gpx"},
                      Case{"tcx/gpsbabel__forerunner110-14-laps.tcx", "gtrnctr"},
                      Case{"tcx/tcxparser__forerunner410-run.tcx", "gtrnctr"},
                      Case{"tcx/sweatpy__fr935-ride-4801048867.garminconnect.tcx", "gtrnctr"}),
    [](const auto& param_info) {
      std::string name = param_info.param.file;
      for (auto& c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace cairn
