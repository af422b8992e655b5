// cairn log: a run and its journal entry in one go. Asks on a terminal, scriptable by flags.

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cairn/app/private_file.hpp"
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
  bool resume = false;
};

// --- drafts: the answers of a log left unfinished (Ctrl-D, Ctrl-C) ------------------------
//
// Kept beside the database, readable by the runner alone (journal answers are private), as
// the flags the runner would have typed: `cairn log --resume` reads them back as flags, so
// every answer is checked again exactly as a typed one. Removed once the run is stored.

std::filesystem::path draft_path(const Context& context) {
  auto path = context.database_path();
  path += ".log-draft.json";
  return path;
}

// The draft's answers, by flag name, in the order they are asked.
std::vector<std::pair<std::string_view, std::string*>> draft_fields(LogFlags& flags) {
  auto& run = flags.run;
  auto& entry = flags.entry;
  return {{"start", &run.start},
          {"zone", &run.zone},
          {"sport", &run.sport},
          {"distance", &run.distance},
          {"time", &run.time},
          {"moving", &run.moving},
          {"elevation", &run.elevation},
          {"hr", &run.heart_rate},
          {"max-hr", &run.max_heart_rate},
          {"cadence", &run.cadence},
          {"title", &run.title},
          {"route", &run.route},
          {"notes", &run.notes},
          {"mood-before", &entry.mood_before},
          {"mood-after", &entry.mood_after},
          {"energy-before", &entry.energy_before},
          {"energy-after", &entry.energy_after},
          {"enjoyment", &entry.enjoyment},
          {"effort", &entry.effort},
          {"alignment", &entry.alignment},
          {"cue-rating", &entry.cue_rating},
          {"motive", &entry.motive},
          {"company", &entry.company},
          {"route-kind", &entry.route_kind},
          {"setting", &entry.setting},
          {"audio", &entry.audio},
          {"weather", &entry.weather},
          {"text", &entry.text}};
}

// The draft's mark of questions all asked (the run was then refused): resuming asks none.
constexpr std::string_view all_asked_key = "all_asked";

void save_draft(const Context& context, LogFlags flags, const JournalEntry& answers,
                bool all_asked = false) {
  flags.entry.take_answers(answers);
  nlohmann::json draft = nlohmann::json::object();
  for (const auto& [name, field] : draft_fields(flags)) {
    if (!field->empty()) draft[std::string(name)] = *field;
  }
  if (!flags.entry.align.empty()) draft["align"] = flags.entry.align;
  if (all_asked) draft[std::string(all_asked_key)] = true;
  app::write_private_file(draft_path(context), draft.dump(2) + "\n");
}

// Fills the flags not given on the command line from the draft, and says what was kept.
// Returns true when every question was asked already (a run refused after them).
bool resume_draft(const Context& context, LogFlags& flags) {
  const auto path = draft_path(context);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw Error(Errc::invalid_input,
                fmt::format("no unfinished log to resume ({} does not exist)", path.string()));
  }
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const auto draft = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!draft.is_object()) {
    throw Error(Errc::invalid_input,
                fmt::format("the unfinished log {} cannot be read: delete it and log again",
                            path.string()));
  }
  std::vector<std::string> kept;
  for (const auto& [name, field] : draft_fields(flags)) {
    const auto found = draft.find(std::string(name));
    if (found == draft.end() || !found->is_string()) continue;
    kept.push_back(fmt::format("{} {}", name, found->get<std::string>()));
    if (field->empty()) *field = found->get<std::string>();
  }
  if (const auto align = draft.find("align"); align != draft.end() && align->is_array()) {
    const bool given = !flags.entry.align.empty();
    for (const auto& item : *align) {
      if (!item.is_string()) continue;
      kept.push_back(fmt::format("align {}", item.get<std::string>()));
      if (!given) flags.entry.align.push_back(item.get<std::string>());
    }
  }
  *context.out << fmt::format(
      "Going on from your unfinished log; kept: {}.\n",
      kept.empty() ? "no answers" : fmt::format("{}", fmt::join(kept, ", ")));
  const auto all_asked = draft.find(std::string(all_asked_key));
  return all_asked != draft.end() && all_asked->is_boolean() && all_asked->get<bool>();
}

// The flags that change what a plausibility refusal is about (its field), as the runner
// would type them to correct a kept draft.
std::string_view flags_correcting(std::string_view field) {
  if (field == "start.utc") return "--start WHEN";
  if (field == "distance_m") return "--distance D";
  if (field == "elapsed_s") return "--time T";
  if (field == "moving_s") return "--moving T";
  return "--distance D --time T";  // the pace, and anything else: the numbers it comes from
}

void log_run(Context& context, LogFlags& flags) {
  auto service = context.service();
  const bool all_asked = flags.resume && resume_draft(context, flags);
  // Questions ended part-way (Ctrl-D, Ctrl-C): nothing is stored, the answers are kept.
  const auto stop_with_draft = [&](const Prompter& prompter, const JournalEntry& answers) {
    save_draft(context, flags, answers);
    throw Error(Errc::invalid_input,
                fmt::format("nothing was stored: the questions ended ({}) before the last one; "
                            "your answers so far are kept, and 'cairn log --resume' goes on "
                            "from them",
                            prompter.interrupted() ? "Ctrl-C" : "end of input"));
  };
  const bool terminal = !flags.no_prompt && Context::interactive_terminal();
  // Nothing given: every question. A run with neither distance nor time, which would be
  // refused: only those two, the rest was said on the command line.
  const bool ask = !all_asked && (flags.interactive || flags.resume ||
                                  (terminal && !flags.run.any_numbers() && !flags.entry.any()));
  Prompter prompter(*context.in, *context.out);
  const bool ask_numbers =
      !ask && !all_asked && terminal && flags.run.distance.empty() && flags.run.time.empty();
  if (ask) {
    flags.run.ask_missing(prompter, service);
  } else if (ask_numbers) {
    flags.run.ask_numbers(prompter, service);
  }
  if (prompter.closed()) stop_with_draft(prompter, JournalEntry{});
  const Run run = flags.run.to_run(service);

  std::optional<JournalEntry> entry;
  if (!flags.no_entry) {
    JournalEntry draft;
    draft.at = run.start;
    const LocalDate day = local_date_of(run.start);
    const auto in_force = service.values_at(day);
    flags.entry.apply(draft, in_force);
    if (ask) {
      ask_entry(prompter, *context.out, draft, in_force, service.prompts_for(day),
                form_cue_on(service, day));
      if (prompter.closed()) stop_with_draft(prompter, draft);
    }
    // An entry with no answer at all is not worth keeping.
    if (draft != JournalEntry{.at = run.start}) entry = draft;
  }

  const auto logged = [&] {
    try {
      return service.log_run(run, entry, flags.force);
    } catch (const app::ImplausibleRun& problem) {
      if (ask || ask_numbers || flags.resume) {
        // The runner answered questions: a slip in one answer must not cost them the others.
        save_draft(context, flags, entry.value_or(JournalEntry{}), /*all_asked=*/true);
        throw Error(problem.code(),
                    fmt::format("{}; nothing was stored, and your answers are kept: 'cairn log "
                                "--resume --force' stores the run as it is, 'cairn log --resume "
                                "{}' corrects it",
                                problem.what(), flags_correcting(problem.field())),
                    problem.field());
      }
      throw Error(problem.code(),
                  fmt::format("{}; nothing was stored (if the run really was so, log it again "
                              "with --force)",
                              problem.what()),
                  problem.field());
    } catch (const app::DuplicateRun& duplicate) {
      throw Error(duplicate.code(),
                  fmt::format("{}; nothing was stored (correct that run with 'cairn runs edit {}')",
                              duplicate.what(), duplicate.existing().value),
                  duplicate.field());
    }
  }();
  // Stored: an unfinished log this one finished (or replaced) is done with.
  std::error_code ignored;
  if (ask || flags.resume) std::filesystem::remove(draft_path(context), ignored);
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
  log->add_flag("--resume", flags->resume,
                "go on from a log left unfinished (Ctrl-D or Ctrl-C part-way): asks only the "
                "rest");
  log->add_flag("--force", flags->force,
                "store a run past the plausibility limits (a pace faster than 2:30 /km over "
                "more than 1 km, a start before 1985 or in the future)");
  log->callback([flags, &context] { log_run(context, *flags); });
}

}  // namespace cairn::cli
