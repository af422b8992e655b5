#include "cairn/app/private_file.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cairn/core/error.hpp"

namespace cairn::app {
namespace {

class WritePrivateFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-private-file-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  [[nodiscard]] static std::string read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(folder_),
                                                  std::filesystem::directory_iterator()));
  }

  std::filesystem::path folder_;
};

TEST_F(WritePrivateFile, WritesAFileOnlyItsOwnerCanRead) {
  const auto path = folder_ / "export.json";
  write_private_file(path, "{}\n");
  EXPECT_EQ(read(path), "{}\n");
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777U, 0600U);
  EXPECT_EQ(entries(), 1U);
}

TEST_F(WritePrivateFile, ReplacesAPlantedSymlinkInsteadOfWritingThroughIt) {
  const auto victim = folder_ / "victim";
  std::ofstream(victim) << "precious";
  for (const char* name : {"export.json", "export.json.part"}) {
    std::filesystem::create_symlink(victim, folder_ / name);
  }
  write_private_file(folder_ / "export.json", "new");
  EXPECT_EQ(read(victim), "precious");
  EXPECT_FALSE(std::filesystem::is_symlink(folder_ / "export.json"));
  EXPECT_EQ(read(folder_ / "export.json"), "new");
}

TEST_F(WritePrivateFile, LeavesNothingBehindWhenItCannotMoveTheFileIntoPlace) {
  std::filesystem::create_directory(folder_ / "taken");
  std::ofstream(folder_ / "taken" / "inside") << "x";
  try {
    write_private_file(folder_ / "taken", "text");
    ADD_FAILURE() << "wrote over a folder";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::storage);
    EXPECT_NE(std::string(error.what()).find("cannot move"), std::string::npos) << error.what();
  }
  EXPECT_EQ(entries(), 1U);
}

TEST_F(WritePrivateFile, NamesTheFolderItCannotWriteIn) {
  try {
    write_private_file(folder_ / "missing" / "export.json", "text");
    ADD_FAILURE() << "wrote into a missing folder";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
    EXPECT_NE(
        std::string(error.what()).find("cannot create a file in " + (folder_ / "missing").string()),
        std::string::npos)
        << error.what();
  }
  EXPECT_EQ(entries(), 0U);
}

}  // namespace
}  // namespace cairn::app
