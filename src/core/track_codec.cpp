#include "cairn/core/track_codec.hpp"

#include <array>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

constexpr std::byte format_version{1};

// The fields in encoding order, each with its fixed-point scale.
enum Field : unsigned { offset, latitude, longitude, altitude, distance, heart_rate, cadence };
constexpr std::size_t field_count = 7;
constexpr std::array<double, field_count> scale{1000.0, 1e7, 1e7, 100.0, 100.0, 1.0, 10.0};

std::uint64_t zigzag(std::int64_t value) {
  return (static_cast<std::uint64_t>(value) << 1U) ^ static_cast<std::uint64_t>(value >> 63);
}

std::int64_t unzigzag(std::uint64_t value) {
  return static_cast<std::int64_t>(value >> 1U) ^ -static_cast<std::int64_t>(value & 1U);
}

void put_varint(std::vector<std::byte>& out, std::uint64_t value) {
  while (value >= 0x80U) {
    out.push_back(static_cast<std::byte>((value & 0x7FU) | 0x80U));
    value >>= 7U;
  }
  out.push_back(static_cast<std::byte>(value));
}

class Reader {
 public:
  explicit Reader(std::span<const std::byte> bytes) : bytes_(bytes) {}
  [[nodiscard]] bool done() const { return pos_ == bytes_.size(); }
  std::byte byte() {
    if (pos_ >= bytes_.size()) throw corrupt("need 1 byte, 0 left");
    return bytes_[pos_++];
  }
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      const auto b = std::to_integer<std::uint64_t>(byte());
      value |= (b & 0x7FU) << shift;
      if ((b & 0x80U) == 0) return value;
    }
    throw corrupt("varint longer than 10 bytes");
  }
  [[nodiscard]] Error corrupt(std::string_view what) const {
    return Error(Errc::corrupt_file,
                 fmt::format("stored track corrupt at byte {}: {}", pos_, what));
  }

 private:
  std::span<const std::byte> bytes_;
  std::size_t pos_ = 0;
};

std::array<std::optional<double>, field_count> fields_of(const TrackPoint& point) {
  std::optional<double> hr;
  if (point.heart_rate_bpm) hr = static_cast<double>(*point.heart_rate_bpm);
  return {point.offset.count(), point.latitude_deg, point.longitude_deg,
          point.altitude_m,     point.distance_m,   hr,
          point.cadence_spm};
}

}  // namespace

std::vector<std::byte> encode_track(std::span<const TrackPoint> track) {
  std::vector<std::byte> out;
  out.reserve(track.size() * 12 + 8);
  out.push_back(format_version);
  put_varint(out, track.size());
  std::array<std::int64_t, field_count> previous{};
  for (const auto& point : track) {
    const auto fields = fields_of(point);
    unsigned mask = 0;
    for (unsigned f = 0; f < field_count; ++f) {
      if (fields[f] && std::isfinite(*fields[f])) mask |= 1U << f;
    }
    out.push_back(static_cast<std::byte>(mask));
    for (unsigned f = 0; f < field_count; ++f) {
      if ((mask & (1U << f)) == 0) continue;
      const auto fixed = static_cast<std::int64_t>(std::llround(*fields[f] * scale[f]));
      put_varint(out, zigzag(fixed - previous[f]));
      previous[f] = fixed;
    }
  }
  return out;
}

std::vector<TrackPoint> decode_track(std::span<const std::byte> bytes) {
  Reader reader(bytes);
  if (reader.byte() != format_version) throw reader.corrupt("unknown track format version");
  const std::uint64_t count = reader.varint();
  // Every point takes at least one byte, so a count beyond the bytes left is a lie.
  if (count > bytes.size()) throw reader.corrupt("point count larger than the data");
  std::vector<TrackPoint> track;
  track.reserve(count);
  std::array<std::int64_t, field_count> previous{};
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto mask = std::to_integer<unsigned>(reader.byte());
    if (mask >= (1U << field_count)) throw reader.corrupt("unknown fields in point mask");
    std::array<std::optional<double>, field_count> fields{};
    for (unsigned f = 0; f < field_count; ++f) {
      if ((mask & (1U << f)) == 0) continue;
      previous[f] += unzigzag(reader.varint());
      fields[f] = static_cast<double>(previous[f]) / scale[f];
    }
    TrackPoint point;
    point.offset = Duration(fields[offset].value_or(0.0));
    point.latitude_deg = fields[latitude];
    point.longitude_deg = fields[longitude];
    point.altitude_m = fields[altitude];
    point.distance_m = fields[distance];
    if (fields[heart_rate]) point.heart_rate_bpm = static_cast<int>(*fields[heart_rate]);
    point.cadence_spm = fields[cadence];
    track.push_back(point);
  }
  if (!reader.done()) throw reader.corrupt("bytes left after the last point");
  return track;
}

}  // namespace cairn
