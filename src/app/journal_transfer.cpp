#include "cairn/app/journal_transfer.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include <fmt/format.h>

#include "cairn/app/file_bytes.hpp"
#include "cairn/app/route_ground.hpp"
#include "cairn/core/error.hpp"
#include "cairn/exchange/exchange.hpp"
#include "cairn/exchange/json.hpp"

namespace cairn::app {

ExportFormat parse_export_format(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "json") return ExportFormat::json;
  if (lower == "csv") return ExportFormat::csv;
  if (lower == "markdown" || lower == "md") return ExportFormat::markdown;
  throw Error(Errc::invalid_input,
              fmt::format("unknown export format '{}': expected json, csv or markdown", name),
              "format");
}

JournalExport export_journal(const store::Store& store, UserId user, ExportFormat format,
                             UnitSystem units) {
  const JournalData data = store.load_all(user);
  JournalExport result{.runs = data.runs.size(), .entries = data.entries.size()};
  switch (format) {
    case ExportFormat::json:
      result.text = exchange::export_json(data);
      break;
    case ExportFormat::csv:
      result.text = exchange::export_runs_csv(data, units);
      break;
    case ExportFormat::markdown:
      result.text = exchange::export_markdown(data, units);
      break;
  }
  return result;
}

std::string read_export_file(const std::filesystem::path& path) {
  // A journal export is text of a few megabytes; the limit only stops a wrong path (a disk
  // image, /dev/zero) from filling memory.
  constexpr std::size_t max_export_bytes = std::size_t{4} * 1024 * 1024 * 1024;
  try {
    {
      // The start first: a file of zeros or a disk image is refused before it is read whole.
      std::ifstream file(path, std::ios::binary);
      std::string head(std::size_t{64} * 1024, '\0');
      file.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, file.gcount())));
      if (file || !head.empty()) exchange::check_export_start(head);
    }
    const auto bytes = read_file_bytes(path, max_export_bytes);
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  } catch (const Error& error) {
    throw Error(error.code(), fmt::format("{}: {}", path.string(), error.what()), error.field());
  }
}

JournalData parse_export(std::string_view text) { return exchange::import_json(text); }

RestoredJournal restore_export(store::Store& store, UserId user, const JournalData& data) {
  check_journal_data(data);  // the store keeps what it is given
  store.transaction([&] {
    store.restore_all(user, data);
    rebuild_ground(store, user);  // derived from the tracks, never exported
  });
  return RestoredJournal{.values = data.values.size(),
                         .runs = data.runs.size(),
                         .tracks = data.tracks.size(),
                         .entries = data.entries.size(),
                         .experiments = data.experiments.size(),
                         .checkins = data.checkins.size(),
                         .imported_files = data.imported_files.size()};
}

}  // namespace cairn::app
