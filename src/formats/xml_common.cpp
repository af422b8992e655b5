// Shared by the GPX and TCX readers. Numbers go through std::from_chars and times are
// parsed by hand: both run once or more per track point, so no streams, no regex, no
// allocation.

#include "xml_common.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <initializer_list>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::formats::xml {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

// Reads exactly `count` decimal digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The offset of the root element, to look for a DOCTYPE in the prolog before it.
std::size_t prolog_end(const pugi::xml_document& doc, std::size_t size) {
  const auto offset = doc.document_element().offset_debug();
  if (offset < 0) return size;
  return std::min(size, static_cast<std::size_t>(offset));
}

}  // namespace

std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view name_prefix(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element && local_name(node) == name) return node;
  }
  return {};
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view text_of(const pugi::xml_node& node) { return trim(node.child_value()); }

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  // from_chars would accept "inf" and "nan"; a number in a file starts with a digit,
  // a sign or a point.
  const char first = text.front();
  if (first != '-' && first != '.' && (first < '0' || first > '9')) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<Instant> parse_time(std::string_view text) {
  using namespace std::chrono;
  text = trim(text);
  // YYYY-MM-DDThh:mm:ss
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const auto y = digits(text, 0, 4);
  const auto mo = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2);
  const auto mi = digits(text, 14, 2);
  const auto s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  if (*h > 23 || *mi > 59 || *s > 60) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;

  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    const std::size_t start = pos;
    int scale = 100;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      millis += (text[pos] - '0') * scale;  // truncated to the millisecond
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }

  int offset_minutes = 0;
  if (pos < text.size()) {
    const char zone = text[pos];
    if (zone == 'Z' || zone == 'z') {
      ++pos;
    } else if (zone == '+' || zone == '-') {
      const auto oh = digits(text, pos + 1, 2);
      if (!oh) return std::nullopt;
      pos += 3;
      int om = 0;
      if (pos < text.size()) {
        if (text[pos] == ':') ++pos;
        const auto parsed = digits(text, pos, 2);
        if (!parsed) return std::nullopt;
        om = *parsed;
        pos += 2;
      }
      if (*oh > 23 || om > 59) return std::nullopt;
      offset_minutes = (*oh * 60 + om) * (zone == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;

  return Instant{sys_days{date}} + hours{*h} + minutes{*mi - offset_minutes} + seconds{*s} +
         milliseconds{millis};
}

Sport sport_from_name(std::string_view name) {
  const std::string text = lower_ascii(trim(name).substr(0, 64));
  const auto has = [&text](std::string_view part) { return text.find(part) != std::string::npos; };
  if (text.empty() || text == "unknown" || text == "generic") return {};
  // Strava writes its activity type number: 1 ride, 4 hike, 9 run, 10 walk.
  if (text == "1") return {"cycling", ""};
  if (text == "4") return {"hiking", ""};
  if (text == "9") return {"running", ""};
  if (text == "10") return {"walking", ""};
  if (has("run")) {
    if (has("trail")) return {"running", "trail"};
    if (has("treadmill")) return {"running", "treadmill"};
    if (has("track")) return {"running", "track"};
    return {"running", ""};
  }
  if (has("bik") || has("cycl") || has("ride")) return {"cycling", ""};
  if (has("walk")) return {"walking", ""};
  if (has("hik")) return {"hiking", ""};
  if (has("swim")) return {"swimming", ""};
  for (const std::string_view other : {"ski", "row", "kayak", "canoe", "paddl", "skat", "golf",
                                       "climb", "yoga", "sail", "surf", "drive", "motor", "fly"}) {
    if (has(other)) return {text, ""};  // a sport that is not running, by its own name
  }
  // A type Cairn does not know ("jkljkl", "...") says nothing: the data decides, as for a
  // track with no type.
  return {};
}

Sport sport_from_default_name(std::string_view name) {
  const std::string text = lower_ascii(trim(name).substr(0, 64));
  for (const std::string_view part : {"morning ", "lunch ", "afternoon ", "evening ", "night "}) {
    if (text.starts_with(part) && text.find(' ', part.size()) == std::string::npos) {
      return sport_from_name(std::string_view(text).substr(part.size()));
    }
  }
  return {};
}

std::size_t LineCounter::line_at(std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto target = std::min(static_cast<std::size_t>(offset), bytes_.size());
  if (target < offset_) {
    offset_ = 0;
    line_ = 1;
  }
  const auto* begin = bytes_.data() + offset_;
  const auto* end = bytes_.data() + target;
  line_ += static_cast<std::size_t>(std::count(begin, end, std::byte{'\n'}));
  offset_ = target;
  return line_;
}

Document::Document(std::span<const std::byte> bytes, std::string_view format,
                   const ReadLimits& limits)
    : lines_(bytes) {
  if (bytes.size() > limits.max_bytes) {
    throw Error(Errc::invalid_input, fmt::format("{} file too large: {} bytes, the limit is {}",
                                                 format, bytes.size(), limits.max_bytes));
  }
  // No parse_doctype: pugixml then skips a DOCTYPE without reading it. It never loads
  // external entities or DTDs and never expands entities other than the five predefined
  // ones and character references; "&lol9;" stays the literal text "&lol9;".
  constexpr unsigned flags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol;
  const pugi::xml_parse_result result =
      doc_.load_buffer(bytes.data(), bytes.size(), flags, pugi::encoding_auto);
  if (!result) {
    LineCounter lines(bytes);
    throw Error(Errc::corrupt_file,
                fmt::format("{} not well-formed at line {}: {}", format,
                            lines.line_at(result.offset), lower_ascii(result.description())));
  }
  if (!doc_.document_element()) {
    throw Error(Errc::corrupt_file, fmt::format("not a {} file: no root element", format));
  }
  const std::string_view prolog(reinterpret_cast<const char*>(bytes.data()),
                                prolog_end(doc_, bytes.size()));
  if (const auto pos = prolog.find("<!DOCTYPE"); pos != std::string_view::npos) {
    doctype_line_ = LineCounter(bytes).line_at(static_cast<std::ptrdiff_t>(pos));
  }
}

void Warnings::add(std::string_view message) {
  ++count_;
  if (count_ < max_warnings) {
    sink_.warning(message);
  } else if (count_ == max_warnings) {
    sink_.warning(fmt::format("{} (further warnings not shown)", message));
  }
}

std::string quoted(std::string_view text) {
  constexpr std::size_t max_length = 40;
  if (text.size() <= max_length) return fmt::format("\"{}\"", text);
  return fmt::format("\"{}...\"", text.substr(0, max_length));
}

void warn_bad_value(Document& doc, Warnings& warnings, const pugi::xml_node& node,
                    std::string_view what, std::string_view text) {
  warnings.add(fmt::format("ignored bad {} {} at line {}", what, quoted(text), doc.line_of(node)));
}

std::optional<double> number_in(Document& doc, Warnings& warnings, const pugi::xml_node& node,
                                std::string_view what, Range range) {
  const std::string_view text = text_of(node);
  if (text.empty()) return std::nullopt;
  const auto value = parse_number(text);
  if (!value || *value < range.min || *value > range.max) {
    warn_bad_value(doc, warnings, node, what, text);
    return std::nullopt;
  }
  return value;
}

}  // namespace cairn::formats::xml
