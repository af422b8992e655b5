#include "geometry.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace cairn::demo {
namespace {

// The Earth's mean radius, as core's great_circle_m uses it.
constexpr double earth_radius_m = 6'371'008.8;
constexpr double degrees_per_meter = 180.0 / (pi * earth_radius_m);
constexpr double seconds_per_point = 5.0;

// A value kept to the fixed-point step the track encoding stores (1e-7 degree, 1 cm, ...),
// computed as the decoder computes it, so a stored track reads back equal.
double kept(double value, double scale) {
  return static_cast<double>(std::llround(value * scale)) / scale;
}

struct ZoneHome {
  std::string_view zone;
  Home home;
};

// A large park or riverside in each zone's main city: somewhere people run.
constexpr std::array<ZoneHome, 44> zone_homes{{
    {"Europe/Berlin", {52.5145, 13.3501, 35.0}},
    {"Europe/London", {51.5073, -0.1657, 25.0}},
    {"Europe/Paris", {48.8462, 2.3372, 50.0}},
    {"Europe/Madrid", {40.4153, -3.6845, 660.0}},
    {"Europe/Rome", {41.9142, 12.4923, 50.0}},
    {"Europe/Amsterdam", {52.3580, 4.8686, 2.0}},
    {"Europe/Brussels", {50.8400, 4.3940, 70.0}},
    {"Europe/Vienna", {48.2066, 16.4018, 160.0}},
    {"Europe/Zurich", {47.3600, 8.5500, 410.0}},
    {"Europe/Stockholm", {59.3260, 18.1150, 15.0}},
    {"Europe/Oslo", {59.9270, 10.7009, 50.0}},
    {"Europe/Copenhagen", {55.7000, 12.5710, 10.0}},
    {"Europe/Helsinki", {60.1840, 24.9200, 10.0}},
    {"Europe/Dublin", {53.3559, -6.3298, 40.0}},
    {"Europe/Lisbon", {38.7280, -9.1540, 80.0}},
    {"Europe/Prague", {50.0960, 14.4250, 200.0}},
    {"Europe/Warsaw", {52.2150, 21.0330, 100.0}},
    {"Europe/Budapest", {47.5270, 19.0480, 105.0}},
    {"Europe/Athens", {37.9720, 23.7360, 100.0}},
    {"Europe/Istanbul", {41.0560, 29.0230, 50.0}},
    {"Europe/Kiev", {50.4500, 30.5400, 150.0}},
    {"Europe/Kyiv", {50.4500, 30.5400, 150.0}},
    {"America/New_York", {40.7812, -73.9665, 30.0}},
    {"America/Chicago", {41.9200, -87.6350, 180.0}},
    {"America/Denver", {39.7475, -104.9500, 1600.0}},
    {"America/Los_Angeles", {34.1365, -118.2942, 150.0}},
    {"America/Phoenix", {33.4500, -112.0700, 340.0}},
    {"America/Toronto", {43.6465, -79.4637, 100.0}},
    {"America/Vancouver", {49.2600, -123.1400, 40.0}},
    {"America/Mexico_City", {19.4204, -99.1819, 2240.0}},
    {"America/Sao_Paulo", {-23.5874, -46.6576, 760.0}},
    {"America/Argentina/Buenos_Aires", {-34.5712, -58.4163, 20.0}},
    {"Asia/Tokyo", {35.6852, 139.7528, 20.0}},
    {"Asia/Seoul", {37.5283, 126.9340, 15.0}},
    {"Asia/Shanghai", {31.2304, 121.4737, 5.0}},
    {"Asia/Hong_Kong", {22.2800, 114.1600, 20.0}},
    {"Asia/Singapore", {1.3000, 103.8500, 15.0}},
    {"Asia/Kolkata", {28.6129, 77.2295, 215.0}},
    {"Asia/Dubai", {25.1972, 55.2744, 5.0}},
    {"Australia/Sydney", {-33.8988, 151.2340, 40.0}},
    {"Australia/Melbourne", {-37.8304, 144.9796, 20.0}},
    {"Pacific/Auckland", {-36.8600, 174.7770, 50.0}},
    {"Africa/Johannesburg", {-26.1570, 28.0050, 1650.0}},
    {"Africa/Nairobi", {-1.2921, 36.8219, 1700.0}},
}};

// Where along `line` (with cumulative lengths `along`) `distance` metres fall; `segment` is
// a hint, moved forward, for walking the line in order.
Point point_at(std::span<const Point> line, std::span<const double> along, double distance,
               std::size_t& segment) {
  while (segment + 2 < line.size() && along[segment + 1] < distance) ++segment;
  const double start = along[segment];
  const double piece = along[segment + 1] - start;
  const double t = piece > 0.0 ? std::clamp((distance - start) / piece, 0.0, 1.0) : 0.0;
  const Point& a = line[segment];
  const Point& b = line[segment + 1];
  return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

// Plain sqrt, which IEEE 754 rounds the same everywhere (std::hypot need not).
double distance_between(Point a, Point b) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

double length_of(std::span<const Point> line) {
  double total = 0.0;
  for (std::size_t i = 1; i < line.size(); ++i) {
    total += distance_between(line[i - 1], line[i]);
  }
  return total;
}

Polyline scaled_to(std::span<const Point> line, double length) {
  const double factor = length / length_of(line);
  const Point origin = line.front();
  Polyline out;
  out.reserve(line.size());
  for (const Point& p : line) {
    out.push_back({origin.x + (p.x - origin.x) * factor, origin.y + (p.y - origin.y) * factor});
  }
  return out;
}

Polyline truncated(std::span<const Point> line, double length) {
  Polyline out{line.front()};
  double covered = 0.0;
  for (std::size_t i = 1; i < line.size(); ++i) {
    const Point& a = line[i - 1];
    const Point& b = line[i];
    const double piece = distance_between(a, b);
    if (covered + piece >= length) {
      const double t = piece > 0.0 ? (length - covered) / piece : 0.0;
      out.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
      return out;
    }
    covered += piece;
    out.push_back(b);
  }
  return out;
}

Polyline out_and_back(std::span<const Point> line, double total) {
  Polyline out = truncated(line, total / 2.0);
  const Polyline back(out.rbegin() + 1, out.rend());
  out.insert(out.end(), back.begin(), back.end());
  return out;
}

Polyline joined(std::span<const Point> a, std::span<const Point> b) {
  Polyline out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

Polyline ellipse(Point centre, double radius_x, double radius_y, double from, int points) {
  Polyline out;
  for (int i = 0; i <= points; ++i) {
    const double angle = from + 2.0 * pi * i / points;
    out.push_back({centre.x + radius_x * cosine(angle), centre.y + radius_y * sine(angle)});
  }
  return out;
}

Polyline random_loop(Point origin, double length, Random& random) {
  const double heading = random.uniform(0.0, 2.0 * pi);
  const int corners = random.integer(4, 6);
  const double turn = random.chance(0.5) ? 1.0 : -1.0;
  constexpr double radius = 1000.0;  // scaled to `length` below
  const Point centre{origin.x + radius * cosine(heading), origin.y + radius * sine(heading)};
  Polyline corners_line{origin};
  for (int i = 1; i < corners; ++i) {
    const double angle = heading + pi + turn * 2.0 * pi * (i + random.uniform(-0.2, 0.2)) / corners;
    const double r = radius * random.uniform(0.7, 1.3);
    corners_line.push_back({centre.x + r * cosine(angle), centre.y + r * sine(angle)});
  }
  corners_line.push_back(origin);
  // Streets and paths wind: two bends between corners, off the straight line.
  Polyline line{origin};
  for (std::size_t i = 1; i < corners_line.size(); ++i) {
    const Point& a = corners_line[i - 1];
    const Point& b = corners_line[i];
    const Point normal{-(b.y - a.y), b.x - a.x};
    for (const double t : {1.0 / 3.0, 2.0 / 3.0}) {
      const double side = random.uniform(-0.08, 0.08);
      line.push_back(
          {a.x + (b.x - a.x) * t + normal.x * side, a.y + (b.y - a.y) * t + normal.y * side});
    }
    line.push_back(b);
  }
  return scaled_to(line, length);
}

Home home_for_zone(std::string_view zone) {
  for (const auto& entry : zone_homes) {
    if (entry.zone == zone) return entry.home;
  }
  return zone_homes.front().home;
}

double Terrain::octave(Point at, double cell_m, std::uint64_t salt) const {
  const double gx = at.x / cell_m;
  const double gy = at.y / cell_m;
  const double fx0 = std::floor(gx);
  const double fy0 = std::floor(gy);
  const auto ix = static_cast<std::int64_t>(fx0);
  const auto iy = static_cast<std::int64_t>(fy0);
  const auto corner = [&](std::int64_t cx, std::int64_t cy) {
    const std::uint64_t h = mix(seed_ ^ salt ^ mix(static_cast<std::uint64_t>(cx)) ^
                                (static_cast<std::uint64_t>(cy) * 0x9E3779B97F4A7C15ULL));
    return static_cast<double>(h >> 11U) * (2.0 / 9007199254740992.0) - 1.0;
  };
  const double tx = gx - fx0;
  const double ty = gy - fy0;
  const double sx = tx * tx * (3.0 - 2.0 * tx);
  const double sy = ty * ty * (3.0 - 2.0 * ty);
  const double south_west = corner(ix, iy);
  const double south_east = corner(ix + 1, iy);
  const double north_west = corner(ix, iy + 1);
  const double north_east = corner(ix + 1, iy + 1);
  const double bottom = south_west + (south_east - south_west) * sx;
  const double top = north_west + (north_east - north_west) * sx;
  return bottom + (top - bottom) * sy;
}

double Terrain::altitude_at(Point at) const {
  // Flatter in town, hillier out in the country.
  const double hills = 1.0 + std::sqrt(at.x * at.x + at.y * at.y) / 6000.0;
  return base_m_ + hills * (28.0 * octave(at, 2500.0, 0x51) + 9.0 * octave(at, 700.0, 0x52)) +
         1.5 * octave(at, 120.0, 0x53);
}

std::vector<TrackPoint> synthesize_track(std::span<const Point> route, const Stride& stride,
                                         const Home& home, const Terrain& terrain, Random& random) {
  std::vector<double> along(route.size(), 0.0);
  for (std::size_t i = 1; i < route.size(); ++i) {
    along[i] = along[i - 1] + distance_between(route[i - 1], route[i]);
  }
  const double total = along.back();
  const double lon_degrees_per_meter = degrees_per_meter / cosine(home.latitude_deg * pi / 180.0);

  struct Stop {
    double at_m;
    double seconds;
  };
  std::vector<Stop> stops;
  stops.reserve(static_cast<std::size_t>(std::max(0, stride.stops)));
  for (int i = 0; i < stride.stops; ++i) {
    stops.push_back({random.uniform(0.1, 0.9) * total, random.uniform(12.0, 45.0)});
  }
  std::sort(stops.begin(), stops.end(),
            [](const Stop& a, const Stop& b) { return a.at_m < b.at_m; });
  std::size_t next_stop = 0;
  double standing_left = 0.0;

  std::vector<TrackPoint> track;
  track.reserve(static_cast<std::size_t>(total / (stride.speed_mps * 0.8 * seconds_per_point)) +
                16);
  std::size_t segment = 0;
  double covered = 0.0;
  double seconds = 0.0;
  double heart = 88.0 + random.uniform(0.0, 12.0) + stride.heart_offset_bpm;
  double wobble = 0.0;  // slow changes of speed (how the legs feel this minute)
  double gps_east = random.normal(0.0, 2.0);
  double gps_north = random.normal(0.0, 2.0);
  double baro = random.normal(0.0, 1.0);
  double grade = 0.0;
  double grade_from_m = 0.0;
  double grade_from_altitude = terrain.altitude_at(route.front());
  while (true) {
    const Point here = point_at(route, along, covered, segment);
    const double ground = terrain.altitude_at(here);
    if (covered > grade_from_m + 5.0) {
      // The slope over the last step: uphill slows the runner down, downhill a little up.
      grade = std::clamp((ground - grade_from_altitude) / (covered - grade_from_m), -0.08, 0.25);
      grade_from_m = covered;
      grade_from_altitude = ground;
    }
    const bool standing = standing_left > 0.0;
    const double moving_speed = [&] {
      double speed = stride.speed_mps * (1.0 + wobble) * (1.0 - 2.5 * grade);
      if (covered < 1000.0) speed *= 0.95;  // warming up
      if (stride.tempo && covered > 0.25 * total && covered < 0.75 * total) speed *= 1.2;
      return std::max(0.8, speed);
    }();
    const double speed = standing ? 0.0 : moving_speed;

    gps_east = 0.85 * gps_east + 0.9 * random.noise();
    gps_north = 0.85 * gps_north + 0.9 * random.noise();
    baro = 0.9 * baro + 0.3 * random.noise();
    TrackPoint point;
    point.offset = Duration(kept(seconds, 1000.0));
    point.latitude_deg = kept(home.latitude_deg + (here.y + gps_north) * degrees_per_meter, 1e7);
    point.longitude_deg =
        kept(home.longitude_deg + (here.x + gps_east) * lon_degrees_per_meter, 1e7);
    point.altitude_m = kept(ground + baro, 100.0);
    point.distance_m = kept(covered, 100.0);
    point.heart_rate_bpm = static_cast<int>(std::lround(std::clamp(heart, 60.0, 200.0)));
    point.cadence_spm = standing ? 0.0
                                 : kept(150.0 + 20.0 * speed / stride.threshold_mps +
                                            stride.cadence_offset_spm + 1.5 * random.noise(),
                                        1.0);
    track.push_back(point);
    if (covered >= total) break;

    // On to the next point.
    double step = seconds_per_point;
    if (standing) {
      standing_left -= step;
    } else if (covered + speed * step >= total) {
      step = (total - covered) / speed;
      covered = total;
    } else {
      covered += speed * step;
      if (next_stop < stops.size() && covered >= stops[next_stop].at_m) {
        standing_left = stops[next_stop].seconds;
        ++next_stop;
      }
    }
    seconds += step;
    wobble = std::clamp(0.97 * wobble + 0.006 * random.noise(), -0.08, 0.08);
    const double effort = speed / stride.threshold_mps;
    const double drift = std::max(0.0, seconds - 1200.0) / 60.0 * 0.05;
    const double target =
        standing ? 105.0 : 62.0 + 100.0 * effort + drift + stride.heart_offset_bpm;
    const double rate = target > heart ? step / 25.0 : step / 40.0;
    heart += (target - heart) * std::min(1.0, rate) + 0.8 * random.noise();
  }
  return track;
}

}  // namespace cairn::demo
