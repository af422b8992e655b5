#pragma once
// Plain-text tables that read well in a terminal: a header, a rule, columns padded to the
// widest cell (counting characters, not bytes, so names with accents line up).

#include <ostream>
#include <string>
#include <vector>

namespace cairn::cli {

class Table {
 public:
  enum class Align : std::uint8_t { left, right };

  struct Column {
    std::string title;
    Align align = Align::left;
  };

  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

  /// Adds a row; missing cells are blank, extra cells are an error in the caller. Control
  /// characters in a cell are shown as escapes (visible()), so any text can be a cell.
  void add_row(std::vector<std::string> cells);
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  void print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Cuts `text` to at most `width` terminal columns, ending in "…" when cut; first line only.
[[nodiscard]] std::string shorten(const std::string& text, std::size_t width);

}  // namespace cairn::cli
