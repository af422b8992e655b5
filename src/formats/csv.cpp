#include "cairn/formats/csv.hpp"

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {

CsvTable CsvTable::parse(std::string_view text, std::size_t max_rows) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  std::size_t line = 1;
  std::size_t quote_line = 0;
  const auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  const auto end_record = [&] {
    end_field();
    // A blank line is no record.
    if (!(record.size() == 1 && record[0].empty())) {
      if (records.size() > max_rows) {
        throw Error(Errc::invalid_input, fmt::format("CSV has more than {} rows", max_rows));
      }
      records.push_back(std::move(record));
    }
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field_started && field.empty()) {
          quoted = true;
          quote_line = line;
        } else {
          field += c;  // a stray quote inside an unquoted field is kept as written
        }
        field_started = true;
        break;
      case ',':
        end_field();
        break;
      case '\r':
        break;
      case '\n':
        end_record();
        ++line;
        break;
      default:
        field += c;
        field_started = true;
        break;
    }
  }
  if (quoted) {
    throw Error(Errc::corrupt_file,
                fmt::format("CSV quoted field opened at line {} never ends", quote_line));
  }
  if (field_started || !field.empty() || !record.empty()) end_record();

  CsvTable table;
  if (!records.empty()) {
    table.header_ = std::move(records.front());
    table.rows_.assign(std::make_move_iterator(records.begin() + 1),
                       std::make_move_iterator(records.end()));
  }
  return table;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

std::string_view CsvTable::cell(std::size_t row, std::string_view name) const {
  const auto index = column(name);
  if (!index || row >= rows_.size() || *index >= rows_[row].size()) return {};
  return rows_[row][*index];
}

}  // namespace cairn::formats
