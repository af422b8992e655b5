#include "terminal_text.hpp"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cwchar>

#include <fmt/format.h>

namespace cairn::cli {
namespace {

// The length of the valid UTF-8 sequence at the start of `text` (shortest form, no
// surrogates, at most U+10FFFF) and its code point, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view text, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t value = 0;
  if (lead < 0x80U) {
    code_point = lead;
    return 1;
  }
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
    value = lead & 0x1FU;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    value = lead & 0x0FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    value = lead & 0x07U;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) return 0;
    value = (value << 6U) | (byte(i) & 0x3FU);
  }
  const bool overlong = (length == 3 && value < 0x800U) || (length == 4 && value < 0x10000U);
  if (overlong || (value >= 0xD800U && value <= 0xDFFFU) || value > 0x10FFFFU) return 0;
  code_point = value;
  return length;
}

bool hides_or_reorders(char32_t c) {
  return (c >= 0x80U && c <= 0x9FU) || (c >= 0x202AU && c <= 0x202EU) ||
         (c >= 0x2066U && c <= 0x2069U);
}

}  // namespace

int terminal_width(char32_t c) {
  if (c < 0x7FU) return c < 0x20U ? 0 : 1;
  // glibc's tables (Unicode's East Asian Width and emoji presentation) answer in a UTF-8
  // locale; C.UTF-8 is built into glibc, so this works whatever the runner's locale is.
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
  if (utf8 == nullptr) return 1;
  const locale_t previous = uselocale(utf8);
  const int width = wcwidth(static_cast<wchar_t>(c));
  uselocale(previous);
  return width < 0 ? 1 : width;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  while (!text.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, c);
    width += length == 0 ? 1 : static_cast<std::size_t>(terminal_width(c));
    text.remove_prefix(length == 0 ? 1 : length);
  }
  return width;
}

std::string cut_to_width(std::string_view text, std::size_t width) {
  std::size_t used = 0;
  std::size_t end = 0;
  while (end < text.size()) {
    char32_t c = 0;
    std::size_t length = utf8_sequence(text.substr(end), c);
    const std::size_t cell = length == 0 ? 1 : static_cast<std::size_t>(terminal_width(c));
    if (length == 0) length = 1;
    if (used + cell > width) break;
    used += cell;
    end += length;
  }
  return std::string(text.substr(0, end));
}

std::string visible(std::string_view text, LineBreaks breaks) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, c);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text.front()));
      text.remove_prefix(1);
      continue;
    }
    if (c == '\n' && breaks == LineBreaks::keep) {
      out += '\n';
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20U || c == 0x7FU) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else if (hides_or_reorders(c)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out.append(text.substr(0, length));
    }
    text.remove_prefix(length);
  }
  return out;
}

std::string indented_block(std::string_view text, std::string_view first, std::string_view rest,
                           std::size_t columns) {
  const std::string shown = visible(text, LineBreaks::keep);
  std::string out(first);
  std::size_t used = display_width(first);
  bool line_start = true;
  std::size_t at = 0;
  while (at <= shown.size()) {
    const std::size_t end = std::min(shown.find_first_of(" \n", at), shown.size());
    const std::string_view word = std::string_view(shown).substr(at, end - at);
    const std::size_t width = display_width(word);
    if (columns > 0 && !line_start && used + 1 + width > columns) {
      out += '\n';
      out += rest;
      used = display_width(rest);
      line_start = true;
    }
    if (!line_start) {
      out += ' ';
      ++used;
    }
    out += word;
    used += width;
    line_start = false;
    if (end < shown.size() && shown[end] == '\n') {
      out += '\n';
      out += rest;
      used = display_width(rest);
      line_start = true;
    }
    at = end + 1;
  }
  return out;
}

std::string share_bar(double share, std::size_t width) {
  const double held = std::isnan(share) ? 0.0 : std::clamp(share, 0.0, 1.0);
  const auto full = static_cast<std::size_t>(std::lround(held * static_cast<double>(width)));
  std::string out;
  for (std::size_t i = 0; i < width; ++i) out += i < full ? "█" : "░";
  return out;
}

}  // namespace cairn::cli
