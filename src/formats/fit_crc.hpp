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
// Slicing-by-8: table k gives the CRC contribution of a byte followed by k zero bytes, so
// eight bytes are folded in with eight lookups and no per-bit or per-byte dependency
// chain. The CRC is a quarter of all the work of decoding a large file otherwise.
using CrcTables = std::array<std::array<std::uint16_t, 256>, 8>;

constexpr CrcTables make_crc_tables() {
  CrcTables tables{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1U) != 0 ? (crc >> 1U) ^ 0xA001U : crc >> 1U;
    tables[0][byte] = static_cast<std::uint16_t>(crc);
  }
  for (std::size_t k = 1; k < 8; ++k) {
    for (std::size_t byte = 0; byte < 256; ++byte) {
      const std::uint16_t previous = tables[k - 1][byte];
      tables[k][byte] = static_cast<std::uint16_t>((previous >> 8U) ^ tables[0][previous & 0xFFU]);
    }
  }
  return tables;
}
inline constexpr CrcTables crc_tables = make_crc_tables();
}  // namespace detail

/// Continues `crc` over `bytes` (start with 0).
[[nodiscard]] inline std::uint16_t crc16(std::span<const std::byte> bytes,
                                         std::uint16_t crc = 0) noexcept {
  const auto& t = detail::crc_tables;
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::size_t left = bytes.size();
  while (left >= 8) {
    const auto low = static_cast<std::uint32_t>(p[0] ^ (crc & 0xFFU));
    const auto high = static_cast<std::uint32_t>(p[1] ^ (crc >> 8U));
    crc = static_cast<std::uint16_t>(t[7][low] ^ t[6][high] ^ t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^
                                     t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]);
    p += 8;
    left -= 8;
  }
  for (; left > 0; --left, ++p) {
    crc = static_cast<std::uint16_t>((crc >> 8U) ^ t[0][(crc ^ *p) & 0xFFU]);
  }
  return crc;
}

}  // namespace cairn::formats::fit
