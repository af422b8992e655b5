// Fuzz target: the whole read path of `cairn import` and `cairn inspect` — sniffing,
// gunzip, the FIT, GPX or TCX reader, the ActivityBuilder, then make_run for each activity
// (distance, moving time, elevation, splits, track). Only cairn::Error may escape any of
// them; anything else (or a sanitizer report) is a bug and crashes the target.

#include <cstddef>
#include <cstdint>

#include "cairn/core/error.hpp"
#include "cairn/formats/activity.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto content = cairn::formats::read_activity_file(cairn::fuzz::as_bytes(data, size),
                                                            cairn::fuzz::fuzz_limits);
    for (const auto& activity : content.activities) {
      static_cast<void>(cairn::formats::is_run(activity));
      try {
        const auto draft = cairn::formats::make_run(activity, "UTC");
        static_cast<void>(draft);
      } catch (const cairn::Error&) {
        // An activity without any time cannot be a run; the others in the file still are.
      }
    }
  } catch (const cairn::Error&) {
  }
  return 0;
}
