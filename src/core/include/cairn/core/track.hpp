#pragma once
/// \file
/// A run's recorded track and the numbers derived from it: distance robust to GPS noise,
/// moving time, smoothed elevation gain, heart rate and cadence, splits.

#include <optional>
#include <span>
#include <vector>

#include "cairn/core/compact_optional.hpp"
#include "cairn/core/units.hpp"

namespace cairn {

/// One point of a run's track, timed from the run's start.
struct TrackPoint {
  Duration offset{};  ///< time since the run's start
  OptionalDouble latitude_deg{};
  OptionalDouble longitude_deg{};
  OptionalDouble altitude_m{};
  OptionalDouble distance_m{};  ///< cumulative, as measured (device or derived)
  std::optional<int> heart_rate_bpm{};
  OptionalDouble cadence_spm{};
  friend bool operator==(const TrackPoint&, const TrackPoint&) = default;
};

/// A span of the run with the timer stopped, from and to offsets since the start.
struct Pause {
  Duration from{};
  Duration to{};
};

/// Great-circle distance between two positions in degrees (haversine, mean Earth radius).
[[nodiscard]] double great_circle_m(double lat1, double lon1, double lat2, double lon2);

/// Cumulative distance along the track's positions, robust to GPS noise: a fix that would
/// need more than `max_speed_mps` (and over 100 m) from the last good one is dropped as a
/// glitch, positions are averaged over up to five fixes within 2.5 s each way, and a point closer
/// than `jitter_m` to the last counted one is not counted yet. Points without a position repeat the
/// last value.
[[nodiscard]] std::vector<double> distance_along(std::span<const TrackPoint> track,
                                                 double jitter_m = 3.0,
                                                 double max_speed_mps = 15.0);

/// Elevation gain with hysteresis: a climb counts once the altitude has risen more than
/// `threshold_m` above the lowest point since the last counted climb, so noise that goes
/// up and down by less does not add up. Nothing without altitudes.
[[nodiscard]] std::optional<Distance> elevation_gain(std::span<const TrackPoint> track,
                                                     double threshold_m = 4.0);

/// What counts as standing still: the distance advancing slower than `min_speed_mps` for at
/// least `min_stop` (a shorter slow-down, a bend, a drink, is part of running).
struct StopOptions {
  double min_speed_mps = 0.5;
  Duration min_stop = Duration(10.0);
};

/// Time the track shows the runner standing, outside the pauses: stretches between changes of
/// the points' distances slower than the options say. Points without a distance are passed
/// over, so a gap in the data never counts as standing; standing at the end (the watch left
/// running) does.
[[nodiscard]] Duration standing_time(std::span<const TrackPoint> track,
                                     std::span<const Pause> pauses,
                                     const StopOptions& options = {});

/// Time moving: from the first to the last point with a distance, less the pauses and the
/// standing time. Nothing without two timed points with distances.
[[nodiscard]] std::optional<Duration> moving_time(std::span<const TrackPoint> track,
                                                  std::span<const Pause> pauses,
                                                  const StopOptions& options = {});
/// The same with the standing time already measured (a caller that needs both measures it
/// once).
[[nodiscard]] std::optional<Duration> moving_time(std::span<const TrackPoint> track,
                                                  std::span<const Pause> pauses, Duration standing);

struct HeartRateSummary {
  int average_bpm = 0;
  int max_bpm = 0;
};
/// Time-weighted average and maximum heart rate; nothing without heart rates.
[[nodiscard]] std::optional<HeartRateSummary> heart_rate_of(std::span<const TrackPoint> track);
/// Time-weighted average cadence over points with a non-zero cadence.
[[nodiscard]] std::optional<double> cadence_of(std::span<const TrackPoint> track);

/// One split of a run (every kilometre or mile).
struct Split {
  int number = 0;       ///< 1-based
  Distance distance{};  ///< the split's length (the last may be shorter)
  Duration elapsed{};   ///< time taken for it
  std::optional<Pace> pace{};
  std::optional<int> avg_heart_rate_bpm{};
};

struct SplitOptions {
  Distance every = Distance::from_meters(1000.0);
  bool keep_partial_last = true;  ///< report the final, shorter split
};

/// Splits from the points' cumulative distances, interpolating the time at each boundary.
[[nodiscard]] std::vector<Split> compute_splits(std::span<const TrackPoint> track,
                                                const SplitOptions& options = {});

/// The box a track's positions fall in, in degrees.
struct TrackBounds {
  double south_deg = 0.0;
  double west_deg = 0.0;
  double north_deg = 0.0;
  double east_deg = 0.0;
};

/// What a track holds, for showing beside the run's numbers.
struct TrackSummary {
  std::size_t points = 0;
  Duration duration{};                       ///< from the first point to the last
  std::optional<TrackBounds> bounds{};       ///< nothing without positions
  std::optional<Distance> elevation_gain{};  ///< as elevation_gain() measures it
};

/// Points, duration, bounds and elevation gain of a track (an empty track: zero points).
[[nodiscard]] TrackSummary summarize_track(std::span<const TrackPoint> track);

}  // namespace cairn
