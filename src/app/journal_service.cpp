#include "cairn/app/journal_service.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "cairn/app/route_ground.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/plausibility.hpp"

#include "run_merge.hpp"

namespace cairn::app {
namespace {

constexpr std::string_view units_key = "units";
constexpr std::string_view zone_key = "zone";

}  // namespace

UnitSystem JournalService::units() const {
  const auto saved = store_.setting(user_, units_key);
  return saved ? parse_unit_system(*saved) : UnitSystem::metric;
}

void JournalService::set_units(UnitSystem units) {
  store_.set_setting(user_, units_key, unit_system_name(units));
}

std::string JournalService::zone() const {
  const auto saved = store_.setting(user_, zone_key);
  return saved ? *saved : current_zone_name();
}

void JournalService::set_zone(std::string_view zone) {
  check_zone(zone);
  store_.set_setting(user_, zone_key, zone);
}

void JournalService::start_journal(const JournalStart& start) {
  store_.transaction([&] {
    if (start.units) set_units(*start.units);
    if (start.zone) set_zone(*start.zone);
    for (const auto& [value, note] : start.values) add_value(value, note);
  });
}

store::RunPage JournalService::runs_page(const store::RunQuery& query) const {
  return store_.runs_page(user_, query);
}

std::size_t JournalService::run_count() const { return store_.run_count(user_); }

std::size_t JournalService::count_runs(const store::RunFilter& filter) const {
  return store_.count_runs(user_, filter);
}

store::RunFilter JournalService::runs_between(std::optional<LocalDate> from,
                                              std::optional<LocalDate> to) const {
  if (from && to && *to < *from) {
    throw Error(Errc::invalid_input,
                fmt::format("the last day, {}, is before the first, {}", format_date(*to),
                            format_date(*from)),
                "to");
  }
  // Midnight of a day where the runner lives: a day of runs as the runner counts it.
  const auto midnight = [&](LocalDate day) {
    return parse_local_time(format_date(day), zone()).utc;
  };
  store::RunFilter filter;
  if (from) filter.from = midnight(*from);
  if (to) {
    const LocalDate after{std::chrono::sys_days{*to} + std::chrono::days{1}};
    if (after.year() > std::chrono::year{9999}) {
      throw Error(Errc::invalid_input,
                  fmt::format("the last day, {}, is past the last date Cairn keeps (9999-12-30)",
                              format_date(*to)),
                  "to");
    }
    filter.until = midnight(after);
  }
  return filter;
}

insights::Insights JournalService::insights(std::optional<LocalDate> as_of) const {
  const LocalDate day = as_of.value_or(today());
  if (day > today()) {
    throw Error(Errc::invalid_input,
                fmt::format("insights are of the past: {} is after today ({})", format_date(day),
                            format_date(today())),
                "as_of");
  }
  const JournalData data = store_.snapshot(user_);
  const auto ground = store_.route_familiarity(user_);
  const auto routes = store_.known_routes(user_);
  return insights::compute_insights(
      {.data = &data, .as_of = day, .ground = ground, .routes = routes});
}

std::optional<insights::ExperimentCard> JournalService::experiment_card(ExperimentId id) const {
  static_cast<void>(experiment(id));  // not_found for an unknown one
  auto all = insights();
  for (auto& card : all.experiments) {
    if (card.experiment == id) return std::move(card);
  }
  return std::nullopt;
}

JournalStatus JournalService::status() const {
  JournalStatus status;
  status.values_in_force = values_at(today());
  // A count and the newest run, not every run read to find them.
  status.runs = store_.run_count(user_);
  if (status.runs > 0) {
    auto newest = store_.runs_page(user_, {.limit = 1, .before = std::nullopt}).runs;
    if (!newest.empty()) status.last_run = std::move(newest.front());
  }
  status.entries = store_.entries(user_).size();
  const auto experiments = store_.experiments(user_);
  status.open_experiments = static_cast<std::size_t>(std::count_if(
      experiments.begin(), experiments.end(), [](const Experiment& e) { return is_open(e); }));
  return status;
}

LocalDate JournalService::today() const { return local_date_of(ZonedTime{now(), zone()}); }

std::vector<Value> JournalService::values() const { return store_.values(user_); }

std::optional<Value> JournalService::find_value(std::string_view reference) const {
  return find_value_by_reference(values(), reference);
}

Value JournalService::value_named(std::string_view reference) const {
  auto found = find_value(reference);
  if (!found) {
    throw Error(Errc::not_found,
                fmt::format("no value named '{}' (a value is found by its id, key or name)",
                            std::string(reference)));
  }
  return *found;
}

ValueStory JournalService::value_story(std::string_view reference) const {
  ValueStory story{.value = value_named(reference), .history = {}};
  for (auto& event : value_history()) {
    if (event.after.id == story.value.id) story.history.push_back(std::move(event));
  }
  std::stable_sort(
      story.history.begin(), story.history.end(),
      [](const ValueEvent& a, const ValueEvent& b) { return a.effective_on < b.effective_on; });
  return story;
}

std::vector<Value> JournalService::values_at(LocalDate on) const {
  return value_set_at(store_.value_history(user_), on);
}

std::vector<ValueEvent> JournalService::value_history() const {
  return store_.value_history(user_);
}

void JournalService::refuse_future(LocalDate on, std::string_view what,
                                   std::string_view field) const {
  // What the journal holds is asked of today; a record dated later would show as true now,
  // before it was.
  if (on > today()) {
    throw Error(Errc::invalid_input,
                fmt::format("{} cannot be dated in the future ({}; today is {})", what,
                            format_date(on), format_date(today())),
                std::string(field));
  }
}

Value JournalService::add_value(const Value& value, const ValueChangeNote& note) {
  check_value(value);
  refuse_future(note.effective_on);
  if (const auto existing = clashing_value(store_.values(user_), value)) {
    const auto lower = [](std::string text) {
      for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return text;
    };
    if (lower(existing->name) == lower(value.name)) {
      throw Error(Errc::conflict,
                  fmt::format("a value named '{}' already exists (value #{})", existing->name,
                              existing->id.value),
                  "name");
    }
    // The key is the catalogue's when the value starts from it: another name would not
    // change it, and the runner most likely holds that value already in other words.
    if (value.catalogue_key) {
      throw Error(Errc::conflict,
                  fmt::format("a value with the key '{}' already exists: value #{} '{}' (change "
                              "that one, or retire it first)",
                              value_key(value), existing->id.value, existing->name),
                  "catalogue_key");
    }
    throw Error(Errc::conflict,
                fmt::format("a value with the key '{}' already exists: value #{} '{}' (give "
                            "this one another name)",
                            value_key(value), existing->id.value, existing->name),
                "name");
  }
  return store_.add_value(user_, value, note, now());
}

ValueEvent JournalService::hold_value_since(ValueId id, LocalDate since) {
  refuse_future(since);
  const auto current = store_.find_value(user_, id);
  if (!current) throw Error(Errc::not_found, fmt::format("value #{} not found", id.value));
  std::vector<ValueEvent> history = store_.value_history(user_);
  std::erase_if(history, [&](const ValueEvent& event) { return event.after.id != id; });
  const auto added = std::find_if(history.begin(), history.end(), [](const ValueEvent& event) {
    return event.kind == ValueChangeKind::added;
  });
  assert(added != history.end() && "every value has its 'added' change");
  if (since >= added->effective_on) {
    throw Error(Errc::invalid_input,
                fmt::format("value '{}' is held since {} already: its start can only move "
                            "earlier",
                            current->name, format_date(added->effective_on)));
  }
  added->effective_on = since;
  const auto index = added - history.begin();
  return store_.replace_value_history(user_, *current, history)[static_cast<std::size_t>(index)];
}

namespace {

// The fields of a value a change can carry on to later changes; `active` is not among them
// (retiring or restoring before a later change contradicts it).
struct ValueField {
  bool (*same)(const Value&, const Value&);
  void (*copy)(Value& to, const Value& from);
};

template <auto member>
constexpr ValueField field_of() {
  return {[](const Value& a, const Value& b) { return a.*member == b.*member; },
          [](Value& to, const Value& from) { to.*member = from.*member; }};
}

constexpr std::array value_fields{field_of<&Value::name>(),         field_of<&Value::description>(),
                                  field_of<&Value::why>(),          field_of<&Value::link>(),
                                  field_of<&Value::practices>(),    field_of<&Value::importance>(),
                                  field_of<&Value::catalogue_key>()};

}  // namespace

void JournalService::refuse_retiring_under_entries(const Value& value, LocalDate on) const {
  // A backdated retirement would leave entries rating a value that was not held when they
  // were written; refused rather than dropping the runner's answers. An entry of the day
  // itself does not count: a value is retired after the day's run, not before it.
  std::optional<JournalEntry> latest;
  for (const auto& entry : store_.entries(user_)) {
    const bool rates =
        entry.motive.value == value.id ||
        std::any_of(entry.value_alignments.begin(), entry.value_alignments.end(),
                    [&](const ValueAlignment& alignment) { return alignment.value == value.id; });
    if (rates && local_date_of(entry.at) > on && (!latest || latest->at.utc < entry.at.utc)) {
      latest = entry;
    }
  }
  if (!latest) return;
  const LocalDate written = local_date_of(latest->at);
  throw Error(Errc::invalid_input,
              fmt::format("retiring value '{}' on {} contradicts journal entry #{} of {}, which "
                          "names it (alignment or motive): date the retirement on or after {}",
                          value.name, format_date(on), latest->id.value, format_date(written),
                          format_date(written)));
}

ValueEvent JournalService::change_value(const Value& after, const ValueChangeNote& note) {
  check_value(after);
  refuse_future(note.effective_on);
  const auto before = store_.find_value(user_, after.id);
  if (!before) {
    throw Error(Errc::not_found, fmt::format("value #{} not found", after.id.value));
  }
  std::vector<ValueEvent> history = store_.value_history(user_);
  std::erase_if(history, [&](const ValueEvent& event) { return event.after.id != after.id; });
  std::stable_sort(history.begin(), history.end(), [](const ValueEvent& a, const ValueEvent& b) {
    return a.effective_on < b.effective_on;
  });
  if (before->active && !after.active) refuse_retiring_under_entries(*before, note.effective_on);
  const auto later = std::find_if(history.begin(), history.end(), [&](const ValueEvent& event) {
    return event.effective_on > note.effective_on;
  });
  if (later == history.end()) {
    // The latest change: compared with the value now (a backdated one is compared with the
    // value on its date, in backdate_change).
    if (*before == after) {
      throw Error(Errc::invalid_input,
                  fmt::format("nothing to change in value '{}'", before->name));
    }
    if (!before->active && !after.active) {
      throw Error(
          Errc::invalid_input,
          fmt::format("value '{}' is retired: restore it before changing it", before->name));
    }
    return store_.change_value(user_, after, classify_change(*before, after), note, now());
  }
  return backdate_change(after, note, history, static_cast<std::size_t>(later - history.begin()));
}

ValueEvent JournalService::retire_value(std::string_view reference, const ValueChangeNote& note) {
  Value value = value_named(reference);
  if (!value.active) {
    throw Error(Errc::invalid_input, fmt::format("value '{}' is already retired", value.name),
                "value");
  }
  value.active = false;
  return change_value(value, note);
}

ValueEvent JournalService::restore_value(std::string_view reference, const ValueChangeNote& note) {
  Value value = value_named(reference);
  if (value.active) {
    throw Error(Errc::invalid_input, fmt::format("value '{}' is active, not retired", value.name));
  }
  value.active = true;
  return change_value(value, note);
}

ValueEvent JournalService::backdate_change(const Value& after, const ValueChangeNote& note,
                                           std::vector<ValueEvent> history,
                                           std::size_t first_later) {
  const Value& current = history.back().after;
  const std::string on = format_date(note.effective_on);
  const auto describe = [](const ValueEvent& event) {
    return fmt::format("'{}' on {}", value_change_name(event.kind),
                       format_date(event.effective_on));
  };
  // A change dated before later ones is carried on by them, unless it contradicts them.
  if (first_later == 0) {
    throw Error(Errc::invalid_input,
                fmt::format("value '{}' was added on {}: a change on {} would come before it",
                            current.name, format_date(history.front().effective_on), on));
  }
  const Value& then = history[first_later - 1].after;
  if (after.active != current.active) {
    throw Error(
        Errc::invalid_input,
        fmt::format("{} value '{}' on {} contradicts its later change {}: a retired value "
                    "does not change; date it on or after {}",
                    after.active ? "restoring" : "retiring", current.name, on,
                    describe(history[first_later]), format_date(history.back().effective_on)));
  }
  if (!then.active) {
    throw Error(Errc::invalid_input,
                fmt::format("value '{}' was retired on {} ({}): it cannot change on {}",
                            current.name, format_date(history[first_later - 1].effective_on),
                            describe(history[first_later - 1]), on));
  }
  // The fields the runner changed, as they stand now, become the value's on that date.
  std::vector<const ValueField*> changed;
  for (const auto& field : value_fields) {
    if (!field.same(current, after)) changed.push_back(&field);
  }
  Value at_date = then;
  for (const auto* field : changed) field->copy(at_date, after);
  if (at_date == then) {
    throw Error(Errc::invalid_input,
                fmt::format("nothing to change in value '{}' on {}", current.name, on));
  }
  // Each later change keeps what it changed itself and takes the new words for the rest.
  Value old_before = then;
  for (std::size_t i = first_later; i < history.size(); ++i) {
    const Value old_after = history[i].after;
    std::erase_if(changed,
                  [&](const ValueField* field) { return !field->same(old_after, old_before); });
    for (const auto* field : changed) field->copy(history[i].after, after);
    old_before = old_after;
  }
  check_value(at_date);
  const ValueEvent inserted{.kind = classify_change(then, at_date),
                            .effective_on = note.effective_on,
                            .recorded_at = now(),
                            .reason = note.reason,
                            .review = note.review,
                            .after = at_date};
  history.insert(history.begin() + static_cast<std::ptrdiff_t>(first_later), inserted);
  const auto stored = store_.replace_value_history(user_, history.back().after, history);
  return stored[first_later];
}

std::vector<Run> JournalService::runs() const { return store_.runs(user_); }

Run JournalService::run(RunId id) const { return run_named_by(id, {}); }

Run JournalService::run_named_by(RunId id, std::string field) const {
  auto found = store_.find_run(user_, id);
  if (!found) {
    throw Error(Errc::not_found, fmt::format("run #{} not found", id.value), std::move(field));
  }
  return *found;
}

std::vector<TrackPoint> JournalService::track(RunId id) const {
  static_cast<void>(run(id));
  return store_.track(user_, id);
}

std::vector<Split> JournalService::splits(RunId id) const {
  const Distance every =
      units() == UnitSystem::imperial ? Distance::from_miles(1.0) : Distance::from_kilometers(1.0);
  return compute_splits(track(id), {.every = every});
}

LoggedRun JournalService::log_run(const Run& run, const std::optional<JournalEntry>& entry,
                                  bool accept_implausible) {
  // A start alone records nothing of the run (and would block the real one as a duplicate).
  if (!run.distance && !run.elapsed && !run.moving) {
    throw Error(Errc::invalid_input, "a run needs its distance or its time; nothing was stored");
  }
  check_run(run);
  if (!accept_implausible) {
    if (const auto problem = implausibility(run, now(), {}, units())) {
      throw ImplausibleRun(problem->field, problem->message);
    }
  }
  LoggedRun logged;
  store_.transaction([&] {
    refuse_duplicate(run);
    logged.run = store_.add_run(user_, run);
    if (entry) {
      JournalEntry attached = *entry;
      attached.run = logged.run.id;
      try {
        logged.entry = add_entry(attached);
      } catch (const Error& error) {
        // Which of the two was refused, for a caller that names the entry's fields apart.
        if (error.code() != Errc::invalid_input) throw;
        throw EntryRefused(error);
      }
    }
  });
  return logged;
}

void JournalService::refuse_duplicate(const Run& run) const {
  const SameRunLimits limits;
  for (const auto& stored : store_.runs_starting_between(user_, run.start.utc - limits.window,
                                                         run.start.utc + limits.window)) {
    if (stored.id != run.id && same_run(stored, run, limits)) {
      throw DuplicateRun(stored.id, fmt::format("a run starting at {} is a duplicate of run #{}, "
                                                "which started at {}",
                                                format_local(run.start), stored.id.value,
                                                format_local(stored.start)));
    }
  }
}

LoggedRun JournalService::edit_run(const Run& requested, bool accept_implausible) {
  const Run stored = run(requested.id);
  const Run edited = without_stale_moving(stored, requested);
  if (edited == stored) {
    throw Error(Errc::invalid_input, fmt::format("nothing to change in run #{}", edited.id.value));
  }
  check_run(edited);
  // A run stored past the limits on purpose is not refused again when only its words
  // change; new numbers or a new start are checked as a new run is.
  Run numbers_only = edited;
  numbers_only.title = stored.title;
  numbers_only.route_name = stored.route_name;
  numbers_only.notes = stored.notes;
  numbers_only.sport = stored.sport;
  if (!accept_implausible && numbers_only != stored) {
    if (const auto problem = implausibility(edited, now(), {}, units())) {
      throw ImplausibleRun(problem->field, problem->message);
    }
  }
  const LocalDate day = local_date_of(edited.start);
  for (const auto& experiment : store_.experiments(user_)) {
    if (std::find(experiment.runs.begin(), experiment.runs.end(), edited.id) ==
        experiment.runs.end()) {
      continue;
    }
    const LocalDate last = experiment.ended_on.value_or(experiment.ends_on);
    if (day < experiment.starts_on || day > last) {
      throw Error(
          Errc::invalid_input,
          fmt::format("run #{} is tagged in experiment #{}, which runs from {} to {}: "
                      "{} is outside it (untag the run first)",
                      edited.id.value, experiment.id.value, format_date(experiment.starts_on),
                      format_date(last), format_date(day)));
    }
  }
  LoggedRun edited_run{.run = edited, .entry = store_.entry_for_run(user_, edited.id)};
  if (edited_run.entry && edited_run.entry->at != edited.start) {
    edited_run.entry->at = edited.start;
    try {
      check_entry(*edited_run.entry, values_at(day));
    } catch (const Error& error) {
      throw Error(
          error.code(),
          fmt::format("run #{}'s journal entry #{} does not fit its new date {}: {}",
                      edited.id.value, edited_run.entry->id.value, format_date(day), error.what()));
    }
  }
  store_.transaction([&] {
    refuse_duplicate(edited);
    // A run moved in time is compared again with the runs now before it.
    const bool moved =
        edited.start.utc != stored.start.utc && forget_ground(store_, user_, edited.id);
    store_.update_run(user_, edited);
    if (moved) learn_ground(store_, user_, edited, store_.track(user_, edited.id));
    if (edited_run.entry) store_.update_entry(user_, *edited_run.entry);
  });
  return edited_run;
}

MergedRuns JournalService::plan_merge(RunId a, RunId b) const {
  if (a == b) {
    throw Error(Errc::invalid_input, fmt::format("run #{} cannot be merged with itself", a.value),
                "with");
  }
  const Run first = run(a);
  const Run second = run_named_by(b, "with");
  const auto apart = first.start.utc > second.start.utc ? first.start.utc - second.start.utc
                                                        : second.start.utc - first.start.utc;
  // Two records of one run start close together (a typed-in start is a guess, give or take
  // an hour; a typed distance may be a guess too, so it is not compared). Runs further
  // apart are different runs, and merging would silently delete one.
  constexpr auto max_apart = std::chrono::minutes{90};
  if (apart > max_apart) {
    throw Error(
        Errc::invalid_input,
        fmt::format("runs #{} ({}) and #{} ({}) start more than 90 minutes apart: they are not "
                    "the same run (correct a start first if one was typed wrong)",
                    a.value, format_local(first.start), b.value, format_local(second.start)),
        "with");
  }
  const bool first_kept = detail::keep_first(first, second);
  const Run& kept = first_kept ? first : second;
  const Run& removed = first_kept ? second : first;
  MergedRuns plan{.kept = {.run = detail::combine_runs(kept, removed), .entry = std::nullopt},
                  .removed = removed.id};
  check_run(plan.kept.run);

  const auto kept_entry = store_.entry_for_run(user_, kept.id);
  const auto removed_entry = store_.entry_for_run(user_, removed.id);
  if (kept_entry && removed_entry) {
    plan.kept.entry = detail::combine_entries(*kept_entry, *removed_entry);
  } else if (kept_entry) {
    plan.kept.entry = kept_entry;
  } else if (removed_entry) {
    plan.kept.entry = removed_entry;
  }
  const LocalDate day = local_date_of(plan.kept.run.start);
  if (plan.kept.entry) {
    plan.kept.entry->run = kept.id;
    plan.kept.entry->at = plan.kept.run.start;
    check_entry(*plan.kept.entry, values_at(day));
  }
  for (const auto& experiment : store_.experiments(user_)) {
    const bool tagged = std::find(experiment.runs.begin(), experiment.runs.end(), removed.id) !=
                        experiment.runs.end();
    const LocalDate last = experiment.ended_on.value_or(experiment.ends_on);
    if (tagged && (day < experiment.starts_on || day > last)) {
      throw Error(
          Errc::invalid_input,
          fmt::format("run #{} is tagged in experiment #{}, which runs from {} to {}: "
                      "run #{} on {} is outside it (untag run #{} first)",
                      removed.id.value, experiment.id.value, format_date(experiment.starts_on),
                      format_date(last), kept.id.value, format_date(day), removed.id.value));
    }
  }
  return plan;
}

MergedRuns JournalService::merge_runs(RunId a, RunId b) {
  MergedRuns plan = plan_merge(a, b);
  const RunId kept = plan.kept.run.id;
  store_.transaction([&] {
    for (auto experiment : store_.experiments(user_)) {
      auto& runs = experiment.runs;
      const auto tagged = std::find(runs.begin(), runs.end(), plan.removed);
      if (tagged == runs.end()) continue;
      runs.erase(tagged);
      if (std::find(runs.begin(), runs.end(), kept) == runs.end()) runs.push_back(kept);
      std::sort(runs.begin(), runs.end());
      store_.update_experiment(user_, experiment);
    }
    // Both records leave the ground as they were (the kept one may move in time), and the
    // one kept comes back with the track it keeps.
    forget_ground(store_, user_, plan.removed);
    forget_ground(store_, user_, kept);
    auto track = store_.track(user_, kept);
    const bool track_moves = track.empty();
    if (track_moves) track = store_.track(user_, plan.removed);
    const auto kept_entry = store_.entry_for_run(user_, kept);
    // The removed run's entry goes with it when its answers now live in the kept one's.
    store_.delete_run(user_, plan.removed, /*with_entry=*/kept_entry.has_value());
    store_.update_run(user_, plan.kept.run);
    if (plan.kept.entry) store_.update_entry(user_, *plan.kept.entry);
    if (track_moves && !track.empty()) {
      save_run_track(store_, user_, plan.kept.run, track);
    } else if (!track.empty()) {
      learn_ground(store_, user_, plan.kept.run, track);
    }
  });
  return plan;
}

void JournalService::delete_run(RunId id, bool with_entry) {
  store_.transaction([&] {
    forget_ground(store_, user_, id);  // later runs first there after it lose that ground
    store_.delete_run(user_, id, with_entry);
  });
}

std::optional<RunGroundSummary> JournalService::ground(RunId id) const {
  static_cast<void>(run(id));
  const auto ground = store_.run_ground(user_, id);
  if (!ground) return std::nullopt;
  RunGroundSummary summary{.familiar_share = static_cast<double>(ground->familiar_cells) /
                                             static_cast<double>(ground->cells.size()),
                           .route = std::nullopt,
                           .route_name = {}};
  if (ground->route) {
    for (auto& route : store_.known_routes(user_)) {
      if (route.id != *ground->route) continue;
      summary.route_name =
          route_display_name(route.name, local_date_of(run(route.runs.front()).start));
      summary.route = std::move(route);
    }
  }
  return summary;
}

std::vector<RouteFamiliarity> JournalService::route_familiarity() const {
  return store_.route_familiarity(user_);
}

std::vector<KnownRoute> JournalService::known_routes() const { return store_.known_routes(user_); }

std::vector<JournalEntry> JournalService::entries() const { return store_.entries(user_); }

JournalEntry JournalService::entry(JournalEntryId id) const {
  auto found = store_.find_entry(user_, id);
  if (!found) {
    throw Error(Errc::not_found, fmt::format("journal entry #{} not found", id.value));
  }
  return *found;
}

std::optional<JournalEntry> JournalService::entry_for_run(RunId run) const {
  return store_.entry_for_run(user_, run);
}

namespace {

// An entry about a run happened when the run did.
void align_with_run(JournalEntry& entry, const store::Store& store, UserId user) {
  if (!entry.run) return;
  const auto run = store.find_run(user, *entry.run);
  if (!run) {
    throw Error(Errc::not_found, fmt::format("run #{} not found", entry.run->value), "run_id");
  }
  entry.at = run->start;
}

}  // namespace

JournalEntry JournalService::add_entry(JournalEntry entry) {
  // An empty entry records nothing and, on a run, would block the real one.
  if (!has_answers(entry)) {
    throw Error(
        Errc::invalid_input,
        "the entry holds no answer: give at least one (enjoyment, mood, effort, words, ...)");
  }
  align_with_run(entry, store_, user_);
  entry.written_at = now();
  check_entry(entry, values_at(local_date_of(entry.at)));
  refuse_cue_rating_without_cue(entry);
  return store_.add_entry(user_, entry);
}

JournalEntry JournalService::update_entry(JournalEntry entry) {
  static_cast<void>(this->entry(entry.id));
  align_with_run(entry, store_, user_);
  entry.written_at = now();
  check_entry(entry, values_at(local_date_of(entry.at)));
  refuse_cue_rating_without_cue(entry);
  store_.update_entry(user_, entry);
  return entry;
}

void JournalService::refuse_cue_rating_without_cue(const JournalEntry& entry) const {
  if (!entry.cue_rating) return;
  const LocalDate day = local_date_of(entry.at);
  if (form_cue_experiment_on(day)) return;
  throw Error(Errc::invalid_input,
              fmt::format("a form cue rating needs an experiment with a form cue goal on {}: "
                          "none holds that day",
                          format_date(day)),
              "cue_rating");
}

std::optional<JournalEntry> JournalService::give_run_its_entry(const Run& run,
                                                               const WatchAnswers& watch,
                                                               std::chrono::seconds window) {
  const auto end = run.start.utc + std::chrono::duration_cast<std::chrono::seconds>(
                                       run.elapsed.value_or(Duration(0.0)));
  std::optional<JournalEntry> nearest;
  for (auto& entry :
       store_.unattached_entries_between(user_, run.start.utc - window, end + window)) {
    const auto apart = [&](const JournalEntry& e) {
      return std::chrono::abs(e.at.utc - run.start.utc);
    };
    if (!nearest || apart(entry) < apart(*nearest)) nearest = std::move(entry);
  }
  JournalEntry entry;
  if (nearest) {
    entry = std::move(*nearest);
  } else if (watch.energy_after || watch.effort) {
    entry.written_at = now();
  } else {
    return std::nullopt;
  }
  entry.run = run.id;
  entry.at = run.start;
  // What the watch recorded fills only what the runner left blank.
  if (!entry.after.energy) entry.after.energy = watch.energy_after;
  if (!entry.effort) entry.effort = watch.effort;
  try {
    check_entry(entry, values_at(local_date_of(entry.at)));
  } catch (const Error&) {
    return std::nullopt;  // the runner's words are kept as they were, standalone
  }
  if (nearest) {
    store_.update_entry(user_, entry);
    return entry;
  }
  return store_.add_entry(user_, entry);
}

std::vector<std::string> JournalService::prompts_for(LocalDate day) const {
  return journal_prompts(values_at(day), day);
}

std::vector<Experiment> JournalService::experiments() const { return store_.experiments(user_); }

Experiment JournalService::experiment(ExperimentId id) const {
  auto found = store_.find_experiment(user_, id);
  if (!found) throw Error(Errc::not_found, fmt::format("experiment #{} not found", id.value));
  return *found;
}

Experiment JournalService::start_experiment(Experiment experiment) {
  const auto active = values_at(experiment.starts_on);
  const bool value_active = std::any_of(active.begin(), active.end(), [&](const Value& value) {
    return value.id == experiment.value;
  });
  if (!value_active) {
    if (!store_.find_value(user_, experiment.value)) {
      throw Error(Errc::not_found, fmt::format("value #{} not found", experiment.value.value),
                  "value_id");
    }
    throw Error(Errc::invalid_input,
                fmt::format("value #{} is not active on {}: experiments test active values",
                            experiment.value.value, format_date(experiment.starts_on)),
                "value_id");
  }
  experiment.ended_on.reset();
  experiment.decision.reset();
  experiment.reflection.clear();
  check_experiment(experiment);
  if (experiment.goal && experiment.goal->kind == GoalKind::form_cue) {
    for (const auto& other : store_.experiments(user_)) {
      if (!other.goal || other.goal->kind != GoalKind::form_cue) continue;
      const LocalDate other_end = other.ended_on.value_or(other.ends_on);
      if (other.starts_on > experiment.ends_on || other_end < experiment.starts_on) continue;
      throw Error(Errc::conflict,
                  fmt::format("experiment #{} has a form cue ('{}') from {} to {}: one cue at a "
                              "time, so start this one after it or end it first",
                              other.id.value, other.goal->cue, format_date(other.starts_on),
                              format_date(other_end)),
                  "goal.cue");
    }
  }
  return store_.add_experiment(user_, experiment);
}

std::optional<Experiment> JournalService::form_cue_experiment_on(LocalDate day) const {
  for (auto& experiment : store_.experiments(user_)) {
    if (!experiment.goal || experiment.goal->kind != GoalKind::form_cue) continue;
    if (day < experiment.starts_on || day > experiment.ended_on.value_or(experiment.ends_on)) {
      continue;
    }
    return std::move(experiment);
  }
  return std::nullopt;
}

Experiment JournalService::untag_runs(ExperimentId id, const std::vector<RunId>& runs) {
  Experiment found = experiment(id);
  for (const auto run_id : runs) {
    const auto tagged = std::find(found.runs.begin(), found.runs.end(), run_id);
    if (tagged == found.runs.end()) {
      throw Error(
          Errc::invalid_input,
          fmt::format("run #{} is not tagged in experiment #{}", run_id.value, found.id.value),
          "run_ids");
    }
    found.runs.erase(tagged);
  }
  check_experiment(found);
  store_.update_experiment(user_, found);
  return found;
}

Experiment JournalService::tag_runs(ExperimentId id, const std::vector<RunId>& runs) {
  Experiment found = experiment(id);
  for (const auto run_id : runs) {
    const Run tagged = run(run_id);
    const LocalDate day = local_date_of(tagged.start);
    const LocalDate last = found.ended_on.value_or(found.ends_on);
    if (day < found.starts_on || day > last) {
      throw Error(Errc::invalid_input,
                  fmt::format("run #{} on {} is outside experiment #{}, which runs from {} to {}",
                              run_id.value, format_date(day), found.id.value,
                              format_date(found.starts_on), format_date(last)),
                  "run_ids");
    }
    if (std::find(found.runs.begin(), found.runs.end(), run_id) == found.runs.end()) {
      found.runs.push_back(run_id);
    }
  }
  std::sort(found.runs.begin(), found.runs.end());
  check_experiment(found);
  store_.update_experiment(user_, found);
  return found;
}

Experiment JournalService::end_experiment(ExperimentId id, LocalDate ended_on,
                                          std::string reflection, ExperimentDecision decision) {
  Experiment found = experiment(id);
  if (!is_open(found)) {
    throw Error(
        Errc::conflict,
        fmt::format("experiment #{} already ended on {}", id.value, format_date(*found.ended_on)),
        "ended_on");
  }
  // An end to come is the planned end, not an ending.
  refuse_future(ended_on, "an experiment's end", "ended_on");
  found.ended_on = ended_on;
  found.reflection = std::move(reflection);
  found.decision = decision;
  check_experiment(found);
  store_.update_experiment(user_, found);
  return found;
}

std::vector<Run> JournalService::experiment_runs(const Experiment& experiment) const {
  std::vector<Run> out;
  for (const auto id : experiment.runs) {
    if (auto found = store_.find_run(user_, id)) out.push_back(std::move(*found));
  }
  return out;
}

std::vector<CheckIn> JournalService::checkins() const { return store_.checkins(user_); }

CheckIn JournalService::add_checkin(CheckIn checkin) {
  refuse_future(checkin.on, "a check-in", "on");
  // One check-in a day: a second would count the same week twice in every trend.
  for (const auto& earlier : store_.checkins(user_)) {
    if (earlier.on == checkin.on) {
      throw Error(Errc::conflict,
                  fmt::format("a check-in for {} exists already (#{}): nothing was stored",
                              format_date(checkin.on), earlier.id.value),
                  "on");
    }
  }
  checkin.written_at = now();
  check_checkin(checkin, values_at(checkin.on));
  return store_.add_checkin(user_, checkin);
}

std::vector<Review> JournalService::reviews() const { return store_.reviews(user_); }

Review JournalService::review(Review review, const std::vector<ReviewChange>& changes) {
  if (changes.empty() && review.notes.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(Errc::invalid_input,
                "a review needs at least one change to a value, or notes saying why everything "
                "stays",
                "notes");
  }
  review.written_at = now();
  store_.transaction([&] {
    review = store_.add_review(user_, review);
    for (const auto& change : changes) {
      change_value(change.after,
                   ValueChangeNote{.effective_on = review.on,
                                   .reason = change.reason.empty() ? review.trigger : change.reason,
                                   .review = review.id});
    }
  });
  return review;
}

}  // namespace cairn::app
