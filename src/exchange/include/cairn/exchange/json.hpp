#pragma once
/// \file
/// The JSON shape of each domain object exactly as export_json writes it, so other JSON
/// output (the CLI's --json, later the HTTP API) uses the same fields and units.

#include <cstddef>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cairn/core/checkin.hpp"
#include "cairn/core/demo_report.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/import_report.hpp"
#include "cairn/core/inspection.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/review.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/core/value.hpp"
#include "cairn/insights/insights.hpp"

namespace cairn::exchange {

/// The deepest nesting of arrays and objects Cairn reads in any JSON (the export nests 5
/// levels deep; a request body fewer).
inline constexpr std::size_t max_json_depth = 64;

/// Checks, before any JSON text is parsed, that its arrays and objects nest at most
/// `max_depth` levels deep: the JSON library parses and frees nested values recursively, so
/// deeper text could overflow the stack. Linear in the text, allocates nothing; brackets
/// inside strings do not count. Throws Error(invalid_input) naming `what`, the limit and the
/// byte offset of the first bracket past it, e.g. "export JSON nested deeper than 64 levels
/// at byte 64". Does not check that the text is JSON.
void check_json_depth(std::string_view text, std::size_t max_depth, std::string_view what);

/// Throws Error(invalid_input) unless `head`, the first bytes of a file, could start a Cairn
/// export: a JSON object (after an optional byte-order mark and whitespace) of text without
/// NUL bytes. Lets a reader refuse a disk image or a file of zeros before reading it whole.
void check_export_start(std::string_view head);

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
/// An experiment's `goal`: `kind` and the members of that kind only (`distance_m`,
/// `seconds`, `pace_s_per_km` with `distance_m`, `runs_per_week`, `cue` with `cue_target`).
[[nodiscard]] nlohmann::ordered_json to_json(const ExperimentGoal& goal);
/// One object of `checkins`.
[[nodiscard]] nlohmann::ordered_json to_json(const CheckIn& checkin);
/// One object of `tracks`: `run_id`, `offset_s` and one column per measurement
/// (`latitude_deg`, `longitude_deg`, `altitude_m`, `distance_m`, `heart_rate_bpm`,
/// `cadence_spm`), each null when no point has it.
[[nodiscard]] nlohmann::ordered_json to_json(RunId run, const std::vector<TrackPoint>& track);
/// One split of a run: `number`, `distance_m`, `elapsed_s`, `pace_s_per_km`,
/// `avg_heart_rate_bpm` (the last two null when unknown).
[[nodiscard]] nlohmann::ordered_json to_json(const Split& split);

/// A run with its journal entry (`{"run": ..., "entry": ... or null}`), as `log`, `runs
/// show` and `runs edit` answer.
[[nodiscard]] nlohmann::ordered_json to_json(const Run& run, const JournalEntry* entry);
/// One entry of the starting catalogue: `key`, `name`, `description`, `link`, `practice`.
[[nodiscard]] nlohmann::ordered_json to_json(const CatalogueValue& value);
/// What an import did with one file: `file`, `outcome`, `reason`, `run_ids`,
/// `merged_run_ids` (of `run_ids`, runs typed in before that took the file's numbers),
/// `left_out`, `review`, `warnings`.
[[nodiscard]] nlohmann::ordered_json to_json(const FileReport& report);
/// A whole import: the count of files per outcome (`imported`, `already_there`, `skipped`,
/// `failed`) and `files`, one report each.
[[nodiscard]] nlohmann::ordered_json to_json(const ImportSummary& summary);
/// What a file holds: `file`, then `error` alone when it cannot be read, else `format`,
/// `type`, `manufacturer`, `product`, `activities` (each with `is_run` and, for a run, the
/// numbers an import would store) and `warnings`.
[[nodiscard]] nlohmann::ordered_json to_json(const FileInspection& inspection);

/// What `cairn insights --json` prints: `as_of`, `value_effects`, `context_effects`,
/// `prompts`, `experiments`, `importance_vs_lived`, `motivation`, `mood_lift`, `volume`
/// (docs/insights.md has every field).
[[nodiscard]] nlohmann::ordered_json to_json(const insights::Insights& insights);
/// One experiment's result card, as in `experiments` above.
[[nodiscard]] nlohmann::ordered_json to_json(const insights::ExperimentCard& card);
/// What a demo journal holds: `seed`, `years`, `runs_per_week`, `as_of`, `first_run`,
/// `last_run` (dates), the counts `values`, `value_changes`, `reviews`, `runs`, `tracks`,
/// `track_points`, `entries`, `experiments`, `checkins`, `imported_files`, and
/// `values_in_force` (each as in the export's `values`, most important first).
[[nodiscard]] nlohmann::ordered_json to_json(const DemoReport& report);

/// Reads one object in the shape to_json writes it, every field checked as the export's
/// import checks it (unknown fields refused). An error names the JSON path as its field
/// (`start.zone`, `laps[2].elapsed_s`). Defined for Value, ValueEvent, Review, Run,
/// JournalEntry, Experiment and CheckIn.
template <class T>
[[nodiscard]] T from_json(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] Value from_json<Value>(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] ValueEvent from_json<ValueEvent>(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] Review from_json<Review>(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] Run from_json<Run>(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] JournalEntry from_json<JournalEntry>(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] Experiment from_json<Experiment>(const nlohmann::ordered_json& json);
template <>
[[nodiscard]] CheckIn from_json<CheckIn>(const nlohmann::ordered_json& json);

/// A refused request or command: {"error": message, "kind": errc_name, "field": ...}, the
/// field only when the error names one (what the CLI's --json prints on standard error and
/// the HTTP API answers).
[[nodiscard]] nlohmann::ordered_json to_json(const Error& error);

}  // namespace cairn::exchange
