#pragma once
/// \file
/// Importing activity files: single files, folders (recursively) and gzip-compressed files.
/// Importing the same file twice adds nothing; the same run from another source (the
/// watch's FIT and Strava's re-encoding) is recognised; a journal entry written before its
/// run arrives is attached; what the watch asked after the run pre-fills the entry.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/clock.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/core/import_report.hpp"
#include "cairn/store/store.hpp"

namespace cairn::formats {
struct Activity;
struct RunDraft;
}  // namespace cairn::formats

namespace cairn::app {

struct ImportProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::string_view current;
};
using ProgressCallback = std::function<void(const ImportProgress&)>;

/// What a bulk export says about one of its files (Strava's activities.csv row).
struct ExportMetadata {
  std::string title{};
  std::string description{};
  std::string private_note{};
  std::string type{};                       ///< e.g. "Run", "Trail Run", "Ride"
  std::optional<int> perceived_exertion{};  ///< 1-10
};

struct ImportOptions {
  /// Per activity file as read (the largest format limit, FIT's; what a file inflates to
  /// has its format's own limit, formats::ReadLimits).
  std::size_t max_file_bytes = std::size_t{64} * 1024 * 1024;
  /// Runs starting this close together with similar distance are one run from two sources
  /// (core's same_run, which `cairn log` and `runs edit` use too).
  std::chrono::seconds same_run_window{180};
  /// Per entry of a zip archive, once decompressed (an entry is held in memory whole; a
  /// day-long GPX is about 30 MB).
  std::size_t max_archive_entry_bytes = std::size_t{64} * 1024 * 1024;
  /// A zip archive's time budget: this much, plus archive_time_per_mib per MiB of the
  /// archive file. Past it, the entries not yet read are reported failed and left (a real
  /// export imports at several MiB a second).
  std::chrono::seconds archive_time_base{7};
  std::chrono::seconds archive_time_per_mib{1};
  /// What "now" is: when a file was imported, which dates are in the future.
  Clock clock = Clock::system();
};

/// The zone an activity's run is shown in, and where it came from.
struct ActivityZone {
  std::string zone{};
  bool from_position = false;  ///< the zone at the activity's first position
  bool data_missing = false;   ///< it has a position, but no boundary data is installed
};

/// The zone at the activity's first position (the time-zone boundary data of
/// cairn::geozone) when it has a position, the position is on land or in territorial waters,
/// the data is installed and the system's tz database knows the zone; else `home_zone`.
/// Never throws.
[[nodiscard]] ActivityZone zone_of_activity(const formats::Activity& activity,
                                            const std::string& home_zone);

class Importer {
 public:
  /// Imported runs are shown in `zone` (files carry UTC times).
  Importer(store::Store& store, UserId user, std::string zone, ImportOptions options = {});
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;
  Importer(Importer&&) = delete;
  Importer& operator=(Importer&&) = delete;
  ~Importer();

  /// Imports one file's content; `name` is used in reports only. `metadata`, when given,
  /// names the run, fills its notes and pre-fills the entry's effort.
  FileReport import_bytes(std::string_view name, std::span<const std::byte> bytes,
                          const ExportMetadata* metadata = nullptr);

  /// Imports files, folders and zip archives (a Strava bulk export: activities.csv joined
  /// with the files in activities/; or any zip of activity files). Files named explicitly
  /// are always reported; in folders and archives, files that are not activity files by
  /// name are passed over quietly. Archives are read one entry at a time, within one budget
  /// for the whole archive (inflated bytes, see formats::ZipLimits; time, see
  /// ImportOptions): past it the entry being read fails and the rest are not read. An
  /// export's activities.csv that cannot be read (damaged, past the CSV limits) is reported
  /// as skipped with the reason, and the export's runs are imported without its metadata.
  /// Anything that is not a regular file (a FIFO, a device) fails without blocking, except
  /// streams this process was handed (/dev/stdin).
  ImportSummary import_paths(const std::vector<std::filesystem::path>& paths,
                             const ProgressCallback& progress = {});

  /// Why some runs imported so far are shown in the home zone although their files have
  /// positions (the time-zone boundary data is not installed); nothing when none were.
  [[nodiscard]] std::optional<std::string> zone_data_note() const;

 private:
  struct Job;
  struct DecodedFile;
  struct PendingFile;

  // Reading a file into run drafts touches no database (safe on a worker thread); storing
  // them does.
  [[nodiscard]] DecodedFile decode(std::string_view name, std::span<const std::byte> bytes,
                                   const ExportMetadata* metadata) const;
  // The report of a file whose content was imported before; nothing when it is new.
  [[nodiscard]] std::optional<FileReport> already_imported(std::string_view name,
                                                           const std::string& fingerprint) const;
  FileReport store_decoded(std::string_view name, const std::string& fingerprint,
                           const ExportMetadata* metadata, DecodedFile decoded);
  // Imports files of a folder or archive one ahead: this file is decoded on a worker thread
  // while the one before is stored (the two take about as long on a bulk import). Reports
  // stay in file order; finish_pending() stores the last one.
  void import_ahead(std::string name, std::vector<std::byte> bytes,
                    std::optional<ExportMetadata> metadata, ImportSummary& summary);
  void finish_pending(ImportSummary& summary);

  void import_zip(const std::filesystem::path& path, ImportSummary& summary,
                  const ProgressCallback& progress, std::size_t& done, std::size_t& total);
  // Attaches the closest standalone entry around the run, or writes one from what the
  // watch recorded (post-run feel, perceived effort); never overwrites the runner's answers.
  void attach_entry(const Run& run, const formats::RunDraft& draft);

  store::Store& store_;
  UserId user_;
  std::string zone_;
  ImportOptions options_;
  std::unique_ptr<PendingFile> pending_;
  mutable std::atomic<bool> zone_data_missing_{false};  // set on the decoding worker too
};

/// The content fingerprint used to recognise a file imported before (XXH3-128, hex).
[[nodiscard]] std::string fingerprint_of(std::span<const std::byte> bytes);

}  // namespace cairn::app
