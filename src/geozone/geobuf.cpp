// Geobuf (github.com/mapbox/geobuf, geobuf.proto) is GeoJSON in protocol buffers: coordinates
// are integers scaled by 10^precision, delta-coded within each ring, rings stored without
// their closing point; `lengths` gives the points per ring (Polygon) or the polygon and ring
// counts and points per ring (MultiPolygon). The point-in-polygon test runs while the
// coordinates are decoded, so a lookup allocates no polygon.

#include "geobuf.hpp"

#include <cmath>
#include <cstdint>
#include <vector>

#include <protozero/exception.hpp>
#include <protozero/iterators.hpp>
#include <protozero/pbf_reader.hpp>

namespace cairn::geozone {
namespace {

// Field numbers of geobuf.proto.
namespace data_tag {
constexpr std::uint32_t keys = 1;
constexpr std::uint32_t dimensions = 2;
constexpr std::uint32_t precision = 3;
constexpr std::uint32_t feature_collection = 4;
}  // namespace data_tag
constexpr std::uint32_t collection_features = 1;
namespace feature_tag {
constexpr std::uint32_t geometry = 1;
constexpr std::uint32_t values = 13;
constexpr std::uint32_t properties = 14;
}  // namespace feature_tag
namespace geometry_tag {
constexpr std::uint32_t type = 1;
constexpr std::uint32_t lengths = 2;
constexpr std::uint32_t coords = 3;
constexpr std::uint32_t geometries = 4;
}  // namespace geometry_tag
constexpr std::uint32_t value_string = 1;

enum class GeometryType : std::uint8_t {
  point = 0,
  multi_point = 1,
  line_string = 2,
  multi_line_string = 3,
  polygon = 4,
  multi_polygon = 5,
  collection = 6,
};

// Nesting of geometry collections allowed; geo-tz's tiles have none.
constexpr int max_nesting = 8;

struct Malformed {};

// protozero asserts that a field is read as its wire type says; data that says otherwise is
// damaged, never read.
constexpr auto varint = protozero::pbf_wire_type::varint;
constexpr auto bytes_field = protozero::pbf_wire_type::length_delimited;
void expect(const protozero::pbf_reader& reader, protozero::pbf_wire_type type) {
  if (reader.wire_type() != type) throw Malformed{};
}

// The query point in the tile's scaled integer coordinates.
struct Query {
  double x = 0.0;
  double y = 0.0;
  unsigned dimensions = 2;
};

// The packed, delta-coded coordinates of a geometry, read in order.
class Coords {
 public:
  explicit Coords(protozero::data_view view)
      : it_(view.data(), view.data() + view.size()),
        end_(view.data() + view.size(), view.data() + view.size()) {}
  [[nodiscard]] bool done() const { return it_ == end_; }
  std::int64_t next() {
    if (done()) throw Malformed{};
    const std::int64_t value = *it_;
    ++it_;
    return value;
  }

 private:
  protozero::const_svarint_iterator<std::int64_t> it_;
  protozero::const_svarint_iterator<std::int64_t> end_;
};

// Reads one ring of `points` points (all that is left when nothing) and returns whether a ray
// from the query point crosses it an odd number of times (PNPOLY, closing edge included).
bool ring_crossings_odd(Coords& coords, std::optional<std::uint32_t> points, const Query& query) {
  double first_x = 0.0;
  double first_y = 0.0;
  double prev_x = 0.0;
  double prev_y = 0.0;
  std::int64_t sum_x = 0;
  std::int64_t sum_y = 0;
  bool odd = false;
  const auto crosses = [&](double ax, double ay, double bx, double by) {
    if ((ay > query.y) != (by > query.y) && query.x < (bx - ax) * (query.y - ay) / (by - ay) + ax) {
      odd = !odd;
    }
  };
  std::uint32_t read = 0;
  while (points ? read < *points : !coords.done()) {
    // Deltas that overflow are damage (a real coordinate is within ±180 * 10^precision).
    if (__builtin_add_overflow(sum_x, coords.next(), &sum_x) ||
        __builtin_add_overflow(sum_y, coords.next(), &sum_y)) {
      throw Malformed{};
    }
    for (unsigned d = 2; d < query.dimensions; ++d) static_cast<void>(coords.next());
    const auto x = static_cast<double>(sum_x);
    const auto y = static_cast<double>(sum_y);
    if (read == 0) {
      first_x = x;
      first_y = y;
    } else {
      crosses(prev_x, prev_y, x, y);
    }
    prev_x = x;
    prev_y = y;
    ++read;
  }
  if (read > 1) crosses(prev_x, prev_y, first_x, first_y);
  return odd;
}

// Whether the geometry holds the point. Holes count by the even-odd rule over a polygon's
// rings, which is outer-minus-holes for valid polygons.
bool holds(protozero::data_view bytes, const Query& query, int nesting) {
  if (nesting > max_nesting) throw Malformed{};
  protozero::pbf_reader geometry(bytes);
  auto type = GeometryType::point;
  std::vector<std::uint32_t> lengths;
  protozero::data_view coords_view;
  std::vector<protozero::data_view> children;
  while (geometry.next()) {
    switch (geometry.tag()) {
      case geometry_tag::type:
        expect(geometry, varint);
        type = static_cast<GeometryType>(geometry.get_enum());
        break;
      case geometry_tag::lengths: {
        expect(geometry, bytes_field);
        const auto range = geometry.get_packed_uint32();
        lengths.assign(range.begin(), range.end());
        break;
      }
      case geometry_tag::coords:
        expect(geometry, bytes_field);
        coords_view = geometry.get_view();
        break;
      case geometry_tag::geometries:
        expect(geometry, bytes_field);
        children.push_back(geometry.get_view());
        break;
      default:
        geometry.skip();
    }
  }
  Coords coords(coords_view);
  switch (type) {
    case GeometryType::polygon: {
      if (lengths.empty()) return ring_crossings_odd(coords, std::nullopt, query);
      bool odd = false;
      for (const auto points : lengths) odd ^= ring_crossings_odd(coords, points, query);
      return odd;
    }
    case GeometryType::multi_polygon: {
      if (lengths.empty()) return ring_crossings_odd(coords, std::nullopt, query);
      // lengths: polygon count, then per polygon its ring count and each ring's points.
      std::size_t at = 1;
      for (std::uint32_t polygon = 0; polygon < lengths[0]; ++polygon) {
        if (at >= lengths.size()) throw Malformed{};
        const std::uint32_t rings = lengths[at++];
        if (rings > lengths.size() - at) throw Malformed{};
        bool odd = false;
        for (std::uint32_t ring = 0; ring < rings; ++ring) {
          odd ^= ring_crossings_odd(coords, lengths[at++], query);
        }
        if (odd) return true;
      }
      return false;
    }
    case GeometryType::collection:
      for (const auto& child : children) {
        if (holds(child, query, nesting + 1)) return true;
      }
      return false;
    case GeometryType::point:
    case GeometryType::multi_point:
    case GeometryType::line_string:
    case GeometryType::multi_line_string:
      return false;
  }
  return false;
}

// A feature's tzid, or nothing when it has none.
std::optional<std::string> tzid_of(protozero::data_view feature_bytes,
                                   const std::vector<protozero::data_view>& keys,
                                   const Query& query) {
  protozero::pbf_reader feature(feature_bytes);
  std::optional<protozero::data_view> geometry;
  std::vector<protozero::data_view> values;  // string values; others as empty views
  std::vector<std::uint32_t> properties;
  while (feature.next()) {
    switch (feature.tag()) {
      case feature_tag::geometry:
        expect(feature, bytes_field);
        geometry = feature.get_view();
        break;
      case feature_tag::values: {
        expect(feature, bytes_field);
        protozero::pbf_reader value(feature.get_message());
        protozero::data_view text;
        while (value.next()) {
          if (value.tag() == value_string) {
            expect(value, bytes_field);
            text = value.get_view();
          } else {
            value.skip();
          }
        }
        values.push_back(text);
        break;
      }
      case feature_tag::properties: {
        expect(feature, bytes_field);
        const auto range = feature.get_packed_uint32();
        properties.assign(range.begin(), range.end());
        break;
      }
      default:
        feature.skip();
    }
  }
  if (!geometry || !holds(*geometry, query, 0)) return std::nullopt;
  for (std::size_t i = 0; i + 1 < properties.size(); i += 2) {
    const auto key = properties[i];
    const auto value = properties[i + 1];
    if (key < keys.size() && keys[key] == "tzid" && value < values.size() &&
        !values[value].empty()) {
      return std::string(values[value].data(), values[value].size());
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> zone_in_tile(std::string_view tile, double latitude_deg,
                                        double longitude_deg) {
  try {
    protozero::pbf_reader data(tile.data(), tile.size());
    std::vector<protozero::data_view> keys;
    std::uint32_t dimensions = 2;
    std::uint32_t precision = 6;
    std::optional<protozero::data_view> collection;
    while (data.next()) {
      switch (data.tag()) {
        case data_tag::keys:
          expect(data, bytes_field);
          keys.push_back(data.get_view());
          break;
        case data_tag::dimensions:
          expect(data, varint);
          dimensions = data.get_uint32();
          break;
        case data_tag::precision:
          expect(data, varint);
          precision = data.get_uint32();
          break;
        case data_tag::feature_collection:
          expect(data, bytes_field);
          collection = data.get_view();
          break;
        default:
          data.skip();
      }
    }
    if (!collection || dimensions < 2 || dimensions > 4 || precision > 12) return std::nullopt;
    const double scale = std::pow(10.0, static_cast<double>(precision));
    const Query query{
        .x = longitude_deg * scale, .y = latitude_deg * scale, .dimensions = dimensions};
    protozero::pbf_reader features(*collection);
    while (features.next(collection_features)) {
      expect(features, bytes_field);
      if (auto zone = tzid_of(features.get_view(), keys, query)) return zone;
    }
    return std::nullopt;
  } catch (const protozero::exception&) {
    return std::nullopt;
  } catch (const Malformed&) {
    return std::nullopt;
  }
}

}  // namespace cairn::geozone
