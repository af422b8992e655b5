#include "cairn/api/api.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <utility>

#include <fmt/format.h>

#include "cairn/core/control_characters.hpp"
#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"

#include "answer_cache.hpp"
#include "call.hpp"
#include "import_jobs.hpp"

namespace cairn::api {
namespace {

struct Route {
  RouteInfo info;
  Response (*handler)(Call&);
};

constexpr BodyKind none = BodyKind::none;
constexpr BodyKind json = BodyKind::json;
constexpr BodyKind upload = BodyKind::upload;

// Every route of the API. The OpenAPI document (openapi.json) describes each one; a test
// checks that the two list the same routes.
const std::array routes_table{
    Route{{"GET", "/api/openapi.json", none, "", "This API's OpenAPI 3.1 document"}, get_openapi},
    Route{{"GET", "/api/status", none, "", "The journal at a glance"}, get_status},
    Route{{"GET", "/api/settings", none, "", "The runner's units and home time zone"},
          get_settings},
    Route{{"PATCH", "/api/settings", json, "", "Change the units or the home time zone"},
          patch_settings},
    Route{
        {"POST", "/api/start", json, "", "The guided start: units, zone and first values at once"},
        post_start},
    Route{{"GET", "/api/insights", none, "as_of", "What the journal says, as of a date"},
          get_insights},
    Route{{"GET", "/api/catalogue", none, "", "The starting catalogue of values"}, get_catalogue},
    Route{{"GET", "/api/values", none, "at", "The values (or those in force on a date)"},
          list_values},
    Route{{"POST", "/api/values", json, "", "Add a value"}, add_value},
    Route{{"GET", "/api/values/{value}", none, "", "A value and its history"}, show_value},
    Route{{"PATCH", "/api/values/{value}", json, "", "Change a value from a date"}, edit_value},
    Route{{"POST", "/api/values/{value}/rank", json, "", "Change how important a value is"},
          rank_value},
    Route{{"POST", "/api/values/{value}/retire", json, "", "Retire a value (kept in history)"},
          retire_value},
    Route{{"POST", "/api/values/{value}/restore", json, "", "Bring back a retired value"},
          restore_value},
    Route{{"POST", "/api/values/{value}/since", json, "", "Say a value has mattered since a date"},
          hold_value_since},
    Route{{"GET", "/api/value-history", none, "", "Every change to every value"},
          list_value_history},
    Route{{"GET", "/api/runs", none, "limit before from to sport min_distance_m max_distance_m",
           "A page of runs, newest first, filtered"},
          list_runs},
    Route{{"POST", "/api/runs", json, "accept_implausible", "Add a run"}, add_run},
    Route{{"GET", "/api/runs/{id}", none, "", "A run with its entry, laps, splits and ground"},
          show_run},
    Route{{"PATCH", "/api/runs/{id}", json, "accept_implausible", "Change a run"}, edit_run},
    Route{{"DELETE", "/api/runs/{id}", none, "with_entry", "Delete a run"}, delete_run},
    Route{{"GET", "/api/runs/{id}/track", none, "", "A run's track, as columns"}, run_track},
    Route{{"POST", "/api/runs/{id}/merge", json, "", "Make two records of one run one"},
          merge_runs},
    Route{{"GET", "/api/runs/{id}/prompts", none, "", "Prompts for a run's journal entry"},
          run_prompts},
    Route{{"GET", "/api/entries", none, "", "Every journal entry"}, list_entries},
    Route{{"POST", "/api/entries", json, "", "Write a journal entry"}, add_entry},
    Route{{"GET", "/api/entries/{id}", none, "", "A journal entry"}, show_entry},
    Route{{"PATCH", "/api/entries/{id}", json, "", "Change a journal entry"}, edit_entry},
    Route{{"GET", "/api/prompts", none, "on", "Prompts for a day's journal entry"}, day_prompts},
    Route{{"GET", "/api/experiments", none, "", "Every experiment"}, list_experiments},
    Route{{"POST", "/api/experiments", json, "", "Start an experiment"}, start_experiment},
    Route{{"GET", "/api/experiments/{id}", none, "", "An experiment and its result card"},
          show_experiment},
    Route{{"POST", "/api/experiments/{id}/tag", json, "", "Tag runs as part of an experiment"},
          tag_experiment_runs},
    Route{{"POST", "/api/experiments/{id}/untag", json, "", "Take runs out of an experiment"},
          untag_experiment_runs},
    Route{{"POST", "/api/experiments/{id}/end", json, "", "End an experiment"}, end_experiment},
    Route{{"GET", "/api/checkins", none, "", "Every weekly check-in"}, list_checkins},
    Route{{"POST", "/api/checkins", json, "", "Write a check-in"}, add_checkin},
    Route{{"GET", "/api/reviews", none, "", "Every review"}, list_reviews},
    Route{{"POST", "/api/reviews", json, "", "Record a review and the value changes it made"},
          add_review},
    Route{{"POST", "/api/imports", upload, "wait name", "Import activity files or an export zip"},
          start_import},
    Route{{"GET", "/api/imports/{id}", none, "", "An import's progress and report"}, show_import},
    Route{{"POST", "/api/inspect", upload, "name", "What activity files hold, importing nothing"},
          inspect_files},
    Route{{"GET", "/api/export", none, "format", "The whole journal as JSON, CSV or Markdown"},
          export_journal},
    Route{{"GET", "/api/backup", none, "", "A copy of the database"}, backup_journal},
    Route{{"POST", "/api/restore", upload, "name", "Restore a JSON export into an empty journal"},
          restore_journal},
    Route{{"POST", "/api/demo", json, "", "Fill an empty journal with a generated demo journal"},
          post_demo},
};

// The name of a route's first path parameter ("id" of "/api/runs/{id}/track"), if it has one.
std::optional<std::string_view> path_parameter_name(std::string_view route_path) {
  const auto open = route_path.find('{');
  const auto close = route_path.find('}', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
  return route_path.substr(open + 1, close - open - 1);
}

std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t begin = 1;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find('/', begin), path.size());
    segments.push_back(path.substr(begin, end - begin));
    begin = end + 1;
  }
  return segments;
}

// The route's parameters when `path` matches its pattern.
std::optional<std::vector<std::string>> match(std::string_view pattern, std::string_view path) {
  if (!path.starts_with('/')) return std::nullopt;
  const auto want = segments_of(pattern);
  const auto got = segments_of(path);
  if (want.size() != got.size()) return std::nullopt;
  std::vector<std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{')) {
      if (got[i].empty()) return std::nullopt;
      params.emplace_back(got[i]);
    } else if (want[i] != got[i]) {
      return std::nullopt;
    }
  }
  return params;
}

std::string lower_case(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

struct Matched {
  const Route* route = nullptr;
  std::vector<std::string> params;
  std::vector<std::string_view> allowed;  // methods of the path, when the method is not one
};

Matched find_route(std::string_view method, std::string_view path) {
  Matched matched;
  for (const auto& route : routes_table) {
    auto params = match(route.info.pattern, path);
    if (!params) continue;
    if (route.info.method == method) {
      matched.route = &route;
      matched.params = std::move(*params);
      return matched;
    }
    matched.allowed.push_back(route.info.method);
  }
  return matched;
}

Response problem(int status, const std::string& message, const std::string& field = {},
                 std::string_view kind = "invalid_input") {
  Json body = Json::object();
  body["error"] = message;
  body["kind"] = kind;
  if (!field.empty()) body["field"] = field;
  return json_response(body, status);
}

// The words of a route's list of query parameters ("limit before"), in order.
std::vector<std::string_view> query_names(std::string_view list) {
  std::vector<std::string_view> names;
  for (std::size_t begin = 0; begin < list.size();) {
    const auto end = std::min(list.find(' ', begin), list.size());
    names.push_back(list.substr(begin, end - begin));
    begin = end + 1;
  }
  return names;
}

// Whether `name` is one of the words of the route's list, without splitting it (every request
// asks).
bool reads_query(std::string_view list, std::string_view name) {
  for (std::size_t at = list.find(name); at != std::string_view::npos;
       at = list.find(name, at + 1)) {
    const bool starts_word = at == 0 || list[at - 1] == ' ';
    const bool ends_word = at + name.size() == list.size() || list[at + name.size()] == ' ';
    if (starts_word && ends_word) return !name.empty();
  }
  return false;
}

// A refusal of the first query parameter the route does not read (`?limt=5` would
// otherwise answer as if no limit was asked for) or that is given twice (which one was
// meant is a guess).
std::optional<Response> refused_query_parameter(const RouteInfo& route, const Request& request) {
  for (auto at = request.query.begin(); at != request.query.end(); ++at) {
    const std::string& name = at->first;
    if (std::any_of(request.query.begin(), at,
                    [&](const auto& pair) { return pair.first == name; })) {
      return problem(400, fmt::format("query parameter '{}' is given twice: give it once", name),
                     name);
    }
    if (reads_query(route.query, name)) continue;
    const std::string takes =
        route.query.empty() ? std::string("it takes none")
                            : fmt::format("it takes {}", fmt::join(query_names(route.query), ", "));
    return problem(400,
                   fmt::format("query parameter '{}' is not one {} {} reads ({})", name,
                               route.method, route.pattern, takes),
                   name);
  }
  return std::nullopt;
}

// The one table from an error's kind to its HTTP status.
int status_of(Errc code) {
  switch (code) {
    case Errc::invalid_input:
      return 400;
    case Errc::not_found:
      return 404;
    case Errc::conflict:
      return 409;
    case Errc::corrupt_file:
    case Errc::unsupported:
      return 422;
    case Errc::storage:
      return 503;
  }
  return 500;
}

// The media type of a Content-Type header, lower case, without its parameters.
std::string media_type(std::string_view header) {
  std::string type(header.substr(0, header.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

// Content types a web page may send to another site without asking first (CORS's "simple"
// requests): a write in one of them must come from our own page.
bool cross_site_sendable(std::string_view type) {
  return type == "multipart/form-data" || type == "application/x-www-form-urlencoded" ||
         type == "text/plain";
}

bool changes_state(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// "192.168.1.20:8080" or "[fe80::1]:8080": an address and a port, no name.
bool is_address_host(std::string_view host) {
  if (host.starts_with('[')) return host.find("]:") != std::string_view::npos;
  const auto colon = host.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  return std::all_of(host.begin(), host.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string_view port_of(std::string_view host) {
  const auto colon = host.rfind(':');
  return colon == std::string_view::npos ? std::string_view() : host.substr(colon + 1);
}

// Whether a route's answers may be kept until the journal changes: the reads whose answer is
// the journal's data alone. An import's progress changes without the journal changing in
// step, and the downloads are large and rarely asked twice.
bool keeps_answers(const RouteInfo& route) {
  return route.method == "GET" && route.pattern != "/api/imports/{id}" &&
         route.pattern != "/api/export" && route.pattern != "/api/backup";
}

// What a kept answer is kept under: the user, and the path and query as sent.
// Each part with its length in front: decoded, a path or a value may hold '&' or '=', and
// `/api/values/a&at=1` must not be the key of `/api/values/a?at=1`.
std::string answer_key(UserId user, const Request& request) {
  std::string key = fmt::format("{}|{}:{}", user.value, request.path.size(), request.path);
  for (const auto& [name, value] : request.query) {
    key += fmt::format("|{}:{}={}:{}", name.size(), name, value.size(), value);
  }
  return key;
}

// The current user: the one place a request becomes a user id (the hosted mode will read
// its session here).
UserId user_of(const Request& /*request*/) { return local_user; }

}  // namespace

UploadSlot::UploadSlot(std::shared_ptr<std::atomic<int>> count) : count_(std::move(count)) {}
UploadSlot::~UploadSlot() { --*count_; }

Api::Api(ApiOptions options)
    : options_(std::move(options)),
      uploads_(std::make_shared<std::atomic<int>>(0)),
      answers_(std::make_unique<AnswerCache>(options_.database)),
      imports_(std::make_unique<ImportJobs>(options_, *answers_)) {
  for (auto& host : options_.hosts) host = lower_case(host);
}

Api::~Api() = default;

const std::vector<RouteInfo>& Api::routes() {
  static const std::vector<RouteInfo> infos = [] {
    std::vector<RouteInfo> out;
    out.reserve(routes_table.size());
    for (const auto& route : routes_table) out.push_back(route.info);
    return out;
  }();
  return infos;
}

std::optional<BodyKind> Api::body_kind(std::string_view method, std::string_view path) const {
  const Matched matched = find_route(method, path);
  if (matched.route == nullptr) return std::nullopt;
  return matched.route->info.body;
}

// A page's Origin is this server's own when it names the very address the request was sent
// to (its Host), over http or https (behind a proxy that keeps the Host). Answering to a
// Host is not enough: listening on every address answers any IP address, and a page served
// from another machine's address on the same port is another site.
bool Api::is_own_origin(std::string_view origin, std::string_view host) const {
  std::string_view authority;
  if (origin.starts_with("http://")) {
    authority = origin.substr(7);
  } else if (origin.starts_with("https://")) {
    authority = origin.substr(8);
  } else {
    return false;
  }
  return lower_case(authority) == lower_case(host) && answers_host(authority);
}

bool Api::answers_host(std::string_view given) const {
  // A host name is the same name in any case (RFC 3986); the names kept are lower case.
  const std::string host = lower_case(given);
  if (std::find(options_.hosts.begin(), options_.hosts.end(), host) != options_.hosts.end()) {
    return true;
  }
  return options_.any_address_host && !options_.hosts.empty() && is_address_host(host) &&
         port_of(host) == port_of(options_.hosts.front());
}

std::optional<Response> Api::screen(const Request& request) const {
  const auto host = request.header("Host");
  if (!host) {
    return problem(400, "the request has no Host header (HTTP/1.1 needs one)", "Host");
  }
  if (!answers_host(*host)) {
    return problem(
        403,
        fmt::format("this server answers only as {}; Host was '{}'",
                    options_.hosts.empty() ? std::string("nothing") : options_.hosts.front(),
                    host.value_or("")),
        "Host");
  }
  const auto origin = request.header("Origin");
  const bool own_origin = origin && is_own_origin(*origin, *host);
  if (changes_state(request.method) && origin && !own_origin) {
    return problem(403, fmt::format("a change sent from another site ({}) is refused", *origin),
                   "Origin");
  }
  if (!request.path.starts_with("/api/")) return std::nullopt;  // the web app's files
  const Matched matched = find_route(request.method, request.path);
  if (matched.route == nullptr) {
    if (matched.allowed.empty()) {
      return problem(404, fmt::format("no such route: {}", request.path), {}, "not_found");
    }
    Response refused = problem(405,
                               fmt::format("{} is not allowed on {}; it takes {}", request.method,
                                           request.path, fmt::join(matched.allowed, ", ")),
                               {}, "invalid_input");
    refused.headers.push_back({"Allow", fmt::format("{}", fmt::join(matched.allowed, ", "))});
    return refused;
  }
  const auto length_header = request.header("Content-Length");
  const bool has_body =
      (length_header && *length_header != "0") || request.header("Transfer-Encoding").has_value();
  const std::string type = media_type(request.header("Content-Type").value_or(""));
  switch (matched.route->info.body) {
    case BodyKind::none:
      if (has_body) {
        return problem(415, fmt::format("{} {} takes no body", request.method, request.path),
                       "body");
      }
      break;
    case BodyKind::json:
      if (has_body && type != "application/json") {
        return problem(415,
                       fmt::format("the body must be JSON, sent as Content-Type: "
                                   "application/json (it was '{}')",
                                   type),
                       "Content-Type");
      }
      break;
    case BodyKind::upload:
      if (!has_body) return problem(400, "the upload holds no file", "body");
      if (type == "application/json" || type == "application/x-www-form-urlencoded") {
        return problem(415,
                       fmt::format("an upload is the file itself, sent as "
                                   "application/octet-stream (or as multipart/form-data from "
                                   "Cairn's page); it was '{}'",
                                   type),
                       "Content-Type");
      }
      if (cross_site_sendable(type) && !own_origin) {
        return problem(403,
                       fmt::format("an upload as {} must come from Cairn's own page (its "
                                   "Origin); a script can send the file as "
                                   "application/octet-stream",
                                   type),
                       "Origin");
      }
      break;
  }
  return std::nullopt;
}

std::shared_ptr<UploadSlot> Api::claim_upload_slot() {
  if (uploads_->fetch_add(1) >= options_.max_concurrent_uploads) {
    --*uploads_;
    return nullptr;
  }
  return std::make_shared<UploadSlot>(uploads_);
}

Response Api::too_many_uploads() {
  Response response =
      problem(429, "too many uploads at once; try again when one has finished", {}, "conflict");
  response.headers.push_back({"Retry-After", "5"});
  return response;
}

Response Api::too_large(BodyKind kind) const {
  const std::size_t limit =
      kind == BodyKind::upload ? options_.max_upload_bytes : options_.max_json_bytes;
  return problem(413,
                 fmt::format("the body is larger than the {} MiB this route takes",
                             static_cast<double>(limit) / (1024.0 * 1024.0)),
                 "body");
}

std::shared_ptr<const std::string> Api::fresh_answer(const std::string& key) const {
  auto kept = answers_->find(key);
  // An answer about "today" is stale the next day though the journal did not change.
  if (!kept ||
      local_date_of(ZonedTime{.utc = options_.clock.now(), .zone = kept->zone}) != kept->today) {
    return nullptr;
  }
  return std::move(kept->text);
}

std::shared_ptr<const std::string> Api::kept_answer(const Request& request) const {
  if (request.method != "GET" || screen(request)) return nullptr;
  const Matched matched = find_route(request.method, request.path);
  if (matched.route == nullptr || !keeps_answers(matched.route->info)) return nullptr;
  try {
    return fresh_answer(answer_key(user_of(request), request));
  } catch (const std::exception&) {
    return nullptr;  // handle() says what is wrong with the request
  }
}

Response Api::handle(const Request& request, store::Store& store,
                     std::shared_ptr<UploadSlot> slot) {
  if (auto refused = screen(request)) return std::move(*refused);
  // No page or id of Cairn holds a control character.
  if (has_control_character(request.path)) {
    return problem(400, "the address holds a control character (such as %00)", "path");
  }
  Matched matched = find_route(request.method, request.path);
  if (matched.route == nullptr) {
    return problem(404, fmt::format("no such page: {}", request.path), {}, "not_found");
  }
  if (auto refused = refused_query_parameter(matched.route->info, request)) {
    return std::move(*refused);
  }
  if (matched.route->info.body == BodyKind::json && request.body.size() > options_.max_json_bytes) {
    return too_large(BodyKind::json);
  }
  try {
    const UserId user = user_of(request);
    Call call{.request = request,
              .params = std::move(matched.params),
              .store = store,
              .user = user,
              .service = app::JournalService(store, user, options_.clock),
              .options = options_,
              .imports = *imports_,
              .answers = *answers_,
              .slot = std::move(slot)};
    // Whatever a write did (even when refused part-way, it wrote nothing, but a cheap
    // recomputation is better than a stale answer), kept answers are stale after it.
    struct ChangesJournal {
      AnswerCache& answers;
      bool writes;
      ~ChangesJournal() {
        if (writes) answers.journal_changed();
      }
    } const after{*answers_, changes_state(request.method)};
    if (!keeps_answers(matched.route->info)) return matched.route->handler(call);
    // A read is answered from what was kept when the journal has not changed since: the
    // dashboard and the run pages cost a lookup, not a read of the journal.
    const std::string key = answer_key(user, request);
    if (const auto kept = fresh_answer(key)) return json_response_text(*kept);
    const std::string version = answers_->version();
    const std::string zone = call.service.zone();
    const LocalDate today = local_date_of(ZonedTime{.utc = options_.clock.now(), .zone = zone});
    Response response = matched.route->handler(call);
    if (response.status == 200 && !response.body_file &&
        response.content_type == "application/json") {
      answers_->keep(key, version,
                     {.zone = zone,
                      .today = today,
                      .text = std::make_shared<const std::string>(response.body)});
    }
    return response;
  } catch (const Error& refused) {
    // Something not found that names no field is what the address names ({id}, {value}).
    const auto parameter = path_parameter_name(matched.route->info.pattern);
    const Error error = refused.code() == Errc::not_found && refused.field().empty() && parameter
                            ? Error(refused.code(), refused.what(), std::string(*parameter))
                            : refused;
    Response response = json_response(exchange::to_json(error), status_of(error.code()));
    if (error.code() == Errc::storage) response.headers.push_back({"Retry-After", "1"});
    return response;
  } catch (const std::exception& error) {
    // A fault of ours, never of the request: said plainly, without a stack of details.
    return problem(500, fmt::format("internal error: {}", error.what()), {}, "internal");
  }
}

std::vector<Header> Api::security_headers(bool for_api) {
  std::vector<Header> headers{
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (for_api) {
    headers.push_back({"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"});
    headers.push_back({"Cache-Control", "no-store"});
  } else {
    // The web app loads only its own files; map tiles, when the runner turns them on, are
    // images from the tile server they chose.
    headers.push_back({"Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data: blob: https:; "
                       "style-src 'self' 'unsafe-inline'; connect-src 'self'; "
                       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"});
  }
  return headers;
}

}  // namespace cairn::api
