// The JSON export and its import. Export writes every field, absent optionals as null, in a
// fixed order (ordered_json keeps insertion order), so the same data gives the same bytes.
// Import walks the document with the JSON path in hand, so each complaint says where.

#include "cairn/exchange/json.hpp"

#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cairn/core/error.hpp"
#include "cairn/exchange/exchange.hpp"

#include "optional_json.hpp"
#include "presentation.hpp"
#include "strict_json.hpp"

namespace cairn::exchange {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view format_marker = "cairn-export";

// --- export -------------------------------------------------------------------------------

using detail::optional_json;

template <class Tag>
std::int64_t id_of(Id<Tag> id) {
  return id.value;
}

double meters_of(Distance distance) { return distance.meters(); }
double seconds_of(Duration duration) { return duration.count(); }

Json zoned_json(const ZonedTime& time) {
  Json out = Json::object();
  out["utc"] = format_utc(time.utc);
  out["zone"] = time.zone;
  out["local"] = optional_json(detail::try_format_local(time));
  return out;
}

Json value_json(const Value& value) {
  Json out = Json::object();
  out["id"] = value.id.value;
  out["name"] = value.name;
  out["description"] = value.description;
  out["why"] = value.why;
  out["link"] = value.link;
  out["practices"] = value.practices;
  out["importance"] = value.importance;
  out["active"] = value.active;
  out["catalogue_key"] = optional_json(value.catalogue_key);
  return out;
}

Json value_event_json(const ValueEvent& event) {
  Json out = Json::object();
  out["id"] = event.id.value;
  out["kind"] = value_change_name(event.kind);
  out["effective_on"] = format_date(event.effective_on);
  out["recorded_at"] = format_utc(event.recorded_at);
  out["reason"] = event.reason;
  out["review_id"] = optional_json(event.review, id_of<ReviewTag>);
  out["after"] = value_json(event.after);
  return out;
}

Json review_json(const Review& review) {
  Json out = Json::object();
  out["id"] = review.id.value;
  out["on"] = format_date(review.on);
  out["written_at"] = format_utc(review.written_at);
  out["trigger"] = review.trigger;
  out["notes"] = review.notes;
  return out;
}

Json lap_json(const Lap& lap) {
  Json out = Json::object();
  out["elapsed_s"] = lap.elapsed.count();
  out["distance_m"] = optional_json(lap.distance, meters_of);
  out["avg_heart_rate_bpm"] = optional_json(lap.avg_heart_rate_bpm);
  return out;
}

Json run_json(const Run& run) {
  Json out = Json::object();
  out["id"] = run.id.value;
  out["start"] = zoned_json(run.start);
  out["sport"] = sport_name(run.sport);
  out["distance_m"] = optional_json(run.distance, meters_of);
  out["elapsed_s"] = optional_json(run.elapsed, seconds_of);
  out["moving_s"] = optional_json(run.moving, seconds_of);
  out["elevation_gain_m"] = optional_json(run.elevation_gain, meters_of);
  out["avg_heart_rate_bpm"] = optional_json(run.avg_heart_rate_bpm);
  out["max_heart_rate_bpm"] = optional_json(run.max_heart_rate_bpm);
  out["avg_cadence_spm"] = optional_json(run.avg_cadence_spm);
  out["title"] = run.title;
  out["route_name"] = run.route_name;
  out["notes"] = run.notes;
  out["source"] = run_source_name(run.source);
  out["source_ref"] = run.source_ref;
  out["review"] = run.review;
  Json laps = Json::array();
  for (const auto& lap : run.laps) laps.push_back(lap_json(lap));
  out["laps"] = std::move(laps);
  return out;
}

Json feeling_json(const Feeling& feeling) {
  Json out = Json::object();
  out["mood"] = optional_json(feeling.mood);
  out["energy"] = optional_json(feeling.energy);
  return out;
}

Json entry_json(const JournalEntry& entry) {
  Json out = Json::object();
  out["id"] = entry.id.value;
  out["run_id"] = optional_json(entry.run, id_of<RunTag>);
  out["at"] = zoned_json(entry.at);
  out["written_at"] = format_utc(entry.written_at);
  out["before"] = feeling_json(entry.before);
  out["after"] = feeling_json(entry.after);
  out["enjoyment"] = optional_json(entry.enjoyment);
  out["effort"] = optional_json(entry.effort);
  out["alignment"] = optional_json(entry.alignment);
  out["cue_rating"] = optional_json(entry.cue_rating);
  Json alignments = Json::array();
  for (const auto& alignment : entry.value_alignments) {
    Json item = Json::object();
    item["value_id"] = alignment.value.value;
    item["rating"] = alignment.rating;
    alignments.push_back(std::move(item));
  }
  out["value_alignments"] = std::move(alignments);
  Json motive = Json::object();
  motive["value_id"] = optional_json(entry.motive.value, id_of<ValueTag>);
  motive["push"] = optional_json(entry.motive.push, outside_push_name);
  out["motive"] = std::move(motive);
  Json context = Json::object();
  context["company"] = optional_json(entry.context.company, company_name);
  context["route"] = optional_json(entry.context.route, route_novelty_name);
  context["setting"] = optional_json(entry.context.setting, setting_name);
  context["audio"] = optional_json(entry.context.audio, audio_name);
  context["weather"] = entry.context.weather;
  out["context"] = std::move(context);
  out["text"] = entry.text;
  return out;
}

// Only the members of the goal's kind: a pace goal's is {kind, pace_s_per_km, distance_m}.
Json goal_json(const ExperimentGoal& goal) {
  Json out = Json::object();
  out["kind"] = goal_kind_name(goal.kind);
  if (goal.distance) out["distance_m"] = goal.distance->meters();
  if (goal.time) out["seconds"] = goal.time->count();
  if (goal.pace) out["pace_s_per_km"] = goal.pace->seconds_per_km();
  if (goal.runs_per_week) out["runs_per_week"] = *goal.runs_per_week;
  if (goal.kind == GoalKind::form_cue) {
    out["cue"] = goal.cue;
    out["cue_target"] = optional_json(goal.cue_target);
  }
  return out;
}

Json experiment_json(const Experiment& experiment) {
  Json out = Json::object();
  out["id"] = experiment.id.value;
  out["value_id"] = experiment.value.value;
  out["practice"] = experiment.practice;
  out["question"] = experiment.question;
  out["starts_on"] = format_date(experiment.starts_on);
  out["ends_on"] = format_date(experiment.ends_on);
  out["ended_on"] = optional_json(experiment.ended_on, format_date);
  out["reflection"] = experiment.reflection;
  out["decision"] = optional_json(experiment.decision, experiment_decision_name);
  Json runs = Json::array();
  for (const auto run : experiment.runs) runs.push_back(run.value);
  out["run_ids"] = std::move(runs);
  out["goal"] = optional_json(experiment.goal, goal_json);
  return out;
}

Json checkin_json(const CheckIn& checkin) {
  Json out = Json::object();
  out["id"] = checkin.id.value;
  out["on"] = format_date(checkin.on);
  out["written_at"] = format_utc(checkin.written_at);
  Json areas = Json::array();
  for (const auto& area : checkin.areas) {
    Json item = Json::object();
    item["value_id"] = area.value.value;
    item["rating"] = area.rating;
    item["note"] = area.note;
    areas.push_back(std::move(item));
  }
  out["areas"] = std::move(areas);
  Json motivation = Json::object();
  for (const auto item : motivation_items) {
    motivation[std::string(motivation_item_name(item))] = optional_json(checkin.motivation[item]);
  }
  out["motivation"] = std::move(motivation);
  out["note"] = checkin.note;
  return out;
}

Json imported_file_json(const ImportedFile& file) {
  Json out = Json::object();
  out["fingerprint"] = file.fingerprint;
  out["name"] = file.name;
  out["imported_at"] = format_utc(file.imported_at);
  out["run_count"] = file.run_count;
  return out;
}

// A track is written column by column: per run one object with an array per measurement,
// one line each, rather than an object per point. A 10,000-point run is then a handful of
// long lines instead of 90,000 short ones, the field names (with their units) appear once
// instead of once a point, and a column reads as the series it is. A missing value is null;
// a column with no value at all is null as a whole (a GPX file without a heart rate).
struct TrackColumn {
  std::string_view name;
  Json (*value)(const TrackPoint&);
};

Json measurement_json(OptionalDouble value) { return value ? Json(*value) : Json(nullptr); }

constexpr std::array<TrackColumn, 6> measurement_columns{{
    {"latitude_deg", [](const TrackPoint& p) { return measurement_json(p.latitude_deg); }},
    {"longitude_deg", [](const TrackPoint& p) { return measurement_json(p.longitude_deg); }},
    {"altitude_m", [](const TrackPoint& p) { return measurement_json(p.altitude_m); }},
    {"distance_m", [](const TrackPoint& p) { return measurement_json(p.distance_m); }},
    {"heart_rate_bpm", [](const TrackPoint& p) { return optional_json(p.heart_rate_bpm); }},
    {"cadence_spm", [](const TrackPoint& p) { return measurement_json(p.cadence_spm); }},
}};

Json track_json(RunId run, const std::vector<TrackPoint>& track) {
  Json out = Json::object();
  out["run_id"] = run.value;
  Json offsets = Json::array();
  for (const auto& point : track) offsets.push_back(point.offset.count());
  out["offset_s"] = std::move(offsets);
  for (const auto& column : measurement_columns) {
    Json values = Json::array();
    bool any = false;
    for (const auto& point : track) {
      values.push_back(column.value(point));
      any = any || !values.back().is_null();
    }
    out[std::string(column.name)] = any ? std::move(values) : Json(nullptr);
  }
  return out;
}

std::string dump(const Json& json, int indent = -1) {
  return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// The `tracks` array as the last member of the top-level object (two spaces in): each
// track's fields on a line of their own, each column's values on that one line.
std::string tracks_text(const std::map<RunId, std::vector<TrackPoint>>& tracks) {
  if (tracks.empty()) return "[]";
  std::string out = "[";
  const char* separator = "\n";
  for (const auto& [run, track] : tracks) {
    out += separator;
    out += "    {";
    const Json json = track_json(run, track);
    const char* field_separator = "\n";
    for (auto it = json.begin(); it != json.end(); ++it) {
      out += field_separator;
      out += fmt::format("      {}: {}", dump(Json(it.key())), dump(it.value()));
      field_separator = ",\n";
    }
    out += "\n    }";
    separator = ",\n";
  }
  out += "\n  ]";
  return out;
}

template <class T, class Convert>
Json array_json(const std::vector<T>& items, Convert convert) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(convert(item));
  return out;
}

// --- import -------------------------------------------------------------------------------

// What the text being read is, for messages: a whole export, or one object (a request body).
thread_local std::string_view document_read = "export JSON";

[[noreturn]] void fail(const std::string& path, std::string_view message) {
  throw Error(Errc::invalid_input,
              fmt::format("{} invalid at {}: {}", document_read,
                          path.empty() ? "the top level" : path, message),
              path);
}

std::string_view kind_of(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a fractional number";
    case Json::value_t::binary:
    case Json::value_t::discarded:
      return "something else";
  }
  return "something else";
}

[[noreturn]] void fail_expected(const std::string& path, std::string_view expected,
                                const Json& found) {
  fail(path, fmt::format("expected {}, found {}", expected, kind_of(found)));
}

// Runs `parse` (a core parser that throws Error with a good message) and puts the JSON path
// in front of its message.
template <class Parse>
auto located(const std::string& path, Parse parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const Error& error) {
    fail(path, error.what());
  }
}

std::string read_string(const Json& json, const std::string& path) {
  if (!json.is_string()) fail_expected(path, "a string", json);
  return json.get<std::string>();
}

std::int64_t read_int64(const Json& json, const std::string& path) {
  if (json.is_number_unsigned()) {
    const auto value = json.get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail(path, "integer out of range");
    }
    return static_cast<std::int64_t>(value);
  }
  if (json.is_number_integer()) return json.get<std::int64_t>();
  fail_expected(path, "an integer", json);
}

int read_int(const Json& json, const std::string& path) {
  const std::int64_t value = read_int64(json, path);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    fail(path, "integer out of range");
  }
  return static_cast<int>(value);
}

double read_double(const Json& json, const std::string& path) {
  if (!json.is_number()) fail_expected(path, "a number", json);
  const auto value = json.get<double>();
  if (!std::isfinite(value)) fail(path, "expected a finite number");
  return value;
}

bool read_bool(const Json& json, const std::string& path) {
  if (!json.is_boolean()) fail_expected(path, "true or false", json);
  return json.get<bool>();
}

Distance read_distance(const Json& json, const std::string& path) {
  return Distance::from_meters(read_double(json, path));
}

Duration read_duration(const Json& json, const std::string& path) {
  return Duration(read_double(json, path));
}

LocalDate read_date(const Json& json, const std::string& path) {
  const std::string text = read_string(json, path);
  return located(path, [&] { return parse_date(text); });
}

Timestamp read_utc(const Json& json, const std::string& path) {
  const std::string text = read_string(json, path);
  return located(path, [&] { return parse_utc(text); });
}

template <class IdType>
IdType read_id(const Json& json, const std::string& path) {
  return IdType{read_int64(json, path)};
}

// A reader of an enumeration by its stable name through the core's parser.
template <class E>
auto enum_reader(E (*parse)(std::string_view)) {
  return [parse](const Json& json, const std::string& path) {
    const std::string name = read_string(json, path);
    return located(path, [&] { return parse(name); });
  };
}

template <class Read>
auto read_array(const Json& json, const std::string& path, Read read) {
  if (!json.is_array()) fail_expected(path, "an array", json);
  std::vector<decltype(read(json, path))> out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    out.push_back(read(json[i], fmt::format("{}[{}]", path, i)));
  }
  return out;
}

// One JSON object being read: hands out its fields by name, remembers which names were
// asked for, and at the end rejects any field nobody asked for.
class Object {
 public:
  Object(const Json& json, std::string path) : json_(json), path_(std::move(path)) {
    if (!json_.is_object()) fail_expected(path_, "an object", json_);
  }

  [[nodiscard]] std::string path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
  }

  [[nodiscard]] const Json& required(std::string_view key) {
    const Json* found = find(key);
    if (found == nullptr) fail(path_of(key), "missing required field");
    return *found;
  }

  // The field, or nullptr when it is missing or null.
  [[nodiscard]] const Json* optional(std::string_view key) {
    const Json* found = find(key);
    return found == nullptr || found->is_null() ? nullptr : found;
  }

  template <class Read>
  auto get(std::string_view key, Read read) {
    return read(required(key), path_of(key));
  }

  template <class Read>
  auto get_optional(std::string_view key, Read read)
      -> std::optional<decltype(read(std::declval<const Json&>(), std::string()))> {
    const Json* found = optional(key);
    if (found == nullptr) return std::nullopt;
    return read(*found, path_of(key));
  }

  template <class Read>
  auto get_array(std::string_view key, Read read) {
    return read_array(required(key), path_of(key), read);
  }

  // Rejects the fields that were never asked for, so a misspelt field cannot vanish.
  void finish() const {
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      bool known = false;
      for (const auto name : asked_) known = known || name == it.key();
      if (!known) fail(path_of(it.key()), "unknown field");
    }
  }

 private:
  const Json* find(std::string_view key) {
    asked_.push_back(key);
    const auto found = json_.find(std::string(key));
    return found == json_.end() ? nullptr : &*found;
  }

  const Json& json_;
  std::string path_;
  std::vector<std::string_view> asked_;
};

ZonedTime read_zoned(const Json& json, const std::string& path) {
  Object object(json, path);
  ZonedTime time;
  time.utc = object.get("utc", read_utc);
  time.zone = object.get("zone", read_string);
  located(object.path_of("zone"), [&] { check_zone(time.zone); });
  // "local" is for people reading the file; the instant and zone say everything.
  static_cast<void>(object.get_optional("local", read_string));
  object.finish();
  return time;
}

Value read_value(const Json& json, const std::string& path) {
  Object object(json, path);
  Value value;
  value.id = object.get("id", read_id<ValueId>);
  value.name = object.get("name", read_string);
  value.description = object.get("description", read_string);
  value.why = object.get("why", read_string);
  value.link = object.get("link", read_string);
  value.practices = object.get_array("practices", read_string);
  value.importance = object.get("importance", read_int);
  value.active = object.get("active", read_bool);
  value.catalogue_key = object.get_optional("catalogue_key", read_string);
  object.finish();
  return value;
}

ValueEvent read_value_event(const Json& json, const std::string& path) {
  Object object(json, path);
  ValueEvent event;
  event.id = object.get("id", read_id<ValueEventId>);
  event.kind = object.get("kind", enum_reader(parse_value_change));
  event.effective_on = object.get("effective_on", read_date);
  event.recorded_at = object.get("recorded_at", read_utc);
  event.reason = object.get("reason", read_string);
  event.review = object.get_optional("review_id", read_id<ReviewId>);
  event.after = object.get("after", read_value);
  object.finish();
  return event;
}

Review read_review(const Json& json, const std::string& path) {
  Object object(json, path);
  Review review;
  review.id = object.get("id", read_id<ReviewId>);
  review.on = object.get("on", read_date);
  review.written_at = object.get("written_at", read_utc);
  review.trigger = object.get("trigger", read_string);
  review.notes = object.get("notes", read_string);
  object.finish();
  return review;
}

Lap read_lap(const Json& json, const std::string& path) {
  Object object(json, path);
  Lap lap;
  lap.elapsed = object.get("elapsed_s", read_duration);
  lap.distance = object.get_optional("distance_m", read_distance);
  lap.avg_heart_rate_bpm = object.get_optional("avg_heart_rate_bpm", read_int);
  object.finish();
  return lap;
}

Run read_run(const Json& json, const std::string& path) {
  Object object(json, path);
  Run run;
  run.id = object.get("id", read_id<RunId>);
  run.start = object.get("start", read_zoned);
  run.sport = object.get("sport", enum_reader(parse_sport));
  run.distance = object.get_optional("distance_m", read_distance);
  run.elapsed = object.get_optional("elapsed_s", read_duration);
  run.moving = object.get_optional("moving_s", read_duration);
  run.elevation_gain = object.get_optional("elevation_gain_m", read_distance);
  run.avg_heart_rate_bpm = object.get_optional("avg_heart_rate_bpm", read_int);
  run.max_heart_rate_bpm = object.get_optional("max_heart_rate_bpm", read_int);
  run.avg_cadence_spm = object.get_optional("avg_cadence_spm", read_double);
  run.title = object.get("title", read_string);
  run.route_name = object.get("route_name", read_string);
  run.notes = object.get("notes", read_string);
  run.source = object.get("source", enum_reader(parse_run_source));
  run.source_ref = object.get("source_ref", read_string);
  // Exports before the review mark have none: every run in them was taken as sure.
  run.review = object.get_optional("review", read_string).value_or("");
  run.laps = object.get_array("laps", read_lap);
  object.finish();
  return run;
}

Feeling read_feeling(const Json& json, const std::string& path) {
  Object object(json, path);
  Feeling feeling;
  feeling.mood = object.get_optional("mood", read_int);
  feeling.energy = object.get_optional("energy", read_int);
  object.finish();
  return feeling;
}

ValueAlignment read_alignment(const Json& json, const std::string& path) {
  Object object(json, path);
  ValueAlignment alignment;
  alignment.value = object.get("value_id", read_id<ValueId>);
  alignment.rating = object.get("rating", read_int);
  object.finish();
  return alignment;
}

Motive read_motive(const Json& json, const std::string& path) {
  Object object(json, path);
  Motive motive;
  motive.value = object.get_optional("value_id", read_id<ValueId>);
  motive.push = object.get_optional("push", enum_reader(parse_outside_push));
  object.finish();
  return motive;
}

RunContext read_context(const Json& json, const std::string& path) {
  Object object(json, path);
  RunContext context;
  context.company = object.get_optional("company", enum_reader(parse_company));
  context.route = object.get_optional("route", enum_reader(parse_route_novelty));
  context.setting = object.get_optional("setting", enum_reader(parse_setting));
  context.audio = object.get_optional("audio", enum_reader(parse_audio));
  context.weather = object.get("weather", read_string);
  object.finish();
  return context;
}

JournalEntry read_entry(const Json& json, const std::string& path) {
  Object object(json, path);
  JournalEntry entry;
  entry.id = object.get("id", read_id<JournalEntryId>);
  entry.run = object.get_optional("run_id", read_id<RunId>);
  entry.at = object.get("at", read_zoned);
  entry.written_at = object.get("written_at", read_utc);
  entry.before = object.get("before", read_feeling);
  entry.after = object.get("after", read_feeling);
  entry.enjoyment = object.get_optional("enjoyment", read_int);
  entry.effort = object.get_optional("effort", read_int);
  entry.alignment = object.get_optional("alignment", read_int);
  entry.cue_rating = object.get_optional("cue_rating", read_int);
  entry.value_alignments = object.get_array("value_alignments", read_alignment);
  entry.motive = object.get("motive", read_motive);
  entry.context = object.get("context", read_context);
  entry.text = object.get("text", read_string);
  object.finish();
  return entry;
}

ExperimentGoal read_goal(const Json& json, const std::string& path) {
  Object object(json, path);
  ExperimentGoal goal;
  goal.kind = object.get("kind", enum_reader(parse_goal_kind));
  goal.distance = object.get_optional("distance_m", read_distance);
  goal.time = object.get_optional("seconds", read_duration);
  if (const auto pace = object.get_optional("pace_s_per_km", read_double)) {
    goal.pace = Pace::from_seconds_per_km(*pace);
  }
  goal.runs_per_week = object.get_optional("runs_per_week", read_int);
  goal.cue = object.get_optional("cue", read_string).value_or("");
  goal.cue_target = object.get_optional("cue_target", read_int);
  object.finish();
  return goal;
}

Experiment read_experiment(const Json& json, const std::string& path) {
  Object object(json, path);
  Experiment experiment;
  experiment.id = object.get("id", read_id<ExperimentId>);
  experiment.value = object.get("value_id", read_id<ValueId>);
  experiment.practice = object.get("practice", read_string);
  experiment.question = object.get("question", read_string);
  experiment.starts_on = object.get("starts_on", read_date);
  experiment.ends_on = object.get("ends_on", read_date);
  experiment.ended_on = object.get_optional("ended_on", read_date);
  experiment.reflection = object.get("reflection", read_string);
  experiment.decision = object.get_optional("decision", enum_reader(parse_experiment_decision));
  experiment.runs = object.get_array("run_ids", read_id<RunId>);
  experiment.goal = object.get_optional("goal", read_goal);
  object.finish();
  return experiment;
}

LifeAreaRating read_area(const Json& json, const std::string& path) {
  Object object(json, path);
  LifeAreaRating area;
  area.value = object.get("value_id", read_id<ValueId>);
  area.rating = object.get("rating", read_int);
  area.note = object.get("note", read_string);
  object.finish();
  return area;
}

MotivationQuality read_motivation(const Json& json, const std::string& path) {
  Object object(json, path);
  MotivationQuality quality;
  for (const auto item : motivation_items) {
    quality[item] = object.get_optional(motivation_item_name(item), read_int);
  }
  object.finish();
  return quality;
}

CheckIn read_checkin(const Json& json, const std::string& path) {
  Object object(json, path);
  CheckIn checkin;
  checkin.id = object.get("id", read_id<CheckInId>);
  checkin.on = object.get("on", read_date);
  checkin.written_at = object.get("written_at", read_utc);
  checkin.areas = object.get_array("areas", read_area);
  checkin.motivation = object.get("motivation", read_motivation);
  checkin.note = object.get("note", read_string);
  object.finish();
  return checkin;
}

ImportedFile read_imported_file(const Json& json, const std::string& path) {
  Object object(json, path);
  ImportedFile file;
  file.fingerprint = object.get("fingerprint", read_string);
  if (file.fingerprint.empty()) fail(object.path_of("fingerprint"), "empty fingerprint");
  file.name = object.get("name", read_string);
  file.imported_at = object.get("imported_at", read_utc);
  file.run_count = object.get("run_count", read_int);
  if (file.run_count < 0) {
    fail(object.path_of("run_count"),
         fmt::format("expected 0 or more runs, found {}", file.run_count));
  }
  object.finish();
  return file;
}

std::vector<ImportedFile> read_imported_files(const Json& json, const std::string& path) {
  auto files = read_array(json, path, read_imported_file);
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!seen.insert(files[i].fingerprint).second) {
      fail(fmt::format("{}[{}].fingerprint", path, i),
           fmt::format("file '{}' is listed twice", files[i].fingerprint));
    }
  }
  return files;
}

// The values a track's column may hold: wide enough for anything a reader keeps (FIT's
// semicircles give latitudes up to 180 degrees too, its times offsets of 4e9 s, its
// altitudes 8.6e8 m), narrow enough that the store's fixed-point encoding of the track
// (core/track_codec: 1 ms, 1e-7 degree, 1 cm) cannot overflow.
struct ColumnRange {
  double min;
  double max;
};
constexpr ColumnRange offset_range{-1e12, 1e12};
constexpr ColumnRange degree_range{-180.0, 180.0};
constexpr ColumnRange altitude_range{-1e9, 1e9};
constexpr ColumnRange distance_range{0.0, 1e12};
constexpr ColumnRange heart_rate_range{0.0, 1000.0};
constexpr ColumnRange cadence_range{0.0, 1e6};

double read_in_range(const Json& json, const std::string& path, ColumnRange range,
                     std::string_view expected) {
  if (!json.is_number()) fail_expected(path, expected, json);
  const auto value = json.get<double>();
  if (!(value >= range.min && value <= range.max)) {
    fail(path, fmt::format("{} is out of range ({} to {})", value, range.min, range.max));
  }
  return value;
}

// One measurement column of a track: absent or null when the track has none of it, else
// one number or null per point.
template <class Assign>
void read_column(Object& track, std::string_view key, std::vector<TrackPoint>& points,
                 ColumnRange range, Assign assign) {
  const Json* column = track.optional(key);
  if (column == nullptr) return;
  const std::string path = track.path_of(key);
  if (!column->is_array()) fail_expected(path, "an array or null", *column);
  if (column->size() != points.size()) {
    fail(path, fmt::format("{} values for {} points: every column needs one value (or null) "
                           "per offset_s",
                           column->size(), points.size()));
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Json& item = (*column)[i];
    if (item.is_null()) continue;
    const std::string item_path = fmt::format("{}[{}]", path, i);
    assign(points[i], read_in_range(item, item_path, range, "a number or null"), item_path);
  }
}

std::pair<RunId, std::vector<TrackPoint>> read_track(const Json& json, const std::string& path) {
  Object object(json, path);
  const auto run = object.get("run_id", read_id<RunId>);
  const auto offsets = object.get_array("offset_s", [](const Json& item, const std::string& at) {
    return read_in_range(item, at, offset_range, "a number");
  });
  if (offsets.empty()) fail(object.path_of("offset_s"), "a track needs at least one point");
  std::vector<TrackPoint> points(offsets.size());
  for (std::size_t i = 0; i < offsets.size(); ++i) points[i].offset = Duration(offsets[i]);
  const auto measurement = [](OptionalDouble TrackPoint::*field) {
    return [field](TrackPoint& point, double value, const std::string&) { point.*field = value; };
  };
  read_column(object, "latitude_deg", points, degree_range, measurement(&TrackPoint::latitude_deg));
  read_column(object, "longitude_deg", points, degree_range,
              measurement(&TrackPoint::longitude_deg));
  read_column(object, "altitude_m", points, altitude_range, measurement(&TrackPoint::altitude_m));
  read_column(object, "distance_m", points, distance_range, measurement(&TrackPoint::distance_m));
  read_column(object, "heart_rate_bpm", points, heart_rate_range,
              [](TrackPoint& point, double value, const std::string& at) {
                if (value != std::floor(value)) fail_expected(at, "an integer or null", value);
                point.heart_rate_bpm = static_cast<int>(value);
              });
  read_column(object, "cadence_spm", points, cadence_range, measurement(&TrackPoint::cadence_spm));
  object.finish();
  return {run, std::move(points)};
}

// The tracks, each of a run in `runs` and no run twice.
std::map<RunId, std::vector<TrackPoint>> read_tracks(const Json& json, const std::string& path,
                                                     const std::vector<Run>& runs) {
  if (!json.is_array()) fail_expected(path, "an array", json);
  std::set<RunId> run_ids;
  for (const auto& run : runs) run_ids.insert(run.id);
  std::map<RunId, std::vector<TrackPoint>> tracks;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const std::string item_path = fmt::format("{}[{}]", path, i);
    auto [run, points] = read_track(json[i], item_path);
    if (!run_ids.contains(run)) {
      fail(item_path + ".run_id", fmt::format("run {} is not among the export's runs", run.value));
    }
    if (!tracks.emplace(run, std::move(points)).second) {
      fail(item_path + ".run_id", fmt::format("a second track for run {}", run.value));
    }
  }
  return tracks;
}

std::map<std::string, std::string> read_settings(const Json& json, const std::string& path) {
  if (!json.is_object()) fail_expected(path, "an object", json);
  std::map<std::string, std::string> settings;
  for (auto it = json.begin(); it != json.end(); ++it) {
    settings[it.key()] = read_string(it.value(), fmt::format("{}.{}", path, it.key()));
  }
  return settings;
}

// Checks the marker and version before anything else, so a file that is not an export, or
// one from a newer Cairn, is told as such rather than by its first unfamiliar field.
// Returns the version.
std::int64_t check_format(Object& root) {
  const Json* marker = root.optional("format");
  if (marker == nullptr || !marker->is_string()) {
    throw Error(Errc::invalid_input,
                fmt::format(R"(not a Cairn export: expected "format": "{}" at the top level)",
                            format_marker));
  }
  if (marker->get<std::string>() != format_marker) {
    throw Error(Errc::invalid_input,
                fmt::format(R"(not a Cairn export: format is "{}", expected "{}")",
                            marker->get<std::string>(), format_marker));
  }
  const std::int64_t version = root.get("format_version", read_int64);
  if (version > export_format_version) {
    throw Error(Errc::unsupported,
                fmt::format("unsupported export format_version {}: this Cairn reads up to {}; "
                            "update Cairn to import it",
                            version, export_format_version));
  }
  if (version < 1) fail("format_version", fmt::format("unknown version {}", version));
  return version;
}

// "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
std::string_view without_nlohmann_prefix(std::string_view message) {
  if (message.starts_with("[json.exception.")) {
    const auto end = message.find("] ");
    if (end != std::string_view::npos) message.remove_prefix(end + 2);
  }
  return message;
}

// Reads one object with `read` (an entity reader above), naming it "JSON" in messages.
template <class Read>
auto read_one(const Json& json, Read read) {
  const std::string_view before = document_read;
  document_read = "JSON";
  try {
    auto result = read(json, "");
    document_read = before;
    return result;
  } catch (...) {
    document_read = before;
    throw;
  }
}

JournalData read_journal(const Json& json) {
  Object root(json, "");
  const std::int64_t version = check_format(root);
  JournalData data;
  data.settings = root.get("settings", read_settings);
  data.values = root.get_array("values", read_value);
  data.value_history = root.get_array("value_history", read_value_event);
  data.reviews = root.get_array("reviews", read_review);
  data.runs = root.get_array("runs", read_run);
  data.entries = root.get_array("entries", read_entry);
  data.experiments = root.get_array("experiments", read_experiment);
  data.checkins = root.get_array("checkins", read_checkin);
  // Version 1 had neither imported files nor tracks; such a file restores without them.
  if (version >= 2) {
    data.imported_files = root.get("imported_files", read_imported_files);
    data.tracks = read_tracks(root.required("tracks"), "tracks", data.runs);
  }
  root.finish();
  return data;
}

}  // namespace

Json to_json(const Value& value) { return value_json(value); }
Json to_json(const ValueEvent& event) { return value_event_json(event); }
Json to_json(const Review& review) { return review_json(review); }
Json to_json(const Run& run) { return run_json(run); }
Json to_json(const JournalEntry& entry) { return entry_json(entry); }
Json to_json(const Experiment& experiment) { return experiment_json(experiment); }

Json to_json(const ExperimentGoal& goal) { return goal_json(goal); }
Json to_json(const CheckIn& checkin) { return checkin_json(checkin); }
Json to_json(RunId run, const std::vector<TrackPoint>& track) { return track_json(run, track); }

Json to_json(const Split& split) {
  Json out = Json::object();
  out["number"] = split.number;
  out["distance_m"] = split.distance.meters();
  out["elapsed_s"] = split.elapsed.count();
  out["pace_s_per_km"] = split.pace ? Json(split.pace->seconds_per_km()) : Json(nullptr);
  out["avg_heart_rate_bpm"] = optional_json(split.avg_heart_rate_bpm);
  return out;
}

std::string export_json(const JournalData& data) {
  Json root = Json::object();
  root["format"] = format_marker;
  root["format_version"] = export_format_version;
  Json settings = Json::object();
  for (const auto& [key, value] : data.settings) settings[key] = value;
  root["settings"] = std::move(settings);
  root["values"] = array_json(data.values, value_json);
  root["value_history"] = array_json(data.value_history, value_event_json);
  root["reviews"] = array_json(data.reviews, review_json);
  root["runs"] = array_json(data.runs, run_json);
  root["entries"] = array_json(data.entries, entry_json);
  root["experiments"] = array_json(data.experiments, experiment_json);
  root["checkins"] = array_json(data.checkins, checkin_json);
  root["imported_files"] = array_json(data.imported_files, imported_file_json);
  // Text that is not UTF-8 (a device's Latin-1 notes, say) becomes U+FFFD: a backup that
  // fails over one odd byte would be worse.
  std::string out = dump(root, 2);
  // The tracks go last, laid out by hand (see tracks_text): dump(2) would put every number
  // on a line of its own. The document so far ends in "\n}", which the tracks continue.
  assert(out.ends_with("\n}") && "a non-empty object dumps with its closing brace last");
  out.resize(out.size() - 2);
  out += ",\n  \"tracks\": ";
  out += tracks_text(data.tracks);
  out += "\n}\n";
  return out;
}

template <>
Value from_json<Value>(const Json& json) {
  return read_one(json, read_value);
}
template <>
ValueEvent from_json<ValueEvent>(const Json& json) {
  return read_one(json, read_value_event);
}
template <>
Review from_json<Review>(const Json& json) {
  return read_one(json, read_review);
}
template <>
Run from_json<Run>(const Json& json) {
  return read_one(json, read_run);
}
template <>
JournalEntry from_json<JournalEntry>(const Json& json) {
  return read_one(json, read_entry);
}
template <>
Experiment from_json<Experiment>(const Json& json) {
  return read_one(json, read_experiment);
}
template <>
CheckIn from_json<CheckIn>(const Json& json) {
  return read_one(json, read_checkin);
}

Json to_json(const Error& error) {
  Json out{{"error", error.what()}, {"kind", errc_name(error.code())}};
  if (!error.field().empty()) out["field"] = error.field();
  return out;
}

void check_export_start(std::string_view head) {
  std::string_view text = head;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') {
    throw Error(Errc::invalid_input, "not a Cairn export: it does not start with a JSON object");
  }
  if (const auto zero = head.find('\0'); zero != std::string_view::npos) {
    throw Error(Errc::invalid_input,
                fmt::format("not a Cairn export: a zero byte at byte {}, so not text", zero));
  }
}

void check_json_depth(std::string_view text, std::size_t max_depth, std::string_view what) {
  // One pass over the bytes, counting brackets outside strings: linear time, no memory, and
  // exact about where. Whether the text is JSON at all is the parser's business afterwards.
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        throw Error(Errc::invalid_input,
                    fmt::format("{} nested deeper than {} levels at byte {}", what, max_depth, i));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

JournalData import_json(std::string_view text) {
  // nlohmann's parser builds and destroys nested values recursively: a few hundred
  // kilobytes of brackets would overflow the stack. The export nests 5 levels deep.
  check_json_depth(text, max_json_depth, "export JSON");
  Json json;
  try {
    json = detail::parse_without_repeated_members(text);
  } catch (const Json::exception& error) {  // a parse_error, or out_of_range for 1e999
    throw Error(Errc::invalid_input,
                fmt::format("export is not valid JSON: {}", without_nlohmann_prefix(error.what())));
  } catch (const Error& error) {  // a member given twice (a hand-edited export)
    throw Error(error.code(), fmt::format("export JSON: {}", error.what()), error.field());
  }
  try {
    return read_journal(json);
  } catch (const Json::exception& error) {
    // The readers check types before every access, so this is a safety net only.
    throw Error(Errc::invalid_input,
                fmt::format("export JSON invalid: {}", without_nlohmann_prefix(error.what())));
  }
}

}  // namespace cairn::exchange
