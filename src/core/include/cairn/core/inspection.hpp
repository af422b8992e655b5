#pragma once
/// \file
/// What an activity file holds and what an import would make of it, read without storing
/// anything: `cairn inspect` (and later the API's inspect route) renders this, in the shape
/// of cairn::exchange::to_json.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cairn/core/run.hpp"

namespace cairn {

/// A developer field a FIT file carries (a Stryd's power, a CIQ app's numbers).
struct InspectedField {
  std::string name;
  std::string units;
  std::size_t count = 0;
};

/// One activity of a file and what an import would make of it.
struct InspectedActivity {
  std::string sport;      ///< as the file names it ("running"), empty when it names none
  std::string sub_sport;  ///< "trail", "treadmill", ...
  std::size_t points = 0;
  std::size_t laps = 0;
  std::string device;  ///< maker and product
  /// The run an import would store (the same decision: formats::make_outcome), or nothing.
  std::optional<Run> run;
  std::vector<std::string> notes;  ///< what was done to the file's numbers on the way
  std::string not_a_run;           ///< why it would not be imported, when `run` is empty
  std::vector<InspectedField> developer_fields;
};

/// One file: what it is and holds, or why it cannot be read.
struct FileInspection {
  std::string path;
  std::string error;   ///< non-empty when the file cannot be read; nothing else is set then
  std::string format;  ///< "fit", "gpx", "tcx"
  std::string type;    ///< "activity", "course", ...
  std::string manufacturer;
  std::string product;
  std::string creator;
  std::string no_activity_reason;  ///< why a file with no activity has none
  std::vector<InspectedActivity> activities;
  std::vector<std::string> warnings;
};

}  // namespace cairn
