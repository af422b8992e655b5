// cairn export, cairn import-json and cairn backup: getting everything out and back in.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "cairn/app/file_bytes.hpp"
#include "cairn/app/private_file.hpp"
#include "cairn/core/error.hpp"
#include "cairn/exchange/exchange.hpp"
#include "cairn/exchange/json.hpp"

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
  auto service = context.service(Access::read);
  const JournalData data = context.store(Access::read).load_all(local_user);
  std::string format = flags.format;  // JSON, Csv and json alike
  std::transform(format.begin(), format.end(), format.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string text;
  if (format == "json") {
    text = exchange::export_json(data);
  } else if (format == "csv") {
    text = exchange::export_runs_csv(data, service.units());
  } else if (format == "markdown" || format == "md") {
    text = exchange::export_markdown(data, service.units());
  } else {
    throw Error(
        Errc::invalid_input,
        fmt::format("unknown export format '{}': expected json, csv or markdown", flags.format));
  }
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
  *context.err << fmt::format("Exported {} runs and {} journal entries to {}.\n", data.runs.size(),
                              data.entries.size(), visible(flags.output));
}

std::string read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  // A journal export is text of a few megabytes; the limit only stops a wrong path (a disk
  // image, /dev/zero) from filling memory.
  constexpr std::size_t max_export_bytes = std::size_t{4} * 1024 * 1024 * 1024;
  try {
    {
      // The start first: a file of zeros or a disk image is refused before it is read whole.
      std::ifstream file(path, std::ios::binary);
      std::string head(std::size_t{64} * 1024, '\0');
      file.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, file.gcount())));
      if (file || !head.empty()) exchange::check_export_start(head);
    }
    const auto bytes = app::read_file_bytes(path, max_export_bytes);
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  } catch (const Error& error) {
    throw Error(error.code(), fmt::format("{}: {}", visible(path), error.what()));
  }
}

void run_import_json(Context& context, const std::string& path) {
  const JournalData data = exchange::import_json(read_file(path));
  context.store().restore_all(local_user, data);
  *context.out << fmt::format(
      "Restored {} values, {} runs ({} with a track), {} journal entries, {} experiments, {} "
      "check-ins and {} imported files from {}.\n",
      data.values.size(), data.runs.size(), data.tracks.size(), data.entries.size(),
      data.experiments.size(), data.checkins.size(), data.imported_files.size(), visible(path));
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
    context.store(Access::read).backup_to(*path);
    *context.out << fmt::format("Backed up {} to {}.\n", visible(context.database_path().string()),
                                visible(*path));
  });
}

}  // namespace cairn::cli
