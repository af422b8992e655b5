// The JSON shapes of what Cairn reports rather than stores: an import's report, a file's
// inspection, the value catalogue, a run with its entry, a demo journal.

#include <nlohmann/json.hpp>

#include "cairn/core/time.hpp"
#include "cairn/exchange/json.hpp"

#include "optional_json.hpp"

namespace cairn::exchange {
namespace {

using Json = nlohmann::ordered_json;
using detail::optional_json;

Json activity_json(const InspectedActivity& activity) {
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
    out["distance_m"] = optional_json(run.distance, [](Distance d) { return d.meters(); });
    out["elapsed_s"] = optional_json(run.elapsed, [](Duration d) { return d.count(); });
    out["moving_s"] = optional_json(run.moving, [](Duration d) { return d.count(); });
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

}  // namespace

Json to_json(const Run& run, const JournalEntry* entry) {
  Json out = Json::object();
  out["run"] = to_json(run);
  out["entry"] = entry != nullptr ? to_json(*entry) : Json(nullptr);
  return out;
}

Json to_json(const CatalogueValue& value) {
  Json out = Json::object();
  out["key"] = value.key;
  out["name"] = value.name;
  out["description"] = value.description;
  out["link"] = value.link;
  out["practice"] = value.practice;
  return out;
}

Json to_json(const FileReport& report) {
  Json out = Json::object();
  out["file"] = report.name;
  out["outcome"] = import_outcome_name(report.outcome);
  out["reason"] = report.reason;
  Json runs = Json::array();
  for (const auto id : report.runs) runs.push_back(id.value);
  out["run_ids"] = std::move(runs);
  Json merged = Json::array();
  for (const auto id : report.merged) merged.push_back(id.value);
  out["merged_run_ids"] = std::move(merged);
  out["left_out"] = report.left_out;
  out["review"] = report.review;
  out["warnings"] = report.warnings;
  return out;
}

Json to_json(const ImportSummary& summary) {
  Json out = Json::object();
  for (const auto outcome : {ImportOutcome::imported, ImportOutcome::already_there,
                             ImportOutcome::skipped, ImportOutcome::failed}) {
    out[std::string(import_outcome_name(outcome))] = summary.count(outcome);
  }
  Json files = Json::array();
  for (const auto& report : summary.files) files.push_back(to_json(report));
  out["files"] = std::move(files);
  return out;
}

Json to_json(const DemoReport& report) {
  Json out = Json::object();
  out["seed"] = report.seed;
  out["years"] = report.years;
  out["runs_per_week"] = report.runs_per_week;
  out["as_of"] = format_date(report.as_of);
  out["first_run"] = format_date(report.first_run);
  out["last_run"] = format_date(report.last_run);
  out["values"] = report.values;
  out["value_changes"] = report.value_changes;
  out["reviews"] = report.reviews;
  out["runs"] = report.runs;
  out["tracks"] = report.tracks;
  out["track_points"] = report.track_points;
  out["entries"] = report.entries;
  out["experiments"] = report.experiments;
  out["checkins"] = report.checkins;
  out["imported_files"] = report.imported_files;
  Json values = Json::array();
  for (const auto& value : report.values_in_force) values.push_back(to_json(value));
  out["values_in_force"] = std::move(values);
  return out;
}

Json to_json(const FileInspection& inspection) {
  Json out = Json::object();
  out["file"] = inspection.path;
  if (!inspection.error.empty()) {
    out["error"] = inspection.error;
    return out;
  }
  out["format"] = inspection.format;
  out["type"] = inspection.type;
  out["manufacturer"] = inspection.manufacturer;
  out["product"] = inspection.product;
  Json activities = Json::array();
  for (const auto& activity : inspection.activities) activities.push_back(activity_json(activity));
  out["activities"] = std::move(activities);
  out["warnings"] = inspection.warnings;
  return out;
}

}  // namespace cairn::exchange
