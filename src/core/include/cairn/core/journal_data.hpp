#pragma once
/// \file
/// Everything one runner has in Cairn, as one plain structure: what export writes and
/// import-json restores.

#include <map>
#include <string>
#include <vector>

#include "cairn/core/checkin.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/core/imported_file.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/review.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/core/value.hpp"

namespace cairn {

/// A runner's whole data set; every list is ordered by id, imported files by fingerprint.
struct JournalData {
  std::map<std::string, std::string> settings{};
  std::vector<Value> values{};  ///< current state
  std::vector<ValueEvent> value_history{};
  std::vector<Review> reviews{};
  std::vector<Run> runs{};
  std::vector<JournalEntry> entries{};
  std::vector<Experiment> experiments{};
  std::vector<CheckIn> checkins{};
  /// The recorded track of each run that has one (never an empty track), by run id.
  std::map<RunId, std::vector<TrackPoint>> tracks{};
  std::vector<ImportedFile> imported_files{};
  friend bool operator==(const JournalData&, const JournalData&) = default;
};

/// Checks a whole data set before it is restored: every object as its own check does
/// (check_value, check_run, check_entry against all of the set's values, ...), and every
/// reference between them (an entry's run and values, an experiment's value and runs, a
/// check-in's values, a value change's value, a track's run) names something in the set,
/// with at most one entry per run. Throws Error(invalid_input) whose field is the path of
/// the offending member in the export (`entries[2].run_id`).
void check_journal_data(const JournalData& data);

}  // namespace cairn
