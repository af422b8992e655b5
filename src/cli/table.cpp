#include "table.hpp"

#include <algorithm>
#include <cassert>

#include "terminal_text.hpp"

namespace cairn::cli {

std::string shorten(const std::string& text, std::size_t width) {
  std::string line = text.substr(0, text.find('\n'));
  if (display_width(line) <= width && line.size() == text.size()) return line;
  return cut_to_width(line, width == 0 ? 0 : width - 1) + "…";  // "…" takes one column
}

void Table::add_row(std::vector<std::string> cells) {
  assert(cells.size() <= columns_.size() && "more cells than columns");
  cells.resize(columns_.size());
  for (auto& cell : cells) cell = visible(cell);
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = display_width(columns_[c].title);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  const auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::size_t pad = widths[c] - display_width(cells[c]);
      if (c > 0) line += "  ";
      if (columns_[c].align == Align::right) line.append(pad, ' ');
      line += cells[c];
      if (columns_[c].align == Align::left && c + 1 < cells.size()) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  std::vector<std::string> titles;
  std::vector<std::string> rules;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    titles.push_back(columns_[c].title);
    std::string rule;
    for (std::size_t i = 0; i < widths[c]; ++i) rule += "─";
    rules.push_back(rule);
  }
  print_row(titles);
  print_row(rules);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace cairn::cli
