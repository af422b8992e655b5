#pragma once
// How two records of one run (typed in, then imported) become one: private to the app,
// used by JournalService::merge_runs.

#include "cairn/core/journal.hpp"
#include "cairn/core/run.hpp"

namespace cairn::app::detail {

/// Which of two records of one run to keep: the one read from a file (its numbers and track
/// are the watch's, and a re-import finds it by its source), else `a`. True for `a`.
[[nodiscard]] bool keep_first(const Run& a, const Run& b);

/// `kept` with what only `other` knows: every number `kept` lacks, a sport other than the
/// default road, `other`'s laps when `kept` has none. Title and route come from the record
/// typed in by the runner when it has them, else from the other; both notes are kept.
/// A record typed in by the runner settles the importer's doubt (`review`) that it is a run.
[[nodiscard]] Run combine_runs(const Run& kept, const Run& other);

/// One entry holding the answers of both; free text is joined. Throws Error(conflict)
/// naming every answer the two give differently.
[[nodiscard]] JournalEntry combine_entries(const JournalEntry& kept, const JournalEntry& other);

}  // namespace cairn::app::detail
