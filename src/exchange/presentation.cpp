#include "presentation.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::exchange::detail {
namespace {

// A pace slower than this (about 11.5 days per kilometre) comes only from broken data.
constexpr double max_shown_pace_s = 1'000'000.0;

}  // namespace

std::optional<std::string> try_format_local(const ZonedTime& time) {
  try {
    return format_local(time);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string local_or_utc(const ZonedTime& time) {
  if (auto local = try_format_local(time)) return std::move(*local);
  return format_utc(time.utc);
}

std::optional<std::string> pace_text(Pace pace, UnitSystem units) {
  const double seconds =
      units == UnitSystem::metric ? pace.seconds_per_km() : pace.seconds_per_mile();
  if (!std::isfinite(seconds) || seconds < 0.0 || seconds > max_shown_pace_s) return std::nullopt;
  const long long total = std::llround(seconds);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

std::optional<std::string> run_pace_text(const Run& run, UnitSystem units) {
  const auto pace = pace_of(run);
  if (!pace) return std::nullopt;
  return pace_text(*pace, units);
}

ValueNames::ValueNames(std::span<const Value> values) {
  for (const auto& value : values) names_.emplace(value.id, value.name);
}

std::string ValueNames::operator()(ValueId id) const {
  const auto found = names_.find(id);
  if (found == names_.end()) return fmt::format("value #{}", id.value);
  return found->second;
}

std::unordered_map<RunId, const JournalEntry*> entries_by_run(
    std::span<const JournalEntry> entries) {
  std::unordered_map<RunId, const JournalEntry*> by_run;
  for (const auto& entry : entries) {
    if (entry.run) by_run.emplace(*entry.run, &entry);
  }
  return by_run;
}

}  // namespace cairn::exchange::detail
