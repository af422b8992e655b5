#pragma once
/// \file
/// The runner's use cases, shared by the command line and the HTTP API: each one checks the
/// domain rules that need stored data (which values were in force on a run's date, ...) and
/// writes through the Store in one transaction.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/checkin.hpp"
#include "cairn/core/clock.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/review.hpp"
#include "cairn/core/route.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/core/units.hpp"
#include "cairn/core/value.hpp"
#include "cairn/insights/insights.hpp"
#include "cairn/store/store.hpp"

namespace cairn::app {

/// A run and, when one was written, its journal entry.
struct LoggedRun {
  Run run;
  std::optional<JournalEntry> entry;
};

/// Two records of one run made one: the run kept (with its entry) and the id removed.
struct MergedRuns {
  LoggedRun kept;
  RunId removed{};
};

/// A value with its whole history, oldest change first.
struct ValueStory {
  Value value;
  std::vector<ValueEvent> history;
};

/// How much of a run was on ground the runner had run before, and the route it follows.
struct RunGroundSummary {
  double familiar_share = 0.0;        ///< 0..1, of the run's cells
  std::optional<KnownRoute> route{};  ///< when another run follows the same route
  std::string route_name{};           ///< the route as shown (core's route_display_name)
};

/// The journal at a glance, for a start screen.
struct JournalStatus {
  std::vector<Value> values_in_force{};  ///< today's, most important first
  std::size_t runs = 0;
  std::optional<Run> last_run{};  ///< the one that started last
  std::size_t entries = 0;
  std::size_t open_experiments = 0;
};

/// What a watch recorded about how a run felt, for the run's journal entry.
struct WatchAnswers {
  std::optional<int> energy_after;
  std::optional<int> effort;
};

/// One change a review makes to a value: the value as it should be afterwards.
struct ReviewChange {
  Value after;
  std::string reason;  ///< why this value changed; the review's trigger when empty
};

/// A run refused because it is past the plausibility limits; `field()` names what ("pace",
/// "elapsed_s", "distance_m", "start.utc"). The runner can insist (see JournalService::log_run).
class ImplausibleRun : public Error {
 public:
  ImplausibleRun(std::string field, const std::string& message)
      : Error(Errc::invalid_input, message, std::move(field)) {}
};

/// The entry of a run logged with it (log_run) refused: the run was not stored either. Its
/// field is the entry's own ("enjoyment"); the type says which of the two it is about.
class EntryRefused : public Error {
 public:
  explicit EntryRefused(const Error& error) : Error(error.code(), error.what(), error.field()) {}
};

/// A run refused because the same run is stored already (core's same_run: starting in the
/// same minute, or within three minutes with a distance that agrees); `existing` names it.
class DuplicateRun : public Error {
 public:
  /// The field is the run's `start`: what makes it the same run as `existing`.
  DuplicateRun(RunId existing, const std::string& message)
      : Error(Errc::conflict, message, "start"), existing_(existing) {}
  [[nodiscard]] RunId existing() const noexcept { return existing_; }

 private:
  RunId existing_;
};

/// A value named when the journal starts, with the day it has mattered since.
struct StartingValue {
  Value value;
  ValueChangeNote note;
};

/// What a runner's first answers settle (the guided start): their units, home zone and first
/// values; what is absent stays as it is.
struct JournalStart {
  std::optional<UnitSystem> units{};
  std::optional<std::string> zone{};
  std::vector<StartingValue> values{};
};

/// The use cases of one runner over a store. Cheap to create; holds no data of its own.
class JournalService {
 public:
  /// Every use case reads the time from `clock` (the date a value changes, when an entry was
  /// written, what "today" and "the future" are).
  JournalService(store::Store& store, UserId user, Clock clock = Clock::system())
      : store_(store), user_(user), clock_(clock) {}

  /// The current instant, by the service's clock.
  [[nodiscard]] Timestamp now() const { return clock_.now(); }
  [[nodiscard]] const Clock& clock() const noexcept { return clock_; }

  // --- preferences ------------------------------------------------------------------------
  /// The runner's units; metric until chosen.
  [[nodiscard]] UnitSystem units() const;
  void set_units(UnitSystem units);
  /// The runner's home time zone: the saved one, else the machine's.
  [[nodiscard]] std::string zone() const;
  /// Saves the home zone; throws Error(invalid_input) for an unknown zone.
  void set_zone(std::string_view zone);
  /// Today in the runner's zone.
  [[nodiscard]] LocalDate today() const;
  /// Saves the answers of the guided start in one transaction, each checked as set_zone and
  /// add_value check it: all of them, or (when one is refused, with that use case's error)
  /// none.
  void start_journal(const JournalStart& start);

  /// The journal at a glance: today's values, how many runs and entries, the last run, the
  /// experiments still open.
  [[nodiscard]] JournalStatus status() const;

  /// What the journal says as it stood at the end of `as_of` (default: today): computed
  /// from a snapshot without tracks. Throws Error(invalid_input, field "as_of") for a date
  /// after today.
  [[nodiscard]] insights::Insights insights(std::optional<LocalDate> as_of = std::nullopt) const;
  /// One experiment's result card as of today, exactly as `insights` gives it (its claims
  /// weighed with every other comparison, so both say the same); nothing for an experiment
  /// that has not started yet. Throws Error(not_found) for an unknown experiment.
  [[nodiscard]] std::optional<insights::ExperimentCard> experiment_card(ExperimentId id) const;

  // --- values -----------------------------------------------------------------------------
  [[nodiscard]] std::vector<Value> values() const;
  /// Finds a value by its id, its key (`clear_mind`) or its name, in any case (core's
  /// find_value_by_reference); throws Error(not_found) naming it. Every command that takes a
  /// value finds it here.
  [[nodiscard]] Value value_named(std::string_view reference) const;
  /// The value `reference` names (as value_named) and every change to it.
  [[nodiscard]] ValueStory value_story(std::string_view reference) const;
  /// The active values in force on a date, most important first.
  [[nodiscard]] std::vector<Value> values_at(LocalDate on) const;
  [[nodiscard]] std::vector<ValueEvent> value_history() const;
  /// The value `reference` names (as value_named), or nothing.
  [[nodiscard]] std::optional<Value> find_value(std::string_view reference) const;
  /// Adds a value; one whose name (in any case) or key (value_key) is an active value's
  /// already is refused with Error(conflict) naming that value.
  Value add_value(const Value& value, const ValueChangeNote& note);
  /// Says a stored value mattered since an earlier date than the one it was added on: its
  /// 'added' change moves to `since`. Moving it later is refused with Error(invalid_input)
  /// (it could contradict the changes in between). Returns the moved change.
  ValueEvent hold_value_since(ValueId id, LocalDate since);
  /// Records a change; `after.id` names the value. Retiring a retired value or restoring an
  /// active one is refused with Error(invalid_input). A change dated before later changes
  /// of the value (backdated) is recorded at its date and carried on by the later ones,
  /// except in the fields a later change set itself; it is refused with Error(invalid_input)
  /// naming the change it contradicts when it comes before the value was added, falls while
  /// it was retired, or retires or restores it (the later changes were of a value in use).
  /// Retiring a value on a date before a journal entry that names it (an alignment or the
  /// motive) is refused with Error(invalid_input) naming the latest such entry.
  ValueEvent change_value(const Value& after, const ValueChangeNote& note);
  /// Retires the active value `reference` names (kept in history, as change_value records
  /// it); a retired one is refused with Error(invalid_input).
  ValueEvent retire_value(std::string_view reference, const ValueChangeNote& note);
  /// Brings back the retired value `reference` names; an active one is refused with
  /// Error(invalid_input).
  ValueEvent restore_value(std::string_view reference, const ValueChangeNote& note);

  // --- runs and journal -------------------------------------------------------------------
  [[nodiscard]] std::vector<Run> runs() const;
  /// One page of runs, newest first (store::RunQuery: a limit and the cursor of the page
  /// before).
  [[nodiscard]] store::RunPage runs_page(const store::RunQuery& query) const;
  [[nodiscard]] std::size_t run_count() const;
  /// How many runs pass `filter`.
  [[nodiscard]] std::size_t count_runs(const store::RunFilter& filter) const;
  /// The filter of runs started from `from` to `to` (local dates in the runner's zone, both
  /// days included; either may be absent). Throws Error(invalid_input) naming `to` when it
  /// is before `from`.
  [[nodiscard]] store::RunFilter runs_between(std::optional<LocalDate> from,
                                              std::optional<LocalDate> to) const;
  /// Throws Error(not_found) naming the id.
  [[nodiscard]] Run run(RunId id) const;
  /// The run's recorded track (empty for a run typed in); Error(not_found) as run().
  [[nodiscard]] std::vector<TrackPoint> track(RunId id) const;
  /// The run's splits from its track, every kilometre or every mile as the runner's units
  /// say (the last one shorter); none without a track with distances.
  [[nodiscard]] std::vector<Split> splits(RunId id) const;
  /// Stores a run and its entry together. The entry is checked against the values in force
  /// on the run's date; nothing is stored when either is refused (a refused entry throws
  /// EntryRefused). A run past the
  /// plausibility limits (core/plausibility.hpp: a pace no runner holds, more than a week, a
  /// date in the future) throws ImplausibleRun unless `accept_implausible`; the same run
  /// stored already throws DuplicateRun.
  LoggedRun log_run(const Run& run, const std::optional<JournalEntry>& entry,
                    bool accept_implausible = false);
  /// Replaces the stored run `edited.id` with `edited`, checked as log_run checks a new run
  /// (only when its start or numbers change: a run stored past the limits on purpose can
  /// still get a title). Its entry follows the run's new start and must fit the values in
  /// force on the new date; a run tagged in an experiment must stay in its period. Throws
  /// Error(not_found) for an unknown id, Error(invalid_input) when nothing changes or a rule
  /// is broken, ImplausibleRun, DuplicateRun when it would become another stored run;
  /// nothing is written then.
  /// A changed elapsed time drops a moving time left unchanged (core's without_stale_moving).
  LoggedRun edit_run(const Run& edited, bool accept_implausible = false);
  /// What merge_runs(a, b) would do, writing nothing: throws as merge_runs does.
  [[nodiscard]] MergedRuns plan_merge(RunId a, RunId b) const;
  /// Makes two records of one run (typed in, then imported) one. The run read from a file is
  /// kept (else `a`), with every number, word, lap and track only the other has; the
  /// removed run's entry and experiment tags move to it. When both have an entry, the two
  /// become one if no answer differs (free text is joined), else Error(conflict) names the
  /// answers. Runs starting more than a day apart, a run merged with itself, or a result
  /// that breaks a rule (an entry's values, an experiment's period) are refused; nothing is
  /// written then.
  MergedRuns merge_runs(RunId a, RunId b);
  /// Deletes a run (laps, track, experiment tags); its entry stays as a standalone entry
  /// unless `with_entry`. Runs after it that had ground as familiar only through it no
  /// longer do. Throws Error(not_found) naming the id.
  void delete_run(RunId id, bool with_entry);
  /// How the run stands on familiar ground (app/route_ground.hpp); nothing for a run without
  /// GPS. Throws Error(not_found) as run().
  [[nodiscard]] std::optional<RunGroundSummary> ground(RunId id) const;
  /// Every run with GPS, oldest first: the share of it on ground run before, and its route
  /// when another run follows it too.
  [[nodiscard]] std::vector<RouteFamiliarity> route_familiarity() const;
  /// The routes run more than once, by id.
  [[nodiscard]] std::vector<KnownRoute> known_routes() const;
  [[nodiscard]] std::vector<JournalEntry> entries() const;
  [[nodiscard]] JournalEntry entry(JournalEntryId id) const;
  [[nodiscard]] std::optional<JournalEntry> entry_for_run(RunId run) const;
  /// Stores a new entry, attached to `entry.run` when set (its time is then the run's).
  JournalEntry add_entry(JournalEntry entry);
  /// Replaces an entry's answers; throws Error(not_found) for an unknown id.
  JournalEntry update_entry(JournalEntry entry);
  /// Gives a run read from a file its journal entry. The runner's standalone entry written
  /// nearest the run's start (from `window` before it starts to `window` after it ends) is
  /// attached to it, and the watch's answers fill only what the runner left blank; without
  /// one, an entry of the watch's answers alone is written when there are any. An entry
  /// that does not fit the values in force on the run's date stays standalone. Returns the
  /// run's entry, if it has one now.
  std::optional<JournalEntry> give_run_its_entry(const Run& run, const WatchAnswers& watch,
                                                 std::chrono::seconds window);
  /// Prompts for the free text, drawn from the values in force on `day`.
  [[nodiscard]] std::vector<std::string> prompts_for(LocalDate day) const;

  // --- experiments ------------------------------------------------------------------------
  [[nodiscard]] std::vector<Experiment> experiments() const;
  [[nodiscard]] Experiment experiment(ExperimentId id) const;
  /// Starts an experiment on an active value. A form cue goal is refused (conflict, field
  /// `goal.cue`) while another experiment with one overlaps its period: one cue at a time,
  /// so an entry's one cue rating is about one cue (decision 0008).
  Experiment start_experiment(Experiment experiment);
  /// The experiment with a form cue goal whose period (start to its end, or its planned end
  /// while open) holds `day`, if any: what a journal entry's cue rating is about.
  [[nodiscard]] std::optional<Experiment> form_cue_experiment_on(LocalDate day) const;
  /// Tags runs as part of an experiment; a run outside its period (from its start to its
  /// planned or actual end) is refused with Error(invalid_input), and nothing is tagged.
  Experiment tag_runs(ExperimentId id, const std::vector<RunId>& runs);
  /// Takes runs out of an experiment; a run not tagged in it is refused.
  Experiment untag_runs(ExperimentId id, const std::vector<RunId>& runs);
  /// Closes an open experiment with the runner's reflection and decision.
  Experiment end_experiment(ExperimentId id, LocalDate ended_on, std::string reflection,
                            ExperimentDecision decision);
  /// Runs that belong to an experiment: the tagged ones.
  [[nodiscard]] std::vector<Run> experiment_runs(const Experiment& experiment) const;

  // --- check-ins and reviews --------------------------------------------------------------
  [[nodiscard]] std::vector<CheckIn> checkins() const;
  /// Stores a check-in; its areas must be values in force on its date.
  CheckIn add_checkin(CheckIn checkin);
  [[nodiscard]] std::vector<Review> reviews() const;
  /// Records a review and the value changes it made, all in one transaction. A review that
  /// changes nothing needs notes saying why everything stays (Error(invalid_input), field
  /// "notes", otherwise).
  Review review(Review review, const std::vector<ReviewChange>& changes);

 private:
  // Throws Error(invalid_input) for a cue rating on a day no form cue experiment holds.
  void refuse_cue_rating_without_cue(const JournalEntry& entry) const;
  /// run(), with `field` on the not_found: the request's field that named the run (a merge's
  /// other run is `with`), where the address's own id needs none.
  [[nodiscard]] Run run_named_by(RunId id, std::string field) const;
  // Throws Error(invalid_input) naming `field` when `what` is dated after today.
  void refuse_future(LocalDate on, std::string_view what = "a value change",
                     std::string_view field = "effective_on") const;
  /// change_value for a date before `history[first_later]` (the value's history, by date).
  ValueEvent backdate_change(const Value& after, const ValueChangeNote& note,
                             std::vector<ValueEvent> history, std::size_t first_later);
  /// Throws DuplicateRun when a stored run other than `run.id` is the same run.
  void refuse_duplicate(const Run& run) const;
  /// Throws Error(invalid_input) naming the latest entry after `on` that names `value`.
  void refuse_retiring_under_entries(const Value& value, LocalDate on) const;

  store::Store& store_;
  UserId user_;
  Clock clock_;
};

}  // namespace cairn::app
