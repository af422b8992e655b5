#pragma once
/// \file
/// What a generated demo journal holds once written: the report `cairn demo` prints and its
/// `--json` (and later the HTTP API) carries, in the shape of cairn::exchange::to_json.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cairn/core/time.hpp"
#include "cairn/core/value.hpp"

namespace cairn {

struct DemoReport {
  std::uint64_t seed = 0;
  int years = 0;
  int runs_per_week = 0;
  LocalDate as_of{};      ///< the day the journal leads up to
  LocalDate first_run{};  ///< the date of the first run
  LocalDate last_run{};   ///< the date of the last run
  std::size_t values = 0;
  std::size_t value_changes = 0;
  std::size_t reviews = 0;
  std::size_t runs = 0;
  std::size_t tracks = 0;  ///< runs with a GPS track
  std::size_t track_points = 0;
  std::size_t entries = 0;
  std::size_t experiments = 0;
  std::size_t checkins = 0;
  std::size_t imported_files = 0;
  /// The values in force on `as_of`, most important first.
  std::vector<Value> values_in_force{};
};

}  // namespace cairn
