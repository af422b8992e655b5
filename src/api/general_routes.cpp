// The journal as a whole: status, settings, the guided start, the demo journal, insights,
// the catalogue and this API's own description.

#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "cairn/app/demo_journal.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/units.hpp"
#include "cairn/core/value.hpp"
#include "cairn/exchange/json.hpp"
#include "cairn/exchange/request_json.hpp"

#include "call.hpp"
#include "openapi_document.hpp"

namespace cairn::api {

Response get_openapi(Call& /*call*/) {
  Response response;
  response.body = std::string(openapi_document());
  return response;
}

Response get_status(Call& call) {
  const app::JournalStatus status = call.service.status();
  Json out = Json::object();
  out["today"] = format_date(call.service.today());
  out["values_in_force"] = list_json(status.values_in_force);
  out["runs"] = status.runs;
  out["last_run"] = status.last_run ? exchange::to_json(*status.last_run) : Json(nullptr);
  out["entries"] = status.entries;
  out["open_experiments"] = status.open_experiments;
  return json_response(out);
}

namespace {

// The body's `zone`, checked here so that a refusal names the field.
std::optional<std::string> checked_zone(const Json& body) {
  auto zone = string_member(body, "zone");
  if (zone) {
    try {
      check_zone(*zone);
    } catch (const Error& error) {
      throw Error(Errc::invalid_input, error.what(), "zone");
    }
  }
  return zone;
}

// The body's `units`, read here so that a refusal names the field.
std::optional<UnitSystem> checked_units(const Json& body) {
  const auto units = string_member(body, "units");
  if (!units) return std::nullopt;
  try {
    return parse_unit_system(*units);
  } catch (const Error& error) {
    throw Error(Errc::invalid_input, error.what(), "units");
  }
}

Json settings_json(const app::JournalService& service) {
  Json out = Json::object();
  out["units"] = unit_system_name(service.units());
  out["zone"] = service.zone();
  return out;
}

}  // namespace

Response get_settings(Call& call) { return json_response(settings_json(call.service)); }

Response patch_settings(Call& call) {
  const Json body = call.body();
  refuse_unknown_members(body, {"units", "zone"});
  app::JournalStart change;
  change.units = checked_units(body);
  change.zone = checked_zone(body);
  // The guided start's one transaction: both change, or (when one is refused) neither.
  call.service.start_journal(change);
  return json_response(settings_json(call.service));
}

Response post_start(Call& call) {
  const Json body = call.body();
  refuse_unknown_members(body, {"units", "zone", "values"});
  app::JournalStart start;
  start.units = checked_units(body);
  start.zone = checked_zone(body);
  const LocalDate today = call.service.today();
  if (body.contains("values")) {
    const Json& values = body["values"];
    if (!values.is_array()) {
      throw Error(Errc::invalid_input, "values: expected an array of values", "values");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string path = fmt::format("values[{}]", i);
      try {
        Json value = values[i];
        if (!value.is_object()) throw Error(Errc::invalid_input, "expected an object");
        const auto since = date_member(value, "since");
        const auto reason = string_member(value, "reason");
        value.erase("since");
        value.erase("reason");
        start.values.push_back({exchange::new_value_from_json(value),
                                ValueChangeNote{.effective_on = since.value_or(today),
                                                .reason = reason.value_or("")}});
      } catch (const Error& error) {
        throw within(error, path);
      }
    }
  }
  call.service.start_journal(start);
  Json out = settings_json(call.service);
  out["values"] = list_json(call.service.values());
  return json_response(out, 201);
}

namespace {

// A count of the demo's options: a whole number an int holds (the range is the demo's to check,
// with its own words).
std::optional<int> demo_count(const Json& body, std::string_view name) {
  const auto number = whole_member(body, name);
  if (!number) return std::nullopt;
  if (*number < std::numeric_limits<int>::min() || *number > std::numeric_limits<int>::max()) {
    throw Error(Errc::invalid_input, fmt::format("{} {} is out of range", name, *number),
                std::string(name));
  }
  return static_cast<int>(*number);
}

}  // namespace

// `cairn demo` for the web app's empty journal: the same generated journal, into an empty
// journal only (409 otherwise), the report as `cairn demo --json` prints it.
Response post_demo(Call& call) {
  const Json body = call.body();
  refuse_unknown_members(body, {"seed", "years", "runs_per_week"});
  demo::DemoOptions options;
  if (body.contains("seed")) {
    const Json& seed = body["seed"];
    if (!seed.is_number_unsigned()) {
      throw Error(Errc::invalid_input,
                  fmt::format("seed: expected a whole number from 0 to {}",
                              std::numeric_limits<std::uint64_t>::max()),
                  "seed");
    }
    options.seed = seed.get<std::uint64_t>();
  }
  if (const auto years = demo_count(body, "years")) options.years = *years;
  if (const auto runs = demo_count(body, "runs_per_week")) options.runs_per_week = *runs;
  options.as_of = call.service.today();
  options.home_zone = call.service.zone();
  return json_response(exchange::to_json(app::create_demo_journal(call.store, call.user, options)),
                       201);
}

Response get_insights(Call& call) {
  return json_response(exchange::to_json(call.service.insights(call.query_date("as_of"))));
}

Response get_catalogue(Call& /*call*/) {
  Json out = Json::array();
  for (const auto& value : value_catalogue()) out.push_back(exchange::to_json(value));
  return json_response(Json{{"values", std::move(out)}});
}

}  // namespace cairn::api
