// cairn insights: what the journal says, with small terminal charts; --json for tools and
// --as-of DATE for the insights as they stood on a date.

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"

#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

using insights::Insights;

// One character per number, its height the number's place between the smallest and the
// largest: a week's volume or enjoyment at a glance.
std::string sparkline(const std::vector<double>& values) {
  static constexpr std::array<std::string_view, 8> bars{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  if (values.empty()) return {};
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  std::string out;
  for (const double value : values) {
    const double share = *high > *low ? (value - *low) / (*high - *low) : 0.5;
    out += bars[static_cast<std::size_t>(std::lround(share * 7.0))];
  }
  return out;
}

// A best effort's distance as a runner says it: "5 km", "a half marathon".
std::string_view effort_words(std::string_view name) {
  if (name == "5k") return "5 km";
  if (name == "10k") return "10 km";
  if (name == "half_marathon") return "a half marathon";
  if (name == "marathon") return "a marathon";
  return name;
}

// "1 run", "3 runs".
std::string counted(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

void heading(std::ostream& out, std::string_view title) { out << '\n' << title << '\n'; }

// A sentence of a section, indented and wrapped to the terminal.
void paragraph(std::ostream& out, std::string_view text) {
  out << indented_block(text, "  ", "    ", Context::text_columns()) << '\n';
}

void print_effects(std::ostream& out, const Insights& insights) {
  heading(out, "What went with better or worse runs");
  std::size_t claimed = 0;
  for (const auto& item : insights.value_effects) {
    if (!item.effect.claim) continue;
    out << indented_block(item.text, "  * ", "    ", Context::text_columns()) << '\n';
    ++claimed;
  }
  for (const auto& item : insights.context_effects) {
    if (!item.effect.claim) continue;
    out << indented_block(item.text, "  * ", "    ", Context::text_columns()) << '\n';
    ++claimed;
  }
  if (claimed == 0) {
    out << "  Nothing stands out from chance yet.\n";
  }
  // What more data would let Cairn weigh: per value, the runs still needed for enjoyment.
  for (const auto& item : insights.value_effects) {
    if (item.effect.outcome != insights::Outcome::enjoyment) continue;
    if (item.effect.runs_needed_a == 0 && item.effect.runs_needed_b == 0) continue;
    out << indented_block(item.text, "  - ", "    ", Context::text_columns()) << '\n';
  }
}

void print_volume(std::ostream& out, const insights::Volume& volume, UnitSystem units) {
  heading(out, "Miles and minutes");
  if (volume.total_runs == 0) {
    out << "  No runs yet.\n";
    return;
  }
  constexpr std::size_t shown = 12;
  const std::size_t first = volume.weeks.size() > shown ? volume.weeks.size() - shown : 0;
  std::vector<double> distances;
  std::vector<double> runs;
  double recent_distance = 0.0;
  for (std::size_t i = first; i < volume.weeks.size(); ++i) {
    distances.push_back(volume.weeks[i].distance_m);
    runs.push_back(static_cast<double>(volume.weeks[i].runs));
    recent_distance += volume.weeks[i].distance_m;
  }
  const std::size_t weeks = volume.weeks.size() - first;
  out << fmt::format("  Weekly distance, last {}: {}  (average {} a week, this week {})\n",
                     counted(weeks, "week"), sparkline(distances),
                     format_distance(Distance::from_meters(recent_distance / double(weeks)), units),
                     format_distance(Distance::from_meters(volume.weeks.back().distance_m), units));
  out << fmt::format("  Runs per week:                {}  (this week {})\n", sparkline(runs),
                     volume.weeks.back().runs);
  out << fmt::format("  In all: {}, {}, {}.\n", counted(volume.total_runs, "run"),
                     format_distance(Distance::from_meters(volume.total_distance_m), units),
                     format_duration(Duration(volume.total_seconds)));
  out << fmt::format("  Weeks in a row with a run: {} now, {} at most", volume.current_streak_weeks,
                     volume.longest_streak_weeks);
  if (volume.longest_gap_days)
    out << fmt::format("; longest gap {} days", *volume.longest_gap_days);
  out << ".\n";
  if (const auto& trend = volume.pace_trend; trend && trend->claim) {
    out << fmt::format(
        "  Pace over the last half-year: {} {:.1f} s/km a week (90% interval {:.1f} "
        "to {:.1f}).\n",
        trend->slope_per_week < 0 ? "faster by" : "slower by", std::abs(trend->slope_per_week),
        trend->interval->low, trend->interval->high);
  }
  if (const auto& trend = volume.heart_rate_trend; trend && trend->claim) {
    out << fmt::format(
        "  Heart rate over the last half-year: {:+.1f} bpm a week (90% interval {:+.1f} to "
        "{:+.1f}).\n",
        trend->slope_per_week, trend->interval->low, trend->interval->high);
  }
  for (const auto& [name, mark] : volume.best_efforts) {
    out << fmt::format("  Fastest run of {} or more: run #{} on {}, {}\n", effort_words(name),
                       mark.run.value, format_date(mark.on),
                       format_pace(Pace::from_seconds_per_km(*mark.pace_s_per_km), units));
  }
  if (!volume.longest_runs.empty()) {
    const auto& longest = volume.longest_runs.front();
    out << fmt::format("  Longest run: run #{} on {}, {}\n", longest.run.value,
                       format_date(longest.on),
                       format_distance(Distance::from_meters(longest.distance_m), units));
  }
}

void print_insights(std::ostream& out, const Insights& insights, UnitSystem units) {
  out << fmt::format(
      "Insights as of {}: {}; {} weighed together, claims held to a {:.0f}% "
      "false discovery rate, each with at least {} runs a side.\n",
      format_date(insights.as_of), counted(insights.runs_considered, "run"),
      counted(insights.comparisons_tested, "comparison"), insights::false_discovery_rate * 100.0,
      insights::min_runs_per_group);
  if (!insights.prompts.empty()) {
    heading(out, "Worth a look at your values");
    for (const auto& prompt : insights.prompts) {
      out << indented_block(prompt.text, "  ! ", "    ", Context::text_columns()) << '\n';
    }
    out << "  (cairn review records what you decide.)\n";
  }
  print_effects(out, insights);

  heading(out, "Importance and what you lived, last eight weeks");
  if (insights.importance_vs_lived.empty()) out << "  No values held on this date.\n";
  for (const auto& item : insights.importance_vs_lived) paragraph(out, item.text);

  heading(out, "Motivation");
  paragraph(out, insights.motivation.text);
  for (std::size_t i = 1; i < insights.motivation.warnings.size(); ++i) {
    paragraph(out, insights.motivation.warnings[i]);
  }
  heading(out, "Mood");
  paragraph(out, insights.mood_lift.text);

  if (!insights.routes.empty()) {
    heading(out, "Routes you come back to");
    for (const auto& route : insights.routes) paragraph(out, route.text);
  }

  if (!insights.experiments.empty()) {
    heading(out, "Experiments");
    for (const auto& card : insights.experiments) {
      out << indented_block(card.text, "  ", "    ", Context::text_columns()) << '\n';
    }
  }
  print_volume(out, insights.volume, units);
}

void run_insights(Context& context, const std::string& as_of) {
  auto service = context.service(Access::read);
  std::optional<LocalDate> day;
  if (!as_of.empty()) {
    try {
      day = parse_date(as_of);
    } catch (const Error& error) {
      throw Error(error.code(), fmt::format("--as-of: {}", error.what()), "as_of");
    }
  }
  const auto insights = service.insights(day);
  if (context.json) {
    print_json(*context.out, exchange::to_json(insights));
    return;
  }
  print_insights(*context.out, insights, service.units());
}

}  // namespace

void add_insights_command(CLI::App& root, Context& context) {
  auto as_of = std::make_shared<std::string>();
  auto* command = root.add_subcommand(
      "insights", "What your journal says: values, circumstances, motivation, volume");
  auto* as_of_option =
      command->add_option("--as-of", *as_of, "the insights as they stood on a date, YYYY-MM-DD");
  command->callback([as_of, as_of_option, &context] {
    // "--as-of ''" (an empty variable in a script) is a mistake, not "today".
    if (as_of_option->count() > 0 && as_of->empty()) {
      throw Error(Errc::invalid_input, "--as-of: expected a date, YYYY-MM-DD, and got nothing",
                  "as_of");
    }
    run_insights(context, *as_of);
  });
}

}  // namespace cairn::cli
