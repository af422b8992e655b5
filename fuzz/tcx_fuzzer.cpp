// Fuzz target: the TCX reader, its events collected by the ActivityBuilder as on import.
// Only cairn::Error may leave the reader or the builder; anything else escaping (or a
// sanitizer report) is a bug and crashes the target.

#include <cstddef>
#include <cstdint>
#include <utility>

#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/readers.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return cairn::fuzz::read_into_builder(&cairn::formats::read_tcx, data, size);
}
