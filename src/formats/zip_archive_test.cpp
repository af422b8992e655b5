#include "cairn/formats/zip_archive.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

class ZipArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() / ("cairn-zip-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  // Writes a zip with the given entries; a name starting with "link:" becomes a symlink.
  std::filesystem::path make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
    const auto path = folder_ / "archive.zip";
    int code = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    EXPECT_NE(archive, nullptr);
    for (const auto& [raw_name, content] : files) {
      const bool link = raw_name.starts_with("link:");
      const std::string name = link ? raw_name.substr(5) : raw_name;
      // libzip frees the buffer with free() once written.
      auto* copy = static_cast<char*>(std::malloc(content.size() + 1));
      std::memcpy(copy, content.data(), content.size());
      zip_source_t* source = zip_source_buffer(archive, copy, content.size(), 1);
      const auto index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
      EXPECT_GE(index, 0);
      if (link) {
        zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0,
                                         ZIP_OPSYS_UNIX, (S_IFLNK | 0777U) << 16U);
      }
    }
    EXPECT_EQ(zip_close(archive), 0);
    return path;
  }

  std::filesystem::path folder_;
};

TEST_F(ZipArchiveTest, ListsAndReadsEntries) {
  const auto archive = ZipArchive::open(
      make_zip({{"activities.csv", "a,b\n1,2\n"}, {"activities/1.gpx", "<gpx/>"}}));
  ASSERT_EQ(archive.entries().size(), 2U);
  const auto* csv = archive.find("activities.csv");
  ASSERT_NE(csv, nullptr);
  const auto bytes = archive.read(*csv);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), "a,b\n1,2\n");
}

TEST_F(ZipArchiveTest, RefusesNamesThatClimbOutAndSymbolicLinks) {
  const auto archive = ZipArchive::open(make_zip(
      {{"../../etc/passwd", "x"}, {"link:activities/evil.fit", "/etc/shadow"}, {"ok.fit", "y"}}));
  ASSERT_EQ(archive.entries().size(), 3U);
  EXPECT_NE(archive.entries()[0].refused.find(".."), std::string::npos);
  EXPECT_EQ(archive.entries()[1].refused, "a symbolic link");
  EXPECT_TRUE(archive.entries()[2].refused.empty());
  EXPECT_THROW(static_cast<void>(archive.read(archive.entries()[0])), Error);
  EXPECT_THROW(static_cast<void>(archive.read(archive.entries()[1])), Error);
}

TEST_F(ZipArchiveTest, CapsTheDecompressedSizeOfAnEntry) {
  const std::string zeros(3 * 1024 * 1024, '\0');  // compresses to a few kilobytes
  const auto path = make_zip({{"bomb.fit", zeros}});
  EXPECT_LT(std::filesystem::file_size(path), 100U * 1024U);
  const auto archive = ZipArchive::open(path, {.max_entries = 10, .max_entry_bytes = 1024 * 1024});
  try {
    static_cast<void>(archive.read(archive.entries()[0]));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
  }
}

TEST_F(ZipArchiveTest, RefusesTooManyEntriesAndFilesThatAreNotZips) {
  const auto path = make_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  EXPECT_THROW(static_cast<void>(ZipArchive::open(path, {.max_entries = 2})), Error);
  const auto not_zip = folder_ / "not.zip";
  std::ofstream(not_zip) << "PK but not really";
  try {
    static_cast<void>(ZipArchive::open(not_zip));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::corrupt_file);
  }
}

TEST_F(ZipArchiveTest, ReadsNoMoreThanTheArchiveBudgetAcrossAllEntries) {
  const std::string kilobyte(1000, 'x');
  const auto archive = ZipArchive::open(make_zip({{"a", kilobyte}, {"b", kilobyte}, {"c", "c"}}),
                                        {.max_total_ratio = 0, .min_total_bytes = 1500});
  EXPECT_EQ(archive.budget(), 1500U);
  EXPECT_EQ(archive.read(archive.entries()[0]).size(), 1000U);
  EXPECT_FALSE(archive.exhausted());
  try {
    static_cast<void>(archive.read(archive.entries()[1]));
    ADD_FAILURE() << "read past the budget";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
    EXPECT_NE(std::string(error.what()).find("decompresses to more than its budget of 1500 bytes"),
              std::string::npos)
        << error.what();
  }
  EXPECT_TRUE(archive.exhausted());
  // Every later read is refused at once, even of a small entry.
  EXPECT_THROW(static_cast<void>(archive.read(archive.entries()[2])), Error);
}

TEST_F(ZipArchiveTest, GrowsTheBudgetWithTheArchiveSize) {
  const auto path = make_zip({{"a", std::string(1000, 'x')}});
  const auto archive = ZipArchive::open(path, {.max_total_ratio = 10, .min_total_bytes = 0});
  EXPECT_EQ(archive.budget(), 10 * std::filesystem::file_size(path));
}

}  // namespace
}  // namespace cairn::formats
