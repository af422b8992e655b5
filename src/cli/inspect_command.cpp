// cairn inspect: what activity files hold, read without storing anything.

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "cairn/app/file_bytes.hpp"
#include "cairn/app/importer.hpp"
#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"

#include "commands.hpp"
#include "json_output.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct Inspection {
  std::string path;
  std::optional<formats::FileContent> content;
  std::string error;
};

formats::ActivityOutcome outcome_of(const formats::Activity& activity, const std::string& zone) {
  const auto where = app::zone_of_activity(activity, zone);
  return formats::make_outcome(
      activity, {.zone = where.zone, .zone_from_position = where.from_position, .now = now()});
}

Json activity_json(const formats::Activity& activity, const std::string& zone) {
  Json out = Json::object();
  out["sport"] = activity.session.sport;
  out["sub_sport"] = activity.session.sub_sport;
  out["points"] = activity.samples.size();
  out["laps"] = activity.laps.size();
  out["device"] = fmt::format("{} {}", activity.device_manufacturer, activity.device_product);
  const auto outcome = outcome_of(activity, zone);
  out["is_run"] = outcome.draft.has_value();
  if (outcome.draft) {
    const Run& run = outcome.draft->run;
    out["start"] = format_utc(run.start.utc);
    out["zone"] = run.start.zone;
    out["distance_m"] = run.distance ? Json(run.distance->meters()) : Json(nullptr);
    out["elapsed_s"] = run.elapsed ? Json(run.elapsed->count()) : Json(nullptr);
    out["moving_s"] = run.moving ? Json(run.moving->count()) : Json(nullptr);
    out["notes"] = outcome.draft->notes;
    out["review"] = outcome.draft->run.review;
  } else {
    out["not_a_run"] = outcome.skipped_because;
  }
  Json developer = Json::object();
  for (const auto& [name, series] : activity.developer_fields) {
    developer[name] = Json{{"units", series.units}, {"count", series.count}};
  }
  out["developer_fields"] = std::move(developer);
  return out;
}

void print_inspection(std::ostream& out, const Inspection& inspection, const std::string& zone,
                      UnitSystem units) {
  out << visible(inspection.path) << '\n';
  if (!inspection.content) {
    out << "  cannot be read: " << visible(inspection.error) << '\n';
    return;
  }
  const auto& content = *inspection.content;
  out << fmt::format("  {} {} file", visible(content.file.format), visible(content.file.type));
  if (!content.file.manufacturer.empty()) {
    out << fmt::format(" from {} {}", visible(content.file.manufacturer),
                       visible(content.file.product));
  }
  if (!content.file.creator.empty()) out << " (" << visible(content.file.creator) << ")";
  out << '\n';
  if (content.activities.empty()) {
    out << "  no activities: " << visible(formats::no_activity_reason(content.file)) << '\n';
  }
  for (std::size_t i = 0; i < content.activities.size(); ++i) {
    const auto& activity = content.activities[i];
    out << fmt::format(
        "  activity {}: {}{}, {} points, {} laps", i + 1,
        activity.session.sport.empty() ? "unknown sport" : visible(activity.session.sport),
        activity.session.sub_sport.empty() ? "" : "/" + visible(activity.session.sub_sport),
        activity.samples.size(), activity.laps.size());
    const auto outcome = outcome_of(activity, zone);
    if (outcome.draft) {
      const Run& run = outcome.draft->run;
      out << fmt::format(", starts {} ({})", format_local(run.start),
                         zone_display_name(run.start.zone));
      if (run.distance) out << ", " << format_distance(*run.distance, units);
      if (run.elapsed) out << ", " << format_duration(*run.elapsed);
      if (run.moving) out << " (moving " << format_duration(*run.moving) << ")";
      if (const auto pace = pace_of(run)) out << ", " << format_pace(*pace, units);
      out << '\n';
      for (const auto& note : outcome.draft->notes) out << "    note: " << visible(note) << '\n';
      if (!outcome.draft->run.review.empty()) {
        out << "    would be imported for review: " << visible(outcome.draft->run.review) << '\n';
      }
    } else {
      out << "\n    not a run: " << visible(outcome.skipped_because) << '\n';
    }
    for (const auto& [name, series] : activity.developer_fields) {
      out << fmt::format("    developer field {} ({}), {} values\n", visible(name),
                         visible(series.units), series.count);
    }
  }
  for (const auto& warning : content.warnings) out << "  warning: " << visible(warning) << '\n';
}

Json inspection_json(const Inspection& inspection, const std::string& zone) {
  Json item = Json::object();
  item["file"] = inspection.path;
  if (!inspection.content) {
    item["error"] = inspection.error;
    return item;
  }
  const auto& content = *inspection.content;
  item["format"] = content.file.format;
  item["type"] = content.file.type;
  item["manufacturer"] = content.file.manufacturer;
  item["product"] = content.file.product;
  Json activities = Json::array();
  for (const auto& activity : content.activities)
    activities.push_back(activity_json(activity, zone));
  item["activities"] = std::move(activities);
  item["warnings"] = content.warnings;
  return item;
}

int run_inspect(Context& context, const std::vector<std::string>& paths) {
  // Inspect never opens the database: it works without one and writes nothing. Each file is
  // read, reported and let go before the next, so memory stays that of one file.
  const std::string zone = current_zone_name();
  bool all_read = true;
  Json out = Json::array();
  for (const auto& path : paths) {
    Inspection inspection{.path = path, .content = std::nullopt, .error = ""};
    try {
      const formats::ReadLimits limits;
      inspection.content =
          formats::read_activity_file(app::read_file_bytes(path, limits.max_bytes), limits);
    } catch (const Error& error) {
      inspection.error = error.what();
      all_read = false;
    }
    if (context.json) {
      out.push_back(inspection_json(inspection, zone));
    } else {
      print_inspection(*context.out, inspection, zone, UnitSystem::metric);
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
