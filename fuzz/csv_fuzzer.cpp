// Fuzz target: the CSV reader as the Strava import uses it (activities.csv), including the
// lookups by column name. Only cairn::Error may leave it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cairn/core/error.hpp"
#include "cairn/formats/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = cairn::formats::CsvTable::parse(
        text, {.max_rows = 10'000, .columns = {"Filename", "Activity Name", "Perceived Exertion"}});
    const auto filename = table.column("Filename");
    const auto name = table.column("Activity Name");
    for (std::size_t row = 0; row < table.row_count(); ++row) {
      static_cast<void>(table.cell(row, filename));
      static_cast<void>(table.cell(row, name));
      static_cast<void>(table.cell(row, "Perceived Exertion"));
    }
  } catch (const cairn::Error&) {
  }
  return 0;
}
