#pragma once
/// \file
/// What one activity file holds, format-independent: the ActivityBuilder collects the
/// events of any reader into activities (one per session), and make_run turns each into a
/// run with its derived numbers and track.

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cairn/core/plausibility.hpp"
#include "cairn/core/run.hpp"
#include "cairn/core/track.hpp"
#include "cairn/formats/activity_sink.hpp"
#include "cairn/formats/readers.hpp"

namespace cairn::formats {

/// A developer field's values within one activity, kept by name and unit.
struct DeveloperSeries {
  std::string units;
  std::size_t count = 0;
  double sum = 0.0;
  double min = 0.0;
  double max = 0.0;
};

/// One activity (session) of a file with everything recorded for it.
struct Activity {
  FileInfo file;
  std::string device_manufacturer;
  std::string device_product;
  SessionSummary session;
  std::vector<Sample> samples;
  std::vector<LapSummary> laps;
  std::vector<std::pair<Instant, TimerEvent>> timer_events;
  std::map<std::string, DeveloperSeries, std::less<>> developer_fields;
  std::size_t gear_changes = 0;  ///< a bicycle's shifts (FIT events): a ride
  /// Local time minus UTC where it was recorded, when the file says (FIT).
  std::optional<std::chrono::seconds> utc_offset{};
};

/// Everything a file held, and what was odd about it.
struct FileContent {
  std::vector<Activity> activities;
  std::vector<std::string> warnings;
  FileInfo file;  ///< of the first part, for a chained file
};

/// Collects reader events into activities. Records go to the session whose time span holds
/// them (FIT writes session summaries first or last); XML readers mark sessions with
/// begin_session, and their records go to the session they were read in. Whatever a file
/// holds, what is kept stays within the limits: more records than ReadLimits::max_samples,
/// laps or timer events than max_laps are left out with a warning; more sessions than
/// max_sessions refuse the file (Error(invalid_input)).
class ActivityBuilder final : public ActivitySink {
 public:
  explicit ActivityBuilder(const ReadLimits& limits = {}) : limits_(limits) {}

  void file_info(const FileInfo& info) override;
  void device(std::string_view manufacturer, std::string_view product) override;
  void begin_session() override;
  void expect_records(std::size_t count) override;
  void record(const Sample& sample) override;
  void developer_value(std::string_view name, std::string_view units, double value) override;
  void lap(const LapSummary& lap) override;
  void session(const SessionSummary& given) override;
  void timer(Instant when, TimerEvent event) override;
  void gear_change(Instant when) override;
  void utc_offset(std::chrono::seconds offset) override;
  void warning(std::string_view message) override;

  /// The file's activities, each with its records, laps and timer events.
  [[nodiscard]] FileContent finish() &&;

 private:
  struct Group {
    std::vector<Sample> samples;
    std::optional<SessionSummary> session;
    std::vector<LapSummary> laps;
    std::vector<std::pair<Instant, TimerEvent>> timer_events;
    std::map<std::string, DeveloperSeries, std::less<>> developer_fields;
    std::vector<Instant> gear_changes;
  };
  Group& current();
  // Whether one more item fits under `limit` (`count` kept so far); warns once when not.
  bool room_for(std::size_t count, std::size_t limit, std::string_view what);

  ReadLimits limits_;
  std::size_t samples_ = 0;
  std::size_t laps_ = 0;
  std::size_t events_ = 0;
  std::vector<std::string> warned_full_;  // what was left out past its limit, warned once
  FileInfo file_;
  bool have_file_ = false;
  std::string manufacturer_;
  std::string product_;
  bool marked_sessions_ = false;  // an XML reader called begin_session
  std::vector<Group> groups_;
  std::vector<SessionSummary> sessions_;  // FIT: summaries apart from the records
  std::vector<std::string> warnings_;
  std::optional<std::chrono::seconds> utc_offset_;
};

/// Reads a file of any supported format (sniffed from the content, gzip included) into its
/// activities. Throws Error(corrupt_file) or Error(unsupported) naming the reason.
[[nodiscard]] FileContent read_activity_file(std::span<const std::byte> bytes,
                                             const ReadLimits& limits = {});

/// A run made from an activity, with what the watch said about how it felt.
struct RunDraft {
  Run run;
  std::vector<TrackPoint> track;
  std::optional<int> energy_after;  ///< from the watch's post-run feel (FIT 192), 1-5
  std::optional<int> effort;        ///< from the watch's perceived effort (FIT 193), 1-10
  /// What was done to the file's data on the way, in full sentences: the track cut at
  /// damage, untimed points placed in time, a summary left out.
  std::vector<std::string> notes;
};

/// Whether an activity is a run, by what the file says (its sport, the device that
/// recorded it, gear changes) and, when it says no sport, by its speed.
enum class RunKind : std::uint8_t { run, unsure, not_run };
struct SportJudgement {
  RunKind kind = RunKind::run;
  std::string reason;  ///< why it is not a run, or why Cairn is unsure; empty for a plain run
};
/// Judges the activity's sport from the file alone (the speed is judged in make_outcome).
[[nodiscard]] SportJudgement judge_sport(const Activity& activity);

/// Why a file of this type holds no run (a course, a route, waypoints: plans and places), or
/// nothing for an activity file.
[[nodiscard]] std::optional<std::string> planned_route_reason(const FileInfo& file);

/// Why a file that was read holds no activity at all: a planned route, or nothing of the
/// kind its format holds ("the GPX file holds no track, route or waypoint").
[[nodiscard]] std::string no_activity_reason(const FileInfo& file);

/// True when the activity is a run or might be one (see judge_sport).
[[nodiscard]] bool is_run(const Activity& activity);

/// The run's numbers: the device's summary where it has one and it is plausible, else derived
/// from the track (distance robust to GPS noise, smoothed elevation gain, heart rate and
/// cadence). Records are cut at the first damage (a time or distance jump no run makes);
/// untimed points between timed ones are placed in time along the way. Moving time follows
/// docs/formats.md: the device's timer less the standing the track shows, never below the
/// track's own moving time nor above the timer. Times are shown in `zone`, the runner's
/// home zone, unless the file says the run was recorded at another offset from UTC: then
/// in the fixed-offset zone of where it was (see zone_for_offset). Throws
/// Error(invalid_input) when the activity has no time at all.
[[nodiscard]] RunDraft make_run(const Activity& activity, std::string_view zone,
                                const RunLimits& limits = {});

/// What Cairn makes of one activity: a run, or the reason there is none.
struct ActivityOutcome {
  std::optional<RunDraft> draft;
  std::string skipped_because;  ///< when there is no draft: the whole reason, for the runner
};

struct OutcomeOptions {
  std::string_view zone = "UTC";  ///< the runner's home zone, or the zone where the run was
  /// `zone` is the zone at the run's own first position: it wins over a FIT file's UTC offset
  /// (watches that write UTC as local time, or keep home time abroad, are wrong; the position
  /// is not).
  bool zone_from_position = false;
  Timestamp now{};            ///< the latest plausible start is a day after this
  bool declared_run = false;  ///< an export's own type says it is a run
  RunLimits limits{};
};

/// The one place that decides whether an activity becomes a run (judge_sport, no time or a
/// clock never set, a fragment, the plausibility limits) and makes it; used by import and
/// inspect alike so both say the same.
[[nodiscard]] ActivityOutcome make_outcome(const Activity& activity, const OutcomeOptions& options);

}  // namespace cairn::formats
