#pragma once
/// \file
/// The embedded SQLite backend and where its database lives by default.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cairn/store/store.hpp"

namespace cairn::store {

struct SqliteOptions {
  /// How long to wait for another process's write lock before giving up.
  std::chrono::milliseconds busy_timeout{5000};
  /// Create the file (and its folder) when missing; otherwise a missing file is not_found.
  /// Cairn creates the file with mode 0600 (its -wal and -shm files follow it) and each
  /// missing folder with mode 0700; existing files and folders keep their modes.
  bool create = true;
  /// Open the existing file for reading only (a database on a read-only medium, or one this
  /// user may not write): nothing is created, migrated or written, and every write throws
  /// Error(storage) "cannot be written". A database at an older schema version cannot be
  /// read this way (it needs its upgrade written first).
  bool read_only = false;
  /// When set, counts every SQL statement the connection runs (each execution of a prepared
  /// statement, including the ones that open and migrate the file), for tests that check
  /// how many queries a call makes. Must outlive the store.
  std::uint64_t* statement_counter = nullptr;
};

/// Opens (creating and migrating when needed) the database at `path`.
///
/// The database runs in WAL mode with synchronous=FULL and foreign keys on, so a write
/// acknowledged by a returning call survives a process crash or a power cut. Throws
/// Error(Errc::storage) when the file is locked, corrupt or not a Cairn database, and
/// Error(Errc::unsupported) when it was written by a newer Cairn.
[[nodiscard]] std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path,
                                                       const SqliteOptions& options = {});

/// Opens connections to one database file, one for each worker thread: a connection (and so
/// a Store) serves one thread at a time, and each of a server's workers has its own.
/// Connections see each other's writes once committed; SQLite's locks keep them apart.
class SqliteStoreFactory {
 public:
  /// Opens (creating and migrating when needed) the database at `path` once, so that each
  /// later connection finds it ready. Throws as open_sqlite_store does.
  explicit SqliteStoreFactory(std::filesystem::path path, const SqliteOptions& options = {});

  /// Another connection to the database, with the factory's options but no statement counter
  /// (a counter is not shared between threads). Throws as open_sqlite_store does.
  [[nodiscard]] std::unique_ptr<Store> open() const;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  SqliteOptions options_;
};

/// Writes a consistent copy of the SQLite database `store` (from open_sqlite_store) works
/// on to `destination`, while others may keep writing. Throws Errc::conflict when the
/// destination exists, Errc::unsupported for a store of another backend. The copy is private
/// (mode 0600) and appears whole or not at all: on failure nothing is left at `destination`.
void backup_sqlite_store(const Store& store, const std::filesystem::path& destination);

/// The schema version this build writes.
[[nodiscard]] int sqlite_schema_version();

/// Applies the migrations up to `version` only (for migration tests); throws as
/// open_sqlite_store does.
void migrate_sqlite_to(const std::filesystem::path& path, int version);

/// The database path to use: `explicit_path` when given, else $CAIRN_DB, else
/// $XDG_DATA_HOME/cairn/cairn.db, else ~/.local/share/cairn/cairn.db.
[[nodiscard]] std::filesystem::path resolve_database_path(
    const std::optional<std::filesystem::path>& explicit_path);

}  // namespace cairn::store
