// TCX (Garmin Training Center Database v2). Each <Activity> is a session and each <Course>
// one too (file type "course"); trackpoints are records; each <Lap> is reported after its
// points, as FIT does. Elements are matched by local name, so a prefixed or unprefixed
// ActivityExtension (TPX/LX, <ns3:Watts> or <Watts>) reads the same.
//
// Cadence: TCX <Cadence> is revolutions per minute (a bike's crank, or one foot when
// running) and the ActivityExtension RunCadence is "steps per minute of one foot" too.
// Cairn's cadence counts both feet, so both are doubled in running activities.
//
// Durations: Garmin writes the lap's timer time (pauses excluded) in TotalTimeSeconds, so
// it becomes LapSummary::timer_s; a session's timer time and distance are the sums over its
// laps, and its elapsed time runs from its start to its last trackpoint (or, without
// times, the summed lap time).

#include <cmath>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/readers.hpp"

#include "xml_common.hpp"

namespace cairn::formats {
namespace {

using xml::child;
using xml::local_name;
using xml::text_of;

using xml::Range;

// The maker named in a TCX Creator, when it is one we know.
std::string_view manufacturer_of(std::string_view creator) {
  std::string lowered(creator);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const auto has = [&lowered](std::string_view part) {
    return lowered.find(part) != std::string::npos;
  };
  if (has("garmin") || has("forerunner") || has("edge") || has("fenix") || has("vivoactive") ||
      has("v\xc3\xadvoactive") || has("venu") || has("epix") || has("instinct") || has("enduro") ||
      has("oregon") || has("etrex")) {
    return "garmin";
  }
  if (has("polar")) return "polar";
  if (has("suunto") || has("movescount")) return "suunto";
  if (has("coros")) return "coros";
  if (has("wahoo")) return "wahoo";
  if (has("sigma")) return "sigma";
  if (has("tomtom")) return "tomtom";
  if (has("amazfit") || has("huami")) return "amazfit";
  return "";
}

class TcxReader {
 public:
  TcxReader(std::vector<char> text, ActivitySink& sink, const ReadLimits& limits)
      : doc_(std::move(text), "TCX", limits), sink_(sink), limits_(limits), warnings_(sink) {}

  void read() {
    const pugi::xml_node root = doc_.root();
    if (local_name(root) != "TrainingCenterDatabase") {
      throw Error(Errc::corrupt_file,
                  fmt::format("not a TCX file: root element is <{}>", root.name()));
    }
    if (const auto line = doc_.doctype_line()) {
      warnings_.add(fmt::format("DOCTYPE at line {} ignored: entities are not expanded", *line));
    }
    const pugi::xml_node activities = child(root, "Activities");
    const std::vector<pugi::xml_node> all_activities = activities_in(activities);
    const pugi::xml_node first_activity =
        all_activities.empty() ? pugi::xml_node() : all_activities.front();
    const bool is_course = !first_activity && child(child(root, "Courses"), "Course");

    // Creator sits at the end of an Activity (a Device_t) or names the application that
    // wrote a course (an Application_t).
    pugi::xml_node creator = child(first_activity, "Creator");
    if (!creator) creator = child(child(child(root, "Courses"), "Course"), "Creator");
    const std::string_view creator_name = text_of(child(creator, "Name"));
    const std::string_view manufacturer = manufacturer_of(creator_name);
    sink_.file_info(FileInfo{.format = "tcx",
                             .type = is_course ? "course" : "activity",
                             .manufacturer = std::string(manufacturer),
                             .product = "",
                             .creator = std::string(creator_name)});
    const std::string_view creator_type = creator.attribute("xsi:type").value();
    if (!creator_name.empty() && creator_type != "Application_t") {
      sink_.device(manufacturer, creator_name);
    }

    for (const pugi::xml_node& activity : all_activities) read_activity(activity);
    const pugi::xml_node courses = child(root, "Courses");
    for (pugi::xml_node node = courses.first_child(); node; node = node.next_sibling()) {
      if (node.type() == pugi::node_element && local_name(node) == "Course") read_course(node);
    }
  }

 private:
  // Every <Activity>, in order: directly in <Activities>, and inside a MultiSportSession's
  // <FirstSport> and <NextSport> (Forerunner 305 history exports wrap every run so).
  static std::vector<pugi::xml_node> activities_in(const pugi::xml_node& activities) {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node node = activities.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view name = local_name(node);
      if (name == "Activity") out.push_back(node);
      if (name != "MultiSportSession") continue;
      for (pugi::xml_node sport = node.first_child(); sport; sport = sport.next_sibling()) {
        const std::string_view sport_name = local_name(sport);
        if (sport.type() != pugi::node_element ||
            (sport_name != "FirstSport" && sport_name != "NextSport")) {
          continue;
        }
        if (const pugi::xml_node activity = child(sport, "Activity")) out.push_back(activity);
      }
    }
    return out;
  }

  void read_activity(const pugi::xml_node& activity) {
    sink_.begin_session();
    SessionSummary summary;
    const std::string_view sport_attr = activity.attribute("Sport").value();
    auto sport = xml::sport_from_name(sport_attr);
    summary.sport = sport.sport.empty() ? "other" : std::move(sport.sport);
    summary.sub_sport = std::move(sport.sub_sport);
    running_ = summary.sport == "running";
    summary.notes = std::string(text_of(child(activity, "Notes")));
    if (const pugi::xml_node id = child(activity, "Id")) summary.start = time(id);

    last_time_.reset();
    double timer_s = 0.0;
    double distance_m = 0.0;
    bool any_timer = false;
    bool any_distance = false;
    for (pugi::xml_node node = activity.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element || local_name(node) != "Lap") continue;
      const LapSummary lap = read_lap(node);
      if (!summary.start) summary.start = lap.start;
      if (lap.timer_s) {
        timer_s += *lap.timer_s;
        any_timer = true;
      }
      if (lap.distance_m) {
        distance_m += *lap.distance_m;
        any_distance = true;
      }
    }
    if (any_timer) summary.timer_s = timer_s;
    if (any_distance) summary.distance_m = distance_m;
    if (summary.start && last_time_ && *last_time_ >= *summary.start) {
      summary.elapsed_s = std::chrono::duration<double>(*last_time_ - *summary.start).count();
    } else if (any_timer) {
      summary.elapsed_s = timer_s;
    }
    sink_.session(summary);
  }

  LapSummary read_lap(const pugi::xml_node& lap_node) {
    LapSummary lap;
    if (const auto start = lap_node.attribute("StartTime")) {
      lap.start = xml::parse_time(start.value());
      if (!lap.start) warn(lap_node, "lap start time", start.value());
    }
    bool first_track = true;
    for (pugi::xml_node node = lap_node.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view name = local_name(node);
      if (name == "Track") {
        read_track(node, !first_track);
        first_track = false;
      } else if (name == "TotalTimeSeconds") {
        lap.timer_s = number(node, "lap time", {0.0, 1e8});
      } else if (name == "DistanceMeters") {
        lap.distance_m = number(node, "lap distance", {0.0, 1e9});
      } else if (name == "AverageHeartRateBpm") {
        lap.avg_heart_rate_bpm = heart_rate(child(node, "Value"));
      } else if (name == "MaximumHeartRateBpm") {
        lap.max_heart_rate_bpm = heart_rate(child(node, "Value"));
      } else if (name == "Cadence") {
        lap.avg_cadence_spm = cadence(node);
      } else if (name == "Extensions") {
        // ActivityExtension LX: AvgRunCadence (one foot, like RunCadence).
        const pugi::xml_node run_cadence = child(child(node, "LX"), "AvgRunCadence");
        if (run_cadence && !lap.avg_cadence_spm) lap.avg_cadence_spm = cadence(run_cadence);
      }
    }
    sink_.lap(lap);
    return lap;
  }

  void read_course(const pugi::xml_node& course) {
    sink_.begin_session();
    SessionSummary summary;
    summary.name = std::string(text_of(child(course, "Name")));
    summary.notes = std::string(text_of(child(course, "Notes")));
    running_ = false;
    last_time_.reset();
    for (pugi::xml_node node = course.first_child(); node; node = node.next_sibling()) {
      if (node.type() == pugi::node_element && local_name(node) == "Track") {
        read_track(node, false);
      }
    }
    sink_.session(summary);
  }

  // `after_pause`: a second or later Track in one Lap, which is how Garmin writes a pause.
  void read_track(const pugi::xml_node& track, bool after_pause) {
    bool pause_pending = after_pause;
    for (pugi::xml_node point = track.first_child(); point; point = point.next_sibling()) {
      if (point.type() != pugi::node_element || local_name(point) != "Trackpoint") continue;
      if (samples_ >= limits_.max_samples) {
        if (!limit_reported_) {
          warnings_.add(fmt::format("stopped at line {}: more than {} points", doc_.line_of(point),
                                    limits_.max_samples));
          limit_reported_ = true;
        }
        return;
      }
      const Sample& sample = read_point(point);
      if (pause_pending && sample.time) {
        if (last_time_) {
          sink_.timer(*last_time_, TimerEvent::stop);
          sink_.timer(*sample.time, TimerEvent::start);
        }
        pause_pending = false;
      }
      if (sample.time) last_time_ = sample.time;
      sink_.record(sample);
      ++samples_;
    }
  }

  const Sample& read_point(const pugi::xml_node& point) {
    sample_ = Sample{};
    for (pugi::xml_node node = point.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view name = local_name(node);
      if (name == "Time") {
        sample_.time = time(node);
      } else if (name == "Position") {
        read_position(node);
      } else if (name == "AltitudeMeters") {
        sample_.altitude_m = number(node, "altitude", {-12'000.0, 100'000.0});
      } else if (name == "DistanceMeters") {
        sample_.distance_m = number(node, "distance", {0.0, 1e9});
      } else if (name == "HeartRateBpm") {
        sample_.heart_rate_bpm = heart_rate(child(node, "Value"));
      } else if (name == "Cadence") {
        sample_.cadence_spm = cadence(node);
      } else if (name == "Extensions") {
        read_extensions(node);
      }
    }
    return sample_;
  }

  void read_position(const pugi::xml_node& position) {
    const pugi::xml_node lat_node = child(position, "LatitudeDegrees");
    const pugi::xml_node lon_node = child(position, "LongitudeDegrees");
    const auto lat = xml::parse_number(text_of(lat_node));
    const auto lon = xml::parse_number(text_of(lon_node));
    if (lat && lon && std::abs(*lat) <= 90.0 && std::abs(*lon) <= 180.0) {
      sample_.latitude_deg = lat;
      sample_.longitude_deg = lon;
    } else {
      warn(position, "position", fmt::format("{} {}", text_of(lat_node), text_of(lon_node)));
    }
  }

  // Extensions/TPX holds Speed, Watts and RunCadence (ActivityExtension v2).
  void read_extensions(const pugi::xml_node& extensions) {
    for (pugi::xml_node tpx = extensions.first_child(); tpx; tpx = tpx.next_sibling()) {
      for (pugi::xml_node node = tpx.first_child(); node; node = node.next_sibling()) {
        if (node.type() != pugi::node_element) continue;
        const std::string_view name = local_name(node);
        if (name == "Speed") {
          sample_.speed_mps = number(node, "speed", {0.0, 1'000.0});
        } else if (name == "Watts") {
          sample_.power_w = number(node, "power", {0.0, 100'000.0});
        } else if (name == "RunCadence") {
          if (!sample_.cadence_spm) sample_.cadence_spm = cadence(node);
        }
      }
    }
  }

  std::optional<Instant> time(const pugi::xml_node& node) {
    const std::string_view text = text_of(node);
    auto parsed = xml::parse_time(text);
    if (!parsed) warn(node, "time", text);
    return parsed;
  }

  std::optional<int> heart_rate(const pugi::xml_node& node) {
    const auto bpm = number(node, "heart rate", {0.0, 300.0});
    if (!bpm || *bpm < 1.0) return std::nullopt;
    return static_cast<int>(std::lround(*bpm));
  }

  std::optional<double> cadence(const pugi::xml_node& node) {
    const auto value = number(node, "cadence", {0.0, 1000.0});
    if (value && running_) return *value * 2.0;
    return value;
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
  std::optional<Instant> last_time_;
  std::size_t samples_ = 0;
  bool limit_reported_ = false;
};

}  // namespace

void read_tcx(std::vector<char> document, ActivitySink& sink, const ReadLimits& limits) {
  TcxReader(std::move(document), sink, limits).read();
}

void read_tcx(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits) {
  read_tcx(xml::document_text(bytes, "TCX", limits), sink, limits);
}

}  // namespace cairn::formats
