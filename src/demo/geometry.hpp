#pragma once
// The demo's ground: routes as polylines in metres around the runner's home, the terrain's
// altitude, and the synthesis of a GPS-like track along a route.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "cairn/core/track.hpp"

#include "random.hpp"

namespace cairn::demo {

/// A position in metres east (x) and north (y) of the runner's home.
struct Point {
  double x = 0.0;
  double y = 0.0;
};

using Polyline = std::vector<Point>;

[[nodiscard]] double length_of(std::span<const Point> line);
/// `line` stretched or shrunk about its first point to `length` metres.
[[nodiscard]] Polyline scaled_to(std::span<const Point> line, double length);
/// The first `length` metres of `line` (all of it when shorter).
[[nodiscard]] Polyline truncated(std::span<const Point> line, double length);
/// Out along `line` for half of `total` metres and back the same way.
[[nodiscard]] Polyline out_and_back(std::span<const Point> line, double total);
/// `a` followed by `b`.
[[nodiscard]] Polyline joined(std::span<const Point> a, std::span<const Point> b);
/// A loop of about `length` metres from `origin` through a few random places around it,
/// heading out in a random direction.
[[nodiscard]] Polyline random_loop(Point origin, double length, Random& random);
/// Points around an ellipse centred on `centre`, starting at the angle `from` (radians).
[[nodiscard]] Polyline ellipse(Point centre, double radius_x, double radius_y, double from,
                               int points);

/// Where home is on the globe, and how high the ground around it is.
struct Home {
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
  double altitude_m = 0.0;
};

/// The home of the demo runner for an IANA zone: a park in the zone's main city, or in
/// Berlin for a zone we know no city of.
[[nodiscard]] Home home_for_zone(std::string_view zone);

/// The ground's altitude around home: smooth hills (value noise over three scales, growing
/// away from the city) fixed by the seed, the same for every run.
class Terrain {
 public:
  Terrain(double base_m, std::uint64_t seed) : base_m_(base_m), seed_(seed) {}
  [[nodiscard]] double altitude_at(Point at) const;

 private:
  [[nodiscard]] double octave(Point at, double cell_m, std::uint64_t salt) const;
  double base_m_;
  std::uint64_t seed_;
};

/// How one run is run along its route.
struct Stride {
  double speed_mps = 2.8;      ///< steady speed on the flat
  double threshold_mps = 3.4;  ///< the runner's fitness: the speed they can hold for an hour
  bool tempo = false;          ///< the middle half much faster
  int stops = 0;               ///< standing at lights or to drink: 10-45 s each
  double heart_offset_bpm = 0.0;
  double cadence_offset_spm = 0.0;
};

/// A track along `route` as a watch records it: a point every 5 s with position (a few
/// metres of GPS wander), altitude, distance, heart rate and cadence, kept to the
/// resolution of the store's track encoding (so a stored track reads back the same).
[[nodiscard]] std::vector<TrackPoint> synthesize_track(std::span<const Point> route,
                                                       const Stride& stride, const Home& home,
                                                       const Terrain& terrain, Random& random);

}  // namespace cairn::demo
