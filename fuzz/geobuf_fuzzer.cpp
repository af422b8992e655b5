// Fuzz target: the geobuf tile reader of the time-zone lookup (src/geozone). Its input is
// the installed boundary data, but a damaged install must give no zone, never a crash: no
// exception may leave zone_in_tile, and a sanitizer report is a bug.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "geobuf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libFuzzer's bytes as chars
  const std::string_view tile(reinterpret_cast<const char*>(data), size);
  // Prague, null island, a corner of the world: the seeds' tiles hold the first.
  constexpr std::array<std::pair<double, double>, 3> points = {
      {{50.0875, 14.4213}, {0.0, 0.0}, {-89.9999, 179.9999}}};
  for (const auto& [latitude, longitude] : points) {
    static_cast<void>(cairn::geozone::zone_in_tile(tile, latitude, longitude));
  }
  return 0;
}
