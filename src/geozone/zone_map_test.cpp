// The time-zone lookup on the data scripts/install-deps installs (skipped with a message
// when it is not installed): known places, both sides of borders, the sea, and agreement
// with geo-tz itself on 3,000 points (tests/data/geozone/reference.tsv).

#include "cairn/geozone/zone_map.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn::geozone {
namespace {

namespace fs = std::filesystem;

const fs::path data_dir{CAIRN_TZ_TEST_DATA_DIR};

#define CAIRN_SKIP_WITHOUT_DATA()                                         \
  if (!fs::exists(data_dir / "timezones.geojson.index.json")) {           \
    GTEST_SKIP() << "no time-zone boundary data at " << data_dir.string() \
                 << " (scripts/install-deps installs it)";                \
  }

const ZoneMap& map() {
  static const ZoneMap loaded = ZoneMap::open(data_dir);
  return loaded;
}

TEST(ZoneAt, NamesTheZoneOfKnownPlaces) {
  CAIRN_SKIP_WITHOUT_DATA();
  EXPECT_EQ(map().zone_at(50.0875, 14.4213), "Europe/Prague");
  EXPECT_EQ(map().zone_at(-31.9523, 115.8613), "Australia/Perth");
  EXPECT_EQ(map().zone_at(40.7128, -74.0060), "America/New_York");
  EXPECT_EQ(map().zone_at(-33.87, 151.21), "Australia/Sydney");
  EXPECT_EQ(map().zone_at(51.0, -1.0), "Europe/London");
}

TEST(ZoneAt, TellsTheTwoSidesOfABorderApart) {
  CAIRN_SKIP_WITHOUT_DATA();
  // Valga and Valka, one town split by the Estonian-Latvian border.
  EXPECT_EQ(map().zone_at(57.7770, 26.0471), "Europe/Tallinn");
  EXPECT_EQ(map().zone_at(57.7750, 26.0170), "Europe/Riga");
  // El Paso and Ciudad Juárez, an hour apart in winter, across the Rio Grande.
  EXPECT_EQ(map().zone_at(31.7619, -106.4850), "America/Denver");
  EXPECT_EQ(map().zone_at(31.7300, -106.4850), "America/Ciudad_Juarez");
  // Baarle: Belgian enclaves in the Netherlands (holes in one polygon, islands of another).
  EXPECT_EQ(map().zone_at(51.4383, 4.9262), "Europe/Brussels");
  EXPECT_EQ(map().zone_at(51.4453, 4.9270), "Europe/Amsterdam");
}

TEST(ZoneAt, IsNothingInTheOpenOceanOrOutOfRange) {
  CAIRN_SKIP_WITHOUT_DATA();
  EXPECT_EQ(map().zone_at(0.0, -140.0), std::nullopt);  // the Pacific
  EXPECT_EQ(map().zone_at(35.0, -40.0), std::nullopt);  // the Atlantic
  EXPECT_EQ(map().zone_at(0.0, 0.0), std::nullopt);     // "null island", a GPS glitch
  EXPECT_EQ(map().zone_at(91.0, 0.0), std::nullopt);
  EXPECT_EQ(map().zone_at(0.0, 181.0), std::nullopt);
  EXPECT_EQ(map().zone_at(std::nan(""), 0.0), std::nullopt);
  EXPECT_EQ(map().zone_at(90.0, 180.0), std::nullopt);  // the pole and the edge of the map
  EXPECT_EQ(map().zone_at(-90.0, -180.0).value_or("-").substr(0, 3), "Ant");
}

TEST(ZoneAt, AgreesWithGeoTzOnThreeThousandPoints) {
  CAIRN_SKIP_WITHOUT_DATA();
  std::ifstream file(fs::path(CAIRN_TEST_DATA_DIR) / "geozone" / "reference.tsv");
  ASSERT_TRUE(file) << "tests/data/geozone/reference.tsv is missing";
  std::string line;
  int points = 0;
  int land = 0;
  const auto started = std::chrono::steady_clock::now();
  while (std::getline(file, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::istringstream fields(line);
    double lat = 0.0;
    double lon = 0.0;
    std::string expected;
    fields >> lat >> lon >> expected;
    const auto zone = map().zone_at(lat, lon);
    EXPECT_EQ(zone.value_or("-"), expected) << "at " << lat << ", " << lon;
    ++points;
    if (expected != "-") ++land;
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(points, 3000);
  EXPECT_GT(land, 1000);
  RecordProperty(
      "microseconds_per_lookup",
      static_cast<int>(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() /
                       points));
}

TEST(ZoneMapOpen, SaysWhichFileIsMissing) {
  try {
    static_cast<void>(ZoneMap::open("/nonexistent/cairn-tz"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::not_found);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/cairn-tz"), std::string::npos);
  }
}

TEST(ZoneMapOpen, RefusesACorruptIndex) {
  const auto folder = fs::temp_directory_path() / "cairn-geozone-corrupt";
  fs::create_directories(folder);
  std::ofstream(folder / "timezones.geojson.geo.dat") << "tiles";
  const auto expect_corrupt = [&](const std::string& index) {
    std::ofstream(folder / "timezones.geojson.index.json") << index;
    try {
      static_cast<void>(ZoneMap::open(folder));
      ADD_FAILURE() << "expected an error for " << index;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), Errc::corrupt_file) << index;
    }
  };
  expect_corrupt("{");
  expect_corrupt("[]");
  expect_corrupt(R"({"timezones":["A"],"lookup":{"a":[3]}})");                // no zone 3
  expect_corrupt(R"({"timezones":["A"],"lookup":{"a":{"pos":2,"len":9}}})");  // past the end
  expect_corrupt(R"({"timezones":["A"],"lookup":[0]})");
  fs::remove_all(folder);
}

TEST(ZoneMapOpen, ReadsASmallHandMadeIndex) {
  const auto folder = fs::temp_directory_path() / "cairn-geozone-small";
  fs::create_directories(folder);
  std::ofstream(folder / "timezones.geojson.geo.dat") << "x";
  std::ofstream(folder / "timezones.geojson.index.json")
      << R"({"timezones":["North/East","South/West"],"lookup":{"a":[0],"c":{"a":[1],"b":[]}}})";
  const auto small = ZoneMap::open(folder);
  EXPECT_EQ(small.zone_count(), 2U);
  EXPECT_EQ(small.zone_at(10.0, 10.0), "North/East");
  EXPECT_EQ(small.zone_at(10.0, -10.0), std::nullopt);  // quadrant b: not in the index
  // Quadrant c (south west) splits at (-45, -90): its north east is South/West.
  EXPECT_EQ(small.zone_at(-10.0, -10.0), "South/West");
  EXPECT_EQ(small.zone_at(-10.0, -170.0), std::nullopt);
  fs::remove_all(folder);
}

TEST(DataFolders, AreTheEnvironmentsAloneWhenItNamesOne) {
  ::setenv("CAIRN_TZ_DATA", "/somewhere/else", 1);
  const auto folders = data_folders();
  ::unsetenv("CAIRN_TZ_DATA");
  ASSERT_EQ(folders.size(), 1U);
  EXPECT_EQ(folders[0], fs::path("/somewhere/else"));
  ASSERT_EQ(data_folders().size(), 1U);
  EXPECT_EQ(data_folders()[0], data_dir);
}

}  // namespace
}  // namespace cairn::geozone
