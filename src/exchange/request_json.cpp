// Request bodies: the export's shapes with the defaults a person leaves out filled in, then
// read by the export's own readers (json.cpp), so a field is checked in one place only.

#include "cairn/exchange/request_json.hpp"

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cairn/core/error.hpp"
#include "cairn/core/time.hpp"
#include "cairn/exchange/json.hpp"

#include "strict_json.hpp"

namespace cairn::exchange {
namespace {

using Json = nlohmann::ordered_json;

// A placeholder id for the export's readers, which require one; the new object gets its
// real id when it is stored.
constexpr std::int64_t unsaved_id = 1;

void require_object(const Json& json) {
  if (!json.is_object()) {
    throw Error(Errc::invalid_input,
                fmt::format("request body must be a JSON object, not {}", json.type_name()));
  }
}

// Sets `key` to `fallback` when the body leaves it out.
void default_member(Json& json, const char* key, Json fallback) {
  if (!json.contains(key)) json[key] = std::move(fallback);
}

// `start` given as a wall-clock time in a zone ({local, zone}) becomes the export's {utc, zone}.
void resolve_local_time(Json& json, const char* key) {
  if (!json.contains(key) || !json[key].is_object()) return;
  Json& time = json[key];
  if (time.contains("utc") || !time.contains("local")) return;
  const std::string path = fmt::format("{}.local", key);
  if (!time["local"].is_string()) {
    throw Error(Errc::invalid_input, fmt::format("{}: expected a string", path), path);
  }
  if (!time.contains("zone") || !time["zone"].is_string()) {
    const std::string zone_path = fmt::format("{}.zone", key);
    throw Error(Errc::invalid_input,
                fmt::format("{}: a local time needs the zone it is in", zone_path), zone_path);
  }
  ZonedTime zoned;
  try {
    check_zone(time["zone"].get<std::string>());
  } catch (const Error& error) {
    const std::string zone_path = fmt::format("{}.zone", key);
    throw Error(error.code(), fmt::format("{}: {}", zone_path, error.what()), zone_path);
  }
  try {
    zoned = parse_local_time(time["local"].get<std::string>(), time["zone"].get<std::string>());
  } catch (const Error& error) {
    throw Error(error.code(), fmt::format("{}: {}", path, error.what()), path);
  }
  time["utc"] = format_utc(zoned.utc);
}

Json with_placeholder_id(const Json& body) {
  require_object(body);
  refuse_member(body, "id", "ids are given by Cairn");
  Json json = body;
  json["id"] = unsaved_id;
  return json;
}

}  // namespace

Json parse_json_body(std::string_view text) {
  check_json_depth(text, max_json_depth, "request body");
  try {
    return detail::parse_without_repeated_members(text);
  } catch (const Json::exception& error) {
    std::string_view message = error.what();
    if (message.starts_with("[json.exception.")) {
      const auto end = message.find("] ");
      if (end != std::string_view::npos) message.remove_prefix(end + 2);
    }
    throw Error(Errc::invalid_input, fmt::format("request body is not valid JSON: {}", message));
  }
}

void refuse_member(const Json& json, std::string_view field, std::string_view why) {
  require_object(json);
  if (json.contains(std::string(field))) {
    throw Error(Errc::invalid_input, fmt::format("{}: {}; leave it out", field, why),
                std::string(field));
  }
}

namespace {

// What a person may leave out of each object, and so also set to null in a change.
void value_defaults(Json& json) {
  default_member(json, "description", "");
  default_member(json, "why", "");
  default_member(json, "link", "");
  default_member(json, "practices", Json::array());
  default_member(json, "active", true);
}

void run_defaults(Json& json) {
  default_member(json, "sport", "run");
  default_member(json, "title", "");
  default_member(json, "route_name", "");
  default_member(json, "notes", "");
  default_member(json, "source", "manual");
  default_member(json, "source_ref", "");
  default_member(json, "laps", Json::array());
}

void entry_defaults(Json& json) {
  default_member(json, "before", Json::object());
  default_member(json, "after", Json::object());
  default_member(json, "value_alignments", Json::array());
  default_member(json, "motive", Json::object());
  default_member(json, "context", Json::object());
  if (json["context"].is_object()) default_member(json["context"], "weather", "");
  default_member(json, "text", "");
}

}  // namespace

Value new_value_from_json(const Json& body) {
  Json json = with_placeholder_id(body);
  value_defaults(json);
  Value value = from_json<Value>(json);
  value.id = {};
  return value;
}

Run new_run_from_json(const Json& body) {
  Json json = with_placeholder_id(body);
  resolve_local_time(json, "start");
  run_defaults(json);
  Run run = from_json<Run>(json);
  run.id = {};
  return run;
}

JournalEntry new_entry_from_json(const Json& body, Timestamp now, std::string_view zone) {
  Json json = with_placeholder_id(body);
  refuse_member(body, "written_at", "the time it is written is set by Cairn");
  resolve_local_time(json, "at");
  // An entry about a run takes the run's time when it is stored; one about no run is about
  // now, in the runner's zone.
  default_member(json, "at", Json{{"utc", format_utc(now)}, {"zone", std::string(zone)}});
  json["written_at"] = format_utc(now);
  entry_defaults(json);
  JournalEntry entry = from_json<JournalEntry>(json);
  entry.id = {};
  return entry;
}

Experiment new_experiment_from_json(const Json& body) {
  Json json = with_placeholder_id(body);
  refuse_member(body, "ended_on", "an experiment ends through its end request");
  refuse_member(body, "reflection", "an experiment's reflection is written when it ends");
  refuse_member(body, "decision", "an experiment's decision is made when it ends");
  refuse_member(body, "run_ids", "runs are tagged in an experiment once it has started");
  default_member(json, "question", "");
  json["reflection"] = "";
  json["run_ids"] = Json::array();
  Experiment experiment = from_json<Experiment>(json);
  experiment.id = {};
  return experiment;
}

CheckIn new_checkin_from_json(const Json& body, Timestamp now) {
  Json json = with_placeholder_id(body);
  refuse_member(body, "written_at", "the time it is written is set by Cairn");
  json["written_at"] = format_utc(now);
  default_member(json, "areas", Json::array());
  // An area's note is optional, as the check-in's is.
  if (json["areas"].is_array()) {
    for (auto& area : json["areas"]) {
      if (area.is_object()) default_member(area, "note", "");
    }
  }
  default_member(json, "motivation", Json::object());
  default_member(json, "note", "");
  CheckIn checkin = from_json<CheckIn>(json);
  checkin.id = {};
  return checkin;
}

Review new_review_from_json(const Json& body, Timestamp now) {
  Json json = with_placeholder_id(body);
  refuse_member(body, "written_at", "the time it is written is set by Cairn");
  json["written_at"] = format_utc(now);
  default_member(json, "trigger", "");
  default_member(json, "notes", "");
  Review review = from_json<Review>(json);
  review.id = {};
  return review;
}

namespace {

// The stored object's JSON with `patch` merged in; the patch's id, when it gives one, must
// be the stored one.
Json merged(Json stored, const Json& patch, std::int64_t id) {
  require_object(patch);
  if (patch.contains("id") && patch["id"] != Json(id)) {
    throw Error(Errc::invalid_input, "id: the id of a stored object cannot change", "id");
  }
  stored.merge_patch(patch);
  return stored;
}

// A time patched as {local, zone} is a new wall-clock time: the stored instant goes.
void take_local_time(Json& json, const Json& patch, const char* key) {
  if (patch.contains(key) && patch[key].is_object() && patch[key].contains("local") &&
      !patch[key].contains("utc")) {
    json[key].erase("utc");
    resolve_local_time(json, key);
  }
}

}  // namespace

Run patched_run(const Run& stored, const Json& patch) {
  Json json = merged(to_json(stored), patch, stored.id.value);
  take_local_time(json, patch, "start");
  run_defaults(json);
  return from_json<Run>(json);
}

JournalEntry patched_entry(const JournalEntry& stored, const Json& patch, Timestamp now) {
  refuse_member(patch, "written_at", "the time it is written is set by Cairn");
  Json json = merged(to_json(stored), patch, stored.id.value);
  take_local_time(json, patch, "at");
  json["written_at"] = format_utc(now);
  entry_defaults(json);
  return from_json<JournalEntry>(json);
}

Value patched_value(const Value& stored, const Json& patch) {
  Json json = merged(to_json(stored), patch, stored.id.value);
  value_defaults(json);
  return from_json<Value>(json);
}

}  // namespace cairn::exchange
