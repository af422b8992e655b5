// The runs as observations: each run on or before the date asked, with its entry's answers
// turned into the outcomes the comparisons look at.

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "engine.hpp"

namespace cairn::insights::detail {

int day_number(LocalDate date) {
  return static_cast<int>(std::chrono::sys_days(date).time_since_epoch().count());
}

LocalDate date_of_day(int day) { return LocalDate{std::chrono::sys_days{std::chrono::days{day}}}; }

namespace {

std::optional<double> difference_of(const std::optional<int>& after,
                                    const std::optional<int>& before) {
  if (!after || !before) return std::nullopt;
  return static_cast<double>(*after - *before);
}

std::optional<double> as_double(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}

}  // namespace

std::vector<Observation> observe(const JournalData& data, LocalDate as_of,
                                 std::span<const RouteFamiliarity> ground) {
  std::unordered_map<RunId, const JournalEntry*> entry_of_run;
  for (const auto& entry : data.entries) {
    if (entry.run) entry_of_run[*entry.run] = &entry;
  }
  std::unordered_map<RunId, const RouteFamiliarity*> ground_of_run;
  ground_of_run.reserve(ground.size());
  for (const auto& familiarity : ground) ground_of_run[familiarity.run] = &familiarity;
  std::vector<Observation> out;
  out.reserve(data.runs.size());
  const int last_day = day_number(as_of);
  for (const auto& run : data.runs) {
    Observation seen;
    seen.run = &run;
    seen.on = local_date_of(run.start);
    seen.day = day_number(seen.on);
    if (seen.day > last_day) continue;
    seen.hour = local_hour_of(run.start);
    seen.start_days = static_cast<double>(run.start.utc.time_since_epoch().count()) / 86400.0;
    if (const auto found = entry_of_run.find(run.id); found != entry_of_run.end()) {
      seen.entry = found->second;
    }
    if (const auto found = ground_of_run.find(run.id); found != ground_of_run.end()) {
      seen.familiar_share = found->second->familiar_share;
      seen.route = found->second->route;
    }
    out.push_back(seen);
  }
  std::sort(out.begin(), out.end(), [](const Observation& a, const Observation& b) {
    return a.run->start.utc != b.run->start.utc ? a.run->start.utc < b.run->start.utc
                                                : a.run->id < b.run->id;
  });
  const auto set = [](Observation& seen, Outcome which, std::optional<double> value) {
    seen.outcomes[static_cast<std::size_t>(which)] = value;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    Observation& seen = out[i];
    // The last run has no next one yet: how long until the next is unknown, not long.
    if (i + 1 < out.size()) {
      set(seen, Outcome::days_to_next_run, out[i + 1].start_days - seen.start_days);
    }
    if (seen.entry == nullptr) continue;
    const JournalEntry& entry = *seen.entry;
    set(seen, Outcome::enjoyment, as_double(entry.enjoyment));
    set(seen, Outcome::mood_after, as_double(entry.after.mood));
    set(seen, Outcome::mood_lift, difference_of(entry.after.mood, entry.before.mood));
    set(seen, Outcome::energy_lift, difference_of(entry.after.energy, entry.before.energy));
    set(seen, Outcome::effort, as_double(entry.effort));
  }
  return out;
}

}  // namespace cairn::insights::detail
