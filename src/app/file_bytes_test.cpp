#include "cairn/app/file_bytes.hpp"

#include <array>
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

// A pipe this process holds, named as the shell names one (/dev/fd/N), with a writer
// thread writing `size` bytes into it and closing it.
class HandedPipe {
 public:
  explicit HandedPipe(std::size_t size) {
    EXPECT_EQ(::pipe(fds_.data()), 0);
    writer_ = std::thread([this, size] {
      const std::string text(size, 'y');
      std::size_t written = 0;
      while (written < text.size()) {
        const auto n = ::write(fds_[1], text.data() + written, text.size() - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
      }
      ::close(fds_[1]);
    });
  }
  HandedPipe(const HandedPipe&) = delete;
  HandedPipe& operator=(const HandedPipe&) = delete;
  ~HandedPipe() {
    ::close(fds_[0]);  // first, so a writer blocked on a full pipe gets EPIPE and ends
    writer_.join();
  }
  [[nodiscard]] fs::path path() const { return "/dev/fd/" + std::to_string(fds_[0]); }

 private:
  std::array<int, 2> fds_{};
  std::thread writer_;
};

TEST_F(ReadFileBytes, ReadsAPipeToItsEndAndStopsAtTheLimit) {
  {
    const HandedPipe pipe(70'000);
    EXPECT_EQ(read_file_bytes(pipe.path(), 100'000).size(), 70'000U);
  }
  // The reader stops early and closes its end: the writer then gets EPIPE, not SIGPIPE.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  {
    const HandedPipe pipe(200'000);
    const auto [code, message] = error_of(pipe.path(), 1'000);
    EXPECT_EQ(code, Errc::invalid_input);
    EXPECT_NE(message.find("limit of 1000 bytes"), std::string::npos) << message;
  }
  std::signal(SIGPIPE, previous);
}

TEST_F(ReadFileBytes, RefusesANamedPipeAtOnceRatherThanWaitingForAWriter) {
  const fs::path fifo = dir_ / "fifo.gpx";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto [code, message] = error_of(fifo, 100);  // blocked forever before
  EXPECT_EQ(code, Errc::not_found);
  EXPECT_EQ(message, "cannot read: it is a FIFO (named pipe), not a regular file");
  const auto [device_code, device] = error_of("/dev/zero", 100);
  EXPECT_EQ(device_code, Errc::not_found);
  EXPECT_EQ(device, "cannot read: it is a character device, not a regular file");
}

}  // namespace
}  // namespace cairn::app
