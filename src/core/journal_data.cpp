#include "cairn/core/journal_data.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

// Runs one object's check and puts the object's place in the data set (`entries[2]`) in
// front of the field the check names.
template <class Check>
void checked_at(const std::string& place, Check check) {
  try {
    check();
  } catch (const Error& error) {
    throw Error(error.code(), fmt::format("{}: {}", place, error.what()),
                error.field().empty() ? place : fmt::format("{}.{}", place, error.field()));
  }
}

[[noreturn]] void missing(const std::string& field, std::string_view what, std::int64_t id) {
  throw Error(Errc::invalid_input, fmt::format("{}: {} #{} is not in the journal", field, what, id),
              field);
}

}  // namespace

void check_journal_data(const JournalData& data) {
  std::set<ValueId> values;
  for (std::size_t i = 0; i < data.values.size(); ++i) {
    checked_at(fmt::format("values[{}]", i), [&] { check_value(data.values[i]); });
    values.insert(data.values[i].id);
  }
  const auto need_value = [&](ValueId id, const std::string& field) {
    if (!values.contains(id)) missing(field, "value", id.value);
  };
  for (std::size_t i = 0; i < data.value_history.size(); ++i) {
    const auto place = fmt::format("value_history[{}].after", i);
    checked_at(place, [&] { check_value(data.value_history[i].after); });
    need_value(data.value_history[i].after.id, place + ".id");
  }
  std::set<RunId> runs;
  for (std::size_t i = 0; i < data.runs.size(); ++i) {
    checked_at(fmt::format("runs[{}]", i), [&] { check_run(data.runs[i]); });
    runs.insert(data.runs[i].id);
  }
  const auto need_run = [&](RunId id, const std::string& field) {
    if (!runs.contains(id)) missing(field, "run", id.value);
  };
  std::set<RunId> runs_with_entry;
  for (std::size_t i = 0; i < data.entries.size(); ++i) {
    const JournalEntry& entry = data.entries[i];
    const auto place = fmt::format("entries[{}]", i);
    // Against all the set's values: which were in force on the entry's date is a rule of
    // writing an entry, and an old entry keeps the alignment it was written with.
    checked_at(place, [&] { check_entry(entry, data.values); });
    if (!entry.run) continue;
    need_run(*entry.run, place + ".run_id");
    if (!runs_with_entry.insert(*entry.run).second) {
      throw Error(Errc::invalid_input,
                  fmt::format("{}.run_id: run #{} has another entry before this one", place,
                              entry.run->value),
                  place + ".run_id");
    }
  }
  for (std::size_t i = 0; i < data.experiments.size(); ++i) {
    const Experiment& experiment = data.experiments[i];
    const auto place = fmt::format("experiments[{}]", i);
    checked_at(place, [&] { check_experiment(experiment); });
    need_value(experiment.value, place + ".value_id");
    for (std::size_t r = 0; r < experiment.runs.size(); ++r) {
      need_run(experiment.runs[r], fmt::format("{}.run_ids[{}]", place, r));
    }
  }
  for (std::size_t i = 0; i < data.checkins.size(); ++i) {
    checked_at(fmt::format("checkins[{}]", i),
               [&] { check_checkin(data.checkins[i], data.values); });
  }
  for (const auto& [run, points] : data.tracks) {
    need_run(run, fmt::format("tracks (run #{})", run.value));
  }
}

}  // namespace cairn
