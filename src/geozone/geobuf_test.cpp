// The geobuf tile reader on tiles written here with protozero's writer: a polygon with a
// hole, a multipolygon, a geometry collection, the default precision, damaged bytes.

#include "geobuf.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <protozero/pbf_writer.hpp>

namespace cairn::geozone {
namespace {

using Ring = std::vector<std::pair<double, double>>;  // (longitude, latitude), not closed

struct Feature {
  std::uint32_t type = 4;                // geobuf Polygon
  std::vector<std::uint32_t> lengths{};  // as geobuf writes them
  std::vector<Ring> rings{};
  std::string tzid{};
};

// A FeatureCollection tile the way geobuf's encoder writes it.
std::string tile(const std::vector<Feature>& features, std::uint32_t precision = 6,
                 bool write_precision = true) {
  const double scale = precision == 6 ? 1e6 : 1e5;
  std::string out;
  protozero::pbf_writer data(out);
  data.add_string(1, "tzid");
  if (write_precision) data.add_uint32(3, precision);
  {
    protozero::pbf_writer collection(data, 4);
    for (const auto& feature : features) {
      protozero::pbf_writer message(collection, 1);
      {
        protozero::pbf_writer geometry(message, 1);
        geometry.add_enum(1, static_cast<std::int32_t>(feature.type));
        if (!feature.lengths.empty()) {
          geometry.add_packed_uint32(2, feature.lengths.begin(), feature.lengths.end());
        }
        std::vector<std::int64_t> coords;
        for (const auto& ring : feature.rings) {
          std::int64_t last_x = 0;
          std::int64_t last_y = 0;
          for (const auto& [lon, lat] : ring) {
            const auto x = static_cast<std::int64_t>(std::llround(lon * scale));
            const auto y = static_cast<std::int64_t>(std::llround(lat * scale));
            coords.push_back(x - last_x);
            coords.push_back(y - last_y);
            last_x = x;
            last_y = y;
          }
        }
        geometry.add_packed_sint64(3, coords.begin(), coords.end());
      }
      {
        protozero::pbf_writer value(message, 13);
        value.add_string(1, feature.tzid);
      }
      const std::vector<std::uint32_t> properties = {0, 0};
      message.add_packed_uint32(14, properties.begin(), properties.end());
    }
  }
  return out;
}

Ring square(double west, double south, double east, double north) {
  return {{west, south}, {east, south}, {east, north}, {west, north}};
}

TEST(ZoneInTile, FindsThePolygonThatHoldsThePoint) {
  const auto data = tile({{.rings = {square(0, 0, 10, 10)}, .tzid = "Zone/A"},
                          {.rings = {square(10, 0, 20, 10)}, .tzid = "Zone/B"}});
  EXPECT_EQ(zone_in_tile(data, 5.0, 5.0), "Zone/A");
  EXPECT_EQ(zone_in_tile(data, 5.0, 15.0), "Zone/B");
  EXPECT_EQ(zone_in_tile(data, 15.0, 5.0), std::nullopt);
  EXPECT_EQ(zone_in_tile(data, 5.0, -0.5), std::nullopt);
}

TEST(ZoneInTile, APointInAHoleIsNotInThePolygon) {
  // An enclave: B inside a hole of A (Baarle-Hertog in the Netherlands).
  const auto data = tile(
      {{.lengths = {4, 4}, .rings = {square(0, 0, 10, 10), square(4, 4, 6, 6)}, .tzid = "Zone/A"},
       {.rings = {square(4, 4, 6, 6)}, .tzid = "Zone/B"}});
  EXPECT_EQ(zone_in_tile(data, 5.0, 5.0), "Zone/B");
  EXPECT_EQ(zone_in_tile(data, 2.0, 2.0), "Zone/A");
  EXPECT_EQ(zone_in_tile(data, 8.0, 5.0), "Zone/A");
}

TEST(ZoneInTile, ReadsEveryPolygonOfAMultiPolygon) {
  // Two polygons, the first with a hole: lengths are the polygon count, then per polygon its
  // ring count and the points of each ring.
  const auto data =
      tile({{.type = 5,
             .lengths = {2, 2, 4, 4, 1, 3},
             .rings = {square(0, 0, 10, 10), square(4, 4, 6, 6), Ring{{20, 0}, {30, 0}, {20, 10}}},
             .tzid = "Zone/M"}});
  EXPECT_EQ(zone_in_tile(data, 2.0, 2.0), "Zone/M");
  EXPECT_EQ(zone_in_tile(data, 5.0, 5.0), std::nullopt);   // the hole
  EXPECT_EQ(zone_in_tile(data, 2.0, 22.0), "Zone/M");      // the second polygon
  EXPECT_EQ(zone_in_tile(data, 8.0, 28.0), std::nullopt);  // beside the triangle
}

TEST(ZoneInTile, AMultiPolygonWithoutLengthsIsOneRing) {
  const auto data = tile({{.type = 5, .rings = {square(0, 0, 1, 1)}, .tzid = "Zone/One"}});
  EXPECT_EQ(zone_in_tile(data, 0.5, 0.5), "Zone/One");
}

TEST(ZoneInTile, UsesTheDefaultPrecisionWhenTheTileNamesNone) {
  const auto data = tile({{.rings = {square(0, 0, 1, 1)}, .tzid = "Zone/A"}}, 6, false);
  EXPECT_EQ(zone_in_tile(data, 0.5, 0.5), "Zone/A");
  const auto coarse = tile({{.rings = {square(0, 0, 1, 1)}, .tzid = "Zone/A"}}, 5);
  EXPECT_EQ(zone_in_tile(coarse, 0.5, 0.5), "Zone/A");
  EXPECT_EQ(zone_in_tile(coarse, 0.5, 1.5), std::nullopt);
}

TEST(ZoneInTile, DamagedBytesAreNoZoneNotACrash) {
  const auto data = tile({{.rings = {square(0, 0, 10, 10)}, .tzid = "Zone/A"}});
  for (std::size_t cut = 0; cut < data.size(); ++cut) {
    const auto zone = zone_in_tile(std::string_view(data).substr(0, cut), 5.0, 5.0);
    EXPECT_TRUE(!zone || *zone == "Zone/A") << "cut at " << cut;
  }
  EXPECT_EQ(zone_in_tile("\xff\xff\xff\xff", 5.0, 5.0), std::nullopt);
  // Ring lengths that promise more points than there are.
  const auto short_ring = tile({{.lengths = {40}, .rings = {square(0, 0, 10, 10)}, .tzid = "Z"}});
  EXPECT_EQ(zone_in_tile(short_ring, 5.0, 5.0), std::nullopt);
}

TEST(ZoneInTile, AFieldOfTheWrongWireTypeIsNoZoneNotAnAssertion) {
  // Found by fuzz/geobuf_fuzzer: precision written as bytes, not a number.
  std::string data;
  protozero::pbf_writer writer(data);
  writer.add_string(3, "not a number");
  EXPECT_EQ(zone_in_tile(data, 5.0, 5.0), std::nullopt);
  const auto valid = tile({{.rings = {square(0, 0, 10, 10)}, .tzid = "Zone/A"}});
  std::string wrong_type = valid;
  wrong_type[0] = static_cast<char>((1 << 3) | 0);  // the key 'tzid' as a varint
  EXPECT_EQ(zone_in_tile(wrong_type, 5.0, 5.0), std::nullopt);
}

TEST(ZoneInTile, CoordinatesThatOverflowAreNoZone) {
  // Found by fuzz/geobuf_fuzzer: deltas whose sum leaves 64 bits.
  std::string data;
  protozero::pbf_writer writer(data);
  writer.add_string(1, "tzid");
  {
    protozero::pbf_writer collection(writer, 4);
    protozero::pbf_writer feature(collection, 1);
    protozero::pbf_writer geometry(feature, 1);
    geometry.add_enum(1, 4);
    const std::vector<std::int64_t> coords = {INT64_MAX, 0, INT64_MAX, 0, 0, 1};
    geometry.add_packed_sint64(3, coords.begin(), coords.end());
  }
  EXPECT_EQ(zone_in_tile(data, 5.0, 5.0), std::nullopt);
}

}  // namespace
}  // namespace cairn::geozone
