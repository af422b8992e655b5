#pragma once
/// \file
/// The time zone at a position on Earth, from the time-zone boundary data of
/// timezone-boundary-builder as geo-tz packages it (an index of a quadtree over the world and
/// a file of geobuf tiles), installed with the project (docs/decisions/0004).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cairn::geozone {

/// The boundary data, opened once and read many times. Lookups are const and safe from
/// several threads at once.
class ZoneMap {
 public:
  /// Opens the data in `folder`: geo-tz's `timezones.geojson.index.json` and
  /// `timezones.geojson.geo.dat`. The index is read into memory (about 1 MB); the tiles are
  /// mapped, not read, so only those looked up take memory. Throws Error(not_found) when a
  /// file is missing and Error(corrupt_file) when the index is malformed or points outside
  /// the tiles.
  [[nodiscard]] static ZoneMap open(const std::filesystem::path& folder);

  ZoneMap(const ZoneMap&) = delete;
  ZoneMap& operator=(const ZoneMap&) = delete;
  ZoneMap(ZoneMap&& other) noexcept;
  ZoneMap& operator=(ZoneMap&& other) noexcept;
  ~ZoneMap();

  /// The IANA zone at the position (degrees, WGS 84), e.g. "Europe/Prague". Nothing at sea
  /// beyond the territorial waters that the data holds (where a runner's position is far more
  /// likely a glitch than a run), for a position out of range or not a number, and where the
  /// tile that holds the position is damaged. Where zones overlap (disputed land), the first
  /// in the data.
  [[nodiscard]] std::optional<std::string> zone_at(double latitude_deg, double longitude_deg) const;

  /// Number of zones the data names.
  [[nodiscard]] std::size_t zone_count() const;

 private:
  struct Impl;
  explicit ZoneMap(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Where the data is looked for, first to last: the folder named by the environment variable
/// CAIRN_TZ_DATA alone when it is set (an explicit choice is not second-guessed), else the one
/// the build was configured with (the source tree's data/timezones/node_modules/geo-tz/data,
/// which scripts/install-deps fills; the installed `cairn` is a link into that build).
[[nodiscard]] std::vector<std::filesystem::path> data_folders();

/// This process's zone map, opened on first use from the first of data_folders() that holds
/// the data, then kept: `map` is null when none does, and `problem` says why.
struct Installed {
  const ZoneMap* map = nullptr;
  std::string problem{};
};
/// Opens the data on the first call (thread-safe); never throws.
[[nodiscard]] const Installed& installed();

}  // namespace cairn::geozone
