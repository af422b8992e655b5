#include "context.hpp"

#include <unistd.h>

#include "cairn/store/sqlite_store.hpp"

namespace cairn::cli {

std::filesystem::path Context::database_path() const {
  return store::resolve_database_path(
      db_flag.empty() ? std::nullopt : std::optional<std::filesystem::path>(db_flag));
}

store::Store& Context::store() {
  if (!store_) store_ = store::open_sqlite_store(database_path());
  return *store_;
}

bool Context::interactive_terminal() {
  return isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0;
}

}  // namespace cairn::cli
