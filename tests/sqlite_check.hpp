#pragma once
// What SQLite itself says of a database file, for the crash and kill tests.

#include <string>

#include <sqlite3.h>

namespace cairn::testing {

/// The result of PRAGMA integrity_check: "ok" for a whole database.
inline std::string integrity_of(const std::string& path) {
  sqlite3* handle = nullptr;
  sqlite3_open(path.c_str(), &handle);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &statement, nullptr);
  std::string result;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return result;
}

}  // namespace cairn::testing
