// Runs: a page at a time with filters, one run with everything about it, its track, and
// adding, changing, deleting and merging runs.

#include <charconv>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"
#include "cairn/exchange/request_json.hpp"

#include "call.hpp"

namespace cairn::api {
namespace {

constexpr int default_page_size = 50;
constexpr int max_page_size = 500;

// A page's cursor as text: the start (seconds since 1970) and id of the last run listed.
std::string cursor_text(const store::RunCursor& cursor) {
  return fmt::format("{}.{}", cursor.start.time_since_epoch().count(), cursor.id.value);
}

store::RunCursor parse_cursor(std::string_view text) {
  const auto dot = text.find('.');
  std::int64_t seconds = 0;
  std::int64_t id = 0;
  const auto bad = [&] {
    return Error(Errc::invalid_input,
                 fmt::format("query parameter before is '{}', which is not a page's cursor "
                             "(the `next` of the page before)",
                             text),
                 "before");
  };
  if (dot == std::string_view::npos) throw bad();
  const auto first = std::from_chars(text.data(), text.data() + dot, seconds);
  const auto second = std::from_chars(text.data() + dot + 1, text.data() + text.size(), id);
  if (first.ec != std::errc{} || first.ptr != text.data() + dot || second.ec != std::errc{} ||
      second.ptr != text.data() + text.size() || id <= 0) {
    throw bad();
  }
  return {.start = Timestamp{std::chrono::seconds{seconds}}, .id = RunId{id}};
}

Json logged_json(const Run& run, const std::optional<JournalEntry>& entry) {
  return exchange::to_json(run, entry ? &*entry : nullptr);
}

Json ground_json(const std::optional<app::RunGroundSummary>& ground) {
  if (!ground) return nullptr;
  Json out = Json::object();
  out["familiar_share"] = ground->familiar_share;
  if (ground->route) {
    Json route = Json::object();
    route["id"] = ground->route->id;
    route["name"] = ground->route_name;
    route["runs"] = ground->route->runs.size();
    out["route"] = std::move(route);
  } else {
    out["route"] = nullptr;
  }
  return out;
}

// The entry sent with a new run (`entry`), about that run: it takes the run's id and time.
std::optional<JournalEntry> entry_sent_with_run(const Json& sent, const Call& call) {
  if (sent.is_null()) return std::nullopt;
  try {
    if (!sent.is_object()) throw Error(Errc::invalid_input, "expected an object");
    exchange::refuse_member(sent, "run_id", "the entry is about the run it is sent with");
    exchange::refuse_member(sent, "at", "the entry takes the start of the run it is sent with");
    return exchange::new_entry_from_json(sent, call.service.now(), call.service.zone());
  } catch (const Error& error) {
    throw within(error, "entry");
  }
}

}  // namespace

Response list_runs(Call& call) {
  store::RunQuery query;
  const auto limit = call.query_whole("limit").value_or(default_page_size);
  if (limit < 1 || limit > max_page_size) {
    throw Error(
        Errc::invalid_input,
        fmt::format("query parameter limit is {}; a page holds 1 to {} runs", limit, max_page_size),
        "limit");
  }
  query.limit = static_cast<int>(limit);
  if (const auto before = call.request.query_value("before")) query.before = parse_cursor(*before);
  query.filter = call.service.runs_between(call.query_date("from"), call.query_date("to"));
  if (const auto sport = call.request.query_value("sport")) {
    try {
      query.filter.sport = parse_sport(*sport);
    } catch (const Error& error) {
      throw Error(Errc::invalid_input, error.what(), "sport");
    }
  }
  if (const auto min = call.query_number("min_distance_m")) {
    query.filter.min_distance = Distance::from_meters(*min);
  }
  if (const auto max = call.query_number("max_distance_m")) {
    query.filter.max_distance = Distance::from_meters(*max);
  }
  const store::RunPage page = call.service.runs_page(query);
  Json runs = Json::array();
  for (const auto& run : page.runs) runs.push_back(exchange::to_json(run));
  Json out = Json::object();
  out["runs"] = std::move(runs);
  out["total"] = call.service.count_runs(query.filter);
  out["next"] = page.next ? Json(cursor_text(*page.next)) : Json(nullptr);
  return json_response(out);
}

// A run, and with `entry` how it felt, stored together or not at all (what `cairn log` does).
Response add_run(Call& call) {
  Json body = call.body();
  Json entry_json = body.contains("entry") ? body["entry"] : Json(nullptr);
  body.erase("entry");
  const Run run = exchange::new_run_from_json(body);
  const std::optional<JournalEntry> entry = entry_sent_with_run(entry_json, call);
  const app::LoggedRun logged = [&] {
    try {
      return call.service.log_run(run, entry, call.query_flag("accept_implausible"));
    } catch (const app::EntryRefused& refused) {
      throw within(refused, "entry");
    }
  }();
  Response response = json_response(logged_json(logged.run, logged.entry), 201);
  response.headers.push_back({"Location", fmt::format("/api/runs/{}", logged.run.id.value)});
  return response;
}

Response show_run(Call& call) {
  const auto id = call.id<RunId>(0, "run");
  const Run run = call.service.run(id);
  Json out = logged_json(run, call.service.entry_for_run(id));
  Json splits = Json::array();
  for (const auto& split : call.service.splits(id)) splits.push_back(exchange::to_json(split));
  out["splits"] = std::move(splits);
  out["ground"] = ground_json(call.service.ground(id));
  return json_response(out);
}

Response run_track(Call& call) {
  const auto id = call.id<RunId>(0, "run");
  return json_response(exchange::to_json(id, call.service.track(id)));
}

Response edit_run(Call& call) {
  const auto id = call.id<RunId>(0, "run");
  const Run edited = exchange::patched_run(call.service.run(id), call.body());
  const app::LoggedRun logged =
      call.service.edit_run(edited, call.query_flag("accept_implausible"));
  return json_response(logged_json(logged.run, logged.entry));
}

Response delete_run(Call& call) {
  const auto id = call.id<RunId>(0, "run");
  call.service.delete_run(id, call.query_flag("with_entry"));
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Response merge_runs(Call& call) {
  const auto id = call.id<RunId>(0, "run");
  const Json body = call.body();
  refuse_unknown_members(body, {"with", "dry_run"});
  const auto other = whole_member(body, "with");
  if (!other) throw Error(Errc::invalid_input, "with: missing required field (a run id)", "with");
  const bool dry_run = flag_member(body, "dry_run").value_or(false);
  const app::MergedRuns merged = dry_run ? call.service.plan_merge(id, RunId{*other})
                                         : call.service.merge_runs(id, RunId{*other});
  Json out = Json::object();
  out["kept"] = logged_json(merged.kept.run, merged.kept.entry);
  out["removed_run_id"] = merged.removed.value;
  out["dry_run"] = dry_run;
  return json_response(out);
}

Response run_prompts(Call& call) {
  const Run run = call.service.run(call.id<RunId>(0, "run"));
  Json prompts = Json::array();
  for (const auto& prompt : call.service.prompts_for(local_date_of(run.start))) {
    prompts.push_back(prompt);
  }
  return json_response(Json{{"prompts", std::move(prompts)}});
}

}  // namespace cairn::api
