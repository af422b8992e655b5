#pragma once
/// \file
/// The JSON shape of each domain object exactly as export_json writes it, so other JSON
/// output (the CLI's --json, later the HTTP API) uses the same fields and units.

#include <nlohmann/json_fwd.hpp>

#include "cairn/core/checkin.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/review.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/value.hpp"

namespace cairn::exchange {

/// One object of the export's `values` list.
[[nodiscard]] nlohmann::ordered_json to_json(const Value& value);
/// One object of `value_history`; `after` holds the value as to_json(Value) writes it.
[[nodiscard]] nlohmann::ordered_json to_json(const ValueEvent& event);
/// One object of `reviews`.
[[nodiscard]] nlohmann::ordered_json to_json(const Review& review);
/// One object of `runs`: `distance_m`, `elapsed_s`, `start` as {utc, zone, local}, ...
[[nodiscard]] nlohmann::ordered_json to_json(const Run& run);
/// One object of `entries`.
[[nodiscard]] nlohmann::ordered_json to_json(const JournalEntry& entry);
/// One object of `experiments`.
[[nodiscard]] nlohmann::ordered_json to_json(const Experiment& experiment);
/// One object of `checkins`.
[[nodiscard]] nlohmann::ordered_json to_json(const CheckIn& checkin);

}  // namespace cairn::exchange
