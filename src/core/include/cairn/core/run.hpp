#pragma once
/// \file
/// A run: when, what kind, and the numbers from the watch or typed in by hand.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/units.hpp"

namespace cairn {

/// The kind of running.
enum class Sport : std::uint8_t { road, trail, track, treadmill, cross_country, other };

[[nodiscard]] std::string_view sport_name(Sport sport);
/// Parses "road", "trail", "track", "treadmill", "cross_country" (or "xc"), "other";
/// throws Error(invalid_input) listing the choices otherwise.
[[nodiscard]] Sport parse_sport(std::string_view name);

/// Where a run's numbers came from.
enum class RunSource : std::uint8_t { manual, file };

[[nodiscard]] std::string_view run_source_name(RunSource source);
[[nodiscard]] RunSource parse_run_source(std::string_view name);

/// One lap as the device recorded it (filled by importers).
struct Lap {
  Duration elapsed{};
  std::optional<Distance> distance{};
  std::optional<int> avg_heart_rate_bpm{};
  friend bool operator==(const Lap&, const Lap&) = default;
};

/// A run. Everything but the start and sport is optional: a hand-typed run may know only
/// its distance and time; an imported one knows much more.
struct Run {
  RunId id{};
  ZonedTime start{};
  Sport sport = Sport::road;
  std::optional<Distance> distance{};
  std::optional<Duration> elapsed{};  ///< wall-clock time from start to finish
  std::optional<Duration> moving{};   ///< time actually moving (pauses removed)
  std::optional<Distance> elevation_gain{};
  std::optional<int> avg_heart_rate_bpm{};
  std::optional<int> max_heart_rate_bpm{};
  std::optional<double> avg_cadence_spm{};  ///< steps per minute
  std::string title{};
  std::string route_name{};
  std::string notes{};
  RunSource source = RunSource::manual;
  std::string source_ref{};  ///< for imported runs: the file's fingerprint; empty for manual ones
  /// Why the importer was unsure this is a run (the file gave no sport and its pace could be
  /// a ride or a walk), for the runner to check; empty when it was sure.
  std::string review{};
  std::vector<Lap> laps{};
  friend bool operator==(const Run&, const Run&) = default;
};

/// The time a run's pace is over: its moving time when known, else its elapsed time. A
/// surface that shows a pace shows this time beside it, so that the two agree.
[[nodiscard]] std::optional<Duration> pace_time(const Run& run);

/// The pace over pace_time(run); nothing without distance or time.
[[nodiscard]] std::optional<Pace> pace_of(const Run& run);

/// How close two records must be to be one run (typed in twice, typed in and imported, a
/// watch's file and a phone's). One runner runs one run at a time.
struct SameRunLimits {
  /// Records starting this close together are one run whatever their distances.
  std::chrono::seconds same_start{60};
  /// Records starting this close together are one run when their distances agree (or one is
  /// unknown): clocks and the moment a watch is started differ a little.
  std::chrono::seconds window{180};
  double distance_tolerance = 0.1;  ///< of the longer distance
};

/// Whether `a` and `b` are records of the same run by `limits`.
[[nodiscard]] bool same_run(const Run& a, const Run& b, const SameRunLimits& limits = {});

/// Throws Error(invalid_input) naming the field when the run is impossible: negative or
/// absurd distance, moving time longer than elapsed time, heart rate outside 25-250 bpm, a
/// title or notes past their length, ...
void check_run(const Run& run);

/// `edited` (a change to `stored`) without a moving time that no longer describes it: when
/// the elapsed time changed and the moving time did not, the moving time (a file's pauses,
/// measured against the clock the runner just corrected) is dropped, so that pace follows
/// the runner's number. A moving time changed in the same edit is kept.
[[nodiscard]] Run without_stale_moving(const Run& stored, Run edited);

/// How much text a run keeps: a title is a line, notes are a page or a few. Files can carry
/// anything (a 100 MB name); what they bring is cut to these, what a runner types past them
/// is refused.
inline constexpr std::size_t max_title_bytes = 1024;
inline constexpr std::size_t max_notes_bytes = std::size_t{64} * 1024;

/// `text` cut to at most `max_bytes` bytes at a character boundary, ending in "…" when cut.
[[nodiscard]] std::string clipped_text(std::string_view text, std::size_t max_bytes);

}  // namespace cairn
