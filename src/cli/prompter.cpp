#include "prompter.hpp"

#include <fmt/format.h>

#include "args.hpp"

namespace cairn::cli {

std::optional<std::string> Prompter::text(std::string_view question) {
  if (closed_) return std::nullopt;
  out_ << question << ' ' << std::flush;
  std::string line;
  if (!std::getline(in_, line)) {
    closed_ = true;
    out_ << '\n';
    return std::nullopt;
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return std::nullopt;
  return line;
}

std::optional<int> Prompter::rating(std::string_view question, const RatingScale& scale) {
  const std::string full =
      fmt::format("{} ({}-{}, Enter to skip):", question, scale.min, scale.max);
  return parsed<int>(full, [&](std::string_view answer) {
    const auto value = static_cast<int>(parse_whole(answer, scale.name));
    check_rating(scale, value);
    return value;
  });
}

bool Prompter::yes(std::string_view question, bool fallback) {
  const auto answer = text(fmt::format("{} [{}]", question, fallback ? "Y/n" : "y/N"));
  if (!answer) return fallback;
  return answer->front() == 'y' || answer->front() == 'Y';
}

}  // namespace cairn::cli
