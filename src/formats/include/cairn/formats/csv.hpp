#pragma once
/// \file
/// Reading CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), as in
/// Strava's activities.csv, within limits that bound its memory whatever the text holds.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::formats {

/// What CsvTable::parse reads and keeps. The defaults fit a Strava export (about 90 columns,
/// one row per activity) many times over.
struct CsvOptions {
  std::size_t max_rows = 200'000;  ///< rows under the header
  std::size_t max_fields = 1'000;  ///< fields in any one row, the header's included
  std::size_t max_field_bytes = std::size_t{1} << 20;  ///< bytes of any one field
  /// The columns to keep, by header name; every other column is read (and checked against
  /// the limits) but not kept. Empty keeps every column. Keeping a few columns bounds the
  /// memory by rows times those columns, however many fields a row holds.
  std::vector<std::string> columns = {};
};

/// A CSV table: a header row and the rows under it, cells looked up by column.
class CsvTable {
 public:
  /// A column of the table, found once by name (column()) and then read in constant time.
  struct Column {
    std::size_t index = 0;  ///< among the kept columns
  };

  /// Parses `text` (a UTF-8 byte-order mark is skipped; CRLF or LF line ends). Throws
  /// Error(corrupt_file) naming the line of an unterminated quoted field, and
  /// Error(invalid_input) naming the limit and the line when there are more rows than
  /// `max_rows`, a row with more fields than `max_fields` or a field longer than
  /// `max_field_bytes`. Linear in the text.
  [[nodiscard]] static CsvTable parse(std::string_view text, const CsvOptions& options = {});

  /// Every column name of the header row, kept or not.
  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  [[nodiscard]] std::size_t row_count() const { return rows_.size(); }
  /// The first kept column with this name, or nothing. Linear in the header: look a column
  /// up once, not once per row.
  [[nodiscard]] std::optional<Column> column(std::string_view name) const;
  /// The cell of `row` in `column`; empty when the row is shorter or `column` is nothing.
  [[nodiscard]] std::string_view cell(std::size_t row, std::optional<Column> column) const;
  /// cell(row, column(name)): for a lookup or two, not for every row of a long table.
  [[nodiscard]] std::string_view cell(std::size_t row, std::string_view name) const {
    return cell(row, column(name));
  }

 private:
  std::vector<std::string> header_;
  std::vector<std::string> kept_names_;         // the header name of each kept column
  std::vector<std::vector<std::string>> rows_;  // the kept cells of each row
};

}  // namespace cairn::formats
