#include "cairn/app/file_bytes.hpp"

#include <csignal>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cairn/core/error.hpp"

namespace cairn::app {
namespace {

namespace fs = std::filesystem;

class ReadFileBytes : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("cairn-file-bytes-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // The message of the cairn::Error that `read` throws, with its code.
  static std::pair<Errc, std::string> error_of(const fs::path& path, std::size_t limit) {
    try {
      static_cast<void>(read_file_bytes(path, limit));
    } catch (const Error& error) {
      return {error.code(), error.what()};
    }
    ADD_FAILURE() << "no error reading " << path;
    return {};
  }

  fs::path dir_;
};

TEST_F(ReadFileBytes, ReadsARegularFile) {
  const auto bytes = read_file_bytes(write("a.gpx", "<gpx/>"), 100);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), "<gpx/>");
}

TEST_F(ReadFileBytes, SaysAFolderIsNotAFile) {
  const auto [code, message] = error_of(dir_, 100);
  EXPECT_EQ(code, Errc::not_found);
  EXPECT_NE(message.find("folder"), std::string::npos) << message;
}

TEST_F(ReadFileBytes, SaysAMissingFileCannotBeRead) {
  const auto [code, message] = error_of(dir_ / "missing.fit", 100);
  EXPECT_EQ(code, Errc::not_found);
  EXPECT_NE(message.find("cannot read"), std::string::npos) << message;
}

TEST_F(ReadFileBytes, RefusesAFileOverTheLimit) {
  const auto [code, message] = error_of(write("big.fit", std::string(101, 'x')), 100);
  EXPECT_EQ(code, Errc::invalid_input);
  EXPECT_NE(message.find("limit of 100 bytes"), std::string::npos) << message;
}

TEST_F(ReadFileBytes, ReadsAPipeToItsEndAndStopsAtTheLimit) {
  const fs::path pipe = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(pipe, std::ios::binary) << std::string(70'000, 'y'); });
  EXPECT_EQ(read_file_bytes(pipe, 100'000).size(), 70'000U);
  writer.join();

  // The reader stops early and closes its end: the writer then gets EPIPE, not SIGPIPE.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::thread big_writer(
      [&] { std::ofstream(pipe, std::ios::binary) << std::string(200'000, 'y'); });
  const auto [code, message] = error_of(pipe, 1'000);
  EXPECT_EQ(code, Errc::invalid_input);
  EXPECT_NE(message.find("limit of 1000 bytes"), std::string::npos) << message;
  big_writer.join();
  std::signal(SIGPIPE, previous);
}

}  // namespace
}  // namespace cairn::app
