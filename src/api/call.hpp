#pragma once
// What a route's handler is given (the request, its path parameters, the runner's use
// cases) and the helpers every handler reads its inputs and writes its answer with, so that
// each input is read, and each refusal worded, in one place.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cairn/api/api.hpp"
#include "cairn/app/journal_service.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"
#include "cairn/exchange/json.hpp"

namespace cairn::api {

class AnswerCache;
class ImportJobs;

using Json = nlohmann::ordered_json;

struct Call {
  const Request& request;
  std::vector<std::string> params;  ///< the path's {parameters}, in order
  store::Store& store;
  UserId user;
  app::JournalService service;
  const ApiOptions& options;
  ImportJobs& imports;
  AnswerCache& answers;
  std::shared_ptr<UploadSlot> slot;

  /// The request body as a JSON object; an empty body is an empty object.
  [[nodiscard]] Json body() const;
  /// The path parameter `index` as an id; Error(not_found) naming it when it is not one.
  template <class IdType>
  [[nodiscard]] IdType id(std::size_t index, std::string_view what) const {
    return IdType{id_number(index, what)};
  }
  [[nodiscard]] const std::string& param(std::size_t index) const { return params.at(index); }
  /// The path parameter `index` as a positive whole number (an id of something not stored
  /// in the journal, such as an import); Error(not_found) naming it otherwise.
  [[nodiscard]] std::int64_t id_number(std::size_t index, std::string_view what) const;

  // Query parameters, each refused with Error(invalid_input) naming it when malformed.
  [[nodiscard]] std::optional<LocalDate> query_date(std::string_view name) const;
  [[nodiscard]] std::optional<double> query_number(std::string_view name) const;
  [[nodiscard]] std::optional<std::int64_t> query_whole(std::string_view name) const;
  /// "true"/"1" or "false"/"0"; absent is false.
  [[nodiscard]] bool query_flag(std::string_view name) const;
};

/// Items as a JSON array, each in the export's shape (exchange::to_json).
template <class T>
[[nodiscard]] Json list_json(const std::vector<T>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(exchange::to_json(item));
  return out;
}

/// A JSON answer.
[[nodiscard]] Response json_response(const Json& body, int status = 200);
/// A JSON answer already written as text (200).
[[nodiscard]] Response json_response_text(std::string body);
/// A download: `body` as a file named `file_name`.
[[nodiscard]] Response download(std::string body, std::string content_type,
                                std::string_view file_name);

// Members of a JSON body, each refused with Error(invalid_input) naming it.
[[nodiscard]] std::optional<LocalDate> date_member(const Json& body, std::string_view name);
[[nodiscard]] std::optional<std::string> string_member(const Json& body, std::string_view name);
[[nodiscard]] std::optional<std::int64_t> whole_member(const Json& body, std::string_view name);
[[nodiscard]] std::optional<bool> flag_member(const Json& body, std::string_view name);
/// Refuses members of `body` other than `known` (a misspelt field must not vanish).
void refuse_unknown_members(const Json& body, std::initializer_list<std::string_view> known);
/// `error` about a part of the body at `path` ("values[2]", "entry"): its message and field
/// under that path, so the client knows which part was refused.
[[nodiscard]] Error within(const Error& error, std::string_view path);

// The handlers, one per route (routes.cpp holds the table).
Response get_openapi(Call& call);
Response get_status(Call& call);
Response get_settings(Call& call);
Response patch_settings(Call& call);
Response post_start(Call& call);
Response post_demo(Call& call);
Response get_insights(Call& call);
Response get_catalogue(Call& call);

Response list_values(Call& call);
Response add_value(Call& call);
Response show_value(Call& call);
Response edit_value(Call& call);
Response rank_value(Call& call);
Response retire_value(Call& call);
Response restore_value(Call& call);
Response hold_value_since(Call& call);
Response list_value_history(Call& call);

Response list_runs(Call& call);
Response add_run(Call& call);
Response show_run(Call& call);
Response run_track(Call& call);
Response edit_run(Call& call);
Response delete_run(Call& call);
Response merge_runs(Call& call);
Response run_prompts(Call& call);

Response list_entries(Call& call);
Response add_entry(Call& call);
Response show_entry(Call& call);
Response edit_entry(Call& call);
Response day_prompts(Call& call);

Response list_experiments(Call& call);
Response start_experiment(Call& call);
Response show_experiment(Call& call);
Response tag_experiment_runs(Call& call);
Response untag_experiment_runs(Call& call);
Response end_experiment(Call& call);

Response list_checkins(Call& call);
Response add_checkin(Call& call);
Response list_reviews(Call& call);
Response add_review(Call& call);

Response start_import(Call& call);
Response show_import(Call& call);
Response inspect_files(Call& call);
Response export_journal(Call& call);
Response backup_journal(Call& call);
Response restore_journal(Call& call);

}  // namespace cairn::api
