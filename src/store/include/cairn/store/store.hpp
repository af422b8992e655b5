#pragma once
/// \file
/// The storage interface every backend implements (SQLite now, PostgreSQL later). Every
/// call names the user whose data it touches; no call can reach another user's rows.

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/checkin.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/core/imported_file.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/journal_data.hpp"
#include "cairn/core/review.hpp"
#include "cairn/core/route.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/core/value.hpp"

namespace cairn::store {

/// Where a page of runs ended: the start and id of its last (oldest) run. Runs sharing a
/// start are ordered by id, so the next page neither repeats nor skips one of them.
struct RunCursor {
  Timestamp start{};
  RunId id{};
  friend bool operator==(const RunCursor&, const RunCursor&) = default;
};

/// Which runs to list; every part left empty lets every run through.
struct RunFilter {
  std::optional<Timestamp> from{};   ///< runs starting at or after this instant
  std::optional<Timestamp> until{};  ///< runs starting before this instant
  std::optional<Sport> sport{};
  /// Distance bounds, both inclusive; a run without a distance passes neither.
  std::optional<Distance> min_distance{};
  std::optional<Distance> max_distance{};
  [[nodiscard]] bool empty() const {
    return !from && !until && !sport && !min_distance && !max_distance;
  }
};

/// Which page of runs to list, newest first.
struct RunQuery {
  int limit = 50;                     ///< at most this many runs (at least 1)
  std::optional<RunCursor> before{};  ///< only runs after this cursor; none: from the newest
  RunFilter filter{};
};

/// One page of runs, newest first, and the cursor of the next page.
struct RunPage {
  std::vector<Run> runs{};
  std::optional<RunCursor> next{};  ///< absent when no older run is left
};

/// Durable storage of runners' data.
///
/// Every method throws cairn::Error: Errc::not_found for an id this user does not have,
/// Errc::conflict for a write that contradicts stored data (a value name already taken),
/// Errc::invalid_input when the data fails the domain checks, Errc::storage when the
/// database cannot be read or written. A method that throws has written nothing.
class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  Store(Store&&) = delete;
  Store& operator=(Store&&) = delete;
  virtual ~Store() = default;

  /// Runs `work` as one transaction: all of its writes are kept, or (when it throws) none.
  /// Calls may nest; the outermost one commits. Once it returns, the writes survive a crash.
  virtual void transaction(const std::function<void()>& work) = 0;

  // --- settings: small per-user preferences such as units ------------------------------
  [[nodiscard]] virtual std::optional<std::string> setting(UserId user,
                                                           std::string_view key) const = 0;
  virtual void set_setting(UserId user, std::string_view key, std::string_view value) = 0;

  // --- values and their history ----------------------------------------------------------
  /// All of the user's values in their current state (active and retired), by id.
  [[nodiscard]] virtual std::vector<Value> values(UserId user) const = 0;
  [[nodiscard]] virtual std::optional<Value> find_value(UserId user, ValueId id) const = 0;
  /// Stores a new value and records an 'added' event. Returns it with its id.
  virtual Value add_value(UserId user, Value value, const ValueChangeNote& note,
                          Timestamp recorded_at) = 0;
  /// Stores the new state of an existing value and records the change as `kind` (the use
  /// case decides what kind of change it is, core's classify_change). Throws
  /// Errc::not_found for another user's value, Errc::conflict when `after`'s name is another
  /// value's.
  virtual ValueEvent change_value(UserId user, const Value& after, ValueChangeKind kind,
                                  const ValueChangeNote& note, Timestamp recorded_at) = 0;
  /// Rewrites one value's history (a change dated before later ones, which carry it on):
  /// `current` becomes its state and `events`, all of value `current.id`, its changes. An
  /// event with an id keeps it; one without gets a new id, after every id recorded so far.
  /// Returns the events as stored. Throws Errc::not_found for an unknown value,
  /// Errc::conflict when `current`'s name is another value's.
  virtual std::vector<ValueEvent> replace_value_history(UserId user, const Value& current,
                                                        std::span<const ValueEvent> events) = 0;
  /// Every change to every value, in the order recorded.
  [[nodiscard]] virtual std::vector<ValueEvent> value_history(UserId user) const = 0;

  // --- reviews ----------------------------------------------------------------------------
  virtual Review add_review(UserId user, Review review) = 0;
  [[nodiscard]] virtual std::vector<Review> reviews(UserId user) const = 0;

  // --- runs -------------------------------------------------------------------------------
  virtual Run add_run(UserId user, Run run) = 0;
  /// Stores a run's new state (its ground stays as saved, with the start it was saved with).
  virtual void update_run(UserId user, const Run& run) = 0;
  /// Removes the run with its laps, track, ground and experiment tags (and a route only it
  /// followed). Its journal entry is removed
  /// too when `with_entry`, else kept as a standalone entry. An imported run also takes the
  /// record of the file it came from (the fingerprint in its source_ref, before the '#'), so
  /// that file can be imported again. Throws Error(not_found).
  virtual void delete_run(UserId user, RunId run, bool with_entry) = 0;
  [[nodiscard]] virtual std::optional<Run> find_run(UserId user, RunId id) const = 0;
  /// All runs, oldest first.
  [[nodiscard]] virtual std::vector<Run> runs(UserId user) const = 0;
  /// One page of runs, newest first (by start, then by id), with their laps. Pass a page's
  /// `next` as the following query's `before`. Throws Errc::invalid_input for a limit below 1.
  [[nodiscard]] virtual RunPage runs_page(UserId user, const RunQuery& query) const = 0;
  /// How many runs of the user pass `filter`.
  [[nodiscard]] virtual std::size_t count_runs(UserId user, const RunFilter& filter) const = 0;
  /// How many runs the user has (one query, no run read).
  [[nodiscard]] virtual std::size_t run_count(UserId user) const = 0;
  /// Runs whose start lies in [from, to], oldest first.
  [[nodiscard]] virtual std::vector<Run> runs_starting_between(UserId user, Timestamp from,
                                                               Timestamp to) const = 0;
  /// The run imported from `source_ref` (a file fingerprint and session), if any.
  [[nodiscard]] virtual std::optional<Run> run_from_source(UserId user,
                                                           std::string_view source_ref) const = 0;
  /// The runs imported from the file with this content fingerprint (every session of it),
  /// by id.
  [[nodiscard]] virtual std::vector<RunId> runs_from_file(UserId user,
                                                          std::string_view fingerprint) const = 0;
  /// Stores (replacing) a run's track. Throws Errc::not_found for another user's run.
  virtual void save_track(UserId user, RunId run, std::span<const TrackPoint> track) = 0;
  /// A run's track; empty when it has none.
  [[nodiscard]] virtual std::vector<TrackPoint> track(UserId user, RunId run) const = 0;

  // --- route familiarity -----------------------------------------------------------------
  // The ground each run with GPS covers (its cells of core's route grid), how much of it runs
  // started before it covered, and the routes found: derived from the tracks by the app
  // (app/route_ground.hpp), which decides every number; never exported, rebuilt on restore.
  // A run's rows go with the run.

  /// For each of `cells` that a run other than `except` passes through, the first such run
  /// (by the start its ground was saved with, then id), in one query over the (user, cell)
  /// index; for a cell `except` was the first through, the next run there is found from
  /// every run's stored cells (one pass over them).
  [[nodiscard]] virtual std::vector<CellFirstRun> first_runs_through(UserId user,
                                                                     std::span<const CellId> cells,
                                                                     RunId except) const = 0;
  /// The routes whose shape shares at least `at_least` (one at least) of `cells`, by id, with
  /// how many.
  [[nodiscard]] virtual std::vector<RouteCandidate> routes_sharing(UserId user,
                                                                   std::span<const CellId> cells,
                                                                   std::size_t at_least) const = 0;
  /// Stores a new route whose shape is `shape` (sorted, unique, not empty); returns its id.
  /// Ids are never reused.
  virtual std::int64_t add_route(UserId user, std::span<const CellId> shape) = 0;
  /// Stores (replacing) the ground of each run given, each becoming the first through its
  /// cells that no run started before; many at once (a whole journal's) are written in the
  /// order of the (user, cell) index. Throws Errc::not_found for another user's run or route.
  virtual void save_run_grounds(UserId user, std::span<const RunGround> grounds) = 0;
  /// Adds each change to the familiar cells of its run (runs without ground are passed over).
  virtual void add_familiar_cells(UserId user, std::span<const FamiliarChange> changes) = 0;
  /// A run's ground as saved, if it has any.
  [[nodiscard]] virtual std::optional<RunGround> run_ground(UserId user, RunId run) const = 0;
  /// Removes a run's ground: the cells it was the first through pass to the next run there,
  /// and a route no run follows any more goes.
  virtual void remove_run_ground(UserId user, RunId run) = 0;
  /// Removes the ground of every run of the user, and every route, before it is worked out
  /// again; the user no longer waits for that (ground_rebuild_pending).
  virtual void clear_ground(UserId user) = 0;
  /// True when the user's runs with tracks were stored before the store kept their ground
  /// (a database from an older Cairn), so the ground must be worked out for all of them.
  [[nodiscard]] virtual bool ground_rebuild_pending(UserId user) const = 0;
  /// The familiarity of every run with ground, oldest first (by start, then id), in one query.
  /// A run's route is given only when another run follows it too.
  [[nodiscard]] virtual std::vector<RouteFamiliarity> route_familiarity(UserId user) const = 0;
  /// Every route at least two runs follow, by id, each named by core's route_name_of from
  /// its runs' route names.
  [[nodiscard]] virtual std::vector<KnownRoute> known_routes(UserId user) const = 0;

  // --- imported files ---------------------------------------------------------------------
  /// The file with this content fingerprint imported before, if any.
  [[nodiscard]] virtual std::optional<ImportedFile> imported_file(
      UserId user, std::string_view fingerprint) const = 0;
  /// Remembers an imported file (name for the runner's information only). A fingerprint
  /// already remembered keeps its first record.
  virtual void record_imported_file(UserId user, std::string_view fingerprint,
                                    std::string_view name, Timestamp at, int run_count) = 0;
  /// Every file the user imported, by fingerprint.
  [[nodiscard]] virtual std::vector<ImportedFile> imported_files(UserId user) const = 0;

  // --- journal ----------------------------------------------------------------------------
  /// Stores a new entry. Throws Errc::conflict when its run already has an entry.
  virtual JournalEntry add_entry(UserId user, JournalEntry entry) = 0;
  virtual void update_entry(UserId user, const JournalEntry& entry) = 0;
  [[nodiscard]] virtual std::optional<JournalEntry> find_entry(UserId user,
                                                               JournalEntryId id) const = 0;
  [[nodiscard]] virtual std::optional<JournalEntry> entry_for_run(UserId user, RunId run) const = 0;
  /// All entries, oldest first.
  [[nodiscard]] virtual std::vector<JournalEntry> entries(UserId user) const = 0;
  /// Entries with no run whose time lies in [from, to], oldest first.
  [[nodiscard]] virtual std::vector<JournalEntry> unattached_entries_between(
      UserId user, Timestamp from, Timestamp to) const = 0;

  // --- experiments ------------------------------------------------------------------------
  virtual Experiment add_experiment(UserId user, Experiment experiment) = 0;
  virtual void update_experiment(UserId user, const Experiment& experiment) = 0;
  [[nodiscard]] virtual std::optional<Experiment> find_experiment(UserId user,
                                                                  ExperimentId id) const = 0;
  [[nodiscard]] virtual std::vector<Experiment> experiments(UserId user) const = 0;

  // --- check-ins --------------------------------------------------------------------------
  virtual CheckIn add_checkin(UserId user, CheckIn checkin) = 0;
  [[nodiscard]] virtual std::vector<CheckIn> checkins(UserId user) const = 0;

  // --- the whole data set -----------------------------------------------------------------
  /// True when the user has no values, runs, entries, experiments, check-ins, reviews or
  /// imported files.
  [[nodiscard]] virtual bool is_empty(UserId user) const = 0;
  /// Everything the user has, each list ordered by id (imported files by fingerprint), with
  /// the track of every run that has one.
  [[nodiscard]] virtual JournalData load_all(UserId user) const = 0;
  /// What load_all returns but the tracks (most of the bytes, and of no use to statistics):
  /// the snapshot computation such as insights works on. Never reads a track; `tracks` is
  /// empty.
  [[nodiscard]] virtual JournalData snapshot(UserId user) const = 0;
  /// Writes `data` into the user's empty data set, in one transaction, each imported file
  /// keeping its time. Route familiarity is not part of it: the runs are stored without
  /// ground, for the app to work it out. The rows of a kind keep their ids when every one of them
  /// lies above every id the database ever gave that kind (so a restore into a fresh database is an
  /// exact copy); otherwise the database gives them new ids, in the same order, and every
  /// reference follows (entries to runs and values, value events to values and reviews,
  /// experiments to values and runs, check-in areas to values, tracks to runs): a restore
  /// never depends on ids being free in a database other users share. Throws Errc::conflict
  /// when the user already has data or `data` names an imported file twice,
  /// Errc::not_found for a reference to a row not in `data`.
  virtual void restore_all(UserId user, const JournalData& data) = 0;
  // A backup is the backend's own concern (a file copy for SQLite, pg_dump for a server):
  // see backup_sqlite_store.
};

}  // namespace cairn::store
