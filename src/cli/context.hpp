#pragma once
// What every command needs: where the database is, how to print, and the runner's service.
// The store opens on first use, so `cairn --help` works without a database.

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/app/journal_service.hpp"
#include "cairn/store/store.hpp"

namespace cairn::cli {

/// What a command does with the database.
enum class Access : std::uint8_t {
  write,  ///< may change it: opened for writing, created when missing (in the default
          ///< folder, which is made; or in a folder that exists)
  read,   ///< only reads: must exist; opened read-only when it cannot be written
};

struct Context {
  std::string db_flag;  ///< --db PATH, empty when not given
  bool json = false;    ///< --json: machine-readable output
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  std::istream* in = &std::cin;

  /// Opens the database on first use. With Access::read a missing database is an
  /// Error(storage) naming its path (reading never creates one: a mistyped --db must not
  /// leave an empty journal behind), and one that cannot be written (its file or folder is
  /// read-only) is opened read-only. With Access::write a missing database is created, but
  /// a folder is made only for the default location, never for a path the runner chose.
  store::Store& store(Access mode = Access::write);
  /// Whether the database exists yet (nothing is created).
  [[nodiscard]] bool database_exists() const;
  app::JournalService service(Access mode = Access::write) {
    return app::JournalService(store(mode), local_user, clock());
  }
  /// The system's clock, or the instant CAIRN_NOW sets ("2026-05-01T08:00:00Z": for tests
  /// and demonstrations); a malformed CAIRN_NOW is an Error(invalid_input) naming it.
  [[nodiscard]] static Clock clock();
  [[nodiscard]] std::filesystem::path database_path() const;
  /// When this command created the database and it still holds nothing (the command was
  /// refused), removes it again: a refused command leaves no trace, and a mistyped --db does
  /// not start a journal. Never throws.
  void abandon_created_database() noexcept;
  /// Writes a consistent, private copy of the database to `destination` (which must not
  /// exist), even while other Cairn processes write.
  void backup_to(const std::filesystem::path& destination);
  /// True when both stdin and stdout are a terminal: questions may be asked.
  [[nodiscard]] static bool interactive_terminal();
  /// The columns paragraphs are wrapped to: the terminal's width (at most 100, for lines a
  /// reader's eye can follow) when stdout is a terminal; 0 (no wrapping) when it is a pipe
  /// or a file, so that scripts get one line per item.
  [[nodiscard]] static std::size_t text_columns();

 private:
  std::unique_ptr<store::Store> store_;
  bool created_ = false;  ///< the database file did not exist before this command
  /// The folders that did not exist before the journal was created there, deepest first.
  std::vector<std::filesystem::path> created_folders_;
};

}  // namespace cairn::cli
