#include "cairn/core/route.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <numbers>
#include <unordered_map>
#include <unordered_set>

namespace cairn {
namespace {

constexpr double earth_radius_m = 6'371'008.8;  // the mean radius, as great_circle_m's
constexpr double row_deg = route_cell_m / (earth_radius_m * std::numbers::pi / 180.0);
// The last row (at the north pole) is cut short; a latitude of exactly 90 falls in it.
constexpr auto row_count = static_cast<std::int64_t>(180.0 / row_deg) + 1;
constexpr int column_bits = 19;
// The equator's row has the most columns: its circumference over the cell's side.
static_assert(2.0 * std::numbers::pi * earth_radius_m / route_cell_m <
                  static_cast<double>(std::int64_t{1} << column_bits),
              "every column of a row fits below the row's bits");

// Fixes further apart than this are joined by steps of at most this.
constexpr double fill_step_m = route_cell_m / 4.0;
// Fixes further apart than either are not joined: the way between them is unknown.
constexpr double max_join_m = 1000.0;
constexpr double max_join_speed_mps = 10.0;  // 36 km/h: sprinters, not runners, touch it

// same_route_overlap as a ratio, so that the test is exact: shared / union >= 3 / 5.
constexpr std::uint64_t overlap_numerator = 3;
constexpr std::uint64_t overlap_denominator = 5;
static_assert(static_cast<double>(overlap_numerator) / static_cast<double>(overlap_denominator) ==
              same_route_overlap);

std::int64_t columns_in_row(std::int64_t row) {
  const double middle_deg = std::min(90.0, -90.0 + (static_cast<double>(row) + 0.5) * row_deg);
  const double circumference_m =
      2.0 * std::numbers::pi * earth_radius_m * std::cos(middle_deg * std::numbers::pi / 180.0);
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(circumference_m / route_cell_m));
}

bool on_earth(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && lat >= -90.0 && lat <= 90.0;
}

// Only for positions on_earth.
std::int64_t row_of(double lat) {
  return std::min(row_count - 1, static_cast<std::int64_t>(std::floor((lat + 90.0) / row_deg)));
}

// Only for positions on_earth, in a row of `columns`.
CellId cell_in_row(std::int64_t row, std::int64_t columns, double lon) {
  double east_deg = std::fmod(lon + 180.0, 360.0);  // from the antimeridian
  if (east_deg < 0.0) east_deg += 360.0;
  const std::int64_t column = std::min(
      columns - 1,
      static_cast<std::int64_t>(std::floor(east_deg / 360.0 * static_cast<double>(columns))));
  return row * (std::int64_t{1} << column_bits) + column;
}

struct Fix {
  double lat = 0.0;
  double lon = 0.0;  // in -180..180
  Duration offset{};
};

// Cells of a track as they are met, without immediate repeats.
class CellTrail {
 public:
  explicit CellTrail(std::size_t points) { cells_.reserve(points / 8 + 16); }

  void add(double lat, double lon) {
    if (!on_earth(lat, lon)) return;
    const std::int64_t row = row_of(lat);
    if (row != row_) {  // a row's width takes a cosine: once per row entered
      row_ = row;
      columns_ = columns_in_row(row);
    }
    const CellId cell = cell_in_row(row, columns_, lon);
    if (cells_.empty() || cells_.back() != cell) cells_.push_back(cell);
  }

  // Fills in the way from `a` to `b` (both added on their own) when they are far enough
  // apart to skip a cell, and near enough in space and time for a straight line to be the way.
  void join(const Fix& a, const Fix& b) {
    const double distance_m = great_circle_m(a.lat, a.lon, b.lat, b.lon);
    if (!(distance_m > fill_step_m) || distance_m > max_join_m) return;
    const double seconds = (b.offset - a.offset).count();
    // Without times (or with times out of order) only the distance can be judged.
    if (seconds > 0.0 && distance_m / seconds > max_join_speed_mps) return;
    const double dlon = std::remainder(b.lon - a.lon, 360.0);  // the short way round
    const auto steps = static_cast<int>(std::ceil(distance_m / fill_step_m));  // at most 40
    for (int k = 1; k < steps; ++k) {
      const double t = static_cast<double>(k) / static_cast<double>(steps);
      add(a.lat + t * (b.lat - a.lat), a.lon + t * dlon);
    }
  }

  [[nodiscard]] std::vector<CellId> sorted() && {
    std::sort(cells_.begin(), cells_.end());
    cells_.erase(std::unique(cells_.begin(), cells_.end()), cells_.end());
    return std::move(cells_);
  }

 private:
  std::vector<CellId> cells_;
  std::int64_t row_ = -1;
  std::int64_t columns_ = 1;
};

// Whether shared / (a + b - shared) is at least same_route_overlap.
bool alike_enough(std::uint64_t shared, std::uint64_t all) {
  return shared * overlap_denominator >= all * overlap_numerator;
}

}  // namespace

std::optional<CellId> cell_at(double latitude_deg, double longitude_deg) {
  if (!on_earth(latitude_deg, longitude_deg)) return std::nullopt;
  const std::int64_t row = row_of(latitude_deg);
  return cell_in_row(row, columns_in_row(row), longitude_deg);
}

std::vector<CellId> cells_of_track(std::span<const TrackPoint> track) {
  CellTrail trail(track.size());
  std::optional<Fix> last;
  for (const auto& point : track) {
    if (!point.latitude_deg || !point.longitude_deg) continue;
    const Fix here{.lat = *point.latitude_deg,
                   .lon = std::remainder(*point.longitude_deg, 360.0),
                   .offset = point.offset};
    if (!on_earth(here.lat, here.lon)) continue;
    if (last) trail.join(*last, here);
    trail.add(here.lat, here.lon);
    last = here;
  }
  return std::move(trail).sorted();
}

std::string route_name_of(std::span<const std::string> names_oldest_first) {
  struct Use {
    std::size_t count = 0;
    std::size_t last = 0;
  };
  std::map<std::string_view, Use> uses;
  for (std::size_t i = 0; i < names_oldest_first.size(); ++i) {
    if (names_oldest_first[i].empty()) continue;
    auto& use = uses[names_oldest_first[i]];
    ++use.count;
    use.last = i;
  }
  const auto best = std::max_element(uses.begin(), uses.end(), [](const auto& a, const auto& b) {
    return a.second.count != b.second.count ? a.second.count < b.second.count
                                            : a.second.last < b.second.last;
  });
  return best == uses.end() ? std::string() : std::string(best->first);
}

double overlap(std::size_t a, std::size_t b, std::size_t shared) {
  assert(shared <= a && shared <= b && "shared cells are cells of both");
  const std::size_t all = a + b - shared;
  return all == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(all);
}

std::size_t min_shared_cells(std::size_t cell_count) {
  // shared >= 3/5 of the union >= 3/5 of the run's cells, rounded up.
  return static_cast<std::size_t>((cell_count * overlap_numerator + overlap_denominator - 1) /
                                  overlap_denominator);
}

std::optional<std::int64_t> matching_route(std::size_t cell_count,
                                           std::span<const RouteCandidate> candidates) {
  if (cell_count < min_route_cells) return std::nullopt;
  const RouteCandidate* best = nullptr;
  std::uint64_t best_shared = 0;
  std::uint64_t best_all = 1;
  for (const auto& candidate : candidates) {
    assert(candidate.shared <= cell_count && candidate.shared <= candidate.cells &&
           "shared cells are cells of both");
    const std::uint64_t shared = candidate.shared;
    const std::uint64_t all = cell_count + candidate.cells - candidate.shared;
    if (!alike_enough(shared, all)) continue;
    // shared / all against best_shared / best_all, exactly.
    const std::uint64_t here = shared * best_all;
    const std::uint64_t there = best_shared * all;
    if (best == nullptr || here > there || (here == there && candidate.route < best->route)) {
      best = &candidate;
      best_shared = shared;
      best_all = all;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->route;
}

GroundAdded ground_added(RunOrder run, std::span<const CellFirstRun> firsts) {
  GroundAdded out;
  std::map<RunId, std::int64_t> gains;
  for (const auto& cell : firsts) {
    assert(cell.first.run != run.run && "the run itself is left out");
    if (cell.first < run) {
      ++out.familiar_cells;
    } else {
      ++gains[cell.first.run];
    }
  }
  out.others.reserve(gains.size());
  for (const auto& [other, cells] : gains) out.others.push_back({.run = other, .cells = cells});
  return out;
}

std::vector<FamiliarChange> ground_removed(RunOrder run, std::span<const CellFirstRun> firsts) {
  std::map<RunId, std::int64_t> losses;
  for (const auto& cell : firsts) {
    assert(cell.first.run != run.run && "the run itself is left out");
    if (run < cell.first) --losses[cell.first.run];
  }
  std::vector<FamiliarChange> out;
  out.reserve(losses.size());
  for (const auto& [other, cells] : losses) out.push_back({.run = other, .cells = cells});
  return out;
}

GroundPlan plan_ground(std::span<const std::vector<CellId>> cells_oldest_first) {
  GroundPlan plan;
  plan.runs.reserve(cells_oldest_first.size());
  std::unordered_set<CellId> seen;
  std::unordered_map<CellId, std::vector<std::size_t>> route_shapes;  // cell → routes
  std::vector<std::size_t> route_sizes;
  std::unordered_map<std::size_t, std::size_t> shared;  // route → cells shared with the run
  std::vector<RouteCandidate> candidates;
  for (std::size_t i = 0; i < cells_oldest_first.size(); ++i) {
    const auto& cells = cells_oldest_first[i];
    PlannedGround ground;
    shared.clear();
    for (const CellId cell : cells) {
      if (seen.contains(cell)) ++ground.familiar_cells;
      if (const auto routes = route_shapes.find(cell); routes != route_shapes.end()) {
        for (const std::size_t route : routes->second) ++shared[route];
      }
    }
    candidates.clear();
    candidates.reserve(shared.size());
    for (const auto& [route, count] : shared) {
      candidates.push_back({.route = static_cast<std::int64_t>(route),
                            .cells = route_sizes[route],
                            .shared = count});
    }
    if (const auto route = matching_route(cells.size(), candidates)) {
      ground.route = static_cast<std::size_t>(*route);
    } else if (cells.size() >= min_route_cells) {
      ground.route = plan.route_makers.size();
      plan.route_makers.push_back(i);
      route_sizes.push_back(cells.size());
      for (const CellId cell : cells) route_shapes[cell].push_back(*ground.route);
    }
    seen.insert(cells.begin(), cells.end());
    plan.runs.push_back(ground);
  }
  return plan;
}

std::string route_display_name(const std::string& name, LocalDate first_run_on) {
  return name.empty() ? "the route first run on " + format_date(first_run_on) : name;
}

}  // namespace cairn
