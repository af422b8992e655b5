// gzip through zlib. The output buffer grows as inflate fills it and never beyond
// max_output + 1 bytes, so the cap holds on what the data actually inflates to, not on what
// a header claims (the ISIZE trailer is only the size modulo 4 GiB, and can lie).

#include <algorithm>
#include <climits>
#include <cstdint>
#include <limits>
#include <new>

#include <fmt/format.h>

#include "cairn/formats/gzip.hpp"

#define ZLIB_CONST
#include <zlib.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

constexpr std::size_t max_chunk = std::size_t{1} << 30;  // what fits in zlib's uInt counts

// Ends the inflate stream however we leave.
class Inflater {
 public:
  Inflater() {
    // windowBits 16 + 15: a gzip wrapper (header, CRC-32 and length checked by zlib).
    if (inflateInit2_(&stream_, 16 + MAX_WBITS, ZLIB_VERSION, static_cast<int>(sizeof(z_stream))) !=
        Z_OK) {
      throw std::bad_alloc();
    }
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  Inflater(Inflater&&) = delete;
  Inflater& operator=(Inflater&&) = delete;
  ~Inflater() { inflateEnd(&stream_); }

  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
};

bool all_zero(std::span<const std::byte> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

}  // namespace

std::vector<std::byte> gunzip(std::span<const std::byte> bytes, std::size_t max_output) {
  if (bytes.empty()) throw Error(Errc::corrupt_file, "gzip data empty");
  const std::size_t cap = max_output == std::numeric_limits<std::size_t>::max()
                              ? max_output
                              : max_output + 1;  // one more byte tells "too large"
  const std::size_t guess = bytes.size() > cap / 4 ? cap : bytes.size() * 4;
  std::vector<std::byte> out(std::min(cap, std::max<std::size_t>(guess, std::size_t{64} * 1024U)));
  std::size_t produced = 0;
  std::size_t fed = 0;  // input bytes handed to zlib so far

  Inflater inflater;
  z_stream& stream = inflater.stream();
  const auto consumed = [&] { return fed - stream.avail_in; };
  for (;;) {
    if (stream.avail_in == 0 && fed < bytes.size()) {
      const std::size_t count = std::min(max_chunk, bytes.size() - fed);
      stream.next_in = reinterpret_cast<const Bytef*>(bytes.data() + fed);
      stream.avail_in = static_cast<uInt>(count);
      fed += count;
    }
    if (produced == out.size()) {
      if (out.size() >= cap) break;  // reported below
      const std::size_t grown = out.size() > cap / 2 ? cap : out.size() * 2;
      out.resize(grown);
    }
    const std::size_t room = std::min(max_chunk, out.size() - produced);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(room);

    const int status = inflate(&stream, Z_NO_FLUSH);
    produced += room - stream.avail_out;
    if (produced > max_output) break;

    if (status == Z_OK) continue;
    if (status == Z_STREAM_END) {
      const std::size_t at = consumed();
      const auto rest = bytes.subspan(at);
      if (rest.empty() || all_zero(rest)) {
        out.resize(produced);
        return out;
      }
      if (rest.size() >= 2 && rest[0] == std::byte{0x1F} && rest[1] == std::byte{0x8B}) {
        inflateReset(&stream);  // the next member of a concatenated gzip file
        continue;
      }
      throw Error(
          Errc::corrupt_file,
          fmt::format("gzip data corrupt at byte {}: data after the end of the stream", at));
    }
    if (status == Z_BUF_ERROR) {
      // No progress although there is room for output: the input ran out mid-stream.
      throw Error(Errc::corrupt_file, fmt::format("gzip data truncated at byte {}", consumed()));
    }
    if (status == Z_MEM_ERROR) throw std::bad_alloc();
    throw Error(Errc::corrupt_file,
                fmt::format("gzip data corrupt at byte {}: {}", consumed(),
                            stream.msg != nullptr ? stream.msg : "bad compressed data"));
  }
  throw Error(Errc::invalid_input,
              fmt::format("gzip data larger than {} bytes once decompressed", max_output));
}

}  // namespace cairn::formats
