#include "cairn/core/journal_data.hpp"

#include <string>

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/core/time.hpp"

namespace cairn {
namespace {

// One value, one run and an entry about the run aligned with the value.
JournalData small_journal() {
  JournalData data;
  Value calm;
  calm.id = ValueId{1};
  calm.name = "Calm";
  calm.importance = 7;
  data.values.push_back(calm);
  Run run;
  run.id = RunId{1};
  run.start = parse_local_time("2025-03-01T07:30", "Europe/Berlin");
  run.distance = Distance::from_kilometers(8);
  run.elapsed = Duration(2700);
  data.runs.push_back(run);
  JournalEntry entry;
  entry.id = JournalEntryId{1};
  entry.run = run.id;
  entry.at = run.start;
  entry.enjoyment = 8;
  entry.value_alignments = {{calm.id, 9}};
  data.entries.push_back(entry);
  return data;
}

// The field of the error check_journal_data throws, or "accepted".
std::string refused_field(const JournalData& data) {
  try {
    check_journal_data(data);
    return "accepted";
  } catch (const Error& error) {
    return error.field();
  }
}

TEST(CheckJournalData, AcceptsAJournalWhoseReferencesAllResolve) {
  EXPECT_EQ(refused_field(small_journal()), "accepted");
}

TEST(CheckJournalData, NamesTheMemberThatReferencesSomethingMissing) {
  JournalData data = small_journal();
  data.entries[0].value_alignments[0].value = ValueId{99};
  EXPECT_EQ(refused_field(data), "entries[0].value_alignments[0].value_id");
  data = small_journal();
  data.entries[0].run = RunId{99};
  EXPECT_EQ(refused_field(data), "entries[0].run_id");
  data = small_journal();
  data.tracks[RunId{42}] = {TrackPoint{}};
  EXPECT_EQ(refused_field(data), "tracks (run #42)");
}

TEST(CheckJournalData, RefusesTwoEntriesForOneRunAndAnObjectItsOwnCheckRefuses) {
  JournalData data = small_journal();
  data.entries.push_back(data.entries[0]);
  data.entries[1].id = JournalEntryId{2};
  EXPECT_EQ(refused_field(data), "entries[1].run_id");
  data = small_journal();
  data.runs[0].avg_heart_rate_bpm = 400;
  EXPECT_EQ(refused_field(data), "runs[0].avg_heart_rate_bpm");
}

}  // namespace
}  // namespace cairn
