// Values: listed, added, changed from a date, ranked, retired, restored, dated back, and
// their history. A value in a path is its id, key or name (the app's value_named).

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/value.hpp"
#include "cairn/exchange/json.hpp"
#include "cairn/exchange/request_json.hpp"

#include "call.hpp"

namespace cairn::api {
namespace {

// The note of a change: `effective_on` (today unless given) and `reason` of the body, which
// are taken out of it.
ValueChangeNote take_note(Json& body, const app::JournalService& service) {
  ValueChangeNote note{.effective_on = date_member(body, "effective_on").value_or(service.today()),
                       .reason = string_member(body, "reason").value_or("")};
  body.erase("effective_on");
  body.erase("reason");
  return note;
}

// A value begun from the catalogue, as `cairn values add clear_mind` begins it: the body's
// `catalogue_key` starts the value with that entry's name, description, link and practice;
// what else the body gives is the runner's own and wins. (A `name` alone is the runner's
// own, even one the catalogue has: an app sends the key when it means the entry.)
Json started_from_catalogue(const Json& body) {
  if (!body.contains("catalogue_key") || body["catalogue_key"].is_null()) {
    if (!body.contains("name")) {
      throw Error(Errc::invalid_input,
                  "name: missing required field (or a catalogue_key, to start from the catalogue)",
                  "name");
    }
    return body;
  }
  const std::string key = string_member(body, "catalogue_key").value_or("");
  const auto entry = find_in_catalogue(key);
  if (!entry) {
    throw Error(Errc::invalid_input,
                fmt::format("catalogue_key: the catalogue has no value '{}' (GET /api/catalogue "
                            "lists them; leave it out for a value of your own)",
                            key),
                "catalogue_key");
  }
  Json start = exchange::to_json(value_from_catalogue(*entry));
  for (const char* not_from_catalogue : {"id", "importance", "why", "active"}) {
    start.erase(not_from_catalogue);
  }
  for (const auto& [member, given] : body.items()) start[member] = given;
  start["catalogue_key"] = std::string(entry->key);
  return start;
}

Response event_response(const ValueEvent& event, int status = 200) {
  return json_response(exchange::to_json(event), status);
}

}  // namespace

Response list_values(Call& call) {
  if (const auto at = call.query_date("at")) {
    return json_response(Json{{"values", list_json(call.service.values_at(*at))}});
  }
  return json_response(Json{{"values", list_json(call.service.values())}});
}

Response add_value(Call& call) {
  Json body = call.body();
  const ValueChangeNote note = take_note(body, call.service);
  const Value added =
      call.service.add_value(exchange::new_value_from_json(started_from_catalogue(body)), note);
  Response response = json_response(exchange::to_json(added), 201);
  response.headers.push_back({"Location", fmt::format("/api/values/{}", added.id.value)});
  return response;
}

Response show_value(Call& call) {
  const app::ValueStory story = call.service.value_story(call.param(0));
  return json_response(
      Json{{"value", exchange::to_json(story.value)}, {"history", list_json(story.history)}});
}

Response edit_value(Call& call) {
  Json body = call.body();
  const ValueChangeNote note = take_note(body, call.service);
  const Value stored = call.service.value_named(call.param(0));
  exchange::refuse_member(body, "active", "retire or restore a value through its own request");
  return event_response(call.service.change_value(exchange::patched_value(stored, body), note));
}

Response rank_value(Call& call) {
  Json body = call.body();
  const ValueChangeNote note = take_note(body, call.service);
  refuse_unknown_members(body, {"importance"});
  const auto importance = whole_member(body, "importance");
  if (!importance) {
    throw Error(Errc::invalid_input, "importance: missing required field", "importance");
  }
  if (*importance < 1 || *importance > 10) {
    throw Error(Errc::invalid_input,
                fmt::format("importance: {} is out of range: expected 1 to 10", *importance),
                "importance");
  }
  Value value = call.service.value_named(call.param(0));
  value.importance = static_cast<int>(*importance);
  return event_response(call.service.change_value(value, note));
}

Response retire_value(Call& call) {
  Json body = call.body();
  const ValueChangeNote note = take_note(body, call.service);
  refuse_unknown_members(body, {});
  if (note.reason.empty()) {
    throw Error(Errc::invalid_input, "reason: say why the value is retired (kept in its history)",
                "reason");
  }
  return event_response(call.service.retire_value(call.param(0), note));
}

Response restore_value(Call& call) {
  Json body = call.body();
  const ValueChangeNote note = take_note(body, call.service);
  refuse_unknown_members(body, {});
  return event_response(call.service.restore_value(call.param(0), note));
}

Response hold_value_since(Call& call) {
  Json body = call.body();
  refuse_unknown_members(body, {"since"});
  const auto since = date_member(body, "since");
  if (!since) throw Error(Errc::invalid_input, "since: missing required field", "since");
  const Value value = call.service.value_named(call.param(0));
  try {
    return event_response(call.service.hold_value_since(value.id, *since));
  } catch (const Error& error) {
    // The date of this request is its `since`, whatever the app calls a change's date.
    throw Error(error.code(), error.what(), error.field().empty() ? "" : "since");
  }
}

Response list_value_history(Call& call) {
  return json_response(Json{{"history", list_json(call.service.value_history())}});
}

}  // namespace cairn::api
