// Telling a file's format from its content, never from its name: runners rename files,
// and exports gzip them.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "cairn/formats/readers.hpp"

namespace cairn::formats {
namespace {

// How far into a file its root element is looked for: past a long comment or DOCTYPE, but
// not through a whole file that is not XML.
constexpr std::size_t max_sniffed_bytes = std::size_t{1} << 20U;

bool starts_with(std::span<const std::byte> bytes, std::initializer_list<unsigned char> magic) {
  if (bytes.size() < magic.size()) return false;
  return std::equal(magic.begin(), magic.end(), bytes.begin(),
                    [](unsigned char m, std::byte b) { return static_cast<std::byte>(m) == b; });
}

// The name of the first element of an XML document, skipping a byte-order mark, the XML
// declaration, comments, processing instructions and whitespace.
std::string_view xml_root_name(std::span<const std::byte> bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()),
                              std::min(bytes.size(), max_sniffed_bytes));
  std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < text.size()) {
    pos = text.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= text.size()) return {};
    const char next = text[pos + 1];
    if (next == '?' || next == '!') {
      const auto end = text.find('>', pos);
      if (end == std::string_view::npos) return {};
      pos = end + 1;
      continue;
    }
    const std::size_t start = pos + 1;
    std::size_t end = start;
    while (end < text.size() && text[end] != ' ' && text[end] != '>' && text[end] != '\t' &&
           text[end] != '\r' && text[end] != '\n' && text[end] != '/') {
      ++end;
    }
    std::string_view name = text.substr(start, end - start);
    if (const auto colon = name.find(':'); colon != std::string_view::npos) {
      name.remove_prefix(colon + 1);
    }
    return name;
  }
  return {};
}

// A UTF-16 or UTF-32 document's start as ASCII (other characters become '?'), so its root
// element can be told like any other's; empty when the bytes do not look like either.
// Windows programs write GPX in UTF-16, with or without a byte-order mark.
std::string wide_as_ascii(std::span<const std::byte> bytes) {
  const auto byte = [&bytes](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() < 4) return {};
  std::size_t width = 0;
  bool little_endian = false;
  std::size_t start = 0;
  if (byte(0) == 0xFF && byte(1) == 0xFE && byte(2) == 0 && byte(3) == 0) {
    width = 4, little_endian = true, start = 4;
  } else if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) {
    width = 4, start = 4;
  } else if (byte(0) == '<' && byte(1) == 0 && byte(2) == 0 && byte(3) == 0) {
    width = 4, little_endian = true;
  } else if (byte(0) == 0 && byte(1) == 0 && byte(2) == 0 && byte(3) == '<') {
    width = 4;
  } else if (byte(0) == 0xFF && byte(1) == 0xFE) {
    width = 2, little_endian = true, start = 2;
  } else if (byte(0) == 0xFE && byte(1) == 0xFF) {
    width = 2, start = 2;
  } else if (byte(0) == '<' && byte(1) == 0) {
    width = 2, little_endian = true;
  } else if (byte(0) == 0 && byte(1) == '<') {
    width = 2;
  } else {
    return {};
  }
  std::string text;
  const std::size_t end = std::min(bytes.size(), max_sniffed_bytes * width);
  for (std::size_t i = start; i + width <= end; i += width) {
    const unsigned low = little_endian ? byte(i) : byte(i + width - 1);
    bool high_zero = true;
    for (std::size_t k = 1; k < width; ++k) {
      high_zero = high_zero && byte(little_endian ? i + k : i + width - 1 - k) == 0;
    }
    text.push_back(high_zero && low < 0x80 ? static_cast<char>(low) : '?');
  }
  return text;
}

}  // namespace

FileFormat sniff_format(std::span<const std::byte> bytes) {
  if (starts_with(bytes, {0x1F, 0x8B})) return FileFormat::gzip;
  if (starts_with(bytes, {'P', 'K', 0x03, 0x04}) || starts_with(bytes, {'P', 'K', 0x05, 0x06})) {
    return FileFormat::zip;
  }
  // FIT: header size 12 or 14, then ".FIT" at bytes 8-11.
  if (bytes.size() >= 12 && (bytes[0] == std::byte{12} || bytes[0] == std::byte{14}) &&
      starts_with(bytes.subspan(8), {'.', 'F', 'I', 'T'})) {
    return FileFormat::fit;
  }
  const std::string wide = wide_as_ascii(bytes);
  const std::string_view root =
      wide.empty() ? xml_root_name(bytes)
                   : xml_root_name(std::as_bytes(std::span<const char>(wide.data(), wide.size())));
  if (root == "gpx") return FileFormat::gpx;
  if (root == "TrainingCenterDatabase") return FileFormat::tcx;
  return FileFormat::unknown;
}

std::string_view file_format_name(FileFormat format) {
  switch (format) {
    case FileFormat::fit:
      return "fit";
    case FileFormat::gpx:
      return "gpx";
    case FileFormat::tcx:
      return "tcx";
    case FileFormat::gzip:
      return "gzip";
    case FileFormat::zip:
      return "zip";
    case FileFormat::unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace cairn::formats
