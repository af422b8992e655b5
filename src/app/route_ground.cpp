#include "cairn/app/route_ground.hpp"

#include <optional>
#include <utility>
#include <vector>

#include "cairn/core/route.hpp"

namespace cairn::app {

void save_run_track(store::Store& store, UserId user, const Run& run,
                    std::span<const TrackPoint> track) {
  store.transaction([&] {
    store.save_track(user, run.id, track);
    learn_ground(store, user, run, track);
  });
}

void learn_ground(store::Store& store, UserId user, const Run& run,
                  std::span<const TrackPoint> track) {
  auto cells = cells_of_track(track);
  store.transaction([&] {
    forget_ground(store, user, run.id);
    if (cells.empty()) return;  // no GPS: the runner's own new/familiar answer stands
    const auto added = ground_added({.start = run.start.utc, .run = run.id},
                                    store.first_runs_through(user, cells, run.id));
    store.add_familiar_cells(user, added.others);
    std::optional<std::int64_t> route;
    if (cells.size() >= min_route_cells) {
      route = matching_route(cells.size(),
                             store.routes_sharing(user, cells, min_shared_cells(cells.size())));
      if (!route) route = store.add_route(user, cells);
    }
    const RunGround ground{.run = run.id,
                           .start = run.start.utc,
                           .cells = std::move(cells),
                           .familiar_cells = added.familiar_cells,
                           .route = route};
    store.save_run_grounds(user, std::span(&ground, 1));
  });
}

bool forget_ground(store::Store& store, UserId user, RunId id) {
  bool had = false;
  store.transaction([&] {
    const auto ground = store.run_ground(user, id);
    if (!ground) return;
    // Where the run stood when its ground was worked out, whatever its start is now.
    store.add_familiar_cells(user,
                             ground_removed({.start = ground->start, .run = id},
                                            store.first_runs_through(user, ground->cells, id)));
    store.remove_run_ground(user, id);
    had = true;
  });
  return had;
}

std::size_t rebuild_ground(store::Store& store, UserId user) {
  std::size_t with_ground = 0;
  store.transaction([&] {
    store.clear_ground(user);
    std::vector<RunOrder> runs;
    std::vector<std::vector<CellId>> cells;
    for (const auto& run : store.runs(user)) {  // oldest first, as RunOrder
      auto ground = cells_of_track(store.track(user, run.id));
      if (ground.empty()) continue;
      runs.push_back({.start = run.start.utc, .run = run.id});
      cells.push_back(std::move(ground));
    }
    const auto plan = plan_ground(cells);
    std::vector<std::int64_t> routes;
    routes.reserve(plan.route_makers.size());
    for (const std::size_t maker : plan.route_makers) {
      routes.push_back(store.add_route(user, cells[maker]));
    }
    std::vector<RunGround> grounds;
    grounds.reserve(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto& planned = plan.runs[i];
      grounds.push_back(
          {.run = runs[i].run,
           .start = runs[i].start,
           .cells = std::move(cells[i]),
           .familiar_cells = planned.familiar_cells,
           .route = planned.route ? std::optional(routes[*planned.route]) : std::nullopt});
    }
    store.save_run_grounds(user, grounds);  // in one go, in the index's order
    with_ground = runs.size();
  });
  return with_ground;
}

bool catch_up_ground(store::Store& store, UserId user) {
  if (!store.ground_rebuild_pending(user)) return false;
  rebuild_ground(store, user);
  return true;
}

}  // namespace cairn::app
