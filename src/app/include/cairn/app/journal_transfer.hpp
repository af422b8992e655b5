#pragma once
/// \file
/// Getting a whole journal out and back in: the export in its three formats and the
/// restore of a JSON export, as use cases over a Store (the CLI's export and import-json,
/// and the HTTP API's downloads and restore).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "cairn/core/ids.hpp"
#include "cairn/core/journal_data.hpp"
#include "cairn/core/units.hpp"
#include "cairn/store/store.hpp"

namespace cairn::app {

enum class ExportFormat : std::uint8_t {
  json,      ///< everything, tracks included: what a restore reads
  csv,       ///< one row per run, for a spreadsheet
  markdown,  ///< the journal to read
};

/// "json", "csv", "markdown" or "md", in any case; else Error(invalid_input, field "format").
[[nodiscard]] ExportFormat parse_export_format(std::string_view name);

/// An export's text and what it holds.
struct JournalExport {
  std::string text{};
  std::size_t runs = 0;
  std::size_t entries = 0;
};

/// The user's whole journal in `format`; distances and paces of csv and markdown in `units`.
[[nodiscard]] JournalExport export_journal(const store::Store& store, UserId user,
                                           ExportFormat format, UnitSystem units);

/// How much a restore brought back.
struct RestoredJournal {
  std::size_t values = 0;
  std::size_t runs = 0;
  std::size_t tracks = 0;
  std::size_t entries = 0;
  std::size_t experiments = 0;
  std::size_t checkins = 0;
  std::size_t imported_files = 0;
};

/// Reads an export file for restore_export. Its start is checked before the file is read
/// whole, so a file of zeros or a disk image is refused at once; errors name the path.
[[nodiscard]] std::string read_export_file(const std::filesystem::path& path);

/// Reads a JSON export (exchange::import_json), touching no database: a file that is not
/// one is refused before anything is opened or created.
[[nodiscard]] JournalData parse_export(std::string_view text);

/// Restores a parsed export into the user's journal, which must be empty (Error(conflict)
/// otherwise). Every object and reference is checked first (check_journal_data); nothing
/// is written when any part is refused.
RestoredJournal restore_export(store::Store& store, UserId user, const JournalData& data);

}  // namespace cairn::app
