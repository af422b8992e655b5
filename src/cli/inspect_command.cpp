// cairn inspect: what activity files hold, read without storing anything.

#include <fmt/format.h>

#include "cairn/app/inspector.hpp"

#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

Json activity_json(const app::InspectedActivity& activity) {
  Json out = Json::object();
  out["sport"] = activity.sport;
  out["sub_sport"] = activity.sub_sport;
  out["points"] = activity.points;
  out["laps"] = activity.laps;
  out["device"] = activity.device;
  out["is_run"] = activity.run.has_value();
  if (activity.run) {
    const Run& run = *activity.run;
    out["start"] = format_utc(run.start.utc);
    out["zone"] = run.start.zone;
    out["distance_m"] = run.distance ? Json(run.distance->meters()) : Json(nullptr);
    out["elapsed_s"] = run.elapsed ? Json(run.elapsed->count()) : Json(nullptr);
    out["moving_s"] = run.moving ? Json(run.moving->count()) : Json(nullptr);
    out["notes"] = activity.notes;
    out["review"] = run.review;
  } else {
    out["not_a_run"] = activity.not_a_run;
  }
  Json developer = Json::object();
  for (const auto& field : activity.developer_fields) {
    developer[field.name] = Json{{"units", field.units}, {"count", field.count}};
  }
  out["developer_fields"] = std::move(developer);
  return out;
}

void print_inspection(std::ostream& out, const app::FileInspection& inspection, UnitSystem units) {
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

Json inspection_json(const app::FileInspection& inspection) {
  Json item = Json::object();
  item["file"] = inspection.path;
  if (!inspection.error.empty()) {
    item["error"] = inspection.error;
    return item;
  }
  item["format"] = inspection.format;
  item["type"] = inspection.type;
  item["manufacturer"] = inspection.manufacturer;
  item["product"] = inspection.product;
  Json activities = Json::array();
  for (const auto& activity : inspection.activities) activities.push_back(activity_json(activity));
  item["activities"] = std::move(activities);
  item["warnings"] = inspection.warnings;
  return item;
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
      out.push_back(inspection_json(inspection));
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
