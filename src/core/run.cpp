#include "cairn/core/run.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/plausibility.hpp"

#include "enum_names.hpp"

namespace cairn {
namespace {

constexpr detail::NameTable<Sport, 6> sport_names{{
    {Sport::road, "road"},
    {Sport::trail, "trail"},
    {Sport::track, "track"},
    {Sport::treadmill, "treadmill"},
    {Sport::cross_country, "cross_country"},
    {Sport::other, "other"},
}};

constexpr detail::NameTable<RunSource, 2> source_names{{
    {RunSource::manual, "manual"},
    {RunSource::file, "file"},
}};

void check_heart_rate(const std::optional<int>& bpm, std::string_view what,
                      std::string_view field) {
  if (bpm && (*bpm < 25 || *bpm > 250)) {
    throw Error(Errc::invalid_input,
                fmt::format("{} {} bpm is out of range: expected 25 to 250", what, *bpm),
                std::string(field));
  }
}

}  // namespace

std::string_view sport_name(Sport sport) { return detail::name_in(sport_names, sport); }

Sport parse_sport(std::string_view name) {
  // Words runners and apps use for the same kinds, before the names we store.
  const std::string lower = detail::to_lower(detail::trim(name));
  if (lower == "xc" || lower == "cross-country") return Sport::cross_country;
  if (lower == "run" || lower == "running" || lower == "street") return Sport::road;
  return detail::parse_in(sport_names, name, "sport");
}

std::string_view run_source_name(RunSource source) { return detail::name_in(source_names, source); }

RunSource parse_run_source(std::string_view name) {
  return detail::parse_in(source_names, name, "run source");
}

std::optional<Duration> pace_time(const Run& run) { return run.moving ? run.moving : run.elapsed; }

std::optional<Pace> pace_of(const Run& run) {
  const auto time = pace_time(run);
  if (!run.distance || !time) return std::nullopt;
  return pace_of(*run.distance, *time);
}

std::string clipped_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr std::string_view ellipsis = "…";
  std::size_t end = max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0;
  // Back to the start of a UTF-8 character (never inside one).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
  return std::string(text.substr(0, end)) + std::string(ellipsis);
}

void check_run(const Run& run) {
  if (run.title.size() > max_title_bytes) {
    throw Error(Errc::invalid_input,
                fmt::format("title is {} bytes long; a title holds at most {}", run.title.size(),
                            max_title_bytes),
                "title");
  }
  if (run.notes.size() > max_notes_bytes) {
    throw Error(Errc::invalid_input,
                fmt::format("notes are {} bytes long; a run's notes hold at most {}",
                            run.notes.size(), max_notes_bytes),
                "notes");
  }
  try {
    check_zone(run.start.zone);
  } catch (const Error& error) {
    throw Error(error.code(), error.what(), "start.zone");
  }
  constexpr RunLimits limits{};
  if (run.distance && (run.distance->meters() < 0.0 || *run.distance > limits.farthest)) {
    throw Error(Errc::invalid_input,
                fmt::format("distance {:.0f} m is out of range: expected 0 to {:.0f} km",
                            run.distance->meters(), limits.farthest.kilometers()),
                "distance_m");
  }
  if (run.elapsed && run.elapsed->count() <= 0.0) {
    throw Error(Errc::invalid_input, "elapsed time must be more than zero", "elapsed_s");
  }
  if (run.moving && run.moving->count() <= 0.0) {
    throw Error(Errc::invalid_input, "moving time must be more than zero", "moving_s");
  }
  if (run.elapsed && run.moving && *run.moving > *run.elapsed + Duration(1.0)) {
    throw Error(Errc::invalid_input,
                fmt::format("moving time {} is longer than elapsed time {}",
                            format_duration(*run.moving), format_duration(*run.elapsed)),
                "moving_s");
  }
  if (run.elevation_gain &&
      (run.elevation_gain->meters() < 0.0 || run.elevation_gain->meters() > 20'000.0)) {
    throw Error(Errc::invalid_input,
                fmt::format("elevation gain {:.0f} m is out of range: expected 0 to 20000 m",
                            run.elevation_gain->meters()),
                "elevation_gain_m");
  }
  for (std::size_t i = 0; i < run.laps.size(); ++i) {
    const Lap& lap = run.laps[i];
    if (lap.elapsed.count() < 0.0 || (lap.distance && lap.distance->meters() < 0.0)) {
      throw Error(Errc::invalid_input, fmt::format("lap {} has a negative time or distance", i + 1),
                  fmt::format("laps[{}]", i));
    }
  }
  check_heart_rate(run.avg_heart_rate_bpm, "average heart rate", "avg_heart_rate_bpm");
  check_heart_rate(run.max_heart_rate_bpm, "max heart rate", "max_heart_rate_bpm");
  if (run.avg_heart_rate_bpm && run.max_heart_rate_bpm &&
      *run.avg_heart_rate_bpm > *run.max_heart_rate_bpm) {
    throw Error(Errc::invalid_input,
                fmt::format("average heart rate {} bpm is above max heart rate {} bpm",
                            *run.avg_heart_rate_bpm, *run.max_heart_rate_bpm),
                "avg_heart_rate_bpm");
  }
  if (run.avg_cadence_spm && (*run.avg_cadence_spm < 0.0 || *run.avg_cadence_spm > 300.0)) {
    throw Error(
        Errc::invalid_input,
        fmt::format("cadence {:.0f} spm is out of range: expected 0 to 300", *run.avg_cadence_spm),
        "avg_cadence_spm");
  }
}

bool same_run(const Run& a, const Run& b, const SameRunLimits& limits) {
  const auto apart =
      a.start.utc > b.start.utc ? a.start.utc - b.start.utc : b.start.utc - a.start.utc;
  if (apart <= limits.same_start) return true;
  if (apart > limits.window) return false;
  if (!a.distance || !b.distance) return true;
  const double larger = std::max(a.distance->meters(), b.distance->meters());
  // Under 50 m neither distance says anything (a treadmill run a watch saw as standing still).
  return larger < 50.0 ||
         std::abs(a.distance->meters() - b.distance->meters()) / larger < limits.distance_tolerance;
}

Run without_stale_moving(const Run& stored, Run edited) {
  if (edited.elapsed != stored.elapsed && edited.moving == stored.moving) edited.moving.reset();
  return edited;
}

}  // namespace cairn
