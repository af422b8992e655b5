#include "context.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cairn/app/route_ground.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/time.hpp"
#include "cairn/store/sqlite_store.hpp"

#include "terminal_text.hpp"

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

Clock Context::clock() {
  const char* fixed = std::getenv("CAIRN_NOW");
  if (fixed == nullptr || *fixed == '\0') return Clock::system();
  try {
    return Clock::fixed(parse_utc(fixed));
  } catch (const Error& error) {
    throw Error(error.code(), fmt::format("CAIRN_NOW: {}", error.what()));
  }
}

void Context::abandon_created_database() noexcept {
  if (!created_ || !store_) return;
  try {
    if (!store_->is_empty(local_user)) return;
    store_.reset();
    const auto path = database_path();
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix, ignored);
    }
    // Only folders still empty go (remove() leaves any other).
    for (const auto& folder : created_folders_) std::filesystem::remove(folder, ignored);
    created_ = false;
  } catch (...) {
    // Leaving an empty journal behind is better than failing while reporting a refusal.
  }
}

void Context::backup_to(const std::filesystem::path& destination) {
  store::backup_sqlite_store(store(Access::read), destination);
}

bool Context::database_exists() const { return std::filesystem::exists(database_path()); }

store::Store& Context::store(Access mode) {
  if (!store_) {
    const auto path = database_path();
    const bool exists = std::filesystem::exists(path);
    if (!exists && mode == Access::read) {
      throw Error(Errc::storage,
                  fmt::format("no journal at {}: nothing to show yet ('cairn' starts one; "
                              "'cairn log' or 'cairn import' adds the first run)",
                              visible(path.string())));
    }
    // The runner named this path (--db or CAIRN_DB): a typo must not grow folders.
    const char* env = std::getenv("CAIRN_DB");
    const bool chosen = !db_flag.empty() || (env != nullptr && *env != '\0');
    const auto folder = path.has_parent_path() ? path.parent_path() : ".";
    if (!exists && chosen && !std::filesystem::is_directory(folder)) {
      throw Error(Errc::storage,
                  fmt::format("cannot create the journal {}: the folder {} does not exist",
                              visible(path.string()), visible(folder.string())));
    }
    // The folders the store will create for a new journal at the default place, deepest
    // first: a refused first command takes them away again with the empty journal.
    if (!exists) {
      for (auto missing = folder; !missing.empty() && !std::filesystem::exists(missing) &&
                                  missing != missing.parent_path();
           missing = missing.parent_path()) {
        created_folders_.push_back(missing);
      }
    }
    const bool read_only = mode == Access::read && !writable(path);
    store_ = store::open_sqlite_store(path, {.read_only = read_only});
    created_ = !exists;
    // A journal an older Cairn kept has tracks without route familiarity: worked out once.
    if (!read_only) app::catch_up_ground(*store_, local_user);
  }
  return *store_;
}

std::size_t Context::text_columns() {
  constexpr std::size_t widest = 100;
  if (isatty(STDOUT_FILENO) == 0) return 0;
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return 80;
  return std::min<std::size_t>(size.ws_col, widest);
}

bool Context::interactive_terminal() {
  return isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0;
}

}  // namespace cairn::cli
