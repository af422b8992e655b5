#pragma once
/// \file
/// Request bodies of the HTTP API: the export's JSON shapes (json.hpp) of objects the runner
/// creates, without what Cairn sets itself (ids, when a thing was written), with the fields
/// a person would leave out filled with their defaults. Every error names the JSON path of
/// its field, as from_json does.

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "cairn/core/checkin.hpp"
#include "cairn/core/clock.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/review.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/value.hpp"

namespace cairn::exchange {

/// Parses a request body as JSON, nested at most max_json_depth levels, each object's keys
/// given once. Throws Error(invalid_input) "request body is not valid JSON: ...", naming the
/// depth, or naming a key given twice (the field is its path: `importance`, `start.zone`,
/// `laps[1].distance_m`).
[[nodiscard]] nlohmann::ordered_json parse_json_body(std::string_view text);

/// Throws Error(invalid_input) naming the member unless `json` is an object that has no
/// member `field` (an `id`, `written_at`: what Cairn sets, never the client).
void refuse_member(const nlohmann::ordered_json& json, std::string_view field,
                   std::string_view why);

/// A new value: `name` and `importance` required; `description`, `why`, `link`,
/// `practices`, `catalogue_key` optional; `active` true unless given.
[[nodiscard]] Value new_value_from_json(const nlohmann::ordered_json& json);

/// A new run: `start` as {utc, zone} or {local, zone} (a wall-clock time in the zone, as
/// "2026-05-01T07:30" or with seconds); `sport` "run", `source` "manual" and the texts empty
/// unless given; `laps` none unless given.
[[nodiscard]] Run new_run_from_json(const nlohmann::ordered_json& json);

/// A new journal entry: `at` (as a run's `start`) may be left out when `run_id` names the
/// run; `written_at` is `now`; the feelings, alignments, motive, context and text are
/// empty unless given.
[[nodiscard]] JournalEntry new_entry_from_json(const nlohmann::ordered_json& json, Timestamp now,
                                               std::string_view zone);

/// A new experiment: `value_id`, `practice`, `starts_on`, `ends_on`; `question` and `goal`
/// optional; what only its end sets (`ended_on`, `reflection`, `decision`) and its runs
/// (tagged later) are refused.
[[nodiscard]] Experiment new_experiment_from_json(const nlohmann::ordered_json& json);

/// A new check-in: `on`; `areas`, `motivation` and `note` empty unless given; `written_at`
/// is `now`.
[[nodiscard]] CheckIn new_checkin_from_json(const nlohmann::ordered_json& json, Timestamp now);

/// A new review: `on`, `trigger` and `notes` (empty unless given); `written_at` is `now`.
[[nodiscard]] Review new_review_from_json(const nlohmann::ordered_json& json, Timestamp now);

/// Changes to stored objects, as a JSON merge patch (RFC 7396) on their export shape: the
/// members given replace the stored ones, a null removes an optional one, the rest stay.
/// An `id` other than the stored one is refused. A run's `start` or an entry's `at` given
/// as {local, zone} is read as for a new one.
[[nodiscard]] Run patched_run(const Run& stored, const nlohmann::ordered_json& patch);
/// As patched_run; `written_at` becomes `now`.
[[nodiscard]] JournalEntry patched_entry(const JournalEntry& stored,
                                         const nlohmann::ordered_json& patch, Timestamp now);
/// As patched_run.
[[nodiscard]] Value patched_value(const Value& stored, const nlohmann::ordered_json& patch);

}  // namespace cairn::exchange
