#pragma once
/// \file
/// Reading the entries of a zip archive (a Strava export, a zipped folder of activities)
/// one at a time from disk, safely: entry names that climb out of the archive and symbolic
/// links are refused, and every entry's actual decompressed size is capped while reading.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace cairn::formats {

struct ZipLimits {
  std::size_t max_entries = 200'000;
  std::size_t max_entry_bytes = std::size_t{256} * 1024 * 1024;  ///< after decompression
};

/// One entry of the archive's directory.
struct ZipEntry {
  std::size_t index = 0;
  std::string name;
  bool is_directory = false;
  /// Why the entry must not be read (an unsafe name, a symbolic link); empty when fine.
  std::string refused;
};

class ZipArchive {
 public:
  /// Opens the archive. Throws Error(corrupt_file) when it is not a readable zip and
  /// Error(invalid_input) when it has more than `limits.max_entries` entries.
  [[nodiscard]] static ZipArchive open(const std::filesystem::path& path,
                                       const ZipLimits& limits = {});

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive();

  [[nodiscard]] const std::vector<ZipEntry>& entries() const { return entries_; }
  /// Finds an entry by its exact name.
  [[nodiscard]] const ZipEntry* find(std::string_view name) const;
  /// Reads one entry whole. Throws Error(invalid_input) for a refused entry or one larger
  /// than the limit once decompressed (counted while inflating, whatever the directory
  /// claims), Error(corrupt_file) for damaged data.
  [[nodiscard]] std::vector<std::byte> read(const ZipEntry& entry) const;

 private:
  struct Handle;
  ZipArchive(std::unique_ptr<Handle> handle, std::vector<ZipEntry> entries, ZipLimits limits);
  std::unique_ptr<Handle> handle_;
  std::vector<ZipEntry> entries_;
  ZipLimits limits_;
};

}  // namespace cairn::formats
