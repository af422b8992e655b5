#include "cairn/formats/csv.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

constexpr std::size_t dropped = std::numeric_limits<std::size_t>::max();

// Splits the text into records one field at a time, checking the limits as it goes, and
// hands each finished field to a sink with its column number.
class Reader {
 public:
  Reader(std::string_view text, const CsvOptions& options) : text_(text), options_(options) {}

  // Calls field(column, text) for every field and end_record(fields) after every record
  // (blank lines are none). Stops early when end_record returns false.
  template <class Field, class EndRecord>
  void read(Field&& field_sink, EndRecord&& end_record) {
    bool quoted = false;
    bool field_started = false;
    std::size_t quote_line = 0;
    std::size_t column = 0;
    const auto end_field = [&] {
      if (column >= options_.max_fields) {
        throw Error(Errc::invalid_input,
                    fmt::format("CSV line {} has more than {} fields", line_, options_.max_fields));
      }
      field_sink(column, field_);
      ++column;
      field_.clear();
      field_started = false;
    };
    const auto finish_record = [&] {
      if (column == 0 && field_.empty() && !field_started) return true;  // a blank line
      end_field();
      const std::size_t fields = column;
      column = 0;
      return end_record(fields);
    };
    const auto append = [&](char c) {
      if (field_.size() >= options_.max_field_bytes) {
        throw Error(Errc::invalid_input, fmt::format("CSV line {} has a field longer than {} bytes",
                                                     line_, options_.max_field_bytes));
      }
      field_ += c;
    };
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const char c = text_[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text_.size() && text_[i + 1] == '"') {
            append('"');
            ++i;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          append(c);
        }
        continue;
      }
      switch (c) {
        case '"':
          if (!field_started && field_.empty()) {
            quoted = true;
            quote_line = line_;
          } else {
            append(c);  // a stray quote inside an unquoted field is kept as written
          }
          field_started = true;
          break;
        case ',':
          end_field();
          break;
        case '\r':
          break;
        case '\n':
          if (!finish_record()) return;
          ++line_;
          break;
        default:
          append(c);
          field_started = true;
          break;
      }
    }
    if (quoted) {
      throw Error(Errc::corrupt_file,
                  fmt::format("CSV quoted field opened at line {} never ends", quote_line));
    }
    if (field_started || !field_.empty() || column > 0) finish_record();
  }

  [[nodiscard]] std::size_t line() const { return line_; }

 private:
  std::string_view text_;
  const CsvOptions& options_;
  std::string field_;
  std::size_t line_ = 1;
};

}  // namespace

CsvTable CsvTable::parse(std::string_view text, const CsvOptions& options) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  Reader reader(text, options);
  // Where each column of the text goes among the kept ones (dropped when not kept).
  std::vector<std::size_t> slot_of_column;
  std::vector<std::string> cells;
  bool in_header = true;
  reader.read(
      [&](std::size_t column, std::string& field) {
        if (in_header) {
          table.header_.push_back(std::move(field));
        } else if (column < slot_of_column.size() && slot_of_column[column] != dropped) {
          cells[slot_of_column[column]] = std::move(field);
        }
      },
      [&](std::size_t /*fields*/) {
        if (in_header) {
          in_header = false;
          slot_of_column.assign(table.header_.size(), dropped);
          for (std::size_t i = 0; i < table.header_.size(); ++i) {
            const auto& name = table.header_[i];
            const bool wanted = options.columns.empty() ||
                                std::find(options.columns.begin(), options.columns.end(), name) !=
                                    options.columns.end();
            if (wanted) {
              slot_of_column[i] = table.kept_names_.size();
              table.kept_names_.push_back(name);
            }
          }
          cells.assign(table.kept_names_.size(), std::string());
          return true;
        }
        if (table.rows_.size() >= options.max_rows) {
          throw Error(Errc::invalid_input, fmt::format("CSV has more than {} rows (at line {})",
                                                       options.max_rows, reader.line()));
        }
        table.rows_.push_back(std::move(cells));
        cells.assign(table.kept_names_.size(), std::string());
        return true;
      });
  return table;
}

std::optional<CsvTable::Column> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < kept_names_.size(); ++i) {
    if (kept_names_[i] == name) return Column{.index = i};
  }
  return std::nullopt;
}

std::string_view CsvTable::cell(std::size_t row, std::optional<Column> column) const {
  if (!column || row >= rows_.size()) return {};
  return rows_[row][column->index];
}

}  // namespace cairn::formats
