#pragma once
// Turning command-line text into domain values, with messages that name the flag.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"

namespace cairn::cli {

/// Parses a whole number; throws Error(invalid_input) naming `flag` otherwise.
[[nodiscard]] long long parse_whole(std::string_view text, std::string_view flag);
/// Empty text means "not given".
[[nodiscard]] std::optional<int> optional_rating(const std::string& text, std::string_view flag);
/// Splits "NAME=VALUE" at the last '='; throws Error(invalid_input) naming `flag` otherwise.
[[nodiscard]] std::pair<std::string, std::string> split_assignment(std::string_view text,
                                                                   std::string_view flag);
/// Parses "12" or "#12" as an id of the given kind.
template <class Tag>
[[nodiscard]] Id<Tag> parse_id(std::string_view text, std::string_view what) {
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  const long long value = parse_whole(text, what);
  return Id<Tag>{value};
}
/// Runs `parse` and rethrows its error with the flag's name in front, so the runner knows
/// which one, and `field`, the member in the export's JSON it is about, so --json names it.
template <class F>
auto for_flag(std::string_view flag, std::string_view field, F&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const Error& error) {
    throw Error(error.code(), fmt::format("{}: {}", flag, error.what()), std::string(field));
  }
}

/// A date flag: empty means `fallback`.
[[nodiscard]] LocalDate date_or(const std::string& text, LocalDate fallback);

}  // namespace cairn::cli
