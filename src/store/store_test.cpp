// The store test suite, written against the Store interface so every backend runs it.
// Backends register a factory in `backends()`; SQLite is the only one so far.

#include "cairn/store/store.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::store {
namespace {

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const std::filesystem::path& folder)> open;
};

std::vector<Backend> backends() {
  return {{"sqlite", [](const std::filesystem::path& folder) {
             return open_sqlite_store(folder / "cairn.db");
           }}};
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-store-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    store_ = GetParam().open(folder_);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  Value add(std::string name, int importance, std::string_view on = "2025-01-01") {
    Value value;
    value.name = std::move(name);
    value.importance = importance;
    value.practices = {"a solo run", "a new trail"};
    return store_->add_value(local_user, value, {.effective_on = parse_date(on)}, now());
  }

  cairn::Run run_at(std::string_view when) {
    cairn::Run run;
    run.start = parse_local_time(when, "Europe/Berlin");
    run.distance = Distance::from_kilometers(10);
    run.elapsed = Duration(3000);
    run.laps = {Lap{.elapsed = Duration(1500), .distance = Distance::from_kilometers(5)}};
    return store_->add_run(local_user, run);
  }

  // Saves one run's ground, at the run's start unless it says.
  void save_ground(RunGround ground) {
    if (ground.start == Timestamp{})
      ground.start = store_->find_run(local_user, ground.run)->start.utc;
    store_->save_run_grounds(local_user, std::span(&ground, 1));
  }

  std::filesystem::path folder_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, StartsEmpty) {
  EXPECT_TRUE(store_->is_empty(local_user));
  EXPECT_TRUE(store_->values(local_user).empty());
  EXPECT_TRUE(store_->runs(local_user).empty());
}

TEST_P(StoreTest, KeepsSettingsPerUser) {
  store_->set_setting(local_user, "units", "mi");
  store_->set_setting(local_user, "units", "km");
  EXPECT_EQ(store_->setting(local_user, "units"), "km");
  EXPECT_FALSE(store_->setting(local_user, "missing").has_value());
}

TEST_P(StoreTest, AddsAValueAndRecordsItsHistory) {
  const Value calm = add("Calm", 7);
  EXPECT_NE(calm.id.value, 0);
  EXPECT_EQ(store_->find_value(local_user, calm.id), calm);
  const auto history = store_->value_history(local_user);
  ASSERT_EQ(history.size(), 1U);
  EXPECT_EQ(history[0].kind, ValueChangeKind::added);
  EXPECT_EQ(history[0].after, calm);
}

TEST_P(StoreTest, RefusesASecondValueWithTheSameNameIgnoringCase) {
  add("Calm", 7);
  try {
    add("calm", 3);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::conflict);
    EXPECT_STREQ(error.what(), "a value named 'calm' already exists");
  }
  EXPECT_EQ(store_->values(local_user).size(), 1U);
}

TEST_P(StoreTest, RecordsEachChangeAsTheKindItIsGiven) {
  Value calm = add("Calm", 7);
  calm.importance = 9;
  EXPECT_EQ(store_
                ->change_value(local_user, calm, ValueChangeKind::reranked,
                               {.effective_on = parse_date("2025-02-01"), .reason = "more"}, now())
                .kind,
            ValueChangeKind::reranked);
  calm.active = false;
  const auto retired =
      store_->change_value(local_user, calm, ValueChangeKind::retired,
                           {.effective_on = parse_date("2025-03-01"), .reason = "new job"}, now());
  EXPECT_EQ(retired.kind, ValueChangeKind::retired);
  EXPECT_EQ(retired.reason, "new job");
  const auto history = store_->value_history(local_user);
  ASSERT_EQ(history.size(), 3U);
  EXPECT_EQ(value_set_at(history, parse_date("2025-02-15")).at(0).importance, 9);
  EXPECT_TRUE(value_set_at(history, parse_date("2025-03-01")).empty());
}

TEST_P(StoreTest, RewritesOneValuesHistoryKeepingIdsAndTheOthers) {
  Value calm = add("Calm", 7);
  const Value family = add("Family", 5);
  calm.importance = 9;
  store_->change_value(local_user, calm, ValueChangeKind::reranked,
                       {.effective_on = parse_date("2025-03-01")}, now());
  auto history = store_->value_history(local_user);
  std::vector<ValueEvent> rewritten{history[0], history[2]};
  ValueEvent inserted{.kind = ValueChangeKind::reworded,
                      .effective_on = parse_date("2025-02-01"),
                      .recorded_at = now(),
                      .reason = "said better",
                      .review = std::nullopt,
                      .after = history[0].after};
  inserted.after.why = "quiet";
  rewritten.insert(rewritten.begin() + 1, inserted);
  rewritten[2].after.why = "quiet";
  calm.why = "quiet";
  const auto stored = store_->replace_value_history(local_user, calm, rewritten);
  ASSERT_EQ(stored.size(), 3U);
  EXPECT_EQ(stored[0].id, history[0].id);
  EXPECT_EQ(stored[2].id, history[2].id);
  EXPECT_GT(stored[1].id.value, history[2].id.value);
  EXPECT_EQ(store_->find_value(local_user, calm.id), calm);
  history = store_->value_history(local_user);
  ASSERT_EQ(history.size(), 4U);
  EXPECT_EQ(history[1].after, family);
  EXPECT_EQ(history[3].reason, "said better");

  Value taken = calm;
  taken.name = "family";
  EXPECT_THROW(store_->replace_value_history(local_user, taken, {}), Error);
  EXPECT_EQ(store_->value_history(local_user), history);
}

TEST_P(StoreTest, RefusesARenameToAnotherValuesName) {
  add("Calm", 7);
  Value family = add("Family", 5);
  family.name = "CALM";
  try {
    store_->change_value(local_user, family, ValueChangeKind::reworded,
                         {.effective_on = parse_date("2025-02-01")}, now());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::conflict);
  }
  EXPECT_EQ(store_->value_history(local_user).size(), 2U);
}

TEST_P(StoreTest, ReportsAnUnknownValueAsNotFound) {
  Value ghost;
  ghost.id = ValueId{42};
  ghost.name = "Ghost";
  try {
    store_->change_value(local_user, ghost, ValueChangeKind::reworded,
                         {.effective_on = parse_date("2025-02-01")}, now());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::not_found);
  }
}

TEST_P(StoreTest, StoresRunsWithTheirZoneAndLaps) {
  const cairn::Run run = run_at("2025-03-01T07:30");
  const auto found = store_->find_run(local_user, run.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, run);
  EXPECT_EQ(format_local(found->start), "2025-03-01 07:30");
  EXPECT_EQ(found->laps.size(), 1U);
}

TEST_P(StoreTest, ListsRunsOldestFirst) {
  run_at("2025-03-05T07:30");
  run_at("2025-03-01T07:30");
  const auto runs = store_->runs(local_user);
  ASSERT_EQ(runs.size(), 2U);
  EXPECT_LT(runs[0].start.utc, runs[1].start.utc);
}

TEST_P(StoreTest, PagesRunsNewestFirstThroughRunsThatShareAStart) {
  const auto early = run_at("2025-03-01T07:30");
  const auto tied_a = run_at("2025-03-02T07:30");
  const auto late = run_at("2025-03-03T07:30");
  const auto tied_b = run_at("2025-03-02T07:30");
  const auto tied_c = run_at("2025-03-02T07:30");
  const std::vector<RunId> newest_first{late.id, tied_c.id, tied_b.id, tied_a.id, early.id};

  std::vector<RunId> listed;
  std::vector<std::size_t> page_sizes;
  RunQuery query{.limit = 2};
  while (true) {
    const RunPage page = store_->runs_page(local_user, query);
    page_sizes.push_back(page.runs.size());
    for (const auto& run : page.runs) {
      listed.push_back(run.id);
      EXPECT_EQ(run.laps.size(), 1U);
    }
    if (!page.next) break;
    EXPECT_EQ(page.next,
              (RunCursor{.start = page.runs.back().start.utc, .id = page.runs.back().id}));
    query.before = page.next;
  }
  EXPECT_EQ(listed, newest_first);
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{2, 2, 1}));
  EXPECT_TRUE(store_->runs_page(UserId{2}, {.limit = 2}).runs.empty());
  EXPECT_EQ(store_->run_count(local_user), 5U);
  EXPECT_EQ(store_->run_count(UserId{2}), 0U);
}

TEST_P(StoreTest, FiltersRunsByStartSportAndDistanceAcrossPages) {
  const auto march = run_at("2025-03-01T07:30");
  auto trail = march;
  trail.id = {};
  trail.start = parse_local_time("2025-03-10T07:30", "Europe/Berlin");
  trail.sport = Sport::trail;
  trail.distance = Distance::from_kilometers(21.1);
  trail = store_->add_run(local_user, trail);
  auto no_distance = march;
  no_distance.id = {};
  no_distance.start = parse_local_time("2025-03-20T07:30", "Europe/Berlin");
  no_distance.distance.reset();
  no_distance = store_->add_run(local_user, no_distance);
  const auto april = run_at("2025-04-02T07:30");

  const auto ids = [&](const RunFilter& filter) {
    std::vector<RunId> out;
    RunQuery query{.limit = 1, .before = std::nullopt, .filter = filter};
    while (true) {
      const RunPage page = store_->runs_page(local_user, query);
      for (const auto& run : page.runs) out.push_back(run.id);
      if (!page.next) break;
      query.before = page.next;
    }
    EXPECT_EQ(store_->count_runs(local_user, filter), out.size());
    return out;
  };
  const auto at = [](std::string_view when) { return parse_local_time(when, "Europe/Berlin").utc; };
  EXPECT_EQ(ids({}), (std::vector<RunId>{april.id, no_distance.id, trail.id, march.id}));
  // From is inclusive, until exclusive.
  EXPECT_EQ(ids({.from = at("2025-03-01T07:30"), .until = at("2025-04-01")}),
            (std::vector<RunId>{no_distance.id, trail.id, march.id}));
  EXPECT_EQ(ids({.from = at("2025-03-01T07:31")}),
            (std::vector<RunId>{april.id, no_distance.id, trail.id}));
  EXPECT_EQ(ids({.sport = Sport::trail}), (std::vector<RunId>{trail.id}));
  // A run without a distance passes no distance bound.
  EXPECT_EQ(ids({.min_distance = Distance::from_kilometers(10)}),
            (std::vector<RunId>{april.id, trail.id, march.id}));
  EXPECT_EQ(ids({.max_distance = Distance::from_kilometers(10)}),
            (std::vector<RunId>{april.id, march.id}));
  EXPECT_TRUE(ids({.sport = Sport::track}).empty());
  EXPECT_EQ(store_->count_runs(UserId{2}, {}), 0U);
}

TEST_P(StoreTest, EndsAPageThatTakesTheLastRunWithoutANextCursor) {
  run_at("2025-03-01T07:30");
  run_at("2025-03-02T07:30");
  const RunPage all = store_->runs_page(local_user, {.limit = 2});
  EXPECT_EQ(all.runs.size(), 2U);
  EXPECT_FALSE(all.next.has_value());
  const RunPage first = store_->runs_page(local_user, {.limit = 1});
  ASSERT_TRUE(first.next.has_value());
  const RunPage second = store_->runs_page(local_user, {.limit = 1, .before = first.next});
  EXPECT_EQ(second.runs.size(), 1U);
  EXPECT_FALSE(second.next.has_value());
  EXPECT_TRUE(store_->runs_page(local_user, {.limit = 5, .before = RunCursor{}}).runs.empty());
  try {
    static_cast<void>(store_->runs_page(local_user, {.limit = 0}));
    ADD_FAILURE() << "listed a page of no runs";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
  }
}

TEST_P(StoreTest, NeverGivesADeletedIdAgain) {
  run_at("2025-03-01T07:30");
  const cairn::Run newest = run_at("2025-03-02T07:30");
  store_->delete_run(local_user, newest.id, /*with_entry=*/true);
  EXPECT_GT(run_at("2025-03-03T07:30").id.value, newest.id.value);

  const cairn::Run last = run_at("2025-03-04T07:30");
  JournalEntry entry;
  entry.run = last.id;
  entry.at = last.start;
  const auto deleted = store_->add_entry(local_user, entry);
  store_->delete_run(local_user, last.id, /*with_entry=*/true);
  entry.run.reset();
  EXPECT_GT(store_->add_entry(local_user, entry).id.value, deleted.id.value);
}

TEST_P(StoreTest, StoresAJournalEntryWithAlignmentsAndContext) {
  const Value calm = add("Calm", 7);
  const cairn::Run run = run_at("2025-03-01T07:30");
  JournalEntry entry;
  entry.run = run.id;
  entry.at = run.start;
  entry.written_at = now();
  entry.before = {.mood = 2, .energy = 3};
  entry.after = {.mood = 4, .energy = 4};
  entry.enjoyment = 8;
  entry.effort = 5;
  entry.alignment = 7;
  entry.value_alignments = {{calm.id, 9}};
  entry.motive.value = calm.id;
  entry.context = {.company = Company::alone,
                   .route = RouteNovelty::familiar,
                   .setting = Setting::park,
                   .audio = Audio::silence,
                   .weather = "grey"};
  entry.text = "Quiet loop.";
  entry.cue_rating = 6;
  const auto stored = store_->add_entry(local_user, entry);
  EXPECT_EQ(store_->find_entry(local_user, stored.id), stored);
  EXPECT_EQ(store_->entry_for_run(local_user, run.id), stored);
}

TEST_P(StoreTest, RefusesASecondEntryForTheSameRun) {
  const cairn::Run run = run_at("2025-03-01T07:30");
  JournalEntry entry;
  entry.run = run.id;
  entry.at = run.start;
  store_->add_entry(local_user, entry);
  EXPECT_THROW(store_->add_entry(local_user, entry), Error);
  EXPECT_EQ(store_->entries(local_user).size(), 1U);
}

TEST_P(StoreTest, AttachesAStandaloneEntryToARunLater) {
  JournalEntry entry;
  entry.at = parse_local_time("2025-03-01T07:30", "UTC");
  entry.text = "written before the watch synced";
  auto stored = store_->add_entry(local_user, entry);
  const cairn::Run run = run_at("2025-03-01T08:30");
  stored.run = run.id;
  store_->update_entry(local_user, stored);
  EXPECT_EQ(store_->entry_for_run(local_user, run.id)->text, "written before the watch synced");
}

TEST_P(StoreTest, KeepsUsersApart) {
  const UserId other{2};
  const cairn::Run run = run_at("2025-03-01T07:30");
  EXPECT_FALSE(store_->find_run(other, run.id).has_value());
  EXPECT_TRUE(store_->runs(other).empty());
  JournalEntry entry;
  entry.run = run.id;  // someone else's run
  entry.at = run.start;
  EXPECT_THROW(store_->add_entry(other, entry), Error);
}

TEST_P(StoreTest, StoresExperimentsWithTaggedRunsAndTheirEnd) {
  const Value calm = add("Calm", 7);
  const cairn::Run run = run_at("2025-03-02T07:30");
  Experiment experiment{.value = calm.id,
                        .practice = "no music",
                        .question = "calmer?",
                        .starts_on = parse_date("2025-03-01"),
                        .ends_on = parse_date("2025-03-21")};
  experiment = store_->add_experiment(local_user, experiment);
  experiment.runs.push_back(run.id);
  experiment.ended_on = parse_date("2025-03-21");
  experiment.decision = ExperimentDecision::keep;
  experiment.reflection = "yes";
  store_->update_experiment(local_user, experiment);
  EXPECT_EQ(store_->find_experiment(local_user, experiment.id), experiment);
}

TEST_P(StoreTest, StoresAnExperimentsGoalOfEachKind) {
  const Value growth = add("Self-development", 8);
  const std::vector<ExperimentGoal> goals{
      {.kind = GoalKind::distance, .distance = Distance::from_kilometers(10.0)},
      {.kind = GoalKind::time, .time = Duration(3000.0)},
      {.kind = GoalKind::pace,
       .distance = Distance::from_kilometers(5.0),
       .pace = Pace::from_seconds_per_km(300.0)},
      {.kind = GoalKind::runs_per_week, .runs_per_week = 3},
      {.kind = GoalKind::form_cue, .cue = "relaxed shoulders", .cue_target = 8},
      {.kind = GoalKind::form_cue, .cue = "quick feet"},
  };
  for (const auto& goal : goals) {
    Experiment experiment{.value = growth.id,
                          .practice = "a small goal",
                          .starts_on = parse_date("2025-03-01"),
                          .ends_on = parse_date("2025-03-21"),
                          .goal = goal};
    experiment = store_->add_experiment(local_user, experiment);
    EXPECT_EQ(store_->find_experiment(local_user, experiment.id), experiment)
        << goal_kind_name(goal.kind);
  }
  Experiment without{.value = growth.id,
                     .practice = "no goal",
                     .starts_on = parse_date("2025-03-01"),
                     .ends_on = parse_date("2025-03-21")};
  without = store_->add_experiment(local_user, without);
  EXPECT_FALSE(store_->find_experiment(local_user, without.id)->goal.has_value());
}

TEST_P(StoreTest, StoresCheckIns) {
  const Value calm = add("Calm", 7);
  CheckIn checkin;
  checkin.on = parse_date("2025-03-02");
  checkin.written_at = now();
  checkin.areas = {{calm.id, 6, "busy week"}};
  checkin.motivation = {.enjoyment = 4, .chosen = 4, .guilt = 2, .pressure = 1};
  checkin.note = "fine";
  checkin = store_->add_checkin(local_user, checkin);
  ASSERT_EQ(store_->checkins(local_user).size(), 1U);
  EXPECT_EQ(store_->checkins(local_user)[0], checkin);
}

TEST_P(StoreTest, RollsBackATransactionThatThrows) {
  EXPECT_THROW(store_->transaction([&] {
    add("Calm", 7);
    throw Error(Errc::invalid_input, "changed my mind");
  }),
               Error);
  EXPECT_TRUE(store_->values(local_user).empty());
  EXPECT_TRUE(store_->value_history(local_user).empty());
}

TEST_P(StoreTest, RestoresEverythingIntoAnEmptyStoreKeepingIds) {
  const Value calm = add("Calm", 7);
  Value family = add("Family", 5);
  family.active = false;
  store_->change_value(local_user, family, ValueChangeKind::reranked,
                       {.effective_on = parse_date("2025-02-01")}, now());
  const Review review = store_->add_review(
      local_user, Review{.on = parse_date("2025-02-01"), .written_at = now(), .trigger = "mine"});
  const cairn::Run run = run_at("2025-03-01T07:30");
  JournalEntry entry;
  entry.run = run.id;
  entry.at = run.start;
  entry.value_alignments = {{calm.id, 8}};
  store_->add_entry(local_user, entry);
  store_->set_setting(local_user, "units", "mi");
  std::vector<TrackPoint> track(2);
  track[1].offset = Duration(1.0);
  track[1].latitude_deg = 52.5;
  track[1].heart_rate_bpm = 150;
  store_->save_track(local_user, run.id, track);
  const cairn::Run trackless = run_at("2025-03-02T07:30");
  store_->record_imported_file(local_user, "f1", "run.fit", parse_utc("2025-03-01T09:00:00Z"), 1);
  const JournalData data = store_->load_all(local_user);
  ASSERT_EQ(data.reviews.size(), 1U);
  EXPECT_EQ(data.reviews[0], review);
  ASSERT_EQ(data.tracks.size(), 1U);
  EXPECT_EQ(data.tracks.at(run.id), track);
  EXPECT_FALSE(data.tracks.contains(trackless.id));
  ASSERT_EQ(data.imported_files.size(), 1U);
  EXPECT_EQ(data.imported_files[0].imported_at, parse_utc("2025-03-01T09:00:00Z"));

  const auto copy_folder = folder_ / "copy";
  std::filesystem::create_directories(copy_folder);
  auto copy = GetParam().open(copy_folder);
  copy->restore_all(local_user, data);
  EXPECT_EQ(copy->load_all(local_user), data);
  EXPECT_TRUE(copy->imported_file(local_user, "f1").has_value());
  EXPECT_THROW(copy->restore_all(local_user, data), Error);
}

TEST_P(StoreTest, TakesASnapshotOfEverythingButTheTracks) {
  const Value calm = add("Calm", 7);
  const cairn::Run run = run_at("2025-03-01T07:30");
  JournalEntry entry;
  entry.run = run.id;
  entry.at = run.start;
  entry.value_alignments = {{calm.id, 8}};
  store_->add_entry(local_user, entry);
  store_->save_track(local_user, run.id, std::vector<TrackPoint>(3));
  store_->record_imported_file(local_user, "f1", "run.fit", now(), 1);
  JournalData expected = store_->load_all(local_user);
  ASSERT_EQ(expected.tracks.size(), 1U);
  expected.tracks.clear();
  EXPECT_EQ(store_->snapshot(local_user), expected);
}

TEST_P(StoreTest, RestoresNothingWhenATrackOrAnImportedFileDoesNotFit) {
  JournalData data;
  data.runs.push_back(
      cairn::Run{.id = RunId{1}, .start = parse_local_time("2025-03-01T07:30", "Europe/Berlin")});
  data.tracks[RunId{2}] = std::vector<TrackPoint>(1);
  try {
    store_->restore_all(local_user, data);
    ADD_FAILURE() << "restored a track of a run that is not there";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::not_found) << error.what();
  }
  EXPECT_TRUE(store_->is_empty(local_user));

  data.tracks.clear();
  const ImportedFile file{
      .fingerprint = "f1", .name = "a.fit", .imported_at = now(), .run_count = 1};
  data.imported_files = {file, file};
  try {
    store_->restore_all(local_user, data);
    ADD_FAILURE() << "restored the same imported file twice";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::conflict) << error.what();
  }
  EXPECT_TRUE(store_->is_empty(local_user));
  EXPECT_FALSE(store_->imported_file(local_user, "f1").has_value());
}

TEST_P(StoreTest, CountsImportedFilesAsData) {
  EXPECT_TRUE(store_->is_empty(local_user));
  store_->record_imported_file(local_user, "f1", "bike.fit", now(), 0);
  EXPECT_FALSE(store_->is_empty(local_user));
  EXPECT_TRUE(store_->is_empty(UserId{2}));
}

TEST_P(StoreTest, KeepsARunsTrack) {
  const cairn::Run run = run_at("2025-03-01T07:30");
  EXPECT_TRUE(store_->track(local_user, run.id).empty());
  std::vector<TrackPoint> track(3);
  track[1].offset = Duration(1.0);
  track[1].latitude_deg = 52.5;
  track[1].longitude_deg = 13.4;
  track[2].offset = Duration(2.0);
  track[2].heart_rate_bpm = 150;
  store_->save_track(local_user, run.id, track);
  const auto loaded = store_->track(local_user, run.id);
  ASSERT_EQ(loaded.size(), 3U);
  EXPECT_NEAR(loaded[1].latitude_deg.value(), 52.5, 1e-7);
  EXPECT_EQ(loaded[2].heart_rate_bpm, 150);
  EXPECT_TRUE(store_->track(UserId{2}, run.id).empty());
  EXPECT_THROW(store_->save_track(UserId{2}, run.id, track), Error);
}

TEST_P(StoreTest, FindsRunsByStartAndBySource) {
  cairn::Run run;
  run.start = parse_local_time("2025-03-01T07:30", "UTC");
  run.source = RunSource::file;
  run.source_ref = "abc#0";
  run = store_->add_run(local_user, run);
  run_at("2025-03-03T07:30");
  const auto near = store_->runs_starting_between(local_user, parse_utc("2025-03-01T07:28:00Z"),
                                                  parse_utc("2025-03-01T07:32:00Z"));
  ASSERT_EQ(near.size(), 1U);
  EXPECT_EQ(near[0].id, run.id);
  EXPECT_EQ(store_->run_from_source(local_user, "abc#0")->id, run.id);
  EXPECT_FALSE(store_->run_from_source(local_user, "abc#1").has_value());
}

TEST_P(StoreTest, ListsTheRunsOfOneImportedFile) {
  // Sessions 0 and 2 of file "abc"; "abcd" and "ab" are other files whose fingerprints share
  // its start.
  const std::vector<std::pair<const char*, const char*>> runs{{"abc#0", "2025-03-01T07:30"},
                                                              {"abc#2", "2025-03-02T07:30"},
                                                              {"abcd#0", "2025-03-03T07:30"},
                                                              {"ab#1", "2025-03-04T07:30"}};
  std::vector<RunId> from_file;
  for (const auto& [ref, start] : runs) {
    cairn::Run run = run_at(start);
    run.source = RunSource::file;
    run.source_ref = ref;
    store_->update_run(local_user, run);
    if (std::string_view(ref).starts_with("abc#")) from_file.push_back(run.id);
  }
  EXPECT_EQ(store_->runs_from_file(local_user, "abc"), from_file);
  EXPECT_TRUE(store_->runs_from_file(local_user, "zzz").empty());
  EXPECT_TRUE(store_->runs_from_file(UserId{2}, "abc").empty());
}

TEST_P(StoreTest, RemembersImportedFilesPerUser) {
  EXPECT_FALSE(store_->imported_file(local_user, "f1").has_value());
  store_->record_imported_file(local_user, "f1", "run.fit", now(), 1);
  store_->record_imported_file(local_user, "f1", "copy.fit", now(), 1);
  EXPECT_TRUE(store_->imported_file(local_user, "f1").has_value());
  EXPECT_FALSE(store_->imported_file(UserId{2}, "f1").has_value());
}

TEST_P(StoreTest, ForgetsTheFileOfADeletedImportedRun) {
  const auto imported = [&](std::string source_ref) {
    cairn::Run run;
    run.start = parse_local_time("2025-03-01T07:30", "UTC");
    run.source = RunSource::file;
    run.source_ref = std::move(source_ref);
    return store_->add_run(local_user, run);
  };
  const cairn::Run first = imported("f1#0");
  const cairn::Run second = imported("f1#1");
  const cairn::Run other = imported("f2#0");
  store_->record_imported_file(local_user, "f1", "two-runs.fit", now(), 2);
  store_->record_imported_file(local_user, "f2", "other.fit", now(), 1);
  store_->record_imported_file(local_user, "f3", "ride.fit", now(), 0);
  const cairn::Run typed = run_at("2025-03-02T07:30");

  store_->delete_run(local_user, typed.id, /*with_entry=*/true);
  EXPECT_EQ(store_->imported_files(local_user).size(), 3U);
  store_->delete_run(local_user, second.id, /*with_entry=*/true);
  EXPECT_FALSE(store_->imported_file(local_user, "f1").has_value());
  EXPECT_TRUE(store_->imported_file(local_user, "f2").has_value());
  EXPECT_TRUE(store_->imported_file(local_user, "f3").has_value());
  EXPECT_TRUE(store_->find_run(local_user, first.id).has_value());
  EXPECT_EQ(store_->run_from_source(local_user, "f2#0")->id, other.id);
}

TEST_P(StoreTest, ListsImportedFilesByFingerprintKeepingTheFirstRecord) {
  EXPECT_TRUE(store_->imported_files(local_user).empty());
  const Timestamp first = parse_utc("2025-03-01T09:00:00Z");
  store_->record_imported_file(local_user, "f2", "run.fit", first, 1);
  store_->record_imported_file(local_user, "f1", "ride.fit", first + std::chrono::hours(1), 0);
  store_->record_imported_file(local_user, "f2", "copy.fit", first + std::chrono::hours(2), 0);
  EXPECT_EQ(store_->imported_files(local_user),
            (std::vector<ImportedFile>{
                {.fingerprint = "f1",
                 .name = "ride.fit",
                 .imported_at = first + std::chrono::hours(1),
                 .run_count = 0},
                {.fingerprint = "f2", .name = "run.fit", .imported_at = first, .run_count = 1}}));
  EXPECT_TRUE(store_->imported_files(UserId{2}).empty());
}

// --- route familiarity: the store keeps what the app worked out ------------------------------

TEST_P(StoreTest, FindsTheFirstRunThroughEachCellByStartNotById) {
  const auto later = run_at("2025-03-05T07:00");
  const auto earlier = run_at("2025-03-01T07:00");
  const auto latest = run_at("2025-03-09T07:00");
  // Many at once, as a rebuild saves them.
  const std::vector<RunGround> grounds = {
      {.run = later.id, .start = later.start.utc, .cells = {10, 20, 30}},
      {.run = earlier.id, .start = earlier.start.utc, .cells = {20, 30, 40}},
      {.run = latest.id, .start = latest.start.utc, .cells = {30, 50}}};
  store_->save_run_grounds(local_user, grounds);
  const std::vector<CellId> cells = {10, 20, 30, 40, 50, 60};
  const auto firsts = [&](RunId except) {
    std::map<CellId, RunOrder> out;
    for (const auto& cell : store_->first_runs_through(local_user, cells, except)) {
      out.emplace(cell.cell, cell.first);
    }
    return out;
  };
  const RunOrder a{later.start.utc, later.id};
  const RunOrder b{earlier.start.utc, earlier.id};
  const RunOrder c{latest.start.utc, latest.id};
  EXPECT_EQ(firsts(RunId{}),
            (std::map<CellId, RunOrder>{{10, a}, {20, b}, {30, b}, {40, b}, {50, c}}));
  EXPECT_EQ(firsts(earlier.id), (std::map<CellId, RunOrder>{{10, a}, {20, a}, {30, a}, {50, c}}));
  EXPECT_TRUE(store_->first_runs_through(UserId{2}, cells, RunId{}).empty());

  // The ground keeps the start it was saved with until it is saved again.
  auto moved = *store_->find_run(local_user, earlier.id);
  moved.start = parse_local_time("2025-03-20T07:00", "Europe/Berlin");
  store_->update_run(local_user, moved);
  EXPECT_EQ(firsts(RunId{})[20], b);
  EXPECT_EQ(store_->run_ground(local_user, earlier.id)->start, earlier.start.utc);
  save_ground({.run = earlier.id, .cells = {20, 30, 40}});
  EXPECT_EQ(firsts(RunId{})[20], a);
  const RunOrder b_moved{moved.start.utc, earlier.id};
  EXPECT_EQ(firsts(RunId{})[40], b_moved);

  // When the first run through a cell goes, the next run there is the first.
  store_->delete_run(local_user, later.id, /*with_entry=*/true);
  EXPECT_EQ(firsts(RunId{}),
            (std::map<CellId, RunOrder>{{20, b_moved}, {30, c}, {40, b_moved}, {50, c}}));
  store_->remove_run_ground(local_user, latest.id);
  EXPECT_EQ(firsts(RunId{}),
            (std::map<CellId, RunOrder>{{20, b_moved}, {30, b_moved}, {40, b_moved}}));
}

TEST_P(StoreTest, KeepsARunsGroundUntilReplacedOrRemoved) {
  const auto run = run_at("2025-03-01T07:00");
  EXPECT_FALSE(store_->run_ground(local_user, run.id).has_value());
  const auto route = store_->add_route(local_user, std::vector<CellId>{1, 2, 3, 4, 5});
  const RunGround ground{.run = run.id,
                         .start = run.start.utc,
                         .cells = {1, 2, 3, 4, 5},
                         .familiar_cells = 2,
                         .route = route};
  save_ground(ground);
  EXPECT_EQ(store_->run_ground(local_user, run.id), ground);
  EXPECT_FALSE(store_->run_ground(UserId{2}, run.id).has_value());

  store_->add_familiar_cells(local_user, std::vector<FamiliarChange>{{run.id, 2}, {RunId{99}, 1}});
  EXPECT_EQ(store_->run_ground(local_user, run.id)->familiar_cells, 4U);
  store_->add_familiar_cells(local_user, std::vector<FamiliarChange>{{run.id, -3}});
  EXPECT_EQ(store_->run_ground(local_user, run.id)->familiar_cells, 1U);
  // More familiar cells than cells is no ground the store keeps.
  EXPECT_THROW(store_->add_familiar_cells(local_user, std::vector<FamiliarChange>{{run.id, 10}}),
               Error);

  const RunGround replaced{.run = run.id, .start = run.start.utc, .cells = {7, 8}};
  save_ground(replaced);
  EXPECT_EQ(store_->run_ground(local_user, run.id), replaced);
  // The route no run follows went with the old ground.
  EXPECT_TRUE(store_->routes_sharing(local_user, std::vector<CellId>{1, 2}, 1).empty());

  store_->remove_run_ground(local_user, run.id);
  EXPECT_FALSE(store_->run_ground(local_user, run.id).has_value());
  EXPECT_TRUE(store_->first_runs_through(local_user, std::vector<CellId>{7, 8}, RunId{}).empty());
}

TEST_P(StoreTest, RefusesGroundForAnotherUsersRunOrRoute) {
  const auto run = run_at("2025-03-01T07:00");
  const std::vector<RunGround> plain = {{.run = run.id, .cells = {1}}};
  EXPECT_THROW(store_->save_run_grounds(UserId{2}, plain), Error);
  const std::vector<RunGround> other_route = {{.run = run.id, .cells = {1}, .route = 12345}};
  EXPECT_THROW(store_->save_run_grounds(local_user, other_route), Error);
  EXPECT_FALSE(store_->run_ground(local_user, run.id).has_value());
}

TEST_P(StoreTest, CountsTheCellsEachRouteSharesWithARun) {
  const auto river = store_->add_route(local_user, std::vector<CellId>{1, 2, 3, 4, 5, 6});
  const auto park = store_->add_route(local_user, std::vector<CellId>{5, 6, 7, 8, 9});
  EXPECT_GT(park, river);
  EXPECT_EQ(store_->routes_sharing(local_user, std::vector<CellId>{2, 3, 6, 9, 11}, 1),
            (std::vector<RouteCandidate>{{.route = river, .cells = 6, .shared = 3},
                                         {.route = park, .cells = 5, .shared = 2}}));
  // Only the routes sharing enough.
  EXPECT_EQ(store_->routes_sharing(local_user, std::vector<CellId>{2, 3, 6, 9, 11}, 3),
            (std::vector<RouteCandidate>{{.route = river, .cells = 6, .shared = 3}}));
  EXPECT_TRUE(store_->routes_sharing(local_user, std::vector<CellId>{11, 12}, 1).empty());
  EXPECT_TRUE(store_->routes_sharing(UserId{2}, std::vector<CellId>{2, 3}, 1).empty());
}

TEST_P(StoreTest, ListsFamiliarityOldestFirstAndRoutesRunMoreThanOnce) {
  auto first = run_at("2025-03-01T07:00");
  auto second = run_at("2025-03-03T07:00");
  auto third = run_at("2025-03-02T07:00");
  const auto alone = run_at("2025-03-04T07:00");
  run_at("2025-03-05T07:00");  // no GPS: no ground
  for (auto* run : {&first, &second, &third}) {
    run->route_name = run == &first ? "" : "river loop";
    store_->update_run(local_user, *run);
  }
  const std::vector<CellId> river_cells = {1, 2, 3, 4, 5};
  const auto river = store_->add_route(local_user, river_cells);
  const auto hills = store_->add_route(local_user, std::vector<CellId>{20, 21, 22, 23, 24});
  save_ground({.run = first.id, .cells = river_cells, .route = river});
  save_ground({.run = second.id, .cells = river_cells, .familiar_cells = 5, .route = river});
  save_ground({.run = third.id, .cells = {1, 2, 3, 4}, .familiar_cells = 3, .route = river});
  save_ground({.run = alone.id, .cells = {20, 21, 22, 23, 24}, .route = hills});

  EXPECT_EQ(store_->route_familiarity(local_user),
            (std::vector<RouteFamiliarity>{{first.id, 0.0, river},
                                           {third.id, 0.75, river},
                                           {second.id, 1.0, river},
                                           {alone.id, 0.0, std::nullopt}}));
  EXPECT_EQ(store_->known_routes(local_user),
            (std::vector<KnownRoute>{
                {.id = river, .name = "river loop", .runs = {first.id, third.id, second.id}}}));
  EXPECT_TRUE(store_->route_familiarity(UserId{2}).empty());
  EXPECT_TRUE(store_->known_routes(UserId{2}).empty());

  // Deleting a run takes its ground, and a route only it followed.
  store_->delete_run(local_user, alone.id, /*with_entry=*/true);
  store_->delete_run(local_user, second.id, /*with_entry=*/true);
  EXPECT_EQ(store_->route_familiarity(local_user).size(), 2U);
  EXPECT_TRUE(store_->first_runs_through(local_user, std::vector<CellId>{21}, RunId{}).empty());
  EXPECT_TRUE(store_->routes_sharing(local_user, std::vector<CellId>{21}, 1).empty());
  EXPECT_EQ(store_->known_routes(local_user).at(0).runs, (std::vector<RunId>{first.id, third.id}));
}

TEST_P(StoreTest, ClearsTheGroundOfOneUser) {
  const auto run = run_at("2025-03-01T07:00");
  const auto route = store_->add_route(local_user, std::vector<CellId>{1, 2, 3, 4, 5});
  save_ground({.run = run.id, .cells = {1, 2, 3, 4, 5}, .route = route});
  EXPECT_FALSE(store_->ground_rebuild_pending(local_user));
  store_->clear_ground(local_user);
  EXPECT_FALSE(store_->run_ground(local_user, run.id).has_value());
  EXPECT_TRUE(store_->routes_sharing(local_user, std::vector<CellId>{1}, 1).empty());
  EXPECT_TRUE(store_->route_familiarity(local_user).empty());
  EXPECT_EQ(store_->runs(local_user).size(), 1U);
}

TEST_P(StoreTest, NeitherExportsNorRestoresGround) {
  const auto run = run_at("2025-03-01T07:00");
  store_->save_track(local_user, run.id,
                     std::vector<TrackPoint>{
                         {.offset = Duration(0.0), .latitude_deg = 48.1, .longitude_deg = 11.5}});
  save_ground({.run = run.id, .cells = {1}});
  const auto data = store_->load_all(local_user);
  const auto other_folder = folder_ / "other";
  std::filesystem::create_directories(other_folder);
  auto other = GetParam().open(other_folder);
  other->restore_all(local_user, data);
  EXPECT_EQ(other->load_all(local_user), data);
  EXPECT_TRUE(other->route_familiarity(local_user).empty());
  EXPECT_FALSE(other->run_ground(local_user, run.id).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace cairn::store
