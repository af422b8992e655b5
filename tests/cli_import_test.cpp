// `cairn import` and `cairn inspect` as a runner uses them: our own fixtures in tests/data,
// and the real files of ../shared/corpus when that folder exists.

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "process.hpp"
#include "sqlite_check.hpp"

namespace cairn {
namespace {

using testing::ProcessResult;
using testing::run_process;

const std::filesystem::path data_dir = CAIRN_TEST_DATA_DIR;
const std::filesystem::path corpus_dir = CAIRN_CORPUS_DIR;
const std::filesystem::path tz_data_dir = CAIRN_TZ_TEST_DATA_DIR;

class CliImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-cli-import-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    db_ = (folder_ / "cairn.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  ProcessResult cairn(const std::vector<std::string>& args) const {
    return run_process(CAIRN_BINARY, args,
                       {{"CAIRN_DB", db_}, {"TZ", "Europe/Berlin"}, {"HOME", folder_.string()}});
  }

  // Cairn with the time-zone boundary data in `tz_data` (a folder without it: none) and the
  // runner at home in New York.
  ProcessResult cairn_with_zones(const std::vector<std::string>& args,
                                 const std::filesystem::path& tz_data) const {
    return run_process(CAIRN_BINARY, args,
                       {{"CAIRN_DB", db_},
                        {"TZ", "America/New_York"},
                        {"HOME", folder_.string()},
                        {"CAIRN_TZ_DATA", tz_data.string()}});
  }

  // A GPX run of ten minutes from `hour`:00:00Z on 2025-03-01 starting at the position, no
  // zone.
  std::filesystem::path write_gpx_at(const std::string& name, double latitude, double longitude,
                                     int hour = 7) const {
    const auto path = folder_ / name;
    std::ofstream gpx(path);
    gpx << "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"cairn test\" "
           "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>\n";
    for (int i = 0; i < 600; ++i) {
      gpx << fmt::format(
          "<trkpt lat=\"{:.7f}\" "
          "lon=\"{:.7f}\"><time>2025-03-01T{:02}:{:02}:{:02}Z</time></trkpt>\n",
          latitude + i * 3.0 / 111195.0, longitude, hour, i / 60, i % 60);
    }
    gpx << "</trkseg></trk></gpx>\n";
    return path;
  }

  // A 5 km loop round a circle east of `latitude`, 11.575 (a fix every 3 m, a second
  // apart), run on `day` (2025-03-DD) from 07:00Z, either way round.
  std::filesystem::path write_loop_gpx(const std::string& name, int day, bool clockwise,
                                       double latitude = 48.137) const {
    const auto path = folder_ / name;
    std::ofstream gpx(path);
    gpx << "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"cairn test\" "
           "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>\n";
    constexpr double radius_m = 800.0;
    constexpr double metres_per_degree = 111'195.08;
    const double east = metres_per_degree * std::cos(latitude * std::numbers::pi / 180.0);
    const int steps = 1676;  // 5,027 m round
    for (int i = 0; i <= steps; ++i) {
      const double turn = 2.0 * std::numbers::pi * i / steps;
      const double angle = std::numbers::pi + (clockwise ? -turn : turn);
      gpx << fmt::format(
          "<trkpt lat=\"{:.7f}\" "
          "lon=\"{:.7f}\"><time>2025-03-{:02}T07:{:02}:{:02}Z</time></trkpt>\n",
          latitude + radius_m * std::sin(angle) / metres_per_degree,
          11.575 + (radius_m + radius_m * std::cos(angle)) / east, day, i / 60, i % 60);
    }
    gpx << "</trkseg></trk></gpx>\n";
    return path;
  }

  static bool have_zone_data() {
    return std::filesystem::exists(tz_data_dir / "timezones.geojson.index.json");
  }

  nlohmann::json json(std::vector<std::string> args, int expected_status = 0) const {
    args.insert(args.begin(), "--json");
    const auto result = cairn(args);
    EXPECT_EQ(result.status, expected_status) << result.err;
    return nlohmann::json::parse(result.out);
  }

  static bool have_corpus() { return std::filesystem::exists(corpus_dir / "files"); }

  std::filesystem::path folder_;
  std::string db_;
};

TEST_F(CliImportTest, InspectsFilesWithoutStoringAnything) {
  const auto result = cairn(
      {"inspect", (data_dir / "park-loop.gpx").string(), (data_dir / "track-laps.tcx").string()});
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("134 points"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("2 laps"), std::string::npos) << result.out;
  EXPECT_FALSE(std::filesystem::exists(db_));
  const auto inspected = json({"inspect", (data_dir / "park-loop.gpx").string()});
  ASSERT_EQ(inspected.size(), 1U);
  EXPECT_EQ(inspected[0]["format"], "gpx");
  EXPECT_EQ(inspected[0]["activities"][0]["points"], 134);
  EXPECT_NEAR(inspected[0]["activities"][0]["distance_m"].get<double>(), 1980.0, 30.0);
  EXPECT_NEAR(inspected[0]["activities"][0]["moving_s"].get<double>(), 660.0, 5.0);
}

TEST_F(CliImportTest, InspectNamesAFileItCannotRead) {
  const auto result = cairn({"inspect", (data_dir / "not-an-activity.txt").string()});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.out.find("not an activity file"), std::string::npos) << result.out;
}

TEST_F(CliImportTest, InspectSaysAFolderIsNotAFileAndGoesOn) {
  const auto result = cairn({"inspect", data_dir.string(), (data_dir / "park-loop.gpx").string()});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.out.find("it is a folder, not a file"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("134 points"), std::string::npos) << result.out;
}

TEST_F(CliImportTest, ImportsAFilePipedToStandardInput) {
  std::ifstream file(data_dir / "park-loop.gpx", std::ios::binary);
  const std::string gpx((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto result =
      run_process(CAIRN_BINARY, {"--json", "import", "/dev/stdin"},
                  {{"CAIRN_DB", db_}, {"TZ", "Europe/Berlin"}, {"HOME", folder_.string()}}, gpx);
  ASSERT_EQ(result.status, 0) << result.out << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out)["imported"], 1);
}

// Typed in after the run, then imported from the watch: one run, under the id the runner
// knows, with the file's numbers and the runner's title and entry.
TEST_F(CliImportTest, MergesARunTypedInBeforeItsFileIsImported) {
  const auto typed = json({"log", "--start", "2025-04-06T09:00", "--distance", "3km", "--time",
                           "20:00", "--title", "Sunday loop", "--enjoyment", "8"});
  const auto imported = json({"import", (data_dir / "park-loop.gpx").string()});
  EXPECT_EQ(imported["imported"], 1) << imported.dump();
  const auto runs = json({"runs"});
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0]["id"], typed["run"]["id"]);
  EXPECT_EQ(runs[0]["source"], "file");
  EXPECT_EQ(runs[0]["title"], "Sunday loop");
  EXPECT_EQ(runs[0]["start"]["local"], "2025-04-06 09:00");  // the watch's start
  EXPECT_NE(runs[0]["distance_m"].get<double>(), 3000.0);    // the watch's distance
  EXPECT_EQ(json({"journal", "list"}).size(), 1U);           // the entry stays with it
  EXPECT_NE(imported.dump().find("merged into run #1"), std::string::npos) << imported.dump();
  EXPECT_EQ(imported["files"][0]["merged_run_ids"], nlohmann::json::array({1}));
}

// The summary counts as new only the runs that are: not a run typed in before that took a
// file's numbers, not the runs of a file already there.
TEST_F(CliImportTest, CountsOnlyNewRunsAsNew) {
  ASSERT_EQ(cairn({"log", "--start", "2025-04-06T09:00", "--distance", "3km", "--time", "20:00",
                   "--no-entry"})
                .status,
            0);
  ASSERT_EQ(cairn({"import", (data_dir / "track-laps.tcx").string()}).status, 0);
  const auto text = cairn(
      {"import", (data_dir / "park-loop.gpx").string(), (data_dir / "track-laps.tcx").string()});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("Imported 1 file(s) with 0 new run(s) and 1 merged into runs typed in "
                          "before; 1 already there; 0 skipped; 0 failed."),
            std::string::npos)
      << text.out;
  EXPECT_EQ(json({"runs"}).size(), 2U);
}

// The runner who just imported wants to write about the run: the report names its id.
TEST_F(CliImportTest, SaysWhichRunEachImportedFileWasStoredAs) {
  const auto text = cairn({"import", (data_dir / "park-loop.gpx").string()});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("park-loop.gpx: imported, stored as run #1\n"), std::string::npos)
      << text.out;
  const auto imported = json({"import", (data_dir / "track-laps.tcx").string()});
  ASSERT_EQ(imported["files"].size(), 1U);
  EXPECT_EQ(imported["files"][0]["run_ids"], nlohmann::json::array({2})) << imported.dump();
  EXPECT_EQ(cairn({"journal", "add", "--run", "2", "--enjoyment", "7"}).status, 0);
  EXPECT_EQ(json({"runs", "show", "2"})["entry"]["enjoyment"], 7);
  // Imported again: nothing stored, and the report says which run the file already is, so
  // a runner who wonders whether it arrived can write about it.
  const auto again = cairn({"import", (data_dir / "park-loop.gpx").string()});
  EXPECT_EQ(again.out.find("stored as"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("park-loop.gpx: already there, as run #1\n"), std::string::npos)
      << again.out;
  const auto again_json = json({"import", (data_dir / "park-loop.gpx").string()});
  EXPECT_EQ(again_json["already_there"], 1) << again_json.dump();
  EXPECT_EQ(again_json["files"][0]["run_ids"], nlohmann::json::array({1})) << again_json.dump();
  EXPECT_EQ(json({"runs"}).size(), 2U);
}

// runs show gives what the watch recorded: laps with pace and heart rate, splits from the
// track in the runner's units, and what the track holds. The numbers of park-loop.gpx were
// checked against an independent calculation (a script over its points).
TEST_F(CliImportTest, ShowsLapsSplitsAndTheTrackOfAnImportedRun) {
  ASSERT_EQ(cairn({"settings", "units", "km"}).status, 0);
  ASSERT_EQ(cairn({"import", (data_dir / "track-laps.tcx").string(),
                   (data_dir / "park-loop.gpx").string()})
                .status,
            0);
  const auto laps = cairn({"runs", "show", "1"}).out;
  EXPECT_NE(laps.find("    lap  1     0.40 km      1:30    3:45 /km  160 bpm\n"), std::string::npos)
      << laps;
  EXPECT_NE(laps.find("    lap  2     0.40 km      1:30    3:45 /km  165 bpm\n"), std::string::npos)
      << laps;
  const auto shown = cairn({"runs", "show", "2"}).out;
  for (const char* line : {"  splits (per km, from the track):\n",
                           "    km  1     1.00 km      6:16    6:16 /km  137 bpm\n",
                           "    km  2     0.99 km      5:29    5:33 /km  149 bpm\n",
                           "  track:          134 points over 11:45, within 48.1370,11.5750 to "
                           "48.1459,11.5751, 4 m climbed\n"}) {
    EXPECT_NE(shown.find(line), std::string::npos) << line << " in:\n" << shown;
  }
  ASSERT_EQ(cairn({"settings", "units", "mi"}).status, 0);
  const auto miles = cairn({"runs", "show", "2"}).out;
  EXPECT_NE(miles.find("  splits (per mi, from the track):\n    mi  1     1.00 mi"),
            std::string::npos)
      << miles;
  EXPECT_NE(miles.find("    mi  2     0.23 mi"), std::string::npos) << miles;
  // A run typed in has no track to show.
  ASSERT_EQ(cairn({"log", "--start", "2025-05-01T07:00", "--distance", "5km", "--time", "25:00",
                   "--no-entry"})
                .status,
            0);
  EXPECT_EQ(cairn({"runs", "show", "3"}).out.find("track:"), std::string::npos);
}

// Route familiarity (issue 11): the second run of a loop, the other way round, is on ground
// run before and on the same route, named as the runner named it; the export holds none of it.
TEST_F(CliImportTest, RecognisesASecondRunOfTheSameLoop) {
  ASSERT_EQ(json({"import", write_loop_gpx("first.gpx", 2, true).string()})["imported"], 1);
  ASSERT_EQ(cairn({"runs", "edit", "1", "--route", "river loop"}).status, 0);
  const auto first = cairn({"runs", "show", "1"});
  EXPECT_NE(first.out.find("  ground:         0% on ground you have run before\n"),
            std::string::npos)
      << first.out;
  const std::string export_before = cairn({"export", "--format", "json"}).out;

  ASSERT_EQ(json({"import", write_loop_gpx("again.gpx", 5, false).string(),
                  write_loop_gpx("elsewhere.gpx", 7, true, 48.3).string()})["imported"],
            2);
  const auto second = cairn({"runs", "show", "2"});
  EXPECT_EQ(second.status, 0) << second.err;
  EXPECT_NE(second.out.find("  ground:         100% on ground you have run before; route: river "
                            "loop, run 2 times\n"),
            std::string::npos)
      << second.out;
  EXPECT_NE(cairn({"runs", "show", "1"})
                .out.find("0% on ground you have run before; route: river loop, run 2 times"),
            std::string::npos);
  EXPECT_NE(cairn({"runs", "show", "3"}).out.find("0% on ground you have run before\n"),
            std::string::npos);

  // The export keeps its shape: nothing of the ground is in it.
  const auto exported = nlohmann::json::parse(cairn({"export", "--format", "json"}).out);
  const auto before = nlohmann::json::parse(export_before);
  for (const auto& [key, value] : exported.items()) EXPECT_TRUE(before.contains(key)) << key;
  EXPECT_EQ(exported["runs"][0].size(), before["runs"][0].size());
  EXPECT_EQ(exported.dump().find("familiar"), std::string::npos);

  // Deleting the first leaves the second the first run there.
  ASSERT_EQ(cairn({"runs", "delete", "1", "--yes"}).status, 0);
  EXPECT_NE(cairn({"runs", "show", "2"})
                .out.find("  ground:         0% on ground you have run "
                          "before\n"),
            std::string::npos);
}

TEST_F(CliImportTest, ImportsOnceAndReportsTheSecondTimeAsAlreadyThere) {
  const auto first = json({"import", data_dir.string()});  // the .txt is passed over quietly
  EXPECT_EQ(first["imported"], 2);
  EXPECT_EQ(first["failed"], 0);
  const auto second = json(
      {"import", (data_dir / "park-loop.gpx").string(), (data_dir / "track-laps.tcx").string()});
  EXPECT_EQ(second["imported"], 0);
  EXPECT_EQ(second["already_there"], 2);
  const auto runs = json({"runs"});  // newest first
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[1]["title"], "Park loop");
  EXPECT_EQ(runs[1]["source"], "file");
  EXPECT_EQ(runs[1]["start"]["local"], "2025-04-06 09:00");  // 07:00Z in Berlin summer time
  EXPECT_EQ(runs[0]["laps"].size(), 2U);
}

TEST_F(CliImportTest, ExportAndImportJsonCarryTracksAndTheFilesAlreadyImported) {
  const std::string gpx = (data_dir / "park-loop.gpx").string();
  ASSERT_EQ(json({"import", gpx})["imported"], 1);
  const auto first = cairn({"export", "--format", "json"});
  ASSERT_EQ(first.status, 0) << first.err;
  const auto exported = nlohmann::json::parse(first.out);
  ASSERT_EQ(exported["tracks"].size(), 1U);
  EXPECT_EQ(exported["tracks"][0]["offset_s"].size(), 134U);
  ASSERT_EQ(exported["imported_files"].size(), 1U);
  // The file's name without the folders it was in: the export says nothing of the disk.
  EXPECT_EQ(exported["imported_files"][0]["name"], "park-loop.gpx");
  const auto file = (folder_ / "export.json").string();
  ASSERT_EQ(cairn({"export", "--format", "json", "--output", file}).status, 0);

  db_ = (folder_ / "restored.db").string();
  const auto restored = cairn({"import-json", file});
  ASSERT_EQ(restored.status, 0) << restored.err;
  const auto again = cairn({"export", "--format", "json"});
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, first.out);
  const auto reimport = json({"import", gpx});
  EXPECT_EQ(reimport["imported"], 0);
  EXPECT_EQ(reimport["already_there"], 1);
  EXPECT_TRUE(reimport["files"][0]["reason"].get<std::string>().starts_with(
      "this file was imported before ("))
      << reimport.dump();
}

TEST_F(CliImportTest, ReportsEachUnreadableFileByNameAndGoesOn) {
  const auto result =
      cairn({"import", (data_dir / "not-an-activity.txt").string(),
             (data_dir / "park-loop.gpx").string(), (folder_ / "missing.fit").string()});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.out.find("not-an-activity.txt"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("missing.fit"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("1 new run"), std::string::npos) << result.out;
  EXPECT_EQ(json({"runs"}).size(), 1U);
}

TEST_F(CliImportTest, AttachesTheEntryWrittenBeforeTheRun) {
  ASSERT_EQ(cairn({"journal", "add", "--at", "2025-04-06T08:50", "--enjoyment", "9", "--text",
                   "wrote this before syncing"})
                .status,
            0);
  ASSERT_EQ(cairn({"import", (data_dir / "park-loop.gpx").string()}).status, 0);
  const auto shown = json({"runs", "show", "1"});
  EXPECT_EQ(shown["entry"]["text"], "wrote this before syncing");
}

TEST_F(CliImportTest, EveryCorpusFileImportsOrIsReportedWithAReason) {
  if (!have_corpus()) {
    GTEST_SKIP() << "no corpus at " << corpus_dir.string()
                 << ": the real-file tests need ../shared/corpus beside the checkout";
  }
  const auto summary = json({"import", (corpus_dir / "files").string()}, 2);
  std::size_t reported = 0;
  for (const auto& file : summary["files"]) {
    ++reported;
    const std::string outcome = file["outcome"];
    if (outcome != "imported" && outcome != "already_there") {
      EXPECT_FALSE(file["reason"].get<std::string>().empty()) << file.dump();
    }
  }
  EXPECT_GT(reported, 60U);
  EXPECT_GT(summary["imported"].get<int>(), 15);
  // The watch's FIT and Strava's re-encoding of the same run are one run.
  bool strava_copy_recognised = false;
  for (const auto& file : summary["files"]) {
    if (file["file"].get<std::string>().find("gap__strava-export") != std::string::npos &&
        file["file"].get<std::string>().ends_with(".fit.gz")) {
      strava_copy_recognised = file["outcome"] == "already_there";
    }
  }
  EXPECT_TRUE(strava_copy_recognised);
  const auto again = json({"import", (corpus_dir / "files").string()}, 2);
  EXPECT_EQ(again["imported"], 0);
  // A file that gave no run is judged again and says it was seen before, and why.
  for (const auto& file : again["files"]) {
    if (file["outcome"] == "skipped") {
      EXPECT_NE(file["reason"].get<std::string>().find("seen before"), std::string::npos)
          << file.dump();
    }
  }
}

// Every number stored from the corpus is one a runner can believe: no pace faster than
// 2:30 /km over more than 1 km, nothing longer than a week, moving never above elapsed. And
// every file that gave fewer runs than it holds activities says why.
TEST_F(CliImportTest, EveryRunStoredFromTheCorpusIsPlausible) {
  if (!have_corpus()) {
    GTEST_SKIP() << "no corpus at " << corpus_dir.string()
                 << ": the real-file tests need ../shared/corpus beside the checkout";
  }
  const auto summary = json({"import", (corpus_dir / "files").string()}, 2);
  for (const auto& file : summary["files"]) {
    const std::string outcome = file["outcome"];
    if (outcome == "skipped" || outcome == "failed") {
      EXPECT_FALSE(file["reason"].get<std::string>().empty()) << file.dump();
    }
    for (const auto& left : file["left_out"]) {
      EXPECT_FALSE(left.get<std::string>().empty()) << file.dump();
    }
  }
  const auto runs = json({"runs"});
  // Every run the corpus holds (docs/formats.md lists them): a rule that drops a real run,
  // such as a triathlon's run leg, fails here.
  EXPECT_EQ(runs.size(), 23U);
  for (const char* leg : {"chained-fr920xt-multiple-header.fit", "fr255-triathlon-summary-last.fit",
                          "fenix2-multisport-large.fit"}) {
    bool imported = false;
    for (const auto& file : summary["files"]) {
      imported =
          imported || (file["file"].get<std::string>().ends_with(leg) && !file["run_ids"].empty());
    }
    EXPECT_TRUE(imported) << "no run from " << leg;
  }
  for (const auto& run : runs) {
    const double metres = run["distance_m"].is_null() ? 0.0 : run["distance_m"].get<double>();
    const double elapsed = run["elapsed_s"].is_null() ? 0.0 : run["elapsed_s"].get<double>();
    const double moving = run["moving_s"].is_null() ? elapsed : run["moving_s"].get<double>();
    EXPECT_LE(elapsed, 7 * 86400.0) << run.dump();
    EXPECT_LE(moving, elapsed + 1.0) << run.dump();
    if (metres > 1000.0 && moving > 0.0) {
      EXPECT_GE(moving / (metres / 1000.0), 150.0) << "pace faster than 2:30 /km: " << run.dump();
    }
    EXPECT_GE(metres, 100.0) << "a fragment stored as a run: " << run.dump();
  }
}

TEST_F(CliImportTest, SaysWhyEachTrackThatIsNotARunWasLeftOut) {
  // Four tracks: two runs, a ride, and a type Cairn does not know (decided by its data).
  std::string gpx = "<gpx version=\"1.1\" creator=\"test\">";
  const auto track = [](std::string_view type, int hour, double speed) {
    std::string trk = "<trk><type>" + std::string(type) + "</type><trkseg>";
    for (int i = 0; i <= 900; i += 5) {
      trk += "<trkpt lat=\"" + std::to_string(52.5 + i * speed / 111195.0) +
             "\" lon=\"13.4\"><time>2025-03-01T" + (hour < 10 ? "0" : "") + std::to_string(hour) +
             ":" + (i / 60 < 10 ? "0" : "") + std::to_string(i / 60) + ":" +
             (i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + "Z</time></trkpt>";
    }
    return trk + "</trkseg></trk>";
  };
  gpx += track("running", 7, 3.0) + track("cycling", 9, 8.0) + track("jkljkl", 11, 3.0) +
         track("running", 13, 3.0) + "</gpx>";
  const auto path = folder_ / "four-tracks.gpx";
  std::ofstream(path) << gpx;
  const auto summary = json({"import", path.string()});
  ASSERT_EQ(summary["files"].size(), 1U);
  const auto& file = summary["files"][0];
  EXPECT_EQ(file["outcome"], "imported");
  EXPECT_EQ(file["run_ids"].size(), 3U);
  ASSERT_EQ(file["left_out"].size(), 1U);
  EXPECT_EQ(file["left_out"][0], "activity 2: the file's sport is cycling, not running");
  // The same content under another name is named as what it was imported as.
  const auto copy = folder_ / "copy.gpx";
  std::filesystem::copy_file(path, copy);
  const auto again = json({"import", copy.string()});
  EXPECT_TRUE(again["files"][0]["reason"].get<std::string>().starts_with(
      "the same file was imported before as four-tracks.gpx ("))
      << again.dump();
  const auto text = cairn({"import", path.string()});
  EXPECT_EQ(text.status, 0);
  const auto inspect = cairn({"inspect", path.string()});
  EXPECT_NE(inspect.out.find("not a run: the file's sport is cycling, not running"),
            std::string::npos)
      << inspect.out;
}

TEST_F(CliImportTest, ImportsARunThatMightBeARideAndMarksItToCheck) {
  // No type, 5.5 m/s (3:02 /km): a fast runner or a slow rider.
  std::string gpx = "<gpx version=\"1.1\" creator=\"test\"><trk><trkseg>";
  for (int i = 0; i <= 1200; i += 5) {
    gpx += "<trkpt lat=\"" + std::to_string(52.5 + i * 5.5 / 111195.0) +
           "\" lon=\"13.4\"><time>2025-03-01T07:" + (i / 60 < 10 ? "0" : "") +
           std::to_string(i / 60) + ":" + (i % 60 < 10 ? "0" : "") + std::to_string(i % 60) +
           "Z</time></trkpt>";
  }
  const auto path = folder_ / "fast.gpx";
  std::ofstream(path) << gpx + "</trkseg></trk></gpx>";
  const auto summary = json({"import", path.string()});
  ASSERT_EQ(summary["files"][0]["run_ids"].size(), 1U);
  ASSERT_EQ(summary["files"][0]["review"].size(), 1U);
  EXPECT_NE(summary["files"][0]["review"][0].get<std::string>().find("a ride?"), std::string::npos);
  const auto runs = json({"runs"});
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_NE(runs[0]["review"].get<std::string>().find("a ride?"), std::string::npos);
  const auto show = cairn({"runs", "show", "1"});
  EXPECT_NE(show.out.find("to check:"), std::string::npos) << show.out;
  const auto list = cairn({"runs"});
  EXPECT_NE(list.out.find("(check)"), std::string::npos) << list.out;
  const auto text = cairn({"import", path.string()});  // the same file again: nothing new
  EXPECT_EQ(text.status, 0);
}

TEST_F(CliImportTest, NamesAnEmptyFileAndAGpxWithNothingInIt) {
  const auto empty = folder_ / "empty.fit";
  std::ofstream{empty};
  const auto nothing = folder_ / "nothing.gpx";
  std::ofstream(nothing) << "<gpx version=\"1.1\" creator=\"x\"><metadata/></gpx>";
  const auto summary = json({"import", empty.string(), nothing.string()}, 2);
  ASSERT_EQ(summary["files"].size(), 2U);
  EXPECT_EQ(summary["files"][0]["outcome"], "failed");
  EXPECT_EQ(summary["files"][0]["reason"], "the file is empty");
  EXPECT_EQ(summary["files"][1]["outcome"], "skipped");
  EXPECT_EQ(summary["files"][1]["reason"], "the GPX file holds no track, route or waypoint");
  const auto inspect = cairn({"inspect", empty.string()});
  EXPECT_NE(inspect.out.find("cannot be read: the file is empty"), std::string::npos)
      << inspect.out;
  const auto text = cairn({"import", nothing.string()});
  EXPECT_NE(text.out.find("the GPX file holds no track, route or waypoint"), std::string::npos)
      << text.out;
  EXPECT_EQ(json({"runs"}).size(), 0U);
}

TEST_F(CliImportTest, AKilledImportLeavesTheDatabaseWholeAndARerunFinishesIt) {
  if (!have_corpus()) {
    GTEST_SKIP() << "no corpus at " << corpus_dir.string()
                 << ": the real-file tests need ../shared/corpus beside the checkout";
  }
  const std::string folder = (corpus_dir / "files").string();
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> delay_ms(20, 400);
  for (int round = 0; round < 5; ++round) {
    const pid_t pid = fork();
    if (pid == 0) {
      setenv("CAIRN_DB", db_.c_str(), 1);
      execl(CAIRN_BINARY, CAIRN_BINARY, "import", folder.c_str(), nullptr);
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{delay_ms(random)});
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_EQ(testing::integrity_of(db_), "ok") << "after kill " << round;
  }
  const auto finished = json({"import", folder}, 2);
  const auto runs_after_kills = json({"runs"}).size();
  // A clean import into a fresh database gives the same runs.
  const std::string first_db = db_;
  db_ = (folder_ / "clean.db").string();
  static_cast<void>(json({"import", folder}, 2));
  EXPECT_EQ(json({"runs"}).size(), runs_after_kills);
  EXPECT_EQ(finished["failed"], json({"import", folder}, 2)["failed"]) << first_db;
}

TEST_F(CliImportTest, ShowsAGpxRunInTheZoneOfItsFirstPosition) {
  if (!have_zone_data()) {
    GTEST_SKIP() << "no time-zone boundary data at " << tz_data_dir.string()
                 << " (scripts/install-deps installs it)";
  }
  const auto gpx = write_gpx_at("prague.gpx", 50.0875, 14.4213);
  const auto imported = cairn_with_zones({"import", gpx.string()}, tz_data_dir);
  ASSERT_EQ(imported.status, 0) << imported.out << imported.err;
  EXPECT_EQ(imported.err.find("note:"), std::string::npos) << imported.err;
  const auto shown = cairn_with_zones({"runs", "show", "1"}, tz_data_dir);
  EXPECT_NE(shown.out.find("Run #1  2025-03-01 08:00 (Europe/Prague)"), std::string::npos)
      << shown.out;
  const auto runs = json({"runs"});
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0]["start"]["zone"], "Europe/Prague");  // the stored and exported name
  const auto inspected = cairn_with_zones({"inspect", gpx.string()}, tz_data_dir);
  EXPECT_NE(inspected.out.find("starts 2025-03-01 08:00 (Europe/Prague)"), std::string::npos)
      << inspected.out;
}

TEST_F(CliImportTest, WithoutZoneDataImportsInTheHomeZoneAndSaysSoOnce) {
  const auto first = write_gpx_at("prague.gpx", 50.0875, 14.4213);
  const auto second = write_gpx_at("perth.gpx", -31.9523, 115.8613, 1);
  const auto imported =
      cairn_with_zones({"import", first.string(), second.string()}, folder_ / "no-zones");
  ASSERT_EQ(imported.status, 0) << imported.out << imported.err;
  const std::string note = "the time-zone boundary data is not installed";
  const auto at = imported.err.find(note);
  ASSERT_NE(at, std::string::npos) << imported.err;
  EXPECT_EQ(imported.err.find(note, at + 1), std::string::npos) << imported.err;
  EXPECT_NE(imported.err.find("no-zones"), std::string::npos) << imported.err;
  const auto runs = json({"runs"});
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0]["start"]["zone"], "America/New_York");
  EXPECT_EQ(runs[1]["start"]["zone"], "America/New_York");
}

TEST_F(CliImportTest, CorpusRunsShowTheLocalTimeOfWhereTheyWere) {
  if (!have_corpus() || !have_zone_data()) {
    GTEST_SKIP() << "needs the corpus at " << corpus_dir.string()
                 << " and the time-zone boundary data at " << tz_data_dir.string();
  }
  // A COROS APEX Pro in Czechia writes its local time as UTC: the position wins.
  const auto coros = corpus_dir / "files" / "fit" / "sportslib__coros-apex-pro-run.fit";
  ASSERT_EQ(cairn_with_zones({"import", coros.string()}, tz_data_dir).status, 0);
  const auto shown = cairn_with_zones({"runs", "show", "1"}, tz_data_dir);
  EXPECT_NE(shown.out.find("2020-03-14 14:52 (Europe/Prague)"), std::string::npos) << shown.out;
  // A Forerunner 965 at UTC+8 without the boundary data: the file's offset, read as a person
  // reads it (the tz database's name is Etc/GMT-8).
  const auto fr965 = corpus_dir / "files" / "fit" / "fitparserjs__garmin-fr965-stamina.fit";
  ASSERT_EQ(cairn_with_zones({"import", fr965.string()}, folder_ / "no-zones").status, 0);
  const auto away = cairn_with_zones({"runs", "show", "2"}, folder_ / "no-zones");
  EXPECT_NE(away.out.find("2026-05-14 12:05 (UTC+08:00)"), std::string::npos) << away.out;
  EXPECT_EQ(json({"runs", "show", "2"})["run"]["start"]["zone"], "Etc/GMT-8");
}

}  // namespace
}  // namespace cairn
