#pragma once
// Small helpers the human-readable exports (CSV, Markdown) and the JSON export share.

#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "cairn/core/ids.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/units.hpp"
#include "cairn/core/value.hpp"

namespace cairn::exchange::detail {

// "YYYY-MM-DD HH:MM" in the time's own zone, or nothing when this machine does not know the
// zone (an export must not fail over one odd row).
[[nodiscard]] std::optional<std::string> try_format_local(const ZonedTime& time);

// The local time when the zone is known, else the UTC instant ("2025-03-01T06:30:00Z").
[[nodiscard]] std::string local_or_utc(const ZonedTime& time);

// "5:12": a pace per kilometre or per mile, rounded to whole seconds; nothing for a pace
// too slow to mean anything.
[[nodiscard]] std::optional<std::string> pace_text(Pace pace, UnitSystem units);

// The run's pace the way pace_of() defines it, as pace_text.
[[nodiscard]] std::optional<std::string> run_pace_text(const Run& run, UnitSystem units);

// Looks up the names of values (current state) by id; an unknown id reads "value #7".
class ValueNames {
 public:
  explicit ValueNames(std::span<const Value> values);
  [[nodiscard]] std::string operator()(ValueId id) const;

 private:
  std::unordered_map<ValueId, std::string> names_;
};

// The first journal entry attached to each run.
[[nodiscard]] std::unordered_map<RunId, const JournalEntry*> entries_by_run(
    std::span<const JournalEntry> entries);

}  // namespace cairn::exchange::detail
