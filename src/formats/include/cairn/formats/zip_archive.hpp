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
  /// The budget of the whole archive: all reads together may decompress at most this many
  /// bytes per byte of the archive file (real exports of gzip-compressed activities come
  /// out at about 1, zipped GPX or TCX at 10 to 20; a deflate bomb at 1,000) ...
  std::size_t max_total_ratio = 64;
  /// ... or this many bytes, whichever is more, so small archives of text files read whole.
  std::size_t min_total_bytes = std::size_t{256} * 1024 * 1024;
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
  /// Reads one entry whole. Throws Error(invalid_input) for a refused entry, one larger than
  /// `max_entry_bytes` once decompressed, or when the archive's budget runs out (both counted
  /// while inflating, whatever the directory claims; see exhausted()), Error(corrupt_file)
  /// for damaged data.
  [[nodiscard]] std::vector<std::byte> read(const ZipEntry& entry) const;
  /// True once a read went past the archive's budget: every later read throws, so the
  /// caller stops rather than trying the remaining entries one by one.
  [[nodiscard]] bool exhausted() const { return inflated_ > budget_; }
  /// The bytes all reads together may decompress (see ZipLimits).
  [[nodiscard]] std::size_t budget() const { return budget_; }

 private:
  struct Handle;
  ZipArchive(std::unique_ptr<Handle> handle, std::vector<ZipEntry> entries, ZipLimits limits,
             std::size_t budget);
  std::unique_ptr<Handle> handle_;
  std::vector<ZipEntry> entries_;
  ZipLimits limits_;
  std::size_t budget_ = 0;
  mutable std::size_t inflated_ = 0;  // by all reads so far
};

}  // namespace cairn::formats
