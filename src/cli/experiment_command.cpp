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

// A small goal as flags: one kind at a time, parsed by the parsers `log` uses.
struct GoalFlags {
  std::string distance;
  std::string time;
  std::string pace;
  std::string over;
  std::string runs_per_week;
  std::string cue;
  std::string cue_target;

  void add_to(CLI::App& command) {
    auto* group = command.add_option_group("Small goal (one of)");
    group->add_option("--goal-distance", distance, "a run this long, e.g. 10km or 6.2mi");
    group->add_option("--goal-time", time, "a run this long in time, e.g. 50:00 or 1:30:00");
    group->add_option("--goal-pace", pace, "this pace or faster, e.g. 5:00/km, with --goal-over");
    group->add_option("--goal-over", over, "the distance to hold --goal-pace over, e.g. 5km");
    group->add_option("--goal-runs-per-week", runs_per_week, "this many runs a week, 1 to 14");
    group->add_option("--goal-cue", cue,
                      "a form cue to rate after each run, e.g. \"relaxed shoulders\"");
    group->add_option("--goal-cue-target", cue_target,
                      "the rating (0-10) the cue goal asks for (default 7)");
  }

  [[nodiscard]] std::optional<ExperimentGoal> to_goal(UnitSystem units) const {
    const int kinds = static_cast<int>(!distance.empty()) + static_cast<int>(!time.empty()) +
                      static_cast<int>(!pace.empty()) + static_cast<int>(!runs_per_week.empty()) +
                      static_cast<int>(!cue.empty());
    if (kinds > 1) {
      throw Error(Errc::invalid_input,
                  "give one goal: --goal-distance, --goal-time, --goal-pace with --goal-over, "
                  "--goal-runs-per-week or --goal-cue",
                  "goal");
    }
    if (!over.empty() && pace.empty()) {
      throw Error(Errc::invalid_input,
                  "--goal-over goes with --goal-pace: the distance to hold the pace over",
                  "goal.distance_m");
    }
    if (!cue_target.empty() && cue.empty()) {
      throw Error(Errc::invalid_input, "--goal-cue-target goes with --goal-cue", "goal.cue_target");
    }
    if (kinds == 0) return std::nullopt;
    ExperimentGoal goal;
    if (!distance.empty()) {
      goal.kind = GoalKind::distance;
      goal.distance = for_flag("--goal-distance", "goal.distance_m",
                               [&] { return parse_distance(distance, units); });
    } else if (!time.empty()) {
      goal.kind = GoalKind::time;
      goal.time = for_flag("--goal-time", "goal.seconds", [&] { return parse_duration(time); });
    } else if (!pace.empty()) {
      goal.kind = GoalKind::pace;
      goal.pace =
          for_flag("--goal-pace", "goal.pace_s_per_km", [&] { return parse_pace(pace, units); });
      if (over.empty()) {
        throw Error(Errc::invalid_input,
                    "--goal-pace needs --goal-over, the distance to hold it over, e.g. "
                    "--goal-over 5km",
                    "goal.distance_m");
      }
      goal.distance =
          for_flag("--goal-over", "goal.distance_m", [&] { return parse_distance(over, units); });
    } else if (!runs_per_week.empty()) {
      goal.kind = GoalKind::runs_per_week;
      goal.runs_per_week = for_flag("--goal-runs-per-week", "goal.runs_per_week", [&] {
        return static_cast<int>(parse_whole(runs_per_week, "a number of runs"));
      });
    } else {
      goal.kind = GoalKind::form_cue;
      goal.cue = cue;
      if (!cue_target.empty()) {
        goal.cue_target = for_flag("--goal-cue-target", "goal.cue_target", [&] {
          return static_cast<int>(parse_whole(cue_target, "a rating"));
        });
      }
    }
    return goal;
  }
};

// The flag a goal's field (as core's check names it) was given by: its refusals name it.
std::string_view flag_of_goal_field(std::string_view field, GoalKind kind) {
  if (field == "goal.distance_m") return kind == GoalKind::pace ? "--goal-over" : "--goal-distance";
  if (field == "goal.seconds") return "--goal-time";
  if (field == "goal.pace_s_per_km") return "--goal-pace";
  if (field == "goal.runs_per_week") return "--goal-runs-per-week";
  if (field == "goal.cue") return "--goal-cue";
  if (field == "goal.cue_target") return "--goal-cue-target";
  return {};
}

struct StartFlags {
  std::string value;
  std::string practice;
  std::string question;
  std::string start;
  std::string end;
  std::string days;
  GoalFlags goal;
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
    const long long days =
        flags.days.empty() ? default_experiment_days : parse_whole(flags.days, "--days");
    try {
      experiment.ends_on = experiment_last_day(experiment.starts_on, days);
    } catch (const Error& error) {
      throw Error(error.code(), fmt::format("--{}", error.what()),
                  error.field());  // "--days 0 ..."
    }
  }
  experiment.goal = flags.goal.to_goal(service.units());
  const Experiment started = [&] {
    try {
      return service.start_experiment(experiment);
    } catch (const Error& error) {
      const auto flag = experiment.goal ? flag_of_goal_field(error.field(), experiment.goal->kind)
                                        : std::string_view{};
      if (flag.empty()) throw;
      throw Error(error.code(), fmt::format("{}: {}", flag, error.what()), error.field());
    }
  }();
  if (context.json) {
    print_json(*context.out, experiment_json(started));
    return;
  }
  *context.out << fmt::format(
      "Started experiment #{}: {} until {}. Tag runs with 'cairn experiment tag {} RUN_ID'.\n",
      started.id.value, visible(started.practice), format_date(started.ends_on), started.id.value);
  if (started.goal) {
    *context.out << fmt::format("Goal: {}.",
                                visible(describe_goal(*started.goal, service.units())));
    if (started.goal->kind == GoalKind::form_cue) {
      *context.out << " 'cairn log' asks you to rate it after each run (or --cue-rating N).";
    }
    *context.out << '\n';
  }
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

// A week's measure of a goal as the runner reads it: "10.50 km", "52:10", "5:12 /km", "3",
// "7.5/10".
std::string goal_figure(GoalKind kind, double figure, UnitSystem units) {
  switch (kind) {
    case GoalKind::distance:
      return format_distance(Distance::from_meters(figure), units);
    case GoalKind::time:
      return format_duration(Duration(figure));
    case GoalKind::pace:
      return format_pace(Pace::from_seconds_per_km(figure), units);
    case GoalKind::runs_per_week:
      return fmt::format("{:.0f}", figure);
    case GoalKind::form_cue:
      return fmt::format("{:.1f}/10", figure);
  }
  return {};
}

// What a week without a measure lacked.
std::string_view nothing_measured(GoalKind kind) {
  switch (kind) {
    case GoalKind::pace:
      return "no run that long";
    case GoalKind::form_cue:
      return "no rating";
    case GoalKind::distance:
    case GoalKind::time:
    case GoalKind::runs_per_week:
      return "no run";
  }
  return "no run";
}

// The goal week by week: each week's figure, a bar of it against the target (a pace's
// share is the target over the pace, so faster fills more), and met or not.
void print_progress(std::ostream& out, const insights::ExperimentCard& card, UnitSystem units) {
  if (!card.goal) return;
  const GoalKind kind = card.goal->kind;
  out << fmt::format("\nGoal: {}, met in {} of {} week(s).\n",
                     visible(describe_goal(*card.goal, units)), card.weeks_met,
                     card.progress.size());
  if (card.progress.empty()) return;
  Table table({{"week of"},
               {"days", Table::Align::right},
               {"runs", Table::Align::right},
               {kind == GoalKind::form_cue ? "rating" : "best", Table::Align::right},
               {"target"},
               {""}});
  for (const auto& week : card.progress) {
    std::string figure = "-";
    std::string bar = share_bar(0.0, 10);
    std::string status = std::string(nothing_measured(kind));
    if (week.measured) {
      figure = goal_figure(kind, *week.measured, units);
      const double share = kind == GoalKind::pace
                               ? week.target / *week.measured
                               : (week.target > 0.0 ? *week.measured / week.target : 0.0);
      bar = share_bar(share, 10);
      status = week.met ? "met" : "not met";
    }
    if (week.under_way && !week.met) status = "under way";
    table.add_row({format_date(week.week_of), std::to_string(week.days), std::to_string(week.runs),
                   figure, bar, status});
  }
  table.print(out);
}

// The result card: the experiment's runs against the weeks before it (cairn/insights), and
// its goal's progress week by week.
void print_card(std::ostream& out, const Experiment& experiment,
                const std::optional<insights::ExperimentCard>& card, UnitSystem units) {
  if (!card) {
    out << fmt::format("\nIt starts on {}: its result shows from then.\n",
                       format_date(experiment.starts_on));
    return;
  }
  out << (card->ended ? "\nResult:\n" : "\nResult so far:\n")
      << indented_block(card->text, "  ", "  ", Context::text_columns()) << '\n';
  print_progress(out, *card, units);
}

// The experiment's JSON (the export's shape) with its result card as `result`.
Json with_result(const Experiment& experiment,
                 const std::optional<insights::ExperimentCard>& card) {
  Json out = experiment_json(experiment);
  out["result"] = card ? exchange::to_json(*card) : Json(nullptr);
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
  print_experiment(*context.out, experiment, service.values(), service.units());
  print_card(*context.out, experiment, card, service.units());
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
  print_card(*context.out, ended, card, service.units());
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
  start_flags->goal.add_to(*start);
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
