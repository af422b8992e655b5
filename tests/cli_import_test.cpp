// `cairn import` and `cairn inspect` as a runner uses them: our own fixtures in tests/data,
// and the real files of ../shared/corpus when that folder exists.

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
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

TEST_F(CliImportTest, ImportsOnceAndReportsTheSecondTimeAsAlreadyThere) {
  const auto first = json({"import", data_dir.string()});  // the .txt is passed over quietly
  EXPECT_EQ(first["imported"], 2);
  EXPECT_EQ(first["failed"], 0);
  const auto second = json(
      {"import", (data_dir / "park-loop.gpx").string(), (data_dir / "track-laps.tcx").string()});
  EXPECT_EQ(second["imported"], 0);
  EXPECT_EQ(second["already_there"], 2);
  const auto runs = json({"runs"});
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0]["title"], "Park loop");
  EXPECT_EQ(runs[0]["source"], "file");
  EXPECT_EQ(runs[0]["start"]["local"], "2025-04-06 09:00");  // 07:00Z in Berlin summer time
  EXPECT_EQ(runs[1]["laps"].size(), 2U);
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
  EXPECT_EQ(reimport["files"][0]["reason"], "this file was imported before");
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
