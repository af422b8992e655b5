#pragma once
/// \file
/// Route familiarity from GPS tracks: the ground a run covers as cells of a grid about 100 m
/// on a side, how much of that ground the runner had run before, and routes run again and
/// again (runs whose ground is mostly the same). The rules are here, pure; the app keeps the
/// results in the store as runs come and go (docs/decisions/0007-route-familiarity.md).

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/track.hpp"

namespace cairn {

/// One cell of the route grid. The grid has rows `route_cell_m` high from the south pole to
/// the north pole, and each row is cut into as many equal columns as fit `route_cell_m` wide
/// at its middle latitude (one at least), so cells stay about 100 m by 100 m away from the
/// equator too. The id is `row * 2^19 + column`; ids are stable (stored), never reused
/// for another place, and only equal for the same cell.
using CellId = std::int64_t;

/// The side of a grid cell, in metres. Changing it changes every stored cell.
inline constexpr double route_cell_m = 100.0;

/// How alike two runs' ground must be for them to be one route: the Jaccard index of their
/// cells (shared cells over all cells of either) at least this. Three fifths: the same loop in
/// either direction (about 0.8 to 1 with GPS noise), or with an extension of up to two thirds
/// of its length, is the same route; an out-and-back along half of it is not.
inline constexpr double same_route_overlap = 0.6;

/// A run on fewer cells than this (a session on a 400 m track, a treadmill run with the GPS
/// on) follows no route: its ground is too small to tell routes apart. Its familiarity still
/// counts.
inline constexpr std::size_t min_route_cells = 5;

/// The cell holding a position; nothing when it is no position on Earth (a latitude outside
/// -90..90, or either not finite). Longitudes outside -180..180 wrap around.
[[nodiscard]] std::optional<CellId> cell_at(double latitude_deg, double longitude_deg);

/// The cells a track passes through, sorted and without repeats; none without positions.
/// Points without a position are passed over. Between two fixes further apart than a quarter
/// of a cell the way is filled in by straight steps (across the antimeridian the short way),
/// so sparse sampling or a short loss of signal skips no cell; fixes more than a kilometre
/// apart, or further than a runner goes at 10 m/s in the time between them (a glitch, a watch
/// paused and carried on a tram), are not joined.
[[nodiscard]] std::vector<CellId> cells_of_track(std::span<const TrackPoint> track);

/// How a run stands on familiar ground, for insights: the share of its cells that runs
/// started before it passed through, and the route it follows when another run follows it
/// too.
struct RouteFamiliarity {
  RunId run{};
  double familiar_share =
      0.0;  ///< 0..1: share of the run's cells seen in runs that started before it
  std::optional<std::int64_t> route{};  ///< absent when no other run follows the same route
  friend bool operator==(const RouteFamiliarity&, const RouteFamiliarity&) = default;
};

/// A route run more than once.
struct KnownRoute {
  std::int64_t id = 0;
  /// The runner's own route name (Run::route_name) given most often to its runs (of names
  /// given equally often, the latest); empty when none was given.
  std::string name{};
  std::vector<RunId> runs{};  ///< oldest first; at least two
  friend bool operator==(const KnownRoute&, const KnownRoute&) = default;
};

/// The name a route goes by: of the route names its runs were given (oldest run first; empty
/// for none), the one given most often, and of those the one given last; empty when none.
[[nodiscard]] std::string route_name_of(std::span<const std::string> names_oldest_first);

/// What a route is called when shown: the runner's own name for it, or, for a route never
/// named, "the route first run on YYYY-MM-DD" (its oldest run's local date).
[[nodiscard]] std::string route_display_name(const std::string& name, LocalDate first_run_on);

/// What the store keeps of one run's ground.
struct RunGround {
  RunId run{};
  /// The run's start when its ground was worked out: where it stands among the others (with
  /// its id, as RunOrder) until its ground is worked out again.
  Timestamp start{};
  std::vector<CellId> cells{};     ///< sorted, unique, never empty
  std::size_t familiar_cells = 0;  ///< how many of `cells` a run that started before passed through
  std::optional<std::int64_t> route{};  ///< the route it follows, if its ground matched or made one
  friend bool operator==(const RunGround&, const RunGround&) = default;
};

/// The Jaccard index of two cell sets of `a` and `b` cells sharing `shared`: shared over all.
/// 0 when both are empty.
[[nodiscard]] double overlap(std::size_t a, std::size_t b, std::size_t shared);

/// A route that shares cells with a run: its id, how many cells its shape has, how many of
/// them the run passes through.
struct RouteCandidate {
  std::int64_t route = 0;
  std::size_t cells = 0;
  std::size_t shared = 0;
  friend bool operator==(const RouteCandidate&, const RouteCandidate&) = default;
};

/// The fewest cells a run on `cell_count` cells must share with a route's shape for the two
/// to be alike enough (same_route_overlap of the larger of them, at least): routes sharing
/// fewer need not be looked at.
[[nodiscard]] std::size_t min_shared_cells(std::size_t cell_count);

/// The route a run on `cell_count` cells follows: of the candidates, the one its ground
/// overlaps most, when that overlap is at least same_route_overlap (of equal overlaps, the
/// lowest id: the route found first). Nothing when none is alike enough, or the run is on
/// fewer than min_route_cells cells (then it makes no route either).
[[nodiscard]] std::optional<std::int64_t> matching_route(
    std::size_t cell_count, std::span<const RouteCandidate> candidates);

/// Where a run stands in the order of runs: by start, then by id (runs starting in the same
/// second are ordered as they were stored).
struct RunOrder {
  Timestamp start{};
  RunId run{};
  friend auto operator<=>(const RunOrder&, const RunOrder&) = default;
};

/// The first run (in RunOrder) through a cell.
struct CellFirstRun {
  CellId cell = 0;
  RunOrder first{};
};

/// A change to how many familiar cells a stored run has.
struct FamiliarChange {
  RunId run{};
  std::int64_t cells = 0;  ///< added (negative: taken away)
  friend bool operator==(const FamiliarChange&, const FamiliarChange&) = default;
};

/// What storing a run's ground changes.
struct GroundAdded {
  std::size_t familiar_cells = 0;      ///< of the new run
  std::vector<FamiliarChange> others;  ///< later runs it was the first through a cell before
};

/// Adds the ground of `run` to the runs stored: `firsts` holds, for each of its cells some
/// other run passes through, the first such run. A cell whose first run started before is
/// familiar to `run`; one whose first run started after becomes familiar to that run (which
/// was the first there until this older run came: history filled in afterwards), and only
/// to that one (every later run counted it already). Changes are by run id.
[[nodiscard]] GroundAdded ground_added(RunOrder run, std::span<const CellFirstRun> firsts);

/// Takes the ground of `run` away from the runs stored (before it is deleted or moved in
/// time): `firsts` as for ground_added, `run` left out. Each cell `run` was the first through
/// is no longer familiar to the next run through it. Changes are by run id.
[[nodiscard]] std::vector<FamiliarChange> ground_removed(RunOrder run,
                                                         std::span<const CellFirstRun> firsts);

/// The ground of every run worked out at once, as storing them one by one in start order
/// would: familiar cells, and routes (each one's shape is the cells of the run that made it).
struct PlannedGround {
  std::size_t familiar_cells = 0;
  std::optional<std::size_t> route{};  ///< index into GroundPlan::route_makers
};
struct GroundPlan {
  std::vector<PlannedGround> runs{};  ///< one per run given, in the same order
  /// Per route, in the order made: the index of the run whose cells are its shape.
  std::vector<std::size_t> route_makers{};
};

/// Plans the ground of runs given oldest first (RunOrder), each as its cells (sorted, unique;
/// a run with none gets nothing). One pass: each cell is looked up in hash tables of the cells
/// seen and of the routes' shapes, never compared run against run.
[[nodiscard]] GroundPlan plan_ground(std::span<const std::vector<CellId>> cells_oldest_first);

}  // namespace cairn
