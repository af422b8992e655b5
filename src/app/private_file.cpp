#include "cairn/app/private_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cairn/core/error.hpp"

namespace cairn::app {
namespace {

// Closes the descriptor and removes the temporary file unless it was renamed into place.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::filesystem::path& destination) {
    const auto folder =
        destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
    const std::string pattern =
        (folder / ("." + destination.filename().string() + ".XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    // mkstemp: O_CREAT | O_EXCL, mode 0600, a name no one could have prepared.
    fd_ = mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) {
      throw Error(Errc::invalid_input, fmt::format("cannot create a file in {}: {}",
                                                   folder.string(), std::strerror(errno)));
    }
    path_ = name.data();
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) close(fd_);
    if (!path_.empty()) unlink(path_.c_str());
  }

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::string& path() const { return path_; }

  /// Closes the file, reporting a failure (a delayed write error on some file systems).
  [[nodiscard]] bool close_file() {
    const int fd = fd_;
    fd_ = -1;
    return close(fd) == 0;
  }
  void release() { path_.clear(); }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace

void write_private_file(const std::filesystem::path& path, std::string_view bytes) {
  TemporaryFile temporary(path);
  const auto failed = [&] {
    return Error(Errc::storage,
                 fmt::format("writing {} failed: {}", path.string(), std::strerror(errno)));
  };
  while (!bytes.empty()) {
    const auto written = write(temporary.fd(), bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) throw failed();
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if (fsync(temporary.fd()) != 0 || !temporary.close_file()) throw failed();
  if (std::rename(temporary.path().c_str(), path.c_str()) != 0) {
    throw Error(Errc::storage,
                fmt::format("cannot move {} into place: {}", path.string(), std::strerror(errno)));
  }
  temporary.release();
}

}  // namespace cairn::app
