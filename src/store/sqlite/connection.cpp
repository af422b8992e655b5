#include "connection.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrations.hpp"

namespace cairn::store::sqlite {
namespace {

// 'CARN': marks the file as Cairn's, so another program's database is refused by name.
constexpr int cairn_application_id = 0x4341524E;

int open_flags(bool create, bool read_only) {
  if (read_only) return SQLite::OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  return SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
}

// Creates each missing folder of `folder` with mode 0700: a journal's folder is private.
// Folders that exist are left as they are.
void create_private_folders(const std::filesystem::path& folder) {
  if (folder.empty() || std::filesystem::exists(folder)) return;
  if (folder.has_parent_path() && folder.parent_path() != folder) {
    create_private_folders(folder.parent_path());
  }
  if (mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error(Errc::storage, fmt::format("cannot create the folder {}: {}", folder.string(),
                                           std::strerror(errno)));
  }
}

// The database's -wal and -shm files are created with the database file's mode, so a file
// made 0600 here keeps all three private.
void create_private_file(const std::filesystem::path& path) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;  // another process made it meanwhile
    throw Error(Errc::storage,
                fmt::format("cannot create database {}: {}", path.string(), std::strerror(errno)));
  }
  close(fd);
}

std::filesystem::path prepare(const std::filesystem::path& path, bool create) {
  if (!create && !std::filesystem::exists(path)) {
    throw Error(Errc::not_found, fmt::format("database {} does not exist", path.string()));
  }
  if (create && !std::filesystem::exists(path)) {
    if (path.has_parent_path()) create_private_folders(path.parent_path());
    create_private_file(path);
  }
  return path;
}

// A read-only database in a folder no one can write in (a read-only medium) and with no
// write-ahead log: SQLite cannot make the -shm file a WAL database needs, so the file is
// opened as immutable, which needs none (nothing can change it anyway).
bool immutable(const std::filesystem::path& path) {
  const auto folder = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code ignored;
  return access(folder.c_str(), W_OK) != 0 &&
         !std::filesystem::exists(path.string() + "-wal", ignored);
}

std::string immutable_uri(const std::filesystem::path& path) {
  std::string uri = "file:";
  for (const char c : std::filesystem::absolute(path).string()) {
    if (c == '?' || c == '#' || c == '%') {
      uri += fmt::format("%{:02x}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

SQLite::Database open_database(const std::filesystem::path& path, bool create, bool read_only,
                               std::chrono::milliseconds busy_timeout) {
  try {
    if (read_only && immutable(path)) {
      return SQLite::Database(immutable_uri(path), open_flags(false, true) | SQLITE_OPEN_URI,
                              static_cast<int>(busy_timeout.count()));
    }
    return SQLite::Database(prepare(path, create && !read_only).string(),
                            open_flags(create, read_only), static_cast<int>(busy_timeout.count()));
  } catch (const SQLite::Exception& error) {
    throw Error(Errc::storage,
                fmt::format("cannot open database {}: {}", path.string(), error.what()));
  }
}

// SQLITE_TRACE_STMT fires when a statement starts running (and again, with a "--" comment,
// for each trigger it fires); only the starts are counted. A C callback: nothing may throw.
int count_statement(unsigned /*event*/, void* counter, void* /*statement*/, void* sql) noexcept {
  const auto* text = static_cast<const char*>(sql);
  if (text == nullptr || std::strncmp(text, "--", 2) != 0) ++*static_cast<std::uint64_t*>(counter);
  return 0;
}

}  // namespace

Connection::Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout,
                       bool create, int target_version, bool read_only,
                       std::uint64_t* statement_counter)
    : path_(path),
      busy_timeout_(busy_timeout),
      db_(open_database(path, create, read_only, busy_timeout)) {
  if (statement_counter != nullptr) {
    sqlite3_trace_v2(db_.getHandle(), SQLITE_TRACE_STMT, count_statement, statement_counter);
  }
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
    if (read_only) {
      const int version = db_.execAndGet("PRAGMA user_version").getInt();
      if (version > target_version) {
        throw Error(Errc::unsupported,
                    fmt::format("database {} is at schema version {} but this Cairn knows only up "
                                "to version {}: upgrade Cairn to open it",
                                path_.string(), version, target_version));
      }
      if (version < target_version) {
        throw Error(Errc::storage,
                    fmt::format("database {} needs an upgrade to schema version {} but cannot be "
                                "written (opened read-only)",
                                path_.string(), target_version));
      }
      return;
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
    // A table is rebuilt by creating its new form, copying, dropping the old one and renaming:
    // with foreign keys on, the drop would delete (ON DELETE CASCADE) or refuse the rows that
    // refer to it. So they are off during the migration (the pragma works only outside a
    // transaction) and checked before it commits.
    db_.exec("PRAGMA foreign_keys = OFF");
    try {
      transaction([&] {
        // Re-read inside the write lock: another process may have migrated meanwhile.
        if (db_.execAndGet("PRAGMA user_version").getInt() >= migration.version) return;
        db_.exec(std::string(migration.sql));
        SQLite::Statement broken(db_, "PRAGMA foreign_key_check");
        if (broken.executeStep()) {
          throw Error(
              Errc::storage,
              fmt::format("database {}: migration to schema version {} would leave a "
                          "row of {} referring to a missing row of {}",
                          path_.string(), migration.version, broken.getColumn(0).getString(),
                          broken.getColumn(2).getString()));
        }
        db_.exec(fmt::format("PRAGMA user_version = {}", migration.version));
        db_.exec(fmt::format("PRAGMA application_id = {}", cairn_application_id));
      });
    } catch (...) {
      db_.exec("PRAGMA foreign_keys = ON");
      throw;
    }
    db_.exec("PRAGMA foreign_keys = ON");
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
