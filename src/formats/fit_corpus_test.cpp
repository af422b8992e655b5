// The FIT reader against real files from ../shared/corpus and the values independent
// decoders (python-fitparse, GPSBabel, the corpus inspector's counts in MANIFEST.tsv) give
// for them. Skipped when the corpus is not there.

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/readers.hpp"

#include "fit_test_support.hpp"

namespace cairn::formats {
namespace {

namespace fs = std::filesystem;
using fit_test::RecordingSink;

fs::path corpus_dir() { return fs::path(CAIRN_CORPUS_DIR); }
fs::path fit_dir() { return corpus_dir() / "files" / "fit"; }

#define CAIRN_SKIP_WITHOUT_CORPUS()                                              \
  if (!fs::is_directory(fit_dir())) {                                            \
    GTEST_SKIP() << "the corpus of real files is not at " << fit_dir().string(); \
  }

RecordingSink read_corpus_file(const std::string& name) {
  const auto bytes = fit_test::read_file((fit_dir() / name).string());
  if (!bytes) throw std::runtime_error("cannot open " + name);
  RecordingSink sink;
  read_fit(*bytes, sink);
  return sink;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? text.npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<long> count_in_notes(std::string_view notes, std::string_view key) {
  // "sessions=1 laps=9 records=10686" after the " || " of the notes.
  const auto facts = notes.find(" || ");
  if (facts == std::string_view::npos) return std::nullopt;
  const std::string needle = " " + std::string(key) + "=";
  auto at = notes.find(needle, facts);
  if (at == std::string_view::npos) {
    if (notes.compare(facts + 4, key.size() + 1, std::string(key) + "=") != 0) return std::nullopt;
    at = facts + 3;
  }
  long value = 0;
  const char* begin = notes.data() + at + needle.size();
  const auto [end, error] = std::from_chars(begin, notes.data() + notes.size(), value);
  if (error != std::errc{} || end == begin) return std::nullopt;
  return value;
}

struct ManifestRow {
  std::string name;
  std::string notes;
};

std::vector<ManifestRow> fit_rows_of_manifest() {
  std::ifstream in(corpus_dir() / "MANIFEST.tsv");
  std::vector<ManifestRow> rows;
  std::string line;
  while (std::getline(in, line)) {
    const auto columns = split(line, '\t');
    if (columns.size() < 10 || columns[1] != "fit") continue;
    rows.push_back({fs::path(columns[0]).filename().string(), columns[9]});
  }
  return rows;
}

TEST(FitCorpus, EveryFileReadsOrThrowsACairnError) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  // The .fit.gz files in files/gz are left to the gzip reader's tests.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(fit_dir())) {
    if (entry.path().extension() != ".fit") continue;
    ++files;
    const auto bytes = fit_test::read_file(entry.path().string());
    ASSERT_TRUE(bytes) << entry.path();
    RecordingSink sink;
    try {
      read_fit(*bytes, sink);
    } catch (const Error& e) {
      // Acceptable, but every file of the corpus is in fact partly readable at least.
      ADD_FAILURE() << entry.path().filename() << ": " << e.what();
    }
  }
  EXPECT_GT(files, 30U);
}

// The corpus inspector counted records, laps and sessions of each file; we read the same.
TEST(FitCorpus, CountsOfRecordsLapsAndSessionsMatchTheManifest) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto rows = fit_rows_of_manifest();
  ASSERT_GT(rows.size(), 30U);
  std::size_t checked = 0;
  for (const ManifestRow& row : rows) {
    if (!fs::exists(fit_dir() / row.name)) continue;
    SCOPED_TRACE(row.name);
    const auto sink = read_corpus_file(row.name);
    if (const auto records = count_in_notes(row.notes, "records")) {
      EXPECT_EQ(static_cast<long>(sink.records.size()), *records);
      ++checked;
    }
    if (const auto laps = count_in_notes(row.notes, "laps")) {
      EXPECT_EQ(static_cast<long>(sink.laps.size()), *laps);
    }
    if (const auto sessions = count_in_notes(row.notes, "sessions")) {
      EXPECT_EQ(static_cast<long>(sink.sessions.size()), *sessions);
    }
  }
  EXPECT_GT(checked, 30U);  // the notes were understood
}

// "Sun Sep 25 06:00:22 PDT 2011" as an instant (PDT is UTC-7).
Instant parse_pdt(std::string_view text) {
  static constexpr std::array<std::string_view, 12> months{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto parts = split(text, ' ');
  const auto month =
      static_cast<unsigned>(std::find(months.begin(), months.end(), parts[1]) - months.begin() + 1);
  const auto clock = split(parts[3], ':');
  const std::chrono::year_month_day date{
      std::chrono::year{std::stoi(parts[5])}, std::chrono::month{month},
      std::chrono::day{static_cast<unsigned>(std::stoi(parts[2]))}};
  const auto local = std::chrono::sys_days{date} + std::chrono::hours{std::stoi(clock[0])} +
                     std::chrono::minutes{std::stoi(clock[1])} +
                     std::chrono::seconds{std::stoi(clock[2])};
  return std::chrono::time_point_cast<std::chrono::milliseconds>(local + std::chrono::hours{7});
}

constexpr double degrees_per_semicircle = 180.0 / 2147483648.0;

// python-fitparse's test compares every record of this Edge 500 ride with its CSV dump.
TEST(FitCorpus, Edge500RecordsMatchFitparseRecordByRecord) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto sink = read_corpus_file("fitparse__garmin-edge-500-activity.fit");
  std::ifstream csv(fit_dir() / "fitparse__garmin-edge-500-activity.expected-records.csv");
  std::string line;
  std::getline(csv, line);  // timestamp,heart_rate,cadence,speed,distance,lat,long,altitude,temp
  std::size_t index = 0;
  std::optional<double> last_lat;
  while (std::getline(csv, line)) {
    ASSERT_LT(index, sink.records.size());
    const Sample& sample = sink.records[index];
    const auto column = split(line, ',');
    SCOPED_TRACE(line);
    EXPECT_EQ(sample.time, parse_pdt(column[0]));
    EXPECT_EQ(sample.heart_rate_bpm, std::stoi(column[1]));
    // A ride: cadence in rpm, not doubled. fitparse writes 0 where the value is invalid.
    if (sample.cadence_spm) {
      EXPECT_DOUBLE_EQ(*sample.cadence_spm, std::stod(column[2]));
    } else {
      EXPECT_EQ(column[2], "0");
    }
    EXPECT_NEAR(sample.speed_mps.value_or(-1), std::stod(column[3]), 1e-9);
    EXPECT_NEAR(sample.distance_m.value_or(-1), std::stod(column[4]), 1e-9);
    // Where the record has no position, fitparse's CSV carries the last one: we leave it out.
    const double lat = std::stod(column[5]) * degrees_per_semicircle;
    if (sample.latitude_deg) {
      EXPECT_NEAR(*sample.latitude_deg, lat, 1e-12);
      EXPECT_NEAR(*sample.longitude_deg, std::stod(column[6]) * degrees_per_semicircle, 1e-12);
      last_lat = lat;
    } else {
      ASSERT_TRUE(last_lat);
      EXPECT_NEAR(*last_lat, lat, 1e-12);
    }
    EXPECT_NEAR(sample.altitude_m.value_or(-1000), std::stod(column[7]), 1e-9);
    EXPECT_EQ(sample.temperature_c, std::stod(column[8]));
    ++index;
  }
  EXPECT_EQ(index, sink.records.size());
  EXPECT_EQ(index, 10686U);
}

// Every record of the FR70 file has a compressed-timestamp header and packed speed and
// distance. Its times count from the watch's power-on and nothing ties them to a date, so we
// leave them out (fitparse prints them raw); the other values match fitparse's.
TEST(FitCorpus, Fr70CompressedRecordsMatchFitparse) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto sink = read_corpus_file("fitparse__fr70-compressed-speed-distance.fit");
  ASSERT_EQ(sink.records.size(), 755U);
  // The first record is defined with no fields at all; fitparse's CSV starts after it.
  EXPECT_FALSE(sink.records[0].heart_rate_bpm);
  std::ifstream csv(fit_dir() / "fitparse__fr70-compressed-speed-distance.expected-records.csv");
  std::string line;
  std::getline(csv, line);  // Timestamp, Heart Rate [bpm],Speed [m/s],Distance [m],Cadence [rpm]
  std::size_t index = 1;
  while (std::getline(csv, line)) {
    ASSERT_LT(index, sink.records.size());
    const Sample& sample = sink.records[index];
    const auto column = split(line, ',');
    SCOPED_TRACE(line);
    EXPECT_FALSE(sample.time);
    EXPECT_EQ(sample.heart_rate_bpm, std::stoi(column[1]));
    EXPECT_NEAR(sample.speed_mps.value_or(-1), std::stod(column[2]), 1e-9);
    EXPECT_NEAR(sample.distance_m.value_or(-1), std::stod(column[3]), 1e-9);
    if (column[4] == "null") {
      EXPECT_FALSE(sample.cadence_spm);
    } else {
      EXPECT_EQ(sample.cadence_spm, std::stod(column[4]) * 2);  // a run: steps, not strides
    }
    ++index;
  }
  EXPECT_EQ(index, 755U);
  ASSERT_FALSE(sink.warnings.empty());
  EXPECT_NE(sink.warnings[0].find("power-on"), std::string::npos);
}

struct TrackPoint {
  double lat = 0;
  double lon = 0;
  std::string time;
};

std::string attribute(std::string_view element, std::string_view name) {
  const auto at = element.find(std::string(name) + "=\"");
  if (at == std::string_view::npos) return {};
  const auto start = at + name.size() + 2;
  return std::string(element.substr(start, element.find('"', start) - start));
}

std::vector<TrackPoint> gpsbabel_points(const std::string& name) {
  std::ifstream in(fit_dir() / name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<TrackPoint> points;
  for (auto at = text.find("<trkpt "); at != std::string::npos; at = text.find("<trkpt ", at + 1)) {
    const auto end = text.find("</trkpt>", at);
    const std::string_view element(text.data() + at, end - at);
    TrackPoint point{
        std::stod(attribute(element, "lat")), std::stod(attribute(element, "lon")), {}};
    if (const auto t = element.find("<time>"); t != std::string_view::npos) {
      point.time = std::string(element.substr(t + 6, 20));
    }
    points.push_back(point);
  }
  return points;
}

std::string iso_time(const Instant& instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{std::chrono::floor<std::chrono::seconds>(instant - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

// GPSBabel's regression references: its GPX holds the records that have a position.
TEST(FitCorpus, PositionedRecordsMatchGpsbabelConversions) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  for (const std::string stem : {"gpsbabel__garmin-forerunner-10", "gpsbabel__wahoo-elemnt-bolt",
                                 "gpsbabel__garmin-virb-ultra-30"}) {
    SCOPED_TRACE(stem);
    const auto sink = read_corpus_file(stem + ".fit");
    const auto expected = gpsbabel_points(stem + ".expected-gpsbabel.gpx");
    std::vector<const Sample*> positioned;
    for (const Sample& sample : sink.records) {
      if (sample.latitude_deg) positioned.push_back(&sample);
    }
    ASSERT_EQ(positioned.size(), expected.size());
    for (const std::size_t i : {std::size_t{0}, expected.size() / 2, expected.size() - 1}) {
      EXPECT_NEAR(*positioned[i]->latitude_deg, expected[i].lat, 1e-8);
      EXPECT_NEAR(*positioned[i]->longitude_deg, expected[i].lon, 1e-8);
      ASSERT_TRUE(positioned[i]->time);
      EXPECT_EQ(iso_time(*positioned[i]->time), expected[i].time);
    }
  }
}

TEST(FitCorpus, MultisportFilesReportEachSessionWithItsSport) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto sports_of = [](const RecordingSink& sink) {
    std::vector<std::string> sports;
    for (const auto& session : sink.sessions) sports.push_back(session.sport);
    return sports;
  };
  using Sports = std::vector<std::string>;
  EXPECT_EQ(sports_of(read_corpus_file("fitparse__chained-fr920xt-multiple-header.fit")),
            (Sports{"swimming", "transition", "cycling", "transition", "running"}));
  EXPECT_EQ(sports_of(read_corpus_file("muktihari__fr255-triathlon-summary-last.fit")),
            (Sports{"swimming", "transition", "cycling", "transition", "running"}));
  EXPECT_EQ(sports_of(read_corpus_file("fitparse__fenix2-multisport-large.fit")),
            (Sports{"generic", "transition", "running", "transition", "running", "transition",
                    "cycling"}));
  EXPECT_EQ(sports_of(read_corpus_file("fitparserjs__suunto-vertical2-snorkeling.fit")),
            (Sports{"snorkeling"}));
}

// The FR945 swim's records have no heart rate: the chest strap stored it in hr messages of
// three file-id-less parts appended to the activity. Filled in, it averages what the
// watch's session says.
TEST(FitCorpus, HeartRateFromAppendedHrPartsFillsRecords) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto sink = read_corpus_file("sportslib__fr945-pool-swim-chained.fit");
  ASSERT_EQ(sink.files.size(), 1U);
  ASSERT_EQ(sink.sessions.size(), 1U);
  ASSERT_TRUE(sink.sessions[0].avg_heart_rate_bpm);
  double sum = 0;
  std::size_t count = 0;
  for (const Sample& sample : sink.records) {
    if (sample.heart_rate_bpm) {
      sum += *sample.heart_rate_bpm;
      ++count;
    }
  }
  EXPECT_GT(count, sink.records.size() * 9 / 10);
  EXPECT_NEAR(sum / static_cast<double>(count), *sink.sessions[0].avg_heart_rate_bpm, 3.0);
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(FitCorpus, DeveloperFieldsAreReportedByName) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto names_of = [](const RecordingSink& sink) {
    std::set<std::string> names;
    for (const auto& value : sink.developer) names.insert(value.name);
    return names;
  };
  const auto stryd = names_of(read_corpus_file("fitparse__stryd-developer-types-sample.fit"));
  for (const char* name : {"Form Power", "Leg Spring Stiffness", "Speed", "Distance"}) {
    EXPECT_TRUE(stryd.contains(name)) << name;
  }
  const auto fenix =
      names_of(read_corpus_file("fitparserjs__garmin-fenix5x-running-devfields.fit"));
  for (const char* name : {"Ground Time", "Vertical Oscillation", "Elevation"}) {
    EXPECT_TRUE(fenix.contains(name)) << name;
  }
}

TEST(FitCorpus, FileInfoNamesTheMakerAndProduct) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  const auto venu = read_corpus_file("gap__garmin-venusq-run-original.fit");
  ASSERT_EQ(venu.files.size(), 1U);
  EXPECT_EQ(venu.files[0].manufacturer, "garmin");
  EXPECT_EQ(venu.files[0].product, "venusq");
  EXPECT_EQ(venu.files[0].type, "activity");
  EXPECT_EQ(venu.files[0].creator, "3.30");
  ASSERT_EQ(venu.records.size(), 326U);
  const auto coros = read_corpus_file("sportslib__coros-apex-pro-run.fit");
  ASSERT_EQ(coros.files.size(), 1U);
  EXPECT_EQ(coros.files[0].manufacturer, "coros");
  EXPECT_EQ(coros.files[0].product, "COROS APEX Pro");
  const auto course = read_corpus_file("gap__bikerouter-course-berlin.fit");
  ASSERT_EQ(course.files.size(), 1U);
  EXPECT_EQ(course.files[0].type, "course");
  EXPECT_EQ(course.files[0].manufacturer, "");
}

TEST(FitCorpus, TruncatedAndUnterminatedFilesKeepWhatWasReadWithAWarning) {
  CAIRN_SKIP_WITHOUT_CORPUS();
  for (const char* name :
       {"fitparse__sigma-nick-unterminated.fit", "sportslib__zwift-empty-activities.fit"}) {
    SCOPED_TRACE(name);
    const auto sink = read_corpus_file(name);
    EXPECT_GT(sink.records.size(), 2000U);
    ASSERT_FALSE(sink.warnings.empty());
    EXPECT_NE(sink.warnings.back().find("FIT data truncated at byte"), std::string::npos);
  }
}

}  // namespace
}  // namespace cairn::formats
