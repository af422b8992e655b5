#pragma once
/// \file
/// gzip decompression with a cap on the output, for activity files that arrive compressed
/// (Strava's bulk export, watch folders): recognised by content, inflated safely.

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "cairn/formats/readers.hpp"

namespace cairn::formats {

/// Decompresses a gzip stream (several members concatenated are allowed; zero bytes of
/// padding after the last member are ignored). Throws Error(corrupt_file) for bad data (a
/// bad header, a bad CRC or length, a truncated stream, other data after a member) and
/// Error(invalid_input) when the output would exceed max_output bytes — a cap on the
/// *actual* decompressed size, checked while inflating, so a zip bomb costs at most
/// max_output bytes of memory.
[[nodiscard]] std::vector<std::byte> gunzip(std::span<const std::byte> bytes,
                                            std::size_t max_output);

/// The same decompression in chunks as a reader asks for them, so a large file is never
/// held whole once inflated. Throws from next() what gunzip throws.
class GzipSource final : public ByteSource {
 public:
  GzipSource(std::span<const std::byte> compressed, std::size_t max_output);
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  GzipSource(GzipSource&&) = delete;
  GzipSource& operator=(GzipSource&&) = delete;
  ~GzipSource() override;

  [[nodiscard]] std::span<const std::byte> next() override;
  /// The size the gzip trailer records (modulo 4 GiB, of the last member: a hint).
  [[nodiscard]] std::size_t size_hint() const override;

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
};

}  // namespace cairn::formats
