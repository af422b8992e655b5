// GPX 1.0 and 1.1. One pass over the DOM: each <trk> is a session, each <trkpt> a record;
// routes and waypoints are plans and places, not activities, so they give no records.
//
// Extension values are matched by the local name of the element, whatever its prefix or
// namespace, and wherever it sits inside the point (inside <extensions>, inside a
// TrackPointExtension, or directly in the point as GPSBabel passes foreign elements
// through and old OpenTracks versions wrote them). That covers Garmin TrackPointExtension
// v1/v2 (hr, cad, atemp, speed, power), Garmin PowerExtension (PowerInWatts), cluetrust
// gpxdata as written by Suunto/Movescount and OpenTracks (hr, cadence, temp, distance),
// OsmAnd (hr, speed, ...), Strava's and Amazfit's plain <power> and <heartrate>.
//
// Cadence: Garmin's TrackPointExtension cad is revolutions per minute, which for running is
// one foot's steps. Cairn's cadence is steps per minute of both feet, so cadence is doubled
// when the track's <type> says running and kept otherwise (cycling rpm, or unknown: a GPX
// without a type says nothing we could act on).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/readers.hpp"

#include "xml_common.hpp"

namespace cairn::formats {
namespace {

using xml::local_name;
using xml::text_of;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

enum class Field : std::uint8_t { none, heart_rate, cadence, temperature, power, speed, distance };

// Which Sample field an element feeds, by its local name (case-insensitive).
Field field_of(const pugi::xml_node& node) {
  const std::string_view name = local_name(node);
  if (name.empty() || name.size() > 16) return Field::none;
  if (iequals(name, "hr") || iequals(name, "heartrate") || iequals(name, "heart_rate")) {
    return Field::heart_rate;
  }
  if (iequals(name, "cad") || iequals(name, "cadence")) return Field::cadence;
  if (iequals(name, "atemp") || iequals(name, "temp") || iequals(name, "temperature")) {
    return Field::temperature;
  }
  if (iequals(name, "power") || iequals(name, "PowerInWatts") || iequals(name, "watts")) {
    return Field::power;
  }
  if (iequals(name, "speed")) return Field::speed;
  // cluetrust/gpxdata distance is cumulative from the start; OpenTracks' own
  // opentracks:distance is the distance since the previous point, so it is left out.
  if (iequals(name, "distance") && xml::name_prefix(node) != "opentracks") return Field::distance;
  return Field::none;
}

using xml::Range;

class GpxReader {
 public:
  GpxReader(std::vector<char> text, ActivitySink& sink, const ReadLimits& limits)
      : doc_(std::move(text), "GPX", limits), sink_(sink), limits_(limits), warnings_(sink) {}

  void read() {
    const pugi::xml_node gpx = doc_.root();
    if (local_name(gpx) != "gpx") {
      throw Error(Errc::corrupt_file,
                  fmt::format("not a GPX file: root element is <{}>", gpx.name()));
    }
    if (const auto line = doc_.doctype_line()) {
      warnings_.add(fmt::format("DOCTYPE at line {} ignored: entities are not expanded", *line));
    }
    sink_.file_info(file_info(gpx));
    for (pugi::xml_node trk = gpx.first_child(); trk; trk = trk.next_sibling()) {
      if (trk.type() == pugi::node_element && local_name(trk) == "trk") read_track(trk);
    }
  }

 private:
  static FileInfo file_info(const pugi::xml_node& gpx) {
    bool has_track = false;
    bool has_route = false;
    bool has_waypoint = false;
    for (pugi::xml_node node = gpx.first_child(); node; node = node.next_sibling()) {
      const auto name = local_name(node);
      has_track = has_track || name == "trk";
      has_route = has_route || name == "rte";
      has_waypoint = has_waypoint || name == "wpt";
    }
    // A GPX with none of the three says nothing: an "activity" file without activities.
    const char* type = "activity";
    if (!has_track && has_route) type = "route";
    if (!has_track && !has_route && has_waypoint) type = "waypoints";
    FileInfo info{.format = "gpx",
                  .type = type,
                  .manufacturer = "",
                  .product = "",
                  .creator = gpx.attribute("creator").value()};
    // GPX 1.1 keeps the file's time in <metadata>, GPX 1.0 directly in <gpx>.
    pugi::xml_node time = xml::child(xml::child(gpx, "metadata"), "time");
    if (!time) time = xml::child(gpx, "time");
    if (time) info.created = xml::parse_time(text_of(time));
    return info;
  }

  void read_track(const pugi::xml_node& trk) {
    sink_.begin_session();
    SessionSummary summary;
    auto sport = xml::sport_from_name(text_of(xml::child(trk, "type")));
    summary.sport = std::move(sport.sport);
    summary.sub_sport = std::move(sport.sub_sport);
    summary.name = std::string(text_of(xml::child(trk, "name")));
    if (summary.sport.empty()) {
      // Strava's GPX has no <type> but names each activity "Afternoon Swim", "Morning Ride".
      auto named = xml::sport_from_default_name(summary.name);
      summary.sport = std::move(named.sport);
      summary.sub_sport = std::move(named.sub_sport);
    }
    summary.notes = std::string(text_of(xml::child(trk, "desc")));
    running_ = summary.sport == "running";

    // Room for the track's points once (bounded by the limit), not by doubling as they come:
    // a vector that doubles holds one and a half times its points while it grows.
    std::size_t points = 0;
    for (pugi::xml_node seg = trk.first_child(); seg; seg = seg.next_sibling()) {
      if (seg.type() != pugi::node_element || local_name(seg) != "trkseg") continue;
      for (pugi::xml_node pt = seg.first_child(); pt; pt = pt.next_sibling()) points += 1;
    }
    sink_.expect_records(
        std::min(points, limits_.max_samples - std::min(samples_, limits_.max_samples)));

    bool any_point = false;
    std::optional<Instant> last_time;
    for (pugi::xml_node seg = trk.first_child(); seg; seg = seg.next_sibling()) {
      if (seg.type() != pugi::node_element || local_name(seg) != "trkseg") continue;
      bool segment_start = any_point;
      for (pugi::xml_node pt = seg.first_child(); pt; pt = pt.next_sibling()) {
        if (pt.type() != pugi::node_element || local_name(pt) != "trkpt") continue;
        if (samples_ >= limits_.max_samples) {
          if (!limit_reported_) {
            warnings_.add(fmt::format("stopped at line {}: more than {} points", doc_.line_of(pt),
                                      limits_.max_samples));
            limit_reported_ = true;
          }
          break;
        }
        const Sample& sample = read_point(pt);
        if (segment_start) {
          // A new segment means the recording was paused (GPX 1.1: "a Track Segment holds
          // a list of Track Points which are logically connected in order").
          if (last_time && sample.time) {
            sink_.timer(*last_time, TimerEvent::stop);
            sink_.timer(*sample.time, TimerEvent::start);
          }
          segment_start = false;
        }
        if (sample.time) {
          if (!summary.start) summary.start = sample.time;
          last_time = sample.time;
        }
        sink_.record(sample);
        ++samples_;
        any_point = true;
      }
    }
    sink_.session(summary);
  }

  const Sample& read_point(const pugi::xml_node& pt) {
    sample_ = Sample{};
    const auto lat = xml::parse_number(pt.attribute("lat").value());
    const auto lon = xml::parse_number(pt.attribute("lon").value());
    if (lat && lon && std::abs(*lat) <= 90.0 && std::abs(*lon) <= 180.0) {
      sample_.latitude_deg = lat;
      sample_.longitude_deg = lon;
    } else {
      warn(pt, "position",
           fmt::format("{} {}", pt.attribute("lat").value(), pt.attribute("lon").value()));
    }
    for (pugi::xml_node node = pt.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view name = local_name(node);
      if (name == "time") {
        const auto text = text_of(node);
        sample_.time = xml::parse_time(text);
        if (!sample_.time) warn(node, "time", text);
      } else if (name == "ele") {
        sample_.altitude_m = number(node, "elevation", {-12'000.0, 100'000.0});
      } else if (name == "extensions" || node.first_child().type() == pugi::node_element) {
        read_extensions(node);
      } else {
        read_value(node);  // GPX 1.0 <speed>, or a foreign element passed through
      }
    }
    if (sample_.cadence_spm && running_) *sample_.cadence_spm *= 2.0;
    return sample_;
  }

  // Visits the elements under `parent` without recursion (a hostile file may nest deeply)
  // and no deeper than extensions ever go.
  void read_extensions(const pugi::xml_node& parent) {
    constexpr int max_depth = 4;
    int depth = 0;
    pugi::xml_node node = parent.first_child();
    while (node && node != parent) {
      if (node.type() == pugi::node_element) read_value(node);
      if (node.first_child() && depth < max_depth) {
        node = node.first_child();
        ++depth;
        continue;
      }
      while (node != parent && !node.next_sibling()) {
        node = node.parent();
        --depth;
      }
      if (node != parent) node = node.next_sibling();
    }
  }

  void read_value(const pugi::xml_node& node) {
    switch (field_of(node)) {
      case Field::none:
        return;
      case Field::heart_rate:
        if (!sample_.heart_rate_bpm) {
          // 0 is how OpenTracks and others say "no sensor".
          const auto bpm = number(node, "heart rate", {0.0, 300.0});
          if (bpm && *bpm >= 1.0) sample_.heart_rate_bpm = static_cast<int>(std::lround(*bpm));
        }
        return;
      case Field::cadence:
        if (!sample_.cadence_spm) sample_.cadence_spm = number(node, "cadence", {0.0, 1000.0});
        return;
      case Field::temperature:
        if (!sample_.temperature_c) {
          sample_.temperature_c = number(node, "temperature", {-100.0, 100.0});
        }
        return;
      case Field::power:
        if (!sample_.power_w) sample_.power_w = number(node, "power", {0.0, 100'000.0});
        return;
      case Field::speed:
        if (!sample_.speed_mps) sample_.speed_mps = number(node, "speed", {0.0, 1'000.0});
        return;
      case Field::distance:
        if (!sample_.distance_m) sample_.distance_m = number(node, "distance", {0.0, 1e9});
        return;
    }
  }

  std::optional<double> number(const pugi::xml_node& node, std::string_view what, Range range) {
    return xml::number_in(doc_, warnings_, node, what, range);
  }

  void warn(const pugi::xml_node& node, std::string_view what, std::string_view text) {
    xml::warn_bad_value(doc_, warnings_, node, what, text);
  }

  xml::Document doc_;
  ActivitySink& sink_;
  const ReadLimits& limits_;
  xml::Warnings warnings_;
  Sample sample_;
  bool running_ = false;
  std::size_t samples_ = 0;
  bool limit_reported_ = false;
};

}  // namespace

void read_gpx(std::vector<char> document, ActivitySink& sink, const ReadLimits& limits) {
  GpxReader(std::move(document), sink, limits).read();
}

void read_gpx(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits) {
  read_gpx(xml::document_text(bytes, "GPX", limits), sink, limits);
}

}  // namespace cairn::formats
