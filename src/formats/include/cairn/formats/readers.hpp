#pragma once
/// \file
/// The readers of activity files and content sniffing. Each takes the whole file as bytes
/// (no I/O) and reports to an ActivitySink; each throws cairn::Error(Errc::corrupt_file)
/// with the byte offset or line when it cannot go on (what was reported before the throw
/// stays reported: a partly readable file) and Error(invalid_input) past a limit.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "cairn/formats/activity_sink.hpp"

namespace cairn::formats {

/// Limits that keep a hostile or broken file from exhausting memory or time. Each is far
/// above what a real activity needs (a week at one record a second is 604,800 records).
struct ReadLimits {
  std::size_t max_bytes = std::size_t{512} * 1024 * 1024;     ///< refuse larger inputs
  std::size_t max_fit_bytes = std::size_t{64} * 1024 * 1024;  ///< FIT is held whole
  std::size_t max_samples = 700'000;                          ///< stop reading records past this
  std::size_t max_laps = 100'000;    ///< laps and timer events past this are dropped
  std::size_t max_sessions = 1'000;  ///< refuse a file with more activities
  /// XML is read whole into a document tree (several times faster than streaming it), so
  /// it has a size limit (40 hours at one point a second with heart rate and cadence is
  /// about 28 MB) and the tree a memory budget: a real file takes up to about 4.5 times its
  /// bytes, so every file within the size limit fits, and a document of millions of tiny
  /// elements stops there, whatever it packs.
  std::size_t max_xml_bytes = std::size_t{28} * 1024 * 1024;
  std::size_t max_xml_tree_bytes = std::size_t{128} * 1024 * 1024;
};

/// A file's bytes in chunks, in order, for a reader that stops early or sizes its buffer
/// by what actually arrives.
class ByteSource {
 public:
  ByteSource() = default;
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;
  ByteSource(ByteSource&&) = delete;
  ByteSource& operator=(ByteSource&&) = delete;
  virtual ~ByteSource() = default;
  /// The next chunk, valid until the next call; empty at the end.
  [[nodiscard]] virtual std::span<const std::byte> next() = 0;
  /// About how many bytes are left, to make room once (0: unknown). Only a hint: it may
  /// be wrong, and a reader bounds it by its own limits.
  [[nodiscard]] virtual std::size_t size_hint() const { return 0; }
};

enum class FileFormat : std::uint8_t { fit, gpx, tcx, gzip, zip, unknown };

/// Tells the format from the first bytes (".FIT" signature, gzip and zip magic, the XML
/// root element), never from the file name.
[[nodiscard]] FileFormat sniff_format(std::span<const std::byte> bytes);
[[nodiscard]] std::string_view file_format_name(FileFormat format);

/// FIT: 12- or 14-byte header, header and file CRC (a bad CRC is a warning), definition
/// and data messages in both byte orders, compressed-timestamp headers, developer fields,
/// chained files (including parts without a file id), several sessions, laps, records,
/// timer events and device info.
void read_fit(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits = {});

/// GPX 1.0 and 1.1 in UTF-8, UTF-16, ISO-8859-1 or windows-1252: tracks and segments,
/// routes, waypoints; heart rate, cadence, temperature and power from the common
/// extensions. Never expands entities or loads DTDs. The overload taking a vector parses
/// it in place (no copy).
void read_gpx(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits = {});
void read_gpx(std::vector<char> document, ActivitySink& sink, const ReadLimits& limits = {});

/// TCX: activities, laps, tracks, trackpoints with heart rate, cadence, speed and power
/// extensions; courses. Never expands entities or loads DTDs.
void read_tcx(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits = {});
void read_tcx(std::vector<char> document, ActivitySink& sink, const ReadLimits& limits = {});

}  // namespace cairn::formats
