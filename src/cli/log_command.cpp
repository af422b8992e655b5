// cairn log: a run and its journal entry in one go. Asks on a terminal, scriptable by flags.

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "commands.hpp"
#include "entry_flags.hpp"
#include "json_output.hpp"
#include "render.hpp"
#include "run_flags.hpp"

namespace cairn::cli {
namespace {

struct LogFlags {
  RunFlags run;
  EntryFlags entry;
  bool no_entry = false;
  bool interactive = false;
  bool no_prompt = false;
  bool force = false;
};

void log_run(Context& context, LogFlags& flags) {
  auto service = context.service();
  const bool terminal = !flags.no_prompt && Context::interactive_terminal();
  // Nothing given: every question. A run with neither distance nor time, which would be
  // refused: only those two, the rest was said on the command line.
  const bool ask =
      flags.interactive || (terminal && !flags.run.any_numbers() && !flags.entry.any());
  Prompter prompter(*context.in, *context.out);
  if (ask) {
    flags.run.ask_missing(prompter, service);
  } else if (terminal && flags.run.distance.empty() && flags.run.time.empty()) {
    flags.run.ask_numbers(prompter, service);
  }
  const Run run = flags.run.to_run(service);

  std::optional<JournalEntry> entry;
  if (!flags.no_entry) {
    JournalEntry draft;
    draft.at = run.start;
    const LocalDate day = local_date_of(run.start);
    const auto in_force = service.values_at(day);
    flags.entry.apply(draft, in_force);
    if (ask) ask_entry(prompter, *context.out, draft, in_force, service.prompts_for(day));
    // An entry with no answer at all is not worth keeping.
    if (draft != JournalEntry{.at = run.start}) entry = draft;
  }

  const auto logged = [&] {
    try {
      return service.log_run(run, entry, flags.force);
    } catch (const app::ImplausibleRun& problem) {
      throw Error(Errc::invalid_input,
                  fmt::format("{}; nothing was stored (if the run really was so, log it again "
                              "with --force)",
                              problem.what()));
    } catch (const app::DuplicateRun& duplicate) {
      throw Error(duplicate.code(),
                  fmt::format("{}; nothing was stored (correct that run with 'cairn runs edit {}')",
                              duplicate.what(), duplicate.existing().value));
    }
  }();
  if (context.json) {
    print_json(*context.out, logged_run_json(logged));
    return;
  }
  *context.out << fmt::format("Logged run #{}: {}", logged.run.id.value,
                              run_summary(logged.run, service.units()));
  if (const auto pace = pace_of(logged.run)) {
    *context.out << " (" << format_pace(*pace, service.units()) << ")";
  }
  if (logged.entry) {
    *context.out << fmt::format(", with journal entry #{}", logged.entry->id.value);
  }
  *context.out << ".\n";
}

}  // namespace

void log_run_interactively(Context& context) {
  LogFlags flags;
  flags.interactive = true;
  log_run(context, flags);
}

void add_log_command(CLI::App& root, Context& context) {
  auto flags = std::make_shared<LogFlags>();
  auto* log = root.add_subcommand("log", "Log a run and how it felt, in one go");
  flags->run.add_to(*log);
  flags->entry.add_to(*log);
  log->add_flag("--no-entry", flags->no_entry, "store the run without a journal entry");
  log->add_flag("-i,--interactive", flags->interactive, "ask for everything not given as a flag");
  log->add_flag("--no-prompt", flags->no_prompt, "never ask, even on a terminal");
  log->add_flag("--force", flags->force,
                "store a run past the plausibility limits (a pace faster than 2:30 /km over "
                "more than 1 km, a start before 1985 or in the future)");
  log->callback([flags, &context] { log_run(context, *flags); });
}

}  // namespace cairn::cli
