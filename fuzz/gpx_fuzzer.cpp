// Fuzz target: the GPX reader, its events collected by the ActivityBuilder as on import.
// Only cairn::Error may leave the reader or the builder; anything else escaping (or a
// sanitizer report) is a bug and crashes the target.

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/readers.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The overload taking the bytes as a span (another takes a buffer to parse in place).
  void (*read)(std::span<const std::byte>, cairn::formats::ActivitySink&,
               const cairn::formats::ReadLimits&) = &cairn::formats::read_gpx;
  return cairn::fuzz::read_into_builder(read, data, size);
}
