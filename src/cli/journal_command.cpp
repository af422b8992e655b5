// cairn journal: write, change and read journal entries (with or without a run).

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "entry_flags.hpp"
#include "json_output.hpp"
#include "render.hpp"
#include "table.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct JournalFlags {
  std::string id;
  std::string run;
  std::string at;
  EntryFlags entry;
  bool interactive = false;
};

void add_entry(Context& context, JournalFlags& flags) {
  auto service = context.service();
  JournalEntry entry;
  if (!flags.run.empty()) {
    const Run run = service.run(parse_id<RunTag>(flags.run, "--run"));
    entry.run = run.id;
    entry.at = run.start;
  } else {
    entry.at = flags.at.empty() ? ZonedTime{service.now(), service.zone()}
                                : parse_local_time(flags.at, service.zone());
  }
  const LocalDate day = local_date_of(entry.at);
  const auto in_force = service.values_at(day);
  flags.entry.apply(entry, in_force);
  if (flags.interactive || (Context::interactive_terminal() && !flags.entry.any())) {
    Prompter prompter(*context.in, *context.out);
    ask_entry(prompter, *context.out, entry, in_force, service.prompts_for(day),
              form_cue_on(service, day));
  }
  const JournalEntry stored = service.add_entry(entry);
  if (context.json) {
    print_json(*context.out, entry_json(stored));
    return;
  }
  *context.out << fmt::format("Saved journal entry #{} for {}.\n", stored.id.value,
                              format_local(stored.at));
}

void edit_entry(Context& context, JournalFlags& flags) {
  auto service = context.service();
  JournalEntry entry = service.entry(parse_id<JournalEntryTag>(flags.id, "entry id"));
  if (!flags.run.empty()) entry.run = service.run(parse_id<RunTag>(flags.run, "--run")).id;
  if (!flags.at.empty() && !entry.run) entry.at = parse_local_time(flags.at, entry.at.zone);
  if (!flags.entry.any() && flags.run.empty() && flags.at.empty()) {
    throw Error(Errc::invalid_input,
                "nothing to change: give the answers to change, e.g. --enjoyment 8");
  }
  const LocalDate day = local_date_of(entry.at);
  flags.entry.apply(entry, service.values_at(day));
  const JournalEntry stored = service.update_entry(entry);
  if (context.json) {
    print_json(*context.out, entry_json(stored));
    return;
  }
  *context.out << fmt::format("Updated journal entry #{}.\n", stored.id.value);
}

void show_entry(Context& context, const std::string& id) {
  auto service = context.service(Access::read);
  const JournalEntry entry = service.entry(parse_id<JournalEntryTag>(id, "entry id"));
  if (context.json) {
    print_json(*context.out, entry_json(entry));
    return;
  }
  if (entry.run) print_run(*context.out, service.run(*entry.run), service.units());
  print_entry(*context.out, entry, service.values());
}

void list_entries(Context& context) {
  auto service = context.service(Access::read);
  const auto entries = service.entries();
  if (context.json) {
    print_json(*context.out, entries_json(entries));
    return;
  }
  if (entries.empty()) {
    *context.out << "No journal entries yet. Write one with 'cairn log' or 'cairn journal add'.\n";
    return;
  }
  Table table({{"id", Table::Align::right},
               {"when"},
               {"run", Table::Align::right},
               {"mood", Table::Align::right},
               {"enjoyed", Table::Align::right},
               {"thoughts"}});
  for (const auto& entry : entries) {
    table.add_row({std::to_string(entry.id.value), format_local(entry.at),
                   entry.run ? fmt::format("#{}", entry.run->value) : "—",
                   fmt::format("{}→{}", or_dash(entry.before.mood), or_dash(entry.after.mood)),
                   or_dash(entry.enjoyment), shorten(entry.text, 40)});
  }
  table.print(*context.out);
}

void show_prompts(Context& context, const std::string& date) {
  auto service = context.service(Access::read);
  const auto prompts = service.prompts_for(date_or(date, service.today()));
  if (context.json) {
    print_json(*context.out, strings_json(prompts));
    return;
  }
  for (const auto& prompt : prompts) *context.out << "· " << visible(prompt) << '\n';
}

}  // namespace

void add_journal_command(CLI::App& root, Context& context) {
  auto* journal = root.add_subcommand("journal", "Journal entries: add, edit, show, list");
  journal->require_subcommand(0, 1);
  journal->callback([journal, &context] {
    if (journal->get_subcommands().empty()) list_entries(context);
  });

  auto add_flags = std::make_shared<JournalFlags>();
  auto* add = journal->add_subcommand("add", "Write an entry, for a run or standing alone");
  add->add_option("--run", add_flags->run, "the run it is about (id)");
  add->add_option("--at", add_flags->at, "when, if not about a stored run (default now)");
  add->add_flag("-i,--interactive", add_flags->interactive, "ask for every answer not given");
  add_flags->entry.add_to(*add);
  add->callback([add_flags, &context] { add_entry(context, *add_flags); });

  auto edit_flags = std::make_shared<JournalFlags>();
  auto* edit = journal->add_subcommand("edit", "Change answers in an entry, or attach it to a run");
  edit->add_option("id", edit_flags->id, "the entry's id")->required();
  edit->add_option("--run", edit_flags->run, "attach to this run (id)");
  edit->add_option("--at", edit_flags->at, "move a standalone entry to this time");
  edit_flags->entry.add_to(*edit);
  edit->callback([edit_flags, &context] { edit_entry(context, *edit_flags); });

  auto show_id = std::make_shared<std::string>();
  auto* show = journal->add_subcommand("show", "Show one entry with its run");
  show->add_option("id", *show_id, "the entry's id")->required();
  show->callback([show_id, &context] { show_entry(context, *show_id); });

  journal->add_subcommand("list", "List every entry")->callback([&context] {
    list_entries(context);
  });

  auto prompt_date = std::make_shared<std::string>();
  auto* prompts =
      journal->add_subcommand("prompts", "Questions for today's entry, from your values");
  prompts->add_option("--date", *prompt_date, "for this date (default today)");
  prompts->callback([prompt_date, &context] { show_prompts(context, *prompt_date); });
}

}  // namespace cairn::cli
