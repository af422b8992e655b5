// gzip through zlib, a chunk at a time. The output is counted as inflate produces it, so
// the cap holds on what the data actually inflates to, not on what a header claims (the
// ISIZE trailer is only the size modulo 4 GiB, and can lie).

#include <algorithm>
#include <climits>
#include <cstdint>
#include <new>

#include <fmt/format.h>

#include "cairn/formats/gzip.hpp"

#define ZLIB_CONST
#include <zlib.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

constexpr std::size_t max_feed = std::size_t{1} << 30;  // what fits in zlib's uInt counts
constexpr std::size_t chunk_size = std::size_t{256} * 1024;

bool all_zero(std::span<const std::byte> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::byte b) { return b == std::byte{0}; });
}

}  // namespace

struct GzipSource::Stream {
  std::span<const std::byte> input;
  std::size_t max_output = 0;
  std::size_t fed = 0;       // input bytes handed to zlib so far
  std::size_t produced = 0;  // output bytes so far
  bool done = false;
  z_stream zlib{};
  std::vector<std::byte> chunk = std::vector<std::byte>(chunk_size);

  Stream(std::span<const std::byte> compressed, std::size_t max)
      : input(compressed), max_output(max) {
    // windowBits 16 + 15: a gzip wrapper (header, CRC-32 and length checked by zlib).
    if (inflateInit2_(&zlib, 16 + MAX_WBITS, ZLIB_VERSION, static_cast<int>(sizeof(z_stream))) !=
        Z_OK) {
      throw std::bad_alloc();
    }
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  Stream(Stream&&) = delete;
  Stream& operator=(Stream&&) = delete;
  ~Stream() { inflateEnd(&zlib); }

  [[nodiscard]] std::size_t consumed() const { return fed - zlib.avail_in; }

  std::span<const std::byte> next() {
    std::size_t filled = 0;
    while (!done && filled < chunk.size()) {
      if (zlib.avail_in == 0 && fed < input.size()) {
        const std::size_t count = std::min(max_feed, input.size() - fed);
        zlib.next_in = reinterpret_cast<const Bytef*>(input.data() + fed);
        zlib.avail_in = static_cast<uInt>(count);
        fed += count;
      }
      const std::size_t room = chunk.size() - filled;
      zlib.next_out = reinterpret_cast<Bytef*>(chunk.data() + filled);
      zlib.avail_out = static_cast<uInt>(room);
      const int status = inflate(&zlib, Z_NO_FLUSH);
      const std::size_t made = room - zlib.avail_out;
      filled += made;
      produced += made;
      if (produced > max_output) {
        throw Error(Errc::invalid_input,
                    fmt::format("gzip data larger than {} bytes once decompressed", max_output));
      }
      if (status == Z_OK) continue;
      if (status == Z_STREAM_END) {
        const std::size_t at = consumed();
        const auto rest = input.subspan(at);
        if (rest.empty() || all_zero(rest)) {
          done = true;
        } else if (rest.size() >= 2 && rest[0] == std::byte{0x1F} && rest[1] == std::byte{0x8B}) {
          inflateReset(&zlib);  // the next member of a concatenated gzip file
        } else {
          throw Error(
              Errc::corrupt_file,
              fmt::format("gzip data corrupt at byte {}: data after the end of the stream", at));
        }
        continue;
      }
      if (status == Z_BUF_ERROR) {
        // No progress although there is room for output: the input ran out mid-stream.
        throw Error(Errc::corrupt_file, fmt::format("gzip data truncated at byte {}", consumed()));
      }
      if (status == Z_MEM_ERROR) throw std::bad_alloc();
      throw Error(Errc::corrupt_file,
                  fmt::format("gzip data corrupt at byte {}: {}", consumed(),
                              zlib.msg != nullptr ? zlib.msg : "bad compressed data"));
    }
    return std::span<const std::byte>(chunk).first(filled);
  }
};

GzipSource::GzipSource(std::span<const std::byte> compressed, std::size_t max_output) {
  if (compressed.empty()) throw Error(Errc::corrupt_file, "gzip data empty");
  stream_ = std::make_unique<Stream>(compressed, max_output);
}

GzipSource::~GzipSource() = default;

std::span<const std::byte> GzipSource::next() { return stream_->next(); }

std::size_t GzipSource::size_hint() const {
  const auto input = stream_->input;
  if (input.size() < 4) return 0;
  const auto byte = [&](std::size_t from_end) {
    return static_cast<std::size_t>(input[input.size() - from_end]);
  };
  const std::size_t recorded = byte(4) | byte(3) << 8U | byte(2) << 16U | byte(1) << 24U;
  return recorded > stream_->produced ? recorded - stream_->produced : 0;
}

std::vector<std::byte> gunzip(std::span<const std::byte> bytes, std::size_t max_output) {
  GzipSource source(bytes, max_output);
  std::vector<std::byte> out;
  for (auto chunk = source.next(); !chunk.empty(); chunk = source.next()) {
    out.insert(out.end(), chunk.begin(), chunk.end());
  }
  return out;
}

}  // namespace cairn::formats
