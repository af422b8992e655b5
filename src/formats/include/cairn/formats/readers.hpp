#pragma once
/// \file
/// The readers of activity files and content sniffing. Each takes the whole file as bytes
/// (no I/O), reads through a bounds-checked cursor, and reports to an ActivitySink. Each
/// throws cairn::Error(Errc::corrupt_file) with the byte offset or line when it cannot go
/// on; what was reported before the throw stays reported (a partly readable file).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "cairn/formats/activity_sink.hpp"

namespace cairn::formats {

/// Limits that keep a hostile or broken file from exhausting memory or time.
struct ReadLimits {
  std::size_t max_bytes = std::size_t{512} * 1024 * 1024;  ///< refuse larger inputs
  std::size_t max_samples = 5'000'000;                     ///< stop reading records past this
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

/// GPX 1.0 and 1.1: tracks and segments, routes, waypoints; heart rate, cadence,
/// temperature and power from the common extensions. Never expands entities or DTDs.
void read_gpx(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits = {});

/// TCX: activities, laps, tracks, trackpoints with heart rate, cadence, speed and power
/// extensions; courses. Never expands entities or DTDs.
void read_tcx(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits = {});

}  // namespace cairn::formats
