// cairn demo: a realistic journal of several years, with effects planted on purpose, to try
// Cairn with.

#include <charconv>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "cairn/app/demo_journal.hpp"
#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct DemoFlags {
  std::string seed;
  std::string years;
  std::string runs_per_week;
  const CLI::Option* seed_option = nullptr;
  const CLI::Option* years_option = nullptr;
  const CLI::Option* runs_per_week_option = nullptr;
};

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw Error(
        Errc::invalid_input,
        fmt::format("--seed '{}' is not a whole number from 0 to {}", visible(text), UINT64_MAX),
        "seed");
  }
  return seed;
}

int parse_in_range(const std::string& text, std::string_view flag, int low, int high,
                   std::string_view field) {
  const long long value = parse_whole(text, flag);
  if (value < low || value > high) {
    throw Error(Errc::invalid_input,
                fmt::format("{} {} is out of range: expected {} to {}", flag, value, low, high),
                std::string(field));
  }
  return static_cast<int>(value);
}

// The options the flags give, checked before any database is opened or made.
demo::DemoOptions options_from(const DemoFlags& flags) {
  demo::DemoOptions options;
  if (flags.seed_option->count() > 0) options.seed = parse_seed(flags.seed);
  if (flags.years_option->count() > 0) {
    options.years =
        parse_in_range(flags.years, "--years", demo::min_years, demo::max_years, "years");
  }
  if (flags.runs_per_week_option->count() > 0) {
    options.runs_per_week =
        parse_in_range(flags.runs_per_week, "--runs-per-week", demo::min_runs_per_week,
                       demo::max_runs_per_week, "runs_per_week");
  }
  return options;
}

void print_report(Context& context, const DemoReport& report) {
  auto& out = *context.out;
  out << fmt::format("Created a demo journal in {} (seed {}, {} year{}, about {} run{} a week):\n",
                     visible(context.database_path().string()), report.seed, report.years,
                     report.years == 1 ? "" : "s", report.runs_per_week,
                     report.runs_per_week == 1 ? "" : "s");
  out << fmt::format("  {} runs from {} to {}, {} with a GPS track\n", report.runs,
                     format_date(report.first_run), format_date(report.last_run), report.tracks);
  out << fmt::format("  {} journal entries, {} check-ins, {} experiments\n", report.entries,
                     report.checkins, report.experiments);
  std::string values;
  for (const auto& value : report.values_in_force) {
    values +=
        fmt::format("{}{} {}", values.empty() ? "" : ", ", visible(value.name), value.importance);
  }
  out << fmt::format("  {} values, {} changes in their history, {} reviews; today: {}\n",
                     report.values, report.value_changes, report.reviews, values);
  out << "The effects planted in it on purpose are listed in docs/insights.md (\"Demo "
         "journal\").\n";
  out << "Try:\n  cairn insights\n  cairn runs list\n";
  if (!report.values_in_force.empty()) {
    out << fmt::format("  cairn values show {}\n",
                       visible(value_key(report.values_in_force.front())));
  }
  out << "  cairn experiment list\n";
}

void run_demo(Context& context, const DemoFlags& flags) {
  demo::DemoOptions options = options_from(flags);
  auto service = context.service();
  options.as_of = service.today();
  options.home_zone = service.zone();
  const DemoReport report = [&] {
    try {
      return app::create_demo_journal(context.store(), local_user, options);
    } catch (const Error& error) {
      if (error.code() != Errc::conflict) throw;
      throw Error(error.code(),
                  fmt::format("{} (choose a new database: cairn --db demo.db demo)", error.what()),
                  error.field());
    }
  }();
  if (context.json) {
    print_json(*context.out, exchange::to_json(report));
    return;
  }
  print_report(context, report);
}

}  // namespace

void add_demo_command(CLI::App& root, Context& context) {
  auto flags = std::make_shared<DemoFlags>();
  auto* command = root.add_subcommand(
      "demo", "Create a realistic demo journal to try Cairn with (into an empty database)");
  flags->seed_option =
      command->add_option("--seed", flags->seed, "the same seed gives the same journal (default 1)")
          ->type_name("N");
  flags->years_option =
      command
          ->add_option("--years", flags->years,
                       fmt::format("how many years back it starts, {} to {} (default 3)",
                                   demo::min_years, demo::max_years))
          ->type_name("N");
  flags->runs_per_week_option =
      command
          ->add_option("--runs-per-week", flags->runs_per_week,
                       fmt::format("the usual runs a week, {} to {} (default 4)",
                                   demo::min_runs_per_week, demo::max_runs_per_week))
          ->type_name("N");
  command->callback([flags, &context] { run_demo(context, *flags); });
}

}  // namespace cairn::cli
