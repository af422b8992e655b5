#include "call.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/exchange/request_json.hpp"

namespace cairn::api {
namespace {

Error bad_query(std::string_view name, std::string_view value, std::string_view expected) {
  return {Errc::invalid_input,
          fmt::format("query parameter {} is '{}', which is not {}", name, value, expected),
          std::string(name)};
}

Error bad_member(std::string_view name, const Json& value, std::string_view expected) {
  return {Errc::invalid_input,
          fmt::format("{}: expected {}, got {}", name, expected, value.type_name()),
          std::string(name)};
}

const Json* member(const Json& body, std::string_view name) {
  const auto found = body.find(std::string(name));
  return found == body.end() || found->is_null() ? nullptr : &*found;
}

}  // namespace

Json Call::body() const {
  if (request.body.empty()) return Json::object();
  Json json;
  try {
    json = exchange::parse_json_body(request.body);
  } catch (const Error& error) {
    throw Error(error.code(), error.what(), error.field().empty() ? "body" : error.field());
  }
  if (!json.is_object()) {
    throw Error(Errc::invalid_input,
                fmt::format("request body must be a JSON object, not {}", json.type_name()),
                "body");
  }
  return json;
}

std::int64_t Call::id_number(std::size_t index, std::string_view what) const {
  const std::string& text = params.at(index);
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw Error(Errc::not_found,
                fmt::format("no {} '{}': ids are whole numbers from 1", what, text), "id");
  }
  return id;
}

std::optional<LocalDate> Call::query_date(std::string_view name) const {
  const auto text = request.query_value(name);
  if (!text) return std::nullopt;
  try {
    return parse_date(*text);
  } catch (const Error&) {
    throw bad_query(name, *text, "a date as YYYY-MM-DD");
  }
}

std::optional<double> Call::query_number(std::string_view name) const {
  const auto text = request.query_value(name);
  if (!text) return std::nullopt;
  double number = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (error != std::errc{} || end != text->data() + text->size() || !std::isfinite(number) ||
      number < 0) {
    throw bad_query(name, *text, "a number from 0");
  }
  return number;
}

std::optional<std::int64_t> Call::query_whole(std::string_view name) const {
  const auto text = request.query_value(name);
  if (!text) return std::nullopt;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (error != std::errc{} || end != text->data() + text->size()) {
    throw bad_query(name, *text, "a whole number");
  }
  return number;
}

bool Call::query_flag(std::string_view name) const {
  const auto text = request.query_value(name);
  if (!text) return false;
  if (*text == "true" || *text == "1") return true;
  if (*text == "false" || *text == "0") return false;
  throw bad_query(name, *text, "true or false");
}

Response json_response(const Json& body, int status) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response json_response_text(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

Response download(std::string body, std::string content_type, std::string_view file_name) {
  Response response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  response.headers.push_back(
      {"Content-Disposition", fmt::format("attachment; filename=\"{}\"", file_name)});
  return response;
}

std::optional<LocalDate> date_member(const Json& body, std::string_view name) {
  const Json* value = member(body, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) throw bad_member(name, *value, "a date as YYYY-MM-DD");
  try {
    return parse_date(value->get<std::string>());
  } catch (const Error& error) {
    throw Error(Errc::invalid_input, fmt::format("{}: {}", name, error.what()), std::string(name));
  }
}

std::optional<std::string> string_member(const Json& body, std::string_view name) {
  const Json* value = member(body, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) throw bad_member(name, *value, "a string");
  return value->get<std::string>();
}

std::optional<std::int64_t> whole_member(const Json& body, std::string_view name) {
  const Json* value = member(body, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) throw bad_member(name, *value, "a whole number");
  return value->get<std::int64_t>();
}

std::optional<bool> flag_member(const Json& body, std::string_view name) {
  const Json* value = member(body, name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) throw bad_member(name, *value, "true or false");
  return value->get<bool>();
}

void refuse_unknown_members(const Json& body, std::initializer_list<std::string_view> known) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool is_known = false;
    for (const auto name : known) is_known = is_known || name == it.key();
    if (!is_known) {
      throw Error(Errc::invalid_input, fmt::format("{}: unknown field", it.key()), it.key());
    }
  }
}

Error within(const Error& error, std::string_view path) {
  return {error.code(), fmt::format("{}: {}", path, error.what()),
          error.field().empty() ? std::string(path) : fmt::format("{}.{}", path, error.field())};
}

}  // namespace cairn::api
