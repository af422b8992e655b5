#include "args.hpp"

#include <charconv>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::cli {

long long parse_whole(std::string_view text, std::string_view flag) {
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
    throw Error(Errc::invalid_input,
                fmt::format("{} '{}' is not a whole number", flag, std::string(text)));
  }
  return value;
}

std::optional<int> optional_rating(const std::string& text, std::string_view flag) {
  if (text.empty()) return std::nullopt;
  const long long value = parse_whole(text, flag);
  if (value < -1000 || value > 1000) {
    throw Error(Errc::invalid_input, fmt::format("{} {} is out of range", flag, text));
  }
  return static_cast<int>(value);
}

std::pair<std::string, std::string> split_assignment(std::string_view text, std::string_view flag) {
  const auto equals = text.rfind('=');
  if (equals == std::string_view::npos || equals == 0 || equals + 1 == text.size()) {
    throw Error(Errc::invalid_input,
                fmt::format("{} '{}' must look like NAME=VALUE", flag, std::string(text)));
  }
  return {std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

LocalDate date_or(const std::string& text, LocalDate fallback) {
  return text.empty() ? fallback : parse_date(text);
}

}  // namespace cairn::cli
