// From an activity to a run: the device's own summary where it has one (it saw every
// sample, pauses included) and it is plausible, otherwise numbers derived from the track;
// and the one decision whether an activity is a run at all.

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"

namespace cairn::formats {
namespace {

Sport sport_of(const SessionSummary& session) {
  const std::string& sub = session.sub_sport;
  if (session.sport == "trail_running" || sub == "trail") return Sport::trail;
  if (sub == "treadmill" || sub == "indoor_running" || sub == "virtual_activity") {
    return Sport::treadmill;
  }
  if (sub == "track") return Sport::track;
  return Sport::road;
}

std::optional<Instant> first_time(std::span<const Sample> samples) {
  const auto first = std::find_if(samples.begin(), samples.end(),
                                  [](const Sample& sample) { return sample.time.has_value(); });
  if (first == samples.end()) return std::nullopt;
  return *first->time;
}

std::optional<Instant> last_time(std::span<const Sample> samples) {
  const auto last = std::find_if(samples.rbegin(), samples.rend(),
                                 [](const Sample& sample) { return sample.time.has_value(); });
  if (last == samples.rend()) return std::nullopt;
  return *last->time;
}

Duration seconds_between(Instant from, Instant to) {
  return std::chrono::duration_cast<Duration>(to - from);
}

std::vector<Pause> timer_pauses(const Activity& activity, Instant start, Instant end) {
  auto events = activity.timer_events;
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Pause> pauses;
  // A bool and an Instant rather than an optional: g++ 12 at -O2 warns falsely about the
  // optional's value being used uninitialised.
  bool stopped = false;
  Instant stopped_at{};
  for (const auto& [when, event] : events) {
    if (when > end) break;  // after a cut at damage
    if (event == TimerEvent::stop && !stopped) {
      stopped = true;
      stopped_at = when;
    }
    if (event == TimerEvent::start && stopped) {
      if (when > stopped_at) {
        pauses.push_back(
            Pause{.from = seconds_between(start, stopped_at), .to = seconds_between(start, when)});
      }
      stopped = false;
    }
  }
  return pauses;
}

std::optional<int> plausible_heart_rate(std::optional<int> bpm) {
  if (bpm && *bpm >= 25 && *bpm <= 250) return bpm;
  return std::nullopt;
}

std::optional<double> plausible_cadence(std::optional<double> spm) {
  if (spm && *spm > 0.0 && *spm <= 300.0) return spm;
  return std::nullopt;
}

// The runner's answer to "how did you feel?" (0 very weak ... 100 very strong) on the
// journal's 1-5 energy scale.
std::optional<int> energy_from_feel(std::optional<int> feel) {
  if (!feel || *feel < 0 || *feel > 100) return std::nullopt;
  return std::clamp(static_cast<int>(std::lround(*feel / 25.0)) + 1, 1, 5);
}

std::string detail_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<int> effort_from_rpe(std::optional<int> rpe_x10) {
  if (!rpe_x10 || *rpe_x10 <= 0 || *rpe_x10 > 100) return std::nullopt;
  return std::clamp(static_cast<int>(std::lround(*rpe_x10 / 10.0)), 1, 10);
}

// Rowing monitors (Nielsen-Kellerman's SpeedCoach, Concept2's ergometers) record rows.
bool recorded_by_rowing_monitor(std::string_view manufacturer) {
  const std::string maker = detail_lower(manufacturer);
  return maker == "nielsen_kellerman" || maker == "concept2";
}

// Bike computers: an activity they record with no sport, or a generic one, is a ride. By the
// FIT manufacturer name, and for makers of watches too, by the product.
bool recorded_by_bike_computer(std::string_view manufacturer, std::string_view product) {
  const std::string maker = detail_lower(manufacturer);
  const std::string model = detail_lower(product);
  constexpr std::array bike_makers{"hammerhead", "lezyne", "bryton",      "bryton_sensors",
                                   "srm",        "osynce", "ifor_powell", "sigmasport",
                                   "sigma",      "o_synce"};
  if (std::find(bike_makers.begin(), bike_makers.end(), maker) != bike_makers.end()) return true;
  if (maker == "garmin" && model.starts_with("edge") && model != "edge_remote") return true;
  // Wahoo's ELEMNT, BOLT and ROAM are bike computers; its RIVAL is a watch.
  if (maker == "wahoo_fitness" || maker == "wahoo") return model.find("rival") == std::string::npos;
  return false;
}

std::string device_name(const Activity& activity) {
  std::string name = activity.device_manufacturer;
  if (!activity.device_product.empty()) name += (name.empty() ? "" : " ") + activity.device_product;
  return name.empty() ? "an unnamed device" : name;
}

// Sports a file names that are running; others (cycling, walking, swimming, ...) are not.
bool running_sport(std::string_view sport) {
  return sport == "running" || sport == "run" || sport == "trail_running";
}

// Untimed points between timed ones are placed in time along the way (by the distance
// between their positions, else evenly); those before the first or after the last timed
// point are left out. GraphHopper and hand-edited GPX files time only some points.
std::vector<Sample> place_untimed(std::span<const Sample> samples,
                                  std::vector<std::string>& notes) {
  std::vector<Sample> out;
  out.reserve(samples.size());
  std::size_t placed = 0;
  std::size_t left_out = 0;
  std::optional<std::size_t> previous_timed;
  const auto step = [&](std::size_t a, std::size_t b) {
    const Sample& x = samples[a];
    const Sample& y = samples[b];
    if (x.latitude_deg && x.longitude_deg && y.latitude_deg && y.longitude_deg) {
      return great_circle_m(*x.latitude_deg, *x.longitude_deg, *y.latitude_deg, *y.longitude_deg);
    }
    return -1.0;
  };
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (!samples[i].time) continue;
    if (!previous_timed) {
      left_out += i;
    } else {
      const std::size_t from = *previous_timed;
      // The way from the last timed point to this one, point by point.
      std::vector<double> along{0.0};
      bool by_position = true;
      for (std::size_t j = from + 1; j <= i; ++j) {
        const double metres = step(j - 1, j);
        by_position = by_position && metres >= 0.0;
        along.push_back(along.back() + std::max(0.0, metres));
      }
      const auto t0 = *samples[from].time;
      const auto span = *samples[i].time - t0;
      for (std::size_t j = from + 1; j < i; ++j) {
        const double fraction = by_position && along.back() > 0.0
                                    ? along[j - from] / along.back()
                                    : static_cast<double>(j - from) / static_cast<double>(i - from);
        Sample sample = samples[j];
        sample.time = t0 + std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::duration<double, std::milli>(
                                   static_cast<double>(span.count()) * fraction));
        out.push_back(sample);
        ++placed;
      }
    }
    out.push_back(samples[i]);
    previous_timed = i;
  }
  if (previous_timed) left_out += samples.size() - *previous_timed - 1;
  if (placed > 0) {
    notes.push_back(fmt::format(
        "{} of {} points had no time and were placed in time along the way between the timed "
        "points around them",
        placed, samples.size()));
  }
  if (left_out > 0) {
    notes.push_back(fmt::format(
        "{} untimed point(s) before the first or after the last timed point were left out",
        left_out));
  }
  return out;
}

// The records up to the first damage: a time that leaps more than a run lasts, or goes back
// more than a minute (a clock set mid-run: the times after it say nothing true about this
// run), or a device distance that leaps faster than anything runs.
std::size_t undamaged_length(std::span<const Sample> samples, const RunLimits& limits,
                             std::vector<std::string>& notes) {
  const Sample* previous_timed = nullptr;
  const Sample* previous_distance = nullptr;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& sample = samples[i];
    std::string damage;
    if (sample.time && previous_timed != nullptr) {
      const auto leap = std::chrono::duration_cast<Duration>(*sample.time - *previous_timed->time);
      if (leap > limits.longest) {
        damage = fmt::format("its time leaps {:.0f} days ahead", leap.count() / 86'400.0);
      } else if (leap < -Duration(60.0)) {
        damage = fmt::format("its time goes back {}", format_duration(-leap));
      }
    }
    if (damage.empty() && sample.distance_m && previous_distance != nullptr && sample.time &&
        previous_distance->time) {
      const double metres = *sample.distance_m - *previous_distance->distance_m;
      const double seconds = std::max(
          1.0,
          std::chrono::duration_cast<Duration>(*sample.time - *previous_distance->time).count());
      if (metres > limits.damaged_leap.meters() && metres / seconds > limits.fastest_step_mps) {
        damage = fmt::format("its distance leaps {:.1f} km in {:.0f} s", metres / 1000.0, seconds);
      }
    }
    if (!damage.empty()) {
      const auto at =
          previous_timed != nullptr && samples.front().time
              ? std::chrono::duration_cast<Duration>(*previous_timed->time - *first_time(samples))
              : Duration(0.0);
      notes.push_back(fmt::format(
          "the records are damaged {} into the run ({}): the track was cut there and the {} "
          "record(s) from there on were left out",
          format_duration(at), damage, samples.size() - i));
      return i;
    }
    if (sample.time) previous_timed = &sample;
    if (sample.distance_m && sample.time) previous_distance = &sample;
  }
  return samples.size();
}

// The device's timer: the session's, else the sum over its laps.
std::optional<double> device_timer_s(const Activity& activity) {
  if (activity.session.timer_s && *activity.session.timer_s > 0.0) return activity.session.timer_s;
  double sum = 0.0;
  for (const auto& lap : activity.laps) sum += lap.timer_s.value_or(0.0);
  if (sum > 0.0) return sum;
  return std::nullopt;
}

}  // namespace

SportJudgement judge_sport(const Activity& activity) {
  const std::string& sport = activity.session.sport;
  if (running_sport(sport)) return {};
  if (!sport.empty() && sport != "generic") {
    return {.kind = RunKind::not_run,
            .reason = fmt::format("the file's sport is {}, not running", sport)};
  }
  const std::string given = sport.empty() ? "no sport" : "the generic sport";
  if (activity.gear_changes > 0) {
    return {.kind = RunKind::not_run,
            .reason = fmt::format("a ride: the file gives {} but records {} gear change(s)", given,
                                  activity.gear_changes)};
  }
  if (recorded_by_bike_computer(activity.device_manufacturer, activity.device_product) ||
      recorded_by_bike_computer(activity.file.manufacturer, activity.file.product)) {
    return {.kind = RunKind::not_run,
            .reason = fmt::format("a ride: the file gives {} and was recorded by a bike "
                                  "computer ({})",
                                  given, device_name(activity))};
  }
  if (recorded_by_rowing_monitor(activity.device_manufacturer) ||
      recorded_by_rowing_monitor(activity.file.manufacturer)) {
    return {.kind = RunKind::not_run,
            .reason = fmt::format("a row: the file gives {} and was recorded by a rowing "
                                  "monitor ({})",
                                  given, device_name(activity))};
  }
  return {};
}

std::optional<std::string> planned_route_reason(const FileInfo& file) {
  if (file.type == "course" || file.type == "route" || file.type == "waypoints") {
    return fmt::format("a {} file (a planned route or places), not a run", file.type);
  }
  return std::nullopt;
}

std::string no_activity_reason(const FileInfo& file) {
  if (auto planned = planned_route_reason(file)) return std::move(*planned);
  if (file.format == "gpx") return "the GPX file holds no track, route or waypoint";
  if (file.format == "tcx") return "the TCX file holds no activity or course";
  if (!file.type.empty() && file.type != "activity") {
    return fmt::format("a {} file, not an activity", file.type);
  }
  return "the file holds no activity: no records, laps or sessions";
}

bool is_run(const Activity& activity) { return judge_sport(activity).kind != RunKind::not_run; }

RunDraft make_run(const Activity& activity, std::string_view zone, const RunLimits& limits) {
  RunDraft draft;
  // The records this run is made from: placed in time where some are untimed, and up to the
  // first damage.
  std::span<const Sample> samples = activity.samples;
  std::vector<Sample> placed;
  const bool some_untimed = std::any_of(samples.begin(), samples.end(),
                                        [](const Sample& s) { return !s.time.has_value(); });
  if (some_untimed && first_time(samples)) {
    placed = place_untimed(samples, draft.notes);
    samples = placed;
  }
  const std::size_t kept = undamaged_length(samples, limits, draft.notes);
  const bool cut = kept < samples.size();
  samples = samples.first(kept);

  const SessionSummary& session = activity.session;
  // The device's summary counts only when it is plausible and the records were not cut.
  bool trust_summary = !cut;
  if (trust_summary && ((session.elapsed_s && Duration(*session.elapsed_s) > limits.longest) ||
                        (session.distance_m && *session.distance_m > limits.farthest.meters()))) {
    trust_summary = false;
    draft.notes.emplace_back(
        "the device's summary is implausible (a run of more than a week or 1000 km): the "
        "numbers come from the records instead");
  }
  // A summary that covers less than the records (Movescount's TCX laps stop at the last
  // manual lap while the track runs on) is incomplete: the records tell the whole run.
  // The device's distance may count from the start of the whole recording: a multisport
  // file's run leg starts where the ride ended. The run's own distance starts at the least
  // distance among its records (not the first: a record of the leg before can slip in).
  double distance_origin = 0.0;
  bool any_distance = false;
  for (const auto& sample : samples) {
    if (!sample.distance_m) continue;
    distance_origin =
        any_distance ? std::min(distance_origin, *sample.distance_m) : *sample.distance_m;
    any_distance = true;
  }
  if (trust_summary && session.distance_m) {
    double recorded = 0.0;
    for (const auto& sample : samples) {
      if (sample.distance_m) recorded = std::max(recorded, *sample.distance_m - distance_origin);
    }
    if (recorded > *session.distance_m * 1.02 + 10.0) {
      trust_summary = false;
      draft.notes.push_back(fmt::format(
          "the device's summary covers {} of the {} recorded: the numbers come from the records",
          format_distance(Distance::from_meters(*session.distance_m), UnitSystem::metric),
          format_distance(Distance::from_meters(recorded), UnitSystem::metric)));
    }
  }
  // Likewise in time: a summary whose elapsed time ends well before the records do (a
  // rowing monitor's session of 47 minutes over six hours of records) does not tell the run.
  const auto first_record = first_time(samples);
  const auto last_record = last_time(samples);
  if (trust_summary && session.elapsed_s && first_record && last_record) {
    const double span = seconds_between(*first_record, *last_record).count();
    if (span > *session.elapsed_s * 1.02 + 10.0) {
      trust_summary = false;
      draft.notes.push_back(fmt::format(
          "the device's summary covers {} of the {} recorded: the numbers come from the records",
          format_duration(Duration(*session.elapsed_s)), format_duration(Duration(span))));
    }
  }
  std::optional<Instant> start = trust_summary ? session.start : std::nullopt;
  if (!start) start = first_time(samples);
  if (!start) start = session.start;
  if (!start) throw Error(Errc::invalid_input, "the activity has no time: cannot place the run");

  Run& run = draft.run;
  const auto start_s = std::chrono::floor<std::chrono::seconds>(*start);
  run.start =
      ZonedTime{start_s, activity.utc_offset ? zone_for_offset(start_s, *activity.utc_offset, zone)
                                             : std::string(zone)};
  run.sport = sport_of(session);
  run.source = RunSource::file;
  run.title = session.name;
  run.notes = session.notes;

  // The track, timed from the start; a device distance is kept, else derived below.
  auto& track = draft.track;
  track.reserve(samples.size());
  bool device_distance = false;
  for (const auto& sample : samples) {
    TrackPoint point;
    if (sample.time) point.offset = seconds_between(*start, *sample.time);
    point.latitude_deg = sample.latitude_deg;
    point.longitude_deg = sample.longitude_deg;
    point.altitude_m = sample.altitude_m;
    if (sample.distance_m) point.distance_m = *sample.distance_m - distance_origin;
    point.heart_rate_bpm = plausible_heart_rate(sample.heart_rate_bpm);
    point.cadence_spm = plausible_cadence(sample.cadence_spm);
    device_distance = device_distance || sample.distance_m.has_value();
    track.push_back(point);
  }
  if (!device_distance) {
    const auto along = distance_along(track);
    for (std::size_t i = 0; i < track.size(); ++i) {
      if (track[i].latitude_deg) track[i].distance_m = along[i];
    }
  }

  // Distance: the session's, else the track's last.
  if (trust_summary && session.distance_m && *session.distance_m > 0.0) {
    run.distance = Distance::from_meters(*session.distance_m);
  } else {
    const auto last = std::find_if(track.rbegin(), track.rend(), [](const TrackPoint& point) {
      return point.distance_m.has_value();
    });
    if (last != track.rend() && *last->distance_m > 0.0) {
      run.distance = Distance::from_meters(*last->distance_m);
    }
  }

  // Elapsed time: the session's, else from the start to the last record.
  const auto last = last_time(samples);
  if (trust_summary && session.elapsed_s && *session.elapsed_s > 0.0) {
    run.elapsed = Duration(*session.elapsed_s);
  } else if (last && *last > *start) {
    run.elapsed = seconds_between(*start, *last);
  }

  // Moving time (docs/formats.md): the device's timer less the standing the track shows,
  // never below the track's own moving time (where the track's unpaused span is longer than
  // the timer, the device left its stops out itself) and never above the timer. A gap in
  // the records or a record without a distance is no evidence of standing.
  const auto pauses = timer_pauses(activity, *start, last.value_or(*start));
  const Duration standing = standing_time(track, pauses);
  const auto track_moving = moving_time(track, pauses, standing);
  auto timer = trust_summary ? device_timer_s(activity) : std::nullopt;
  // A timer far shorter than the records' unpaused span stopped early (a file cut off
  // mid-run keeps a lap of a second): it is no measure of this run.
  if (timer && last && *last > *start) {
    double paused = 0.0;
    for (const Pause& pause : pauses) paused += (pause.to - pause.from).count();
    const double unpaused = seconds_between(*start, *last).count() - paused;
    if (*timer < unpaused * 0.9 - 10.0) {
      draft.notes.push_back(fmt::format(
          "the device's timer ({}) covers less than its records ({}): moving time comes from "
          "the records",
          format_duration(Duration(*timer)), format_duration(Duration(unpaused))));
      timer.reset();
    }
  }
  if (timer) {
    const double by_track = track_moving ? track_moving->count() : 0.0;
    run.moving = Duration(std::min(*timer, std::max(by_track, *timer - standing.count())));
  } else if (track_moving) {
    run.moving = track_moving;
  }
  if (run.moving && run.moving->count() <= 0.0) run.moving.reset();
  if (run.moving && run.elapsed && *run.moving > *run.elapsed) run.moving = run.elapsed;
  if (run.moving && !run.elapsed) run.elapsed = run.moving;

  // Elevation, heart rate, cadence.
  if (trust_summary && session.ascent_m) {
    run.elevation_gain = Distance::from_meters(*session.ascent_m);
  } else {
    run.elevation_gain = elevation_gain(track);
  }
  run.avg_heart_rate_bpm = plausible_heart_rate(session.avg_heart_rate_bpm);
  run.max_heart_rate_bpm = plausible_heart_rate(session.max_heart_rate_bpm);
  if (!run.avg_heart_rate_bpm || !run.max_heart_rate_bpm) {
    if (const auto heart = heart_rate_of(track)) {
      if (!run.avg_heart_rate_bpm)
        run.avg_heart_rate_bpm = plausible_heart_rate(heart->average_bpm);
      if (!run.max_heart_rate_bpm) run.max_heart_rate_bpm = plausible_heart_rate(heart->max_bpm);
    }
  }
  if (run.avg_heart_rate_bpm && run.max_heart_rate_bpm &&
      *run.avg_heart_rate_bpm > *run.max_heart_rate_bpm) {
    run.max_heart_rate_bpm.reset();
  }
  run.avg_cadence_spm = plausible_cadence(session.avg_cadence_spm);
  if (!run.avg_cadence_spm) run.avg_cadence_spm = plausible_cadence(cadence_of(track));

  for (const auto& lap : activity.laps) {
    if (cut && lap.start && last && *lap.start > *last) continue;
    const auto seconds = lap.timer_s ? lap.timer_s : lap.elapsed_s;
    if (!seconds || *seconds <= 0.0 || Duration(*seconds) > limits.longest) continue;
    run.laps.push_back(Lap{.elapsed = Duration(*seconds),
                           .distance = lap.distance_m
                                           ? std::optional(Distance::from_meters(*lap.distance_m))
                                           : std::nullopt,
                           .avg_heart_rate_bpm = plausible_heart_rate(lap.avg_heart_rate_bpm)});
  }
  if (run.elevation_gain && run.elevation_gain->meters() > 20'000.0) run.elevation_gain.reset();

  draft.energy_after = energy_from_feel(session.feel);
  draft.effort = effort_from_rpe(session.perceived_effort);
  return draft;
}

namespace {

// Why an activity with records or a summary gives no time to place a run.
std::string no_time_reason(const Activity& activity) {
  const bool any_records = !activity.samples.empty();
  const auto timer = device_timer_s(activity);
  const auto elapsed = activity.session.elapsed_s ? activity.session.elapsed_s : timer;
  std::optional<double> distance = activity.session.distance_m;
  if (!distance) {
    const auto last = std::find_if(activity.samples.rbegin(), activity.samples.rend(),
                                   [](const Sample& s) { return s.distance_m.has_value(); });
    if (last != activity.samples.rend()) distance = *last->distance_m;
  }
  std::string numbers;
  if (elapsed && distance && *distance > 0.0) {
    numbers = fmt::format(" ({} over {})", format_duration(Duration(*elapsed)),
                          format_distance(Distance::from_meters(*distance), UnitSystem::metric));
  } else if (elapsed) {
    numbers = fmt::format(" ({})", format_duration(Duration(*elapsed)));
  }
  if (activity.file.format == "fit" && (any_records || elapsed)) {
    return fmt::format(
        "the watch never had its clock set: the numbers are there{} but the date is not, so "
        "Cairn cannot place the run",
        numbers);
  }
  if (any_records) {
    return "its points carry no times (a planned route, or a track saved without them): "
           "no record of a run";
  }
  return "it holds no records and no time";
}

// True when every timed record carries one and the same time (and there are several).
bool one_time_for_all(std::span<const Sample> samples) {
  std::optional<Instant> only;
  std::size_t timed = 0;
  for (const auto& sample : samples) {
    if (!sample.time) continue;
    if (only && *only != *sample.time) return false;
    only = *sample.time;
    ++timed;
  }
  return timed > 2;
}

// A run whose sport the file did not give and whose pace could be a ride or a walk.
std::string doubt_about_speed(const Activity& activity, const Run& run) {
  if (running_sport(activity.session.sport)) return "";
  const auto pace = pace_of(run);
  if (!pace || !run.distance || run.distance->meters() < 1000.0) return "";
  const double speed = 1000.0 / pace->seconds_per_km();
  const std::string given =
      activity.session.sport.empty() ? "gives no sport" : "gives the generic sport";
  // Faster than 3:20 /km: few runners, many riders; slower than 9:15 /km: a walk as likely
  // as a run.
  if (speed > 5.0) {
    return fmt::format("the file {} and the pace {} is fast for a run: a ride?", given,
                       format_pace(*pace, UnitSystem::metric));
  }
  if (speed < 1.8) {
    return fmt::format("the file {} and the pace {} is slow for a run: a walk?", given,
                       format_pace(*pace, UnitSystem::metric));
  }
  return "";
}

}  // namespace

ActivityOutcome make_outcome(const Activity& activity, const OutcomeOptions& options) {
  ActivityOutcome outcome;
  const auto skip = [&outcome](std::string reason) {
    outcome.skipped_because = std::move(reason);
    return outcome;
  };
  if (auto planned = planned_route_reason(activity.file)) return skip(std::move(*planned));
  const SportJudgement sport = options.declared_run ? SportJudgement{} : judge_sport(activity);
  if (sport.kind == RunKind::not_run) return skip(sport.reason);
  if (activity.samples.empty() && !activity.session.distance_m && !activity.session.elapsed_s &&
      !activity.session.timer_s) {
    return skip("an empty session: no records and no summary");
  }
  if (!first_time(activity.samples) && !activity.session.start) {
    return skip(no_time_reason(activity));
  }
  if (one_time_for_all(activity.samples)) {
    return skip(fmt::format(
        "every point carries the same time ({}): no record of a run",
        format_utc(std::chrono::floor<std::chrono::seconds>(*first_time(activity.samples)))));
  }
  RunDraft draft;
  try {
    draft = make_run(activity, options.zone, options.limits);
  } catch (const Error& error) {
    return skip(error.what());
  }
  if (options.zone_from_position) draft.run.start.zone = std::string(options.zone);
  if (const auto fragment = fragment_reason(draft.run, options.limits)) return skip(*fragment);
  if (const auto problem = implausibility(draft.run, options.now, options.limits)) {
    if (problem->field == "pace") {
      return skip((running_sport(activity.session.sport) ? "the file says running, but " : "") +
                  problem->message + ": a ride, or damaged data");
    }
    if (problem->field == "start") {
      return skip(problem->message + " (a watch whose clock was wrong, or damage)");
    }
    return skip(problem->message);
  }
  if (!options.declared_run) {
    if (auto doubt = doubt_about_speed(activity, draft.run); !doubt.empty()) {
      draft.run.review = std::move(doubt);
    }
  }
  try {
    check_run(draft.run);
  } catch (const Error& error) {
    return skip(error.what());
  }
  outcome.draft = std::move(draft);
  return outcome;
}

}  // namespace cairn::formats
