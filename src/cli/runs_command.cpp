// cairn runs: list runs and show one with its journal entry.

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "render.hpp"

namespace cairn::cli {
namespace {

void list_runs(Context& context) {
  auto service = context.service(Access::read);
  const auto runs = service.runs();
  if (context.json) {
    print_json(*context.out, runs_json(runs));
    return;
  }
  if (runs.empty()) {
    *context.out << "No runs yet. Log one with 'cairn log'.\n";
    return;
  }
  print_runs_table(*context.out, runs, service.entries(), service.units());
}

void show_run(Context& context, const std::string& id) {
  auto service = context.service(Access::read);
  const Run run = service.run(parse_id<RunTag>(id, "run id"));
  const auto entry = service.entry_for_run(run.id);
  if (context.json) {
    print_json(*context.out, logged_run_json(app::LoggedRun{.run = run, .entry = entry}));
    return;
  }
  print_run(*context.out, run, service.units());
  if (entry) {
    *context.out << '\n';
    print_entry(*context.out, *entry, service.values());
  } else {
    *context.out << "\nNo journal entry yet: 'cairn journal add --run " << run.id.value << "'.\n";
  }
}

}  // namespace

void add_runs_command(CLI::App& root, Context& context) {
  auto* runs = root.add_subcommand("runs", "Your runs: list, show");
  runs->require_subcommand(0, 1);
  runs->callback([runs, &context] {
    if (runs->get_subcommands().empty()) list_runs(context);
  });
  runs->add_subcommand("list", "List every run")->callback([&context] { list_runs(context); });
  auto id = std::make_shared<std::string>();
  auto* show = runs->add_subcommand("show", "Show one run and its journal entry");
  show->add_option("id", *id, "the run's id")->required();
  show->callback([id, &context] { show_run(context, *id); });
}

}  // namespace cairn::cli
