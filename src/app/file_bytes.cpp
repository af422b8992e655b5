#include "cairn/app/file_bytes.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::app {
namespace {

Error too_large(std::size_t limit) {
  return Error(Errc::invalid_input,
               fmt::format("the file is larger than the limit of {} bytes", limit));
}

// A descriptor this process already holds (standard input, a shell's process substitution),
// named through /dev: its writer is there, so reading it cannot block forever.
bool inherited_stream(const std::filesystem::path& path) {
  const std::string name = path.string();
  return name == "/dev/stdin" || name.starts_with("/dev/fd/") || name.starts_with("/proc/self/fd/");
}

std::string_view kind_of(std::filesystem::file_type type) {
  switch (type) {
    case std::filesystem::file_type::fifo:
      return "a FIFO (named pipe)";
    case std::filesystem::file_type::socket:
      return "a socket";
    case std::filesystem::file_type::character:
      return "a character device";
    case std::filesystem::file_type::block:
      return "a block device";
    default:
      return "a special file";
  }
}

}  // namespace

std::vector<std::byte> read_file_bytes(const std::filesystem::path& path, std::size_t limit) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error) throw Error(Errc::not_found, fmt::format("cannot read: {}", error.message()));
  if (std::filesystem::is_directory(status)) {
    throw Error(Errc::not_found, "cannot read: it is a folder, not a file");
  }
  if (!std::filesystem::is_regular_file(status) && !inherited_stream(path)) {
    // Opening a FIFO with no writer waits forever, a device may never end: only streams
    // this process was handed (standard input, a shell's <(...)) are read.
    throw Error(Errc::not_found,
                fmt::format("cannot read: it is {}, not a regular file", kind_of(status.type())));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw Error(Errc::not_found, fmt::format("cannot open the file: {}", std::strerror(errno)));
  }
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw Error(Errc::not_found, fmt::format("cannot read: {}", error.message()));
    if (size > limit) throw too_large(limit);
    std::vector<std::byte> bytes(size);
    file.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(file.gcount()) != size || file.peek() != EOF) {
      throw Error(Errc::corrupt_file, "the file changed while it was read");
    }
    return bytes;
  }
  // A pipe, a device or /dev/stdin: no size to ask, so read in chunks up to the limit.
  std::vector<std::byte> bytes;
  constexpr std::size_t chunk = std::size_t{1} << 16;
  while (file) {
    const std::size_t had = bytes.size();
    if (had > limit) throw too_large(limit);
    bytes.resize(had + chunk);
    file.read(reinterpret_cast<char*>(bytes.data() + had), static_cast<std::streamsize>(chunk));
    bytes.resize(had + static_cast<std::size_t>(file.gcount()));
  }
  if (bytes.size() > limit) throw too_large(limit);
  return bytes;
}

}  // namespace cairn::app
