#include "request_target.hpp"

namespace cairn::server {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int high = hex_digit(text[i + 1]);
      const int low = hex_digit(text[i + 2]);
      if (high >= 0 && low >= 0) {
        decoded += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    decoded += plus_is_space && c == '+' ? ' ' : c;
  }
  return decoded;
}

std::optional<RequestTarget> parse_request_target(std::string_view target) {
  if (!target.starts_with('/')) return std::nullopt;
  RequestTarget parsed;
  const auto mark = target.find('?');
  parsed.path = percent_decode(target.substr(0, mark), false);
  if (mark == std::string_view::npos) return parsed;
  std::string_view rest = target.substr(mark + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    parsed.query.emplace_back(percent_decode(pair.substr(0, equals), true),
                              equals == std::string_view::npos
                                  ? std::string()
                                  : percent_decode(pair.substr(equals + 1), true));
  }
  return parsed;
}

}  // namespace cairn::server
