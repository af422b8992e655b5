#include "context.hpp"

#include <unistd.h>

#include "cairn/store/sqlite_store.hpp"

namespace cairn::cli {

std::filesystem::path Context::database_path() const {
  return store::resolve_database_path(
      db_flag.empty() ? std::nullopt : std::optional<std::filesystem::path>(db_flag));
}

namespace {

// Whether SQLite could write the database: the file, and the folder its -wal and -shm files
// go in (access() also says no on a read-only file system, even to root).
bool writable(const std::filesystem::path& database) {
  const auto folder = database.has_parent_path() ? database.parent_path() : ".";
  return access(database.c_str(), W_OK) == 0 && access(folder.c_str(), W_OK) == 0;
}

}  // namespace

store::Store& Context::store(Access mode) {
  if (!store_) {
    const auto path = database_path();
    const bool read_only = mode == Access::read && std::filesystem::exists(path) && !writable(path);
    store_ = store::open_sqlite_store(path, {.read_only = read_only});
  }
  return *store_;
}

bool Context::interactive_terminal() {
  return isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0;
}

}  // namespace cairn::cli
