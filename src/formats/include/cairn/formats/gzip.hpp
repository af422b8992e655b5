#pragma once
/// \file
/// gzip decompression with a cap on the output, for activity files that arrive compressed
/// (Strava's bulk export, watch folders): recognised by content, inflated safely.

#include <cstddef>
#include <span>
#include <vector>

namespace cairn::formats {

/// Decompresses a gzip stream (several members concatenated are allowed; zero bytes of
/// padding after the last member are ignored). Throws Error(corrupt_file) for bad data (a
/// bad header, a bad CRC or length, a truncated stream, other data after a member) and
/// Error(invalid_input) when the output would exceed max_output bytes — a cap on the
/// *actual* decompressed size, checked while inflating, so a zip bomb costs at most
/// max_output bytes of memory.
[[nodiscard]] std::vector<std::byte> gunzip(std::span<const std::byte> bytes,
                                            std::size_t max_output);

}  // namespace cairn::formats
