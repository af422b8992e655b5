// cairn export, cairn import-json and cairn backup: getting everything out and back in.

#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "cairn/app/journal_transfer.hpp"
#include "cairn/app/private_file.hpp"
#include "cairn/core/error.hpp"

#include "commands.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct ExportFlags {
  std::string format = "json";
  std::string output;
  bool force = false;
};

void run_export(Context& context, const ExportFlags& flags) {
  if (!flags.output.empty() && flags.output != "-" && !flags.force) {
    std::error_code error;
    if (std::filesystem::exists(flags.output, error)) {
      throw Error(Errc::invalid_input,
                  fmt::format("{} exists already: nothing was written (add --force to replace it)",
                              visible(flags.output)));
    }
  }
  const auto format = app::parse_export_format(flags.format);
  auto service = context.service(Access::read);
  const app::JournalExport exported =
      app::export_journal(context.store(Access::read), local_user, format, service.units());
  const std::string& text = exported.text;
  if (flags.output.empty() || flags.output == "-") {
    // Redirected, the export is written byte for byte; on a terminal it is read, so the
    // control characters a file brought in are shown, not obeyed.
    if (isatty(STDOUT_FILENO) == 0 || context.out != &std::cout) {
      *context.out << text;
      return;
    }
    std::string lines;  // CSV ends its lines in CRLF; a terminal needs only the LF
    lines.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') lines += text[i];
    }
    *context.out << visible(lines, LineBreaks::keep);
    return;
  }
  app::write_private_file(flags.output, text);
  *context.err << fmt::format("Exported {} runs and {} journal entries to {}.\n", exported.runs,
                              exported.entries, visible(flags.output));
}

void run_import_json(Context& context, const std::string& path) {
  std::string text;
  if (path == "-") {
    std::ostringstream buffer;
    buffer << context.in->rdbuf();
    text = buffer.str();
  } else {
    text = app::read_export_file(path);
  }
  const JournalData data = app::parse_export(text);  // before a database is opened or made
  const app::RestoredJournal restored = app::restore_export(context.store(), local_user, data);
  *context.out << fmt::format(
      "Restored {} values, {} runs ({} with a track), {} journal entries, {} experiments, {} "
      "check-ins and {} imported files from {}.\n",
      restored.values, restored.runs, restored.tracks, restored.entries, restored.experiments,
      restored.checkins, restored.imported_files, visible(path));
}

}  // namespace

void add_export_command(CLI::App& root, Context& context) {
  auto flags = std::make_shared<ExportFlags>();
  auto* command = root.add_subcommand(
      "export", "Export everything: json (all), csv (runs), markdown (journal)");
  command->add_option("--format", flags->format, "json, csv or markdown (default json)");
  command->add_option("-o,--output", flags->output, "write to this file instead of the screen");
  command->add_flag("--force", flags->force, "replace the --output file if it exists");
  command->callback([flags, &context] { run_export(context, *flags); });
}

void add_import_json_command(CLI::App& root, Context& context) {
  auto path = std::make_shared<std::string>();
  auto* command =
      root.add_subcommand("import-json", "Restore a JSON export into an empty database");
  command->add_option("file", *path, "the export file, or - for standard input")->required();
  command->callback([path, &context] { run_import_json(context, *path); });
}

void add_backup_command(CLI::App& root, Context& context) {
  auto path = std::make_shared<std::string>();
  auto* command = root.add_subcommand(
      "backup", "Write a consistent copy of the database, even while Cairn runs");
  command->add_option("destination", *path, "the new backup file (must not exist)")->required();
  command->callback([path, &context] {
    context.backup_to(*path);
    *context.out << fmt::format("Backed up {} to {}.\n", visible(context.database_path().string()),
                                visible(*path));
  });
}

}  // namespace cairn::cli
