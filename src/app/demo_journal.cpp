#include "cairn/app/demo_journal.hpp"

#include <algorithm>
#include <chrono>

#include "cairn/app/journal_transfer.hpp"
#include "cairn/core/error.hpp"

namespace cairn::app {
namespace {

void refuse_unless_empty(const store::Store& store, UserId user) {
  if (!store.is_empty(user)) {
    throw Error(Errc::conflict,
                "the journal already holds data: a demo journal goes only into an empty one, "
                "so nothing was written");
  }
}

DemoReport report_of(const demo::DemoOptions& options, const JournalData& data) {
  DemoReport report{.seed = options.seed,
                    .years = options.years,
                    .runs_per_week = options.runs_per_week,
                    .as_of = options.as_of,
                    .values = data.values.size(),
                    .value_changes = data.value_history.size(),
                    .reviews = data.reviews.size(),
                    .runs = data.runs.size(),
                    .tracks = data.tracks.size(),
                    .entries = data.entries.size(),
                    .experiments = data.experiments.size(),
                    .checkins = data.checkins.size(),
                    .imported_files = data.imported_files.size(),
                    .values_in_force = value_set_at(data.value_history, options.as_of)};
  if (!data.runs.empty()) {
    report.first_run = local_date_of(data.runs.front().start);
    report.last_run = local_date_of(data.runs.back().start);
  }
  for (const auto& [run, track] : data.tracks) report.track_points += track.size();
  return report;
}

}  // namespace

DemoReport create_demo_journal(store::Store& store, UserId user, const demo::DemoOptions& options) {
  demo::check_demo_options(options);
  // Refused at once, before the journal is generated; and again in the transaction that
  // writes it, in case another process wrote in between.
  refuse_unless_empty(store, user);
  const JournalData data = demo::generate_demo_journal(options);
  store.transaction([&] {
    refuse_unless_empty(store, user);
    static_cast<void>(restore_export(store, user, data));
  });
  return report_of(options, data);
}

}  // namespace cairn::app
