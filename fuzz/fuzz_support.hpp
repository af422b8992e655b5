#pragma once
/// \file
/// What the fuzz targets share: the input as bytes, and the limits that keep one input
/// within libFuzzer's memory and time budget (the defaults allow 512 MB per file).

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/readers.hpp"

namespace cairn::fuzz {

/// libFuzzer's input as the readers take it.
[[nodiscard]] inline std::span<const std::byte> as_bytes(const std::uint8_t* data,
                                                         std::size_t size) {
  return std::as_bytes(std::span(data, size));
}

/// Small enough that a gzip bomb or a flood of records stays far below -rss_limit_mb, large
/// enough that every real corpus file reads whole.
inline constexpr formats::ReadLimits fuzz_limits{.max_bytes = std::size_t{64} * 1024 * 1024,
                                                 .max_samples = 500'000};

/// Runs a reader on the input into an ActivityBuilder and builds the activities, as the
/// import does. Only cairn::Error may leave the reader or the builder; anything else
/// escaping (or a sanitizer report) is a bug and crashes the target.
template <class Read>
int read_into_builder(Read read, const std::uint8_t* data, std::size_t size) {
  formats::ActivityBuilder builder;
  try {
    read(as_bytes(data, size), builder, fuzz_limits);
  } catch (const Error&) {
    // Damaged input; what was reported before the throw is still built, as on import.
  }
  try {
    const auto content = std::move(builder).finish();
    static_cast<void>(content);
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace cairn::fuzz
