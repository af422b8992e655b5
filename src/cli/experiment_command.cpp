// cairn experiment: try a practice linked to a value for a few weeks, then decide.

#include <chrono>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "render.hpp"
#include "table.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct StartFlags {
  std::string value;
  std::string practice;
  std::string question;
  std::string start;
  std::string end;
  std::string days;
};

struct EndFlags {
  std::string id;
  std::string date;
  std::string reflection;
  std::string decision;
};

void start_experiment(Context& context, const StartFlags& flags) {
  auto service = context.service();
  Experiment experiment;
  experiment.value = service.value_named(flags.value).id;
  experiment.practice = flags.practice;
  experiment.question = flags.question;
  experiment.starts_on = date_or(flags.start, service.today());
  if (!flags.end.empty() && !flags.days.empty()) {
    throw Error(Errc::invalid_input, "give either --end or --days, not both");
  }
  if (!flags.end.empty()) {
    experiment.ends_on = parse_date(flags.end);
  } else {
    const long long days = flags.days.empty() ? 21 : parse_whole(flags.days, "--days");
    if (days < 1 || days > 366) {
      throw Error(Errc::invalid_input,
                  fmt::format("--days {} is out of range: expected 1 to 366", days));
    }
    experiment.ends_on = std::chrono::sys_days{experiment.starts_on} + std::chrono::days{days - 1};
  }
  const Experiment started = service.start_experiment(experiment);
  if (context.json) {
    print_json(*context.out, experiment_json(started));
    return;
  }
  *context.out << fmt::format(
      "Started experiment #{}: {} until {}. Tag runs with 'cairn experiment tag {} RUN_ID'.\n",
      started.id.value, visible(started.practice), format_date(started.ends_on), started.id.value);
}

void list_experiments(Context& context) {
  auto service = context.service(Access::read);
  const auto experiments = service.experiments();
  if (context.json) {
    print_json(*context.out, experiments_json(experiments));
    return;
  }
  if (experiments.empty()) {
    *context.out << "No experiments yet. Start one with 'cairn experiment start --value NAME "
                    "--practice \"...\"'.\n";
    return;
  }
  const auto values = service.values();
  Table table({{"id", Table::Align::right},
               {"value"},
               {"practice"},
               {"from"},
               {"to"},
               {"runs", Table::Align::right},
               {"status"}});
  for (const auto& experiment : experiments) {
    table.add_row({std::to_string(experiment.id.value), value_name(values, experiment.value),
                   shorten(experiment.practice, 36), format_date(experiment.starts_on),
                   format_date(experiment.ends_on), std::to_string(experiment.runs.size()),
                   experiment.decision ? std::string(experiment_decision_name(*experiment.decision))
                                       : "open"});
  }
  table.print(*context.out);
}

// The result card: the experiment's runs against the weeks before it (cairn/insights).
void print_card(std::ostream& out, const insights::ExperimentCard& card) {
  out << "\nResult so far:\n"
      << indented_block(card.text, "  ", "  ", Context::text_columns()) << '\n';
}

// The experiment's JSON (the export's shape) with its result card as `result`.
Json with_result(const Experiment& experiment, const insights::ExperimentCard& card) {
  Json out = experiment_json(experiment);
  out["result"] = exchange::to_json(card);
  return out;
}

void show_experiment(Context& context, const std::string& id) {
  auto service = context.service(Access::read);
  const Experiment experiment = service.experiment(parse_id<ExperimentTag>(id, "experiment id"));
  const auto card = service.experiment_card(experiment.id);
  if (context.json) {
    print_json(*context.out, with_result(experiment, card));
    return;
  }
  print_experiment(*context.out, experiment, service.values());
  print_card(*context.out, card);
  const auto runs = service.experiment_runs(experiment);
  if (!runs.empty()) {
    *context.out << '\n';
    print_runs_table(*context.out, runs, service.entries(), service.units());
  }
}

void end_experiment(Context& context, const EndFlags& flags) {
  auto service = context.service();
  const Experiment ended = service.end_experiment(
      parse_id<ExperimentTag>(flags.id, "experiment id"), date_or(flags.date, service.today()),
      flags.reflection, parse_experiment_decision(flags.decision));
  const auto card = service.experiment_card(ended.id);
  if (context.json) {
    print_json(*context.out, with_result(ended, card));
    return;
  }
  *context.out << fmt::format("Ended experiment #{} on {}: {}.\n", ended.id.value,
                              format_date(*ended.ended_on),
                              experiment_decision_name(*ended.decision));
  print_card(*context.out, card);
}

}  // namespace

void add_experiment_command(CLI::App& root, Context& context) {
  auto* experiment =
      root.add_subcommand("experiment", "Small experiments: start, tag and untag runs, end");
  experiment->require_subcommand(0, 1);
  experiment->callback([experiment, &context] {
    if (experiment->get_subcommands().empty()) list_experiments(context);
  });

  auto start_flags = std::make_shared<StartFlags>();
  auto* start = experiment->add_subcommand("start", "Start an experiment on one of your values");
  start->add_option("--value", start_flags->value, "the value it tests")->required();
  start->add_option("--practice", start_flags->practice, "what you will try")->required();
  start->add_option("--question", start_flags->question, "what to notice");
  start->add_option("--start", start_flags->start, "first day, YYYY-MM-DD (default today)");
  start->add_option("--end", start_flags->end, "last day, YYYY-MM-DD");
  start->add_option("--days", start_flags->days, "length in days (default 21)");
  start->callback([start_flags, &context] { start_experiment(context, *start_flags); });

  experiment->add_subcommand("list", "List experiments")->callback([&context] {
    list_experiments(context);
  });

  auto show_id = std::make_shared<std::string>();
  auto* show = experiment->add_subcommand("show", "Show an experiment and its runs");
  show->add_option("id", *show_id, "the experiment's id")->required();
  show->callback([show_id, &context] { show_experiment(context, *show_id); });

  // tag and untag: the same arguments, one use case each.
  for (const bool untag : {false, true}) {
    auto ids = std::make_shared<std::pair<std::string, std::vector<std::string>>>();
    auto* command = experiment->add_subcommand(
        untag ? "untag" : "tag",
        untag ? "Take runs out of an experiment" : "Tag runs as part of an experiment");
    command->add_option("id", ids->first, "the experiment's id")->required();
    command->add_option("runs", ids->second, "run ids")->required();
    command->callback([ids, untag, &context] {
      auto service = context.service();
      std::vector<RunId> runs;
      for (const auto& run : ids->second) runs.push_back(parse_id<RunTag>(run, "run id"));
      const auto experiment_id = parse_id<ExperimentTag>(ids->first, "experiment id");
      const Experiment tagged =
          untag ? service.untag_runs(experiment_id, runs) : service.tag_runs(experiment_id, runs);
      if (context.json) {
        print_json(*context.out, experiment_json(tagged));
        return;
      }
      *context.out << fmt::format("Experiment #{} now has {} run(s).\n", tagged.id.value,
                                  tagged.runs.size());
    });
  }

  auto end_flags = std::make_shared<EndFlags>();
  auto* end =
      experiment->add_subcommand("end", "End an experiment with your reflection and decision");
  end->add_option("id", end_flags->id, "the experiment's id")->required();
  end->add_option("--reflection", end_flags->reflection, "what you noticed");
  end->add_option("--decision", end_flags->decision, "keep, adjust or drop")->required();
  end->add_option("--date", end_flags->date, "the day it ended (default today)");
  end->callback([end_flags, &context] { end_experiment(context, *end_flags); });
}

}  // namespace cairn::cli
