#pragma once
// The one way an optional reaches Cairn's JSON: its value, or null when it has none. Shared
// by the export (json.cpp), the reports (report_json.cpp) and the insights (insights_json.cpp).

#include <optional>

#include <nlohmann/json.hpp>

namespace cairn::exchange::detail {

/// `convert(*value)` as JSON, or null.
template <class T, class Convert>
nlohmann::ordered_json optional_json(const std::optional<T>& value, Convert convert) {
  if (!value) return nullptr;
  return nlohmann::ordered_json(convert(*value));
}

/// `*value` as JSON, or null.
template <class T>
nlohmann::ordered_json optional_json(const std::optional<T>& value) {
  return optional_json(value, [](const T& v) { return v; });
}

}  // namespace cairn::exchange::detail
