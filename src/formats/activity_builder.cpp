#include <algorithm>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/run.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/gzip.hpp"
#include "cairn/formats/readers.hpp"

namespace cairn::formats {
namespace {

// Records stamped this little before a session's start still belong to it (devices write the
// first record of a session a moment early).
constexpr auto session_slack = std::chrono::seconds{5};

}  // namespace

ActivityBuilder::Group& ActivityBuilder::current() {
  if (groups_.empty()) groups_.emplace_back();
  return groups_.back();
}

void ActivityBuilder::file_info(const FileInfo& info) {
  if (!have_file_) {
    file_ = info;
    have_file_ = true;
  }
}

void ActivityBuilder::device(std::string_view manufacturer, std::string_view product) {
  if (manufacturer_.empty()) manufacturer_ = manufacturer;
  if (product_.empty()) product_ = product;
}

bool ActivityBuilder::room_for(std::size_t count, std::size_t limit, std::string_view what) {
  if (count < limit) return true;
  if (std::find(warned_full_.begin(), warned_full_.end(), what) == warned_full_.end()) {
    warned_full_.emplace_back(what);
    warning(fmt::format("more than {} {} in the file: the rest are left out", limit, what));
  }
  return false;
}

void ActivityBuilder::begin_session() {
  marked_sessions_ = true;
  if (groups_.size() >= limits_.max_sessions) {
    throw Error(Errc::invalid_input,
                fmt::format("more than {} activities in one file", limits_.max_sessions));
  }
  groups_.emplace_back();
}

void ActivityBuilder::expect_records(std::size_t count) {
  // A hint from a first pass over what was decoded, never from a header: still bounded.
  auto& samples = current().samples;
  samples.reserve(samples.size() + std::min(count, limits_.max_samples - samples_));
}

namespace {

// Whether two samples of one moment hold different fields, so one can fill the other in.
bool complementary(const Sample& a, const Sample& b) {
  const auto apart = [](const auto& x, const auto& y) { return !x.has_value() || !y.has_value(); };
  return apart(a.latitude_deg, b.latitude_deg) && apart(a.altitude_m, b.altitude_m) &&
         apart(a.distance_m, b.distance_m) && apart(a.speed_mps, b.speed_mps) &&
         apart(a.heart_rate_bpm, b.heart_rate_bpm) && apart(a.cadence_spm, b.cadence_spm) &&
         apart(a.power_w, b.power_w) && apart(a.temperature_c, b.temperature_c);
}

void fill_from(Sample& into, const Sample& from) {
  const auto fill = [](auto& x, const auto& y) {
    if (!x.has_value()) x = y;
  };
  fill(into.latitude_deg, from.latitude_deg);
  fill(into.longitude_deg, from.longitude_deg);
  fill(into.altitude_m, from.altitude_m);
  fill(into.distance_m, from.distance_m);
  fill(into.speed_mps, from.speed_mps);
  fill(into.heart_rate_bpm, from.heart_rate_bpm);
  fill(into.cadence_spm, from.cadence_spm);
  fill(into.power_w, from.power_w);
  fill(into.temperature_c, from.temperature_c);
}

}  // namespace

void ActivityBuilder::record(const Sample& sample) {
  // Records of one moment are one point: Suunto watches write the position and the distance
  // of a second in two records with the same time, and every number derived later (moving
  // time, pace, splits) needs both on the same point.
  auto& samples = current().samples;
  if (!samples.empty() && sample.time.has_value() && samples.back().time == sample.time &&
      complementary(samples.back(), sample)) {
    fill_from(samples.back(), sample);
    return;
  }
  if (!room_for(samples_, limits_.max_samples, "records")) return;
  ++samples_;
  samples.push_back(sample);
}

void ActivityBuilder::developer_value(std::string_view name, std::string_view units, double value) {
  // Looked up by the view (no string made per value); a name is added once.
  auto& fields = current().developer_fields;
  auto found = fields.find(name);
  if (found == fields.end()) found = fields.emplace(std::string(name), DeveloperSeries{}).first;
  auto& series = found->second;
  if (series.count == 0) {
    series.units = units;
    series.min = value;
    series.max = value;
  }
  ++series.count;
  series.sum += value;
  series.min = std::min(series.min, value);
  series.max = std::max(series.max, value);
}

void ActivityBuilder::lap(const LapSummary& lap) {
  if (!room_for(laps_, limits_.max_laps, "laps")) return;
  ++laps_;
  current().laps.push_back(lap);
}

void ActivityBuilder::session(const SessionSummary& given) {
  // What a file calls its activity is cut to what a run keeps, before it is copied around.
  SessionSummary session = given;
  session.name = clipped_text(session.name, max_title_bytes);
  session.notes = clipped_text(session.notes, max_notes_bytes);
  if (marked_sessions_) {
    current().session = std::move(session);
    return;
  }
  if (sessions_.size() >= limits_.max_sessions) {
    throw Error(Errc::invalid_input,
                fmt::format("more than {} activities in one file", limits_.max_sessions));
  }
  sessions_.push_back(std::move(session));
}

void ActivityBuilder::timer(Instant when, TimerEvent event) {
  if (!room_for(events_, limits_.max_laps, "timer and gear events")) return;
  ++events_;
  current().timer_events.emplace_back(when, event);
}

void ActivityBuilder::gear_change(Instant when) {
  if (!room_for(events_, limits_.max_laps, "timer and gear events")) return;
  ++events_;
  current().gear_changes.push_back(when);
}

void ActivityBuilder::utc_offset(std::chrono::seconds offset) {
  if (!utc_offset_) utc_offset_ = offset;
}

void ActivityBuilder::warning(std::string_view message) {
  constexpr std::size_t max_warnings = 200;  // each reader caps its own; this caps them all
  if (warnings_.size() < max_warnings) warnings_.emplace_back(message);
}

FileContent ActivityBuilder::finish() && {
  FileContent content;
  content.file = file_;
  content.warnings = std::move(warnings_);
  const auto make = [&](Group&& group, SessionSummary session) {
    Activity activity;
    activity.file = file_;
    activity.device_manufacturer = manufacturer_.empty() ? file_.manufacturer : manufacturer_;
    activity.device_product = product_.empty() ? file_.product : product_;
    activity.session = std::move(session);
    activity.samples = std::move(group.samples);
    activity.laps = std::move(group.laps);
    activity.timer_events = std::move(group.timer_events);
    activity.developer_fields = std::move(group.developer_fields);
    activity.gear_changes = group.gear_changes.size();
    activity.utc_offset = utc_offset_;
    return activity;
  };

  if (marked_sessions_) {
    for (auto& group : groups_) {
      if (group.samples.empty() && !group.session) continue;
      SessionSummary session = group.session.value_or(SessionSummary{});
      content.activities.push_back(make(std::move(group), std::move(session)));
    }
    return content;
  }

  // FIT-like: one stream of records, laps and events, and session summaries that give each
  // session's time span. Everything is assigned by time.
  Group all;
  if (groups_.size() == 1) {
    all = std::move(groups_.front());  // the usual case: no copy of the records
    groups_.clear();
  }
  for (auto& group : groups_) {
    std::move(group.samples.begin(), group.samples.end(), std::back_inserter(all.samples));
    std::move(group.laps.begin(), group.laps.end(), std::back_inserter(all.laps));
    std::move(group.timer_events.begin(), group.timer_events.end(),
              std::back_inserter(all.timer_events));
    for (auto& [name, series] : group.developer_fields) all.developer_fields[name] = series;
    std::move(group.gear_changes.begin(), group.gear_changes.end(),
              std::back_inserter(all.gear_changes));
  }
  std::vector<SessionSummary> sessions = sessions_;
  std::sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    return a.start.value_or(Instant{}) < b.start.value_or(Instant{});
  });
  const bool timed =
      !sessions.empty() && std::all_of(sessions.begin(), sessions.end(),
                                       [](const SessionSummary& s) { return s.start.has_value(); });
  if (sessions.size() <= 1 || !timed) {
    if (all.samples.empty() && sessions.empty()) return content;
    content.activities.push_back(
        make(std::move(all), sessions.empty() ? SessionSummary{} : sessions.front()));
    return content;
  }
  std::vector<Group> split(sessions.size());
  // A record belongs to the latest session that had started by its time: sessions follow
  // one another, and some devices write a whole-activity span on the first one.
  const auto index_for = [&](std::optional<Instant> when) -> std::size_t {
    if (!when) return 0;
    // Sessions are sorted by start: the last one starting by `when` (plus the slack).
    const auto after = std::upper_bound(
        sessions.begin(), sessions.end(), *when + session_slack,
        [](Instant t, const SessionSummary& session) { return t < *session.start; });
    return after == sessions.begin() ? 0 : static_cast<std::size_t>(after - sessions.begin() - 1);
  };
  // Each record's session once, then each session's room once: a long multisport file's
  // records are copied once into vectors of the right size, not through growing ones.
  std::vector<std::uint32_t> session_of(all.samples.size());
  std::vector<std::size_t> counts(sessions.size());
  for (std::size_t i = 0; i < all.samples.size(); ++i) {
    session_of[i] = static_cast<std::uint32_t>(index_for(all.samples[i].time));
    ++counts[session_of[i]];
  }
  for (std::size_t i = 0; i < sessions.size(); ++i) split[i].samples.reserve(counts[i]);
  for (std::size_t i = 0; i < all.samples.size(); ++i) {
    split[session_of[i]].samples.push_back(all.samples[i]);
  }
  all.samples = {};
  for (auto& lap : all.laps) split[index_for(lap.start)].laps.push_back(lap);
  for (auto& event : all.timer_events) {
    split[index_for(event.first)].timer_events.push_back(event);
  }
  for (const Instant when : all.gear_changes) split[index_for(when)].gear_changes.push_back(when);
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    split[i].developer_fields = all.developer_fields;

    content.activities.push_back(make(std::move(split[i]), sessions[i]));
  }
  return content;
}

namespace {

// Enough of a file's start to tell its format (the XML root may follow a long comment).
constexpr std::size_t sniff_bytes = std::size_t{1} << 20U;

[[noreturn]] void refuse(FileFormat format) {
  switch (format) {
    case FileFormat::gzip:
      throw Error(Errc::unsupported, "gzip inside gzip is not an activity file");
    case FileFormat::zip:
      throw Error(Errc::unsupported, "a zip archive, not an activity file");
    default:
      throw Error(Errc::unsupported, "not an activity file (FIT, GPX or TCX)");
  }
}

// Reads a file in memory.
void read_bytes(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits) {
  const FileFormat format = sniff_format(bytes);
  if (format == FileFormat::fit) return read_fit(bytes, sink, limits);
  if (format == FileFormat::gpx) return read_gpx(bytes, sink, limits);
  if (format == FileFormat::tcx) return read_tcx(bytes, sink, limits);
  refuse(format);
}

// Inflates a gzip file only as far as its format's limit allows (a bomb stops at the limit,
// not at what it packs), into the buffer the reader parses in place.
void read_gzip(std::span<const std::byte> bytes, ActivitySink& sink, const ReadLimits& limits) {
  // Each format's limit below is checked chunk by chunk and says which format it was; the
  // stream's own cap, a chunk beyond the largest, only backs it up.
  const std::size_t largest =
      std::min(limits.max_bytes, std::max(limits.max_fit_bytes, limits.max_xml_bytes));
  GzipSource inflated(bytes, largest + (std::size_t{1} << 20U));
  std::vector<char> text;
  const auto append = [&text](std::span<const std::byte> chunk) {
    const auto* begin = reinterpret_cast<const char*>(chunk.data());
    text.insert(text.end(), begin, begin + chunk.size());
  };
  while (text.size() < sniff_bytes) {
    const auto chunk = inflated.next();
    if (chunk.empty()) break;
    append(chunk);
  }
  if (text.empty()) throw Error(Errc::invalid_input, "the file is empty once decompressed");
  const FileFormat format = sniff_format(std::as_bytes(std::span<const char>(text)));
  if (format != FileFormat::fit && format != FileFormat::gpx && format != FileFormat::tcx) {
    refuse(format);
  }
  const std::size_t limit = std::min(
      limits.max_bytes, format == FileFormat::fit ? limits.max_fit_bytes : limits.max_xml_bytes);
  text.reserve(std::min(limit, text.size() + inflated.size_hint()));
  for (auto chunk = inflated.next(); !chunk.empty(); chunk = inflated.next()) {
    if (text.size() + chunk.size() > limit) {
      throw Error(Errc::invalid_input, fmt::format("{} file larger than {} MiB once decompressed",
                                                   format == FileFormat::fit   ? "FIT"
                                                   : format == FileFormat::gpx ? "GPX"
                                                                               : "TCX",
                                                   limit / (std::size_t{1024} * 1024)));
    }
    append(chunk);
  }
  if (format == FileFormat::fit)
    return read_fit(std::as_bytes(std::span<const char>(text)), sink, limits);
  if (format == FileFormat::gpx) return read_gpx(std::move(text), sink, limits);
  read_tcx(std::move(text), sink, limits);
}

}  // namespace

FileContent read_activity_file(std::span<const std::byte> bytes, const ReadLimits& limits) {
  if (bytes.empty()) throw Error(Errc::invalid_input, "the file is empty");
  if (bytes.size() > limits.max_bytes) {
    throw Error(Errc::invalid_input, fmt::format("file of {} bytes is larger than the limit of {}",
                                                 bytes.size(), limits.max_bytes));
  }
  ActivityBuilder builder(limits);
  try {
    if (sniff_format(bytes) == FileFormat::gzip) {
      read_gzip(bytes, builder, limits);
    } else {
      read_bytes(bytes, builder, limits);
    }
  } catch (const Error& error) {
    // A damaged file keeps what could be read before the damage, and says so.
    if (error.code() != Errc::corrupt_file) throw;
    FileContent partial = std::move(builder).finish();
    const bool anything = std::any_of(partial.activities.begin(), partial.activities.end(),
                                      [](const Activity& a) { return !a.samples.empty(); });
    if (!anything) throw;
    partial.warnings.push_back(
        fmt::format("kept what was read before the damage: {}", error.what()));
    return partial;
  }
  return std::move(builder).finish();
}

}  // namespace cairn::formats
