// Shared by the GPX and TCX readers. Numbers go through std::from_chars and times are
// parsed by hand: both run once or more per track point, so no streams, no regex, no
// allocation.

#include "xml_common.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <mutex>
#include <new>

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

LineCounter::LineCounter(std::span<const std::byte> bytes)
    : breaks_((bytes.size() + 63) / 64), size_(bytes.size()) {
  // memchr leaps from break to break (lines are long, and it scans many bytes at once).
  const auto* begin = reinterpret_cast<const char*>(bytes.data());
  const auto* end = begin + bytes.size();
  for (const auto* at = begin; at < end; ++at) {
    at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (at == nullptr) break;
    const auto i = static_cast<std::size_t>(at - begin);
    breaks_[i / 64] |= std::uint64_t{1} << (i % 64);
  }
}

std::size_t LineCounter::line_at(std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const auto target = std::min(static_cast<std::size_t>(offset), size_);
  if (target < offset_) {
    offset_ = 0;
    line_ = 1;
  }
  // Breaks in [offset_, target): whole words at a time, with masks for the ends.
  const auto count_below = [this](std::size_t at) {
    std::size_t count = 0;
    for (std::size_t word = 0; word < at / 64; ++word)
      count += static_cast<std::size_t>(std::popcount(breaks_[word]));
    if (at % 64 != 0) {
      count += static_cast<std::size_t>(
          std::popcount(breaks_[at / 64] & ((std::uint64_t{1} << (at % 64)) - 1)));
    }
    return count;
  };
  if (offset_ == 0) {
    line_ = 1 + count_below(target);
  } else {
    std::size_t at = offset_;
    for (; at < target && at % 64 != 0; ++at) line_ += (breaks_[at / 64] >> (at % 64)) & 1U;
    for (; at + 64 <= target; at += 64) {
      line_ += static_cast<std::size_t>(std::popcount(breaks_[at / 64]));
    }
    for (; at < target; ++at) line_ += (breaks_[at / 64] >> (at % 64)) & 1U;
  }
  offset_ = target;
  return line_;
}

namespace {

// --- the tree's memory, counted ----------------------------------------------------------
//
// pugixml's tree of a million tiny elements takes fifty times the bytes they are written in.
// Its allocations go through these functions, which refuse past the budget of the parse
// running on this thread (pugixml then stops with "out of memory", reported as the budget
// exceeded). pugixml's memory functions are global and take no context, so the budget is
// found through a thread-local; each block remembers its budget for when it is freed.

thread_local TreeBudget* charged_budget = nullptr;

struct BlockHeader {
  std::size_t size;
  TreeBudget* budget;
};
constexpr std::size_t header_size = alignof(std::max_align_t) > sizeof(BlockHeader)
                                        ? alignof(std::max_align_t)
                                        : sizeof(BlockHeader);

void* counted_allocate(std::size_t size) {
  TreeBudget* budget = charged_budget;
  if (budget != nullptr && budget->used + size > budget->limit) {
    budget->exceeded = true;
    return nullptr;
  }
  void* block = std::malloc(size + header_size);  // NOLINT(*-no-malloc,*-owning-memory)
  if (block == nullptr) return nullptr;
  ::new (block) BlockHeader{size, budget};
  if (budget != nullptr) budget->used += size;
  return static_cast<unsigned char*>(block) + header_size;
}

void counted_free(void* pointer) {
  if (pointer == nullptr) return;
  auto* header = reinterpret_cast<BlockHeader*>(static_cast<unsigned char*>(pointer) - header_size);
  if (header->budget != nullptr) header->budget->used -= header->size;
  std::free(header);  // NOLINT(*-no-malloc,*-owning-memory)
}

// Charges pugixml's allocations to `budget` for as long as it lives.
class ChargeTo {
 public:
  explicit ChargeTo(TreeBudget& budget) : previous_(charged_budget) {
    static std::once_flag once;
    std::call_once(once,
                   [] { pugi::set_memory_management_functions(counted_allocate, counted_free); });
    charged_budget = &budget;
  }
  ChargeTo(const ChargeTo&) = delete;
  ChargeTo& operator=(const ChargeTo&) = delete;
  ChargeTo(ChargeTo&&) = delete;
  ChargeTo& operator=(ChargeTo&&) = delete;
  ~ChargeTo() { charged_budget = previous_; }

 private:
  TreeBudget* previous_;
};

// --- windows-1252 ----------------------------------------------------------------------
//
// Windows programs write GPX declared as windows-1252, which pugixml does not know (it
// would keep the bytes as they are, invalid UTF-8); it differs from ISO-8859-1 only in
// 0x80-0x9F.
constexpr std::array<unsigned, 32> cp1252_high = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// The encoding named in the XML declaration, if the document starts with one.
std::string_view declared_encoding(std::string_view text) {
  if (!text.starts_with("<?xml")) return {};
  const std::string_view declaration = text.substr(0, text.find("?>"));
  const auto at = declaration.find("encoding");
  if (at == std::string_view::npos) return {};
  const auto quote = declaration.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return {};
  const auto close = declaration.find(declaration[quote], quote + 1);
  if (close == std::string_view::npos) return {};
  return declaration.substr(quote + 1, close - quote - 1);
}

std::vector<char> windows_1252_to_utf8(const std::vector<char>& text) {
  std::vector<char> out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const unsigned code = (byte >= 0x80 && byte < 0xA0) ? cp1252_high.at(byte - 0x80U) : byte;
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0U | (code >> 6U)));
      out.push_back(static_cast<char>(0x80U | (code & 0x3FU)));
    } else {
      out.push_back(static_cast<char>(0xE0U | (code >> 12U)));
      out.push_back(static_cast<char>(0x80U | ((code >> 6U) & 0x3FU)));
      out.push_back(static_cast<char>(0x80U | (code & 0x3FU)));
    }
  }
  return out;
}

}  // namespace

std::vector<char> document_text(std::span<const std::byte> bytes, std::string_view format,
                                const ReadLimits& limits) {
  const std::size_t limit = std::min(limits.max_bytes, limits.max_xml_bytes);
  if (bytes.size() > limit) {
    throw Error(Errc::invalid_input, fmt::format("{} file too large: {} bytes, the limit is {}",
                                                 format, bytes.size(), limit));
  }
  const auto* begin = reinterpret_cast<const char*>(bytes.data());
  return {begin, begin + bytes.size()};
}

Document::Document(std::vector<char> text, std::string_view format, const ReadLimits& limits)
    : text_(std::move(text)), lines_(std::span<const std::byte>{}) {
  const std::size_t limit = std::min(limits.max_bytes, limits.max_xml_bytes);
  if (text_.size() > limit) {
    throw Error(Errc::invalid_input, fmt::format("{} file too large: {} bytes, the limit is {}",
                                                 format, text_.size(), limit));
  }
  auto encoding = pugi::encoding_auto;
  const std::string_view start(text_.data(), std::min<std::size_t>(text_.size(), 256));
  if (const std::string lowered = lower_ascii(declared_encoding(start));
      lowered == "windows-1252" || lowered == "cp1252") {
    // Up to three bytes of UTF-8 a byte: the limit holds on the converted size, checked
    // before converting.
    const auto high = static_cast<std::size_t>(std::count_if(
        text_.begin(), text_.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    if (text_.size() + 2 * high > limit) {
      throw Error(Errc::invalid_input,
                  fmt::format("{} file too large: more than {} bytes once read as UTF-8, the "
                              "limit is {}",
                              format, text_.size() + high, limit));
    }
    text_ = windows_1252_to_utf8(text_);
    encoding = pugi::encoding_utf8;
  }
  lines_ = LineCounter(std::as_bytes(std::span<const char>(text_)));
  budget_.limit = limits.max_xml_tree_bytes;
  pugi::xml_parse_result result;
  {
    const ChargeTo charge(budget_);
    // No parse_doctype: pugixml then skips a DOCTYPE without reading it. It never loads
    // external entities or DTDs and never expands entities other than the five predefined
    // ones and character references; "&lol9;" stays the literal text "&lol9;".
    constexpr unsigned flags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol;
    result = doc_.load_buffer_inplace(text_.data(), text_.size(), flags, encoding);
  }
  if (!result) {
    const std::size_t line = lines_.line_at(result.offset);
    if (result.status == pugi::status_out_of_memory && budget_.exceeded) {
      throw Error(
          Errc::invalid_input,
          fmt::format(
              "{} file refused at line {}: its document tree needs more than {} "
              "MiB (millions of tiny elements: no real file within the size limit needs as much)",
              format, line, limits.max_xml_tree_bytes / (std::size_t{1024} * 1024)));
    }
    if (result.status == pugi::status_out_of_memory) throw std::bad_alloc();
    throw Error(Errc::corrupt_file, fmt::format("{} not well-formed at line {}: {}", format, line,
                                                lower_ascii(result.description())));
  }
  if (!doc_.document_element()) {
    throw Error(Errc::corrupt_file, fmt::format("not a {} file: no root element", format));
  }
  const std::string_view prolog(text_.data(), prolog_end(doc_, text_.size()));
  if (const auto pos = prolog.find("<!DOCTYPE"); pos != std::string_view::npos) {
    doctype_line_ = lines_.line_at(static_cast<std::ptrdiff_t>(pos));
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
