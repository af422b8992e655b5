#pragma once
// How runs, entries and values look in the terminal.

#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "cairn/app/journal_service.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/core/units.hpp"
#include "cairn/core/value.hpp"

namespace cairn::cli {

/// The value's name, or "#id" when it is not among `values`.
[[nodiscard]] std::string value_name(std::span<const Value> values, ValueId id);
/// "2025-03-01 07:30 road 10.00 km in 52:30" style one-line summary, with ", 48:10 moving"
/// when the pace is over a moving time that differs from the elapsed one.
[[nodiscard]] std::string run_summary(const Run& run, UnitSystem units);
/// "—" for an absent number.
[[nodiscard]] std::string or_dash(const std::optional<int>& value);

void print_values_table(std::ostream& out, std::span<const Value> values);
void print_runs_table(std::ostream& out, std::span<const Run> runs,
                      std::span<const JournalEntry> entries, UnitSystem units);
/// The run's numbers and its laps (distance, time, pace, heart rate).
void print_run(std::ostream& out, const Run& run, UnitSystem units);
/// The splits and what the track holds (points, duration, where, elevation gain).
void print_track(std::ostream& out, std::span<const Split> splits, const TrackSummary& track,
                 UnitSystem units);
/// How much of the run was on ground run before, and the route it follows when known:
/// "82% on ground you have run before; route: river loop, run 23 times".
void print_ground(std::ostream& out, const app::RunGroundSummary& ground);
void print_entry(std::ostream& out, const JournalEntry& entry, std::span<const Value> values);
void print_experiment(std::ostream& out, const Experiment& experiment,
                      std::span<const Value> values, UnitSystem units);

}  // namespace cairn::cli
