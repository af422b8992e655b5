#pragma once
// What every command needs: where the database is, how to print, and the runner's service.
// The store opens on first use, so `cairn --help` works without a database.

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cairn/app/journal_service.hpp"
#include "cairn/store/store.hpp"

namespace cairn::cli {

struct Context {
  std::string db_flag;  ///< --db PATH, empty when not given
  bool json = false;    ///< --json: machine-readable output
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  std::istream* in = &std::cin;

  /// Opens the database (creating it when missing) on first use.
  store::Store& store();
  app::JournalService service() { return app::JournalService(store(), local_user); }
  [[nodiscard]] std::filesystem::path database_path() const;
  /// True when both stdin and stdout are a terminal: questions may be asked.
  [[nodiscard]] static bool interactive_terminal();

 private:
  std::unique_ptr<store::Store> store_;
};

}  // namespace cairn::cli
