// Fuzz target: the CSV writer's escaping (csv_field, which every CSV Cairn writes goes
// through). Any text must come back whole through an RFC 4180 reader, with at most a leading
// single quote added, and no cell may begin with what makes a spreadsheet evaluate it
// (= + - @ tab CR) unless it is a plain number. A broken property aborts.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cairn/exchange/exchange.hpp"
#include "cairn/formats/csv.hpp"

namespace {

bool plain_number(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  return !text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string cell = cairn::exchange::csv_field(text);
  // The cell as a spreadsheet sees it: unquoted, its doubled quotes single.
  const auto table =
      cairn::formats::CsvTable::parse("a,b\n" + cell + ",end\n", {.max_field_bytes = size + 16});
  if (table.row_count() != 1 || table.cell(0, "b") != "end") std::abort();
  const std::string_view read = table.cell(0, "a");
  if (read != text && read != "'" + std::string(text)) std::abort();
  const bool evaluated =
      !read.empty() && std::string_view("=+-@\t\r").find(read.front()) != std::string_view::npos;
  if (evaluated && !plain_number(read)) std::abort();
  return 0;
}
