#pragma once
// A hand-built journal that uses every field the exports know, for the exchange tests.

#include "cairn/core/journal_data.hpp"

namespace cairn::exchange::sample {

// Three values (one retired) with their history and a review; three runs (one with every
// optional set and laps, one with none, one earlier than the others in another unit); three
// entries (one with every field, one standing alone, one nearly empty); an ended and an open
// experiment; two check-ins; tracks of runs 1 (every measurement, each missing somewhere)
// and 3 (no position), none for run 2; two imported files, ordered by fingerprint.
//
// Run ids 1-3 start at 2025-03-01 07:30 Berlin, 2025-03-03 18:00 New York and 2025-02-27
// 06:45 Berlin. Run 1's notes hold a comma, a quote and a line break.
[[nodiscard]] JournalData rich_journal();

}  // namespace cairn::exchange::sample
