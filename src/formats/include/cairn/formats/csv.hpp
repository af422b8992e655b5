#pragma once
/// \file
/// Reading CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), as in
/// Strava's activities.csv.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::formats {

/// A CSV table: a header row and the rows under it, cells looked up by column name.
class CsvTable {
 public:
  /// Parses `text` (a UTF-8 byte-order mark is skipped; CRLF or LF line ends). Throws
  /// Error(corrupt_file) naming the line of an unterminated quoted field, and
  /// Error(invalid_input) when there are more than `max_rows` rows.
  [[nodiscard]] static CsvTable parse(std::string_view text, std::size_t max_rows = 1'000'000);

  [[nodiscard]] const std::vector<std::string>& header() const { return header_; }
  [[nodiscard]] std::size_t row_count() const { return rows_.size(); }
  [[nodiscard]] const std::vector<std::string>& row(std::size_t index) const {
    return rows_[index];
  }
  /// Index of the first column with this name, or nothing.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
  /// The cell of `row` in the first column called `name`; empty when either is missing.
  [[nodiscard]] std::string_view cell(std::size_t row, std::string_view name) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace cairn::formats
