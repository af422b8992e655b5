// The cairn command. main() is the CLI's one edge: every error ends here, as a message on
// stderr and an exit status from one table (documented in README.md).

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <malloc.h>

#include "cairn/core/error.hpp"

#include "commands.hpp"
#include "context.hpp"
#include "terminal_text.hpp"

namespace {

enum ExitStatus : int {
  exit_ok = 0,
  exit_internal = 1,
  exit_bad_input = 2,
  exit_storage = 3,
  exit_unsupported = 4,
};

int exit_status_for(cairn::Errc code) {
  switch (code) {
    case cairn::Errc::invalid_input:
    case cairn::Errc::not_found:
    case cairn::Errc::conflict:
    case cairn::Errc::corrupt_file:
      return exit_bad_input;
    case cairn::Errc::storage:
      return exit_storage;
    case cairn::Errc::unsupported:
      return exit_unsupported;
  }
  return exit_internal;
}

}  // namespace

int main(int argc, char** argv) {
  // Importing reads one file after another into buffers of a few hundred kilobytes. glibc
  // serves those with fresh mmaps that the kernel must zero on every file; keeping them in
  // the heap instead roughly halves the system time of a bulk import.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);

  cairn::cli::Context context;
  CLI::App app{"Cairn: a running journal that ties your running to what matters to you.", "cairn"};
  app.set_version_flag("--version", std::string(CAIRN_VERSION));
  app.add_option("--db", context.db_flag,
                 "database file (default: $CAIRN_DB, else ~/.local/share/cairn/cairn.db)");
  app.add_flag("--json", context.json, "print machine-readable JSON");
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.footer(
      "Exit status: 0 done, 2 bad input (for import and inspect: a file could not be read), 3 "
      "database unusable (locked, corrupt), 4 database from a newer Cairn, 1 internal error.");

  cairn::cli::add_values_command(app, context);
  cairn::cli::add_log_command(app, context);
  cairn::cli::add_journal_command(app, context);
  cairn::cli::add_runs_command(app, context);
  cairn::cli::add_experiment_command(app, context);
  cairn::cli::add_checkin_command(app, context);
  cairn::cli::add_review_command(app, context);
  cairn::cli::add_export_command(app, context);
  cairn::cli::add_import_json_command(app, context);
  cairn::cli::add_backup_command(app, context);
  cairn::cli::add_settings_command(app, context);
  int batch_status = exit_ok;
  cairn::cli::add_import_command(app, context, batch_status);
  cairn::cli::add_inspect_command(app, context, batch_status);
  app.callback([&] {
    if (app.get_subcommands().empty()) cairn::cli::run_start(context);
  });

  try {
    app.parse(argc, argv);
    return batch_status;
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    std::cerr << fmt::format("cairn: {}\nRun 'cairn --help' for usage.\n",
                             cairn::cli::visible(error.what()));
    return exit_bad_input;
  } catch (const cairn::Error& error) {
    std::cerr << "cairn: " << cairn::cli::visible(error.what()) << '\n';
    return exit_status_for(error.code());
  } catch (const std::exception& error) {
    std::cerr << "cairn: internal error: " << cairn::cli::visible(error.what()) << '\n';
    return exit_internal;
  }
}
