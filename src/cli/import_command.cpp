// cairn import: activity files, folders and gzip-compressed files into the journal, with a
// progress bar on a terminal and a summary at the end.

#include <algorithm>

#include <fmt/format.h>
#include <unistd.h>

#include "cairn/app/importer.hpp"
#include "cairn/exchange/json.hpp"

#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

// A one-line bar on stderr, redrawn in place; only on a terminal, never in pipes or logs.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err) : err_(err), enabled_(isatty(STDERR_FILENO) != 0) {}
  void update(const app::ImportProgress& progress) {
    if (!enabled_ || progress.total == 0) return;
    constexpr std::size_t width = 30;
    const std::size_t filled = progress.done * width / progress.total;
    std::string name = visible(progress.current);
    if (name.size() > 40) name = "…" + name.substr(name.size() - 39);
    err_ << fmt::format("\r[{}{}] {}/{} {:<40}", std::string(filled, '#'),
                        std::string(width - filled, ' '), progress.done, progress.total, name)
         << std::flush;
    if (progress.done == progress.total) err_ << '\n';
  }

 private:
  std::ostream& err_;
  bool enabled_;
};

// The outcome as a runner reads it ("already there", not the JSON's "already_there").
std::string outcome_text(ImportOutcome outcome) {
  std::string text(import_outcome_name(outcome));
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

int run_import(Context& context, const std::vector<std::string>& paths) {
  auto service = context.service();
  app::Importer importer(context.store(), local_user, service.zone(), {.clock = service.clock()});
  ProgressBar bar(*context.err);
  std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
  const auto summary =
      importer.import_paths(inputs, [&](const app::ImportProgress& p) { bar.update(p); });

  const std::size_t imported = summary.count(ImportOutcome::imported);
  const std::size_t already = summary.count(ImportOutcome::already_there);
  const std::size_t skipped = summary.count(ImportOutcome::skipped);
  const std::size_t failed = summary.count(ImportOutcome::failed);
  if (context.json) {
    print_json(*context.out, exchange::to_json(summary));
  } else {
    auto& out = *context.out;
    // New runs are those the imported files added; a file already there lists the runs it
    // gave before, and a run typed in before that took a file's numbers is not new.
    std::size_t runs = 0;
    std::size_t merged = 0;
    for (const auto& report : summary.files) {
      if (report.outcome != ImportOutcome::imported) continue;
      runs += report.runs.size() - report.merged.size();
      merged += report.merged.size();
    }
    out << fmt::format(
        "Imported {} file(s) with {} new run(s){}; {} already there; {} skipped; "
        "{} failed.\n",
        imported, runs,
        merged > 0 ? fmt::format(" and {} merged into runs typed in before", merged) : "", already,
        skipped, failed);
    // Each file that stored a run, with its id (an entry can be attached to it at once), and
    // each that needs a word, with every reason in full: a runner acts on the reason. A file
    // already there is named with its runs when a few files were given (the runner asking
    // "did that one arrive?"), not in the re-import of a whole export.
    constexpr std::size_t few_files = 20;
    const bool name_already_there = summary.files.size() <= few_files;
    for (const auto& report : summary.files) {
      const bool quiet =
          report.left_out.empty() && report.review.empty() && report.warnings.empty();
      if (report.outcome == ImportOutcome::already_there && quiet && !name_already_there) {
        continue;
      }
      if (report.outcome == ImportOutcome::imported && quiet && report.runs.empty()) continue;
      out << '\n' << visible(report.name) << ": " << outcome_text(report.outcome);
      if (!report.runs.empty()) {
        std::vector<std::string> ids;
        for (const auto id : report.runs) ids.push_back(fmt::format("#{}", id.value));
        out << fmt::format(", {} run{} {}",
                           report.outcome == ImportOutcome::imported ? "stored as" : "as",
                           ids.size() == 1 ? "" : "s", fmt::join(ids, ", "));
      }
      out << '\n';
      if (!report.reason.empty()) out << "    " << visible(report.reason) << '\n';
      if (report.outcome == ImportOutcome::imported) {
        for (const auto& left : report.left_out) {
          out << "    not imported: " << visible(left) << '\n';
        }
      }
      for (const auto& review : report.review) out << "    check " << visible(review) << '\n';
      for (const auto& warning : report.warnings) {
        out << "    warning: " << visible(warning) << '\n';
      }
    }
  }
  if (const auto note = importer.zone_data_note()) *context.err << "note: " << *note << '\n';
  // Skipped files (a ride, a course) are not errors; files that could not be read are.
  return failed == 0 ? 0 : 2;
}

}  // namespace

void add_import_command(CLI::App& root, Context& context, int& exit_status) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* command =
      root.add_subcommand("import", "Import FIT, GPX and TCX files (also .gz), or folders of them");
  command->add_option("paths", *paths, "files or folders")->required();
  command->callback([paths, &context, &exit_status] { exit_status = run_import(context, *paths); });
}

}  // namespace cairn::cli
