#pragma once
// One SQLite connection with Cairn's settings: opening and migrating the file, nested
// transactions, and the translation of SQLite's exceptions into cairn::Error.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <type_traits>

#include <SQLiteCpp/SQLiteCpp.h>

#include "cairn/core/error.hpp"

namespace cairn::store::sqlite {

class Connection {
 public:
  /// Opens the file, applies pragmas and migrates it to `target_version`; read-only, it only
  /// checks that the file is a Cairn database at `target_version`.
  /// `statement_counter`, when set, is incremented at each statement run (see SqliteOptions).
  Connection(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout, bool create,
             int target_version, bool read_only = false,
             std::uint64_t* statement_counter = nullptr);

  [[nodiscard]] SQLite::Database& db() { return db_; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// Runs `work` in BEGIN IMMEDIATE ... COMMIT, or in a savepoint when already inside one.
  void transaction(const std::function<void()>& work);

  /// Runs `work`, turning a SQLite::Exception into cairn::Error that names the database
  /// and what was being done.
  template <class F>
  auto guard(std::string_view doing, F&& work) const -> std::invoke_result_t<F> {
    try {
      return std::forward<F>(work)();
    } catch (const SQLite::Exception& error) {
      throw translate(error, doing);
    }
  }

  [[nodiscard]] Error translate(const SQLite::Exception& error, std::string_view doing) const;

 private:
  void migrate(int target_version);

  std::filesystem::path path_;
  std::chrono::milliseconds busy_timeout_;
  SQLite::Database db_;
  int depth_ = 0;
};

}  // namespace cairn::store::sqlite
