// cairn inspect: what activity files hold, read without storing anything.

#include <fmt/format.h>

#include "cairn/app/inspector.hpp"
#include "cairn/exchange/json.hpp"

#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

void print_inspection(std::ostream& out, const FileInspection& inspection, UnitSystem units) {
  out << visible(inspection.path) << '\n';
  if (!inspection.error.empty()) {
    out << "  cannot be read: " << visible(inspection.error) << '\n';
    return;
  }
  out << fmt::format("  {} {} file", visible(inspection.format), visible(inspection.type));
  if (!inspection.manufacturer.empty()) {
    out << fmt::format(" from {} {}", visible(inspection.manufacturer),
                       visible(inspection.product));
  }
  if (!inspection.creator.empty()) out << " (" << visible(inspection.creator) << ")";
  out << '\n';
  if (inspection.activities.empty()) {
    out << "  no activities: " << visible(inspection.no_activity_reason) << '\n';
  }
  for (std::size_t i = 0; i < inspection.activities.size(); ++i) {
    const auto& activity = inspection.activities[i];
    out << fmt::format("  activity {}: {}{}, {} points, {} laps", i + 1,
                       activity.sport.empty() ? "unknown sport" : visible(activity.sport),
                       activity.sub_sport.empty() ? "" : "/" + visible(activity.sub_sport),
                       activity.points, activity.laps);
    if (activity.run) {
      const Run& run = *activity.run;
      out << fmt::format(", starts {} ({})", format_local(run.start),
                         zone_display_name(run.start.zone));
      if (run.distance) out << ", " << format_distance(*run.distance, units);
      if (run.elapsed) out << ", " << format_duration(*run.elapsed);
      if (run.moving) out << " (moving " << format_duration(*run.moving) << ")";
      if (const auto pace = pace_of(run)) out << ", " << format_pace(*pace, units);
      out << '\n';
      for (const auto& note : activity.notes) out << "    note: " << visible(note) << '\n';
      if (!run.review.empty()) {
        out << "    would be imported for review: " << visible(run.review) << '\n';
      }
    } else {
      out << "\n    not a run: " << visible(activity.not_a_run) << '\n';
    }
    for (const auto& field : activity.developer_fields) {
      out << fmt::format("    developer field {} ({}), {} values\n", visible(field.name),
                         visible(field.units), field.count);
    }
  }
  for (const auto& warning : inspection.warnings) out << "  warning: " << visible(warning) << '\n';
}

int run_inspect(Context& context, const std::vector<std::string>& paths) {
  // Inspect never opens the database: it works without one and writes nothing. Each file is
  // read, reported and let go before the next, so memory stays that of one file.
  const std::string zone = current_zone_name();
  bool all_read = true;
  Json out = Json::array();
  for (const auto& path : paths) {
    const auto inspection = app::inspect_file(path, zone, Context::clock().now());
    all_read = all_read && inspection.error.empty();
    if (context.json) {
      out.push_back(exchange::to_json(inspection));
    } else {
      print_inspection(*context.out, inspection, UnitSystem::metric);
    }
  }
  if (context.json) print_json(*context.out, out);
  return all_read ? 0 : 2;
}

}  // namespace

void add_inspect_command(CLI::App& root, Context& context, int& exit_status) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* command = root.add_subcommand("inspect", "Show what activity files hold, storing nothing");
  command->add_option("files", *paths, "FIT, GPX or TCX files (also .gz)")->required();
  command->callback(
      [paths, &context, &exit_status] { exit_status = run_inspect(context, *paths); });
}

}  // namespace cairn::cli
