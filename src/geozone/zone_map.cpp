#include "cairn/geozone/zone_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <span>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <protozero/pbf_message.hpp>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cairn/core/error.hpp"

#include "geobuf.hpp"

namespace cairn::geozone {
namespace {

constexpr std::string_view index_name = "timezones.geojson.index.json";
constexpr std::string_view tiles_name = "timezones.geojson.geo.dat";

// geo-tz's quadtree is about 10 levels deep; a deeper one is not its data.
constexpr int max_depth = 40;

// The read-only mapping of the tiles file; unmapped when the map goes.
class MappedFile {
 public:
  MappedFile() = default;
  explicit MappedFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw Error(Errc::not_found, fmt::format("cannot open {}", path.string()));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size <= 0) {
      ::close(fd);
      throw Error(Errc::corrupt_file, fmt::format("{} is empty", path.string()));
    }
    size_ = static_cast<std::size_t>(info.st_size);
    void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) {
      throw Error(Errc::not_found, fmt::format("cannot map {}", path.string()));
    }
    data_ = static_cast<const char*>(data);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  MappedFile& operator=(MappedFile&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }
  ~MappedFile() {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): munmap takes a non-const pointer
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  [[nodiscard]] std::string_view bytes() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace

// A node of the quadtree. Children of an inner node sit together, in geo-tz's order a (north
// east), b (north west), c (south west), d (south east).
struct Node {
  enum class Kind : std::uint8_t { inner, sea, zones, tile };
  Kind kind = Kind::sea;
  std::uint32_t first = 0;  // inner: first child; zones: into zone_list; tile: byte offset
  std::uint32_t count = 0;  // zones: how many; tile: bytes
};

namespace {

struct Index {
  std::vector<std::string> zones;
  std::vector<std::uint32_t> zone_list;
  std::vector<Node> nodes;  // nodes[0] is the root
};

}  // namespace

struct ZoneMap::Impl {
  Index index;
  MappedFile tiles;
};

namespace {

using Json = nlohmann::json;

[[noreturn]] void corrupt_index(const std::filesystem::path& path, std::string_view what) {
  throw Error(Errc::corrupt_file,
              fmt::format("time-zone index {} is corrupt: {}", path.string(), what));
}

class IndexBuilder {
 public:
  IndexBuilder(Index& index, std::size_t tiles_size, const std::filesystem::path& path)
      : index_(index), tiles_size_(tiles_size), path_(path) {}

  // Fills the node at `at` from its JSON form.
  void build(std::size_t at, const Json& json, int depth) {
    if (depth > max_depth) corrupt_index(path_, "the quadtree is too deep");
    if (json.is_array()) {
      if (json.empty()) return;  // no zone: sea
      Node node{.kind = Node::Kind::zones,
                .first = static_cast<std::uint32_t>(index_.zone_list.size()),
                .count = static_cast<std::uint32_t>(json.size())};
      for (const auto& zone : json) {
        if (!zone.is_number_unsigned() || zone.get<std::size_t>() >= index_.zones.size()) {
          corrupt_index(path_, "a zone number out of range");
        }
        index_.zone_list.push_back(zone.get<std::uint32_t>());
      }
      index_.nodes[at] = node;
      return;
    }
    if (!json.is_object()) corrupt_index(path_, "a node is neither a list nor an object");
    if (json.contains("pos")) {
      const auto& pos = json["pos"];
      const auto& len = json.value("len", Json());
      if (!pos.is_number_unsigned() || !len.is_number_unsigned()) {
        corrupt_index(path_, "a tile without its position and length");
      }
      const auto begin = pos.get<std::uint64_t>();
      const auto size = len.get<std::uint64_t>();
      if (size == 0 || size > tiles_size_ || begin > tiles_size_ - size ||
          begin > std::numeric_limits<std::uint32_t>::max() ||
          size > std::numeric_limits<std::uint32_t>::max()) {
        corrupt_index(path_, fmt::format("tile at byte {} of {} bytes is outside the tiles file",
                                         begin, size));
      }
      index_.nodes[at] = Node{.kind = Node::Kind::tile,
                              .first = static_cast<std::uint32_t>(begin),
                              .count = static_cast<std::uint32_t>(size)};
      return;
    }
    const auto first = index_.nodes.size();
    index_.nodes.resize(first + 4);
    index_.nodes[at] = Node{.kind = Node::Kind::inner, .first = static_cast<std::uint32_t>(first)};
    constexpr std::array<const char*, 4> quadrants = {"a", "b", "c", "d"};
    for (std::size_t q = 0; q < quadrants.size(); ++q) {
      const auto child = json.find(quadrants[q]);
      if (child != json.end()) build(first + q, *child, depth + 1);
    }
  }

 private:
  Index& index_;
  std::size_t tiles_size_;
  const std::filesystem::path& path_;
};

}  // namespace

ZoneMap::ZoneMap(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZoneMap::ZoneMap(ZoneMap&& other) noexcept = default;
ZoneMap& ZoneMap::operator=(ZoneMap&& other) noexcept = default;
ZoneMap::~ZoneMap() = default;

ZoneMap ZoneMap::open(const std::filesystem::path& folder) {
  const auto index_path = folder / index_name;
  std::ifstream index_file(index_path, std::ios::binary);
  if (!index_file) {
    throw Error(Errc::not_found, fmt::format("no time-zone index at {}", index_path.string()));
  }
  auto impl = std::make_unique<Impl>();
  impl->tiles = MappedFile(folder / tiles_name);

  Json index;
  try {
    index =
        Json::parse(std::istreambuf_iterator<char>(index_file), std::istreambuf_iterator<char>());
  } catch (const Json::exception& error) {
    corrupt_index(index_path, error.what());
  }
  if (!index.is_object() || !index.contains("timezones") || !index["timezones"].is_array() ||
      !index.contains("lookup") || !index["lookup"].is_object()) {
    corrupt_index(index_path, "expected an object with 'timezones' and 'lookup'");
  }
  for (const auto& zone : index["timezones"]) {
    if (!zone.is_string()) corrupt_index(index_path, "a zone name is not a string");
    impl->index.zones.push_back(zone.get<std::string>());
  }
  impl->index.nodes.resize(1);
  IndexBuilder(impl->index, impl->tiles.bytes().size(), index_path).build(0, index["lookup"], 0);
  if (impl->index.nodes[0].kind != Node::Kind::inner) {
    corrupt_index(index_path, "the lookup is not a quadtree");
  }
  impl->index.nodes.shrink_to_fit();
  impl->index.zone_list.shrink_to_fit();
  return ZoneMap(std::move(impl));
}

std::size_t ZoneMap::zone_count() const { return impl_->index.zones.size(); }

std::optional<std::string> ZoneMap::zone_at(double latitude_deg, double longitude_deg) const {
  if (!std::isfinite(latitude_deg) || !std::isfinite(longitude_deg) || latitude_deg > 90.0 ||
      latitude_deg < -90.0 || longitude_deg > 180.0 || longitude_deg < -180.0) {
    return std::nullopt;
  }
  // The descent follows geo-tz's own (find.ts), edges of the world and all, so the tile
  // found is the one its index means.
  constexpr double edge_lat = 89.9999;
  constexpr double edge_lon = 179.9999;
  const double lat = std::clamp(latitude_deg, -edge_lat, edge_lat);
  const double lon = std::clamp(longitude_deg, -edge_lon, edge_lon);
  double top = edge_lat;
  double bottom = -edge_lat;
  double left = -edge_lon;
  double right = edge_lon;
  double mid_lat = 0.0;
  double mid_lon = 0.0;
  const Index& index = impl_->index;
  const Node* node = index.nodes.data();
  for (int depth = 0; depth <= max_depth; ++depth) {
    std::size_t quadrant = 0;
    if (lat >= mid_lat && lon >= mid_lon) {
      quadrant = 0;
      bottom = mid_lat;
      left = mid_lon;
    } else if (lat >= mid_lat) {
      quadrant = 1;
      bottom = mid_lat;
      right = mid_lon;
    } else if (lon < mid_lon) {
      quadrant = 2;
      top = mid_lat;
      right = mid_lon;
    } else {
      quadrant = 3;
      top = mid_lat;
      left = mid_lon;
    }
    node = &index.nodes[node->first + quadrant];
    switch (node->kind) {
      case Node::Kind::sea:
        return std::nullopt;
      case Node::Kind::zones:
        return index.zones[index.zone_list[node->first]];
      case Node::Kind::tile: {
        const auto tile = impl_->tiles.bytes().substr(node->first, node->count);
        return zone_in_tile(tile, latitude_deg, longitude_deg);
      }
      case Node::Kind::inner:
        break;
    }
    mid_lat = (top + bottom) / 2.0;
    mid_lon = (left + right) / 2.0;
  }
  return std::nullopt;
}

std::vector<std::filesystem::path> data_folders() {
  // A folder named explicitly is the only one: a wrong name is reported, not passed over.
  if (const char* env = std::getenv("CAIRN_TZ_DATA"); env != nullptr && *env != '\0') {
    return {std::filesystem::path(env)};
  }
  return {std::filesystem::path(CAIRN_TZ_DATA_DIR)};
}

namespace {

// The map and what installed() tells about it, together so `installed.map` can point at it.
struct Loaded {
  std::optional<ZoneMap> map;
  Installed installed;
};

std::unique_ptr<Loaded> load_installed() {
  auto loaded = std::make_unique<Loaded>();
  std::vector<std::string> problems;
  for (const auto& folder : data_folders()) {
    try {
      loaded->map.emplace(ZoneMap::open(folder));
      loaded->installed.map = &*loaded->map;
      return loaded;
    } catch (const std::exception& error) {
      problems.emplace_back(error.what());
    }
  }
  loaded->installed.problem = fmt::format("{}", fmt::join(problems, "; "));
  return loaded;
}

}  // namespace

const Installed& installed() {
  static const std::unique_ptr<Loaded> loaded = load_installed();
  return loaded->installed;
}

}  // namespace cairn::geozone
