// Experiments: started, runs tagged and untagged, ended, and shown with their result card.

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/experiment.hpp"
#include "cairn/exchange/json.hpp"
#include "cairn/exchange/request_json.hpp"

#include "call.hpp"

namespace cairn::api {
namespace {

Json experiment_with_card(const Call& call, const Experiment& experiment) {
  const auto card = call.service.experiment_card(experiment.id);
  return Json{{"experiment", exchange::to_json(experiment)},
              {"result", card ? exchange::to_json(*card) : Json(nullptr)}};
}

std::vector<RunId> run_ids(const Call& call) {
  const Json body = call.body();
  refuse_unknown_members(body, {"run_ids"});
  if (!body.contains("run_ids") || !body["run_ids"].is_array() || body["run_ids"].empty()) {
    throw Error(Errc::invalid_input, "run_ids: expected a list of one or more run ids", "run_ids");
  }
  std::vector<RunId> ids;
  for (std::size_t i = 0; i < body["run_ids"].size(); ++i) {
    const Json& id = body["run_ids"][i];
    if (!id.is_number_integer()) {
      const std::string path = fmt::format("run_ids[{}]", i);
      throw Error(Errc::invalid_input, fmt::format("{}: expected a run id", path), path);
    }
    ids.push_back(RunId{id.get<std::int64_t>()});
  }
  return ids;
}

}  // namespace

Response list_experiments(Call& call) {
  return json_response(Json{{"experiments", list_json(call.service.experiments())}});
}

namespace {

// What `cairn experiment start` lets a runner leave out or say in words, made the
// experiment's own members: `value` (an id, key or name) for `value_id`, and `days` (21
// when there is no `ends_on` either) for `ends_on`; the start is today unless given.
void fill_in_start(Json& body, const app::JournalService& service) {
  if (body.contains("value")) {
    if (body.contains("value_id")) {
      throw Error(Errc::invalid_input, "value: give either value or value_id, not both", "value");
    }
    const std::string reference = string_member(body, "value").value_or("");
    try {
      body["value_id"] = service.value_named(reference).id.value;
    } catch (const Error& error) {
      throw Error(error.code(), error.what(), "value");
    }
    body.erase("value");
  } else if (!body.contains("value_id")) {
    throw Error(Errc::invalid_input,
                "value_id: missing required field (or value: the value's id, key or name)",
                "value_id");
  }
  if (!body.contains("starts_on")) body["starts_on"] = format_date(service.today());
  if (body.contains("days") && body.contains("ends_on")) {
    throw Error(Errc::invalid_input, "days: give either days or ends_on, not both", "days");
  }
  if (!body.contains("ends_on")) {
    const auto starts_on = date_member(body, "starts_on");
    const auto days = whole_member(body, "days").value_or(default_experiment_days);
    body["ends_on"] = format_date(experiment_last_day(starts_on.value_or(service.today()), days));
  }
  body.erase("days");
}

}  // namespace

Response start_experiment(Call& call) {
  Json body = call.body();
  const bool value_by_reference = body.contains("value");
  fill_in_start(body, call.service);
  const Experiment started = [&] {
    try {
      return call.service.start_experiment(exchange::new_experiment_from_json(body));
    } catch (const Error& error) {
      // The value was sent as `value`: a refusal of it names what was sent.
      if (!value_by_reference || error.field() != "value_id") throw;
      throw Error(error.code(), error.what(), "value");
    }
  }();
  Response response = json_response(exchange::to_json(started), 201);
  response.headers.push_back({"Location", fmt::format("/api/experiments/{}", started.id.value)});
  return response;
}

Response show_experiment(Call& call) {
  const Experiment experiment = call.service.experiment(call.id<ExperimentId>(0, "experiment"));
  return json_response(experiment_with_card(call, experiment));
}

Response tag_experiment_runs(Call& call) {
  const auto id = call.id<ExperimentId>(0, "experiment");
  return json_response(exchange::to_json(call.service.tag_runs(id, run_ids(call))));
}

Response untag_experiment_runs(Call& call) {
  const auto id = call.id<ExperimentId>(0, "experiment");
  return json_response(exchange::to_json(call.service.untag_runs(id, run_ids(call))));
}

Response end_experiment(Call& call) {
  const auto id = call.id<ExperimentId>(0, "experiment");
  const Json body = call.body();
  refuse_unknown_members(body, {"ended_on", "reflection", "decision"});
  const auto decision_name = string_member(body, "decision");
  if (!decision_name) {
    throw Error(Errc::invalid_input,
                "decision: missing required field (keep, adjust or drop the practice)", "decision");
  }
  ExperimentDecision decision{};
  try {
    decision = parse_experiment_decision(*decision_name);
  } catch (const Error& error) {
    throw Error(Errc::invalid_input, error.what(), "decision");
  }
  const Experiment ended =
      call.service.end_experiment(id, date_member(body, "ended_on").value_or(call.service.today()),
                                  string_member(body, "reflection").value_or(""), decision);
  return json_response(experiment_with_card(call, ended));
}

}  // namespace cairn::api
