// The importer on hostile archives (issue 15): a damaged or oversized activities.csv costs
// only its metadata, and an archive's budget stops a decompression bomb.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include "cairn/app/importer.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::app {
namespace {

using ::testing::HasSubstr;

std::string small_gpx(int start_minute) {
  std::string gpx =
      "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"t\" "
      "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>";
  for (int i = 0; i < 120; ++i) {
    const int second = start_minute * 60 + i * 5;
    gpx += fmt::format(
        "<trkpt lat=\"{:.7f}\" lon=\"13.4\"><time>2025-03-01T{:02}:{:02}:{:02}Z</time></trkpt>",
        52.5 + i * 0.0001, 6 + second / 3600, second / 60 % 60, second % 60);
  }
  return gpx + "</trkseg></trk></gpx>";
}

class ImportLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-import-limits-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    store_ = store::open_sqlite_store(folder_ / "cairn.db");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  std::filesystem::path write_zip(const std::vector<std::pair<std::string, std::string>>& files) {
    const auto path = folder_ / "export.zip";
    int code = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    EXPECT_NE(archive, nullptr);
    for (const auto& [name, content] : files) {
      auto* copy = static_cast<char*>(std::malloc(content.size() + 1));  // libzip frees it
      std::memcpy(copy, content.data(), content.size());
      zip_file_add(archive, name.c_str(), zip_source_buffer(archive, copy, content.size(), 1), 0);
    }
    EXPECT_EQ(zip_close(archive), 0);
    return path;
  }

  // An export of two runs whose activities.csv is `csv`.
  ImportSummary import_export_with(const std::string& csv) {
    const auto path = write_zip({{"activities.csv", csv},
                                 {"activities/1.gpx", small_gpx(0)},
                                 {"activities/2.gpx", small_gpx(120)}});
    // These tests time the CSV's cost themselves; the archive's own time budget (tested
    // apart) must not stop a slow sanitizer build first.
    ImportOptions options;
    options.archive_time_base = std::chrono::seconds{600};
    return Importer(*store_, local_user, "Europe/Berlin", options).import_paths({path});
  }

  // The report of the export's activities.csv, which must say its metadata was not used.
  static void expect_metadata_lost(const ImportSummary& summary, const std::string& why) {
    const auto csv = std::find_if(summary.files.begin(), summary.files.end(), [](const auto& f) {
      return f.name.ends_with("export.zip:activities.csv");
    });
    ASSERT_NE(csv, summary.files.end());
    EXPECT_EQ(csv->outcome, ImportOutcome::skipped);
    EXPECT_THAT(csv->reason, HasSubstr(why));
    ASSERT_EQ(csv->warnings.size(), 1U);
    EXPECT_THAT(csv->warnings[0], HasSubstr("imported without its titles"));
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ImportLimitsTest, AnUnterminatedQuoteInActivitiesCsvLosesOnlyItsMetadata) {
  const auto summary = import_export_with(
      "Activity Name,Filename\nFirst,activities/1.gpx\n\"Second,activities/2.gpx\n");
  EXPECT_EQ(summary.count(ImportOutcome::imported), 2U);
  expect_metadata_lost(summary, "CSV quoted field opened at line 3 never ends");
  EXPECT_EQ(store_->runs(local_user).size(), 2U);
}

TEST_F(ImportLimitsTest, MillionsOfEmptyFieldsInActivitiesCsvCostLittleAndLoseOnlyItsMetadata) {
  // Compresses to a few kilobytes; stored as strings it needed gigabytes.
  const std::string csv = "Activity Name,Filename\n" + std::string(20'000'000, ',') + "\n";
  const auto summary = import_export_with(csv);
  EXPECT_EQ(summary.count(ImportOutcome::imported), 2U);
  expect_metadata_lost(summary, "CSV line 2 has more than 1000 fields");
}

TEST_F(ImportLimitsTest, AWideHeaderWithManyRowsStillMatchesEachRowToItsFile) {
  // 1,000 columns, "Filename" last, 30,000 rows (30 MB): a header scan per row and per
  // lookup was 3 * 10^7 string comparisons and more. How long it takes is measured in
  // docs/security.md; a return to quadratic work runs into the tests' timeout.
  std::string csv;
  for (int i = 0; i < 998; ++i) csv += fmt::format("c{},", i);
  csv += "Activity Name,Filename\n";
  for (int row = 0; row < 30'000; ++row) {
    csv += fmt::format("{}Run {},activities/{}.gpx\n", std::string(998, ','), row, row + 1);
  }
  const auto summary = import_export_with(csv);
  EXPECT_EQ(summary.count(ImportOutcome::imported), 2U);
  const auto runs = store_->runs(local_user);
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_EQ(runs[0].title, "Run 0");
  EXPECT_EQ(runs[1].title, "Run 1");
}

TEST_F(ImportLimitsTest, StopsAnArchiveOnceItsBudgetIsSpentAndKeepsWhatItImported) {
  // 320 MiB from an archive of under a megabyte, past the budget of 256 MiB (64 times the
  // archive's size is less): six entries are read (240 MiB), the seventh stops the archive.
  const auto path = folder_ / "bomb.zip";
  {
    int code = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    ASSERT_NE(archive, nullptr);
    const std::string run = small_gpx(0);
    zip_file_add(archive, "activities/0.gpx", zip_source_buffer(archive, run.data(), run.size(), 0),
                 0);
    // Eight entries of the same 40 MiB of spaces, 320 MiB in all.
    const std::string nothing(std::size_t{40} << 20U, ' ');
    for (int i = 1; i <= 8; ++i) {
      zip_file_add(archive, fmt::format("activities/{}.gpx", i).c_str(),
                   zip_source_buffer(archive, nothing.data(), nothing.size(), 0), 0);
    }
    ASSERT_EQ(zip_close(archive), 0);
  }
  ASSERT_LT(std::filesystem::file_size(path), std::size_t{1} << 20U);
  // The size budget, not the time budget: under ThreadSanitizer on a busy machine, reading
  // 240 MiB can outlast the time an archive of a megabyte is given.
  const auto summary = Importer(*store_, local_user, "Europe/Berlin",
                                {.archive_time_base = std::chrono::minutes{10}})
                           .import_paths({path});
  EXPECT_EQ(summary.count(ImportOutcome::imported), 1U);
  const auto stopped = std::find_if(summary.files.begin(), summary.files.end(), [](const auto& f) {
    return f.reason.find("budget") != std::string::npos;
  });
  ASSERT_NE(stopped, summary.files.end());
  EXPECT_EQ(stopped->outcome, ImportOutcome::failed);
  EXPECT_THAT(stopped->reason, HasSubstr("the archive decompresses to more than its budget of "
                                         "268435456 bytes"));
  EXPECT_THAT(stopped->reason, HasSubstr("its 1 remaining entries were not read"));
  // Nothing after the stop was read: one report per entry up to it, none after.
  EXPECT_EQ(summary.files.size(), 8U);
  EXPECT_EQ(store_->runs(local_user).size(), 1U);
}

TEST_F(ImportLimitsTest, StopsAnArchiveThatRunsPastItsTimeBudget) {
  const auto path = write_zip({{"activities/1.gpx", small_gpx(0)},
                               {"activities/2.gpx", small_gpx(120)},
                               {"activities/3.gpx", small_gpx(240)}});
  Importer importer(*store_, local_user, "Europe/Berlin",
                    {.archive_time_base = std::chrono::seconds{-1}});
  const auto summary = importer.import_paths({path});
  ASSERT_EQ(summary.files.size(), 1U);
  EXPECT_EQ(summary.files[0].outcome, ImportOutcome::failed);
  EXPECT_THAT(summary.files[0].reason,
              HasSubstr("the archive took longer than its time budget (-1 s, and 1 s per MiB of "
                        "archive); this and its 2 remaining entries were not read"));
  EXPECT_TRUE(store_->runs(local_user).empty());
}

}  // namespace
}  // namespace cairn::app
