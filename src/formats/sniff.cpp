// Telling a file's format from its content, never from its name: runners rename files,
// and exports gzip them.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "cairn/formats/readers.hpp"

namespace cairn::formats {
namespace {

bool starts_with(std::span<const std::byte> bytes, std::initializer_list<unsigned char> magic) {
  if (bytes.size() < magic.size()) return false;
  return std::equal(magic.begin(), magic.end(), bytes.begin(),
                    [](unsigned char m, std::byte b) { return static_cast<std::byte>(m) == b; });
}

// The name of the first element of an XML document, skipping a byte-order mark, the XML
// declaration, comments, processing instructions and whitespace.
std::string_view xml_root_name(std::span<const std::byte> bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()),
                              std::min<std::size_t>(bytes.size(), std::size_t{64} * 1024));
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

// A UTF-16 document's start as ASCII (other characters become '?'), so its root element can
// be told like any other's; empty when the bytes do not look like UTF-16 XML. Windows
// programs write GPX in UTF-16, with or without a byte-order mark.
std::string utf16_as_ascii(std::span<const std::byte> bytes) {
  const auto byte = [&bytes](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() < 4) return {};
  bool little_endian = false;
  std::size_t start = 0;
  if (byte(0) == 0xFF && byte(1) == 0xFE) {
    little_endian = true;
    start = 2;
  } else if (byte(0) == 0xFE && byte(1) == 0xFF) {
    start = 2;
  } else if (byte(0) == '<' && byte(1) == 0) {
    little_endian = true;
  } else if (!(byte(0) == 0 && byte(1) == '<')) {
    return {};
  }
  std::string text;
  const std::size_t end =
      std::min<std::size_t>(bytes.size(), std::size_t{128} * 1024) & ~std::size_t{1};
  for (std::size_t i = start; i + 1 < end; i += 2) {
    const unsigned low = little_endian ? byte(i) : byte(i + 1);
    const unsigned high = little_endian ? byte(i + 1) : byte(i);
    text.push_back(high == 0 && low < 0x80 ? static_cast<char>(low) : '?');
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
  const std::string utf16 = utf16_as_ascii(bytes);
  const std::string_view root =
      utf16.empty()
          ? xml_root_name(bytes)
          : xml_root_name(std::as_bytes(std::span<const char>(utf16.data(), utf16.size())));
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
