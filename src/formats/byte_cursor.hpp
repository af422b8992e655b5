#pragma once
/// \file
/// A bounds-checked reader over a byte span, private to the formats module. Every read
/// checks what is left and throws cairn::Error(Errc::corrupt_file) naming the byte offset,
/// so a reader of a binary format never reads out of bounds whatever the bytes.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {

/// Little- or big-endian loads from bytes the caller has already bounds-checked (e.g. a
/// span returned by ByteCursor::take). A memcpy and, when the byte order differs from the
/// host's, a byte swap: the compiler makes each one load instruction (these are in the
/// innermost loop of the FIT reader).
template <typename T>
[[nodiscard]] inline T load_as(const std::byte* p, bool big_endian) noexcept {
  static_assert(std::is_unsigned_v<T>);
  T value{};
  std::memcpy(&value, p, sizeof value);
  if (big_endian != (std::endian::native == std::endian::big)) {
    if constexpr (sizeof(T) == 2) {
      value = __builtin_bswap16(value);
    } else if constexpr (sizeof(T) == 4) {
      value = __builtin_bswap32(value);
    } else if constexpr (sizeof(T) == 8) {
      value = __builtin_bswap64(value);
    }
  }
  return value;
}

[[nodiscard]] inline std::uint16_t load_u16(const std::byte* p, bool big_endian) noexcept {
  return load_as<std::uint16_t>(p, big_endian);
}

[[nodiscard]] inline std::uint32_t load_u32(const std::byte* p, bool big_endian) noexcept {
  return load_as<std::uint32_t>(p, big_endian);
}

[[nodiscard]] inline std::uint64_t load_u64(const std::byte* p, bool big_endian) noexcept {
  return load_as<std::uint64_t>(p, big_endian);
}

/// An unsigned integer of 1, 2, 4 or 8 bytes (any other size reads as 0).
[[nodiscard]] inline std::uint64_t load_uint(const std::byte* p, std::size_t size,
                                             bool big_endian) noexcept {
  switch (size) {
    case 1:
      return static_cast<std::uint64_t>(p[0]);
    case 2:
      return load_u16(p, big_endian);
    case 4:
      return load_u32(p, big_endian);
    case 8:
      return load_u64(p, big_endian);
    default:
      return 0;
  }
}

/// Reads a span front to back. Positions are absolute offsets into the span given to the
/// constructor, so error messages point at the byte in the file.
class ByteCursor {
 public:
  /// `what` names the data in error messages, e.g. "FIT data" gives
  /// "FIT data corrupt at byte 1234: need 4 bytes, 2 left".
  ByteCursor(std::span<const std::byte> data, std::string_view what) noexcept
      : data_(data), what_(what) {}

  [[nodiscard]] std::size_t position() const noexcept { return pos_; }
  [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }
  [[nodiscard]] std::size_t remaining() const noexcept { return data_.size() - pos_; }
  [[nodiscard]] bool at_end() const noexcept { return pos_ >= data_.size(); }

  /// The next `count` bytes; throws when fewer are left.
  [[nodiscard]] std::span<const std::byte> take(std::size_t count) {
    if (count > remaining()) fail(pos_, fmt::format("need {} bytes, {} left", count, remaining()));
    const auto bytes = data_.subspan(pos_, count);
    pos_ += count;
    return bytes;
  }

  void skip(std::size_t count) { static_cast<void>(take(count)); }

  [[nodiscard]] std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  [[nodiscard]] std::uint16_t u16(bool big_endian) { return load_u16(take(2).data(), big_endian); }
  [[nodiscard]] std::uint32_t u32(bool big_endian) { return load_u32(take(4).data(), big_endian); }

  /// Moves to an absolute position; throws when it lies past the end.
  void seek(std::size_t position) {
    if (position > data_.size()) {
      fail(pos_, fmt::format("cannot move to byte {}, data ends at {}", position, data_.size()));
    }
    pos_ = position;
  }

  /// Throws the cursor's corrupt-data error for byte `at`.
  [[noreturn]] void fail(std::size_t at, std::string_view message) const {
    throw Error(Errc::corrupt_file, fmt::format("{} corrupt at byte {}: {}", what_, at, message));
  }

 private:
  std::span<const std::byte> data_;
  std::size_t pos_ = 0;
  std::string_view what_;
};

}  // namespace cairn::formats
