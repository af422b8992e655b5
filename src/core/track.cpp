#include "cairn/core/track.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>
#include <vector>

namespace cairn {
namespace {

constexpr double earth_radius_m = 6'371'008.8;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

bool has_position(const TrackPoint& point) {
  return point.latitude_deg.has_value() && point.longitude_deg.has_value();
}

// The pauses as sorted, disjoint spans, so whether a time falls in one is a binary search
// (a long run with many timer stops is checked at every point).
class PauseSpans {
 public:
  explicit PauseSpans(std::span<const Pause> pauses) : spans_(pauses.begin(), pauses.end()) {
    std::sort(spans_.begin(), spans_.end(),
              [](const Pause& a, const Pause& b) { return a.from < b.from; });
    std::vector<Pause> merged;
    for (const Pause& pause : spans_) {
      if (pause.to <= pause.from) continue;  // holds no time
      if (!merged.empty() && pause.from <= merged.back().to) {
        merged.back().to = std::max(merged.back().to, pause.to);
      } else {
        merged.push_back(pause);
      }
    }
    spans_ = std::move(merged);
  }

  [[nodiscard]] std::span<const Pause> spans() const { return spans_; }

  // Whether `at` is in (from, to] of a pause.
  [[nodiscard]] bool contains(Duration at) const {
    const auto after =
        std::lower_bound(spans_.begin(), spans_.end(), at,
                         [](const Pause& pause, Duration t) { return pause.from < t; });
    if (after == spans_.begin()) return false;
    return at <= std::prev(after)->to;
  }

 private:
  std::vector<Pause> spans_;
};

}  // namespace

double great_circle_m(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = radians(lat2 - lat1);
  const double dlon = radians(lon2 - lon1);
  // Steps between fixes are metres: there the flat-earth (equirectangular) distance at the
  // mean latitude differs from the haversine by about a millionth (a few millimetres on a
  // 6 km step, nothing on a metre's), at one cosine instead of five trigonometric calls
  // (this runs twice per point of every import). Steps across ±180° are not short here.
  constexpr double short_step_rad = 1e-3;  // about 6 km
  if (std::abs(dlat) < short_step_rad && std::abs(dlon) < short_step_rad) {
    const double x = dlon * std::cos(radians((lat1 + lat2) / 2.0));
    return earth_radius_m * std::sqrt(x * x + dlat * dlat);
  }
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(radians(lat1)) * std::cos(radians(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * earth_radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

std::vector<double> distance_along(std::span<const TrackPoint> track, double jitter_m,
                                   double max_speed_mps) {
  // Positions are first averaged over a small centred window: GPS noise while standing or
  // running slowly wanders by metres and would otherwise add up to hundreds of metres.
  struct Position {
    std::size_t index;
    double lat;
    double lon;
  };
  // A fix that would need an impossible speed from the last kept one is a glitch: dropped.
  std::vector<Position> raw;
  raw.reserve(track.size());
  for (std::size_t i = 0; i < track.size(); ++i) {
    if (!has_position(track[i])) continue;
    const Position here{i, *track[i].latitude_deg, *track[i].longitude_deg};
    if (!raw.empty()) {
      const Position& last = raw.back();
      const double step = great_circle_m(last.lat, last.lon, here.lat, here.lon);
      const double seconds = (track[i].offset - track[last.index].offset).count();
      if (step > 100.0 && (seconds <= 0.0 || step / seconds > max_speed_mps)) continue;
    }
    raw.push_back(here);
  }
  // The window is symmetric and spans at most 2.5 s each way, so dense fixes (1 s apart) are
  // averaged over five while sparse ones (5 s apart) keep their shape on curves; it shrinks
  // at the ends so the first and last fixes stay put.
  constexpr std::size_t max_half_window = 2;
  constexpr double max_half_span_s = 2.5;
  std::vector<Position> smooth = raw;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::size_t half = 0;
    while (half < max_half_window && half < i && i + half + 1 < raw.size()) {
      const double before =
          (track[raw[i].index].offset - track[raw[i - half - 1].index].offset).count();
      const double after =
          (track[raw[i + half + 1].index].offset - track[raw[i].index].offset).count();
      if (before > max_half_span_s || after > max_half_span_s) break;
      ++half;
    }
    double lat = 0.0;
    double lon = 0.0;
    for (std::size_t j = i - half; j <= i + half; ++j) {
      lat += raw[j].lat;
      lon += raw[j].lon;
    }
    const auto count = static_cast<double>(2 * half + 1);
    smooth[i].lat = lat / count;
    smooth[i].lon = lon / count;
  }

  std::vector<double> out(track.size(), 0.0);
  double total = 0.0;
  std::size_t next_position = 0;
  const Position* anchor = nullptr;  // the last position whose distance was counted
  for (std::size_t i = 0; i < track.size(); ++i) {
    if (next_position < smooth.size() && smooth[next_position].index == i) {
      const Position& here = smooth[next_position++];
      if (anchor == nullptr) {
        anchor = &here;
      } else {
        const double step = great_circle_m(anchor->lat, anchor->lon, here.lat, here.lon);
        if (step >= jitter_m || next_position == smooth.size()) {
          total += step;
          anchor = &here;
        }
      }
    }
    out[i] = total;
  }
  return out;
}

std::optional<Distance> elevation_gain(std::span<const TrackPoint> track, double threshold_m) {
  std::optional<double> low;
  double gain = 0.0;
  for (const auto& point : track) {
    if (!point.altitude_m) continue;
    const double altitude = *point.altitude_m;
    if (!low || altitude < *low) {
      low = altitude;
    } else if (altitude - *low >= threshold_m) {
      gain += altitude - *low;
      low = altitude;
    }
  }
  if (!low) return std::nullopt;
  return Distance::from_meters(gain);
}

Duration standing_time(std::span<const TrackPoint> track, std::span<const Pause> pauses,
                       const StopOptions& options) {
  const PauseSpans paused(pauses);
  // Speed is judged from one change of distance to the next, not per interval: a distance
  // derived from GPS only moves on once the runner is clear of the jitter threshold, so at a
  // slow jog it stays put for a point or two and per interval half the run looked standing.
  // Points without a distance are passed over (a Suunto writes position and distance in
  // separate records): a gap in the data is no evidence of standing.
  double standing = 0.0;
  double slow = 0.0;                   // unpaused seconds of the slow stretch being measured
  double waiting = 0.0;                // unpaused seconds since the anchor
  const TrackPoint* anchor = nullptr;  // the last point where the distance changed
  const TrackPoint* previous = nullptr;
  const auto end_slow_stretch = [&] {
    if (slow >= options.min_stop.count()) standing += slow;
    slow = 0.0;
  };
  for (const auto& point : track) {
    if (!point.distance_m) continue;
    if (anchor == nullptr) {
      anchor = &point;
      previous = &point;
      continue;
    }
    const double seconds = (point.offset - previous->offset).count();
    if (seconds < 0.0) continue;  // out of order: no time to judge
    previous = &point;
    if (paused.contains(point.offset)) {
      // A pause ends the stretch: the time after it is judged on its own.
      slow += waiting;
      end_slow_stretch();
      anchor = &point;
      waiting = 0.0;
      continue;
    }
    waiting += seconds;
    if (*point.distance_m == *anchor->distance_m) continue;
    const double span = (point.offset - anchor->offset).count();
    if (span > 0.0 && (*point.distance_m - *anchor->distance_m) / span < options.min_speed_mps) {
      slow += waiting;
    } else {
      end_slow_stretch();
    }
    waiting = 0.0;
    anchor = &point;
  }
  slow += waiting;  // standing at the end, the watch still running
  end_slow_stretch();
  return Duration(standing);
}

std::optional<Duration> moving_time(std::span<const TrackPoint> track,
                                    std::span<const Pause> pauses, const StopOptions& options) {
  return moving_time(track, pauses, standing_time(track, pauses, options));
}

std::optional<Duration> moving_time(std::span<const TrackPoint> track,
                                    std::span<const Pause> pauses, Duration standing) {
  const auto first = std::find_if(track.begin(), track.end(),
                                  [](const TrackPoint& p) { return p.distance_m.has_value(); });
  const auto last = std::find_if(track.rbegin(), track.rend(),
                                 [](const TrackPoint& p) { return p.distance_m.has_value(); });
  if (first == track.end() || last->offset <= first->offset) return std::nullopt;
  const Duration from = first->offset;
  const Duration to = last->offset;
  double paused = 0.0;
  const PauseSpans spans(pauses);
  for (const Pause& pause : spans.spans()) {
    const Duration begin = std::max(pause.from, from);
    const Duration end = std::min(pause.to, to);
    if (end > begin) paused += (end - begin).count();
  }
  const double moving = (to - from).count() - paused - standing.count();
  return Duration(std::max(0.0, moving));
}

std::optional<HeartRateSummary> heart_rate_of(std::span<const TrackPoint> track) {
  double weighted = 0.0;
  double seconds = 0.0;
  int max_bpm = 0;
  int count = 0;
  long long sum = 0;
  for (std::size_t i = 0; i < track.size(); ++i) {
    if (!track[i].heart_rate_bpm || *track[i].heart_rate_bpm <= 0) continue;
    const int bpm = *track[i].heart_rate_bpm;
    max_bpm = std::max(max_bpm, bpm);
    sum += bpm;
    ++count;
    if (i + 1 < track.size()) {
      const double dt = std::min(10.0, (track[i + 1].offset - track[i].offset).count());
      if (dt > 0.0) {
        weighted += bpm * dt;
        seconds += dt;
      }
    }
  }
  if (count == 0) return std::nullopt;
  const double average = seconds > 0.0 ? weighted / seconds : static_cast<double>(sum) / count;
  return HeartRateSummary{.average_bpm = static_cast<int>(std::lround(average)),
                          .max_bpm = max_bpm};
}

std::optional<double> cadence_of(std::span<const TrackPoint> track) {
  double weighted = 0.0;
  double seconds = 0.0;
  for (std::size_t i = 0; i + 1 < track.size(); ++i) {
    if (!track[i].cadence_spm || *track[i].cadence_spm <= 0.0) continue;
    const double dt = std::min(10.0, (track[i + 1].offset - track[i].offset).count());
    if (dt <= 0.0) continue;
    weighted += *track[i].cadence_spm * dt;
    seconds += dt;
  }
  if (seconds <= 0.0) return std::nullopt;
  return weighted / seconds;
}

std::vector<Split> compute_splits(std::span<const TrackPoint> track, const SplitOptions& options) {
  std::vector<Split> splits;
  const double every = options.every.meters();
  if (every <= 0.0) return splits;
  double boundary = every;
  double split_start_m = 0.0;
  double split_start_s = 0.0;
  double hr_weighted = 0.0;
  double hr_seconds = 0.0;
  const auto close_split = [&](double end_m, double end_s) {
    Split split;
    split.number = static_cast<int>(splits.size()) + 1;
    split.distance = Distance::from_meters(end_m - split_start_m);
    split.elapsed = Duration(end_s - split_start_s);
    split.pace = pace_of(split.distance, split.elapsed);
    if (hr_seconds > 0.0) {
      split.avg_heart_rate_bpm = static_cast<int>(std::lround(hr_weighted / hr_seconds));
    }
    splits.push_back(split);
    split_start_m = end_m;
    split_start_s = end_s;
    hr_weighted = 0.0;
    hr_seconds = 0.0;
  };
  for (std::size_t i = 1; i < track.size(); ++i) {
    const auto& a = track[i - 1];
    const auto& b = track[i];
    if (!a.distance_m || !b.distance_m) continue;
    const double a_s = a.offset.count();
    const double b_s = b.offset.count();
    if (a.heart_rate_bpm && b_s > a_s) {
      hr_weighted += *a.heart_rate_bpm * (b_s - a_s);
      hr_seconds += b_s - a_s;
    }
    while (*b.distance_m >= boundary && *b.distance_m > *a.distance_m) {
      const double fraction = (boundary - *a.distance_m) / (*b.distance_m - *a.distance_m);
      close_split(boundary, a_s + fraction * (b_s - a_s));
      boundary += every;
    }
  }
  if (options.keep_partial_last) {
    const auto last = std::find_if(track.rbegin(), track.rend(), [](const TrackPoint& point) {
      return point.distance_m.has_value();
    });
    if (last != track.rend() && *last->distance_m - split_start_m > 1.0) {
      close_split(*last->distance_m, last->offset.count());
    }
  }
  return splits;
}

TrackSummary summarize_track(std::span<const TrackPoint> track) {
  TrackSummary summary{.points = track.size(), .elevation_gain = elevation_gain(track)};
  if (track.empty()) return summary;
  summary.duration = track.back().offset - track.front().offset;
  for (const auto& point : track) {
    if (!point.latitude_deg || !point.longitude_deg) continue;
    const double latitude = *point.latitude_deg;
    const double longitude = *point.longitude_deg;
    if (!summary.bounds) {
      summary.bounds = TrackBounds{.south_deg = latitude,
                                   .west_deg = longitude,
                                   .north_deg = latitude,
                                   .east_deg = longitude};
      continue;
    }
    auto& box = *summary.bounds;
    box.south_deg = std::min(box.south_deg, latitude);
    box.north_deg = std::max(box.north_deg, latitude);
    box.west_deg = std::min(box.west_deg, longitude);
    box.east_deg = std::max(box.east_deg, longitude);
  }
  return summary;
}

}  // namespace cairn
