#pragma once
/// \file
/// What the readers of activity files (FIT, GPX, TCX) report, as events to one sink. Each
/// reader takes the file's bytes, does no I/O, and calls the sink in file order; the
/// ActivityBuilder turns the events of any format into runs.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cairn/core/compact_optional.hpp"

namespace cairn::formats {

/// An instant with millisecond resolution (GPX and TCX carry fractions of a second).
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

/// The earliest representable instant is "no time" (no file holds a time 292 million years
/// ago).
struct EarliestIsNone {
  static constexpr Instant value = Instant::min();
  static constexpr bool is(Instant when) noexcept { return when == Instant::min(); }
};
/// An optional instant in 8 bytes, for the millions of samples a file can hold.
using OptionalInstant = CompactOptional<Instant, EarliestIsNone>;

/// Who wrote the file.
struct FileInfo {
  std::string format;  ///< "fit", "gpx" or "tcx"
  std::string type;    ///< "activity", "course", "monitoring", ... ("activity" for GPX tracks)
  std::string manufacturer;  ///< e.g. "garmin", "suunto"; empty when unknown
  std::string product;       ///< e.g. "fr955" or the product name; empty when unknown
  std::optional<std::uint32_t> serial_number{};
  std::optional<Instant> created{};
  std::string creator;  ///< GPX creator attribute, TCX Creator/Name, FIT software version
};

/// One recorded point. Every field is optional: a treadmill run has no position, a GPX file
/// may have no times. (OptionalDouble: files hold up to millions of these.)
struct Sample {
  OptionalInstant time{};
  OptionalDouble latitude_deg{};
  OptionalDouble longitude_deg{};
  OptionalDouble altitude_m{};
  OptionalDouble distance_m{};  ///< cumulative distance as the device measured it
  OptionalDouble speed_mps{};
  std::optional<int> heart_rate_bpm{};
  OptionalDouble cadence_spm{};  ///< steps per minute (FIT's per-leg rpm doubled)
  OptionalDouble power_w{};
  OptionalDouble temperature_c{};
};

/// A lap's summary as the device recorded it.
struct LapSummary {
  std::optional<Instant> start{};
  std::optional<double> elapsed_s{};
  std::optional<double> timer_s{};  ///< time with the timer running (moving)
  std::optional<double> distance_m{};
  std::optional<int> avg_heart_rate_bpm{};
  std::optional<int> max_heart_rate_bpm{};
  std::optional<double> avg_cadence_spm{};
};

/// A session's summary (FIT session, TCX Activity, GPX trk). One file may hold several
/// (multisport, several TCX activities).
struct SessionSummary {
  std::string sport;      ///< lower-case sport name, e.g. "running", "cycling", "swimming"
  std::string sub_sport;  ///< e.g. "trail", "treadmill", "track"; empty when generic
  std::optional<Instant> start{};
  std::optional<double> elapsed_s{};
  std::optional<double> timer_s{};
  std::optional<double> distance_m{};
  std::optional<double> ascent_m{};
  std::optional<int> avg_heart_rate_bpm{};
  std::optional<int> max_heart_rate_bpm{};
  std::optional<double> avg_cadence_spm{};
  std::optional<int> feel{};              ///< FIT session field 192: post-run feel, 0-100
  std::optional<int> perceived_effort{};  ///< FIT session field 193: RPE x 10, 0-100
  std::string name;                       ///< GPX trk name, TCX notes title, ...
  std::string notes;                      ///< GPX desc, TCX Notes
};

/// A timer start or stop (FIT event 0 timer, or a GPX track-segment boundary).
enum class TimerEvent : std::uint8_t { start, stop };

/// Receives a file's content in file order. Every method has a do-nothing default so a
/// sink overrides what it needs.
class ActivitySink {
 public:
  ActivitySink() = default;
  ActivitySink(const ActivitySink&) = default;
  ActivitySink& operator=(const ActivitySink&) = default;
  ActivitySink(ActivitySink&&) = default;
  ActivitySink& operator=(ActivitySink&&) = default;
  virtual ~ActivitySink() = default;

  /// Once per file (for a chained FIT file, once per part that has a file id).
  virtual void file_info(const FileInfo& info) { static_cast<void>(info); }
  /// The device that recorded the activity (FIT device_info of the creator, TCX Creator).
  virtual void device(std::string_view manufacturer, std::string_view product) {
    static_cast<void>(manufacturer);
    static_cast<void>(product);
  }
  /// XML readers: a new track or activity starts; records that follow belong to it.
  virtual void begin_session() {}
  /// A hint before the records: about how many follow (FIT knows from its first pass), so
  /// a sink can make room for them once.
  virtual void expect_records(std::size_t count) { static_cast<void>(count); }
  virtual void record(const Sample& sample) { static_cast<void>(sample); }
  /// A developer field's value for the record that follows (FIT developer data), kept by
  /// name and unit.
  virtual void developer_value(std::string_view name, std::string_view units, double value) {
    static_cast<void>(name);
    static_cast<void>(units);
    static_cast<void>(value);
  }
  virtual void lap(const LapSummary& lap) { static_cast<void>(lap); }
  virtual void session(const SessionSummary& session) { static_cast<void>(session); }
  virtual void timer(Instant when, TimerEvent event) {
    static_cast<void>(when);
    static_cast<void>(event);
  }
  /// The rider changed gear (FIT events front_gear_change and rear_gear_change): only a
  /// bicycle records these, so the activity is a ride whatever its sport says.
  virtual void gear_change(Instant when) { static_cast<void>(when); }
  /// The offset of local time from UTC where the activity was recorded (FIT's activity
  /// message), so a run far from home shows its local time.
  virtual void utc_offset(std::chrono::seconds offset) { static_cast<void>(offset); }
  /// Something was odd but reading went on (a bad CRC, a truncated tail, an unknown field
  /// size); the message says what and where.
  virtual void warning(std::string_view message) { static_cast<void>(message); }
};

}  // namespace cairn::formats
