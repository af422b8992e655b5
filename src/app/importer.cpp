#include "cairn/app/importer.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <future>
#include <memory>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <xxhash.h>

#include "cairn/app/file_bytes.hpp"
#include "cairn/app/journal_service.hpp"
#include "cairn/app/route_ground.hpp"
#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/csv.hpp"
#include "cairn/formats/zip_archive.hpp"
#include "cairn/geozone/zone_map.hpp"

#include "run_merge.hpp"

namespace cairn::app {
namespace {

// A standalone journal entry this close to a run is the runner's entry about it.
constexpr auto entry_window = std::chrono::hours{2};

// Files are written in batches, one transaction (one sync to disk) per batch rather than
// per file: a bulk import of thousands of files is not bound by fsync, and a killed import
// loses at most the batch in flight, which a re-run then imports.
constexpr std::size_t batch_files = 64;
constexpr auto batch_time = std::chrono::seconds{1};

template <class Work>
void in_batches(store::Store& store, std::size_t count, Work&& work) {
  std::size_t index = 0;
  while (index < count) {
    store.transaction([&] {
      const auto started = std::chrono::steady_clock::now();
      do {
        work(index);
        ++index;
      } while (index < count && index % batch_files != 0 &&
               std::chrono::steady_clock::now() - started < batch_time);
    });
  }
}

// The name the registry keeps: the file's own name (and for an archive's entry, the
// archive's), not the folders it was in. The registry travels in the JSON export, and a
// path such as /home/alice/Downloads/... says more about the runner than a journal needs.
std::string registry_name(std::string_view name) {
  const auto archive_end = name.find(".zip:");
  if (archive_end != std::string_view::npos) {
    const std::string_view archive = name.substr(0, archive_end + 4);
    return std::filesystem::path(archive).filename().string() +
           std::string(name.substr(archive_end + 4));
  }
  return std::filesystem::path(name).filename().string();
}

// The day a file was imported, as the reports name it.
std::string imported_on(const ImportedFile& file) {
  return format_date(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(file.imported_at)});
}

bool looks_like_activity_name(const std::filesystem::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* suffix : {".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

// Strava's name and description become the run's title and notes; its perceived exertion
// pre-fills the entry's effort.
void apply_metadata(const ExportMetadata& metadata, formats::RunDraft& draft) {
  if (!metadata.title.empty()) draft.run.title = clipped_text(metadata.title, max_title_bytes);
  std::string notes = metadata.description;
  if (!metadata.private_note.empty()) {
    notes += (notes.empty() ? "" : "\n\n") + std::string("Private note: ") + metadata.private_note;
  }
  if (!notes.empty()) draft.run.notes = clipped_text(notes, max_notes_bytes);
  if (metadata.type.find("Trail") != std::string::npos) draft.run.sport = Sport::trail;
  if (metadata.perceived_exertion) draft.effort = metadata.perceived_exertion;
}

// The columns of Strava's activities.csv the import reads, looked up once per export (a
// lookup per row or per file made a wide header quadratic); the others are not kept.
struct ExportColumns {
  static constexpr std::array<std::string_view, 6> names = {
      "Filename",      "Activity Name",     "Activity Description", "Activity Private Note",
      "Activity Type", "Perceived Exertion"};

  explicit ExportColumns(const formats::CsvTable& csv)
      : filename(csv.column(names[0])),
        title(csv.column(names[1])),
        description(csv.column(names[2])),
        private_note(csv.column(names[3])),
        type(csv.column(names[4])),
        exertion(csv.column(names[5])) {}

  std::optional<formats::CsvTable::Column> filename, title, description, private_note, type,
      exertion;
};

ExportMetadata metadata_of(const formats::CsvTable& csv, const ExportColumns& columns,
                           std::size_t row) {
  ExportMetadata metadata;
  metadata.title = csv.cell(row, columns.title);
  metadata.description = csv.cell(row, columns.description);
  metadata.private_note = csv.cell(row, columns.private_note);
  metadata.type = csv.cell(row, columns.type);
  const std::string_view exertion = csv.cell(row, columns.exertion);
  double value = 0.0;
  const auto [end, error] =
      std::from_chars(exertion.data(), exertion.data() + exertion.size(), value);
  if (!exertion.empty() && error == std::errc{} && value >= 1.0 && value <= 10.0) {
    metadata.perceived_exertion = static_cast<int>(std::lround(value));
  }
  return metadata;
}

// Strava's activities.csv, within limits: its fields, rows and bytes are bounded by
// CsvOptions, and only the columns the import reads are kept.
formats::CsvTable read_export_csv(const formats::ZipArchive& archive,
                                  const formats::ZipEntry& entry) {
  const auto bytes = archive.read(entry);
  formats::CsvOptions options;
  options.columns.assign(ExportColumns::names.begin(), ExportColumns::names.end());
  return formats::CsvTable::parse(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), options);
}

bool is_zip(const std::filesystem::path& path) {
  // Only a regular file: peeking into a pipe would take its first bytes away.
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream file(path, std::ios::binary);
  std::array<char, 4> magic{};
  file.read(magic.data(), magic.size());
  return file.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

}  // namespace

std::string fingerprint_of(std::span<const std::byte> bytes) {
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return fmt::format("{:016x}{:016x}", hash.high64, hash.low64);
}

Importer::Importer(store::Store& store, UserId user, std::string zone, ImportOptions options)
    : store_(store), user_(user), zone_(std::move(zone)), options_(options) {}

// A file read into run drafts: everything about a file that needs no database, so the next
// file is decoded on a worker thread while the one before is stored.
struct Importer::DecodedFile {
  struct Part {
    std::size_t index = 0;  // the session in the file
    formats::RunDraft draft;
  };
  std::optional<FileReport> decided;  // failed or skipped already: nothing to store
  std::vector<std::string> warnings;
  formats::FileInfo file;
  std::vector<Part> parts;
  std::vector<std::string> not_runs;
};

// A file whose drafts are being made on the worker while the one before it is stored.
struct Importer::PendingFile {
  std::string name;
  std::string fingerprint;
  std::optional<ExportMetadata> metadata;
  std::future<DecodedFile> decoded;
  std::atomic<std::size_t> track_points{0};  // set by the worker once decoded
};

namespace {

// A file whose drafts hold more track points than this is stored before the next file
// starts decoding, so two long tracks (a week at one point a second is 600,000, about
// 40 MB each) are never in memory at once; runs of a day or less keep the overlap.
constexpr std::size_t long_track_points = 100'000;

}  // namespace

// A decode still running is waited for (the future's destructor), never stored: a re-run
// imports that file.
Importer::~Importer() = default;

Importer::DecodedFile Importer::decode(std::string_view name, std::span<const std::byte> bytes,
                                       const ExportMetadata* metadata) const {
  DecodedFile decoded;
  formats::FileContent content;
  try {
    content = formats::read_activity_file(bytes, {.max_bytes = options_.max_file_bytes});
  } catch (const Error& error) {
    decoded.decided = FileReport{
        .name = std::string(name), .outcome = ImportOutcome::failed, .reason = error.what()};
    return decoded;
  }
  decoded.warnings = std::move(content.warnings);
  decoded.file = content.file;
  if (auto planned = formats::planned_route_reason(content.file)) {
    decoded.decided = FileReport{.name = std::string(name),
                                 .outcome = ImportOutcome::skipped,
                                 .reason = std::move(*planned),
                                 .warnings = std::move(decoded.warnings)};
    return decoded;
  }
  // The export's own type wins: Strava knows a treadmill run logged as 'generic'.
  const bool run_by_export = metadata != nullptr && metadata->type.find("Run") != std::string::npos;
  const bool several = content.activities.size() > 1;
  const auto label = [several, &content](std::size_t index) {
    if (!several) return std::string();
    const std::string& title = content.activities[index].session.name;
    return title.empty() ? fmt::format("activity {}: ", index + 1)
                         : fmt::format("activity {} ({}): ", index + 1, title);
  };
  const Timestamp today = options_.clock.now();
  for (std::size_t index = 0; index < content.activities.size(); ++index) {
    const auto& activity = content.activities[index];
    if (metadata != nullptr && !metadata->type.empty() && !run_by_export) {
      decoded.not_runs.push_back(
          fmt::format("{}a {} in the export, not a run", label(index), metadata->type));
      continue;
    }
    const auto zone = zone_of_activity(activity, zone_);
    if (zone.data_missing) zone_data_missing_ = true;
    auto outcome = formats::make_outcome(activity, {.zone = zone.zone,
                                                    .zone_from_position = zone.from_position,
                                                    .now = today,
                                                    .declared_run = run_by_export});
    if (!outcome.draft) {
      decoded.not_runs.push_back(label(index) + outcome.skipped_because);
      continue;
    }
    for (const auto& note : outcome.draft->notes) decoded.warnings.push_back(label(index) + note);
    decoded.parts.push_back({.index = index, .draft = std::move(*outcome.draft)});
  }
  return decoded;
}

FileReport Importer::store_decoded(std::string_view name, const std::string& fingerprint,
                                   const ExportMetadata* metadata, DecodedFile decoded) {
  // A file judged again (it gave no run before) says so when it still gives none.
  const auto seen = store_.imported_file(user_, fingerprint);
  const auto say_seen_before = [&seen](FileReport& skipped) {
    if (!seen) return;
    skipped.reason =
        fmt::format("seen before ({}) and skipped again: {}", imported_on(*seen), skipped.reason);
  };
  if (decoded.decided) {
    // A file that could not be read is not remembered (a later Cairn may read it); one that
    // holds no run is, so a re-import can say it was seen.
    if (decoded.decided->outcome == ImportOutcome::skipped) {
      say_seen_before(*decoded.decided);
      store_.record_imported_file(user_, fingerprint, registry_name(name), options_.clock.now(), 0);
    }
    return std::move(*decoded.decided);
  }
  FileReport report{.name = std::string(name),
                    .left_out = std::move(decoded.not_runs),
                    .warnings = std::move(decoded.warnings)};
  std::vector<std::string> duplicates;
  store_.transaction([&] {
    for (auto& part : decoded.parts) {
      auto& draft = part.draft;  // a plain reference: the lambda below cannot capture a binding
      draft.run.source_ref = fmt::format("{}#{}", fingerprint, part.index);
      if (metadata != nullptr) apply_metadata(*metadata, draft);
      if (const auto existing = store_.run_from_source(user_, draft.run.source_ref)) {
        duplicates.push_back(fmt::format("run #{}", existing->id.value));
        continue;
      }
      const auto nearby =
          store_.runs_starting_between(user_, draft.run.start.utc - options_.same_run_window,
                                       draft.run.start.utc + options_.same_run_window);
      const auto same = std::find_if(nearby.begin(), nearby.end(), [&](const Run& run) {
        return same_run(run, draft.run, {.window = options_.same_run_window});
      });
      if (same != nearby.end() && same->source == RunSource::manual) {
        // The runner typed this run in, then imported the watch's file: one run with the
        // watch's numbers, laps and track and the runner's own words and entry, under the
        // id the runner knows (what 'runs merge' makes of the two).
        Run merged = detail::combine_runs(draft.run, *same);
        merged.id = same->id;
        check_run(merged);
        forget_ground(store_, user_, merged.id);  // typed in: none, unless merged before
        store_.update_run(user_, merged);
        if (!draft.track.empty()) {
          save_run_track(store_, user_, merged, draft.track);
        } else {
          learn_ground(store_, user_, merged, store_.track(user_, merged.id));
        }
        report.runs.push_back(merged.id);
        report.merged.push_back(merged.id);
        report.warnings.push_back(fmt::format(
            "merged into run #{}, typed in before: the file's numbers and track, your words",
            merged.id.value));
        continue;
      }
      if (same != nearby.end()) {
        duplicates.push_back(fmt::format("the same run as #{}", same->id.value));
        continue;
      }
      check_run(draft.run);
      const Run run = store_.add_run(user_, draft.run);
      if (!draft.track.empty()) save_run_track(store_, user_, run, draft.track);
      attach_entry(run, draft);
      report.runs.push_back(run.id);
      if (!run.review.empty()) {
        report.review.push_back(fmt::format("run #{}: {}", run.id.value, run.review));
      }
    }
    store_.record_imported_file(user_, fingerprint, registry_name(name), options_.clock.now(),
                                static_cast<int>(report.runs.size()));
  });

  if (!report.runs.empty()) {
    report.outcome = ImportOutcome::imported;
  } else if (!duplicates.empty()) {
    report.outcome = ImportOutcome::already_there;
    report.reason = fmt::format("already there as {}", fmt::join(duplicates, ", "));
  } else {
    report.outcome = ImportOutcome::skipped;
    if (report.left_out.size() == 1) {
      report.reason = report.left_out.front();
    } else if (!report.left_out.empty()) {
      report.reason = fmt::format("no run in it: {}", fmt::join(report.left_out, "; "));
    } else {
      report.reason = formats::no_activity_reason(decoded.file);
    }
    say_seen_before(report);
  }
  return report;
}

std::optional<FileReport> Importer::already_imported(std::string_view name,
                                                     const std::string& fingerprint) const {
  const auto seen = store_.imported_file(user_, fingerprint);
  // A file that gave no run is judged again: Cairn may read it better now, and the runner
  // is told why it still gives none (see seen_before).
  if (!seen || seen->run_count == 0) return std::nullopt;
  const std::string when = imported_on(*seen);
  return FileReport{
      .name = std::string(name),
      .outcome = ImportOutcome::already_there,
      .reason = seen->name == registry_name(name)
                    ? fmt::format("this file was imported before ({})", when)
                    : fmt::format("the same file was imported before as {} ({})", seen->name, when),
      .runs = store_.runs_from_file(user_, fingerprint)};
}

FileReport Importer::import_bytes(std::string_view name, std::span<const std::byte> bytes,
                                  const ExportMetadata* metadata) {
  const std::string fingerprint = fingerprint_of(bytes);
  if (auto report = already_imported(name, fingerprint)) return std::move(*report);
  return store_decoded(name, fingerprint, metadata, decode(name, bytes, metadata));
}

void Importer::import_ahead(std::string name, std::vector<std::byte> bytes,
                            std::optional<ExportMetadata> metadata, ImportSummary& summary) {
  std::string fingerprint = fingerprint_of(bytes);
  if (auto report = already_imported(name, fingerprint)) {
    finish_pending(summary);  // reports stay in file order
    summary.files.push_back(std::move(*report));
    return;
  }
  auto next = std::make_unique<PendingFile>();
  next->name = std::move(name);
  next->fingerprint = std::move(fingerprint);
  next->metadata = std::move(metadata);
  if (pending_) {
    pending_->decoded.wait();
    if (pending_->track_points.load() > long_track_points) finish_pending(summary);
  }
  // The worker owns the bytes; the name and metadata live in `next`, which outlives it.
  next->decoded =
      std::async(std::launch::async, [this, file = next.get(), owned = std::move(bytes)] {
        try {
          DecodedFile decoded =
              decode(file->name, owned, file->metadata ? &*file->metadata : nullptr);
          std::size_t points = 0;
          for (const auto& part : decoded.parts) points += part.draft.track.size();
          file->track_points.store(points);
          return decoded;
        } catch (const std::exception& error) {
          // Out of memory on a huge file, say: that file failed, the import goes on.
          DecodedFile failed;
          failed.decided = FileReport{.name = file->name,
                                      .outcome = ImportOutcome::failed,
                                      .reason = fmt::format("cannot be read: {}", error.what())};
          return failed;
        }
      });
  finish_pending(summary);
  pending_ = std::move(next);
}

void Importer::finish_pending(ImportSummary& summary) {
  if (!pending_) return;
  const auto file = std::move(pending_);
  try {
    summary.files.push_back(store_decoded(file->name, file->fingerprint,
                                          file->metadata ? &*file->metadata : nullptr,
                                          file->decoded.get()));
  } catch (const Error& error) {
    // Reported against this file, not the next one being read; a database that fails stops
    // the import.
    if (error.code() == Errc::storage) throw;
    summary.files.push_back(
        FileReport{.name = file->name, .outcome = ImportOutcome::failed, .reason = error.what()});
  }
}

void Importer::attach_entry(const Run& run, const formats::RunDraft& draft) {
  // A standalone entry written around the run's time is the runner's entry about it.
  JournalService(store_, user_, options_.clock)
      .give_run_its_entry(run, {.energy_after = draft.energy_after, .effort = draft.effort},
                          entry_window);
}

struct Importer::Job {
  std::filesystem::path path;
  bool named = false;  // given by the runner, not found in a folder
};

void Importer::import_zip(const std::filesystem::path& path, ImportSummary& summary,
                          const ProgressCallback& progress, std::size_t& done, std::size_t& total) {
  const auto archive = formats::ZipArchive::open(
      path,
      {.max_entry_bytes = std::min(options_.max_archive_entry_bytes, options_.max_file_bytes)});
  // The archive's time budget grows with its size: a real export imports at megabytes a
  // second, far inside it; a small crafted archive cannot keep the import busy for hours.
  std::error_code ignored;
  const auto archive_mib = std::filesystem::file_size(path, ignored) / (std::uintmax_t{1} << 20U);
  const auto deadline =
      std::chrono::steady_clock::now() + options_.archive_time_base +
      options_.archive_time_per_mib * static_cast<std::int64_t>(ignored ? 0 : archive_mib);
  // A Strava export: activities.csv names each file in activities/. When it cannot be read
  // (damaged, or past its limits), the runs still import, without its titles and notes.
  std::optional<formats::CsvTable> csv;
  if (const auto* entry = archive.find("activities.csv")) {
    try {
      csv = read_export_csv(archive, *entry);
    } catch (const Error& error) {
      if (error.code() == Errc::storage) throw;
      finish_pending(summary);
      summary.files.push_back(FileReport{
          .name = fmt::format("{}:{}", path.string(), entry->name),
          .outcome = ImportOutcome::skipped,
          .reason = error.what(),
          .warnings = {"the runs are imported without its titles, notes and perceived exertion"}});
    }
  }
  // The export's row for each file name, found once (a lookup per file was quadratic).
  std::unordered_map<std::string_view, std::size_t> row_of_file;
  std::optional<ExportColumns> columns;
  if (csv) {
    columns.emplace(*csv);
    for (std::size_t row = 0; row < csv->row_count(); ++row) {
      // The first row for a name wins.
      row_of_file.emplace(csv->cell(row, columns->filename), row);
    }
  }
  std::vector<const formats::ZipEntry*> candidates;
  for (const auto& entry : archive.entries()) {
    if (!entry.is_directory && looks_like_activity_name(entry.name)) candidates.push_back(&entry);
    // Other entries (photos, JSON, the export's HTML) are passed over in silence, but an
    // archive inside the archive may hold the runs the runner expects: say so.
    if (!entry.is_directory && std::filesystem::path(entry.name).extension() == ".zip") {
      finish_pending(summary);
      summary.files.push_back(FileReport{
          .name = fmt::format("{}:{}", path.string(), entry.name),
          .outcome = ImportOutcome::skipped,
          .reason = "a zip archive inside the archive is not opened: unzip it, then import the "
                    "archive it holds"});
    }
  }
  total += candidates.size();
  // Once the archive's budget (bytes or time) is spent, the entries left are not read.
  std::optional<std::string> stopped;
  in_batches(store_, candidates.size(), [&](std::size_t index) {
    const auto* entry = candidates[index];
    const std::string name = fmt::format("{}:{}", path.string(), entry->name);
    if (progress) progress(ImportProgress{.done = done, .total = total, .current = name});
    ++done;
    if (stopped) return;
    const auto fail = [&](std::string reason) {
      finish_pending(summary);
      summary.files.push_back(
          FileReport{.name = name, .outcome = ImportOutcome::failed, .reason = std::move(reason)});
    };
    const std::size_t left = candidates.size() - index - 1;
    if (std::chrono::steady_clock::now() > deadline) {
      stopped = fmt::format(
          "the archive took longer than its time budget ({} s, and {} s per MiB of archive); "
          "this and its {} remaining entries were not read",
          options_.archive_time_base.count(), options_.archive_time_per_mib.count(), left);
      fail(*stopped);
      return;
    }
    std::optional<ExportMetadata> metadata;
    if (const auto row = row_of_file.find(entry->name); row != row_of_file.end()) {
      metadata = metadata_of(*csv, *columns, row->second);
    }
    std::vector<std::byte> bytes;
    try {
      bytes = archive.read(*entry);
    } catch (const Error& error) {
      if (error.code() == Errc::storage) throw;
      if (archive.exhausted()) {
        stopped = fmt::format("{}; its {} remaining entries were not read", error.what(), left);
      }
      fail(stopped.value_or(error.what()));
      return;
    }
    import_ahead(name, std::move(bytes), std::move(metadata), summary);
  });
  store_.transaction([&] { finish_pending(summary); });
}

ImportSummary Importer::import_paths(const std::vector<std::filesystem::path>& paths,
                                     const ProgressCallback& progress) {
  pending_.reset();  // a file left by an import that stopped on an error is not this one's
  // First the list of files, so progress can say how far along the import is.
  std::vector<Job> jobs;
  ImportSummary summary;
  for (const auto& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               path, std::filesystem::directory_options::skip_permission_denied, error);
           !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error) &&
            (looks_like_activity_name(it->path()) || it->path().extension() == ".zip")) {
          found.push_back(it->path());
        }
      }
      if (error) {
        summary.files.push_back(
            FileReport{.name = path.string(),
                       .outcome = ImportOutcome::failed,
                       .reason = fmt::format("cannot read the folder: {}", error.message())});
      }
      std::sort(found.begin(), found.end());
      for (auto& file : found) jobs.push_back(Job{.path = std::move(file), .named = false});
    } else {
      jobs.push_back(Job{.path = path, .named = true});
    }
  }
  std::size_t done = 0;
  std::size_t total = jobs.size();
  in_batches(store_, jobs.size(), [&](std::size_t index) {
    const Job& job = jobs[index];
    const std::string name = job.path.string();
    if (progress) progress(ImportProgress{.done = done, .total = total, .current = name});
    try {
      if (is_zip(job.path)) {
        --total;  // the archive counts as its entries
        import_zip(job.path, summary, progress, done, total);
        return;
      }
      ++done;
      import_ahead(name, read_file_bytes(job.path, options_.max_file_bytes), std::nullopt, summary);
    } catch (const Error& error) {
      if (error.code() == Errc::storage) throw;
      finish_pending(summary);
      summary.files.push_back(
          FileReport{.name = name, .outcome = ImportOutcome::failed, .reason = error.what()});
    }
  });
  store_.transaction([&] { finish_pending(summary); });
  if (progress) progress(ImportProgress{.done = total, .total = total, .current = {}});
  return summary;
}

ActivityZone zone_of_activity(const formats::Activity& activity, const std::string& home_zone) {
  const auto first = std::find_if(
      activity.samples.begin(), activity.samples.end(),
      [](const formats::Sample& sample) { return sample.latitude_deg && sample.longitude_deg; });
  if (first == activity.samples.end()) return {.zone = home_zone};
  const auto& data = geozone::installed();
  if (data.map == nullptr) return {.zone = home_zone, .data_missing = true};
  auto zone = data.map->zone_at(*first->latitude_deg, *first->longitude_deg);
  if (!zone) return {.zone = home_zone};
  try {
    // The boundary data can name a zone newer than the system's tz database.
    check_zone(*zone);
  } catch (const Error&) {
    return {.zone = home_zone};
  }
  return {.zone = std::move(*zone), .from_position = true};
}

std::optional<std::string> Importer::zone_data_note() const {
  if (!zone_data_missing_) return std::nullopt;
  return fmt::format(
      "runs whose files hold positions but no time zone are shown in your home zone, {}: the "
      "time-zone boundary data is not installed (scripts/install-deps installs it; "
      "CAIRN_TZ_DATA names its folder): {}",
      zone_, geozone::installed().problem);
}

}  // namespace cairn::app
