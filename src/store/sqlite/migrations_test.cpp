// Each migration is tested from the version before it: data written at version N-1
// survives the step to N, and the result has the same schema as a fresh database.

#include "migrations.hpp"

#include <random>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cairn/store/sqlite_store.hpp"

namespace cairn::store {
namespace {

std::string query_text(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK) {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      out += text == nullptr ? "NULL" : reinterpret_cast<const char*>(text);
      out += '\n';
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

void exec(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << error;
  sqlite3_close(db);
}

class MigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-migration-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::filesystem::path folder_;
};

TEST_F(MigrationTest, VersionsAreNumberedOneByOne) {
  int expected = 1;
  for (const auto& migration : sqlite::migrations()) EXPECT_EQ(migration.version, expected++);
  EXPECT_EQ(sqlite_schema_version(), expected - 1);
}

TEST_F(MigrationTest, FromVersionOneToTwoKeepsValuesRunsAndEntries) {
  const auto path = folder_ / "v1.db";
  migrate_sqlite_to(path, 1);
  EXPECT_EQ(query_text(path, "PRAGMA user_version"), "1\n");
  exec(path,
       "INSERT INTO users VALUES (1, 'local', 0);"
       "INSERT INTO value_defs VALUES (1, 1, 'Calm', '', '', '', '', 7, 1, NULL);"
       "INSERT INTO value_events VALUES (1, 1, 1, 'added', '2025-01-01', 0, '', NULL,"
       " 'Calm', '', '', '', '', 7, 1, NULL);"
       "INSERT INTO runs VALUES (1, 1, 1740814200, 'UTC', 'road', 10000, 3000, NULL, NULL,"
       " NULL, NULL, NULL, '', '', '', 'manual', '');"
       "INSERT INTO journal_entries (id, user_id, run_id, at_utc, zone, written_at, enjoyment,"
       " weather, body) VALUES (1, 1, 1, 1740814200, 'UTC', 0, 8, '', 'kept');");

  auto store = open_sqlite_store(path);
  EXPECT_EQ(query_text(path, "PRAGMA user_version"),
            std::to_string(sqlite_schema_version()) + "\n");
  ASSERT_EQ(store->values(local_user).size(), 1U);
  EXPECT_EQ(store->values(local_user)[0].name, "Calm");
  ASSERT_EQ(store->runs(local_user).size(), 1U);
  EXPECT_EQ(store->entries(local_user).at(0).text, "kept");
  EXPECT_TRUE(store->experiments(local_user).empty());
}

TEST_F(MigrationTest, FromVersionTwoToThreeKeepsExperimentsAndCheckIns) {
  const auto path = folder_ / "v2.db";
  migrate_sqlite_to(path, 2);
  exec(path,
       "INSERT INTO users VALUES (1, 'local', 0);"
       "INSERT INTO value_defs VALUES (1, 1, 'Calm', '', '', '', '', 7, 1, NULL);"
       "INSERT INTO experiments VALUES (1, 1, 1, 'no music', '', '2025-03-01', '2025-03-21',"
       " NULL, '', NULL);"
       "INSERT INTO checkins VALUES (1, 1, '2025-03-02', 0, 4, 4, 2, 1, 'fine');"
       "INSERT INTO runs VALUES (1, 1, 1740814200, 'UTC', 'road', 10000, 3000, NULL, NULL,"
       " NULL, NULL, NULL, '', '', '', 'manual', '');");
  auto store = open_sqlite_store(path);
  EXPECT_EQ(query_text(path, "PRAGMA user_version"),
            std::to_string(sqlite_schema_version()) + "\n");
  EXPECT_EQ(store->experiments(local_user).at(0).practice, "no music");
  EXPECT_EQ(store->checkins(local_user).at(0).note, "fine");
  EXPECT_TRUE(store->track(local_user, RunId{1}).empty());
  EXPECT_FALSE(store->imported_file(local_user, "anything").has_value());
}

TEST_F(MigrationTest, FromVersionFourToFiveKeepsEveryRowAndReference) {
  const auto path = folder_ / "v4.db";
  migrate_sqlite_to(path, 4);
  exec(path,
       "INSERT INTO users VALUES (1, 'local', 0);"
       "INSERT INTO reviews VALUES (3, 1, '2025-02-01', 0, 'mine', 'notes');"
       "INSERT INTO value_defs VALUES (4, 1, 'Calm', '', '', '', 'a solo run', 7, 1, NULL);"
       "INSERT INTO value_events VALUES (5, 1, 4, 'added', '2025-01-01', 0, '', 3,"
       " 'Calm', '', '', '', 'a solo run', 7, 1, NULL);"
       "INSERT INTO runs VALUES (6, 1, 1740814200, 'UTC', 'road', 10000, 3000, NULL, NULL,"
       " NULL, NULL, NULL, 'first', '', '', 'file', 'f1#0', 'check the start');"
       "INSERT INTO runs VALUES (9, 1, 1740900600, 'UTC', 'road', 5000, 1500, NULL, NULL,"
       " NULL, NULL, NULL, 'newest', '', '', 'manual', '', '');"
       "INSERT INTO laps VALUES (6, 0, 1500, 5000, NULL);"
       "INSERT INTO run_tracks VALUES (6, 0, x'');"
       "INSERT INTO journal_entries (id, user_id, run_id, at_utc, zone, written_at, enjoyment,"
       " motive_value_id, weather, body) VALUES (7, 1, 6, 1740814200, 'UTC', 0, 8, 4, '', 'kept');"
       "INSERT INTO entry_alignments VALUES (7, 4, 9);"
       "INSERT INTO experiments VALUES (8, 1, 4, 'no music', '', '2025-03-01', '2025-03-21',"
       " NULL, '', NULL);"
       "INSERT INTO experiment_runs VALUES (8, 6);"
       "INSERT INTO checkins VALUES (2, 1, '2025-03-02', 0, 4, 4, 2, 1, 'fine');"
       "INSERT INTO checkin_areas VALUES (2, 4, 6, 'busy');"
       "INSERT INTO imported_files VALUES (1, 'f1', 'run.fit', 0, 1);");
  const char* rows =
      "SELECT (SELECT group_concat(id) FROM runs) || ' ' || (SELECT count(*) FROM laps) || ' ' ||"
      " (SELECT count(*) FROM run_tracks) || ' ' || (SELECT run_id FROM journal_entries) || ' ' ||"
      " (SELECT value_id FROM entry_alignments) || ' ' || (SELECT run_id FROM experiment_runs) ||"
      " ' ' || (SELECT value_id FROM checkin_areas) || ' ' || (SELECT review_id FROM"
      " value_events) || ' ' || (SELECT review FROM runs WHERE id = 6)";
  const std::string before = query_text(path, rows);
  EXPECT_EQ(before, "6,9 1 1 6 4 6 4 3 check the start\n");

  auto store = open_sqlite_store(path);
  EXPECT_EQ(query_text(path, "PRAGMA user_version"),
            std::to_string(sqlite_schema_version()) + "\n");
  EXPECT_EQ(query_text(path, rows), before);
  EXPECT_EQ(query_text(path, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(store->find_run(local_user, RunId{6})->laps.size(), 1U);
  EXPECT_EQ(store->entries(local_user).at(0).value_alignments.at(0).rating, 9);
  EXPECT_EQ(store->experiments(local_user).at(0).runs, std::vector<RunId>{RunId{6}});
  EXPECT_EQ(store->checkins(local_user).at(0).areas.at(0).note, "busy");

  // The newest run's id is not given again once it is deleted.
  store->delete_run(local_user, RunId{9}, /*with_entry=*/true);
  EXPECT_GT(store->add_run(local_user, cairn::Run{}).id.value, 9);
}

TEST_F(MigrationTest, FromVersionFiveToSixAsksForTheGroundOfRunsWithTracks) {
  const auto path = folder_ / "v5.db";
  migrate_sqlite_to(path, 5);
  exec(path,
       "INSERT INTO users VALUES (1, 'local', 0);"
       "INSERT INTO users VALUES (2, 'other', 0);"
       "INSERT INTO runs VALUES (6, 1, 1740814200, 'UTC', 'road', 10000, 3000, NULL, NULL,"
       " NULL, NULL, NULL, 'first', '', '', 'file', 'f1#0', '');"
       "INSERT INTO runs VALUES (7, 2, 1740814200, 'UTC', 'road', 10000, 3000, NULL, NULL,"
       " NULL, NULL, NULL, 'typed', '', '', 'manual', '', '');"
       "INSERT INTO run_tracks VALUES (6, 0, x'');");
  auto store = open_sqlite_store(path);
  EXPECT_EQ(query_text(path, "PRAGMA user_version"),
            std::to_string(sqlite_schema_version()) + "\n");
  EXPECT_TRUE(store->ground_rebuild_pending(local_user));
  EXPECT_FALSE(store->ground_rebuild_pending(UserId{2}));
  EXPECT_TRUE(store->route_familiarity(local_user).empty());
  store->clear_ground(local_user);
  EXPECT_FALSE(store->ground_rebuild_pending(local_user));
  EXPECT_EQ(store->runs(local_user).at(0).title, "first");
}

TEST_F(MigrationTest, FromVersionSixToSevenKeepsExperimentsWithoutGoalsAndEntriesWithoutRatings) {
  const auto path = folder_ / "v6.db";
  migrate_sqlite_to(path, 6);
  exec(path,
       "INSERT INTO users VALUES (1, 'local', 0);"
       "INSERT INTO value_defs VALUES (4, 1, 'Growth', '', '', '', '', 8, 1, NULL);"
       "INSERT INTO runs VALUES (6, 1, 1740814200, 'UTC', 'road', 10000, 3000, NULL, NULL,"
       " NULL, NULL, NULL, 'first', '', '', 'manual', '', '');"
       "INSERT INTO journal_entries (id, user_id, run_id, at_utc, zone, written_at, enjoyment,"
       " weather, body) VALUES (7, 1, 6, 1740814200, 'UTC', 0, 8, '', 'kept');"
       "INSERT INTO experiments VALUES (8, 1, 4, 'run longer', '', '2025-03-01', '2025-03-21',"
       " NULL, '', NULL);"
       "INSERT INTO experiment_runs VALUES (8, 6);");
  {
    auto store = open_sqlite_store(path);
    EXPECT_EQ(query_text(path, "PRAGMA user_version"),
              std::to_string(sqlite_schema_version()) + "\n");
    const auto experiment = store->experiments(local_user).at(0);
    EXPECT_EQ(experiment.practice, "run longer");
    EXPECT_EQ(experiment.runs, std::vector<RunId>{RunId{6}});
    EXPECT_FALSE(experiment.goal.has_value());
    const auto entry = store->entries(local_user).at(0);
    EXPECT_EQ(entry.text, "kept");
    EXPECT_FALSE(entry.cue_rating.has_value());

    // The upgraded database keeps goals and ratings like a fresh one.
    auto with_goal = experiment;
    with_goal.goal = ExperimentGoal{.kind = GoalKind::form_cue, .cue = "tall", .cue_target = 6};
    store->update_experiment(local_user, with_goal);
    auto rated = entry;
    rated.cue_rating = 0;
    store->update_entry(local_user, rated);
  }
  auto store = open_sqlite_store(path);
  EXPECT_EQ(store->experiments(local_user).at(0).goal->cue, "tall");
  EXPECT_EQ(store->entries(local_user).at(0).cue_rating, 0);
  EXPECT_EQ(query_text(path, "PRAGMA foreign_key_check"), "");
}

TEST_F(MigrationTest, RefusesAGoalOrRatingOutOfRangeInTheSchema) {
  const auto path = folder_ / "checks.db";
  static_cast<void>(open_sqlite_store(path));
  exec(path, "INSERT INTO value_defs VALUES (4, 1, 'Growth', '', '', '', '', 8, 1, NULL);");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  for (const char* sql :
       {"INSERT INTO experiments (user_id, value_id, practice, question, starts_on, ends_on,"
        " reflection, goal_kind) VALUES (1, 4, 'p', '', '2025-03-01', '2025-03-21', '', 'speed')",
        "INSERT INTO experiments (user_id, value_id, practice, question, starts_on, ends_on,"
        " reflection, goal_kind, goal_runs_per_week) VALUES (1, 4, 'p', '', '2025-03-01',"
        " '2025-03-21', '', 'runs_per_week', 15)",
        "INSERT INTO journal_entries (user_id, at_utc, zone, written_at, weather, body,"
        " cue_rating) VALUES (1, 0, 'UTC', 0, '', '', 11)"}) {
    EXPECT_NE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(db);
}

TEST_F(MigrationTest, AFreshDatabaseHasNoGroundToRebuild) {
  const auto path = folder_ / "fresh.db";
  auto store = open_sqlite_store(path);
  EXPECT_FALSE(store->ground_rebuild_pending(local_user));
}

TEST_F(MigrationTest, MigratedAndFreshDatabasesHaveTheSameSchema) {
  const auto old_path = folder_ / "old.db";
  migrate_sqlite_to(old_path, 1);
  static_cast<void>(open_sqlite_store(old_path));
  const auto fresh_path = folder_ / "fresh.db";
  static_cast<void>(open_sqlite_store(fresh_path));
  const char* schema = "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name";
  EXPECT_EQ(query_text(old_path, schema), query_text(fresh_path, schema));
}

TEST_F(MigrationTest, ReopeningAnUpToDateDatabaseChangesNothing) {
  const auto path = folder_ / "again.db";
  static_cast<void>(open_sqlite_store(path));
  const auto before = query_text(path, "SELECT sql FROM sqlite_schema ORDER BY name");
  static_cast<void>(open_sqlite_store(path));
  EXPECT_EQ(query_text(path, "SELECT sql FROM sqlite_schema ORDER BY name"), before);
}

}  // namespace
}  // namespace cairn::store
