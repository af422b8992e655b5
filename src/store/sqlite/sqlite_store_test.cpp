// What only the SQLite backend does: files, locks, corruption, versions and backups.

#include "cairn/store/sqlite_store.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "cairn/core/error.hpp"

namespace cairn::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-sqlite-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  [[nodiscard]] std::filesystem::path db_path() const { return folder_ / "cairn.db"; }

  static void exec_raw(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  static Errc code_of(const std::function<void()>& work, std::string* message = nullptr) {
    try {
      work();
    } catch (const Error& error) {
      if (message != nullptr) *message = error.what();
      return error.code();
    }
    ADD_FAILURE() << "expected an error";
    return Errc::invalid_input;
  }

  std::filesystem::path folder_;
};

TEST_F(SqliteStoreTest, CreatesTheFileAndItsFolder) {
  const auto nested = folder_ / "a" / "b" / "cairn.db";
  static_cast<void>(open_sqlite_store(nested));
  EXPECT_TRUE(std::filesystem::exists(nested));
}

TEST_F(SqliteStoreTest, UsesWriteAheadLoggingAndTheLatestSchema) {
  static_cast<void>(open_sqlite_store(db_path()));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), "wal");
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), sqlite_schema_version());
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerCairn) {
  static_cast<void>(open_sqlite_store(db_path()));
  exec_raw(db_path(), "PRAGMA user_version = 99");
  std::string message;
  EXPECT_EQ(code_of([&] { static_cast<void>(open_sqlite_store(db_path())); }, &message),
            Errc::unsupported);
  EXPECT_NE(message.find("schema version 99"), std::string::npos) << message;
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
  std::ofstream(db_path()) << "this is a shopping list, not a database\n" << std::string(4096, 'x');
  std::string message;
  EXPECT_EQ(code_of([&] { static_cast<void>(open_sqlite_store(db_path())); }, &message),
            Errc::storage);
  EXPECT_NE(message.find(db_path().string()), std::string::npos) << message;
}

TEST_F(SqliteStoreTest, RefusesAnotherProgramsDatabase) {
  exec_raw(db_path(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
  std::string message;
  EXPECT_EQ(code_of([&] { static_cast<void>(open_sqlite_store(db_path())); }, &message),
            Errc::storage);
  EXPECT_NE(message.find("not a Cairn database"), std::string::npos) << message;
}

TEST_F(SqliteStoreTest, ReportsALockedDatabaseAndWritesNothing) {
  auto store = open_sqlite_store(db_path(), {.busy_timeout = std::chrono::milliseconds{50}});
  sqlite3* locker = nullptr;
  ASSERT_EQ(sqlite3_open(db_path().c_str(), &locker), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(locker, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  Value value;
  value.name = "Calm";
  std::string message;
  EXPECT_EQ(code_of(
                [&] {
                  store->add_value(local_user, value, {.effective_on = parse_date("2025-01-01")},
                                   now());
                },
                &message),
            Errc::storage);
  EXPECT_NE(message.find("locked"), std::string::npos) << message;
  sqlite3_exec(locker, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(locker);
  EXPECT_TRUE(store->values(local_user).empty());
}

TEST_F(SqliteStoreTest, ReportsAMissingFileWhenAskedNotToCreate) {
  EXPECT_EQ(code_of([&] {
              static_cast<void>(open_sqlite_store(folder_ / "nope.db", {.create = false}));
            }),
            Errc::not_found);
}

TEST_F(SqliteStoreTest, BacksUpToAFileThatOpensWithTheSameData) {
  auto store = open_sqlite_store(db_path());
  Value value;
  value.name = "Calm";
  store->add_value(local_user, value, {.effective_on = parse_date("2025-01-01")}, now());
  const cairn::Run run = store->add_run(local_user, cairn::Run{});
  store->save_track(local_user, run.id, std::vector<TrackPoint>(3, TrackPoint{.altitude_m = 34.5}));
  store->record_imported_file(local_user, "f1", "run.fit", now(), 1);
  const auto backup = folder_ / "backup.db";
  backup_sqlite_store(*store, backup);
  EXPECT_EQ(open_sqlite_store(backup, {.create = false})->load_all(local_user),
            store->load_all(local_user));
  EXPECT_EQ(code_of([&] { backup_sqlite_store(*store, backup); }), Errc::conflict);
}

TEST_F(SqliteStoreTest, BacksUpConsistentlyWhileAnotherConnectionWrites) {
  auto store = open_sqlite_store(db_path());
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    auto other = open_sqlite_store(db_path());
    for (int i = 0; !stop && i < 5000; ++i) {
      JournalEntry entry;
      entry.at = parse_local_time("2025-01-01T06:00", "UTC");
      entry.text = "entry " + std::to_string(i);
      other->add_entry(local_user, entry);
      ++written;
    }
  });
  while (written < 20) std::this_thread::yield();
  const auto backup = folder_ / "during-writes.db";
  backup_sqlite_store(*store, backup);
  const int written_after_backup = written;
  stop = true;
  writer.join();
  auto copy = open_sqlite_store(backup, {.create = false});
  const auto entries = copy->entries(local_user);
  // The backup is one consistent moment: a prefix of the writes, none torn.
  EXPECT_GE(entries.size(), 20U);
  EXPECT_LE(static_cast<int>(entries.size()), written_after_backup);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].text, "entry " + std::to_string(i));
  }
}

// How many statements listing runs, listing entries and loading everything run, for a
// journal of `runs` runs (each with two laps and an entry aligned with two values), with
// an experiment and a check-in for every ten runs.
struct ListingCost {
  std::uint64_t runs = 0;
  std::uint64_t entries = 0;
  std::uint64_t load_all = 0;
};

ListingCost cost_of_listing(const std::filesystem::path& path, int runs) {
  std::uint64_t statements = 0;
  auto store = open_sqlite_store(path, {.statement_counter = &statements});
  store->transaction([&] {
    Value calm;
    calm.name = "Calm";
    calm = store->add_value(local_user, calm, {.effective_on = parse_date("2025-01-01")}, now());
    Value family;
    family.name = "Family";
    family =
        store->add_value(local_user, family, {.effective_on = parse_date("2025-01-01")}, now());
    for (int i = 0; i < runs; ++i) {
      cairn::Run run;
      run.start = parse_local_time("2025-03-01T07:30", "UTC");
      run.start.utc += std::chrono::hours(i);
      run.laps = {Lap{.elapsed = Duration(600)}, Lap{.elapsed = Duration(700)}};
      run = store->add_run(local_user, run);
      JournalEntry entry;
      entry.run = run.id;
      entry.at = run.start;
      entry.value_alignments = {{calm.id, 7}, {family.id, 4}};
      store->add_entry(local_user, entry);
      if (i % 10 == 0) {
        store->add_experiment(local_user, Experiment{.value = calm.id,
                                                     .practice = "no music",
                                                     .starts_on = parse_date("2025-03-01"),
                                                     .ends_on = parse_date("2025-03-21"),
                                                     .runs = {run.id}});
        CheckIn checkin;
        checkin.on = parse_date("2025-03-02");
        checkin.areas = {{calm.id, 6, ""}, {family.id, 5, ""}};
        store->add_checkin(local_user, checkin);
      }
    }
  });
  ListingCost cost;
  statements = 0;
  const auto listed = store->runs(local_user);
  cost.runs = statements;
  EXPECT_EQ(listed.size(), static_cast<std::size_t>(runs));
  EXPECT_EQ(listed.back().laps.size(), 2U);
  statements = 0;
  const auto entries = store->entries(local_user);
  cost.entries = statements;
  EXPECT_EQ(entries.size(), static_cast<std::size_t>(runs));
  EXPECT_EQ(entries.back().value_alignments.size(), 2U);
  statements = 0;
  const auto data = store->load_all(local_user);
  cost.load_all = statements;
  EXPECT_EQ(data.runs.size(), static_cast<std::size_t>(runs));
  EXPECT_EQ(data.runs.front().laps.size(), 2U);
  EXPECT_EQ(data.entries.front().value_alignments.size(), 2U);
  EXPECT_EQ(data.experiments.back().runs.size(), 1U);
  EXPECT_EQ(data.checkins.back().areas.size(), 2U);
  return cost;
}

TEST_F(SqliteStoreTest, ListsWithAConstantNumberOfQueriesNotOnePerRow) {
  const auto small = cost_of_listing(folder_ / "small.db", 10);
  const auto large = cost_of_listing(folder_ / "large.db", 1000);
  EXPECT_GT(small.runs, 0U);  // the counter counts
  EXPECT_EQ(large.runs, small.runs);
  EXPECT_EQ(large.entries, small.entries);
  EXPECT_EQ(large.load_all, small.load_all);
}

TEST_F(SqliteStoreTest, TakesASnapshotWithoutReadingATrack) {
  auto store = open_sqlite_store(db_path());
  const cairn::Run run = store->add_run(local_user, cairn::Run{});
  store->save_track(local_user, run.id, std::vector<TrackPoint>(3));
  store.reset();
  // With no tracks table at all, only a call that never reads a track can succeed.
  exec_raw(db_path(), "DROP TABLE run_tracks");
  store = open_sqlite_store(db_path());
  EXPECT_EQ(code_of([&] { static_cast<void>(store->load_all(local_user)); }), Errc::storage);
  const JournalData snapshot = store->snapshot(local_user);
  ASSERT_EQ(snapshot.runs.size(), 1U);
  EXPECT_TRUE(snapshot.tracks.empty());
}

// A journal with a row of every kind and every kind of reference between them.
void write_journal(Store& store, UserId user) {
  Value calm;
  calm.name = "Calm";
  calm = store.add_value(user, calm, {.effective_on = parse_date("2025-01-01")}, now());
  Value family;
  family.name = "Family";
  family = store.add_value(user, family, {.effective_on = parse_date("2025-01-01")}, now());
  const Review review = store.add_review(
      user, Review{.on = parse_date("2025-02-01"), .written_at = now(), .trigger = "mine"});
  calm.importance = 9;
  store.change_value(user, calm, ValueChangeKind::reranked,
                     {.effective_on = parse_date("2025-02-01"), .review = review.id}, now());
  std::vector<RunId> runs;
  for (const char* day : {"2025-03-01T07:30", "2025-03-02T07:30"}) {
    cairn::Run run;
    run.start = parse_local_time(day, "UTC");
    run.laps = {Lap{.elapsed = Duration(600)}};
    run.source = RunSource::file;
    run.source_ref = std::string("f-") + day + "#0";
    runs.push_back(store.add_run(user, run).id);
    store.save_track(user, runs.back(), std::vector<TrackPoint>(runs.size() + 1));
    JournalEntry entry;
    entry.run = runs.back();
    entry.at = run.start;
    entry.motive.value = family.id;
    entry.value_alignments = {{calm.id, 8}, {family.id, 3}};
    store.add_entry(user, entry);
  }
  store.add_experiment(user, Experiment{.value = family.id,
                                        .practice = "run with a friend",
                                        .starts_on = parse_date("2025-03-01"),
                                        .ends_on = parse_date("2025-03-21"),
                                        .runs = runs});
  CheckIn checkin;
  checkin.on = parse_date("2025-03-02");
  checkin.areas = {{calm.id, 6, "busy"}, {family.id, 7, ""}};
  store.add_checkin(user, checkin);
  store.record_imported_file(user, "f1", "run.fit", now(), 1);
}

template <class Row>
std::map<std::int64_t, std::int64_t> ranks(const std::vector<Row>& rows) {
  std::map<std::int64_t, std::int64_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.emplace(rows[i].id.value, static_cast<std::int64_t>(i) + 1);
  }
  return out;
}

// `data` with each id replaced by its row's place in its list, and each reference by the
// place of the row it names (std::out_of_range for a reference to a row not in `data`).
JournalData renumbered(JournalData data) {
  const auto values = ranks(data.values);
  const auto events = ranks(data.value_history);
  const auto reviews = ranks(data.reviews);
  const auto runs = ranks(data.runs);
  const auto entries = ranks(data.entries);
  const auto experiments = ranks(data.experiments);
  const auto checkins = ranks(data.checkins);
  for (auto& value : data.values) value.id = ValueId{values.at(value.id.value)};
  for (auto& event : data.value_history) {
    event.id = ValueEventId{events.at(event.id.value)};
    event.after.id = ValueId{values.at(event.after.id.value)};
    if (event.review) event.review = ReviewId{reviews.at(event.review->value)};
  }
  for (auto& review : data.reviews) review.id = ReviewId{reviews.at(review.id.value)};
  for (auto& run : data.runs) run.id = RunId{runs.at(run.id.value)};
  for (auto& entry : data.entries) {
    entry.id = JournalEntryId{entries.at(entry.id.value)};
    if (entry.run) entry.run = RunId{runs.at(entry.run->value)};
    if (entry.motive.value) entry.motive.value = ValueId{values.at(entry.motive.value->value)};
    for (auto& alignment : entry.value_alignments) {
      alignment.value = ValueId{values.at(alignment.value.value)};
    }
  }
  for (auto& experiment : data.experiments) {
    experiment.id = ExperimentId{experiments.at(experiment.id.value)};
    experiment.value = ValueId{values.at(experiment.value.value)};
    for (auto& run : experiment.runs) run = RunId{runs.at(run.value)};
  }
  for (auto& checkin : data.checkins) {
    checkin.id = CheckInId{checkins.at(checkin.id.value)};
    for (auto& area : checkin.areas) area.value = ValueId{values.at(area.value.value)};
  }
  std::map<RunId, std::vector<TrackPoint>> tracks;
  for (auto& [run, track] : data.tracks) tracks.emplace(RunId{runs.at(run.value)}, track);
  data.tracks = std::move(tracks);
  return data;
}

TEST_F(SqliteStoreTest, RestoresAUserBesideAnotherWhoseRowsHoldTheSameIds) {
  const UserId other{2};
  auto store = open_sqlite_store(db_path());
  exec_raw(db_path(), "INSERT INTO users VALUES (2, 'other', 0)");
  write_journal(*store, local_user);
  const JournalData mine = store->load_all(local_user);
  // The other user's export, made elsewhere, carries the same ids as the local user's rows.
  const JournalData theirs = mine;

  store->restore_all(other, theirs);
  EXPECT_EQ(store->load_all(local_user), mine);
  const JournalData restored = store->load_all(other);
  ASSERT_EQ(restored.runs.size(), 2U);
  EXPECT_GT(restored.runs[0].id, mine.runs[1].id);
  EXPECT_GT(restored.values[0].id, mine.values[1].id);
  EXPECT_EQ(renumbered(restored), renumbered(theirs));
  EXPECT_EQ(store->entry_for_run(other, restored.runs[1].id)->run, restored.runs[1].id);
  EXPECT_EQ(store->track(other, restored.runs[1].id).size(), 3U);
  EXPECT_TRUE(store->imported_file(other, "f1").has_value());
}

TEST_F(SqliteStoreTest, RestoringIntoAFreshDatabaseKeepsEveryId) {
  auto store = open_sqlite_store(db_path());
  write_journal(*store, local_user);
  store->delete_run(local_user, store->runs(local_user).at(0).id, /*with_entry=*/true);
  const JournalData data = store->load_all(local_user);
  auto copy = open_sqlite_store(folder_ / "copy.db");
  copy->restore_all(local_user, data);
  EXPECT_EQ(copy->load_all(local_user), data);
}

TEST_F(SqliteStoreTest, ConnectionsFromOneFactorySeeEachOthersCommittedWrites) {
  const SqliteStoreFactory factory(db_path());
  auto first = factory.open();
  auto second = factory.open();
  Value calm;
  calm.name = "Calm";
  calm = first->add_value(local_user, calm, {.effective_on = parse_date("2025-01-01")}, now());
  EXPECT_EQ(second->find_value(local_user, calm.id), calm);

  // A write not yet committed stays invisible to the other connection.
  first->transaction([&] {
    first->add_run(local_user, cairn::Run{});
    EXPECT_TRUE(second->runs(local_user).empty());
  });
  EXPECT_EQ(second->runs(local_user).size(), 1U);

  // A worker thread with a connection of its own.
  std::thread worker([&] {
    auto own = factory.open();
    own->add_run(local_user, cairn::Run{});
  });
  worker.join();
  EXPECT_EQ(first->runs(local_user).size(), 2U);
  EXPECT_EQ(second->runs(local_user).size(), 2U);
}

TEST(ResolveDatabasePath, PrefersTheFlagThenTheEnvironmentThenXdg) {
  ::setenv("CAIRN_DB", "/tmp/from-env.db", 1);
  EXPECT_EQ(resolve_database_path(std::filesystem::path("/tmp/flag.db")), "/tmp/flag.db");
  EXPECT_EQ(resolve_database_path(std::nullopt), "/tmp/from-env.db");
  ::unsetenv("CAIRN_DB");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(resolve_database_path(std::nullopt), "/tmp/xdg/cairn/cairn.db");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/runner", 1);
  EXPECT_EQ(resolve_database_path(std::nullopt), "/home/runner/.local/share/cairn/cairn.db");
}

}  // namespace
}  // namespace cairn::store
