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
// Slicing-by-16: table k gives the CRC contribution of a byte followed by k zero bytes, so
// sixteen bytes are folded in with sixteen independent lookups and no per-bit or per-byte
// dependency chain (8 KiB of tables, in L1). The CRC is a large part of reading a FIT
// file: it covers every byte, where decoding skips the fields we do not use.
constexpr std::size_t crc_slices = 16;
using CrcTables = std::array<std::array<std::uint16_t, 256>, crc_slices>;

constexpr CrcTables make_crc_tables() {
  CrcTables tables{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1U) != 0 ? (crc >> 1U) ^ 0xA001U : crc >> 1U;
    tables[0][byte] = static_cast<std::uint16_t>(crc);
  }
  for (std::size_t k = 1; k < crc_slices; ++k) {
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
  constexpr std::size_t slices = detail::crc_slices;
  while (left >= slices) {
    const auto low = static_cast<std::uint32_t>(p[0] ^ (crc & 0xFFU));
    const auto high = static_cast<std::uint32_t>(p[1] ^ (crc >> 8U));
    crc = static_cast<std::uint16_t>(t[15][low] ^ t[14][high] ^ t[13][p[2]] ^ t[12][p[3]] ^
                                     t[11][p[4]] ^ t[10][p[5]] ^ t[9][p[6]] ^ t[8][p[7]] ^
                                     t[7][p[8]] ^ t[6][p[9]] ^ t[5][p[10]] ^ t[4][p[11]] ^
                                     t[3][p[12]] ^ t[2][p[13]] ^ t[1][p[14]] ^ t[0][p[15]]);
    p += slices;
    left -= slices;
  }
  for (; left > 0; --left, ++p) {
    crc = static_cast<std::uint16_t>((crc >> 8U) ^ t[0][(crc ^ *p) & 0xFFU]);
  }
  return crc;
}

}  // namespace cairn::formats::fit
