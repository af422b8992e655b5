#pragma once
// The SQLite schema as a list of forward-only migrations. A database records the last one
// applied in PRAGMA user_version; each migration runs in its own transaction, with foreign
// keys off (so a table can be rebuilt) and checked before it commits.

#include <span>
#include <string_view>

namespace cairn::store::sqlite {

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

/// Every migration, in version order (1, 2, ...).
std::span<const Migration> migrations();

}  // namespace cairn::store::sqlite
