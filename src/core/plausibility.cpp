#include "cairn/core/plausibility.hpp"

#include <cmath>
#include <tuple>

#include <fmt/format.h>

namespace cairn {
namespace {

std::string days_text(Duration duration) {
  return fmt::format("{:.1f} days", duration.count() / 86'400.0);
}

}  // namespace

bool plausible_start(Timestamp start, Timestamp now, const RunLimits& limits) {
  return start >= limits.earliest && start <= now + limits.future_slack;
}

std::optional<Implausibility> implausibility(const Run& run, Timestamp now, const RunLimits& limits,
                                             UnitSystem units) {
  if (!plausible_start(run.start.utc, now, limits)) {
    return Implausibility{
        .field = "start.utc",
        .message = fmt::format("start {} ({}) is not a plausible date: expected {} to tomorrow",
                               format_local(run.start), zone_display_name(run.start.zone),
                               format_date(std::chrono::year_month_day{limits.earliest}))};
  }
  if (run.distance && *run.distance > limits.farthest) {
    return Implausibility{
        .field = "distance_m",
        .message = fmt::format("distance {:.0f} km is more than the {:.0f} km one run can cover",
                               run.distance->kilometers(), limits.farthest.kilometers())};
  }
  for (const auto& [what, field, time] :
       {std::tuple{"elapsed", "elapsed_s", run.elapsed}, {"moving", "moving_s", run.moving}}) {
    if (time && *time > limits.longest) {
      return Implausibility{
          .field = field,
          .message = fmt::format("{} time {} is longer than a run lasts (at most {})", what,
                                 days_text(*time), days_text(limits.longest))};
    }
  }
  // Judged at whole seconds, as the pace is shown: 24:59 for 10 km reads 2:30 /km, and a
  // message saying "2:30 /km is faster than 2:30 /km" would make no sense.
  const auto pace = pace_of(run);
  const double shown_pace = pace ? std::round(pace->seconds_per_km()) : 0.0;
  if (pace && run.distance && *run.distance >= limits.shortest &&
      shown_pace < limits.fastest_sprint_pace.seconds_per_km()) {
    return Implausibility{
        .field = "pace",
        .message = fmt::format("pace {} over {} is faster than anyone runs at all (the 100 m "
                               "record is {})",
                               format_pace(*pace, units), format_distance(*run.distance, units),
                               format_pace(limits.fastest_sprint_pace, units))};
  }
  if (pace && run.distance && *run.distance > limits.fastest_pace_over &&
      shown_pace < limits.fastest_pace.seconds_per_km()) {
    return Implausibility{
        .field = "pace",
        .message = fmt::format("pace {} over {} is faster than anyone runs that far (at most {})",
                               format_pace(*pace, units), format_distance(*run.distance, units),
                               format_pace(limits.fastest_pace, units))};
  }
  return std::nullopt;
}

std::optional<std::string> fragment_reason(const Run& run, const RunLimits& limits) {
  const Duration time = run.elapsed.value_or(run.moving.value_or(Duration(0.0)));
  const bool short_distance = run.distance && *run.distance < limits.shortest;
  const bool brief = (run.elapsed || run.moving) && time < limits.briefest;
  const bool nothing = !run.distance && !run.elapsed && !run.moving;
  if (!short_distance && !brief && !nothing) return std::nullopt;
  if (nothing) return "a fragment with neither distance nor time, not a run";
  return fmt::format(
      "a fragment of {} in {}, too short to be a run (a run covers at least {:.0f} m and lasts "
      "at least {:.0f} s)",
      run.distance ? fmt::format("{:.1f} m", run.distance->meters()) : "no distance",
      (run.elapsed || run.moving) ? fmt::format("{:.1f} s", time.count()) : "no time",
      limits.shortest.meters(), limits.briefest.count());
}

}  // namespace cairn
