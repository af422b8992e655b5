#pragma once
/// \file
/// Route familiarity kept up to date as runs are stored, moved and deleted: the one place
/// where the app turns tracks into ground (core/route.hpp's rules) and keeps it in the store,
/// reading only the runs that share a run's cells (docs/decisions/0007-route-familiarity.md).
/// Every function writes in one transaction and throws what the store throws.

#include <cstddef>
#include <span>

#include "cairn/core/ids.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/store/store.hpp"

namespace cairn::app {

/// Stores `track` as the track of the stored run `run` and works out the run's ground (as
/// learn_ground). Every use case that stores a track stores it through this.
void save_run_track(store::Store& store, UserId user, const Run& run,
                    std::span<const TrackPoint> track);

/// Works out the ground of the stored run `run` from its track (stored or about to be), in
/// place of any it had: the cells it passes through; how many of them a run started before
/// it passed through; the route whose shape it overlaps enough, or a new route of its own
/// cells; and, when it started before runs already stored (history filled in afterwards),
/// the cells those runs now have as familiar because it was there first. Only the first run
/// through each of its cells and the routes sharing its cells are read. A track without
/// positions leaves the run without ground.
void learn_ground(store::Store& store, UserId user, const Run& run,
                  std::span<const TrackPoint> track);

/// Takes the ground of run `id` away from the others (each cell it was the first through
/// is no longer familiar to the next run there) and removes it. Call it while the run is
/// stored as its ground was worked out: before it is deleted or its start changes. Returns
/// whether the run had ground.
bool forget_ground(store::Store& store, UserId user, RunId id);

/// Works out the ground of every run of the user again, oldest first, in one pass over the
/// tracks (core's plan_ground: linear, never run against run), in place of what was stored:
/// after a restore, or for a journal kept before Cairn knew routes. Returns how many runs
/// have ground.
std::size_t rebuild_ground(store::Store& store, UserId user);

/// rebuild_ground when the store says the user's ground was never worked out (a database an
/// older Cairn wrote); returns whether it did.
bool catch_up_ground(store::Store& store, UserId user);

}  // namespace cairn::app
