#pragma once
// Reading a geobuf tile of geo-tz's data: the zone whose polygon holds a point.

#include <optional>
#include <string>
#include <string_view>

namespace cairn::geozone {

/// The `tzid` of the first feature of the geobuf FeatureCollection in `tile` whose polygon
/// (holes, multipolygons and geometry collections included) holds the point, or nothing when
/// none does or the tile is malformed. Reads the tile in place and allocates only for the
/// ring lengths and the name found.
[[nodiscard]] std::optional<std::string> zone_in_tile(std::string_view tile, double latitude_deg,
                                                      double longitude_deg);

}  // namespace cairn::geozone
