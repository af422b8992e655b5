#pragma once
// A request's target ("/api/runs?limit=5&sport=run") as the API takes it: the path and the
// query's names and values, percent-decoded.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::server {

struct RequestTarget {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};

/// `text` with its %XX escapes decoded (and '+' as a space in a query, where a form puts it
/// for one). An escape that is not two hex digits is kept as it was.
[[nodiscard]] std::string percent_decode(std::string_view text, bool plus_is_space);

/// The decoded path and query of an origin-form target (one that begins with '/'); nothing
/// for any other form ("*", "http://host/path"), which this server does not take.
[[nodiscard]] std::optional<RequestTarget> parse_request_target(std::string_view target);

}  // namespace cairn::server
