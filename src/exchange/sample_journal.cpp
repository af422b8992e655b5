#include "sample_journal.hpp"

#include <cstddef>
#include <vector>

#include "cairn/core/time.hpp"

namespace cairn::exchange::sample {
namespace {

Value make_value(std::int64_t id, std::string name, int importance, bool active) {
  Value value;
  value.id = ValueId{id};
  value.name = std::move(name);
  value.importance = importance;
  value.active = active;
  return value;
}

ValueEvent make_event(std::int64_t id, ValueChangeKind kind, std::string_view on,
                      const Value& after) {
  ValueEvent event;
  event.id = ValueEventId{id};
  event.kind = kind;
  event.effective_on = parse_date(on);
  event.recorded_at = parse_utc(std::string(on) + "T20:15:00Z");
  event.after = after;
  return event;
}

}  // namespace

JournalData rich_journal() {
  JournalData data;
  data.settings = {{"units", "km"}, {"week_starts", "monday"}};

  Value calm = make_value(1, "Calm", 8, true);
  calm.description = "A clear mind, time to myself";
  calm.why = "Work is loud; I think better after a quiet hour";
  calm.link = "Running before work gives me focus";
  calm.practices = {"a solo run with no music", "a slow trail run"};
  calm.catalogue_key = "clear_mind";
  Value belonging = make_value(2, "Belonging", 6, true);
  belonging.description = "Being part of the club";
  belonging.practices = {"run with the club on Thursdays"};
  Value adventure = make_value(3, "Adventure", 4, false);
  adventure.description = "New places";
  data.values = {calm, belonging, adventure};

  Review review;
  review.id = ReviewId{1};
  review.on = parse_date("2025-03-15");
  review.written_at = parse_utc("2025-03-15T19:00:00Z");
  review.trigger = "new job";
  review.notes = "Less time; calm matters more now.";
  data.reviews = {review};

  Value calm_before = calm;
  calm_before.importance = 6;
  Value adventure_before = adventure;
  adventure_before.active = true;
  data.value_history = {
      make_event(1, ValueChangeKind::added, "2025-01-01", calm_before),
      make_event(2, ValueChangeKind::added, "2025-01-01", belonging),
      make_event(3, ValueChangeKind::added, "2025-01-02", adventure_before),
      make_event(4, ValueChangeKind::reranked, "2025-03-15", calm),
      make_event(5, ValueChangeKind::retired, "2025-03-15", adventure),
  };
  data.value_history[0].reason = "where it all started";
  data.value_history[3].review = review.id;
  data.value_history[4].review = review.id;
  data.value_history[4].reason = "no time for long trips, for now";

  cairn::Run full;
  full.id = RunId{1};
  full.start = parse_local_time("2025-03-01T07:30", "Europe/Berlin");
  full.sport = Sport::road;
  full.distance = Distance::from_meters(10000.0);
  full.elapsed = Duration(3130.5);
  full.moving = Duration(3060.0);
  full.elevation_gain = Distance::from_meters(123.4);
  full.avg_heart_rate_bpm = 150;
  full.max_heart_rate_bpm = 172;
  full.avg_cadence_spm = 0.1 + 171.2;  // not exactly representable: must still round-trip
  full.title = "Morning loop";
  full.route_name = "River, east side";
  full.review = "the file gives no sport and the pace 3:10 /km is fast for a run: a ride?";
  full.notes = "Felt good, \"really\" good\nsecond line";
  full.source = RunSource::file;
  full.source_ref = "sha256:0f1e2d";
  full.laps = {Lap{.elapsed = Duration(1500.25),
                   .distance = Distance::from_meters(5000.000000000001),
                   .avg_heart_rate_bpm = 148},
               Lap{.elapsed = Duration(1630.25), .distance = {}, .avg_heart_rate_bpm = {}}};

  cairn::Run bare;
  bare.id = RunId{2};
  bare.start = parse_local_time("2025-03-03T18:00", "America/New_York");
  bare.sport = Sport::other;

  cairn::Run early;
  early.id = RunId{3};
  early.start = parse_local_time("2025-02-27T06:45", "Europe/Berlin");
  early.sport = Sport::treadmill;
  early.distance = Distance::from_miles(5.0);
  early.elapsed = Duration(2400.0);
  data.runs = {full, bare, early};

  JournalEntry rich;
  rich.id = JournalEntryId{1};
  rich.run = full.id;
  rich.at = full.start;
  rich.written_at = parse_utc("2025-03-01T09:02:03Z");
  rich.before = Feeling{.mood = 2, .energy = 2};
  rich.after = Feeling{.mood = 4, .energy = 5};
  rich.enjoyment = 8;
  rich.effort = 6;
  rich.alignment = 7;
  rich.cue_rating = 6;
  rich.value_alignments = {ValueAlignment{.value = calm.id, .rating = 9},
                           ValueAlignment{.value = belonging.id, .rating = 5}};
  rich.motive = Motive{.value = calm.id, .push = {}};
  rich.context = RunContext{.company = Company::with_friend,
                            .route = RouteNovelty::familiar,
                            .setting = Setting::park,
                            .audio = Audio::music,
                            .weather = "cold, windy"};
  rich.text =
      "Slow start, then the river.\n# not a heading\n```\nGrüße from the bridge ✓\n\nSecond "
      "paragraph.";

  JournalEntry standalone;
  standalone.id = JournalEntryId{2};
  standalone.at = parse_local_time("2025-03-05T21:00", "Europe/Berlin");
  standalone.written_at = parse_utc("2025-03-05T20:30:00Z");
  standalone.motive = Motive{.value = {}, .push = OutsidePush::guilt};
  standalone.text = "Skipped the run; sore knee.";

  JournalEntry sparse;
  sparse.id = JournalEntryId{3};
  sparse.run = early.id;
  sparse.at = early.start;
  sparse.written_at = parse_utc("2025-02-27T08:00:00Z");
  sparse.enjoyment = 5;
  data.entries = {rich, standalone, sparse};

  Experiment ended;
  ended.id = ExperimentId{1};
  ended.value = calm.id;
  ended.practice = "a solo run with no music";
  ended.question = "do I come back calmer?";
  ended.starts_on = parse_date("2025-03-03");
  ended.ends_on = parse_date("2025-03-23");
  ended.ended_on = parse_date("2025-03-22");
  ended.reflection = "Yes, clearly calmer.";
  ended.decision = ExperimentDecision::keep;
  ended.runs = {full.id, bare.id};
  ended.goal = ExperimentGoal{.kind = GoalKind::pace,
                              .distance = Distance::from_kilometers(5.0),
                              .pace = Pace::from_seconds_per_km(330.0)};

  Experiment open;
  open.id = ExperimentId{2};
  open.value = belonging.id;
  open.practice = "invite a friend";
  open.question = "does it feel less like training?";
  open.starts_on = parse_date("2025-03-20");
  open.ends_on = parse_date("2025-04-10");
  open.goal = ExperimentGoal{.kind = GoalKind::form_cue, .cue = "relaxed shoulders"};
  data.experiments = {ended, open};

  CheckIn weekly;
  weekly.id = CheckInId{1};
  weekly.on = parse_date("2025-03-09");
  weekly.written_at = parse_utc("2025-03-09T18:00:00Z");
  weekly.areas = {LifeAreaRating{.value = calm.id, .rating = 7, .note = "better sleep"},
                  LifeAreaRating{.value = belonging.id, .rating = 4, .note = ""}};
  weekly.motivation = MotivationQuality{.enjoyment = 4, .chosen = 5, .guilt = 1, .pressure = 2};
  weekly.note = "A good week.";

  CheckIn partial;
  partial.id = CheckInId{2};
  partial.on = parse_date("2025-03-16");
  partial.written_at = parse_utc("2025-03-16T18:00:00Z");
  partial.motivation.guilt = 3;
  data.checkins = {weekly, partial};

  // Run 1's track has every measurement somewhere and each one missing somewhere; run 3's
  // (a treadmill) has time, distance and heart rate only; run 2 has none.
  std::vector<TrackPoint> outdoor(4);
  for (std::size_t i = 0; i < outdoor.size(); ++i) {
    outdoor[i].offset = Duration(static_cast<double>(i) * 2.5);
    outdoor[i].latitude_deg = 52.5200066 + static_cast<double>(i) * 1e-5;
    outdoor[i].longitude_deg = 13.404954 - static_cast<double>(i) * 1e-5;
    outdoor[i].distance_m = static_cast<double>(i) * (0.1 + 3.2);
    outdoor[i].cadence_spm = 170.0 + static_cast<double>(i);
  }
  outdoor[0].altitude_m = -3.25;
  outdoor[1].altitude_m = 34.5;
  outdoor[1].heart_rate_bpm = 141;
  outdoor[2].latitude_deg.reset();
  outdoor[2].longitude_deg.reset();
  outdoor[2].heart_rate_bpm = 143;
  outdoor[3].cadence_spm.reset();
  outdoor[3].distance_m.reset();
  std::vector<TrackPoint> treadmill(3);
  for (std::size_t i = 0; i < treadmill.size(); ++i) {
    treadmill[i].offset = Duration(static_cast<double>(i) * 1.001);
    treadmill[i].distance_m = static_cast<double>(i) * 3.0;
    treadmill[i].heart_rate_bpm = 120 + static_cast<int>(i);
  }
  data.tracks = {{full.id, outdoor}, {early.id, treadmill}};

  data.imported_files = {ImportedFile{.fingerprint = "0f1e2d",
                                      .name = "Morning loop.fit",
                                      .imported_at = parse_utc("2025-03-01T09:00:00Z"),
                                      .run_count = 1},
                         ImportedFile{.fingerprint = "9a8b7c",
                                      .name = "bike commute.fit",
                                      .imported_at = parse_utc("2025-03-02T09:00:00Z"),
                                      .run_count = 0}};
  return data;
}

}  // namespace cairn::exchange::sample
