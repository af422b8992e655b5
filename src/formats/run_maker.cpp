// From an activity to a run: the device's own summary where it has one (it saw every
// sample, pauses included), otherwise numbers derived from the track.

#include <algorithm>
#include <cmath>

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

std::optional<Instant> start_of(const Activity& activity) {
  if (activity.session.start) return activity.session.start;
  for (const auto& sample : activity.samples) {
    if (sample.time) return sample.time;
  }
  return activity.file.created;
}

std::optional<Instant> last_time(const Activity& activity) {
  const auto last = std::find_if(activity.samples.rbegin(), activity.samples.rend(),
                                 [](const Sample& sample) { return sample.time.has_value(); });
  if (last == activity.samples.rend()) return std::nullopt;
  return last->time;
}

Duration seconds_between(Instant from, Instant to) {
  return std::chrono::duration_cast<Duration>(to - from);
}

std::vector<Pause> timer_pauses(const Activity& activity, Instant start) {
  auto events = activity.timer_events;
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Pause> pauses;
  // A bool and an Instant rather than an optional: g++ 12 at -O2 warns falsely about the
  // optional's value being used uninitialised.
  bool stopped = false;
  Instant stopped_at{};
  for (const auto& [when, event] : events) {
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

std::optional<int> effort_from_rpe(std::optional<int> rpe_x10) {
  if (!rpe_x10 || *rpe_x10 <= 0 || *rpe_x10 > 100) return std::nullopt;
  return std::clamp(static_cast<int>(std::lround(*rpe_x10 / 10.0)), 1, 10);
}

}  // namespace

bool is_run(const Activity& activity) {
  const std::string& sport = activity.session.sport;
  return sport.empty() || sport == "running" || sport == "run" || sport == "trail_running" ||
         sport == "generic";
}

RunDraft make_run(const Activity& activity, std::string_view zone) {
  const auto start = start_of(activity);
  if (!start) throw Error(Errc::invalid_input, "the activity has no time: cannot place the run");
  const SessionSummary& session = activity.session;

  RunDraft draft;
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
  track.reserve(activity.samples.size());
  bool device_distance = false;
  for (const auto& sample : activity.samples) {
    TrackPoint point;
    if (sample.time) point.offset = seconds_between(*start, *sample.time);
    point.latitude_deg = sample.latitude_deg;
    point.longitude_deg = sample.longitude_deg;
    point.altitude_m = sample.altitude_m;
    point.distance_m = sample.distance_m;
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
  if (session.distance_m && *session.distance_m > 0.0) {
    run.distance = Distance::from_meters(*session.distance_m);
  } else {
    const auto last = std::find_if(track.rbegin(), track.rend(), [](const TrackPoint& point) {
      return point.distance_m.has_value();
    });
    if (last != track.rend() && *last->distance_m > 0.0) {
      run.distance = Distance::from_meters(*last->distance_m);
    }
  }

  // Elapsed and moving time.
  if (session.elapsed_s && *session.elapsed_s > 0.0) {
    run.elapsed = Duration(*session.elapsed_s);
  } else if (const auto last = last_time(activity); last && *last > *start) {
    run.elapsed = seconds_between(*start, *last);
  }
  auto pauses = timer_pauses(activity, *start);
  if (pauses.empty()) pauses = standing_pauses(track);
  if (auto moving = moving_time(track, pauses); moving && moving->count() > 0.0) {
    run.moving = moving;
  } else if (session.timer_s && *session.timer_s > 0.0) {
    run.moving = Duration(*session.timer_s);
  }
  if (run.moving && run.elapsed && *run.moving > *run.elapsed) run.moving = run.elapsed;
  if (run.moving && !run.elapsed) run.elapsed = run.moving;

  // Elevation, heart rate, cadence.
  if (session.ascent_m) {
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
    const auto seconds = lap.timer_s ? lap.timer_s : lap.elapsed_s;
    if (!seconds || *seconds <= 0.0) continue;
    run.laps.push_back(Lap{.elapsed = Duration(*seconds),
                           .distance = lap.distance_m
                                           ? std::optional(Distance::from_meters(*lap.distance_m))
                                           : std::nullopt,
                           .avg_heart_rate_bpm = plausible_heart_rate(lap.avg_heart_rate_bpm)});
  }

  if (run.distance && run.distance->meters() > 1'000'000.0) {
    throw Error(Errc::invalid_input, fmt::format("implausible distance of {:.0f} km for a run",
                                                 run.distance->kilometers()));
  }
  if (run.elevation_gain && run.elevation_gain->meters() > 20'000.0) run.elevation_gain.reset();

  draft.energy_after = energy_from_feel(session.feel);
  draft.effort = effort_from_rpe(session.perceived_effort);
  check_run(run);
  return draft;
}

}  // namespace cairn::formats
