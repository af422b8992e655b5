#pragma once
// JSON parsed as Cairn reads every JSON it is given (a request body, a restore file): each
// object's members given once. Private to the exchange module.

#include <string_view>

#include <nlohmann/json.hpp>

namespace cairn::exchange::detail {

/// Parses `text`, refusing a member given twice in one object, which a parser would keep
/// the last of without a word while the writer may have meant either: Error(invalid_input,
/// "<path>: given twice in one object: give it once", path), the path naming where
/// (`importance`, `start.zone`, `laps[1].elapsed_s`). Malformed JSON throws nlohmann's
/// exception, for the caller to word.
[[nodiscard]] nlohmann::ordered_json parse_without_repeated_members(std::string_view text);

}  // namespace cairn::exchange::detail
