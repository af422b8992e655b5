#include "cairn/exchange/json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cairn/core/error.hpp"
#include "cairn/exchange/exchange.hpp"

#include "sample_journal.hpp"

namespace cairn::exchange {
namespace {

using Json = nlohmann::ordered_json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Json exported_json(const JournalData& data = sample::rich_journal()) {
  return Json::parse(export_json(data));
}

// The rich journal's export with one change made to it.
std::string export_with(const std::function<void(Json&)>& change) {
  Json json = exported_json();
  change(json);
  return json.dump(2);
}

// Imports `text` expecting Error(code) whose message contains `part`.
void expect_rejected(const std::string& text, const std::string& part,
                     Errc code = Errc::invalid_input) {
  try {
    static_cast<void>(import_json(text));
    ADD_FAILURE() << "import accepted the input; expected an error containing: " << part;
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), code) << error.what();
    EXPECT_THAT(error.what(), HasSubstr(part));
  }
}

// --- round trip ---------------------------------------------------------------------------

TEST(FromJson, ReadsEachObjectBackAsToJsonWroteIt) {
  const JournalData data = sample::rich_journal();
  for (const auto& run : data.runs) EXPECT_EQ(from_json<cairn::Run>(to_json(run)), run);
  for (const auto& value : data.values) EXPECT_EQ(from_json<Value>(to_json(value)), value);
  for (const auto& entry : data.entries) {
    EXPECT_EQ(from_json<JournalEntry>(to_json(entry)), entry);
  }
  for (const auto& event : data.value_history) {
    EXPECT_EQ(from_json<ValueEvent>(to_json(event)), event);
  }
  for (const auto& experiment : data.experiments) {
    EXPECT_EQ(from_json<Experiment>(to_json(experiment)), experiment);
  }
  for (const auto& checkin : data.checkins)
    EXPECT_EQ(from_json<CheckIn>(to_json(checkin)), checkin);
  for (const auto& review : data.reviews) EXPECT_EQ(from_json<Review>(to_json(review)), review);
}

TEST(FromJson, ReadsEveryKindOfGoalBack) {
  Experiment experiment = sample::rich_journal().experiments.front();
  for (const auto& goal : std::vector<ExperimentGoal>{
           {.kind = GoalKind::distance, .distance = Distance::from_kilometers(10.0)},
           {.kind = GoalKind::time, .time = Duration(3000.5)},
           {.kind = GoalKind::pace,
           .distance = Distance::from_miles(3.1),
           .pace = Pace::from_seconds_per_km(299.25)},
           {.kind = GoalKind::runs_per_week, .runs_per_week = 4},
           {.kind = GoalKind::form_cue, .cue = "tall hips", .cue_target = 8},
           {.kind = GoalKind::form_cue, .cue = "quick feet"},
       }) {
    experiment.goal = goal;
    EXPECT_EQ(from_json<Experiment>(to_json(experiment)), experiment) << goal_kind_name(goal.kind);
  }
}

TEST(ToJson, WritesAGoalWithOnlyTheMembersOfItsKind) {
  const auto pace = to_json(ExperimentGoal{.kind = GoalKind::pace,
                                           .distance = Distance::from_kilometers(5.0),
                                           .pace = Pace::from_seconds_per_km(300.0)});
  EXPECT_EQ(pace.dump(), R"({"kind":"pace","distance_m":5000.0,"pace_s_per_km":300.0})");
  const auto cue = to_json(ExperimentGoal{.kind = GoalKind::form_cue, .cue = "tall"});
  EXPECT_EQ(cue.dump(), R"({"kind":"form_cue","cue":"tall","cue_target":null})");
}

TEST(ImportJson, RefusesAGoalOfAnUnknownKindOrWithAMisspeltField) {
  expect_rejected(export_with([](Json& json) { json["experiments"][0]["goal"]["kind"] = "speed"; }),
                  "export JSON invalid at experiments[0].goal.kind");
  expect_rejected(
      export_with([](Json& json) { json["experiments"][0]["goal"]["distnace_m"] = 5000; }),
      "export JSON invalid at experiments[0].goal.distnace_m");
}

TEST(FromJson, NamesThePathOfAWrongFieldAsTheErrorsField) {
  ASSERT_FALSE(sample::rich_journal().runs.empty());
  Json run = to_json(sample::rich_journal().runs.front());
  run["start"]["zone"] = "Moon/Base";
  try {
    static_cast<void>(from_json<cairn::Run>(run));
    ADD_FAILURE() << "a run in an unknown zone was read";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "start.zone");
    EXPECT_THAT(error.what(), StartsWith("JSON invalid at start.zone: "));
  }
  run = to_json(sample::rich_journal().runs.front());
  run["distnace_m"] = 5000;
  try {
    static_cast<void>(from_json<cairn::Run>(run));
    ADD_FAILURE() << "a misspelt field was ignored";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "distnace_m");
  }
  // The whole export still says what it is.
  expect_rejected(export_with([](Json& json) { json["runs"][0]["start"]["zone"] = "Moon/Base"; }),
                  "export JSON invalid at runs[0].start.zone");
}

TEST(ImportJson, RestoresEveryFieldOfARichJournal) {
  const JournalData data = sample::rich_journal();
  const JournalData back = import_json(export_json(data));
  EXPECT_TRUE(back.settings == data.settings);
  EXPECT_TRUE(back.values == data.values);
  EXPECT_TRUE(back.value_history == data.value_history);
  EXPECT_TRUE(back.reviews == data.reviews);
  EXPECT_TRUE(back.runs == data.runs);
  EXPECT_TRUE(back.entries == data.entries);
  EXPECT_TRUE(back.experiments == data.experiments);
  EXPECT_TRUE(back.checkins == data.checkins);
  EXPECT_TRUE(back.tracks == data.tracks);
  EXPECT_TRUE(back.imported_files == data.imported_files);
  EXPECT_TRUE(back == data);
}

TEST(ImportJson, RestoresTracksWithTheirMissingValuesAndNoneForARunWithout) {
  const JournalData data = sample::rich_journal();
  const JournalData back = import_json(export_json(data));
  ASSERT_EQ(back.tracks.size(), 2U);
  EXPECT_FALSE(back.tracks.contains(RunId{2}));
  const auto& outdoor = back.tracks.at(RunId{1});
  ASSERT_EQ(outdoor.size(), 4U);
  EXPECT_FALSE(outdoor[2].latitude_deg.has_value());
  EXPECT_FALSE(outdoor[0].heart_rate_bpm.has_value());
  EXPECT_EQ(outdoor[2].heart_rate_bpm, 143);
  EXPECT_EQ(outdoor[1].altitude_m, 34.5);
  EXPECT_EQ(outdoor[3].offset.count(), 7.5);
  EXPECT_TRUE(outdoor == data.tracks.at(RunId{1}));
  const auto& treadmill = back.tracks.at(RunId{3});
  ASSERT_EQ(treadmill.size(), 3U);
  EXPECT_FALSE(treadmill[1].latitude_deg.has_value());
  EXPECT_FALSE(treadmill[1].cadence_spm.has_value());
  EXPECT_EQ(treadmill[2].heart_rate_bpm, 122);
}

TEST(ImportJson, RestoresImportedFilesWithTheirTimes) {
  const JournalData back = import_json(export_json(sample::rich_journal()));
  ASSERT_EQ(back.imported_files.size(), 2U);
  EXPECT_EQ(back.imported_files[0].fingerprint, "0f1e2d");
  EXPECT_EQ(back.imported_files[0].name, "Morning loop.fit");
  EXPECT_EQ(back.imported_files[0].imported_at, parse_utc("2025-03-01T09:00:00Z"));
  EXPECT_EQ(back.imported_files[0].run_count, 1);
  EXPECT_EQ(back.imported_files[1].run_count, 0);
}

TEST(ImportJson, RestoresAnEmptyJournal) {
  const JournalData empty;
  EXPECT_TRUE(import_json(export_json(empty)) == empty);
}

// A hand-edited export with a member given twice is refused, naming where: which of the two
// the editor meant is a guess.
TEST(ImportJson, RefusesAMemberGivenTwiceNamingWhere) {
  std::string text = export_json(sample::rich_journal());
  const auto zone = text.find("\"zone\": ", text.find("\"runs\": ["));
  ASSERT_NE(zone, std::string::npos);
  text.insert(zone, "\"zone\": \"UTC\", ");
  try {
    static_cast<void>(import_json(text));
    ADD_FAILURE() << "an export with a run's zone given twice was restored";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "runs[0].start.zone");
    EXPECT_NE(std::string(error.what()).find("given twice"), std::string::npos) << error.what();
  }
}

TEST(ExportJson, IsByteIdenticalAfterAnImportAndAnotherExport) {
  const std::string first = export_json(sample::rich_journal());
  EXPECT_EQ(export_json(import_json(first)), first);
  EXPECT_EQ(export_json(sample::rich_journal()), first);
}

TEST(ExportJson, KeepsDoublesExactlyThroughARoundTrip) {
  JournalData data;
  const std::array awkward{0.1 + 0.2, 1.0 / 3.0,          std::nextafter(10000.0, 20000.0),
                           5e-324,    123456789.12345679, std::numeric_limits<double>::max()};
  std::int64_t id = 0;
  for (const double number : awkward) {
    cairn::Run run;
    run.id = RunId{++id};
    run.distance = Distance::from_meters(number);
    run.elapsed = Duration(number);
    run.avg_cadence_spm = number;
    data.runs.push_back(run);
  }
  // Track values are bounded (see RejectsTrackValuesOutOfRange), so the awkward ones that fit.
  std::vector<TrackPoint> track;
  for (const double number : {0.1 + 0.2, 1.0 / 3.0, 5e-324, 179.99999999999997}) {
    track.push_back(TrackPoint{.offset = Duration(number),
                               .latitude_deg = -number,
                               .longitude_deg = number,
                               .altitude_m = number,
                               .distance_m = number,
                               .heart_rate_bpm = {},
                               .cadence_spm = number});
  }
  data.tracks[RunId{1}] = track;
  EXPECT_TRUE(import_json(export_json(data)) == data);
}

// --- the shape of the export --------------------------------------------------------------

TEST(ExportJson, StartsWithTheFormatMarkerAndVersionIndentedByTwoSpaces) {
  EXPECT_THAT(export_json(sample::rich_journal()),
              StartsWith("{\n  \"format\": \"cairn-export\",\n  \"format_version\": 2,\n  "
                         "\"settings\": {\n    \"units\": \"km\","));
}

TEST(ExportJson, WritesTheSectionsInAFixedOrder) {
  const Json json = exported_json();
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "format", "format_version", "settings", "values", "value_history", "reviews",
                      "runs", "entries", "experiments", "checkins", "imported_files", "tracks"}));
}

TEST(ExportJson, WritesATrackColumnByColumnOneLineEach) {
  const std::string text = export_json(sample::rich_journal());
  EXPECT_THAT(text, HasSubstr(R"(
  "tracks": [
    {
      "run_id": 1,
      "offset_s": [0.0,2.5,5.0,7.5],
)"));
  EXPECT_THAT(text, HasSubstr(R"(
      "heart_rate_bpm": [null,141,143,null],
      "cadence_spm": [170.0,171.0,172.0,null]
    },
)"));
  // A measurement no point has is null as a whole; the document ends with the tracks.
  EXPECT_THAT(text, testing::EndsWith(R"(
    {
      "run_id": 3,
      "offset_s": [0.0,1.001,2.002],
      "latitude_deg": null,
      "longitude_deg": null,
      "altitude_m": null,
      "distance_m": [0.0,3.0,6.0],
      "heart_rate_bpm": [120,121,122],
      "cadence_spm": null
    }
  ]
}
)"));
}

TEST(ExportJson, WritesATrackInElevenLinesHoweverLongItIs) {
  JournalData data;
  data.runs.push_back(cairn::Run{.id = RunId{1}});
  const auto lines = [](const std::string& text) { return std::ranges::count(text, '\n'); };
  const auto without_track = lines(export_json(data));
  data.tracks[RunId{1}] = std::vector<TrackPoint>(10000, TrackPoint{.latitude_deg = 52.5});
  const auto with_track = lines(export_json(data));
  EXPECT_EQ(with_track - without_track, 11);  // the object's braces, 8 fields, the closing "]"
}

TEST(ExportJson, WritesNoTrackForARunWithoutOne) {
  const Json json = exported_json();
  ASSERT_EQ(json["tracks"].size(), 2U);
  EXPECT_EQ(json["tracks"][0]["run_id"], 1);
  EXPECT_EQ(json["tracks"][1]["run_id"], 3);
  EXPECT_EQ(exported_json(JournalData{})["tracks"], Json::array());
}

TEST(ExportJson, WritesImportedFilesWithTheirTimes) {
  EXPECT_EQ(exported_json()["imported_files"][0], (Json{{"fingerprint", "0f1e2d"},
                                                        {"name", "Morning loop.fit"},
                                                        {"imported_at", "2025-03-01T09:00:00Z"},
                                                        {"run_count", 1}}));
}

TEST(ExportJson, NamesRunFieldsWithTheirUnits) {
  const Json run = exported_json()["runs"][0];
  EXPECT_EQ(run["id"], 1);
  EXPECT_EQ(run["start"], (Json{{"utc", "2025-03-01T06:30:00Z"},
                                {"zone", "Europe/Berlin"},
                                {"local", "2025-03-01 07:30"}}));
  EXPECT_EQ(run["sport"], "road");
  EXPECT_EQ(run["distance_m"], 10000.0);
  EXPECT_EQ(run["elapsed_s"], 3130.5);
  EXPECT_EQ(run["moving_s"], 3060.0);
  EXPECT_EQ(run["elevation_gain_m"], 123.4);
  EXPECT_EQ(run["avg_heart_rate_bpm"], 150);
  EXPECT_EQ(run["max_heart_rate_bpm"], 172);
  EXPECT_EQ(run["source"], "file");
  EXPECT_EQ(run["laps"][0]["elapsed_s"], 1500.25);
  EXPECT_TRUE(run["laps"][1]["distance_m"].is_null());
}

TEST(ExportJson, WritesAbsentValuesAsNull) {
  const Json run = exported_json()["runs"][1];
  for (const char* field : {"distance_m", "elapsed_s", "moving_s", "elevation_gain_m",
                            "avg_heart_rate_bpm", "max_heart_rate_bpm", "avg_cadence_spm"}) {
    ASSERT_TRUE(run.contains(field)) << field;
    EXPECT_TRUE(run[field].is_null()) << field;
  }
  const Json entry = exported_json()["entries"][1];
  EXPECT_TRUE(entry["run_id"].is_null());
  EXPECT_TRUE(entry["motive"]["value_id"].is_null());
}

TEST(ExportJson, WritesDatesTimesAndEnumerationsByTheirStableNames) {
  const Json json = exported_json();
  EXPECT_EQ(json["value_history"][3]["kind"], "reranked");
  EXPECT_EQ(json["value_history"][3]["effective_on"], "2025-03-15");
  EXPECT_EQ(json["value_history"][3]["recorded_at"], "2025-03-15T20:15:00Z");
  EXPECT_EQ(json["value_history"][3]["review_id"], 1);
  EXPECT_EQ(json["values"][2]["active"], false);
  EXPECT_EQ(json["values"][0]["catalogue_key"], "clear_mind");
  const Json& entry = json["entries"][0];
  EXPECT_EQ(entry["context"], (Json{{"company", "friend"},
                                    {"route", "familiar"},
                                    {"setting", "park"},
                                    {"audio", "music"},
                                    {"weather", "cold, windy"}}));
  EXPECT_EQ(entry["value_alignments"][0], (Json{{"value_id", 1}, {"rating", 9}}));
  EXPECT_EQ(json["entries"][1]["motive"]["push"], "guilt");
  EXPECT_EQ(json["experiments"][0]["decision"], "keep");
  EXPECT_EQ(json["experiments"][0]["ended_on"], "2025-03-22");
  EXPECT_EQ(json["experiments"][0]["run_ids"], (Json{1, 2}));
  EXPECT_TRUE(json["experiments"][1]["ended_on"].is_null());
  EXPECT_EQ(json["checkins"][0]["motivation"],
            (Json{{"enjoyment", 4}, {"chosen", 5}, {"guilt", 1}, {"pressure", 2}}));
}

TEST(ExportJson, KeepsUnicodeTextReadable) {
  EXPECT_THAT(export_json(sample::rich_journal()), HasSubstr("Grüße from the bridge ✓"));
}

TEST(ExportJson, ReplacesBytesThatAreNotUtf8RatherThanFailing) {
  JournalData data;
  cairn::Run run;
  run.notes = "caf\xe9";
  data.runs.push_back(run);
  const JournalData back = import_json(export_json(data));
  EXPECT_EQ(back.runs.at(0).notes, "caf\xef\xbf\xbd");
}

TEST(ToJson, GivesEachObjectTheShapeItHasInTheExport) {
  const JournalData data = sample::rich_journal();
  const Json json = exported_json(data);
  EXPECT_EQ(to_json(data.values[0]), json["values"][0]);
  EXPECT_EQ(to_json(data.value_history[4]), json["value_history"][4]);
  EXPECT_EQ(to_json(data.reviews[0]), json["reviews"][0]);
  EXPECT_EQ(to_json(data.runs[0]), json["runs"][0]);
  EXPECT_EQ(to_json(data.entries[0]), json["entries"][0]);
  EXPECT_EQ(to_json(data.experiments[1]), json["experiments"][1]);
  EXPECT_EQ(to_json(data.checkins[0]), json["checkins"][0]);
}

TEST(ToJson, ReportsADemoJournalWithDatesCountsAndTheValuesInForce) {
  const JournalData data = sample::rich_journal();
  const DemoReport report{.seed = 7,
                          .years = 3,
                          .runs_per_week = 4,
                          .as_of = parse_date("2026-05-01"),
                          .first_run = parse_date("2023-05-02"),
                          .last_run = parse_date("2026-04-26"),
                          .values = 6,
                          .value_changes = 11,
                          .reviews = 2,
                          .runs = 558,
                          .tracks = 549,
                          .track_points = 383'000,
                          .entries = 512,
                          .experiments = 4,
                          .checkins = 121,
                          .imported_files = 549,
                          .values_in_force = {data.values[0]}};
  const Json json = to_json(report);
  EXPECT_EQ(json["seed"], 7);
  EXPECT_EQ(json["runs_per_week"], 4);
  EXPECT_EQ(json["as_of"], "2026-05-01");
  EXPECT_EQ(json["first_run"], "2023-05-02");
  EXPECT_EQ(json["last_run"], "2026-04-26");
  EXPECT_EQ(json["runs"], 558);
  EXPECT_EQ(json["track_points"], 383'000);
  EXPECT_EQ(json["checkins"], 121);
  ASSERT_EQ(json["values_in_force"].size(), 1U);
  EXPECT_EQ(json["values_in_force"][0], exported_json(data)["values"][0]);
}

TEST(ExportJson, StillExportsATimeWhoseZoneThisMachineDoesNotKnow) {
  JournalData data;
  cairn::Run run;
  run.start = ZonedTime{.utc = parse_utc("2025-03-01T06:30:00Z"), .zone = "Mars/Olympus"};
  data.runs.push_back(run);
  const Json json = Json::parse(export_json(data));
  EXPECT_EQ(json["runs"][0]["start"]["utc"], "2025-03-01T06:30:00Z");
  EXPECT_TRUE(json["runs"][0]["start"]["local"].is_null());
  EXPECT_THAT(export_runs_csv(data, UnitSystem::metric),
              HasSubstr("\r\n0,2025-03-01T06:30:00Z,Mars/Olympus,road,"));
}

// --- lenient where it is safe -------------------------------------------------------------

TEST(ImportJson, IgnoresTheInformationalLocalTime) {
  const JournalData expected = sample::rich_journal();
  EXPECT_TRUE(import_json(export_with([](Json& json) {
                json["runs"][0]["start"]["local"] = "whatever the reader likes";
              })) == expected);
  EXPECT_TRUE(import_json(export_with(
                  [](Json& json) { json["runs"][0]["start"].erase("local"); })) == expected);
}

TEST(ImportJson, TakesAnOmittedOptionalFieldAsAbsent) {
  const JournalData back = import_json(export_with([](Json& json) {
    json["runs"][1].erase("distance_m");
    json["entries"][1].erase("run_id");
  }));
  EXPECT_FALSE(back.runs.at(1).distance);
  EXPECT_FALSE(back.entries.at(1).run);
}

TEST(ImportJson, ReadsAnExportFromBeforeGoalsAndCueRatings) {
  const JournalData back = import_json(export_with([](Json& json) {
    for (auto& experiment : json["experiments"]) experiment.erase("goal");
    for (auto& entry : json["entries"]) entry.erase("cue_rating");
  }));
  ASSERT_FALSE(back.experiments.empty());
  for (const auto& experiment : back.experiments) EXPECT_FALSE(experiment.goal);
  for (const auto& entry : back.entries) EXPECT_FALSE(entry.cue_rating);
}

TEST(ImportJson, ReadsAVersion1ExportWhichHadNoTracksNorImportedFiles) {
  JournalData expected = sample::rich_journal();
  expected.tracks.clear();
  expected.imported_files.clear();
  const JournalData back = import_json(export_with([](Json& json) {
    json["format_version"] = 1;
    json.erase("tracks");
    json.erase("imported_files");
  }));
  EXPECT_TRUE(back == expected);
}

TEST(ImportJson, TakesAnOmittedTrackColumnAsNoValues) {
  const JournalData back =
      import_json(export_with([](Json& json) { json["tracks"][0].erase("heart_rate_bpm"); }));
  for (const auto& point : back.tracks.at(RunId{1})) EXPECT_FALSE(point.heart_rate_bpm);
}

// --- bad input ----------------------------------------------------------------------------

TEST(ImportJson, RejectsTextThatIsNotJson) {
  expect_rejected("this is not json", "export is not valid JSON: parse error at line 1");
  expect_rejected("", "export is not valid JSON");
}

TEST(ImportJson, RefusesNestingDeeperThanTheLimitBeforeParsing) {
  // The shape that overflowed the stack: an object member after a 200,000-deep array.
  const std::string deep = R"({"format": "cairn-export", "a": )" + std::string(200'000, '[') +
                           std::string(200'000, ']') + R"(, "b": 1})";
  // The 65th bracket opens at byte 32 + 63 (the root object is the first level).
  expect_rejected(deep, "export JSON nested deeper than 64 levels at byte 95");
  expect_rejected(std::string(100, '{'), "nested deeper than 64 levels at byte 64");
}

TEST(CheckJsonDepth, CountsOnlyBracketsOutsideStrings) {
  const std::string brackets_in_text = R"({"a": "[[[{{{\"[[[", "b": [[1]]})";
  EXPECT_NO_THROW(check_json_depth(brackets_in_text, 3, "x"));
  EXPECT_THROW(check_json_depth(brackets_in_text, 2, "x"), Error);
  EXPECT_NO_THROW(check_json_depth(std::string(64, '[') + std::string(64, ']'), 64, "x"));
  EXPECT_NO_THROW(check_json_depth(export_json(sample::rich_journal()), 5, "x"));
}

TEST(ImportJson, RejectsATruncatedExport) {
  const std::string text = export_json(sample::rich_journal());
  expect_rejected(text.substr(0, text.size() / 2), "export is not valid JSON");
}

TEST(ImportJson, RejectsJsonThatIsNotAnObject) {
  expect_rejected("[1, 2, 3]", "export JSON invalid at the top level: expected an object");
}

TEST(ImportJson, RejectsADocumentWithoutTheFormatMarker) {
  expect_rejected(R"({"runs": []})", "not a Cairn export");
  expect_rejected(export_with([](Json& json) { json.erase("format"); }), "not a Cairn export");
}

TEST(ImportJson, RejectsAWrongFormatMarker) {
  expect_rejected(export_with([](Json& json) { json["format"] = "strava-export"; }),
                  R"(not a Cairn export: format is "strava-export", expected "cairn-export")");
}

TEST(ImportJson, RejectsANewerFormatVersionAsUnsupported) {
  expect_rejected(export_with([](Json& json) {
                    json["format_version"] = 7;
                    json["something_new"] = true;
                  }),
                  "unsupported export format_version 7", Errc::unsupported);
}

TEST(ImportJson, RejectsAFormatVersionThatIsNotAPositiveInteger) {
  expect_rejected(export_with([](Json& json) { json["format_version"] = "1"; }),
                  "export JSON invalid at format_version: expected an integer, found a string");
  expect_rejected(export_with([](Json& json) { json["format_version"] = 0; }),
                  "export JSON invalid at format_version: unknown version 0");
  expect_rejected(export_with([](Json& json) { json.erase("format_version"); }),
                  "export JSON invalid at format_version: missing required field");
}

TEST(ImportJson, RejectsADistanceThatIsNotANumber) {
  expect_rejected(export_with([](Json& json) { json["runs"][0]["distance_m"] = "10 km"; }),
                  "export JSON invalid at runs[0].distance_m: expected a number, found a string");
}

TEST(ImportJson, RejectsAnIdThatIsNotAWholeNumber) {
  expect_rejected(export_with([](Json& json) { json["values"][1]["id"] = 2.5; }),
                  "export JSON invalid at values[1].id: expected an integer, found a fractional "
                  "number");
}

TEST(ImportJson, RejectsNumbersTooLargeForTheirField) {
  expect_rejected(export_with([](Json& json) {
                    json["runs"][0]["id"] = std::numeric_limits<std::uint64_t>::max();
                  }),
                  "export JSON invalid at runs[0].id: integer out of range");
  expect_rejected(export_with([](Json& json) { json["entries"][0]["enjoyment"] = 10000000000LL; }),
                  "export JSON invalid at entries[0].enjoyment: integer out of range");
}

TEST(ImportJson, RejectsANumberTooLargeToBeFinite) {
  std::string text = export_json(sample::rich_journal());
  const std::string distance = "\"distance_m\": 10000.0";
  ASSERT_NE(text.find(distance), std::string::npos);
  text.replace(text.find(distance), distance.size(), "\"distance_m\": 1e999");
  try {
    static_cast<void>(import_json(text));
    ADD_FAILURE() << "import accepted an infinite distance";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
  }
}

TEST(ImportJson, RejectsAWrongTypeDeepInside) {
  expect_rejected(
      export_with([](Json& json) { json["value_history"][3]["after"]["practices"][1] = 7; }),
      "export JSON invalid at value_history[3].after.practices[1]: expected a string, found an "
      "integer");
  expect_rejected(export_with([](Json& json) { json["checkins"][0]["areas"] = Json::object(); }),
                  "export JSON invalid at checkins[0].areas: expected an array, found an object");
  expect_rejected(export_with([](Json& json) { json["values"][0]["active"] = 1; }),
                  "export JSON invalid at values[0].active: expected true or false");
  expect_rejected(export_with([](Json& json) { json["settings"]["units"] = 5; }),
                  "export JSON invalid at settings.units: expected a string");
}

TEST(ImportJson, RejectsAMissingRequiredField) {
  expect_rejected(export_with([](Json& json) { json["runs"][1].erase("sport"); }),
                  "export JSON invalid at runs[1].sport: missing required field");
  expect_rejected(export_with([](Json& json) { json["runs"][0]["start"].erase("zone"); }),
                  "export JSON invalid at runs[0].start.zone: missing required field");
  expect_rejected(export_with([](Json& json) { json.erase("checkins"); }),
                  "export JSON invalid at checkins: missing required field");
}

TEST(ImportJson, RejectsNullForARequiredField) {
  expect_rejected(export_with([](Json& json) { json["entries"][0]["text"] = nullptr; }),
                  "export JSON invalid at entries[0].text: expected a string, found null");
}

TEST(ImportJson, RejectsAnUnknownFieldSoATypoCannotDropData) {
  expect_rejected(export_with([](Json& json) { json["runs"][0]["distance_km"] = 10; }),
                  "export JSON invalid at runs[0].distance_km: unknown field");
  expect_rejected(export_with([](Json& json) { json["extra"] = Json::array(); }),
                  "export JSON invalid at extra: unknown field");
}

TEST(ImportJson, RejectsUnknownEnumerationNames) {
  expect_rejected(export_with([](Json& json) { json["runs"][0]["sport"] = "jogging"; }),
                  "export JSON invalid at runs[0].sport: unknown sport 'jogging'");
  expect_rejected(export_with([](Json& json) { json["entries"][0]["context"]["company"] = "dog"; }),
                  "export JSON invalid at entries[0].context.company: unknown company 'dog'");
  expect_rejected(export_with([](Json& json) { json["entries"][1]["motive"]["push"] = "fame"; }),
                  "export JSON invalid at entries[1].motive.push: unknown outside push 'fame'");
  expect_rejected(export_with([](Json& json) { json["value_history"][0]["kind"] = "invented"; }),
                  "export JSON invalid at value_history[0].kind: unknown value change");
  expect_rejected(export_with([](Json& json) { json["experiments"][0]["decision"] = "maybe"; }),
                  "export JSON invalid at experiments[0].decision: unknown decision 'maybe'");
  expect_rejected(export_with([](Json& json) { json["runs"][0]["source"] = "watch"; }),
                  "export JSON invalid at runs[0].source: unknown run source 'watch'");
}

TEST(ImportJson, RejectsAnImpossibleDate) {
  expect_rejected(
      export_with([](Json& json) { json["experiments"][0]["starts_on"] = "2025-02-30"; }),
      "export JSON invalid at experiments[0].starts_on: impossible date '2025-02-30'");
  expect_rejected(export_with([](Json& json) { json["checkins"][1]["on"] = "16/03/2025"; }),
                  "export JSON invalid at checkins[1].on: '16/03/2025' is not a date");
}

TEST(ImportJson, RejectsAMalformedInstant) {
  expect_rejected(
      export_with([](Json& json) { json["runs"][0]["start"]["utc"] = "2025-03-01 06:30"; }),
      "export JSON invalid at runs[0].start.utc: '2025-03-01 06:30' is not a UTC time");
  expect_rejected(
      export_with([](Json& json) { json["reviews"][0]["written_at"] = "2025-02-30T10:00:00Z"; }),
      "export JSON invalid at reviews[0].written_at: impossible date");
}

TEST(ImportJson, RejectsAnUnknownTimeZone) {
  expect_rejected(
      export_with([](Json& json) { json["entries"][1]["at"]["zone"] = "Mars/Olympus"; }),
      "export JSON invalid at entries[1].at.zone: unknown time zone 'Mars/Olympus'");
}

TEST(ImportJson, SurvivesDeeplyNestedInput) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  expect_rejected(deep, "export JSON nested deeper than 64 levels at byte 64");
  expect_rejected(std::string(100000, '{'), "export JSON nested deeper than 64 levels at byte 64");
  // Within the limit, the parser takes it and the reader refuses its shape.
  expect_rejected(std::string(64, '[') + std::string(64, ']'), "expected an object");
}

// Every prefix, and every byte replaced by a few troublesome ones, must import or throw
// cairn::Error: never crash, never let a library exception through.
TEST(ImportJson, NeverFailsOtherThanWithAnErrorOnDamagedExports) {
  const std::string text = export_json(sample::rich_journal());
  const auto survives = [](const std::string& damaged) {
    try {
      static_cast<void>(import_json(damaged));
    } catch (const Error&) {
      // fine: the expected way to refuse
    }
  };
  // Prime strides land on every kind of token while keeping the test quick under ASan.
  for (std::size_t size = 0; size < text.size(); size += 31) survives(text.substr(0, size));
  for (std::size_t at = 0; at < text.size(); at += 53) {
    for (const char replacement : {'"', '0', '-', ']', '\x80'}) {
      std::string damaged = text;
      damaged[at] = replacement;
      survives(damaged);
    }
  }
}

TEST(ImportJson, RejectsVersion2WithoutTracksOrImportedFiles) {
  expect_rejected(export_with([](Json& json) { json.erase("tracks"); }),
                  "export JSON invalid at tracks: missing required field");
  expect_rejected(export_with([](Json& json) { json.erase("imported_files"); }),
                  "export JSON invalid at imported_files: missing required field");
}

TEST(ImportJson, RejectsTracksInAVersion1Export) {
  expect_rejected(export_with([](Json& json) {
                    json["format_version"] = 1;
                    json.erase("imported_files");
                  }),
                  "export JSON invalid at tracks: unknown field");
}

TEST(ImportJson, RejectsTracksOfTheWrongShape) {
  expect_rejected(export_with([](Json& json) { json["tracks"] = Json::object(); }),
                  "export JSON invalid at tracks: expected an array, found an object");
  expect_rejected(export_with([](Json& json) { json["tracks"][1] = Json::array(); }),
                  "export JSON invalid at tracks[1]: expected an object, found an array");
  expect_rejected(export_with([](Json& json) { json["tracks"][0].erase("run_id"); }),
                  "export JSON invalid at tracks[0].run_id: missing required field");
  expect_rejected(export_with([](Json& json) { json["tracks"][0]["speed_mps"] = nullptr; }),
                  "export JSON invalid at tracks[0].speed_mps: unknown field");
  expect_rejected(
      export_with([](Json& json) { json["tracks"][1]["heart_rate_bpm"] = Json::object(); }),
      "export JSON invalid at tracks[1].heart_rate_bpm: expected an array or null, found an "
      "object");
}

TEST(ImportJson, RejectsATrackWithoutTimesForItsPoints) {
  expect_rejected(export_with([](Json& json) { json["tracks"][0].erase("offset_s"); }),
                  "export JSON invalid at tracks[0].offset_s: missing required field");
  expect_rejected(export_with([](Json& json) { json["tracks"][0]["offset_s"][2] = nullptr; }),
                  "export JSON invalid at tracks[0].offset_s[2]: expected a number, found null");
  expect_rejected(export_with([](Json& json) { json["tracks"][0]["offset_s"] = nullptr; }),
                  "export JSON invalid at tracks[0].offset_s: expected an array, found null");
}

TEST(ImportJson, RejectsATrackWithoutPoints) {
  expect_rejected(export_with([](Json& json) {
                    json["tracks"][1]["offset_s"] = Json::array();
                    json["tracks"][1]["distance_m"] = nullptr;
                    json["tracks"][1]["heart_rate_bpm"] = nullptr;
                  }),
                  "export JSON invalid at tracks[1].offset_s: a track needs at least one point");
}

TEST(ImportJson, RejectsTrackColumnsOfDifferentLengths) {
  expect_rejected(export_with([](Json& json) { json["tracks"][0]["altitude_m"].erase(0); }),
                  "export JSON invalid at tracks[0].altitude_m: 3 values for 4 points");
  expect_rejected(export_with([](Json& json) { json["tracks"][1]["distance_m"].push_back(9.0); }),
                  "export JSON invalid at tracks[1].distance_m: 4 values for 3 points");
}

TEST(ImportJson, RejectsATrackValueOfTheWrongType) {
  expect_rejected(
      export_with([](Json& json) { json["tracks"][0]["latitude_deg"][1] = "52.5"; }),
      "export JSON invalid at tracks[0].latitude_deg[1]: expected a number or null, found a "
      "string");
  expect_rejected(
      export_with([](Json& json) { json["tracks"][1]["heart_rate_bpm"][2] = 121.5; }),
      "export JSON invalid at tracks[1].heart_rate_bpm[2]: expected an integer or null, found a "
      "fractional number");
  expect_rejected(
      export_with([](Json& json) { json["tracks"][0]["cadence_spm"][0] = Json::array(); }),
      "export JSON invalid at tracks[0].cadence_spm[0]: expected a number or null, found an "
      "array");
}

// Values beyond these would overflow the store's fixed-point track encoding.
TEST(ImportJson, RejectsTrackValuesOutOfRange) {
  expect_rejected(export_with([](Json& json) { json["tracks"][0]["latitude_deg"][0] = 200; }),
                  "export JSON invalid at tracks[0].latitude_deg[0]: 200 is out of range "
                  "(-180 to 180)");
  expect_rejected(export_with([](Json& json) { json["tracks"][0]["offset_s"][3] = 1e300; }),
                  "export JSON invalid at tracks[0].offset_s[3]: 1e+300 is out of range");
  expect_rejected(export_with([](Json& json) { json["tracks"][1]["distance_m"][1] = -1.0; }),
                  "export JSON invalid at tracks[1].distance_m[1]: -1 is out of range");
  expect_rejected(
      export_with([](Json& json) { json["tracks"][1]["heart_rate_bpm"][0] = 1LL << 40; }),
      "export JSON invalid at tracks[1].heart_rate_bpm[0]: 1099511627776 is out of range");
}

TEST(ImportJson, RejectsATrackForARunNotInTheFile) {
  expect_rejected(export_with([](Json& json) { json["tracks"][1]["run_id"] = 9; }),
                  "export JSON invalid at tracks[1].run_id: run 9 is not among the export's runs");
}

TEST(ImportJson, RejectsASecondTrackForTheSameRun) {
  expect_rejected(export_with([](Json& json) { json["tracks"][1]["run_id"] = 1; }),
                  "export JSON invalid at tracks[1].run_id: a second track for run 1");
}

TEST(ImportJson, RejectsMalformedImportedFiles) {
  expect_rejected(export_with([](Json& json) { json["imported_files"][0]["run_count"] = "1"; }),
                  "export JSON invalid at imported_files[0].run_count: expected an integer, "
                  "found a string");
  expect_rejected(export_with([](Json& json) { json["imported_files"][1]["run_count"] = -1; }),
                  "export JSON invalid at imported_files[1].run_count: expected 0 or more "
                  "runs, found -1");
  expect_rejected(
      export_with([](Json& json) { json["imported_files"][0]["imported_at"] = "yesterday"; }),
      "export JSON invalid at imported_files[0].imported_at: 'yesterday' is not a UTC time");
  expect_rejected(export_with([](Json& json) { json["imported_files"][0]["fingerprint"] = ""; }),
                  "export JSON invalid at imported_files[0].fingerprint: empty fingerprint");
  expect_rejected(export_with([](Json& json) { json["imported_files"][1].erase("name"); }),
                  "export JSON invalid at imported_files[1].name: missing required field");
  expect_rejected(export_with([](Json& json) { json["imported_files"] = Json::object(); }),
                  "export JSON invalid at imported_files: expected an array, found an object");
}

TEST(ImportJson, RejectsAnImportedFileListedTwice) {
  expect_rejected(
      export_with([](Json& json) { json["imported_files"][1]["fingerprint"] = "0f1e2d"; }),
      "export JSON invalid at imported_files[1].fingerprint: file '0f1e2d' is listed "
      "twice");
}

}  // namespace
TEST(CheckExportStart, RefusesWhatCannotBeAnExportBeforeItIsRead) {
  EXPECT_NO_THROW(check_export_start("{\"format\": \"cairn-export\""));
  EXPECT_NO_THROW(check_export_start("\xEF\xBB\xBF\n  {"));
  EXPECT_THROW(check_export_start(std::string(1000, '\0')), Error);
  EXPECT_THROW(check_export_start("[1, 2]"), Error);
  EXPECT_THROW(check_export_start(""), Error);
  EXPECT_THROW(check_export_start(std::string("{\"a\": 1}") + '\0'), Error);
}

}  // namespace cairn::exchange
