#include "cairn/app/journal_service.hpp"

#include <random>

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::app {
namespace {

class JournalServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() / ("cairn-app-test-" + std::to_string(seed()));
    store_ = store::open_sqlite_store(folder_ / "cairn.db");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  Value add(std::string name, std::string_view on, int importance = 5) {
    Value value;
    value.name = std::move(name);
    value.importance = importance;
    return service().add_value(value, {.effective_on = parse_date(on)});
  }

  static cairn::Run run_on(std::string_view when) {
    cairn::Run run;
    run.start = parse_local_time(when, "Europe/Berlin");
    run.distance = Distance::from_kilometers(8);
    run.elapsed = Duration(2700);
    return run;
  }

  static JournalEntry entry_aligned_with(ValueId value, int rating) {
    JournalEntry entry;
    entry.enjoyment = 7;
    entry.value_alignments = {{value, rating}};
    return entry;
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::Store> store_;
  JournalService service() { return JournalService(*store_, local_user); }
};

TEST_F(JournalServiceTest, LogsARunWithItsEntryAtTheRunsTime) {
  const Value calm = add("Calm", "2025-01-01");
  const auto logged = service().log_run(run_on("2025-03-01T07:30"), entry_aligned_with(calm.id, 8));
  ASSERT_TRUE(logged.entry.has_value());
  EXPECT_EQ(logged.entry->run, logged.run.id);
  EXPECT_EQ(logged.entry->at, logged.run.start);
  EXPECT_EQ(service().entry_for_run(logged.run.id)->value_alignments.at(0).rating, 8);
}

TEST_F(JournalServiceTest, StoresNeitherRunNorEntryWhenTheEntryIsRefused) {
  const Value later = add("Later", "2025-06-01");
  EXPECT_THROW(service().log_run(run_on("2025-03-01T07:30"), entry_aligned_with(later.id, 8)),
               Error);
  EXPECT_TRUE(service().runs().empty());
  EXPECT_TRUE(service().entries().empty());
}

TEST_F(JournalServiceTest, AcceptsAlignmentOnlyForValuesInForceOnTheRunsDate) {
  Value calm = add("Calm", "2025-01-01");
  calm.active = false;
  service().change_value(calm, {.effective_on = parse_date("2025-02-01"), .reason = "moved on"});
  EXPECT_NO_THROW(service().log_run(run_on("2025-01-15T07:30"), entry_aligned_with(calm.id, 6)));
  EXPECT_THROW(service().log_run(run_on("2025-02-15T07:30"), entry_aligned_with(calm.id, 6)),
               Error);
}

TEST_F(JournalServiceTest, RefusesAChangeDatedBeforeTheValueWasAdded) {
  Value calm = add("Calm", "2025-03-01");
  calm.importance = 9;
  EXPECT_THROW(service().change_value(calm, {.effective_on = parse_date("2025-02-01")}), Error);
  EXPECT_EQ(service().value_history().size(), 1U);
}

TEST_F(JournalServiceTest, RefusesToRetireARetiredValue) {
  Value calm = add("Calm", "2025-01-01");
  calm.active = false;
  service().change_value(calm, {.effective_on = parse_date("2025-02-01")});
  calm.importance = 2;
  EXPECT_THROW(service().change_value(calm, {.effective_on = parse_date("2025-02-02")}), Error);
}

TEST_F(JournalServiceTest, RecordsAReviewAndItsChangesTogether) {
  Value adventure = add("Adventure", "2025-01-01", 9);
  Value family = add("Family", "2025-01-01", 6);
  adventure.importance = 4;
  family.active = false;
  const Review review = service().review(
      Review{.on = parse_date("2025-04-01"), .trigger = "new job", .notes = "less time"},
      {{.after = adventure, .reason = ""}, {.after = family, .reason = "kids grew up"}});
  const auto history = service().value_history();
  ASSERT_EQ(history.size(), 4U);
  EXPECT_EQ(history[2].kind, ValueChangeKind::reranked);
  EXPECT_EQ(history[2].review, review.id);
  EXPECT_EQ(history[2].reason, "new job");
  EXPECT_EQ(history[3].kind, ValueChangeKind::retired);
  EXPECT_EQ(history[3].reason, "kids grew up");
  const auto april = service().values_at(parse_date("2025-04-01"));
  ASSERT_EQ(april.size(), 1U);
  EXPECT_EQ(april[0].importance, 4);
}

TEST_F(JournalServiceTest, RollsBackAReviewWhenOneChangeIsRefused) {
  Value adventure = add("Adventure", "2025-01-01", 9);
  adventure.importance = 4;
  Value ghost;
  ghost.id = ValueId{999};
  ghost.name = "Ghost";
  EXPECT_THROW(
      service().review(Review{.on = parse_date("2025-04-01")},
                       {{.after = adventure, .reason = ""}, {.after = ghost, .reason = ""}}),
      Error);
  EXPECT_TRUE(service().reviews().empty());
  EXPECT_EQ(service().value_history().size(), 1U);
}

TEST_F(JournalServiceTest, StartsAJournalWithAllItsFirstAnswersOrNone) {
  const auto named = [](std::string name) {
    Value value;
    value.name = std::move(name);
    return StartingValue{.value = value, .note = {.effective_on = parse_date("2025-01-01")}};
  };
  // The second value is the first one again: the zone and units before it are not kept.
  EXPECT_THROW(service().start_journal({.units = UnitSystem::imperial,
                                        .zone = "America/New_York",
                                        .values = {named("Calm"), named("calm")}}),
               Error);
  EXPECT_TRUE(store_->is_empty(local_user));
  service().start_journal(
      {.units = UnitSystem::imperial, .zone = "America/New_York", .values = {named("Calm")}});
  EXPECT_EQ(service().units(), UnitSystem::imperial);
  EXPECT_EQ(service().zone(), "America/New_York");
  EXPECT_EQ(service().values().size(), 1U);
}

TEST_F(JournalServiceTest, RunsAnExperimentFromStartToDecision) {
  const Value calm = add("Calm", "2025-01-01");
  const auto logged = service().log_run(run_on("2025-03-03T07:30"), std::nullopt);
  Experiment experiment =
      service().start_experiment(Experiment{.value = calm.id,
                                            .practice = "no music",
                                            .question = "calmer afterwards?",
                                            .starts_on = parse_date("2025-03-01"),
                                            .ends_on = parse_date("2025-03-21")});
  experiment = service().tag_runs(experiment.id, {logged.run.id});
  EXPECT_EQ(service().experiment_runs(experiment).size(), 1U);
  experiment = service().end_experiment(experiment.id, parse_date("2025-03-21"), "calmer, yes",
                                        ExperimentDecision::keep);
  EXPECT_FALSE(is_open(experiment));
  EXPECT_THROW(service().end_experiment(experiment.id, parse_date("2025-03-22"), "",
                                        ExperimentDecision::drop),
               Error);
}

TEST_F(JournalServiceTest, RefusesAnExperimentOnAValueNotYetHeld) {
  const Value calm = add("Calm", "2025-06-01");
  EXPECT_THROW(service().start_experiment(Experiment{.value = calm.id,
                                                     .practice = "no music",
                                                     .starts_on = parse_date("2025-03-01"),
                                                     .ends_on = parse_date("2025-03-21")}),
               Error);
}

TEST_F(JournalServiceTest, KeepsOneFormCueAtATime) {
  const Value growth = add("Self-development", "2025-01-01");
  const ExperimentGoal cue{.kind = GoalKind::form_cue, .cue = "relaxed shoulders"};
  const auto first = service().start_experiment(Experiment{.value = growth.id,
                                                           .practice = "shoulders down",
                                                           .starts_on = parse_date("2025-03-01"),
                                                           .ends_on = parse_date("2025-03-21"),
                                                           .goal = cue});
  try {
    static_cast<void>(service().start_experiment(
        Experiment{.value = growth.id,
                   .practice = "quick feet",
                   .starts_on = parse_date("2025-03-15"),
                   .ends_on = parse_date("2025-04-05"),
                   .goal = ExperimentGoal{.kind = GoalKind::form_cue, .cue = "quick feet"}}));
    ADD_FAILURE() << "a second cue overlapping the first was started";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::conflict);
    EXPECT_EQ(error.field(), "goal.cue");
  }
  // Another kind of goal, or a cue after the first, is fine.
  EXPECT_NO_THROW(static_cast<void>(service().start_experiment(
      Experiment{.value = growth.id,
                 .practice = "three a week",
                 .starts_on = parse_date("2025-03-15"),
                 .ends_on = parse_date("2025-04-05"),
                 .goal = ExperimentGoal{.kind = GoalKind::runs_per_week, .runs_per_week = 3}})));
  EXPECT_NO_THROW(static_cast<void>(service().start_experiment(
      Experiment{.value = growth.id,
                 .practice = "quick feet",
                 .starts_on = parse_date("2025-03-22"),
                 .ends_on = parse_date("2025-04-05"),
                 .goal = ExperimentGoal{.kind = GoalKind::form_cue, .cue = "quick feet"}})));
  EXPECT_EQ(service().form_cue_experiment_on(parse_date("2025-03-10"))->id, first.id);
  EXPECT_FALSE(service().form_cue_experiment_on(parse_date("2025-02-28")).has_value());
}

TEST_F(JournalServiceTest, TakesACueRatingOnlyOnADayAFormCueExperimentHolds) {
  const Value growth = add("Self-development", "2025-01-01");
  static_cast<void>(service().start_experiment(
      Experiment{.value = growth.id,
                 .practice = "shoulders down",
                 .starts_on = parse_date("2025-03-01"),
                 .ends_on = parse_date("2025-03-21"),
                 .goal = ExperimentGoal{.kind = GoalKind::form_cue, .cue = "relaxed shoulders"}}));
  JournalEntry rated;
  rated.cue_rating = 8;
  const auto inside = service().log_run(run_on("2025-03-03T07:30"), rated);
  EXPECT_EQ(service().entry_for_run(inside.run.id)->cue_rating, 8);
  try {
    static_cast<void>(service().log_run(run_on("2025-03-25T07:30"), rated));
    ADD_FAILURE() << "a cue rating outside every cue experiment was stored";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "cue_rating");
  }
  EXPECT_EQ(service().runs().size(), 1U);
}

TEST_F(JournalServiceTest, ChecksInOnValuesInForce) {
  const Value calm = add("Calm", "2025-01-01");
  CheckIn checkin{.on = parse_date("2025-03-02"), .areas = {{calm.id, 6, ""}}};
  EXPECT_NO_THROW(service().add_checkin(checkin));
  checkin.on = parse_date("2024-12-01");
  EXPECT_THROW(service().add_checkin(checkin), Error);
  EXPECT_EQ(service().checkins().size(), 1U);
}

TEST_F(JournalServiceTest, RemembersUnitsAndZone) {
  EXPECT_EQ(service().units(), UnitSystem::metric);
  service().set_units(UnitSystem::imperial);
  EXPECT_EQ(service().units(), UnitSystem::imperial);
  service().set_zone("Asia/Tokyo");
  EXPECT_EQ(service().zone(), "Asia/Tokyo");
  EXPECT_THROW(service().set_zone("Nowhere/Special"), Error);
}

// Expects `work` to throw cairn::Error whose message holds `message`.
template <class Work>
void expect_refused(Work&& work, const std::string& message) {
  try {
    work();
    ADD_FAILURE() << "not refused; expected: " << message;
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
  }
}

TEST_F(JournalServiceTest, EditsARunAndMovesItsEntryWithIt) {
  const Value calm = add("Calm", "2025-01-01");
  const auto logged = service().log_run(run_on("2025-03-01T07:30"), entry_aligned_with(calm.id, 8));
  cairn::Run edited = logged.run;
  edited.start = parse_local_time("2025-03-02T18:00", "Europe/Berlin");
  edited.distance = Distance::from_kilometers(10);
  const auto result = service().edit_run(edited);
  EXPECT_EQ(service().run(logged.run.id), edited);
  ASSERT_TRUE(result.entry.has_value());
  EXPECT_EQ(service().entry_for_run(logged.run.id)->at, edited.start);
  EXPECT_EQ(service().runs().size(), 1U);
}

TEST_F(JournalServiceTest, RefusesAnEditThatChangesNothingOrBreaksARuleAndKeepsTheRun) {
  const Value later = add("Later", "2025-03-01");
  const auto logged =
      service().log_run(run_on("2025-03-05T07:30"), entry_aligned_with(later.id, 8));
  expect_refused([&] { service().edit_run(logged.run); }, "nothing to change in run #1");

  cairn::Run fast = logged.run;
  fast.distance = Distance::from_kilometers(43);
  fast.elapsed = Duration(3600);
  EXPECT_THROW(service().edit_run(fast), ImplausibleRun);

  cairn::Run earlier = logged.run;
  earlier.start = parse_local_time("2025-02-05T07:30", "Europe/Berlin");
  expect_refused([&] { service().edit_run(earlier); },
                 "run #1's journal entry #1 does not fit its new date 2025-02-05");

  cairn::Run ghost = logged.run;
  ghost.id = RunId{42};
  expect_refused([&] { service().edit_run(ghost); }, "run #42 not found");
  EXPECT_EQ(service().run(logged.run.id), logged.run);
  EXPECT_EQ(service().entry_for_run(logged.run.id)->at, logged.run.start);
}

TEST_F(JournalServiceTest, KeepsAForcedRunForcedWhenOnlyItsWordsChange) {
  cairn::Run old = run_on("1978-10-22T10:00");
  const auto logged = service().log_run(old, std::nullopt, /*accept_implausible=*/true);
  cairn::Run titled = logged.run;
  titled.title = "first marathon";
  EXPECT_NO_THROW(service().edit_run(titled));
  titled.distance = Distance::from_kilometers(80);
  titled.elapsed = Duration(3600);
  EXPECT_THROW(service().edit_run(titled), ImplausibleRun);
  EXPECT_NO_THROW(service().edit_run(titled, /*accept_implausible=*/true));
}

TEST_F(JournalServiceTest, KeepsAnEditedRunInsideTheExperimentsItIsTaggedIn) {
  const Value calm = add("Calm", "2025-01-01");
  const auto logged = service().log_run(run_on("2025-03-03T07:30"), std::nullopt);
  const Experiment experiment =
      service().start_experiment(Experiment{.value = calm.id,
                                            .practice = "no music",
                                            .starts_on = parse_date("2025-03-01"),
                                            .ends_on = parse_date("2025-03-21")});
  service().tag_runs(experiment.id, {logged.run.id});
  cairn::Run moved = logged.run;
  moved.start = parse_local_time("2025-04-03T07:30", "Europe/Berlin");
  expect_refused([&] { service().edit_run(moved); },
                 "run #1 is tagged in experiment #1, which runs from 2025-03-01 to 2025-03-21");
  EXPECT_EQ(service().run(logged.run.id), logged.run);
}

// The same morning run, read from the watch's file three minutes after the runner typed it.
cairn::Run imported_on(std::string_view when) {
  cairn::Run run;
  run.start = parse_local_time(when, "Europe/Berlin");
  run.distance = Distance::from_meters(10230);
  run.elapsed = Duration(3130);
  run.moving = Duration(3050);
  run.avg_heart_rate_bpm = 151;
  run.source = RunSource::file;
  run.source_ref = "0123456789abcdef#0";
  run.review = "no sport in the file";
  run.laps = {Lap{.elapsed = Duration(3130), .distance = Distance::from_meters(10230)}};
  return run;
}

TEST_F(JournalServiceTest, MergesATypedInRunIntoItsImportedTwinKeepingTheRunnersWords) {
  const Value calm = add("Calm", "2025-01-01");
  cairn::Run typed = run_on("2025-03-01T07:00");
  typed.sport = Sport::trail;
  typed.title = "ridge loop";
  typed.notes = "legs heavy";
  const auto manual = service().log_run(typed, entry_aligned_with(calm.id, 8));
  const auto file = service().log_run(imported_on("2025-03-01T07:20"), std::nullopt);
  store_->save_track(local_user, file.run.id,
                     std::vector<TrackPoint>(3, TrackPoint{.offset = Duration(60.0)}));
  const Experiment experiment =
      service().start_experiment(Experiment{.value = calm.id,
                                            .practice = "no music",
                                            .starts_on = parse_date("2025-03-01"),
                                            .ends_on = parse_date("2025-03-21")});
  service().tag_runs(experiment.id, {manual.run.id});

  const MergedRuns merged = service().merge_runs(manual.run.id, file.run.id);
  EXPECT_EQ(merged.kept.run.id, file.run.id);
  EXPECT_EQ(merged.removed, manual.run.id);
  const cairn::Run kept = service().run(file.run.id);
  EXPECT_EQ(kept.start, file.run.start);
  EXPECT_EQ(kept.distance, file.run.distance);
  EXPECT_EQ(kept.avg_heart_rate_bpm, 151);
  EXPECT_EQ(kept.sport, Sport::trail);
  EXPECT_EQ(kept.title, "ridge loop");
  EXPECT_EQ(kept.notes, "legs heavy");
  EXPECT_EQ(kept.source_ref, file.run.source_ref);
  EXPECT_TRUE(kept.review.empty());
  EXPECT_EQ(kept.laps.size(), 1U);
  EXPECT_EQ(store_->track(local_user, kept.id).size(), 3U);
  EXPECT_EQ(service().runs().size(), 1U);
  const auto entry = service().entry_for_run(kept.id);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->id, manual.entry->id);
  EXPECT_EQ(entry->at, kept.start);
  EXPECT_EQ(service().experiment(experiment.id).runs, std::vector<RunId>{kept.id});
}

TEST_F(JournalServiceTest, MergesTwoEntriesThatAgreeAndRefusesTwoThatDoNot) {
  JournalEntry typed;
  typed.enjoyment = 8;
  typed.text = "found the ridge";
  JournalEntry from_watch;
  from_watch.effort = 6;
  from_watch.enjoyment = 8;
  const auto manual = service().log_run(run_on("2025-03-01T07:00"), typed);
  const auto file = service().log_run(imported_on("2025-03-01T07:20"), from_watch);
  const auto merged = service().merge_runs(file.run.id, manual.run.id);
  ASSERT_TRUE(merged.kept.entry.has_value());
  EXPECT_EQ(service().entries().size(), 1U);
  const auto entry = service().entry_for_run(file.run.id);
  EXPECT_EQ(entry->effort, 6);
  EXPECT_EQ(entry->enjoyment, 8);
  EXPECT_EQ(entry->text, "found the ridge");

  JournalEntry happier = typed;
  happier.enjoyment = 9;
  const auto again = service().log_run(run_on("2025-03-01T07:10"), happier);
  const auto data_before = store_->load_all(local_user);
  expect_refused([&] { service().merge_runs(again.run.id, file.run.id); },
                 "journal entries #2 and #3 answer enjoyment differently");
  EXPECT_EQ(store_->load_all(local_user), data_before);
}

TEST_F(JournalServiceTest, RefusesToMergeARunWithItselfOrWithAnotherDaysRun) {
  const auto monday = service().log_run(run_on("2025-03-03T07:00"), std::nullopt);
  const auto friday = service().log_run(run_on("2025-03-07T07:00"), std::nullopt);
  const auto monday_evening = service().log_run(run_on("2025-03-03T09:00"), std::nullopt);
  expect_refused([&] { service().merge_runs(monday.run.id, monday.run.id); },
                 "run #1 cannot be merged with itself");
  expect_refused([&] { service().merge_runs(monday.run.id, friday.run.id); },
                 "start more than 90 minutes apart");
  // Two runs of one morning, two hours apart, are two runs.
  expect_refused([&] { service().merge_runs(monday.run.id, monday_evening.run.id); },
                 "start more than 90 minutes apart");
  expect_refused([&] { service().merge_runs(monday.run.id, RunId{9}); }, "run #9 not found");
  EXPECT_EQ(service().runs().size(), 3U);
}

TEST_F(JournalServiceTest, RefusesTheSameRunTwiceNamingTheFirst) {
  const auto first = service().log_run(run_on("2025-03-01T07:30"), std::nullopt);
  cairn::Run again = run_on("2025-03-01T07:30");
  again.distance = Distance::from_kilometers(12);
  try {
    service().log_run(again, entry_aligned_with(add("Calm", "2025-01-01").id, 5), true);
    FAIL() << "a second run at the same start was stored";
  } catch (const DuplicateRun& duplicate) {
    EXPECT_EQ(duplicate.existing(), first.run.id);
    EXPECT_EQ(duplicate.field(), "start");
    EXPECT_NE(std::string(duplicate.what()).find("duplicate of run #1"), std::string::npos);
  }
  EXPECT_EQ(service().runs().size(), 1U);
  EXPECT_TRUE(service().entries().empty());
  // Two minutes later with a distance that agrees is the same run; an hour later is not.
  EXPECT_THROW(service().log_run(run_on("2025-03-01T07:32"), std::nullopt), DuplicateRun);
  EXPECT_NO_THROW(service().log_run(run_on("2025-03-01T18:30"), std::nullopt));
}

TEST_F(JournalServiceTest, RefusesAnEditThatMakesARunAnothersDuplicate) {
  const auto morning = service().log_run(run_on("2025-03-01T07:30"), std::nullopt);
  const auto evening = service().log_run(run_on("2025-03-01T18:30"), std::nullopt);
  cairn::Run moved = evening.run;
  moved.start = morning.run.start;
  EXPECT_THROW(service().edit_run(moved), DuplicateRun);
  EXPECT_EQ(service().run(evening.run.id), evening.run);
  // A run is no duplicate of itself.
  cairn::Run longer = morning.run;
  longer.distance = Distance::from_kilometers(9);
  EXPECT_NO_THROW(service().edit_run(longer));
}

TEST_F(JournalServiceTest, CarriesABackdatedChangeOnExceptWhereALaterChangeSetItself) {
  Value adventure = add("Adventure", "2023-01-01", 8);
  adventure.importance = 4;
  service().change_value(adventure, {.effective_on = parse_date("2024-06-01")});
  adventure.why = "to feel alive";
  service().change_value(adventure, {.effective_on = parse_date("2024-09-01")});

  Value backdated = adventure;
  backdated.importance = 6;
  backdated.link = "long trail runs";
  const ValueEvent event = service().change_value(
      backdated, {.effective_on = parse_date("2023-06-01"), .reason = "first trail race"});
  EXPECT_EQ(event.kind, ValueChangeKind::edited);
  EXPECT_EQ(event.after.importance, 6);
  EXPECT_EQ(event.after.why, "");  // not yet said on that date
  const auto at = [&](std::string_view day) { return service().values_at(parse_date(day)).at(0); };
  EXPECT_EQ(at("2023-03-01").importance, 8);
  EXPECT_EQ(at("2023-03-01").link, "");
  EXPECT_EQ(at("2023-07-01").importance, 6);
  EXPECT_EQ(at("2024-07-01").importance, 4);  // the later re-rank stands
  EXPECT_EQ(at("2024-07-01").link, "long trail runs");
  const Value now = service().value_named("adventure");
  EXPECT_EQ(now.importance, 4);
  EXPECT_EQ(now.link, "long trail runs");
  EXPECT_EQ(now.why, "to feel alive");
  EXPECT_EQ(service().value_story("Adventure").history.size(), 4U);
}

TEST_F(JournalServiceTest, RefusesABackdatedChangeThatContradictsLaterHistoryNamingIt) {
  Value adventure = add("Adventure", "2023-01-01", 8);
  adventure.importance = 4;
  service().change_value(adventure, {.effective_on = parse_date("2024-06-01")});
  const auto history = service().value_history();

  Value retired = adventure;
  retired.active = false;
  expect_refused(
      [&] { service().change_value(retired, {.effective_on = parse_date("2024-01-01")}); },
      "retiring value 'Adventure' on 2024-01-01 contradicts its later change 'reranked' on "
      "2024-06-01");
  Value reworded = adventure;
  reworded.why = "new places";
  expect_refused(
      [&] { service().change_value(reworded, {.effective_on = parse_date("2022-01-01")}); },
      "value 'Adventure' was added on 2023-01-01");
  expect_refused(
      [&] { service().change_value(adventure, {.effective_on = parse_date("2024-01-01")}); },
      "nothing to change in value 'Adventure' on 2024-01-01");
  EXPECT_EQ(service().value_history(), history);
}

TEST_F(JournalServiceTest, MovesTheStartOfAValueEarlierOnly) {
  Value calm = add("Calm", "2025-01-01", 6);
  calm.importance = 9;
  service().change_value(calm, {.effective_on = parse_date("2025-02-01")});
  const ValueEvent moved = service().hold_value_since(calm.id, parse_date("2022-05-01"));
  EXPECT_EQ(moved.kind, ValueChangeKind::added);
  EXPECT_EQ(moved.effective_on, parse_date("2022-05-01"));
  EXPECT_EQ(service().values_at(parse_date("2023-01-01")).at(0).importance, 6);
  EXPECT_EQ(service().values_at(parse_date("2025-03-01")).at(0).importance, 9);
  const auto history = service().value_history();
  expect_refused([&] { service().hold_value_since(calm.id, parse_date("2024-01-01")); },
                 "value 'Calm' is held since 2022-05-01 already");
  EXPECT_EQ(service().value_history(), history);
}

TEST_F(JournalServiceTest, NamesAnUnknownValue) {
  try {
    static_cast<void>(service().value_named("Astrology"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::not_found);
    EXPECT_NE(std::string(error.what()).find("'Astrology'"), std::string::npos);
  }
}

TEST_F(JournalServiceTest, ReadsTheTimeFromItsClock) {
  // 2025-02-10 23:30 UTC is already the 11th in Berlin.
  const auto at = parse_utc("2025-02-10T23:30:00Z");
  service().set_zone("Europe/Berlin");
  const JournalService fixed(*store_, local_user, Clock::fixed(at));
  EXPECT_EQ(fixed.now(), at);
  EXPECT_EQ(fixed.today(), parse_date("2025-02-11"));
  JournalService service_then(*store_, local_user, Clock::fixed(at));
  // A run on the 12th is in that clock's future; the same run is fine by the system clock.
  EXPECT_THROW(service_then.log_run(run_on("2025-02-12T07:30"), std::nullopt), ImplausibleRun);
  EXPECT_NO_THROW(service().log_run(run_on("2025-02-12T07:30"), std::nullopt));
  // A value change dated after the clock's today is refused as in the future.
  Value calm;
  calm.name = "Calm";
  calm.importance = 5;
  EXPECT_THROW(service_then.add_value(calm, {.effective_on = parse_date("2025-02-12")}), Error);
  const Value added = service_then.add_value(calm, {.effective_on = parse_date("2025-02-11")});
  EXPECT_EQ(service().value_history().back().recorded_at, at);
  EXPECT_EQ(added.name, "Calm");
}

TEST_F(JournalServiceTest, NamesTheFieldOfARefusedAnswer) {
  const Value calm = add("Calm", "2025-01-01");
  JournalEntry entry = entry_aligned_with(calm.id, 11);
  try {
    service().log_run(run_on("2025-03-01T07:30"), entry);
    FAIL() << "an alignment of 11 was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "value_alignments[0].rating");
  }
  entry = entry_aligned_with(calm.id, 5);
  entry.before.mood = 9;
  try {
    service().log_run(run_on("2025-03-01T07:30"), entry);
    FAIL() << "a mood of 9 was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "before.mood");
  }
  cairn::Run racing = run_on("2025-03-01T07:30");
  racing.avg_heart_rate_bpm = 400;
  try {
    service().log_run(racing, std::nullopt);
    FAIL() << "a heart rate of 400 was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "avg_heart_rate_bpm");
  }
  cairn::Run far = run_on("2025-03-01T07:30");
  far.distance = Distance::from_kilometers(-1);
  try {
    service().log_run(far, std::nullopt);
    FAIL() << "a negative distance was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "distance_m");
  }
  EXPECT_TRUE(service().runs().empty());
}

TEST_F(JournalServiceTest, RefusesAReviewThatChangesNothingWithoutNotes) {
  add("Calm", "2025-01-01");
  try {
    service().review(Review{.on = parse_date("2025-03-01"), .trigger = "a month in"}, {});
    FAIL() << "an empty review was recorded";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "notes");
  }
  EXPECT_TRUE(service().reviews().empty());
  const Review kept = service().review(
      Review{.on = parse_date("2025-03-01"), .notes = "everything still fits"}, {});
  EXPECT_EQ(service().reviews().size(), 1U);
  EXPECT_EQ(kept.notes, "everything still fits");
}

TEST_F(JournalServiceTest, RetiresOnlyActiveValuesAndRestoresOnlyRetiredOnes) {
  add("Calm", "2025-01-01");
  EXPECT_THROW(service().restore_value("calm", {.effective_on = parse_date("2025-02-01")}), Error);
  const auto retired = service().retire_value("CALM", {.effective_on = parse_date("2025-02-01")});
  EXPECT_FALSE(retired.after.active);
  EXPECT_THROW(service().retire_value("Calm", {.effective_on = parse_date("2025-03-01")}), Error);
  const auto restored = service().restore_value("calm", {.effective_on = parse_date("2025-03-01")});
  EXPECT_TRUE(restored.after.active);
  EXPECT_EQ(service().value_history().size(), 3U);
}

TEST_F(JournalServiceTest, SumsUpTheJournalForTheStartScreen) {
  const Value calm = add("Calm", "2025-01-01", 8);
  EXPECT_EQ(service().status().runs, 0U);
  EXPECT_FALSE(service().status().last_run.has_value());
  service().log_run(run_on("2025-03-05T07:30"), entry_aligned_with(calm.id, 8));
  service().log_run(run_on("2025-03-01T07:30"), std::nullopt);
  const JournalStatus status = service().status();
  EXPECT_EQ(status.runs, 2U);
  ASSERT_TRUE(status.last_run.has_value());
  EXPECT_EQ(status.last_run->start, run_on("2025-03-05T07:30").start);
  EXPECT_EQ(status.entries, 1U);
  ASSERT_EQ(status.values_in_force.size(), 1U);
  EXPECT_EQ(status.values_in_force[0].name, "Calm");
  EXPECT_EQ(status.open_experiments, 0U);
}

}  // namespace
TEST_F(JournalServiceTest, ClassifiesEachChangeAndRefusesOneThatChangesNothing) {
  Value calm = add("Calm", "2025-01-01");
  expect_refused([&] { service().change_value(calm, {.effective_on = parse_date("2025-02-01")}); },
                 "nothing to change in value 'Calm'");
  calm.importance = 9;
  EXPECT_EQ(service().change_value(calm, {.effective_on = parse_date("2025-02-01")}).kind,
            ValueChangeKind::reranked);
  calm.why = "quiet";
  EXPECT_EQ(service().change_value(calm, {.effective_on = parse_date("2025-02-02")}).kind,
            ValueChangeKind::reworded);
  calm.active = false;
  EXPECT_EQ(service().change_value(calm, {.effective_on = parse_date("2025-02-03")}).kind,
            ValueChangeKind::retired);
  EXPECT_EQ(service().value_history().size(), 4U);
}

TEST_F(JournalServiceTest, ChecksAValueBeforeStoringIt) {
  Value calm = add("Calm", "2025-01-01");
  calm.practices = {"breathe\nslowly"};
  EXPECT_THROW(service().change_value(calm, {.effective_on = parse_date("2025-02-01")}), Error);
  Value blank;
  blank.name = "  ";
  EXPECT_THROW(service().add_value(blank, {.effective_on = parse_date("2025-02-01")}), Error);
  EXPECT_EQ(service().value_history().size(), 1U);
}

}  // namespace cairn::app
