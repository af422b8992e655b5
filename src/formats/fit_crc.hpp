#pragma once
/// \file
/// The CRC of the FIT protocol (CRC-16 with polynomial 0x8005 reflected, initial value 0,
/// also known as CRC-16/ARC), over a FIT header or a whole FIT file.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace cairn::formats::fit {

namespace detail {
constexpr std::array<std::uint16_t, 256> make_crc_table() {
  std::array<std::uint16_t, 256> table{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1U) != 0 ? (crc >> 1U) ^ 0xA001U : crc >> 1U;
    table[byte] = static_cast<std::uint16_t>(crc);
  }
  return table;
}
inline constexpr std::array<std::uint16_t, 256> crc_table = make_crc_table();
}  // namespace detail

/// Continues `crc` over `bytes` (start with 0).
[[nodiscard]] inline std::uint16_t crc16(std::span<const std::byte> bytes,
                                         std::uint16_t crc = 0) noexcept {
  for (const std::byte b : bytes) {
    crc = static_cast<std::uint16_t>(
        (crc >> 8U) ^ detail::crc_table[(crc ^ static_cast<std::uint16_t>(b)) & 0xFFU]);
  }
  return crc;
}

}  // namespace cairn::formats::fit
