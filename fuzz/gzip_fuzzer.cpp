// Fuzz target: gunzip. Half the inputs are taken as a gzip stream (any outcome but a crash
// or an output beyond the cap is fine); the other half are compressed with zlib's own
// deflate and must come back byte for byte, or be refused for the cap when they are larger.
// Only cairn::Error may leave gunzip; anything else escaping is a bug and crashes.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#include <zlib.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/gzip.hpp"

#include "fuzz_support.hpp"

namespace {

// Small, so a bomb costs little and the cap's edge is reached often.
constexpr std::size_t max_output = std::size_t{1} << 20;

// A gzip member of `input` made by zlib itself, at a level chosen by the input.
std::vector<std::uint8_t> gzip_with_zlib(std::span<const std::uint8_t> input, int level) {
  z_stream stream{};
  // windowBits 16 + 15: a gzip wrapper; memLevel 8 is zlib's default.
  if (deflateInit2_(&stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                    static_cast<int>(sizeof(z_stream))) != Z_OK) {
    std::abort();
  }
  std::vector<std::uint8_t> out(deflateBound(&stream, static_cast<uLong>(input.size())) + 32);
  stream.next_in = const_cast<Bytef*>(input.data());  // zlib's API is not const-correct
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) std::abort();
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool round_trip = (data[0] & 1U) != 0;
  if (!round_trip) {
    try {
      const auto out = cairn::formats::gunzip(cairn::fuzz::as_bytes(data, size), max_output);
      if (out.size() > max_output) __builtin_trap();  // the cap is the point of gunzip
    } catch (const cairn::Error&) {
    }
    return 0;
  }
  const std::span<const std::uint8_t> plain(data + 1, size - 1);
  const auto packed = gzip_with_zlib(plain, static_cast<int>(data[0] >> 1U) % 10);
  try {
    const auto out =
        cairn::formats::gunzip(cairn::fuzz::as_bytes(packed.data(), packed.size()), max_output);
    if (out.size() != plain.size() ||
        (!plain.empty() && std::memcmp(out.data(), plain.data(), plain.size()) != 0)) {
      __builtin_trap();  // zlib's own output did not come back
    }
  } catch (const cairn::Error&) {
    if (plain.size() <= max_output) __builtin_trap();  // valid data within the cap refused
  }
  return 0;
}
