#include <array>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/readers.hpp"

#include "xml_test_support.hpp"

namespace cairn::formats {
namespace {

using testing::bytes_of;
using testing::corpus_file;
using testing::RecordingSink;
using testing::utc;

RecordingSink read(std::string_view text, const ReadLimits& limits = {}) {
  RecordingSink sink;
  read_tcx(bytes_of(text), sink, limits);
  return sink;
}

std::string error_of(std::string_view text) {
  RecordingSink sink;
  try {
    read_tcx(bytes_of(text), sink);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::corrupt_file);
    return error.what();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

constexpr std::string_view run = R"(<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<Activities>
<Activity Sport="Running">
  <Id>2012-12-26T21:29:53Z</Id>
  <Lap StartTime="2012-12-26T21:29:53Z">
    <TotalTimeSeconds>60.5</TotalTimeSeconds>
    <DistanceMeters>200</DistanceMeters>
    <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>
    <MaximumHeartRateBpm><Value>150</Value></MaximumHeartRateBpm>
    <Track>
      <Trackpoint>
        <Time>2012-12-26T21:29:53Z</Time>
        <Position><LatitudeDegrees>35.95</LatitudeDegrees><LongitudeDegrees>-79.09</LongitudeDegrees></Position>
        <AltitudeMeters>178.9</AltitudeMeters>
        <DistanceMeters>0.0</DistanceMeters>
        <HeartRateBpm><Value>62</Value></HeartRateBpm>
        <Extensions><ns3:TPX><ns3:Speed>3.5</ns3:Speed><ns3:RunCadence>85</ns3:RunCadence></ns3:TPX></Extensions>
      </Trackpoint>
      <Trackpoint><Time>2012-12-26T21:30:53.500Z</Time><DistanceMeters>200</DistanceMeters></Trackpoint>
    </Track>
    <Extensions><LX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><AvgRunCadence>84</AvgRunCadence></LX></Extensions>
  </Lap>
  <Lap StartTime="2012-12-26T21:31:00Z">
    <TotalTimeSeconds>30</TotalTimeSeconds>
    <DistanceMeters>100.5</DistanceMeters>
    <Track><Trackpoint><Time>2012-12-26T21:31:00Z</Time></Trackpoint></Track>
    <Track><Trackpoint><Time>2012-12-26T21:35:00Z</Time></Trackpoint></Track>
  </Lap>
  <Notes>Aerobics</Notes>
  <Creator xsi:type="Device_t"><Name>Forerunner 410</Name><ProductID>1250</ProductID></Creator>
</Activity>
</Activities>
</TrainingCenterDatabase>)";

TEST(ReadTcx, ReportsAnActivityWithItsLapsPointsAndDevice) {
  const auto sink = read(run);
  ASSERT_EQ(sink.infos.size(), 1U);
  EXPECT_EQ(sink.infos[0].format, "tcx");
  EXPECT_EQ(sink.infos[0].type, "activity");
  EXPECT_EQ(sink.infos[0].creator, "Forerunner 410");
  EXPECT_EQ(sink.infos[0].manufacturer, "garmin");
  ASSERT_EQ(sink.devices.size(), 1U);
  EXPECT_EQ(sink.devices[0], std::make_pair(std::string("garmin"), std::string("Forerunner 410")));
  // Laps come after their points, as in FIT; a second Track in a lap is a pause.
  EXPECT_EQ(sink.outline(),
            (std::vector<std::string>{"file_info", "device", "begin_session", "record", "lap",
                                      "record", "stop", "start", "record", "lap", "session"}));
  ASSERT_EQ(sink.records.size(), 4U);
  const Sample& first = sink.records[0];
  EXPECT_EQ(first.time, utc(2012, 12, 26, 21, 29, 53));
  EXPECT_EQ(first.latitude_deg, 35.95);
  EXPECT_EQ(first.longitude_deg, -79.09);
  EXPECT_EQ(first.altitude_m, 178.9);
  EXPECT_EQ(first.distance_m, 0.0);
  EXPECT_EQ(first.heart_rate_bpm, 62);
  EXPECT_EQ(first.speed_mps, 3.5);
  EXPECT_EQ(first.cadence_spm, 170.0);  // RunCadence counts one foot
  EXPECT_EQ(sink.records[1].time, utc(2012, 12, 26, 21, 30, 53, 500));
  EXPECT_FALSE(sink.records[1].latitude_deg.has_value());

  ASSERT_EQ(sink.laps.size(), 2U);
  EXPECT_EQ(sink.laps[0].start, utc(2012, 12, 26, 21, 29, 53));
  EXPECT_EQ(sink.laps[0].timer_s, 60.5);
  EXPECT_EQ(sink.laps[0].distance_m, 200.0);
  EXPECT_EQ(sink.laps[0].avg_heart_rate_bpm, 140);
  EXPECT_EQ(sink.laps[0].max_heart_rate_bpm, 150);
  EXPECT_EQ(sink.laps[0].avg_cadence_spm, 168.0);
  ASSERT_EQ(sink.timers.size(), 2U);
  EXPECT_EQ(sink.timers[0], std::make_pair(utc(2012, 12, 26, 21, 31, 0), TimerEvent::stop));
  EXPECT_EQ(sink.timers[1], std::make_pair(utc(2012, 12, 26, 21, 35, 0), TimerEvent::start));

  ASSERT_EQ(sink.sessions.size(), 1U);
  const SessionSummary& session = sink.sessions[0];
  EXPECT_EQ(session.sport, "running");
  EXPECT_EQ(session.start, utc(2012, 12, 26, 21, 29, 53));
  EXPECT_EQ(session.timer_s, 90.5);
  EXPECT_EQ(session.distance_m, 300.5);
  EXPECT_EQ(session.elapsed_s, 307.0);  // start to the last point, the pause included
  EXPECT_EQ(session.notes, "Aerobics");
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ReadTcx, ReportsEachActivityOfAFileAsASession) {
  const auto sink = read(R"(<TrainingCenterDatabase><Activities>
<Activity Sport="Biking"><Id>2020-01-01T10:00:00Z</Id><Lap StartTime="2020-01-01T10:00:00Z">
<Track><Trackpoint><Time>2020-01-01T10:00:00Z</Time><Cadence>90</Cadence></Trackpoint></Track></Lap></Activity>
<Activity Sport="Other"><Lap StartTime="2020-01-01T12:00:00Z"><TotalTimeSeconds>10</TotalTimeSeconds></Lap></Activity>
<Activity Sport="Running"><Lap StartTime="2020-01-01T14:00:00Z">
<Track><Trackpoint><Cadence>80</Cadence></Trackpoint></Track></Lap></Activity>
<Activity Sport="Swimming"></Activity>
</Activities></TrainingCenterDatabase>)");
  ASSERT_EQ(sink.sessions.size(), 4U);
  EXPECT_EQ(sink.sessions[0].sport, "cycling");
  EXPECT_EQ(sink.sessions[1].sport, "other");
  EXPECT_EQ(sink.sessions[1].start, utc(2020, 1, 1, 12, 0, 0));  // no Id: the first lap's
  EXPECT_EQ(sink.sessions[1].elapsed_s, 10.0);                   // no times: the summed lap times
  EXPECT_EQ(sink.sessions[2].sport, "running");
  EXPECT_EQ(sink.sessions[3].sport, "swimming");
  ASSERT_EQ(sink.session_records.size(), 4U);
  EXPECT_EQ(sink.session_records[0].at(0).cadence_spm, 90.0);   // a bike's rpm
  EXPECT_EQ(sink.session_records[2].at(0).cadence_spm, 160.0);  // one foot's, doubled
  EXPECT_FALSE(sink.session_records[2].at(0).time.has_value());
  EXPECT_TRUE(sink.session_records[1].empty());
  EXPECT_TRUE(sink.devices.empty());  // no Creator
}

TEST(ReadTcx, ReadsPowerAndSpeedExtensionsWithOrWithoutAPrefix) {
  const auto sink = read(R"(<TrainingCenterDatabase><Activities><Activity Sport="Biking"><Lap>
<Track>
<Trackpoint><Extensions><TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Speed>2.07</Speed><Watts>101</Watts></TPX></Extensions></Trackpoint>
<Trackpoint><Extensions><ns3:TPX><ns3:Speed>3.5</ns3:Speed><ns3:Watts>113</ns3:Watts></ns3:TPX></Extensions></Trackpoint>
<Trackpoint><Extensions><TPX><Watts>0</Watts></TPX></Extensions></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>)");
  ASSERT_EQ(sink.records.size(), 3U);
  EXPECT_EQ(sink.records[0].speed_mps, 2.07);
  EXPECT_EQ(sink.records[0].power_w, 101.0);
  EXPECT_EQ(sink.records[1].speed_mps, 3.5);
  EXPECT_EQ(sink.records[1].power_w, 113.0);
  EXPECT_EQ(sink.records[2].power_w, 0.0);
}

TEST(ReadTcx, ReportsACourseAsASessionOfItsTrackPoints) {
  const auto sink = read(R"(<TrainingCenterDatabase>
<Folders><Courses><CourseFolder Name="Courses"/></Courses></Folders>
<Courses><Course><Name>ThursRide</Name>
<Lap><TotalTimeSeconds>6552.33</TotalTimeSeconds><DistanceMeters>56818.25</DistanceMeters></Lap>
<Track><Trackpoint><Time>2008-08-21T13:08:52Z</Time>
<Position><LatitudeDegrees>34.1738977</LatitudeDegrees><LongitudeDegrees>-118.7587927</LongitudeDegrees></Position>
<HeartRateBpm><Value>107</Value></HeartRateBpm></Trackpoint></Track>
<Track><Trackpoint><Time>2008-08-21T13:09:52Z</Time></Trackpoint></Track>
<Creator xsi:type="Application_t"><Name>Garmin Training Center(r)</Name></Creator>
</Course></Courses></TrainingCenterDatabase>)");
  EXPECT_EQ(sink.infos.at(0).type, "course");
  EXPECT_EQ(sink.infos.at(0).creator, "Garmin Training Center(r)");
  EXPECT_TRUE(sink.devices.empty());  // an application, not a device
  ASSERT_EQ(sink.sessions.size(), 1U);
  EXPECT_EQ(sink.sessions[0].name, "ThursRide");
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 107);
  EXPECT_TRUE(sink.timers.empty());
}

TEST(ReadTcx, GuessesTheMakerFromTheCreatorName) {
  const auto maker_of = [](std::string_view name) {
    const auto sink = read(fmt::format(
        "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\">"
        "<Creator><Name>{}</Name></Creator></Activity></Activities></TrainingCenterDatabase>",
        name));
    return sink.devices.at(0).first;
  };
  EXPECT_EQ(maker_of("Polar Vantage V"), "polar");
  EXPECT_EQ(maker_of("Coros Wearables"), "coros");
  EXPECT_EQ(maker_of("v\xc3\xadvoactive HR"), "garmin");
  EXPECT_EQ(maker_of("Garmin Edge 500"), "garmin");
  EXPECT_EQ(maker_of("Some Watch"), "");
}

TEST(ReadTcx, SkipsBadValuesWithAWarningNamingTheLine) {
  const auto sink = read(R"(<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap>
<Track><Trackpoint><Time>yesterday</Time>
<HeartRateBpm><Value>x</Value></HeartRateBpm><AltitudeMeters>12.5</AltitudeMeters></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>)");
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].altitude_m, 12.5);
  EXPECT_FALSE(sink.records[0].time.has_value());
  ASSERT_EQ(sink.warnings.size(), 2U);
  EXPECT_EQ(sink.warnings[0], "ignored bad time \"yesterday\" at line 2");
  EXPECT_EQ(sink.warnings[1], "ignored bad heart rate \"x\" at line 3");
}

TEST(ReadTcx, ThrowsCorruptFileForBrokenXmlAndOtherDocuments) {
  EXPECT_EQ(error_of("<TrainingCenterDatabase>\n<Activities>\n</TrainingCenterDatabase>"),
            "TCX not well-formed at line 3: start-end tags mismatch");
  EXPECT_EQ(error_of("<gpx/>"), "not a TCX file: root element is <gpx>");
}

TEST(ReadTcx, NeverExpandsEntitiesOrReadsExternalOnes) {
  const auto sink = read(R"(<?xml version="1.0"?>
<!DOCTYPE TrainingCenterDatabase [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Notes>&c;&xxe;</Notes>
</Activity></Activities></TrainingCenterDatabase>)");
  EXPECT_EQ(sink.sessions.at(0).notes, "&c;&xxe;");
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_EQ(sink.warnings[0], "DOCTYPE at line 2 ignored: entities are not expanded");
}

TEST(ReadTcx, StopsAfterTheSampleLimitWithAWarning) {
  const auto sink = read(run, {.max_bytes = 1 << 20, .max_samples = 2});
  EXPECT_EQ(sink.records.size(), 2U);
  EXPECT_EQ(sink.sessions.size(), 1U);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_EQ(sink.warnings[0], "stopped at line 29: more than 2 points");
}

// --- real files ------------------------------------------------------------------------

RecordingSink read_corpus(std::string_view name) {
  RecordingSink sink;
  read_tcx(corpus_file(name), sink);
  return sink;
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, separator)) out.push_back(field);
  if (!line.empty() && line.back() == separator) out.emplace_back();
  return out;
}

std::vector<const Sample*> with_position(const std::vector<Sample>& records) {
  std::vector<const Sample*> out;
  for (const auto& sample : records) {
    if (sample.latitude_deg) out.push_back(&sample);
  }
  return out;
}

TEST(ReadTcxCorpus, ReadsEveryTcxFileOrThrowsACairnError) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto files = testing::corpus_files("tcx", ".tcx");
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    RecordingSink sink;
    try {
      read_tcx(testing::read_bytes(path), sink);
      EXPECT_FALSE(sink.records.empty());
      EXPECT_TRUE(sink.warnings.empty()) << sink.warnings.front();
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), Errc::corrupt_file);
      // The one broken file of the corpus: its <TrainingCenterDatabase> root is missing, so
      // the xmlns:xsi prefix used at line 4653 is unbound (runpandas expects an error).
      EXPECT_EQ(path.filename(), "runpandas__malformed-unbound-prefix.tcx") << error.what();
      EXPECT_STREQ(error.what(), "not a TCX file: root element is <Activities>");
    }
  }
}

TEST(ReadTcxCorpus, MatchesTheValuesPythonTcxparserAsserts) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto sink = read_corpus("tcx/tcxparser__forerunner410-run.tcx");
  ASSERT_EQ(sink.sessions.size(), 1U);
  const auto& session = sink.sessions[0];
  EXPECT_EQ(session.sport, "running");
  EXPECT_EQ(session.notes, "Aerobics");
  EXPECT_EQ(session.start, utc(2012, 12, 26, 21, 29, 53));
  EXPECT_NEAR(*session.timer_s, 1992.78, 1e-6);  // duration_s_sum_of_laps
  // Differs on purpose: tcxparser's distance is the last trackpoint's (4686.31 m, checked
  // below); the session's is the sum of the laps' DistanceMeters as the watch wrote them.
  EXPECT_NEAR(*session.distance_m, 4689.24267578, 1e-6);
  EXPECT_EQ(sink.laps.size(), 3U);
  ASSERT_EQ(sink.records.size(), 384U);  // MANIFEST: Trackpoint=384
  EXPECT_EQ(sink.records.front().time, utc(2012, 12, 26, 21, 29, 53));
  EXPECT_EQ(sink.records.back().time, utc(2012, 12, 26, 22, 3, 5));
  EXPECT_NEAR(*sink.records.front().latitude_deg, 35.951880198, 1e-9);
  EXPECT_NEAR(*sink.records.front().longitude_deg, -79.0931872185, 1e-9);
  EXPECT_NEAR(*sink.records.front().altitude_m, 178.942626953, 1e-9);
  EXPECT_EQ(sink.records.front().distance_m, 0.0);
  // tcxparser's last_* values skip the final point, which holds only a time.
  const Sample* last_full = nullptr;
  int hr_max = 0;
  int hr_min = 1000;
  double altitude_max = -1e9;
  double altitude_min = 1e9;
  for (const auto& sample : sink.records) {
    if (sample.heart_rate_bpm) {
      hr_max = std::max(hr_max, *sample.heart_rate_bpm);
      hr_min = std::min(hr_min, *sample.heart_rate_bpm);
    }
    if (sample.altitude_m) {
      altitude_max = std::max(altitude_max, *sample.altitude_m);
      altitude_min = std::min(altitude_min, *sample.altitude_m);
    }
    if (sample.latitude_deg) last_full = &sample;
  }
  EXPECT_EQ(sink.records.front().heart_rate_bpm, 62);
  ASSERT_NE(last_full, nullptr);
  EXPECT_EQ(last_full->heart_rate_bpm, 180);
  EXPECT_NEAR(*last_full->latitude_deg, 35.9519544616, 1e-9);
  EXPECT_NEAR(*last_full->longitude_deg, -79.0930143837, 1e-9);
  EXPECT_NEAR(*last_full->altitude_m, 166.4453125, 1e-9);
  EXPECT_NEAR(*last_full->distance_m, 4686.31103516, 1e-6);
  EXPECT_EQ(hr_max, 189);
  EXPECT_EQ(hr_min, 60);
  EXPECT_NEAR(altitude_max, 215.95324707, 1e-6);
  EXPECT_NEAR(altitude_min, 157.793579102, 1e-6);
  ASSERT_EQ(sink.devices.size(), 1U);
  EXPECT_EQ(sink.devices[0].first, "garmin");
  EXPECT_EQ(sink.devices[0].second, "Forerunner 410 Software Version 2.20");
}

TEST(ReadTcxCorpus, MatchesTheGpsbabelConversionOfTheForerunner110Run) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto sink = read_corpus("tcx/gpsbabel__forerunner110-14-laps.tcx");
  EXPECT_EQ(sink.laps.size(), 14U);
  EXPECT_EQ(sink.records.size(), 943U);  // MANIFEST: Trackpoint=943
  // GPSBabel drops the 15 trackpoints without a position; we keep them (they carry time,
  // distance and heart rate), so compare the positioned ones point by point.
  const auto positioned = with_position(sink.records);
  std::ifstream in(testing::corpus_dir() /
                   "files/tcx/gpsbabel__forerunner110-14-laps.expected-gpsbabel.gpx");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t index = 0;
  std::size_t pos = 0;
  while ((pos = text.find("<trkpt lat=\"", pos)) != std::string::npos) {
    ASSERT_LT(index, positioned.size());
    const double lat = std::stod(text.substr(pos + 12, 20));
    const auto lon_at = text.find("lon=\"", pos) + 5;
    const double lon = std::stod(text.substr(lon_at, 20));
    const auto time_at = text.find("<time>", pos) + 6;
    const std::string time = text.substr(time_at, 20);
    const Sample& ours = *positioned[index];
    EXPECT_NEAR(*ours.latitude_deg, lat, 5e-9) << "point " << index;
    EXPECT_NEAR(*ours.longitude_deg, lon, 5e-9) << "point " << index;
    const auto seconds = std::chrono::floor<std::chrono::seconds>(*ours.time);
    EXPECT_EQ(fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", seconds), time) << "point " << index;
    ++index;
    ++pos;
  }
  EXPECT_EQ(index, 928U);
  EXPECT_EQ(positioned.size(), 928U);
}

TEST(ReadTcxCorpus, MatchesTheGpsbabelUnicsvDumpOfTheCourse) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto sink = read_corpus("tcx/gpsbabel__course.tcx");
  EXPECT_EQ(sink.infos.at(0).type, "course");
  EXPECT_EQ(sink.sessions.size(), 1U);
  EXPECT_EQ(sink.records.size(), 1205U);  // MANIFEST: Trackpoint=1205
  const auto positioned = with_position(sink.records);
  std::ifstream in(testing::corpus_dir() /
                   "files/tcx/gpsbabel__course.expected-gpsbabel-unicsv.csv");
  std::string line;
  std::getline(in, line);  // No,Latitude,Longitude,Altitude,Heartrate,Date,Time
  std::size_t index = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto fields = split(line, ',');
    ASSERT_EQ(fields.size(), 7U);
    ASSERT_LT(index, positioned.size());
    const Sample& ours = *positioned[index];
    EXPECT_NEAR(*ours.latitude_deg, std::stod(fields[1]), 1e-7) << line;
    EXPECT_NEAR(*ours.longitude_deg, std::stod(fields[2]), 1e-7) << line;
    EXPECT_NEAR(*ours.altitude_m, std::stod(fields[3]), 0.051) << line;
    EXPECT_EQ(ours.heart_rate_bpm, std::stoi(fields[4])) << line;
    const auto seconds = std::chrono::floor<std::chrono::seconds>(*ours.time);
    EXPECT_EQ(fmt::format("{:%Y/%m/%d,%H:%M:%S}", seconds), fields[5] + "," + fields[6]);
    ++index;
  }
  EXPECT_EQ(index, positioned.size());
}

TEST(ReadTcxCorpus, MatchesTheGpsbabelUnicsvDumpOfTheEdge500PowerFile) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto sink = read_corpus("tcx/gpsbabel__edge500-power-activityextension.tcx");
  ASSERT_EQ(sink.records.size(), 5U);
  // No,Latitude,Longitude,Altitude,Speed,Heartrate,Cadence,Power,Date,Time (UTC-6)
  const std::array<double, 5> speed = {2.07, 2.07, 3.51, 3.81, 4.21};
  const std::array<int, 5> heart_rate = {141, 141, 141, 140, 140};
  const std::array<double, 5> cadence = {31, 47, 58, 41, 57};
  // Differs on purpose: point 4 has <Watts>0</Watts>, which GPSBabel leaves empty; 0 W is a
  // real value (coasting), so we keep it.
  const std::array<std::optional<double>, 5> power = {101.0, 101.0, 113.0, 0.0, 137.0};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(*sink.records[i].speed_mps, speed[i], 0.005);
    EXPECT_EQ(sink.records[i].heart_rate_bpm, heart_rate[i]);
    EXPECT_EQ(sink.records[i].cadence_spm, cadence[i]);  // biking: not doubled
    EXPECT_EQ(sink.records[i].power_w, power[i]);
    EXPECT_NEAR(*sink.records[i].altitude_m, 16.4, 0.05);
  }
  EXPECT_EQ(sink.records[0].time, utc(2013, 10, 12, 18, 17, 26));  // 12:17:26 at UTC-6
  EXPECT_EQ(sink.sessions.at(0).sport, "cycling");
}

TEST(ReadTcxCorpus, ReadsTheFactsOfIndividualFiles) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  {
    const auto sink = read_corpus("tcx/sweatpy__fr935-ride-4801048867.garminconnect.tcx");
    EXPECT_EQ(sink.records.size(), 5166U);  // the cross-format set has 5159-5166 points
    EXPECT_EQ(sink.laps.size(), 8U);
    EXPECT_EQ(sink.records.front().time, utc(2020, 4, 18, 11, 10, 44));
    EXPECT_EQ(sink.records.back().time, utc(2020, 4, 18, 12, 36, 42));
    EXPECT_EQ(sink.records.front().heart_rate_bpm, 121);
    EXPECT_EQ(sink.devices.at(0).second, "Forerunner 935");
  }
  {
    const auto sink = read_corpus("tcx/gc__polar-vantage-v-ride-notes.tcx");
    EXPECT_EQ(sink.records.size(), 6862U);
    EXPECT_EQ(sink.laps.size(), 3U);
    EXPECT_EQ(sink.timers.size(), 2U);  // 4 tracks in 3 laps: one pause
    EXPECT_EQ(sink.sessions.at(0).notes.rfind("- immer noch den Muskelkater", 0), 0U);
    EXPECT_EQ(sink.devices.at(0).first, "polar");
  }
  {
    const auto sink = read_corpus("tcx/gc__fr910xt-pool-swim.tcx");
    EXPECT_EQ(sink.records.size(), 85U);
    EXPECT_EQ(sink.laps.size(), 8U);
    EXPECT_EQ(sink.sessions.at(0).sport, "other");
  }
  {
    const auto sink = read_corpus("tcx/gc__coros-open-water-swim.tcx");
    EXPECT_EQ(sink.records.size(), 2870U);
    EXPECT_EQ(sink.laps.size(), 2U);
    EXPECT_EQ(sink.devices.at(0).first, "coros");
  }
  {
    const auto sink = read_corpus("tcx/tcxparser__vivoactive-hr-sup-steps.tcx");
    EXPECT_EQ(sink.records.size(), 111U);
    EXPECT_EQ(sink.laps.size(), 2U);
    EXPECT_EQ(sink.sessions.at(0).sport, "other");
  }
  {
    const auto sink = read_corpus("tcx/sportslib__suunto-movescount.tcx");
    EXPECT_EQ(sink.records.size(), 903U);
    EXPECT_EQ(sink.records.front().cadence_spm, 182.0);  // RunCadence 91, one foot
    EXPECT_TRUE(sink.devices.empty());                   // no Creator
    EXPECT_EQ(sink.infos.at(0).creator, "");
  }
}

}  // namespace
}  // namespace cairn::formats
