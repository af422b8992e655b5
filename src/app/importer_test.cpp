#include "cairn/app/importer.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>

#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include "cairn/formats/activity.hpp"
#include "cairn/geozone/zone_map.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::app {
namespace {

// A small GPX run: `points` fixes a second apart, heading north at 3 m/s from 07:00:00Z.
std::string gpx_run(int points, std::string_view type = "running", int start_minute = 0) {
  std::string gpx =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gpx version=\"1.1\" creator=\"cairn test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
      "<trk><name>Morning loop</name><type>" +
      std::string(type) + "</type><trkseg>\n";
  for (int i = 0; i < points; ++i) {
    const int total = start_minute * 60 + i;
    char line[256];
    std::snprintf(line, sizeof line,
                  "<trkpt lat=\"%.7f\" lon=\"13.4000000\"><ele>%d</ele>"
                  "<time>2025-03-01T07:%02d:%02dZ</time></trkpt>\n",
                  52.5 + i * 3.0 / 111195.0, 30 + i % 3, total / 60, total % 60);
    gpx += line;
  }
  gpx += "</trkseg></trk></gpx>\n";
  return gpx;
}

// A GPX run of ten minutes from 07:00:00Z on 2025-03-01, starting at the position given and
// heading north, with no time zone (GPX has none).
std::string gpx_run_at(double latitude, double longitude) {
  std::string gpx =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gpx version=\"1.1\" creator=\"cairn test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
      "<trk><type>running</type><trkseg>\n";
  for (int i = 0; i < 600; ++i) {
    char line[256];
    std::snprintf(
        line, sizeof line,
        "<trkpt lat=\"%.7f\" lon=\"%.7f\"><time>2025-03-01T07:%02d:%02dZ</time></trkpt>\n",
        latitude + i * 3.0 / 111195.0, longitude, i / 60, i % 60);
    gpx += line;
  }
  gpx += "</trkseg></trk></gpx>\n";
  return gpx;
}

std::span<const std::byte> bytes_of(const std::string& text) {
  return std::as_bytes(std::span(text.data(), text.size()));
}

std::string gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // gzip wrapper
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& files) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  ASSERT_NE(archive, nullptr);
  for (const auto& [name, content] : files) {
    auto* copy = static_cast<char*>(std::malloc(content.size() + 1));  // libzip frees it
    std::memcpy(copy, content.data(), content.size());
    zip_file_add(archive, name.c_str(), zip_source_buffer(archive, copy, content.size(), 1), 0);
  }
  ASSERT_EQ(zip_close(archive), 0);
}

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-import-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    store_ = store::open_sqlite_store(folder_ / "cairn.db");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }
  // The archive time budget is tested in import_limits_test.cpp; here a machine slowed by
  // the sanitizers must not run into it.
  Importer importer() {
    return Importer(*store_, local_user, "Europe/Berlin",
                    {.archive_time_base = std::chrono::seconds{600}});
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ImporterTest, ImportsARunWithItsNumbersAndTrack) {
  const auto report = importer().import_bytes("loop.gpx", bytes_of(gpx_run(600)));
  ASSERT_EQ(report.outcome, ImportOutcome::imported) << report.reason;
  ASSERT_EQ(report.runs.size(), 1U);
  const auto run = store_->find_run(local_user, report.runs[0]);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(format_local(run->start), "2025-03-01 08:00");
  EXPECT_EQ(run->title, "Morning loop");
  EXPECT_EQ(run->source, RunSource::file);
  EXPECT_NEAR(run->distance->meters(), 1797.0, 20.0);
  EXPECT_NEAR(run->elapsed->count(), 599.0, 0.5);
  EXPECT_EQ(store_->track(local_user, run->id).size(), 600U);
}

TEST_F(ImporterTest, ImportingTheSameFileTwiceAddsNothing) {
  const auto gpx = gpx_run(300);
  EXPECT_EQ(importer().import_bytes("a.gpx", bytes_of(gpx)).outcome, ImportOutcome::imported);
  const auto again = importer().import_bytes("copy-of-a.gpx", bytes_of(gpx));
  EXPECT_EQ(again.outcome, ImportOutcome::already_there);
  EXPECT_EQ(store_->runs(local_user).size(), 1U);
}

TEST_F(ImporterTest, ImportsAFileAgainOnceItsRunWasDeleted) {
  const auto gpx = gpx_run(300);
  const auto first = importer().import_bytes("a.gpx", bytes_of(gpx));
  ASSERT_EQ(first.outcome, ImportOutcome::imported);
  store_->delete_run(local_user, first.runs.at(0), /*with_entry=*/true);
  const auto again = importer().import_bytes("a.gpx", bytes_of(gpx));
  EXPECT_EQ(again.outcome, ImportOutcome::imported) << again.reason;
  ASSERT_EQ(store_->runs(local_user).size(), 1U);
  EXPECT_GT(again.runs.at(0).value, first.runs.at(0).value);
  EXPECT_EQ(importer().import_bytes("a.gpx", bytes_of(gpx)).outcome, ImportOutcome::already_there);
}

TEST_F(ImporterTest, RecognisesTheSameRunFromAnotherSource) {
  EXPECT_EQ(importer().import_bytes("watch.gpx", bytes_of(gpx_run(300))).outcome,
            ImportOutcome::imported);
  const auto other = importer().import_bytes("strava.gpx", bytes_of(gpx_run(299)));
  EXPECT_EQ(other.outcome, ImportOutcome::already_there);
  EXPECT_NE(other.reason.find("the same run as #1"), std::string::npos) << other.reason;
  EXPECT_EQ(store_->runs(local_user).size(), 1U);
}

TEST_F(ImporterTest, SkipsARideWithAReason) {
  const auto report = importer().import_bytes("ride.gpx", bytes_of(gpx_run(100, "cycling")));
  EXPECT_EQ(report.outcome, ImportOutcome::skipped);
  EXPECT_NE(report.reason.find("cycling"), std::string::npos) << report.reason;
  EXPECT_TRUE(store_->runs(local_user).empty());
}

TEST_F(ImporterTest, ReportsAnUnreadableFileAndWritesNothing) {
  const auto report = importer().import_bytes("notes.txt", bytes_of("shopping: eggs, milk"));
  EXPECT_EQ(report.outcome, ImportOutcome::failed);
  EXPECT_NE(report.reason.find("not an activity file"), std::string::npos) << report.reason;
  EXPECT_TRUE(store_->runs(local_user).empty());
}

TEST_F(ImporterTest, AttachesAnEntryWrittenBeforeTheRunArrived) {
  JournalEntry entry;
  entry.at = parse_local_time("2025-03-01T07:50", "Europe/Berlin");
  entry.text = "legs heavy, head clear";
  entry.enjoyment = 7;
  store_->add_entry(local_user, entry);
  const auto report = importer().import_bytes("loop.gpx", bytes_of(gpx_run(300)));
  ASSERT_EQ(report.runs.size(), 1U);
  const auto attached = store_->entry_for_run(local_user, report.runs[0]);
  ASSERT_TRUE(attached.has_value());
  EXPECT_EQ(attached->text, "legs heavy, head clear");
  EXPECT_EQ(attached->enjoyment, 7);
}

TEST_F(ImporterTest, ImportsAFolderAndPassesOverOtherFiles) {
  const auto watch = folder_ / "watch" / "ACTIVITY";
  std::filesystem::create_directories(watch);
  std::ofstream(watch / "one.gpx") << gpx_run(120, "running", 0);
  std::ofstream(watch / "two.gpx") << gpx_run(120, "running", 20);
  std::ofstream(watch / "settings.txt") << "brightness=3";
  std::ofstream(watch / "broken.gpx") << "<gpx><trk><trkseg><trkpt lat=";
  std::vector<ImportProgress> progress;
  const auto summary = importer().import_paths(
      {folder_ / "watch"}, [&](const ImportProgress& p) { progress.push_back(p); });
  EXPECT_EQ(summary.files.size(), 3U);
  EXPECT_EQ(summary.count(ImportOutcome::imported), 2U);
  EXPECT_EQ(summary.count(ImportOutcome::failed), 1U);
  EXPECT_EQ(store_->runs(local_user).size(), 2U);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().done, 3U);
}

TEST_F(ImporterTest, ImportsAStravaExportWithNamesNotesAndEffort) {
  const std::string csv =
      "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
      "Activity Private Note,Filename,Perceived Exertion\n"
      "1,\"Mar 1, 2025\",Sunrise loop,Run,\"Cold, clear\",600,felt strong,activities/1.gpx.gz,7.0\n"
      "2,\"Mar 1, 2025\",Commute,Ride,,600,,activities/2.gpx,\n"
      "3,\"Mar 1, 2025\",Hills,Trail Run,,600,,activities/3.gpx,\n";
  const auto path = folder_ / "export_12345.zip";
  write_zip(path, {{"activities.csv", csv},
                   {"activities/1.gpx.gz", gzip(gpx_run(300, "running", 0))},
                   {"activities/2.gpx", gpx_run(300, "cycling", 20)},
                   {"activities/3.gpx", gpx_run(300, "", 40)},
                   {"../evil.gpx", gpx_run(10)},
                   {"media/photo.jpg", "not an activity"}});
  const auto summary = importer().import_paths({path});
  ASSERT_EQ(summary.files.size(), 4U);
  EXPECT_EQ(summary.count(ImportOutcome::imported), 2U);
  EXPECT_EQ(summary.count(ImportOutcome::skipped), 1U);
  EXPECT_EQ(summary.count(ImportOutcome::failed), 1U);  // the entry that climbs out
  const auto runs = store_->runs(local_user);
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].title, "Sunrise loop");
  EXPECT_EQ(runs[0].notes, "Cold, clear\n\nPrivate note: felt strong");
  EXPECT_EQ(runs[1].sport, Sport::trail);
  EXPECT_EQ(store_->entry_for_run(local_user, runs[0].id)->effort, 7);
  // The registry names an archive's file by the archive and entry, without the folders.
  const auto files = store_->imported_files(local_user);
  EXPECT_TRUE(std::any_of(files.begin(), files.end(), [](const ImportedFile& file) {
    return file.name == "export_12345.zip:activities/1.gpx.gz";
  }));

  const auto again = importer().import_paths({path});
  EXPECT_EQ(again.count(ImportOutcome::imported), 0U);
  EXPECT_EQ(store_->runs(local_user).size(), 2U);
}

TEST_F(ImporterTest, ReportsAMissingFileByName) {
  const auto summary = importer().import_paths({folder_ / "nope.fit"});
  ASSERT_EQ(summary.files.size(), 1U);
  EXPECT_EQ(summary.files[0].outcome, ImportOutcome::failed);
  EXPECT_NE(summary.files[0].name.find("nope.fit"), std::string::npos);
}

#define CAIRN_SKIP_WITHOUT_ZONE_DATA()                                                \
  if (geozone::installed().map == nullptr) {                                          \
    GTEST_SKIP() << "no time-zone boundary data (scripts/install-deps installs it): " \
                 << geozone::installed().problem;                                     \
  }

TEST_F(ImporterTest, ShowsARunInTheZoneOfItsFirstPosition) {
  CAIRN_SKIP_WITHOUT_ZONE_DATA();
  // A runner from New York runs in Prague; the GPX file says nothing of zones.
  Importer from_new_york(*store_, local_user, "America/New_York");
  const auto report =
      from_new_york.import_bytes("prague.gpx", bytes_of(gpx_run_at(50.0875, 14.4213)));
  ASSERT_EQ(report.outcome, ImportOutcome::imported) << report.reason;
  const auto run = store_->find_run(local_user, report.runs[0]);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->start.zone, "Europe/Prague");
  EXPECT_EQ(format_local(run->start), "2025-03-01 08:00");  // 07:00Z, CET
  EXPECT_EQ(from_new_york.zone_data_note(), std::nullopt);
}

TEST_F(ImporterTest, ShowsARunAtSeaInTheHomeZone) {
  CAIRN_SKIP_WITHOUT_ZONE_DATA();
  const auto report = importer().import_bytes("atlantic.gpx", bytes_of(gpx_run_at(35.0, -40.0)));
  ASSERT_EQ(report.outcome, ImportOutcome::imported) << report.reason;
  EXPECT_EQ(store_->find_run(local_user, report.runs[0])->start.zone, "Europe/Berlin");
}

// An activity as a FIT file gives it: a position (or none) and the offset of the watch's
// local time from UTC.
formats::Activity fit_activity(std::optional<std::pair<double, double>> position,
                               std::optional<std::chrono::hours> offset) {
  formats::Activity activity;
  activity.session.sport = "running";
  for (int i = 0; i < 600; ++i) {
    formats::Sample sample;
    sample.time = formats::Instant{std::chrono::sys_seconds{std::chrono::seconds{1720000000 + i}}};
    if (position) {
      sample.latitude_deg = position->first + i * 3.0 / 111195.0;
      sample.longitude_deg = position->second;
    }
    activity.samples.push_back(sample);
  }
  if (offset) activity.utc_offset = *offset;
  return activity;
}

// The run the importer makes of the activity in the zone zone_of_activity found.
formats::RunDraft make_local_run(const formats::Activity& activity, const ActivityZone& zone) {
  auto outcome = formats::make_outcome(
      activity, {.zone = zone.zone, .zone_from_position = zone.from_position, .now = now()});
  EXPECT_TRUE(outcome.draft.has_value()) << outcome.skipped_because;
  return outcome.draft ? std::move(*outcome.draft) : formats::RunDraft{};
}

TEST(MakeLocalRun, KeepsThePositionsZoneWhenTheFilesOffsetAgrees) {
  CAIRN_SKIP_WITHOUT_ZONE_DATA();
  // 2024-07-03 09:46:40Z; Prague is at UTC+2 in July.
  const auto activity = fit_activity(std::pair{50.0875, 14.4213}, std::chrono::hours{2});
  const auto zone = zone_of_activity(activity, "America/New_York");
  EXPECT_TRUE(zone.from_position);
  const auto draft = make_local_run(activity, zone);
  EXPECT_EQ(draft.run.start.zone, "Europe/Prague");
  EXPECT_EQ(format_local(draft.run.start), "2024-07-03 11:46");
}

TEST(MakeLocalRun, PrefersThePositionToAFileOffsetThatDisagrees) {
  CAIRN_SKIP_WITHOUT_ZONE_DATA();
  // A COROS watch writes its local time as UTC (offset 0) for a run in Czechia.
  const auto activity = fit_activity(std::pair{49.8777, 14.6788}, std::chrono::hours{0});
  const auto draft = make_local_run(activity, zone_of_activity(activity, "Europe/Berlin"));
  EXPECT_EQ(draft.run.start.zone, "Europe/Prague");
  EXPECT_EQ(format_local(draft.run.start), "2024-07-03 11:46");
}

TEST(MakeLocalRun, UsesTheFilesOffsetWithoutAPosition) {
  // A treadmill run in Perth recorded by a watch from Berlin: no position, UTC+8.
  const auto activity = fit_activity(std::nullopt, std::chrono::hours{8});
  const auto zone = zone_of_activity(activity, "Europe/Berlin");
  EXPECT_FALSE(zone.from_position);
  EXPECT_FALSE(zone.data_missing);
  const auto draft = make_local_run(activity, zone);
  EXPECT_EQ(draft.run.start.zone, "Etc/GMT-8");
  EXPECT_EQ(format_local(draft.run.start), "2024-07-03 17:46");
}

TEST(MakeLocalRun, UsesTheHomeZoneWithNeitherPositionNorOffset) {
  const auto activity = fit_activity(std::nullopt, std::nullopt);
  EXPECT_EQ(make_local_run(activity, zone_of_activity(activity, "Europe/Berlin")).run.start.zone,
            "Europe/Berlin");
}

}  // namespace
}  // namespace cairn::app
