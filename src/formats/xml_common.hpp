#pragma once
/// \file
/// What the GPX and TCX readers share: loading an XML document safely (no DTD, no entity
/// expansion), names without namespace prefixes, numbers and ISO 8601 times parsed by hand,
/// line numbers for messages, sport names.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "cairn/formats/activity_sink.hpp"
#include "cairn/formats/readers.hpp"

namespace cairn::formats::xml {

/// An element's name without its namespace prefix: "gpxtpx:hr" → "hr". Readers match by
/// local name so files that use an undeclared or unusual prefix still read.
[[nodiscard]] std::string_view local_name(const pugi::xml_node& node);

/// The prefix of an element's name, empty when it has none: "gpxtpx:hr" → "gpxtpx".
[[nodiscard]] std::string_view name_prefix(const pugi::xml_node& node);

/// The first child element with this local name, or an empty node.
[[nodiscard]] pugi::xml_node child(const pugi::xml_node& parent, std::string_view name);

/// The text of an element (its first text or CDATA child), without surrounding whitespace.
[[nodiscard]] std::string_view text_of(const pugi::xml_node& node);

[[nodiscard]] std::string_view trim(std::string_view text);

/// A finite number in decimal notation (leading '+' and surrounding whitespace allowed);
/// nothing for anything else, including "nan" and "inf".
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

/// An ISO 8601 / XML Schema date-time: "2020-04-18T11:10:44Z", fractions of a second (kept
/// to the millisecond), offsets "+01:00", "-0600" or none (read as UTC, as GPX requires).
[[nodiscard]] std::optional<Instant> parse_time(std::string_view text);

/// A sport name as written in a GPX <type> or a TCX Sport attribute, mapped onto Cairn's
/// lower-case names ("Running", "run", "9" → "running"; "Biking", "ride", "1" → "cycling").
/// Unknown names are kept lower-cased; "", "unknown" and "generic" give "".
struct Sport {
  std::string sport;
  std::string sub_sport;
};
[[nodiscard]] Sport sport_from_name(std::string_view name);
/// The sport in an app's default activity name ("Afternoon Swim", "Morning Ride", "Lunch
/// Run", as Strava names them), or none when the name is not of that form.
[[nodiscard]] Sport sport_from_default_name(std::string_view name);

/// Turns byte offsets into 1-based line numbers. The line breaks are noted once, as bits
/// (an eighth of the text's size), so the text may change afterwards (pugixml parses in
/// place and writes over some line breaks). Offsets asked for in increasing order (the
/// usual case: document order) cost only the words between them.
class LineCounter {
 public:
  explicit LineCounter(std::span<const std::byte> bytes);
  [[nodiscard]] std::size_t line_at(std::ptrdiff_t offset);
  [[nodiscard]] std::size_t line_of(const pugi::xml_node& node) {
    return line_at(node.offset_debug());
  }

 private:
  std::vector<std::uint64_t> breaks_;  // bit i: byte i is '\n'
  std::size_t size_ = 0;
  std::size_t offset_ = 0;
  std::size_t line_ = 1;
};

/// What a document tree may take of memory, and takes (see Document).
struct TreeBudget {
  std::size_t used = 0;
  std::size_t limit = 0;
  bool exceeded = false;
};

/// A parsed document and what messages about it need.
class Document {
 public:
  /// Parses `text` in place as XML for the reader of `format` ("GPX", "TCX"). Throws
  /// Error(invalid_input) above limits.max_xml_bytes or when the tree would take more than
  /// limits.max_xml_tree_bytes, and Error(corrupt_file) for XML that is not well-formed,
  /// with pugixml's description and the line. A DOCTYPE is never processed (pugixml skips
  /// it without expanding entities or loading anything); the reader is told through
  /// `doctype_line` so it can warn. UTF-8, UTF-16, UTF-32, ISO-8859-1 and windows-1252.
  Document(std::vector<char> text, std::string_view format, const ReadLimits& limits);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  Document(Document&&) = delete;
  Document& operator=(Document&&) = delete;
  ~Document() = default;

  [[nodiscard]] pugi::xml_node root() const { return doc_.document_element(); }
  [[nodiscard]] std::optional<std::size_t> doctype_line() const { return doctype_line_; }
  [[nodiscard]] std::size_t line_of(const pugi::xml_node& node) { return lines_.line_of(node); }

 private:
  std::vector<char> text_;  // parsed in place: the tree's strings point into it
  LineCounter lines_;       // of the text as it was before parsing
  // The tree's blocks remember this budget until they are freed: it must outlive doc_,
  // so it is declared before it.
  TreeBudget budget_;
  pugi::xml_document doc_;
  std::optional<std::size_t> doctype_line_;
};

/// The bytes of a document as the vector a Document parses in place, refused above the
/// size limit of `format`'s reader.
[[nodiscard]] std::vector<char> document_text(std::span<const std::byte> bytes,
                                              std::string_view format, const ReadLimits& limits);

/// Passes warnings to the sink, with a cap so a file with a million bad values does not
/// produce a million messages.
class Warnings {
 public:
  explicit Warnings(ActivitySink& sink) : sink_(sink) {}
  void add(std::string_view message);

 private:
  static constexpr std::size_t max_warnings = 50;
  ActivitySink& sink_;
  std::size_t count_ = 0;
};

/// Shortens a value for quoting in a message.
[[nodiscard]] std::string quoted(std::string_view text);

/// The plausible range of a number read from an element.
struct Range {
  double min;
  double max;
};

/// Reports a value that could not be used, naming what it was and its line.
void warn_bad_value(Document& doc, Warnings& warnings, const pugi::xml_node& node,
                    std::string_view what, std::string_view text);

/// The number in an element with text, when it lies in `range`; an element without text
/// (a container) has none, and a bad or implausible one is reported and skipped.
[[nodiscard]] std::optional<double> number_in(Document& doc, Warnings& warnings,
                                              const pugi::xml_node& node, std::string_view what,
                                              Range range);

}  // namespace cairn::formats::xml
