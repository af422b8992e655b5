#include "run_flags.hpp"

#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"

namespace cairn::cli {
namespace {

// A whole number given by a flag whose messages name it already (parse_whole), about `field`.
int whole_for(const std::string& text, std::string_view flag, std::string_view field) {
  try {
    return static_cast<int>(parse_whole(text, flag));
  } catch (const Error& error) {
    throw Error(error.code(), error.what(), std::string(field));
  }
}

// Elevation gain: metres when bare. Its own message, so a runner reading "--elevation" is
// not told about a distance.
Distance parse_elevation(const std::string& text) {
  constexpr double highest_gain_m = 30000.0;  // a week of mountain ultras, and then some
  const bool bare = !text.empty() && std::isdigit(static_cast<unsigned char>(text.back())) != 0;
  std::optional<Distance> gain;
  try {
    gain = parse_distance(bare ? text + "m" : text, UnitSystem::metric);
  } catch (const Error&) {
  }
  if (!gain || gain->meters() > highest_gain_m) {
    throw Error(Errc::invalid_input,
                fmt::format("elevation gain '{}' is not a climb: expected metres from 0 to {:.0f}, "
                            "e.g. 350 or 350m",
                            text, highest_gain_m));
  }
  return *gain;
}

// A date alone given to change a run's start moves the run to that day and keeps its time
// of day: the runner corrects the date, not the clock (midnight would be a new mistake).
ZonedTime start_on(const std::string& text, const ZonedTime& previous, const std::string& zone) {
  const bool date_only = text.size() == 10 && text.find_first_of("T :") == std::string::npos;
  if (!date_only) return parse_local_time(text, zone);
  const std::string clock = format_local(previous, /*with_seconds=*/true).substr(10);
  return parse_local_time(format_date(parse_date(text)) + clock, zone);
}

}  // namespace

void RunFlags::add_to(CLI::App& command) {
  auto* group = command.add_option_group("Run");
  group->add_option("--start", start, "when it started, YYYY-MM-DDTHH:MM local time (default now)");
  group->add_option("--zone", zone, "time zone of the start, e.g. Europe/Berlin (default yours)");
  group->add_option("--sport", sport, "road, trail, track, treadmill, cross_country or other");
  group->add_option("--distance", distance,
                    "e.g. 10km, 6.2mi, 5000m; a bare number is in your units");
  group->add_option("--time", time, "elapsed time, e.g. 52:30 or 1:02:03");
  group->add_option("--moving", moving, "moving time, when pauses are known");
  group->add_option("--elevation", elevation, "elevation gain in metres");
  group->add_option("--hr", heart_rate, "average heart rate, bpm");
  group->add_option("--max-hr", max_heart_rate, "max heart rate, bpm");
  group->add_option("--cadence", cadence, "average cadence, steps per minute");
  group->add_option("--title", title, "a title");
  group->add_option("--route", route, "the route's name");
  group->add_option("--notes", notes, "notes about the run itself");
}

bool RunFlags::any_numbers() const {
  return !start.empty() || !distance.empty() || !time.empty() || !moving.empty();
}

Run RunFlags::to_run(const app::JournalService& service) const {
  Run run;
  run.start = ZonedTime{service.now(), zone.empty() ? service.zone() : zone};
  apply_to(run, service, /*keep_time_of_day=*/false);
  check_run(run);
  return run;
}

void RunFlags::apply_to(Run& run, const app::JournalService& service, bool keep_time_of_day) const {
  if (!zone.empty()) for_flag("--zone", "start.zone", [&] { check_zone(zone); });
  const std::string run_zone = zone.empty() ? run.start.zone : zone;
  if (!start.empty()) {
    run.start = for_flag("--start", "start.utc", [&] {
      return keep_time_of_day ? start_on(start, run.start, run_zone)
                              : parse_local_time(start, run_zone);
    });
  } else if (!zone.empty() && zone != run.start.zone) {
    run.start = for_flag("--zone", "start.zone", [&] {
      return parse_local_time(format_local(run.start, /*with_seconds=*/true), run_zone);
    });
  }
  if (!sport.empty()) run.sport = for_flag("--sport", "sport", [&] { return parse_sport(sport); });
  if (!distance.empty()) {
    run.distance = for_flag("--distance", "distance_m",
                            [&] { return parse_distance(distance, service.units()); });
  }
  if (!time.empty()) {
    run.elapsed = for_flag("--time", "elapsed_s", [&] { return parse_duration(time); });
  }
  if (!moving.empty()) {
    run.moving = for_flag("--moving", "moving_s", [&] { return parse_duration(moving); });
  }
  if (!elevation.empty()) {
    run.elevation_gain =
        for_flag("--elevation", "elevation_gain_m", [&] { return parse_elevation(elevation); });
  }
  if (!heart_rate.empty()) {
    run.avg_heart_rate_bpm = whole_for(heart_rate, "--hr", "avg_heart_rate_bpm");
  }
  if (!max_heart_rate.empty()) {
    run.max_heart_rate_bpm = whole_for(max_heart_rate, "--max-hr", "max_heart_rate_bpm");
  }
  if (!cadence.empty()) {
    run.avg_cadence_spm = static_cast<double>(whole_for(cadence, "--cadence", "avg_cadence_spm"));
  }
  if (!title.empty()) run.title = title;
  if (!route.empty()) run.route_name = route;
  if (!notes.empty()) run.notes = notes;
}

void RunFlags::ask_missing(Prompter& prompter, const app::JournalService& service) {
  const std::string run_zone = zone.empty() ? service.zone() : zone;
  if (start.empty()) {
    if (auto answer = prompter.parsed<std::string>(
            "When did you start (YYYY-MM-DDTHH:MM, Enter for now):", [&](std::string_view text) {
              static_cast<void>(parse_local_time(text, run_zone));
              return std::string(text);
            })) {
      start = *answer;
    } else if (!prompter.closed()) {
      // Enter: now, written down, so that a draft resumed later keeps this moment.
      start = format_local(ZonedTime{service.now(), run_zone});
    }
  }
  if (sport.empty()) {
    if (auto answer = prompter.parsed<std::string>(
            "Sport (road, trail, track, treadmill, cross_country, other; Enter for road):",
            [](std::string_view text) {
              static_cast<void>(parse_sport(text));
              return std::string(text);
            })) {
      sport = *answer;
    } else if (!prompter.closed()) {
      sport = "road";  // Enter, written down so that a resumed draft does not ask again
    }
  }
  ask_numbers(prompter, service);
}

void RunFlags::ask_numbers(Prompter& prompter, const app::JournalService& service) {
  if (distance.empty()) {
    const std::string question =
        fmt::format("Distance (e.g. 10 for 10 {}):", unit_system_name(service.units()));
    if (auto answer = prompter.parsed<std::string>(question, [&](std::string_view text) {
          static_cast<void>(parse_distance(text, service.units()));
          return std::string(text);
        })) {
      distance = *answer;
    }
  }
  if (time.empty()) {
    if (auto answer = prompter.parsed<std::string>("Time (e.g. 52:30):", [](std::string_view text) {
          static_cast<void>(parse_duration(text));
          return std::string(text);
        })) {
      time = *answer;
    }
  }
}

}  // namespace cairn::cli
