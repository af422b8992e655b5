#pragma once
/// \file
/// A compact binary form of a run's track for storage: fixed-point values, deltas from
/// the previous point as zig-zag varints, and a presence mask per point. A 10,000-point run
/// with position, altitude, distance and heart rate takes about 10 bytes a point.

#include <cstddef>
#include <span>
#include <vector>

#include "cairn/core/track.hpp"

namespace cairn {

/// Encodes a track. Values are kept to 1 ms, 1e-7 degree (about 1 cm), 1 cm of altitude and
/// distance, and 0.1 step per minute.
[[nodiscard]] std::vector<std::byte> encode_track(std::span<const TrackPoint> track);

/// Decodes encode_track's bytes. Throws Error(Errc::corrupt_file) naming the byte offset
/// when they are not a track.
[[nodiscard]] std::vector<TrackPoint> decode_track(std::span<const std::byte> bytes);

}  // namespace cairn
