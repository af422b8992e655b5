#include "cairn/store/sqlite_store.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "cairn/core/error.hpp"
#include "cairn/core/track_codec.hpp"

#include "connection.hpp"
#include "migrations.hpp"
#include "rows.hpp"

namespace cairn::store {
namespace sqlite {
namespace {

constexpr std::string_view value_columns =
    "name, description, why, link, practices, importance, active, catalogue_key";

// Reads the eight value_columns starting at column `first`.
Value read_value(SQLite::Statement& row, int first) {
  Value value;
  value.name = row.getColumn(first).getString();
  value.description = row.getColumn(first + 1).getString();
  value.why = row.getColumn(first + 2).getString();
  value.link = row.getColumn(first + 3).getString();
  value.practices = split_lines(row.getColumn(first + 4).getString());
  value.importance = row.getColumn(first + 5).getInt();
  value.active = row.getColumn(first + 6).getInt() != 0;
  value.catalogue_key = optional_text(row.getColumn(first + 7));
  return value;
}

// Binds the eight value_columns starting at parameter `first`.
void bind_value(SQLite::Statement& statement, int first, const Value& value) {
  statement.bind(first, value.name);
  statement.bind(first + 1, value.description);
  statement.bind(first + 2, value.why);
  statement.bind(first + 3, value.link);
  statement.bind(first + 4, join_lines(value.practices));
  statement.bind(first + 5, value.importance);
  statement.bind(first + 6, value.active ? 1 : 0);
  bind_optional(statement, first + 7, value.catalogue_key);
}

// Where each row of `rows` sits, by id: child rows read in one query find their parent.
template <class Row>
std::unordered_map<std::int64_t, std::size_t> positions_by_id(const std::vector<Row>& rows) {
  std::unordered_map<std::int64_t, std::size_t> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.emplace(rows[i].id.value, i);
  return out;
}

template <class E, class Name>
std::optional<std::string> enum_text(const std::optional<E>& value, Name name_of) {
  if (!value) return std::nullopt;
  return std::string(name_of(*value));
}

template <class Parse>
auto parse_optional(const SQLite::Column& column, Parse parse)
    -> std::optional<decltype(parse(std::string_view{}))> {
  if (column.isNull()) return std::nullopt;
  return parse(column.getString());
}

// A temporary file for a backup: created empty, mode 0600, beside its destination; removed
// unless published.
class PrivateTemporary {
 public:
  explicit PrivateTemporary(const std::filesystem::path& destination) {
    const auto folder =
        destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
    std::string name = (folder / ("." + destination.filename().string() + ".XXXXXX")).string();
    const int fd = mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
      throw Error(Errc::storage, fmt::format("cannot write a backup to {}: {}", folder.string(),
                                             std::strerror(errno)));
    }
    close(fd);
    path_ = std::move(name);
  }
  PrivateTemporary(const PrivateTemporary&) = delete;
  PrivateTemporary& operator=(const PrivateTemporary&) = delete;
  ~PrivateTemporary() {
    if (!path_.empty()) unlink(path_.c_str());
  }

  [[nodiscard]] const std::string& path() const { return path_; }

  // Syncs the file and moves it to `destination`, which must still not exist.
  void publish(const std::filesystem::path& destination) {
    const int fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && fsync(fd) == 0;
    if (fd >= 0) close(fd);
    if (!synced) {
      throw Error(Errc::storage, fmt::format("writing the backup {} failed: {}",
                                             destination.string(), std::strerror(errno)));
    }
    // Never replace a file that appeared meanwhile: rename without replacing, or, on file
    // systems that cannot, a hard link (which fails on an existing name as well).
    if (renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, destination.c_str(), RENAME_NOREPLACE) == 0) {
      path_.clear();
      return;
    }
    if (errno == EINVAL && link(path_.c_str(), destination.c_str()) == 0) return;
    throw Error(errno == EEXIST ? Errc::conflict : Errc::storage,
                fmt::format("cannot move the backup into place at {}: {}", destination.string(),
                            std::strerror(errno)));
  }

 private:
  std::string path_;
};

// A statement prepared once per connection, lent for one use: reset when the loan ends, so
// that no statement left mid-result holds a read snapshot open.
class Reused {
 public:
  explicit Reused(SQLite::Statement& statement) : statement_(statement) {}
  Reused(const Reused&) = delete;
  Reused& operator=(const Reused&) = delete;
  Reused(Reused&&) = delete;
  Reused& operator=(Reused&&) = delete;
  ~Reused() { statement_.tryReset(); }  // every use binds every parameter anew
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

// The ids restored rows of one kind had in the data, to the ids they were stored under.
class IdMap {
 public:
  explicit IdMap(std::string_view what) : what_(what) {}

  template <class Tag>
  void add(Id<Tag> from, Id<Tag> to) {
    ids_[from.value] = to.value;
  }

  // The stored id of the row `id` named in the data; not_found when the data has no such row.
  template <class Tag>
  Id<Tag> operator()(Id<Tag> id) const {
    const auto found = ids_.find(id.value);
    if (found == ids_.end()) {
      throw Error(Errc::not_found, fmt::format("{} #{} not found", what_, id.value));
    }
    return Id<Tag>{found->second};
  }

 private:
  std::string_view what_;
  std::map<std::int64_t, std::int64_t> ids_;
};

// A value bound to a statement's parameter.
using SqlParam = std::variant<std::int64_t, double, std::string>;

void bind_param(SQLite::Statement& statement, int index, const SqlParam& param) {
  std::visit([&](const auto& value) { statement.bind(index, value); }, param);
}

// The WHERE clauses ("AND ...") of a run filter over the runs table, and their parameters.
std::pair<std::string, std::vector<SqlParam>> filter_clause(const RunFilter& filter) {
  std::string clause;
  std::vector<SqlParam> params;
  if (filter.from) {
    clause += " AND start_utc >= ?";
    params.emplace_back(seconds_of(*filter.from));
  }
  if (filter.until) {
    clause += " AND start_utc < ?";
    params.emplace_back(seconds_of(*filter.until));
  }
  if (filter.sport) {
    clause += " AND sport = ?";
    params.emplace_back(std::string(sport_name(*filter.sport)));
  }
  if (filter.min_distance) {
    clause += " AND distance_m >= ?";
    params.emplace_back(filter.min_distance->meters());
  }
  if (filter.max_distance) {
    clause += " AND distance_m <= ?";
    params.emplace_back(filter.max_distance->meters());
  }
  return {clause, params};
}

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::filesystem::path& path, const SqliteOptions& options, int version)
      : connection_(path, options.busy_timeout, options.create, version, options.read_only,
                    options.statement_counter) {
    if (options.read_only) return;  // the local user is there, or the database is empty
    connection_.guard("creating the local user", [&] {
      SQLite::Statement insert(db(),
                               "INSERT OR IGNORE INTO users (id, name, created_at) VALUES (?, "
                               "'local', strftime('%s','now'))");
      insert.bind(1, local_user.value);
      insert.exec();
    });
  }

  void transaction(const std::function<void()>& work) override { connection_.transaction(work); }

  // --- settings ---------------------------------------------------------------------------

  std::optional<std::string> setting(UserId user, std::string_view key) const override {
    return guard("reading settings", [&]() -> std::optional<std::string> {
      SQLite::Statement query(db(), "SELECT value FROM settings WHERE user_id = ? AND key = ?");
      query.bind(1, user.value);
      query.bind(2, std::string(key));
      if (!query.executeStep()) return std::nullopt;
      return query.getColumn(0).getString();
    });
  }

  void set_setting(UserId user, std::string_view key, std::string_view value) override {
    transaction([&] {
      SQLite::Statement upsert(db(),
                               "INSERT INTO settings (user_id, key, value) VALUES (?, ?, ?) "
                               "ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value");
      upsert.bind(1, user.value);
      upsert.bind(2, std::string(key));
      upsert.bind(3, std::string(value));
      upsert.exec();
    });
  }

  // --- values -----------------------------------------------------------------------------

  std::vector<Value> values(UserId user) const override {
    return guard("reading values", [&] {
      SQLite::Statement query(
          db(), fmt::format("SELECT id, {} FROM value_defs WHERE user_id = ? ORDER BY id",
                            value_columns));
      query.bind(1, user.value);
      std::vector<Value> out;
      while (query.executeStep()) {
        Value value = read_value(query, 1);
        value.id = ValueId{query.getColumn(0).getInt64()};
        out.push_back(std::move(value));
      }
      return out;
    });
  }

  std::optional<Value> find_value(UserId user, ValueId id) const override {
    return guard("reading a value", [&]() -> std::optional<Value> {
      SQLite::Statement query(
          db(),
          fmt::format("SELECT {} FROM value_defs WHERE user_id = ? AND id = ?", value_columns));
      query.bind(1, user.value);
      query.bind(2, id.value);
      if (!query.executeStep()) return std::nullopt;
      Value value = read_value(query, 0);
      value.id = id;
      return value;
    });
  }

  Value add_value(UserId user, Value value, const ValueChangeNote& note,
                  Timestamp recorded_at) override {
    value.id = ValueId{};
    transaction([&] {
      require_unique_name(user, value);
      value.id = insert_value(user, value);
      ValueEvent event{.kind = ValueChangeKind::added,
                       .effective_on = note.effective_on,
                       .recorded_at = recorded_at,
                       .reason = note.reason,
                       .review = note.review,
                       .after = value};
      insert_event(user, event);
    });
    return value;
  }

  ValueEvent change_value(UserId user, const Value& after, ValueChangeKind kind,
                          const ValueChangeNote& note, Timestamp recorded_at) override {
    ValueEvent event;
    transaction([&] {
      require_owned("value_defs", after.id.value, user, "value");
      require_unique_name(user, after);
      if (note.review) require_owned("reviews", note.review->value, user, "review");
      update_value_row(user, after);
      event = ValueEvent{.kind = kind,
                         .effective_on = note.effective_on,
                         .recorded_at = recorded_at,
                         .reason = note.reason,
                         .review = note.review,
                         .after = after};
      event.id = insert_event(user, event);
    });
    return event;
  }

  // The value's row as it now stands (its history is written apart).
  void update_value_row(UserId user, const Value& value) {
    SQLite::Statement update(
        db(),
        "UPDATE value_defs SET name = ?, description = ?, why = ?, link = ?, practices = ?, "
        "importance = ?, active = ?, catalogue_key = ? WHERE id = ? AND user_id = ?");
    bind_value(update, 1, value);
    update.bind(9, value.id.value);
    update.bind(10, user.value);
    update.exec();
  }

  std::vector<ValueEvent> replace_value_history(UserId user, const Value& current,
                                                std::span<const ValueEvent> events) override {
    assert(std::all_of(events.begin(), events.end(),
                       [&](const ValueEvent& event) { return event.after.id == current.id; }) &&
           "every event is of the value rewritten");
    std::vector<ValueEvent> stored(events.begin(), events.end());
    transaction([&] {
      require_owned("value_defs", current.id.value, user, "value");
      require_unique_name(user, current);
      SQLite::Statement remove(db(), "DELETE FROM value_events WHERE value_id = ? AND user_id = ?");
      remove.bind(1, current.id.value);
      remove.bind(2, user.value);
      remove.exec();
      // Kept ids first, so a new event's id comes after all of them.
      for (auto& event : stored) {
        if (event.id != ValueEventId{}) insert_event(user, event);
      }
      for (auto& event : stored) {
        if (event.id == ValueEventId{}) event.id = insert_event(user, event);
      }
      update_value_row(user, current);
    });
    return stored;
  }

  std::vector<ValueEvent> value_history(UserId user) const override {
    return guard("reading value history", [&] {
      SQLite::Statement query(
          db(), fmt::format("SELECT id, value_id, kind, effective_on, recorded_at, reason, "
                            "review_id, {} FROM value_events WHERE user_id = ? ORDER BY id",
                            value_columns));
      query.bind(1, user.value);
      std::vector<ValueEvent> out;
      while (query.executeStep()) {
        ValueEvent event;
        event.id = ValueEventId{query.getColumn(0).getInt64()};
        event.kind = parse_value_change(query.getColumn(2).getString());
        event.effective_on = parse_date(query.getColumn(3).getString());
        event.recorded_at = timestamp_of(query.getColumn(4));
        event.reason = query.getColumn(5).getString();
        if (!query.getColumn(6).isNull()) event.review = ReviewId{query.getColumn(6).getInt64()};
        event.after = read_value(query, 7);
        event.after.id = ValueId{query.getColumn(1).getInt64()};
        out.push_back(std::move(event));
      }
      return out;
    });
  }

  // --- reviews ----------------------------------------------------------------------------

  Review add_review(UserId user, Review review) override {
    review.id = ReviewId{};
    transaction([&] { review.id = insert_review(user, review); });
    return review;
  }

  std::vector<Review> reviews(UserId user) const override {
    return guard("reading reviews", [&] {
      SQLite::Statement query(db(),
                              "SELECT id, on_date, written_at, trigger_text, notes FROM reviews "
                              "WHERE user_id = ? ORDER BY id");
      query.bind(1, user.value);
      std::vector<Review> out;
      while (query.executeStep()) {
        out.push_back(Review{.id = ReviewId{query.getColumn(0).getInt64()},
                             .on = parse_date(query.getColumn(1).getString()),
                             .written_at = timestamp_of(query.getColumn(2)),
                             .trigger = query.getColumn(3).getString(),
                             .notes = query.getColumn(4).getString()});
      }
      return out;
    });
  }

  // --- runs -------------------------------------------------------------------------------

  Run add_run(UserId user, Run run) override {
    run.id = RunId{};
    transaction([&] { run.id = insert_run(user, run); });
    return run;
  }

  void delete_run(UserId user, RunId run, bool with_entry) override {
    transaction([&] {
      require_owned("runs", run.value, user, "run");
      const auto exec = [&](const char* sql) {
        SQLite::Statement statement(db(), sql);
        statement.bind(1, run.value);
        statement.exec();
      };
      if (with_entry) {
        exec("DELETE FROM journal_entries WHERE run_id = ?");
      } else {
        exec("UPDATE journal_entries SET run_id = NULL WHERE run_id = ?");
      }
      // An imported run's source_ref is "<fingerprint>#<session>": forgetting that file lets
      // the runner import it again (its other runs, still there, are then found as such).
      exec(
          "DELETE FROM imported_files WHERE (user_id, fingerprint) IN (SELECT user_id, "
          "substr(source_ref, 1, instr(source_ref || '#', '#') - 1) FROM runs WHERE id = ? AND "
          "source_ref != '')");
      exec("DELETE FROM experiment_runs WHERE run_id = ?");
      // Its ground first: the cells it was the first through pass to the next run there.
      remove_ground(user, run);
      exec("DELETE FROM runs WHERE id = ?");  // laps and the track go with it (ON DELETE CASCADE)
    });
  }

  void update_run(UserId user, const Run& run) override {
    transaction([&] {
      require_owned("runs", run.id.value, user, "run");
      SQLite::Statement remove_laps(db(), "DELETE FROM laps WHERE run_id = ?");
      remove_laps.bind(1, run.id.value);
      remove_laps.exec();
      SQLite::Statement update(
          db(),
          "UPDATE runs SET start_utc = ?, zone = ?, sport = ?, distance_m = ?, elapsed_s = ?, "
          "moving_s = ?, elevation_gain_m = ?, avg_heart_rate_bpm = ?, max_heart_rate_bpm = ?, "
          "avg_cadence_spm = ?, title = ?, route_name = ?, notes = ?, source = ?, source_ref = ?, "
          "review = ? WHERE id = ? AND user_id = ?");
      bind_run(update, 1, run);
      update.bind(17, run.id.value);
      update.bind(18, user.value);
      update.exec();
      insert_laps(run);
    });
  }

  std::optional<Run> find_run(UserId user, RunId id) const override {
    auto found = select_runs(user, "AND id = ?", {id.value});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  std::vector<Run> runs(UserId user) const override { return select_runs(user, "", {}); }

  std::size_t count_runs(UserId user, const RunFilter& filter) const override {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const auto clause = filter_clause(filter);
    return guard("counting runs", [&] {
      SQLite::Statement query(db(), "SELECT COUNT(*) FROM runs WHERE user_id = ? " + clause.first);
      query.bind(1, user.value);
      int index = 2;
      for (const auto& param : clause.second) bind_param(query, index++, param);
      query.executeStep();
      return static_cast<std::size_t>(query.getColumn(0).getInt64());
    });
  }

  std::size_t run_count(UserId user) const override {
    return guard("counting runs", [&] {
      SQLite::Statement query(db(), "SELECT COUNT(*) FROM runs WHERE user_id = ?");
      query.bind(1, user.value);
      query.executeStep();
      return static_cast<std::size_t>(query.getColumn(0).getInt64());
    });
  }

  RunPage runs_page(UserId user, const RunQuery& query) const override {
    if (query.limit < 1) {
      throw Error(Errc::invalid_input,
                  fmt::format("a page holds at least one run, not {}", query.limit));
    }
    auto [filter, params] = filter_clause(query.filter);
    if (query.before) {
      filter += " AND (start_utc < ? OR (start_utc = ? AND id < ?))";
      params.insert(params.end(), {seconds_of(query.before->start), seconds_of(query.before->start),
                                   query.before->id.value});
    }
    // One run more than asked tells whether another page follows.
    auto runs = select_runs(user, filter, params, "start_utc DESC, id DESC", query.limit + 1);
    RunPage page;
    if (runs.size() > static_cast<std::size_t>(query.limit)) {
      runs.pop_back();
      page.next = RunCursor{.start = runs.back().start.utc, .id = runs.back().id};
    }
    page.runs = std::move(runs);
    return page;
  }

  std::vector<Run> runs_starting_between(UserId user, Timestamp from, Timestamp to) const override {
    return select_runs(user, "AND start_utc BETWEEN ? AND ?", {seconds_of(from), seconds_of(to)});
  }

  std::optional<Run> run_from_source(UserId user, std::string_view source_ref) const override {
    const auto id = guard("reading runs", [&]() -> std::optional<std::int64_t> {
      SQLite::Statement query(db(), "SELECT id FROM runs WHERE user_id = ? AND source_ref = ?");
      query.bind(1, user.value);
      query.bind(2, std::string(source_ref));
      if (!query.executeStep()) return std::nullopt;
      return query.getColumn(0).getInt64();
    });
    if (!id) return std::nullopt;
    return find_run(user, RunId{*id});
  }

  std::vector<RunId> runs_from_file(UserId user, std::string_view fingerprint) const override {
    return guard("reading runs", [&] {
      // source_ref is "<fingerprint>#<session>"; '$' sorts right after '#', so the range
      // holds every session of the file and uses the (user_id, source_ref) index.
      SQLite::Statement query(db(),
                              "SELECT id FROM runs WHERE user_id = ? AND source_ref >= ? AND "
                              "source_ref < ? ORDER BY id");
      query.bind(1, user.value);
      query.bind(2, fmt::format("{}#", fingerprint));
      query.bind(3, fmt::format("{}$", fingerprint));
      std::vector<RunId> ids;
      while (query.executeStep()) ids.push_back(RunId{query.getColumn(0).getInt64()});
      return ids;
    });
  }

  void save_track(UserId user, RunId run, std::span<const TrackPoint> track) override {
    const auto bytes = encode_track(track);
    transaction([&] {
      require_owned("runs", run.value, user, "run");
      SQLite::Statement upsert(db(),
                               "INSERT INTO run_tracks (run_id, point_count, points) VALUES (?, ?, "
                               "?) ON CONFLICT (run_id) DO UPDATE SET point_count = "
                               "excluded.point_count, points = excluded.points");
      upsert.bind(1, run.value);
      upsert.bind(2, static_cast<std::int64_t>(track.size()));
      upsert.bind(3, bytes.data(), static_cast<int>(bytes.size()));
      upsert.exec();
    });
  }

  std::vector<TrackPoint> track(UserId user, RunId run) const override {
    const auto bytes = guard("reading a track", [&]() -> std::vector<std::byte> {
      SQLite::Statement query(db(),
                              "SELECT t.points FROM run_tracks t JOIN runs r ON r.id = t.run_id "
                              "WHERE r.user_id = ? AND t.run_id = ?");
      query.bind(1, user.value);
      query.bind(2, run.value);
      if (!query.executeStep()) return {};
      const auto column = query.getColumn(0);
      const auto* data = static_cast<const std::byte*>(column.getBlob());
      return {data, data + column.getBytes()};
    });
    if (bytes.empty()) return {};
    return decode_track(bytes);
  }

  // --- route familiarity -----------------------------------------------------------------

  std::vector<CellFirstRun> first_runs_through(UserId user, std::span<const CellId> cells,
                                               RunId except) const override {
    return guard("reading route familiarity", [&] {
      std::vector<CellFirstRun> out;
      std::vector<CellId> taken;  // cells `except` was the first through
      {
        auto query = reuse(
            // IN, not a join: the planner would scan the user's cells against the list.
            "SELECT cell, run_id, start_utc FROM cell_first WHERE user_id = ?1 AND cell IN "
            "(SELECT value FROM json_each(?2))");
        query->bind(1, user.value);
        query->bind(2, cells_json(cells));
        while (query->executeStep()) {
          const CellFirstRun first{.cell = query->getColumn(0).getInt64(),
                                   .first = {.start = timestamp_of(query->getColumn(2)),
                                             .run = RunId{query->getColumn(1).getInt64()}}};
          if (first.first.run == except) {
            taken.push_back(first.cell);
          } else {
            out.push_back(first);
          }
        }
      }
      if (!taken.empty()) {
        for (const auto& [cell, first] : next_first_runs(user, except, taken)) {
          out.push_back({.cell = cell, .first = first});
        }
      }
      std::sort(out.begin(), out.end(),
                [](const CellFirstRun& a, const CellFirstRun& b) { return a.cell < b.cell; });
      return out;
    });
  }

  std::vector<RouteCandidate> routes_sharing(UserId user, std::span<const CellId> cells,
                                             std::size_t at_least) const override {
    return guard("reading routes", [&] {
      // Counted on the index alone; a route's row is read only for those that share enough.
      auto query = reuse(
          "SELECT s.route_id, r.cell_count, s.shared FROM (SELECT route_id, count(*) AS shared "
          "FROM route_cells WHERE user_id = ?1 AND cell IN (SELECT value FROM json_each(?2)) "
          "GROUP BY route_id HAVING count(*) >= ?3) s JOIN routes r ON r.id = s.route_id ORDER "
          "BY s.route_id");
      query->bind(1, user.value);
      query->bind(2, cells_json(cells));
      query->bind(3, static_cast<std::int64_t>(std::max<std::size_t>(at_least, 1)));
      std::vector<RouteCandidate> out;
      while (query->executeStep()) {
        out.push_back({.route = query->getColumn(0).getInt64(),
                       .cells = static_cast<std::size_t>(query->getColumn(1).getInt64()),
                       .shared = static_cast<std::size_t>(query->getColumn(2).getInt64())});
      }
      return out;
    });
  }

  std::int64_t add_route(UserId user, std::span<const CellId> shape) override {
    std::int64_t id = 0;
    transaction([&] {
      const std::string cells = cells_json(shape);
      auto insert = reuse("INSERT INTO routes (user_id, cell_count, cells) VALUES (?, ?, ?)");
      insert->bind(1, user.value);
      insert->bind(2, static_cast<std::int64_t>(shape.size()));
      insert->bind(3, cells);
      insert->exec();
      id = db().getLastInsertRowid();
      auto index = reuse(
          "INSERT INTO route_cells (user_id, cell, route_id) SELECT ?1, value, "
          "?2 FROM json_each(?3)");
      index->bind(1, user.value);
      index->bind(2, id);
      index->bind(3, cells);
      index->exec();
    });
    return id;
  }

  void save_run_grounds(UserId user, std::span<const RunGround> grounds) override {
    transaction([&] {
      auto insert = reuse(
          "INSERT INTO run_ground (run_id, user_id, start_utc, cells, cell_count, "
          "familiar_cells, route_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
      std::size_t cell_count = 0;
      for (const auto& ground : grounds) {
        require_owned("runs", ground.run.value, user, "run");
        if (ground.route) require_owned("routes", *ground.route, user, "route");
        remove_ground(user, ground.run);
        const auto cells = cells_blob(ground.cells);
        insert->reset();
        insert->bind(1, ground.run.value);
        insert->bind(2, user.value);
        insert->bind(3, seconds_of(ground.start));
        insert->bind(4, cells.data(), static_cast<int>(cells.size()));
        insert->bind(5, static_cast<std::int64_t>(ground.cells.size()));
        insert->bind(6, static_cast<std::int64_t>(ground.familiar_cells));
        if (ground.route) {
          insert->bind(7, *ground.route);
        } else {
          insert->bind(7);
        }
        insert->exec();
        cell_count += ground.cells.size();
      }
      // Each cell's first run: of the runs given, the first through it, unless one stored
      // was there first. In the key's order, so that a whole journal's cells are appended
      // page after page rather than scattered.
      struct First {
        CellId cell;
        std::int64_t start;
        std::int64_t run;
        auto operator<=>(const First&) const = default;
      };
      std::vector<First> firsts;
      firsts.reserve(cell_count);
      for (const auto& ground : grounds) {
        for (const CellId cell : ground.cells) {
          firsts.push_back({cell, seconds_of(ground.start), ground.run.value});
        }
      }
      std::sort(firsts.begin(), firsts.end());
      auto upsert = reuse(
          "INSERT INTO cell_first (user_id, cell, start_utc, run_id) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (user_id, cell) DO UPDATE SET start_utc = excluded.start_utc, run_id = "
          "excluded.run_id WHERE (excluded.start_utc, excluded.run_id) < (start_utc, run_id)");
      for (std::size_t i = 0; i < firsts.size(); ++i) {
        if (i > 0 && firsts[i].cell == firsts[i - 1].cell) continue;
        upsert->reset();
        upsert->bind(1, user.value);
        upsert->bind(2, firsts[i].cell);
        upsert->bind(3, firsts[i].start);
        upsert->bind(4, firsts[i].run);
        upsert->exec();
      }
    });
  }

  void add_familiar_cells(UserId user, std::span<const FamiliarChange> changes) override {
    if (changes.empty()) return;
    transaction([&] {
      auto update = reuse(
          "UPDATE run_ground SET familiar_cells = familiar_cells + ? WHERE "
          "run_id = ? AND user_id = ?");
      for (const auto& change : changes) {
        update->reset();
        update->bind(1, change.cells);
        update->bind(2, change.run.value);
        update->bind(3, user.value);
        update->exec();
      }
    });
  }

  std::optional<RunGround> run_ground(UserId user, RunId run) const override {
    return guard("reading route familiarity", [&]() -> std::optional<RunGround> {
      auto query = reuse(
          "SELECT start_utc, cells, familiar_cells, route_id FROM run_ground WHERE run_id = ? "
          "AND user_id = ?");
      query->bind(1, run.value);
      query->bind(2, user.value);
      if (!query->executeStep()) return std::nullopt;
      return RunGround{.run = run,
                       .start = timestamp_of(query->getColumn(0)),
                       .cells = cells_of_blob(query->getColumn(1)),
                       .familiar_cells = static_cast<std::size_t>(query->getColumn(2).getInt64()),
                       .route = optional_int64(query->getColumn(3))};
    });
  }

  void remove_run_ground(UserId user, RunId run) override {
    transaction([&] { remove_ground(user, run); });
  }

  void clear_ground(UserId user) override {
    transaction([&] {
      // Routes last: run_ground refers to them.
      for (const char* table :
           {"cell_first", "run_ground", "routes", "route_cells", "ground_rebuild"}) {
        SQLite::Statement remove(db(), fmt::format("DELETE FROM {} WHERE user_id = ?", table));
        remove.bind(1, user.value);
        remove.exec();
      }
    });
  }

  bool ground_rebuild_pending(UserId user) const override {
    return guard("reading route familiarity", [&] {
      auto query = reuse("SELECT EXISTS (SELECT 1 FROM ground_rebuild WHERE user_id = ?)");
      query->bind(1, user.value);
      query->executeStep();
      return query->getColumn(0).getInt() != 0;
    });
  }

  std::vector<RouteFamiliarity> route_familiarity(UserId user) const override {
    return guard("reading route familiarity", [&] {
      // A route shows only when another run follows it too (a window over the route).
      auto query = reuse(
          "SELECT g.run_id, g.familiar_cells, g.cell_count, CASE WHEN count(*) OVER (PARTITION "
          "BY g.route_id) > 1 THEN g.route_id END FROM run_ground g JOIN runs r ON r.id = "
          "g.run_id WHERE g.user_id = ? ORDER BY r.start_utc, r.id");
      query->bind(1, user.value);
      std::vector<RouteFamiliarity> out;
      while (query->executeStep()) {
        out.push_back(
            {.run = RunId{query->getColumn(0).getInt64()},
             .familiar_share = query->getColumn(1).getDouble() / query->getColumn(2).getDouble(),
             .route = optional_int64(query->getColumn(3))});
      }
      return out;
    });
  }

  std::vector<KnownRoute> known_routes(UserId user) const override {
    return guard("reading routes", [&] {
      auto query = reuse(
          "SELECT g.route_id, g.run_id, r.route_name FROM run_ground g JOIN runs r ON r.id = "
          "g.run_id WHERE g.user_id = ? AND g.route_id IS NOT NULL ORDER BY g.route_id, "
          "r.start_utc, r.id");
      query->bind(1, user.value);
      std::vector<KnownRoute> out;
      std::vector<std::string> names;
      const auto close_route = [&] {
        if (out.empty()) return;
        if (out.back().runs.size() < 2) {
          out.pop_back();
        } else {
          out.back().name = route_name_of(names);
        }
        names.clear();
      };
      while (query->executeStep()) {
        const std::int64_t route = query->getColumn(0).getInt64();
        if (out.empty() || out.back().id != route) {
          close_route();
          out.push_back({.id = route, .name = {}, .runs = {}});
        }
        out.back().runs.push_back(RunId{query->getColumn(1).getInt64()});
        names.push_back(query->getColumn(2).getString());
      }
      close_route();
      return out;
    });
  }

  std::optional<ImportedFile> imported_file(UserId user,
                                            std::string_view fingerprint) const override {
    return guard("reading imported files", [&]() -> std::optional<ImportedFile> {
      SQLite::Statement query(db(),
                              "SELECT fingerprint, name, imported_at, run_count FROM "
                              "imported_files WHERE user_id = ? AND fingerprint = ?");
      query.bind(1, user.value);
      query.bind(2, std::string(fingerprint));
      if (!query.executeStep()) return std::nullopt;
      return ImportedFile{.fingerprint = query.getColumn(0).getString(),
                          .name = query.getColumn(1).getString(),
                          .imported_at = timestamp_of(query.getColumn(2)),
                          .run_count = query.getColumn(3).getInt()};
    });
  }

  void record_imported_file(UserId user, std::string_view fingerprint, std::string_view name,
                            Timestamp at, int run_count) override {
    transaction([&] {
      insert_imported_file(user,
                           ImportedFile{.fingerprint = std::string(fingerprint),
                                        .name = std::string(name),
                                        .imported_at = at,
                                        .run_count = run_count},
                           /*keep_first=*/true);
    });
  }

  // keep_first: a fingerprint already there keeps its first record (a re-import); otherwise
  // it is a conflict (a restore naming a file twice).
  void insert_imported_file(UserId user, const ImportedFile& file, bool keep_first) {
    SQLite::Statement insert(db(), keep_first
                                       ? "INSERT OR IGNORE INTO imported_files (user_id, "
                                         "fingerprint, name, imported_at, run_count) VALUES "
                                         "(?, ?, ?, ?, ?)"
                                       : "INSERT INTO imported_files (user_id, fingerprint, "
                                         "name, imported_at, run_count) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, user.value);
    insert.bind(2, file.fingerprint);
    insert.bind(3, file.name);
    insert.bind(4, seconds_of(file.imported_at));
    insert.bind(5, file.run_count);
    insert.exec();
  }

  std::vector<ImportedFile> imported_files(UserId user) const override {
    return guard("reading imported files", [&] {
      SQLite::Statement query(db(),
                              "SELECT fingerprint, name, imported_at, run_count FROM "
                              "imported_files WHERE user_id = ? ORDER BY fingerprint");
      query.bind(1, user.value);
      std::vector<ImportedFile> out;
      while (query.executeStep()) {
        out.push_back(ImportedFile{.fingerprint = query.getColumn(0).getString(),
                                   .name = query.getColumn(1).getString(),
                                   .imported_at = timestamp_of(query.getColumn(2)),
                                   .run_count = query.getColumn(3).getInt()});
      }
      return out;
    });
  }

  // --- journal ----------------------------------------------------------------------------

  JournalEntry add_entry(UserId user, JournalEntry entry) override {
    entry.id = JournalEntryId{};
    transaction([&] { entry.id = insert_entry(user, entry); });
    return entry;
  }

  void update_entry(UserId user, const JournalEntry& entry) override {
    transaction([&] {
      require_owned("journal_entries", entry.id.value, user, "journal entry");
      SQLite::Statement remove(db(), "DELETE FROM journal_entries WHERE id = ?");
      remove.bind(1, entry.id.value);
      remove.exec();
      insert_entry(user, entry);
    });
  }

  std::optional<JournalEntry> find_entry(UserId user, JournalEntryId id) const override {
    auto found = select_entries(user, "AND id = ?", {id.value});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  std::optional<JournalEntry> entry_for_run(UserId user, RunId run) const override {
    auto found = select_entries(user, "AND run_id = ?", {run.value});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  std::vector<JournalEntry> entries(UserId user) const override {
    return select_entries(user, "", {});
  }

  std::vector<JournalEntry> unattached_entries_between(UserId user, Timestamp from,
                                                       Timestamp to) const override {
    return select_entries(user, "AND run_id IS NULL AND at_utc BETWEEN ? AND ?",
                          {seconds_of(from), seconds_of(to)});
  }

  // --- experiments ------------------------------------------------------------------------

  Experiment add_experiment(UserId user, Experiment experiment) override {
    experiment.id = ExperimentId{};
    transaction([&] { experiment.id = insert_experiment(user, experiment); });
    return experiment;
  }

  void update_experiment(UserId user, const Experiment& experiment) override {
    transaction([&] {
      require_owned("experiments", experiment.id.value, user, "experiment");
      SQLite::Statement remove(db(), "DELETE FROM experiments WHERE id = ?");
      remove.bind(1, experiment.id.value);
      remove.exec();
      insert_experiment(user, experiment);
    });
  }

  std::optional<Experiment> find_experiment(UserId user, ExperimentId id) const override {
    auto found = select_experiments(user, "AND id = ?", {id.value});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  std::vector<Experiment> experiments(UserId user) const override {
    return select_experiments(user, "", {});
  }

  // --- check-ins --------------------------------------------------------------------------

  CheckIn add_checkin(UserId user, CheckIn checkin) override {
    checkin.id = CheckInId{};
    transaction([&] { checkin.id = insert_checkin(user, checkin); });
    return checkin;
  }

  std::vector<CheckIn> checkins(UserId user) const override {
    return guard("reading check-ins", [&] {
      SQLite::Statement query(db(),
                              "SELECT id, on_date, written_at, enjoyment, chosen, guilt, "
                              "pressure, note FROM checkins WHERE user_id = ? ORDER BY id");
      query.bind(1, user.value);
      std::vector<CheckIn> out;
      while (query.executeStep()) {
        CheckIn checkin;
        checkin.id = CheckInId{query.getColumn(0).getInt64()};
        checkin.on = parse_date(query.getColumn(1).getString());
        checkin.written_at = timestamp_of(query.getColumn(2));
        checkin.motivation.enjoyment = optional_int(query.getColumn(3));
        checkin.motivation.chosen = optional_int(query.getColumn(4));
        checkin.motivation.guilt = optional_int(query.getColumn(5));
        checkin.motivation.pressure = optional_int(query.getColumn(6));
        checkin.note = query.getColumn(7).getString();
        out.push_back(std::move(checkin));
      }
      if (out.empty()) return out;
      // The areas of every check-in, in one query (never one per check-in).
      SQLite::Statement areas(
          db(),
          "SELECT a.checkin_id, a.value_id, a.rating, a.note FROM checkin_areas "
          "a JOIN checkins c ON c.id = a.checkin_id WHERE c.user_id = ? "
          "ORDER BY a.checkin_id, a.value_id");
      areas.bind(1, user.value);
      const auto position = positions_by_id(out);
      while (areas.executeStep()) {
        out[position.at(areas.getColumn(0).getInt64())].areas.push_back(
            LifeAreaRating{.value = ValueId{areas.getColumn(1).getInt64()},
                           .rating = areas.getColumn(2).getInt(),
                           .note = areas.getColumn(3).getString()});
      }
      return out;
    });
  }

  // --- the whole data set -----------------------------------------------------------------

  bool is_empty(UserId user) const override {
    return guard("reading the database", [&] {
      for (const char* table : {"value_defs", "runs", "journal_entries", "experiments", "checkins",
                                "reviews", "imported_files"}) {
        SQLite::Statement query(
            db(), fmt::format("SELECT EXISTS (SELECT 1 FROM {} WHERE user_id = ?)", table));
        query.bind(1, user.value);
        query.executeStep();
        if (query.getColumn(0).getInt() != 0) return false;
      }
      return true;
    });
  }

  JournalData load_all(UserId user) const override { return load(user, /*with_tracks=*/true); }

  JournalData snapshot(UserId user) const override { return load(user, /*with_tracks=*/false); }

  JournalData load(UserId user, bool with_tracks) const {
    JournalData data;
    connection_.guard("reading settings", [&] {
      SQLite::Statement query(db(), "SELECT key, value FROM settings WHERE user_id = ?");
      query.bind(1, user.value);
      while (query.executeStep()) {
        data.settings.emplace(query.getColumn(0).getString(), query.getColumn(1).getString());
      }
    });
    data.values = values(user);
    data.value_history = value_history(user);
    data.reviews = reviews(user);
    data.runs = select_runs(user, "", {}, "id");
    data.entries = select_entries(user, "", {}, "id");
    data.experiments = experiments(user);
    data.checkins = checkins(user);
    if (with_tracks) data.tracks = all_tracks(user);
    data.imported_files = imported_files(user);
    return data;
  }

  void restore_all(UserId user, const JournalData& data) override {
    transaction([&] {
      if (!is_empty(user)) {
        throw Error(Errc::conflict,
                    fmt::format("database {} already holds data: restore into an empty one",
                                connection_.path().string()));
      }
      for (const auto& [key, value] : data.settings) set_setting(user, key, value);
      IdMap reviews("review");
      const bool keep_reviews = can_keep_ids("reviews", data.reviews);
      for (auto review : data.reviews) {
        const auto from = review.id;
        if (!keep_reviews) review.id = ReviewId{};
        reviews.add(from, insert_review(user, review));
      }
      IdMap values("value");
      const bool keep_values = can_keep_ids("value_defs", data.values);
      for (auto value : data.values) {
        const auto from = value.id;
        if (!keep_values) value.id = ValueId{};
        values.add(from, insert_value(user, value));
      }
      const bool keep_events = can_keep_ids("value_events", data.value_history);
      for (auto event : data.value_history) {
        if (!keep_events) event.id = ValueEventId{};
        event.after.id = values(event.after.id);
        if (event.review) event.review = reviews(*event.review);
        insert_event(user, event);
      }
      IdMap runs("run");
      const bool keep_runs = can_keep_ids("runs", data.runs);
      for (auto run : data.runs) {
        const auto from = run.id;
        if (!keep_runs) run.id = RunId{};
        runs.add(from, insert_run(user, run));
      }
      const bool keep_entries = can_keep_ids("journal_entries", data.entries);
      for (auto entry : data.entries) {
        if (!keep_entries) entry.id = JournalEntryId{};
        if (entry.run) entry.run = runs(*entry.run);
        if (entry.motive.value) entry.motive.value = values(*entry.motive.value);
        for (auto& alignment : entry.value_alignments) alignment.value = values(alignment.value);
        insert_entry(user, entry);
      }
      const bool keep_experiments = can_keep_ids("experiments", data.experiments);
      for (auto experiment : data.experiments) {
        if (!keep_experiments) experiment.id = ExperimentId{};
        experiment.value = values(experiment.value);
        for (auto& run : experiment.runs) run = runs(run);
        insert_experiment(user, experiment);
      }
      const bool keep_checkins = can_keep_ids("checkins", data.checkins);
      for (auto checkin : data.checkins) {
        if (!keep_checkins) checkin.id = CheckInId{};
        for (auto& area : checkin.areas) area.value = values(area.value);
        insert_checkin(user, checkin);
      }
      for (const auto& [run, track] : data.tracks) save_track(user, runs(run), track);
      for (const auto& file : data.imported_files) {
        insert_imported_file(user, file, /*keep_first=*/false);
      }
    });
  }

  void backup_to(const std::filesystem::path& destination) const {
    if (std::filesystem::exists(std::filesystem::symlink_status(destination))) {
      throw Error(
          Errc::conflict,
          fmt::format("backup destination {} already exists: nothing was written (name a new file)",
                      destination.string()));
    }
    // The copy goes to a private (0600) temporary file beside the destination, made by
    // mkstemp so nothing planted there is followed, and is renamed into place only when
    // whole; on any failure it is removed, so a retry finds nothing in its way.
    PrivateTemporary temporary(destination);
    guard("writing a backup", [&] {
      // VACUUM INTO reads one consistent snapshot (a read transaction), so writers may go on.
      // It writes into an existing file only when that file is empty, as the new one is.
      SQLite::Statement vacuum(db(), "VACUUM INTO ?");
      vacuum.bind(1, temporary.path());
      vacuum.exec();
    });
    temporary.publish(destination);
  }

 private:
  [[nodiscard]] SQLite::Database& db() const { return connection_.db(); }

  // The track of every run of the user that has one, for load_all.
  [[nodiscard]] std::map<RunId, std::vector<TrackPoint>> all_tracks(UserId user) const {
    auto encoded = guard("reading tracks", [&] {
      SQLite::Statement query(db(),
                              "SELECT t.run_id, t.points FROM run_tracks t JOIN runs r ON r.id = "
                              "t.run_id WHERE r.user_id = ? ORDER BY t.run_id");
      query.bind(1, user.value);
      std::vector<std::pair<RunId, std::vector<std::byte>>> out;
      while (query.executeStep()) {
        const auto column = query.getColumn(1);
        const auto* data = static_cast<const std::byte*>(column.getBlob());
        out.emplace_back(RunId{query.getColumn(0).getInt64()},
                         std::vector<std::byte>(data, data + column.getBytes()));
      }
      return out;
    });
    std::map<RunId, std::vector<TrackPoint>> tracks;
    for (const auto& [run, bytes] : encoded) {
      if (bytes.empty()) continue;
      auto track = decode_track(bytes);
      if (!track.empty()) tracks.emplace(run, std::move(track));
    }
    return tracks;
  }

  // The statement of `sql` (a literal), prepared on first use and lent for one use.
  [[nodiscard]] Reused reuse(const char* sql) const {
    auto& slot = reusable_[sql];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db(), sql);
    return Reused(*slot);
  }

  // The cells as a JSON array, for json_each: one statement however many cells.
  static std::string cells_json(std::span<const CellId> cells) {
    return fmt::format("[{}]", fmt::join(cells, ","));
  }

  // A route no run follows any more is no route.
  void remove_route_if_unfollowed(std::int64_t route) {
    auto remove = reuse(
        "DELETE FROM routes WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM "
        "run_ground WHERE route_id = ?1)");
    remove->bind(1, route);
    remove->exec();
  }

  // Removes a run's ground: each cell it was the first through gets the next run there
  // (or none), and a route no run follows any more goes.
  void remove_ground(UserId user, RunId run) {
    const auto ground = run_ground(user, run);
    if (!ground) return;
    std::vector<CellId> taken;
    {
      auto query = reuse(
          "SELECT cell FROM cell_first WHERE user_id = ?1 AND cell IN (SELECT value FROM "
          "json_each(?2)) AND run_id = ?3");
      query->bind(1, user.value);
      query->bind(2, cells_json(ground->cells));
      query->bind(3, run.value);
      while (query->executeStep()) taken.push_back(query->getColumn(0).getInt64());
    }
    if (!taken.empty()) {
      const auto next = next_first_runs(user, run, taken);
      auto update = reuse(
          "UPDATE cell_first SET start_utc = ?3, run_id = ?4 WHERE user_id = ?1 AND cell = ?2");
      auto drop = reuse("DELETE FROM cell_first WHERE user_id = ?1 AND cell = ?2");
      for (const CellId cell : taken) {
        const auto found = next.find(cell);
        auto& statement = found == next.end() ? drop : update;
        statement->reset();
        statement->bind(1, user.value);
        statement->bind(2, cell);
        if (found != next.end()) {
          statement->bind(3, seconds_of(found->second.start));
          statement->bind(4, found->second.run.value);
        }
        statement->exec();
      }
    }
    auto remove = reuse("DELETE FROM run_ground WHERE run_id = ? AND user_id = ?");
    remove->bind(1, run.value);
    remove->bind(2, user.value);
    remove->exec();
    if (ground->route) remove_route_if_unfollowed(*ground->route);
  }

  // For each of `cells` (sorted), the first run through it other than `except`, from every
  // run's stored cells: one pass over them all (a few milliseconds for ten years of runs),
  // needed only when the first run through a cell goes.
  [[nodiscard]] std::map<CellId, RunOrder> next_first_runs(UserId user, RunId except,
                                                           std::vector<CellId> cells) const {
    std::sort(cells.begin(), cells.end());
    std::map<CellId, RunOrder> out;
    auto query =
        reuse("SELECT run_id, start_utc, cells FROM run_ground WHERE user_id = ? AND run_id != ?");
    query->bind(1, user.value);
    query->bind(2, except.value);
    while (query->executeStep()) {
      const RunOrder order{.start = timestamp_of(query->getColumn(1)),
                           .run = RunId{query->getColumn(0).getInt64()}};
      for (const CellId cell : cells_of_blob(query->getColumn(2))) {
        if (!std::binary_search(cells.begin(), cells.end(), cell)) continue;
        const auto [at, added] = out.emplace(cell, order);
        if (!added && order < at->second) at->second = order;
      }
    }
    return out;
  }

  // A run's cells as stored: eight bytes each, little-endian, in order.
  static std::vector<std::byte> cells_blob(std::span<const CellId> cells) {
    std::vector<std::byte> out(cells.size() * 8);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto value = static_cast<std::uint64_t>(cells[i]);
      for (std::size_t b = 0; b < 8; ++b) {
        out[i * 8 + b] = static_cast<std::byte>((value >> (8 * b)) & 0xFFU);
      }
    }
    return out;
  }

  static std::vector<CellId> cells_of_blob(const SQLite::Column& column) {
    const auto* bytes = static_cast<const unsigned char*>(column.getBlob());
    const auto size = static_cast<std::size_t>(column.getBytes());
    std::vector<CellId> out(size / 8);
    for (std::size_t i = 0; i < out.size(); ++i) {
      std::uint64_t value = 0;
      for (std::size_t b = 0; b < 8; ++b) {
        value |= static_cast<std::uint64_t>(bytes[i * 8 + b]) << (8 * b);
      }
      out[i] = static_cast<CellId>(value);
    }
    return out;
  }

  template <class F>
  auto guard(std::string_view doing, F&& work) const -> std::invoke_result_t<F> {
    return connection_.guard(doing, std::forward<F>(work));
  }

  // Whether restored rows of `table` can keep the ids they carry: each lies above every id
  // the table ever gave (to any user), so none is taken or was ever another row's.
  template <class Row>
  [[nodiscard]] bool can_keep_ids(std::string_view table, const std::vector<Row>& rows) const {
    if (rows.empty()) return true;
    std::int64_t smallest = rows.front().id.value;
    for (const auto& row : rows) smallest = std::min(smallest, row.id.value);
    SQLite::Statement query(
        db(), fmt::format("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), "
                          "0), coalesce((SELECT max(id) FROM {}), 0))",
                          table));
    query.bind(1, std::string(table));
    query.executeStep();
    return smallest > query.getColumn(0).getInt64();
  }

  // Throws not_found unless row `id` of `table` belongs to `user`; keeps users apart.
  void require_owned(std::string_view table, std::int64_t id, UserId user,
                     std::string_view what) const {
    SQLite::Statement query(
        db(), fmt::format("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ? AND user_id = ?)", table));
    query.bind(1, id);
    query.bind(2, user.value);
    query.executeStep();
    if (query.getColumn(0).getInt() == 0) {
      throw Error(Errc::not_found, fmt::format("{} #{} not found", what, id));
    }
  }

  void require_unique_name(UserId user, const Value& value) const {
    SQLite::Statement query(db(),
                            "SELECT EXISTS (SELECT 1 FROM value_defs WHERE user_id = ? AND "
                            "name = ? COLLATE NOCASE AND id != ?)");
    query.bind(1, user.value);
    query.bind(2, value.name);
    query.bind(3, value.id.value);
    query.executeStep();
    if (query.getColumn(0).getInt() != 0) {
      throw Error(Errc::conflict, fmt::format("a value named '{}' already exists", value.name),
                  "name");
    }
  }

  ValueId insert_value(UserId user, const Value& value) {
    SQLite::Statement insert(
        db(), fmt::format("INSERT INTO value_defs (id, user_id, {}) VALUES (?, ?, ?, ?, ?, ?, ?, "
                          "?, ?, ?)",
                          value_columns));
    bind_id(insert, 1, value.id);
    insert.bind(2, user.value);
    bind_value(insert, 3, value);
    insert.exec();
    return ValueId{db().getLastInsertRowid()};
  }

  ValueEventId insert_event(UserId user, const ValueEvent& event) {
    SQLite::Statement insert(
        db(), fmt::format("INSERT INTO value_events (id, user_id, value_id, kind, effective_on, "
                          "recorded_at, reason, review_id, {}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                          "?, ?, ?, ?, ?, ?, ?, ?)",
                          value_columns));
    bind_id(insert, 1, event.id);
    insert.bind(2, user.value);
    insert.bind(3, event.after.id.value);
    insert.bind(4, std::string(value_change_name(event.kind)));
    insert.bind(5, format_date(event.effective_on));
    insert.bind(6, seconds_of(event.recorded_at));
    insert.bind(7, event.reason);
    if (event.review) {
      insert.bind(8, event.review->value);
    } else {
      insert.bind(8);
    }
    bind_value(insert, 9, event.after);
    insert.exec();
    return ValueEventId{db().getLastInsertRowid()};
  }

  ReviewId insert_review(UserId user, const Review& review) {
    SQLite::Statement insert(db(),
                             "INSERT INTO reviews (id, user_id, on_date, written_at, "
                             "trigger_text, notes) VALUES (?, ?, ?, ?, ?, ?)");
    bind_id(insert, 1, review.id);
    insert.bind(2, user.value);
    insert.bind(3, format_date(review.on));
    insert.bind(4, seconds_of(review.written_at));
    insert.bind(5, review.trigger);
    insert.bind(6, review.notes);
    insert.exec();
    return ReviewId{db().getLastInsertRowid()};
  }

  static void bind_run(SQLite::Statement& statement, int first, const Run& run) {
    statement.bind(first, seconds_of(run.start.utc));
    statement.bind(first + 1, run.start.zone);
    statement.bind(first + 2, std::string(sport_name(run.sport)));
    bind_optional(statement, first + 3, run.distance);
    bind_optional(statement, first + 4, run.elapsed);
    bind_optional(statement, first + 5, run.moving);
    bind_optional(statement, first + 6, run.elevation_gain);
    bind_optional(statement, first + 7, run.avg_heart_rate_bpm);
    bind_optional(statement, first + 8, run.max_heart_rate_bpm);
    bind_optional(statement, first + 9, run.avg_cadence_spm);
    statement.bind(first + 10, run.title);
    statement.bind(first + 11, run.route_name);
    statement.bind(first + 12, run.notes);
    statement.bind(first + 13, std::string(run_source_name(run.source)));
    statement.bind(first + 14, run.source_ref);
    statement.bind(first + 15, run.review);
  }

  RunId insert_run(UserId user, const Run& run) {
    SQLite::Statement insert(
        db(),
        "INSERT INTO runs (id, user_id, start_utc, zone, sport, distance_m, elapsed_s, moving_s, "
        "elevation_gain_m, avg_heart_rate_bpm, max_heart_rate_bpm, avg_cadence_spm, title, "
        "route_name, notes, source, source_ref, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, "
        "?, ?, ?, ?, ?, ?)");
    bind_id(insert, 1, run.id);
    insert.bind(2, user.value);
    bind_run(insert, 3, run);
    insert.exec();
    const RunId id{db().getLastInsertRowid()};
    Run stored = run;
    stored.id = id;
    insert_laps(stored);
    return id;
  }

  void insert_laps(const Run& run) {
    SQLite::Statement insert(db(),
                             "INSERT INTO laps (run_id, seq, elapsed_s, distance_m, "
                             "avg_heart_rate_bpm) VALUES (?, ?, ?, ?, ?)");
    int seq = 0;
    for (const auto& lap : run.laps) {
      insert.reset();
      insert.bind(1, run.id.value);
      insert.bind(2, seq++);
      insert.bind(3, lap.elapsed.count());
      bind_optional(insert, 4, lap.distance);
      bind_optional(insert, 5, lap.avg_heart_rate_bpm);
      insert.exec();
    }
  }

  // Runs matching `filter` (SQL after the user condition) with its `params` bound in order,
  // in `order`, at most `limit` of them when given.
  std::vector<Run> select_runs(UserId user, std::string_view filter,
                               const std::vector<SqlParam>& params,
                               std::string_view order = "start_utc, id",
                               std::optional<int> limit = std::nullopt) const {
    return guard("reading runs", [&] {
      const std::string selection =
          fmt::format("FROM runs WHERE user_id = ? {} ORDER BY {}{}", filter, order,
                      limit ? fmt::format(" LIMIT {}", *limit) : std::string());
      SQLite::Statement query(
          db(), fmt::format("SELECT id, start_utc, zone, sport, distance_m, elapsed_s, moving_s, "
                            "elevation_gain_m, avg_heart_rate_bpm, max_heart_rate_bpm, "
                            "avg_cadence_spm, title, route_name, notes, source, source_ref, "
                            "review {}",
                            selection));
      query.bind(1, user.value);
      int index = 2;
      for (const auto& param : params) bind_param(query, index++, param);
      std::vector<Run> out;
      while (query.executeStep()) {
        Run run;
        run.id = RunId{query.getColumn(0).getInt64()};
        run.start = ZonedTime{timestamp_of(query.getColumn(1)), query.getColumn(2).getString()};
        run.sport = parse_sport(query.getColumn(3).getString());
        run.distance = optional_distance(query.getColumn(4));
        run.elapsed = optional_duration(query.getColumn(5));
        run.moving = optional_duration(query.getColumn(6));
        run.elevation_gain = optional_distance(query.getColumn(7));
        run.avg_heart_rate_bpm = optional_int(query.getColumn(8));
        run.max_heart_rate_bpm = optional_int(query.getColumn(9));
        run.avg_cadence_spm = optional_double(query.getColumn(10));
        run.title = query.getColumn(11).getString();
        run.route_name = query.getColumn(12).getString();
        run.notes = query.getColumn(13).getString();
        run.source = parse_run_source(query.getColumn(14).getString());
        run.source_ref = query.getColumn(15).getString();
        run.review = query.getColumn(16).getString();
        out.push_back(std::move(run));
      }
      if (out.empty()) return out;
      // The laps of every run listed, in one query (never one per run).
      SQLite::Statement laps(
          db(), fmt::format("SELECT run_id, elapsed_s, distance_m, avg_heart_rate_bpm FROM laps "
                            "WHERE run_id IN (SELECT id {}) ORDER BY run_id, seq",
                            selection));
      laps.bind(1, user.value);
      index = 2;
      for (const auto& param : params) bind_param(laps, index++, param);
      const auto position = positions_by_id(out);
      while (laps.executeStep()) {
        out[position.at(laps.getColumn(0).getInt64())].laps.push_back(
            Lap{.elapsed = Duration(laps.getColumn(1).getDouble()),
                .distance = optional_distance(laps.getColumn(2)),
                .avg_heart_rate_bpm = optional_int(laps.getColumn(3))});
      }
      return out;
    });
  }

  JournalEntryId insert_entry(UserId user, const JournalEntry& entry) {
    if (entry.run) {
      require_owned("runs", entry.run->value, user, "run");
      SQLite::Statement taken(db(), "SELECT id FROM journal_entries WHERE run_id = ? AND id != ?");
      taken.bind(1, entry.run->value);
      taken.bind(2, entry.id.value);
      if (taken.executeStep()) {
        throw Error(Errc::conflict,
                    fmt::format("run #{} already has journal entry #{}", entry.run->value,
                                taken.getColumn(0).getInt64()),
                    "run_id");
      }
    }
    if (entry.motive.value) require_owned("value_defs", entry.motive.value->value, user, "value");
    for (const auto& alignment : entry.value_alignments) {
      require_owned("value_defs", alignment.value.value, user, "value");
    }
    SQLite::Statement insert(
        db(),
        "INSERT INTO journal_entries (id, user_id, run_id, at_utc, zone, written_at, mood_before, "
        "mood_after, energy_before, energy_after, enjoyment, effort, alignment, motive_value_id, "
        "motive_push, company, route, setting, audio, weather, body, cue_rating) VALUES (?, ?, ?, "
        "?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_id(insert, 1, entry.id);
    insert.bind(2, user.value);
    if (entry.run) {
      insert.bind(3, entry.run->value);
    } else {
      insert.bind(3);
    }
    insert.bind(4, seconds_of(entry.at.utc));
    insert.bind(5, entry.at.zone);
    insert.bind(6, seconds_of(entry.written_at));
    bind_optional(insert, 7, entry.before.mood);
    bind_optional(insert, 8, entry.after.mood);
    bind_optional(insert, 9, entry.before.energy);
    bind_optional(insert, 10, entry.after.energy);
    bind_optional(insert, 11, entry.enjoyment);
    bind_optional(insert, 12, entry.effort);
    bind_optional(insert, 13, entry.alignment);
    if (entry.motive.value) {
      insert.bind(14, entry.motive.value->value);
    } else {
      insert.bind(14);
    }
    bind_optional(insert, 15, enum_text(entry.motive.push, outside_push_name));
    bind_optional(insert, 16, enum_text(entry.context.company, company_name));
    bind_optional(insert, 17, enum_text(entry.context.route, route_novelty_name));
    bind_optional(insert, 18, enum_text(entry.context.setting, setting_name));
    bind_optional(insert, 19, enum_text(entry.context.audio, audio_name));
    insert.bind(20, entry.context.weather);
    insert.bind(21, entry.text);
    bind_optional(insert, 22, entry.cue_rating);
    insert.exec();
    const JournalEntryId id{db().getLastInsertRowid()};
    SQLite::Statement align(db(),
                            "INSERT INTO entry_alignments (entry_id, value_id, rating) VALUES "
                            "(?, ?, ?)");
    for (const auto& alignment : entry.value_alignments) {
      align.reset();
      align.bind(1, id.value);
      align.bind(2, alignment.value.value);
      align.bind(3, alignment.rating);
      align.exec();
    }
    return id;
  }

  std::vector<JournalEntry> select_entries(UserId user, std::string_view filter,
                                           std::initializer_list<std::int64_t> params,
                                           std::string_view order = "at_utc, id") const {
    return guard("reading journal entries", [&] {
      SQLite::Statement query(
          db(), fmt::format("SELECT id, run_id, at_utc, zone, written_at, mood_before, mood_after, "
                            "energy_before, energy_after, enjoyment, effort, alignment, "
                            "motive_value_id, motive_push, company, route, setting, audio, "
                            "weather, body, cue_rating FROM journal_entries WHERE user_id = ? {} "
                            "ORDER BY {}",
                            filter, order));
      query.bind(1, user.value);
      int index = 2;
      for (const auto param : params) query.bind(index++, param);
      std::vector<JournalEntry> out;
      while (query.executeStep()) {
        JournalEntry entry;
        entry.id = JournalEntryId{query.getColumn(0).getInt64()};
        if (!query.getColumn(1).isNull()) entry.run = RunId{query.getColumn(1).getInt64()};
        entry.at = ZonedTime{timestamp_of(query.getColumn(2)), query.getColumn(3).getString()};
        entry.written_at = timestamp_of(query.getColumn(4));
        entry.before.mood = optional_int(query.getColumn(5));
        entry.after.mood = optional_int(query.getColumn(6));
        entry.before.energy = optional_int(query.getColumn(7));
        entry.after.energy = optional_int(query.getColumn(8));
        entry.enjoyment = optional_int(query.getColumn(9));
        entry.effort = optional_int(query.getColumn(10));
        entry.alignment = optional_int(query.getColumn(11));
        if (!query.getColumn(12).isNull()) {
          entry.motive.value = ValueId{query.getColumn(12).getInt64()};
        }
        entry.motive.push = parse_optional(query.getColumn(13), parse_outside_push);
        entry.context.company = parse_optional(query.getColumn(14), parse_company);
        entry.context.route = parse_optional(query.getColumn(15), parse_route_novelty);
        entry.context.setting = parse_optional(query.getColumn(16), parse_setting);
        entry.context.audio = parse_optional(query.getColumn(17), parse_audio);
        entry.context.weather = query.getColumn(18).getString();
        entry.text = query.getColumn(19).getString();
        entry.cue_rating = optional_int(query.getColumn(20));
        out.push_back(std::move(entry));
      }
      if (out.empty()) return out;
      // The alignments of every entry listed, in one query (never one per entry).
      SQLite::Statement align(
          db(), fmt::format("SELECT entry_id, value_id, rating FROM entry_alignments WHERE "
                            "entry_id IN (SELECT id FROM journal_entries WHERE user_id = ? {}) "
                            "ORDER BY entry_id, value_id",
                            filter));
      align.bind(1, user.value);
      index = 2;
      for (const auto param : params) align.bind(index++, param);
      const auto position = positions_by_id(out);
      while (align.executeStep()) {
        out[position.at(align.getColumn(0).getInt64())].value_alignments.push_back(
            ValueAlignment{.value = ValueId{align.getColumn(1).getInt64()},
                           .rating = align.getColumn(2).getInt()});
      }
      return out;
    });
  }

  ExperimentId insert_experiment(UserId user, const Experiment& experiment) {
    require_owned("value_defs", experiment.value.value, user, "value");
    for (const auto& run : experiment.runs) require_owned("runs", run.value, user, "run");
    SQLite::Statement insert(db(),
                             "INSERT INTO experiments (id, user_id, value_id, practice, question, "
                             "starts_on, ends_on, ended_on, reflection, decision, goal_kind, "
                             "goal_distance_m, goal_seconds, goal_pace_s_per_km, "
                             "goal_runs_per_week, goal_cue, goal_cue_target) VALUES (?, ?, ?, ?, "
                             "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_id(insert, 1, experiment.id);
    insert.bind(2, user.value);
    insert.bind(3, experiment.value.value);
    insert.bind(4, experiment.practice);
    insert.bind(5, experiment.question);
    insert.bind(6, format_date(experiment.starts_on));
    insert.bind(7, format_date(experiment.ends_on));
    bind_optional(insert, 8,
                  experiment.ended_on
                      ? std::optional<std::string>(format_date(*experiment.ended_on))
                      : std::nullopt);
    insert.bind(9, experiment.reflection);
    bind_optional(insert, 10, enum_text(experiment.decision, experiment_decision_name));
    const auto& goal = experiment.goal;
    bind_optional(insert, 11,
                  enum_text(goal ? std::optional(goal->kind) : std::nullopt, goal_kind_name));
    bind_optional(insert, 12, goal ? goal->distance : std::nullopt);
    bind_optional(insert, 13, goal ? goal->time : std::nullopt);
    bind_optional(insert, 14,
                  goal && goal->pace ? std::optional(goal->pace->seconds_per_km()) : std::nullopt);
    bind_optional(insert, 15, goal ? goal->runs_per_week : std::nullopt);
    bind_optional(
        insert, 16,
        goal && goal->kind == GoalKind::form_cue ? std::optional(goal->cue) : std::nullopt);
    bind_optional(insert, 17, goal ? goal->cue_target : std::nullopt);
    insert.exec();
    const ExperimentId id{db().getLastInsertRowid()};
    SQLite::Statement tag(db(),
                          "INSERT OR IGNORE INTO experiment_runs (experiment_id, run_id) VALUES "
                          "(?, ?)");
    for (const auto& run : experiment.runs) {
      tag.reset();
      tag.bind(1, id.value);
      tag.bind(2, run.value);
      tag.exec();
    }
    return id;
  }

  std::vector<Experiment> select_experiments(UserId user, std::string_view filter,
                                             std::initializer_list<std::int64_t> params) const {
    return guard("reading experiments", [&] {
      SQLite::Statement query(
          db(), fmt::format("SELECT id, value_id, practice, question, starts_on, ends_on, "
                            "ended_on, reflection, decision, goal_kind, goal_distance_m, "
                            "goal_seconds, goal_pace_s_per_km, goal_runs_per_week, goal_cue, "
                            "goal_cue_target FROM experiments WHERE user_id = ? {} ORDER BY id",
                            filter));
      query.bind(1, user.value);
      int index = 2;
      for (const auto param : params) query.bind(index++, param);
      std::vector<Experiment> out;
      while (query.executeStep()) {
        Experiment experiment;
        experiment.id = ExperimentId{query.getColumn(0).getInt64()};
        experiment.value = ValueId{query.getColumn(1).getInt64()};
        experiment.practice = query.getColumn(2).getString();
        experiment.question = query.getColumn(3).getString();
        experiment.starts_on = parse_date(query.getColumn(4).getString());
        experiment.ends_on = parse_date(query.getColumn(5).getString());
        experiment.ended_on = parse_optional(query.getColumn(6), parse_date);
        experiment.reflection = query.getColumn(7).getString();
        experiment.decision = parse_optional(query.getColumn(8), parse_experiment_decision);
        if (const auto kind = parse_optional(query.getColumn(9), parse_goal_kind)) {
          ExperimentGoal goal{.kind = *kind};
          if (const auto meters = optional_double(query.getColumn(10))) {
            goal.distance = Distance::from_meters(*meters);
          }
          if (const auto seconds = optional_double(query.getColumn(11))) {
            goal.time = Duration(*seconds);
          }
          if (const auto pace = optional_double(query.getColumn(12))) {
            goal.pace = Pace::from_seconds_per_km(*pace);
          }
          goal.runs_per_week = optional_int(query.getColumn(13));
          if (!query.getColumn(14).isNull()) goal.cue = query.getColumn(14).getString();
          goal.cue_target = optional_int(query.getColumn(15));
          experiment.goal = std::move(goal);
        }
        out.push_back(std::move(experiment));
      }
      if (out.empty()) return out;
      // The tagged runs of every experiment listed, in one query (never one per experiment).
      SQLite::Statement tagged(
          db(), fmt::format("SELECT experiment_id, run_id FROM experiment_runs WHERE "
                            "experiment_id IN (SELECT id FROM experiments WHERE user_id = ? {}) "
                            "ORDER BY experiment_id, run_id",
                            filter));
      tagged.bind(1, user.value);
      index = 2;
      for (const auto param : params) tagged.bind(index++, param);
      const auto position = positions_by_id(out);
      while (tagged.executeStep()) {
        out[position.at(tagged.getColumn(0).getInt64())].runs.push_back(
            RunId{tagged.getColumn(1).getInt64()});
      }
      return out;
    });
  }

  CheckInId insert_checkin(UserId user, const CheckIn& checkin) {
    SQLite::Statement insert(db(),
                             "INSERT INTO checkins (id, user_id, on_date, written_at, enjoyment, "
                             "chosen, guilt, pressure, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_id(insert, 1, checkin.id);
    insert.bind(2, user.value);
    insert.bind(3, format_date(checkin.on));
    insert.bind(4, seconds_of(checkin.written_at));
    bind_optional(insert, 5, checkin.motivation.enjoyment);
    bind_optional(insert, 6, checkin.motivation.chosen);
    bind_optional(insert, 7, checkin.motivation.guilt);
    bind_optional(insert, 8, checkin.motivation.pressure);
    insert.bind(9, checkin.note);
    insert.exec();
    const CheckInId id{db().getLastInsertRowid()};
    SQLite::Statement area_insert(db(),
                                  "INSERT INTO checkin_areas (checkin_id, value_id, rating, note) "
                                  "VALUES (?, ?, ?, ?)");
    for (const auto& area : checkin.areas) {
      area_insert.reset();
      area_insert.bind(1, id.value);
      area_insert.bind(2, area.value.value);
      area_insert.bind(3, area.rating);
      area_insert.bind(4, area.note);
      area_insert.exec();
    }
    return id;
  }

  mutable Connection connection_;
  // Statements of the route-familiarity paths, which run for every run stored (preparing
  // them cost as much as running them); destroyed before the connection.
  mutable std::unordered_map<std::string_view, std::unique_ptr<SQLite::Statement>> reusable_;
};

}  // namespace
}  // namespace sqlite

void backup_sqlite_store(const Store& store, const std::filesystem::path& destination) {
  const auto* sqlite = dynamic_cast<const sqlite::SqliteStore*>(&store);
  if (sqlite == nullptr) {
    throw Error(Errc::unsupported, "a backup file can be written only of a SQLite journal");
  }
  if (std::filesystem::is_directory(destination)) {
    throw Error(Errc::invalid_input,
                fmt::format("{} is a folder: name the backup file to write in it (for example "
                            "{})",
                            destination.string(), (destination / "cairn-backup.db").string()));
  }
  const auto folder = destination.has_parent_path() ? destination.parent_path() : ".";
  if (!std::filesystem::is_directory(folder)) {
    throw Error(Errc::invalid_input,
                fmt::format("cannot write the backup {}: the folder {} does not exist",
                            destination.string(), folder.string()));
  }
  sqlite->backup_to(destination);
}

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path,
                                         const SqliteOptions& options) {
  return std::make_unique<sqlite::SqliteStore>(path, options, sqlite_schema_version());
}

SqliteStoreFactory::SqliteStoreFactory(std::filesystem::path path, const SqliteOptions& options)
    : path_(std::move(path)), options_(options) {
  static_cast<void>(open_sqlite_store(path_, options_));
  options_.statement_counter = nullptr;
}

std::unique_ptr<Store> SqliteStoreFactory::open() const {
  return open_sqlite_store(path_, options_);
}

int sqlite_schema_version() { return sqlite::migrations().back().version; }

void migrate_sqlite_to(const std::filesystem::path& path, int version) {
  const sqlite::Connection connection(path, std::chrono::milliseconds{5000}, true, version);
}

std::filesystem::path resolve_database_path(
    const std::optional<std::filesystem::path>& explicit_path) {
  if (explicit_path && !explicit_path->empty()) return *explicit_path;
  if (const char* env = std::getenv("CAIRN_DB"); env != nullptr && *env != '\0') return env;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data == '/') {
    return std::filesystem::path(data) / "cairn" / "cairn.db";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".local" / "share" / "cairn" / "cairn.db";
  }
  throw Error(Errc::invalid_input,
              "cannot tell where the database lives: set HOME, CAIRN_DB or pass --db PATH");
}

}  // namespace cairn::store
