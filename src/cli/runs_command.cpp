// cairn runs: list runs, show one with its journal entry, edit, merge and delete them.

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "prompter.hpp"
#include "render.hpp"
#include "run_flags.hpp"

namespace cairn::cli {
namespace {

// How many runs `runs list` shows on a terminal without --all or --limit.
constexpr std::size_t latest_runs_shown = 20;

struct ListFlags {
  bool all = false;
  std::optional<std::size_t> limit;
  std::string from;  ///< YYYY-MM-DD
  std::string to;
  std::string sport;
  std::string min_distance;
  std::string max_distance;
  [[nodiscard]] bool filtered() const {
    return !from.empty() || !to.empty() || !sport.empty() || !min_distance.empty() ||
           !max_distance.empty();
  }
};

// The runs the flags ask for, each flag named in its refusal.
store::RunFilter filter_of(const app::JournalService& service, const ListFlags& flags) {
  const auto date = [](std::string_view flag, const std::string& text) {
    return text.empty()
               ? std::nullopt
               : std::optional(for_flag(flag, flag.substr(2), [&] { return parse_date(text); }));
  };
  const auto from = date("--from", flags.from);
  const auto to = date("--to", flags.to);
  auto filter = for_flag("--to", "to", [&] { return service.runs_between(from, to); });
  if (!flags.sport.empty()) {
    filter.sport = for_flag("--sport", "sport", [&] { return parse_sport(flags.sport); });
  }
  const auto distance = [&](std::string_view flag, const std::string& text) {
    return for_flag(flag, flag.substr(2), [&] { return parse_distance(text, service.units()); });
  };
  if (!flags.min_distance.empty())
    filter.min_distance = distance("--min-distance", flags.min_distance);
  if (!flags.max_distance.empty())
    filter.max_distance = distance("--max-distance", flags.max_distance);
  if (filter.min_distance && filter.max_distance && *filter.max_distance < *filter.min_distance) {
    throw Error(Errc::invalid_input, "--max-distance is below --min-distance: no run could pass",
                "max-distance");
  }
  return filter;
}

void list_runs(Context& context, const ListFlags& flags) {
  auto service = context.service(Access::read);
  const auto filter = filter_of(service, flags);
  const std::size_t total = service.count_runs(filter);
  // The table is read, so it shows the latest few; --json is read by programs, so it holds
  // every run unless a limit is asked for.
  const std::size_t shown = flags.all      ? total
                            : flags.limit  ? std::min(*flags.limit, total)
                            : context.json ? total
                                           : std::min(latest_runs_shown, total);
  // Newest first: the run a runner looks for is the one they just did. Only the page shown
  // is read.
  std::vector<Run> runs;
  if (shown > 0) {
    runs = service
               .runs_page({.limit = static_cast<int>(std::min<std::size_t>(shown, 1'000'000)),
                           .before = std::nullopt,
                           .filter = filter})
               .runs;
  }
  if (context.json) {
    print_json(*context.out, runs_json(runs));
    return;
  }
  if (runs.empty()) {
    *context.out << (total > 0          ? "No runs shown (--limit 0).\n"
                     : flags.filtered() ? "No run matches these filters.\n"
                                        : "No runs yet. Log one with 'cairn log'.\n");
    return;
  }
  print_runs_table(*context.out, runs, service.entries(), service.units());
  if (shown < total) {
    *context.out << fmt::format(
        "\nThe latest {} of {} {}runs: 'cairn runs list --all' shows every one, '--limit N' the "
        "latest N.\n",
        shown, total, flags.filtered() ? "matching " : "");
  }
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
  if (const auto track = service.track(run.id); !track.empty()) {
    print_track(*context.out, service.splits(run.id), summarize_track(track), service.units());
  }
  if (const auto ground = service.ground(run.id)) print_ground(*context.out, *ground);
  if (entry) {
    *context.out << '\n';
    print_entry(*context.out, *entry, service.values());
  } else {
    *context.out << "\nNo journal entry yet: 'cairn journal add --run " << run.id.value << "'.\n";
  }
}

struct EditFlags {
  std::string id;
  RunFlags run;
  bool force = false;
};

void edit_run(Context& context, const EditFlags& flags) {
  auto service = context.service();
  Run run = service.run(parse_id<RunTag>(flags.id, "run id"));
  flags.run.apply_to(run, service);
  const auto edited = [&] {
    try {
      return service.edit_run(run, flags.force);
    } catch (const app::ImplausibleRun& problem) {
      throw Error(problem.code(),
                  fmt::format("{}; nothing was changed (if the run really was so, edit it again "
                              "with --force)",
                              problem.what()),
                  problem.field());
    } catch (const app::DuplicateRun& duplicate) {
      throw Error(duplicate.code(),
                  fmt::format("{}; nothing was changed (if they are one run, 'cairn runs merge {} "
                              "{}' makes them one)",
                              duplicate.what(), duplicate.existing().value, run.id.value),
                  duplicate.field());
    }
  }();
  if (context.json) {
    print_json(*context.out, logged_run_json(edited));
    return;
  }
  *context.out << fmt::format("Changed run #{}: {}.\n", edited.run.id.value,
                              run_summary(edited.run, service.units()));
}

struct MergeFlags {
  std::string first;
  std::string second;
  bool yes = false;
};

void merge_runs(Context& context, const MergeFlags& flags) {
  auto service = context.service();
  const RunId first = parse_id<RunTag>(flags.first, "run id");
  const RunId second = parse_id<RunTag>(flags.second, "run id");
  // Every refusal comes before the question, so the runner is never asked in vain.
  const app::MergedRuns plan = service.plan_merge(first, second);
  const RunId kept = plan.kept.run.id;
  if (!flags.yes) {
    if (!Context::interactive_terminal()) {
      throw Error(Errc::invalid_input,
                  fmt::format("merging runs #{} and #{} needs --yes when not asked on a terminal",
                              first.value, second.value));
    }
    const auto units = service.units();
    *context.out << fmt::format("Run #{}: {}\n", first.value,
                                run_summary(service.run(first), units));
    *context.out << fmt::format("Run #{}: {}\n", second.value,
                                run_summary(service.run(second), units));
    *context.out << fmt::format("Kept as run #{}: {}\n", kept.value,
                                run_summary(plan.kept.run, units));
    Prompter prompter(*context.in, *context.out);
    if (!prompter.yes(fmt::format("Merge them, removing run #{}?", plan.removed.value), false)) {
      // A "no", Enter, Ctrl-D or Ctrl-C: the runner did not say yes.
      *context.out << "Nothing was merged; nothing changed.\n";
      return;
    }
  }
  const app::MergedRuns merged = service.merge_runs(first, second);
  if (context.json) {
    Json out = logged_run_json(merged.kept);
    out["removed_run"] = merged.removed.value;
    print_json(*context.out, out);
    return;
  }
  *context.out << fmt::format("Merged run #{} into run #{}: {}", merged.removed.value, kept.value,
                              run_summary(merged.kept.run, service.units()));
  if (merged.kept.entry) {
    *context.out << fmt::format(", with journal entry #{}", merged.kept.entry->id.value);
  }
  *context.out << ".\n";
}

struct DeleteFlags {
  std::string id;
  bool yes = false;
  bool with_entry = false;
};

void delete_run(Context& context, const DeleteFlags& flags) {
  auto service = context.service();
  const Run run = service.run(parse_id<RunTag>(flags.id, "run id"));
  const auto entry = service.entry_for_run(run.id);
  if (!flags.yes) {
    if (!Context::interactive_terminal()) {
      throw Error(
          Errc::invalid_input,
          fmt::format("deleting run #{} needs --yes when not asked on a terminal", run.id.value));
    }
    Prompter prompter(*context.in, *context.out);
    *context.out << fmt::format("Run #{}: {}\n", run.id.value, run_summary(run, service.units()));
    const std::string question =
        entry && flags.with_entry
            ? fmt::format("Delete it and its journal entry #{}?", entry->id.value)
            : "Delete it?";
    if (!prompter.yes(question, false)) {
      *context.out << "Nothing was deleted; nothing changed.\n";
      return;
    }
  }
  service.delete_run(run.id, flags.with_entry);
  if (context.json) {
    print_json(
        *context.out,
        Json{{"deleted_run", run.id.value},
             {"deleted_entry", entry && flags.with_entry ? Json(entry->id.value) : Json(nullptr)}});
    return;
  }
  *context.out << fmt::format("Deleted run #{}", run.id.value);
  if (entry) {
    *context.out << (flags.with_entry ? fmt::format(" and its journal entry #{}", entry->id.value)
                                      : fmt::format("; its journal entry #{} stays, standalone",
                                                    entry->id.value));
  }
  *context.out << ".\n";
}

}  // namespace

void add_runs_command(CLI::App& root, Context& context) {
  auto* runs = root.add_subcommand("runs", "Your runs: list, show, edit, merge, delete");
  runs->require_subcommand(0, 1);
  runs->callback([runs, &context] {
    if (runs->get_subcommands().empty()) list_runs(context, ListFlags{});
  });
  auto list_flags = std::make_shared<ListFlags>();
  auto* list = runs->add_subcommand("list", "List runs, newest first (the latest 20)");
  list->add_flag("--all", list_flags->all, "every run");
  list->add_option("--limit", list_flags->limit, "the latest N runs")
      ->check(CLI::NonNegativeNumber);
  list->add_option("--from", list_flags->from, "runs from this day on, YYYY-MM-DD");
  list->add_option("--to", list_flags->to, "runs up to and including this day, YYYY-MM-DD");
  list->add_option("--sport", list_flags->sport,
                   "road, trail, track, treadmill, cross_country or other");
  list->add_option("--min-distance", list_flags->min_distance,
                   "runs at least this long, e.g. 10km");
  list->add_option("--max-distance", list_flags->max_distance, "runs at most this long");
  list->callback([list_flags, &context] { list_runs(context, *list_flags); });
  auto id = std::make_shared<std::string>();
  auto* show = runs->add_subcommand("show", "Show one run and its journal entry");
  show->add_option("id", *id, "the run's id")->required();
  show->callback([id, &context] { show_run(context, *id); });
  auto edit_flags = std::make_shared<EditFlags>();
  auto* edit = runs->add_subcommand(
      "edit", "Correct a stored run: any field, with the same flags as 'cairn log'");
  edit->add_option("id", edit_flags->id, "the run's id")->required();
  edit_flags->run.add_to(*edit);
  edit->add_flag("--force", edit_flags->force,
                 "keep a run past the plausibility limits (as 'cairn log --force')");
  edit->callback([edit_flags, &context] { edit_run(context, *edit_flags); });
  auto merge_flags = std::make_shared<MergeFlags>();
  auto* merge = runs->add_subcommand(
      "merge",
      "Make one run of a run stored twice (typed in, then imported): the imported one is kept, "
      "with the words, entry and experiments of the other");
  merge->add_option("a", merge_flags->first, "one run's id")->required();
  merge->add_option("b", merge_flags->second, "the other run's id")->required();
  merge->add_flag("-y,--yes", merge_flags->yes, "do not ask (for scripts)");
  merge->callback([merge_flags, &context] { merge_runs(context, *merge_flags); });
  auto flags = std::make_shared<DeleteFlags>();
  auto* remove = runs->add_subcommand(
      "delete", "Delete a run (a ride imported by mistake, a run stored twice)");
  remove->add_option("id", flags->id, "the run's id")->required();
  remove->add_flag("-y,--yes", flags->yes, "do not ask (for scripts)");
  remove->add_flag("--with-entry", flags->with_entry,
                   "delete its journal entry too (kept as a standalone entry otherwise)");
  remove->callback([flags, &context] { delete_run(context, *flags); });
}

}  // namespace cairn::cli
