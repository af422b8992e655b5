// Journal entries and their prompts, weekly check-ins and reviews.

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"
#include "cairn/exchange/request_json.hpp"

#include "call.hpp"

namespace cairn::api {
namespace {

Json prompts_json(const std::vector<std::string>& prompts) {
  Json out = Json::array();
  for (const auto& prompt : prompts) out.push_back(prompt);
  return Json{{"prompts", std::move(out)}};
}

}  // namespace

Response list_entries(Call& call) {
  return json_response(Json{{"entries", list_json(call.service.entries())}});
}

Response add_entry(Call& call) {
  const JournalEntry entry =
      exchange::new_entry_from_json(call.body(), call.service.now(), call.service.zone());
  const JournalEntry added = call.service.add_entry(entry);
  Response response = json_response(exchange::to_json(added), 201);
  response.headers.push_back({"Location", fmt::format("/api/entries/{}", added.id.value)});
  return response;
}

Response show_entry(Call& call) {
  return json_response(exchange::to_json(call.service.entry(call.id<JournalEntryId>(0, "entry"))));
}

Response edit_entry(Call& call) {
  const JournalEntry stored = call.service.entry(call.id<JournalEntryId>(0, "entry"));
  const JournalEntry edited = exchange::patched_entry(stored, call.body(), call.service.now());
  // Attached to a run, or moved to another (as `cairn journal edit --run`), it takes that
  // run's time; an entry about a run is never made about none (its time would be a guess).
  if (stored.run && !edited.run) {
    throw Error(Errc::invalid_input,
                "run_id: an entry about a run stays about a run (attach it to another)", "run_id");
  }
  return json_response(exchange::to_json(call.service.update_entry(edited)));
}

Response day_prompts(Call& call) {
  return json_response(
      prompts_json(call.service.prompts_for(call.query_date("on").value_or(call.service.today()))));
}

Response list_checkins(Call& call) {
  return json_response(Json{{"checkins", list_json(call.service.checkins())}});
}

Response add_checkin(Call& call) {
  const CheckIn checkin = exchange::new_checkin_from_json(call.body(), call.service.now());
  return json_response(exchange::to_json(call.service.add_checkin(checkin)), 201);
}

Response list_reviews(Call& call) {
  return json_response(Json{{"reviews", list_json(call.service.reviews())}});
}

Response add_review(Call& call) {
  Json body = call.body();
  Json changes_json = body.contains("changes") ? body["changes"] : Json::array();
  body.erase("changes");
  if (!changes_json.is_array()) {
    throw Error(Errc::invalid_input, "changes: expected an array", "changes");
  }
  if (!body.contains("on")) body["on"] = format_date(call.service.today());
  const Review review = exchange::new_review_from_json(body, call.service.now());
  std::vector<app::ReviewChange> changes;
  for (std::size_t i = 0; i < changes_json.size(); ++i) {
    const std::string path = fmt::format("changes[{}]", i);
    try {
      Json change = changes_json[i];
      if (!change.is_object()) throw Error(Errc::invalid_input, "expected an object");
      const auto value_id = whole_member(change, "value_id");
      if (!value_id)
        throw Error(Errc::invalid_input, "value_id: missing required field", "value_id");
      const std::string reason = string_member(change, "reason").value_or("");
      change.erase("value_id");
      change.erase("reason");
      const Value stored = call.service.value_named(std::to_string(*value_id));
      changes.push_back({exchange::patched_value(stored, change), reason});
    } catch (const Error& error) {
      throw Error(error.code(), fmt::format("{}: {}", path, error.what()),
                  error.field().empty() ? path : fmt::format("{}.{}", path, error.field()));
    }
  }
  const Review recorded = call.service.review(review, changes);
  return json_response(exchange::to_json(recorded), 201);
}

}  // namespace cairn::api
