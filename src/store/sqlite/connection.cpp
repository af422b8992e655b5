#include "connection.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "migrations.hpp"

namespace cairn::store::sqlite {
namespace {

// 'CARN': marks the file as Cairn's, so another program's database is refused by name.
constexpr int cairn_application_id = 0x4341524E;

int open_flags(bool create) {
  return SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
}

std::filesystem::path prepare(const std::filesystem::path& path, bool create) {
  if (!create && !std::filesystem::exists(path)) {
    throw Error(Errc::not_found, fmt::format("database {} does not exist", path.string()));
  }
  if (create && path.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(path.parent_path(), ignored);
  }
  return path;
}

SQLite::Database open_database(const std::filesystem::path& path, bool create,
                               std::chrono::milliseconds busy_timeout) {
  try {
    return SQLite::Database(prepare(path, create).string(), open_flags(create),
                            static_cast<int>(busy_timeout.count()));
  } catch (const SQLite::Exception& error) {
    throw Error(Errc::storage,
                fmt::format("cannot open database {}: {}", path.string(), error.what()));
  }
}

}  // namespace

Connection::Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout,
                       bool create, int target_version)
    : path_(path), busy_timeout_(busy_timeout), db_(open_database(path, create, busy_timeout)) {
  guard("opening the database", [&] {
    // Reading the schema first makes a file that is not a database fail here, by name.
    const int application_id = db_.execAndGet("PRAGMA application_id").getInt();
    const int tables =
        db_.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").getInt();
    if (tables > 0 && application_id != cairn_application_id) {
      throw Error(Errc::storage,
                  fmt::format("database {} is not a Cairn database (it holds other tables)",
                              path_.string()));
    }
    // WAL lets readers (a backup, the web app) work beside a writer; synchronous=FULL syncs
    // the WAL at every commit, so an acknowledged write survives a power cut, not only a
    // process crash.
    const std::string mode = db_.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
      throw Error(Errc::storage, fmt::format("database {} cannot use write-ahead logging (mode {})",
                                             path_.string(), mode));
    }
    db_.exec("PRAGMA synchronous = FULL");
    db_.exec("PRAGMA foreign_keys = ON");
    migrate(target_version);
  });
}

void Connection::migrate(int target_version) {
  const int current = db_.execAndGet("PRAGMA user_version").getInt();
  const auto all = migrations();
  const int latest = all.back().version;
  if (current > latest) {
    throw Error(Errc::unsupported,
                fmt::format("database {} is at schema version {} but this Cairn knows only up to "
                            "version {}: upgrade Cairn to open it",
                            path_.string(), current, latest));
  }
  for (const auto& migration : all) {
    if (migration.version <= current || migration.version > target_version) continue;
    transaction([&] {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      if (db_.execAndGet("PRAGMA user_version").getInt() >= migration.version) return;
      db_.exec(std::string(migration.sql));
      db_.exec(fmt::format("PRAGMA user_version = {}", migration.version));
      db_.exec(fmt::format("PRAGMA application_id = {}", cairn_application_id));
    });
  }
}

void Connection::transaction(const std::function<void()>& work) {
  guard("writing", [&] {
    const bool outermost = depth_ == 0;
    db_.exec(outermost ? "BEGIN IMMEDIATE" : fmt::format("SAVEPOINT cairn_{}", depth_));
    ++depth_;
    try {
      work();
    } catch (...) {
      --depth_;
      try {
        db_.exec(outermost ? "ROLLBACK"
                           : fmt::format("ROLLBACK TO cairn_{0}; RELEASE cairn_{0}", depth_));
      } catch (const SQLite::Exception&) {
        // The original error matters more; SQLite rolls back by itself when it must.
      }
      throw;
    }
    --depth_;
    db_.exec(outermost ? "COMMIT" : fmt::format("RELEASE cairn_{}", depth_));
  });
}

Error Connection::translate(const SQLite::Exception& error, std::string_view doing) const {
  const std::string where = path_.string();
  switch (error.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(Errc::storage,
                   fmt::format("database {} is locked by another process (waited {} ms while {})",
                               where, busy_timeout_.count(), doing));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error(Errc::storage,
                   fmt::format("database {} is corrupt or not a database ({} while {})", where,
                               error.what(), doing));
    case SQLITE_FULL:
      return Error(Errc::storage, fmt::format("disk full while {} in database {}", doing, where));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return Error(Errc::storage, fmt::format("database {} cannot be written ({} while {})", where,
                                              error.what(), doing));
    case SQLITE_CONSTRAINT:
      return Error(Errc::conflict,
                   fmt::format("{} conflicts with stored data: {}", doing, error.what()));
    default:
      return Error(Errc::storage,
                   fmt::format("database {} failed while {}: {}", where, doing, error.what()));
  }
}

}  // namespace cairn::store::sqlite
