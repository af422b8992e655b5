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
  cairn::formats::ActivityBuilder builder;
  try {
    cairn::formats::read_tcx(cairn::fuzz::as_bytes(data, size), builder, cairn::fuzz::fuzz_limits);
  } catch (const cairn::Error&) {
    // Damaged input; what was reported before the throw is still built, as on import.
  }
  try {
    const auto content = std::move(builder).finish();
    static_cast<void>(content);
  } catch (const cairn::Error&) {
  }
  return 0;
}
