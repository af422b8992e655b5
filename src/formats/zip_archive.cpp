#include "cairn/formats/zip_archive.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <system_error>

#include <fmt/format.h>
#include <sys/stat.h>
#include <zip.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

// Names are only ever used to look entries up, never to write files, but a name that
// climbs out of the archive or is absolute marks a hostile archive: refuse the entry.
std::string unsafe_name_reason(std::string_view name) {
  if (name.empty()) return "empty entry name";
  if (name.front() == '/' || name.front() == '\\') return "absolute path";
  if (name.find('\0') != std::string_view::npos) return "NUL in entry name";
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = name.find_first_of("/\\", start);
    const auto part = name.substr(start, end == std::string_view::npos ? end : end - start);
    if (part == "..") return "path climbs out of the archive (..)";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {};
}

}  // namespace

struct ZipArchive::Handle {
  zip_t* archive = nullptr;
  ~Handle() {
    if (archive != nullptr) zip_discard(archive);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Handle> handle, std::vector<ZipEntry> entries,
                       ZipLimits limits, std::size_t budget)
    : handle_(std::move(handle)), entries_(std::move(entries)), limits_(limits), budget_(budget) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

ZipArchive ZipArchive::open(const std::filesystem::path& path, const ZipLimits& limits) {
  int code = 0;
  auto handle = std::make_unique<Handle>();
  handle->archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (handle->archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error(Errc::corrupt_file, fmt::format("not a readable zip archive: {}", message));
  }
  const zip_int64_t count = zip_get_num_entries(handle->archive, 0);
  if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries) {
    throw Error(Errc::invalid_input, fmt::format("zip archive has {} entries, more than the limit "
                                                 "of {}",
                                                 count, limits.max_entries));
  }
  std::vector<ZipEntry> entries;
  entries.reserve(static_cast<std::size_t>(count));
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    const char* raw_name = zip_get_name(handle->archive, i, ZIP_FL_ENC_GUESS);
    ZipEntry entry;
    entry.index = static_cast<std::size_t>(i);
    entry.name = raw_name == nullptr ? std::string() : std::string(raw_name);
    entry.is_directory = !entry.name.empty() && entry.name.back() == '/';
    entry.refused = unsafe_name_reason(entry.name);
    zip_uint8_t system = 0;
    zip_uint32_t attributes = 0;
    if (entry.refused.empty() &&
        zip_file_get_external_attributes(handle->archive, i, 0, &system, &attributes) == 0 &&
        system == ZIP_OPSYS_UNIX && ((attributes >> 16U) & S_IFMT) == S_IFLNK) {
      entry.refused = "a symbolic link";
    }
    entries.push_back(std::move(entry));
  }
  std::error_code ignored;
  const auto archive_bytes = std::filesystem::file_size(path, ignored);
  const bool size_known = archive_bytes != static_cast<std::uintmax_t>(-1);
  const std::size_t by_ratio =
      !size_known || limits.max_total_ratio == 0 ? 0
      : archive_bytes > std::numeric_limits<std::size_t>::max() / limits.max_total_ratio
          ? std::numeric_limits<std::size_t>::max()
          : static_cast<std::size_t>(archive_bytes) * limits.max_total_ratio;
  return ZipArchive(std::move(handle), std::move(entries), limits,
                    std::max(by_ratio, limits.min_total_bytes));
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  for (const auto& entry : entries_) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::vector<std::byte> ZipArchive::read(const ZipEntry& entry) const {
  if (!entry.refused.empty()) {
    throw Error(Errc::invalid_input, fmt::format("entry refused: {}", entry.refused));
  }
  const auto over_budget = [&] {
    return Error(Errc::invalid_input,
                 fmt::format("the archive decompresses to more than its budget of {} bytes "
                             "({} per byte of the archive, at least {})",
                             budget_, limits_.max_total_ratio, limits_.min_total_bytes));
  };
  if (exhausted()) throw over_budget();
  zip_file_t* file = zip_fopen_index(handle_->archive, entry.index, 0);
  if (file == nullptr) {
    throw Error(Errc::corrupt_file,
                fmt::format("cannot open entry: {}", zip_strerror(handle_->archive)));
  }
  std::vector<std::byte> bytes;
  // One allocation when the directory tells the truth; a lie costs at most the limits.
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(handle_->archive, entry.index, 0, &stat) == 0 &&
      (stat.valid & ZIP_STAT_SIZE) != 0) {
    bytes.reserve(std::min({static_cast<std::size_t>(std::min<zip_uint64_t>(
                                stat.size, std::numeric_limits<std::size_t>::max())),
                            limits_.max_entry_bytes, budget_ - inflated_}));
  }
  std::vector<std::byte> chunk(std::size_t{64} * 1024);
  while (true) {
    const zip_int64_t n = zip_fread(file, chunk.data(), chunk.size());
    if (n < 0) {
      const std::string message = zip_file_strerror(file);
      zip_fclose(file);
      throw Error(Errc::corrupt_file, fmt::format("damaged entry data: {}", message));
    }
    if (n == 0) break;
    inflated_ += static_cast<std::size_t>(n);
    if (exhausted()) {
      zip_fclose(file);
      throw over_budget();
    }
    if (bytes.size() + static_cast<std::size_t>(n) > limits_.max_entry_bytes) {
      zip_fclose(file);
      throw Error(
          Errc::invalid_input,
          fmt::format("entry is larger than {} bytes once decompressed", limits_.max_entry_bytes));
    }
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + n);
  }
  zip_fclose(file);
  return bytes;
}

}  // namespace cairn::formats
