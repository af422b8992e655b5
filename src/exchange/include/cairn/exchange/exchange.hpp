#pragma once
/// \file
/// Export of a runner's whole data set (JSON to restore from, CSV of runs for spreadsheets,
/// a Markdown journal to read) and import of the JSON export.

#include <string>
#include <string_view>

#include "cairn/core/journal_data.hpp"
#include "cairn/core/units.hpp"

namespace cairn::exchange {

/// The `format_version` export_json writes and the newest import_json reads. Version 2 added
/// `imported_files` and `tracks`; import_json still reads version 1 (without them).
inline constexpr int export_format_version = 2;

/// Everything in `data` as pretty-printed JSON (2-space indent, UTF-8): an object with
/// `"format": "cairn-export"`, `"format_version": 2`, then settings, values, value_history,
/// reviews, runs, entries, experiments, checkins, imported_files ({fingerprint, name,
/// imported_at, run_count}) and tracks. Deterministic: the same data gives the same bytes
/// (there is no export timestamp). Field names carry units (`distance_m`, `elapsed_s`),
/// dates are "YYYY-MM-DD", instants "YYYY-MM-DDTHH:MM:SSZ", times of runs and entries
/// {"utc", "zone", "local"} (local is informational), enumerations their stable names, ids
/// integers; an absent optional is written as null. Doubles round-trip exactly. Bytes of
/// text that are not UTF-8 are written as U+FFFD rather than failing the export.
///
/// Each track is one object by columns, each column on one line: `run_id`, `offset_s` (one
/// number per point), then `latitude_deg`, `longitude_deg`, `altitude_m`, `distance_m`,
/// `heart_rate_bpm` and `cadence_spm`, each an array with a number or null per point, or
/// null when no point has that measurement.
[[nodiscard]] std::string export_json(const JournalData& data);

/// Reads an export_json document back: import_json(export_json(d)) == d for data whose
/// text is UTF-8, whose dates are real, whose zones are known and whose tracks each have
/// points (of runs in `d`).
///
/// Optional fields may be null or left out; every other field is required and unknown
/// fields are rejected, so a typo cannot drop data silently. Throws Error(invalid_input)
/// naming the JSON path when the text is not JSON, not a Cairn export, or holds a wrong
/// type, a missing field, an unknown name, an impossible date or an unknown time zone, a
/// track whose columns differ in length, holds a value out of range or belongs to no run of
/// the file (or a run's second track), or an imported file listed twice, e.g.
/// "export JSON invalid at runs[3].distance_m: expected a number", or arrays and objects
/// nested deeper than max_json_depth (cairn/exchange/json.hpp), e.g. "export JSON nested
/// deeper than 64 levels at byte 70", checked before parsing; throws
/// Error(unsupported) for an export from a newer Cairn (format_version above
/// export_format_version). Checks the shape only: domain rules (rating scales, which values
/// were active) are for the caller, e.g. through the store's restore.
[[nodiscard]] JournalData import_json(std::string_view text);

/// One CSV cell as every CSV Cairn writes it. RFC 4180: a cell holding a comma, quote, CR
/// or LF is quoted, its quotes doubled. Against formula injection (OWASP), a cell beginning
/// with `=`, `+`, `-`, `@`, a tab or a CR that is not a plain number ("-12.5") is quoted with
/// a single quote in front (`=1+2` is written `"'=1+2"`), so a spreadsheet shows it as text
/// and never evaluates it. Every other cell is written as it is.
[[nodiscard]] std::string csv_field(std::string_view text);

/// The runs as CSV, every cell written by csv_field (CRLF line ends), ordered by start: a header
/// row, then one row per run with its numbers in `units` (distance_km/distance_mi,
/// pace_per_km/pace_per_mi as "5:12") and, when the run has a journal entry, that entry's
/// enjoyment, moods and effort. Absent values are empty.
[[nodiscard]] std::string export_runs_csv(const JournalData& data, UnitSystem units);

/// A readable Markdown journal: the current values, their history, each journal entry in
/// date order with its run's numbers in `units`, feelings, motive, context, alignment per
/// value and free text, then experiments and check-ins. Runner-provided text is kept as
/// written except that it cannot start a heading or block of its own, and is inert where the
/// Markdown is rendered: `<` is escaped (no inline HTML), an inline link to anything but an
/// http, https or mailto address loses its link syntax, no line defines a link reference.
[[nodiscard]] std::string export_markdown(const JournalData& data, UnitSystem units);

}  // namespace cairn::exchange
