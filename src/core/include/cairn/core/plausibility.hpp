#pragma once
/// \file
/// What a run can plausibly be: one table of limits, used by the importer (a damaged file, a
/// bike ride, a fragment) and by `cairn log` (a typing slip) alike, so both judge by the same
/// numbers and say the same thing.

#include <chrono>
#include <optional>
#include <string>

#include "cairn/core/run.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/units.hpp"

namespace cairn {

/// The limits of a plausible run. Each is far past what a person does, so only damage, a
/// ride or a slip crosses one.
struct RunLimits {
  /// No runner holds a pace faster than this over more than `fastest_pace_over` (the men's
  /// marathon record is 2:52 /km; 2:30 /km is 24 km/h).
  Pace fastest_pace = Pace::from_seconds_per_km(150.0);
  Distance fastest_pace_over = Distance::from_meters(1000.0);
  /// Faster than this over any distance past `shortest` is no one's running (Usain Bolt's
  /// 100 m record is 1:36 /km).
  Pace fastest_sprint_pace = Pace::from_seconds_per_km(96.0);
  /// The longest multi-day race is run in stages; one recording of more than a week is a
  /// watch that was never stopped, or damage.
  Duration longest = std::chrono::days{7};
  Distance farthest = Distance::from_kilometers(1000.0);
  /// GPS running watches start in the 1990s; a date before this is a clock never set.
  std::chrono::sys_days earliest = std::chrono::sys_days{std::chrono::year{1985} / 1 / 1};
  /// A run cannot start in the future (one day of slack for clocks and zones).
  std::chrono::hours future_slack{24};
  /// Between two records: a distance leap of more than `damaged_leap` faster than this is
  /// damage, and the records are cut there. Smaller leaps are GPS glitches (a tunnel, a lost
  /// fix), which cost a little distance but are no reason to drop the rest of a run.
  double fastest_step_mps = 50.0;
  Distance damaged_leap = Distance::from_kilometers(50.0);
  /// Shorter than these is a fragment (a watch started by mistake), not a run: imports skip
  /// it, `cairn log` takes it (the runner typed it).
  Distance shortest = Distance::from_meters(100.0);
  Duration briefest = Duration(60.0);
};

/// What is wrong with a run, naming the field it is about.
struct Implausibility {
  std::string field;    ///< "pace", or the run's member in JSON: "elapsed_s", "distance_m"
  std::string message;  ///< e.g. "pace 1:50 /km over 43.7 km is faster than anyone runs ..."
};

/// The first limit the run breaks, or nothing when it is plausible. `now` bounds the start;
/// paces and distances in the message are in `units` (the runner's).
[[nodiscard]] std::optional<Implausibility> implausibility(const Run& run, Timestamp now,
                                                           const RunLimits& limits = {},
                                                           UnitSystem units = UnitSystem::metric);

/// Why the run is too short to be one (distance under `shortest` or time under `briefest`),
/// or nothing.
[[nodiscard]] std::optional<std::string> fragment_reason(const Run& run,
                                                         const RunLimits& limits = {});

/// Whether a start time is within the plausible dates.
[[nodiscard]] bool plausible_start(Timestamp start, Timestamp now, const RunLimits& limits = {});

}  // namespace cairn
