#include <chrono>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/formats/gzip.hpp"
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
  read_gpx(bytes_of(text), sink, limits);
  return sink;
}

// The message of the cairn::Error the reader throws, with its code checked.
std::string error_of(std::string_view text, Errc expected = Errc::corrupt_file,
                     const ReadLimits& limits = {}) {
  RecordingSink sink;
  try {
    read_gpx(bytes_of(text), sink, limits);
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), expected);
    return error.what();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

constexpr std::string_view gpx11_track = R"(<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Test Watch" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><time>2020-04-18T11:00:00Z</time></metadata>
  <trk>
    <name>Morning &amp; run</name>
    <desc>easy</desc>
    <type>Running</type>
    <trkseg>
      <trkpt lat="52.5" lon="13.25"><ele>34.5</ele><time>2020-04-18T11:10:44Z</time></trkpt>
      <trkpt lat="-52.5" lon="-13.25"><ele>-1.5</ele><time>2020-04-18T11:10:45Z</time></trkpt>
    </trkseg>
  </trk>
</gpx>)";

TEST(ReadGpx, ReportsAGpx11TrackAsOneSessionWithItsPoints) {
  const auto sink = read(gpx11_track);
  ASSERT_EQ(sink.infos.size(), 1U);
  EXPECT_EQ(sink.infos[0].format, "gpx");
  EXPECT_EQ(sink.infos[0].type, "activity");
  EXPECT_EQ(sink.infos[0].creator, "Test Watch");
  EXPECT_EQ(sink.infos[0].created, utc(2020, 4, 18, 11, 0, 0));
  EXPECT_EQ(sink.outline(),
            (std::vector<std::string>{"file_info", "begin_session", "record", "session"}));
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_EQ(sink.records[0].time, utc(2020, 4, 18, 11, 10, 44));
  EXPECT_EQ(sink.records[0].latitude_deg, 52.5);
  EXPECT_EQ(sink.records[0].longitude_deg, 13.25);
  EXPECT_EQ(sink.records[0].altitude_m, 34.5);
  EXPECT_EQ(sink.records[1].latitude_deg, -52.5);
  EXPECT_EQ(sink.records[1].altitude_m, -1.5);
  ASSERT_EQ(sink.sessions.size(), 1U);
  EXPECT_EQ(sink.sessions[0].sport, "running");
  EXPECT_EQ(sink.sessions[0].name, "Morning & run");
  EXPECT_EQ(sink.sessions[0].notes, "easy");
  EXPECT_EQ(sink.sessions[0].start, utc(2020, 4, 18, 11, 10, 44));
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ReadGpx, ReadsGpx10SpeedAndTheFileTimeOutsideMetadata) {
  const auto sink = read(R"(<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel" xmlns="http://www.topografix.com/GPX/1/0">
<time>2010-08-06T10:36:35Z</time>
<trk><trkseg>
<trkpt lat="45.7" lon="14.3"><time>2010-08-06T10:00:00Z</time><course>120.5</course><speed>3.25</speed></trkpt>
</trkseg></trk></gpx>)");
  EXPECT_EQ(sink.infos.at(0).created, utc(2010, 8, 6, 10, 36, 35));
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].speed_mps, 3.25);
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ReadGpx, ReadsAFileWithoutVersionNamespaceDeclarationOrTimes) {
  const auto sink = read(R"(<gpx><trk><trkseg>
<trkpt lat="1" lon="2"><ele>3</ele></trkpt><trkpt lat="1.5" lon="2.5"/>
</trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_FALSE(sink.records[0].time.has_value());
  EXPECT_EQ(sink.records[1].latitude_deg, 1.5);
  EXPECT_FALSE(sink.sessions.at(0).start.has_value());
  EXPECT_EQ(sink.sessions[0].sport, "");
}

TEST(ReadGpx, SkipsAByteOrderMarkAndWhitespaceBeforeTheDeclaration) {
  const auto with_bom = read(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?><gpx><trk><trkseg>"
      "<trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>");
  EXPECT_EQ(with_bom.records.size(), 1U);
  const auto with_space = read(
      "\n  <?xml version=\"1.0\"?>\n<gpx><trk><trkseg>"
      "<trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>");
  EXPECT_EQ(with_space.records.size(), 1U);
}

// UTF-16 (Windows programs write it), little- and big-endian, with or without a
// byte-order mark: sniffed as GPX and read like UTF-8.
std::string utf16(std::string_view utf8_ascii_or_latin, bool little_endian, bool bom) {
  std::string out;
  if (bom) out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (const char c : utf8_ascii_or_latin) {
    const char high = 0;
    if (little_endian) {
      out += c;
      out += high;
    } else {
      out += high;
      out += c;
    }
  }
  return out;
}

TEST(ReadGpx, ReadsUtf16InEitherByteOrder) {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<gpx creator=\"win\"><trk><name>Loop</name>"
      "<trkseg><trkpt lat=\"1\" lon=\"2\"><time>2020-01-01T10:00:00Z</time></trkpt></trkseg>"
      "</trk></gpx>";
  for (const bool little_endian : {true, false}) {
    for (const bool bom : {true, false}) {
      const std::string bytes = utf16(doc, little_endian, bom);
      EXPECT_EQ(sniff_format(bytes_of(bytes)), FileFormat::gpx) << little_endian << bom;
      const auto sink = read(bytes);
      ASSERT_EQ(sink.records.size(), 1U);
      EXPECT_EQ(sink.sessions.at(0).name, "Loop");
      EXPECT_EQ(sink.infos.at(0).creator, "win");
    }
  }
}

TEST(ReadGpx, ReadsUtf32AndARootAfterALongComment) {
  const std::string doc = "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";
  std::string utf32 = std::string("\xFF\xFE\0\0", 4);
  for (const char c : doc) {
    utf32 += c;
    utf32.append(3, '\0');
  }
  EXPECT_EQ(sniff_format(bytes_of(utf32)), FileFormat::gpx);
  EXPECT_EQ(read(utf32).records.size(), 1U);
  const std::string commented =
      "<?xml version=\"1.0\"?><!--" + std::string(200'000, '-') + "->" + doc;
  EXPECT_EQ(sniff_format(bytes_of(commented)), FileFormat::gpx);
}

TEST(ReadGpx, ReadsLatin1AndWindows1252) {
  const auto latin1 = read(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><gpx><trk><name>Caf\xE9</name></trk></gpx>");
  EXPECT_EQ(latin1.sessions.at(0).name, "Caf\xC3\xA9");
  const auto windows = read(
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?><gpx><trk><name>\x93"
      "Caf\xE9\x94 \x80"
      "</name></trk></gpx>");
  EXPECT_EQ(windows.sessions.at(0).name,
            "\xE2\x80\x9C"
            "Caf\xC3\xA9\xE2\x80\x9D \xE2\x82\xAC");
}

TEST(ReadGpx, TurnsTimeOffsetsAndFractionsIntoUtcInstants) {
  const auto sink = read(R"(<gpx><trk><trkseg>
<trkpt lat="1" lon="2"><time>2021-01-07T21:51:59.179+01:15</time></trkpt>
<trkpt lat="1" lon="2"><time>2025-08-30T20:29:35.54+02:00</time></trkpt>
<trkpt lat="1" lon="2"><time>2016-05-27T10:08:47.8Z</time></trkpt>
<trkpt lat="1" lon="2"><time>2013-01-01T12:00:00</time></trkpt>
<trkpt lat="1" lon="2"><time>2013-01-01T00:30:00-0600</time></trkpt>
<trkpt lat="1" lon="2"><time>4096-02-29T00:00:00.123456Z</time></trkpt>
</trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 6U);
  EXPECT_EQ(sink.records[0].time, utc(2021, 1, 7, 20, 36, 59, 179));
  EXPECT_EQ(sink.records[1].time, utc(2025, 8, 30, 18, 29, 35, 540));
  EXPECT_EQ(sink.records[2].time, utc(2016, 5, 27, 10, 8, 47, 800));
  EXPECT_EQ(sink.records[3].time, utc(2013, 1, 1, 12, 0, 0));  // no zone: GPX says UTC
  EXPECT_EQ(sink.records[4].time, utc(2013, 1, 1, 6, 30, 0));
  EXPECT_EQ(sink.records[5].time, utc(4096, 2, 29, 0, 0, 0, 123));
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ReadGpx, ReadsGarminTrackPointExtensionV1) {
  const auto sink = read(R"(<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><trkseg><trkpt lat="1" lon="2"><extensions><gpxtpx:TrackPointExtension>
<gpxtpx:atemp>29.5</gpxtpx:atemp><gpxtpx:hr>121</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad>
</gpxtpx:TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 121);
  EXPECT_EQ(sink.records[0].cadence_spm, 85.0);  // no type: left as written
  EXPECT_EQ(sink.records[0].temperature_c, 29.5);
}

TEST(ReadGpx, ReadsGarminTrackPointExtensionV2WithSpeedAndPowerExtension) {
  const auto sink = read(R"(<gpx version="1.1"
 xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
 xmlns:pwr="http://www.garmin.com/xmlschemas/PowerExtension/v1">
<trk><type>cycling</type><trkseg><trkpt lat="1" lon="2"><extensions>
<ns3:TrackPointExtension><ns3:hr>140</ns3:hr><ns3:cad>90</ns3:cad><ns3:speed>8.5</ns3:speed>
</ns3:TrackPointExtension><pwr:PowerInWatts>250</pwr:PowerInWatts></extensions></trkpt>
</trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 140);
  EXPECT_EQ(sink.records[0].cadence_spm, 90.0);  // cycling: crank rpm as written
  EXPECT_EQ(sink.records[0].speed_mps, 8.5);
  EXPECT_EQ(sink.records[0].power_w, 250.0);
  EXPECT_EQ(sink.sessions.at(0).sport, "cycling");
}

TEST(ReadGpx, DoublesCadenceOfRunningTracksBecauseGarminWritesOneFoot) {
  const auto sink = read(R"(<gpx xmlns:gpxtpx="x"><trk><type>run</type><trkseg>
<trkpt lat="1" lon="2"><extensions><gpxtpx:TrackPointExtension><gpxtpx:cad>86</gpxtpx:cad>
</gpxtpx:TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)");
  EXPECT_EQ(sink.records.at(0).cadence_spm, 172.0);
  EXPECT_EQ(sink.sessions.at(0).sport, "running");
}

TEST(ReadGpx, ReadsCluetrustGpxdataAsSuuntoWritesIt) {
  const auto sink = read(R"(<gpx xmlns:gpxdata="http://www.cluetrust.com/XML/GPXDATA/1/0">
<trk><trkseg><trkpt lat="47.2" lon="8.9"><ele>416</ele><time>2014-01-17T08:33:11.150Z</time>
<extensions><gpxdata:hr>101.289987711843</gpxdata:hr><gpxdata:temp>20.7000007629395</gpxdata:temp>
<gpxdata:cadence>80</gpxdata:cadence><gpxdata:distance>12</gpxdata:distance></extensions>
</trkpt></trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].time, utc(2014, 1, 17, 8, 33, 11, 150));
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 101);  // Movescount writes fractional bpm
  EXPECT_NEAR(*sink.records[0].temperature_c, 20.7, 1e-6);
  EXPECT_EQ(sink.records[0].cadence_spm, 80.0);
  EXPECT_EQ(sink.records[0].distance_m, 12.0);
}

TEST(ReadGpx, ReadsOpenTracksExtensionsAndTakesZeroHeartRateAsNoSensor) {
  const auto sink =
      read(R"(<gpx creator="OpenTracks" xmlns:opentracks="http://opentracksapp.com/xmlschemas/v1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
 xmlns:cluetrust="http://www.cluetrust.com/Schemas/" xmlns:pwr="http://www.garmin.com/xmlschemas/PowerExtension/v1">
<trk><type>unknown</type><trkseg><trkpt lat="51.3" lon="3.3"><time>2025-08-30T20:29:19.825+02:00</time>
<extensions><gpxtpx:TrackPointExtension><gpxtpx:speed>1.44</gpxtpx:speed><gpxtpx:hr>0</gpxtpx:hr>
<gpxtpx:cad>3</gpxtpx:cad><pwr:PowerInWatts>50</pwr:PowerInWatts>
<opentracks:distance>2.5</opentracks:distance><cluetrust:distance>102.5</cluetrust:distance>
<opentracks:accuracy_horizontal>6</opentracks:accuracy_horizontal>
</gpxtpx:TrackPointExtension></extensions></trkpt></trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 1U);
  const Sample& point = sink.records[0];
  EXPECT_EQ(point.time, utc(2025, 8, 30, 18, 29, 19, 825));
  EXPECT_EQ(point.speed_mps, 1.44);
  EXPECT_FALSE(point.heart_rate_bpm.has_value());
  EXPECT_EQ(point.cadence_spm, 3.0);
  EXPECT_EQ(point.power_w, 50.0);
  // opentracks:distance is the step since the previous point; cluetrust:distance is
  // cumulative, which is what Sample::distance_m means.
  EXPECT_EQ(point.distance_m, 102.5);
  EXPECT_EQ(sink.sessions.at(0).sport, "");
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ReadGpx, ReadsOsmAndAndPlainPowerAndHeartRateElements) {
  const auto sink = read(R"(<gpx xmlns:osmand="https://osmand.net"><trk><trkseg>
<trkpt lat="1" lon="2"><extensions><osmand:speed>2.5</osmand:speed><osmand:hr>99</osmand:hr></extensions></trkpt>
<trkpt lat="1" lon="2"><extensions><power>210</power><heartrate>89</heartrate></extensions></trkpt>
</trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_EQ(sink.records[0].speed_mps, 2.5);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 99);
  EXPECT_EQ(sink.records[1].power_w, 210.0);
  EXPECT_EQ(sink.records[1].heart_rate_bpm, 89);
}

TEST(ReadGpx, ReadsValuesFromForeignElementsPassedThroughIntoThePoint) {
  // GPSBabel passes foreign-namespace elements through, and old OpenTracks versions put the
  // extension elements directly into the point.
  const auto sink =
      read(R"(<gpx version="1.0" xmlns:foreign="http://www.gpsbabel.org/testonlyschema"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><trkseg><trkpt lat="36.3" lon="-117.4"><foreign:something>trkpt</foreign:something>
<gpxtpx:TrackPointExtension><gpxtpx:hr>69</gpxtpx:hr></gpxtpx:TrackPointExtension>
</trkpt></trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 69);
  EXPECT_TRUE(sink.warnings.empty());
}

TEST(ReadGpx, ReadsElementsWithAnUndeclaredPrefixBecausePugixmlDoesNotCheckNamespaces) {
  // Not namespace-well-formed (gpxdata: is never declared), but every value is readable;
  // matching by local name reads it rather than refusing the file.
  const auto sink = read(R"(<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2">
<extensions><gpxdata:hr>150</gpxdata:hr></extensions></trkpt></trkseg></trk></gpx>)");
  EXPECT_EQ(sink.records.at(0).heart_rate_bpm, 150);
}

TEST(ReadGpx, ReportsEachTrackAsASessionAndSegmentBoundariesAsPauses) {
  const auto sink = read(R"(<gpx>
<trk><name>one</name><trkseg></trkseg>
<trkseg><trkpt lat="1" lon="2"><time>2020-01-01T10:00:00Z</time></trkpt>
<trkpt lat="1" lon="2"><time>2020-01-01T10:00:05Z</time></trkpt></trkseg>
<trkseg><trkpt lat="1" lon="2"><time>2020-01-01T10:10:00Z</time></trkpt></trkseg>
</trk>
<trk><name>two</name><trkseg><trkpt lat="1" lon="2"/></trkseg><trkseg><trkpt lat="1" lon="2"/></trkseg></trk>
</gpx>)");
  EXPECT_EQ(sink.outline(),
            (std::vector<std::string>{"file_info", "begin_session", "record", "stop", "start",
                                      "record", "session", "begin_session", "record", "session"}));
  ASSERT_EQ(sink.timers.size(), 2U);  // the empty first segment is no pause; no times, none
  EXPECT_EQ(sink.timers[0], std::make_pair(utc(2020, 1, 1, 10, 0, 5), TimerEvent::stop));
  EXPECT_EQ(sink.timers[1], std::make_pair(utc(2020, 1, 1, 10, 10, 0), TimerEvent::start));
  ASSERT_EQ(sink.sessions.size(), 2U);
  EXPECT_EQ(sink.sessions[0].name, "one");
  EXPECT_EQ(sink.sessions[1].name, "two");
  EXPECT_EQ(sink.session_records.at(1).size(), 2U);
}

TEST(ReadGpx, ReportsARouteOnlyFileAsARouteWithoutRecords) {
  // A route is a plan (and its points have no times): it is not a run, so no records.
  const auto sink = read(R"(<gpx version="1.0"><wpt lat="1" lon="2"/><rte><name>plan</name>
<rtept lat="45.27" lon="13.72"/><rtept lat="45.28" lon="13.73"/></rte></gpx>)");
  EXPECT_EQ(sink.infos.at(0).type, "route");
  EXPECT_TRUE(sink.records.empty());
  EXPECT_TRUE(sink.sessions.empty());
}

TEST(ReadGpx, ReportsAWaypointsOnlyFileAsWaypointsWithoutRecords) {
  const auto sink =
      read(R"(<gpx><wpt lat="43.3" lon="3.5"><time>2016-05-27T10:08:47.8Z</time></wpt></gpx>)");
  EXPECT_EQ(sink.infos.at(0).type, "waypoints");
  EXPECT_TRUE(sink.records.empty());
}

TEST(ReadGpx, ReadsOnlyTheTracksOfAFileWithTracksRoutesAndWaypoints) {
  const auto sink = read(R"(<gpx><wpt lat="1" lon="2"/><rte><rtept lat="1" lon="2"/></rte>
<trk><trkseg><trkpt lat="3" lon="4"/></trkseg></trk></gpx>)");
  EXPECT_EQ(sink.infos.at(0).type, "activity");
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].latitude_deg, 3.0);
}

TEST(ReadGpx, MapsSportNamesOntoCairnsNames) {
  const auto sport_of = [](std::string_view type) {
    const auto sink = read(fmt::format("<gpx><trk><type>{}</type></trk></gpx>", type));
    return sink.sessions.at(0).sport;
  };
  EXPECT_EQ(sport_of("Running"), "running");
  EXPECT_EQ(sport_of("run"), "running");
  EXPECT_EQ(sport_of("9"), "running");  // Strava's type number
  EXPECT_EQ(sport_of("biking"), "cycling");
  EXPECT_EQ(sport_of("Cycling"), "cycling");
  EXPECT_EQ(sport_of("1"), "cycling");
  EXPECT_EQ(sport_of("Kayaking"), "kayaking");
  EXPECT_EQ(sport_of("unknown"), "");
  // A type Cairn does not know is no sport: the data decides.
  EXPECT_EQ(sport_of("jkljkl"), "");
  EXPECT_EQ(sport_of("..."), "");
}

TEST(ReadGpx, SkipsBadValuesWithAWarningNamingTheLineAndKeepsThePoint) {
  const auto sink = read(R"(<gpx><trk><trkseg>
<trkpt lat="1" lon="2"><ele>high</ele><time>2020-02-30T10:00:00Z</time>
<extensions><hr>-5</hr><cad>nan</cad><power>1e999</power></extensions></trkpt>
<trkpt lat="91" lon="2"><time>2020-01-01T10:00:00Z</time></trkpt>
</trkseg></trk></gpx>)");
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_FALSE(sink.records[0].altitude_m.has_value());
  EXPECT_FALSE(sink.records[0].time.has_value());
  EXPECT_FALSE(sink.records[0].heart_rate_bpm.has_value());
  EXPECT_FALSE(sink.records[0].cadence_spm.has_value());
  EXPECT_FALSE(sink.records[0].power_w.has_value());
  EXPECT_FALSE(sink.records[1].latitude_deg.has_value());
  EXPECT_EQ(sink.records[1].time, utc(2020, 1, 1, 10, 0, 0));
  ASSERT_EQ(sink.warnings.size(), 6U);
  EXPECT_EQ(sink.warnings[0], "ignored bad elevation \"high\" at line 2");
  EXPECT_EQ(sink.warnings[1], "ignored bad time \"2020-02-30T10:00:00Z\" at line 2");
  EXPECT_EQ(sink.warnings[2], "ignored bad heart rate \"-5\" at line 3");
  EXPECT_EQ(sink.warnings[5], "ignored bad position \"91 2\" at line 4");
}

TEST(ReadGpx, ThrowsCorruptFileWithTheLineForXmlThatIsNotWellFormed) {
  EXPECT_EQ(error_of("<gpx>\n<trk>\n<trkseg>\n</trk>\n</gpx>"),
            "GPX not well-formed at line 4: start-end tags mismatch");
  EXPECT_EQ(error_of("\xEF\xBB\xBF<gpx>\n<trk <"),
            "GPX not well-formed at line 2: error parsing start element tag");
  EXPECT_EQ(error_of(""), "GPX not well-formed at line 1: no document element found");
}

TEST(ReadGpx, ThrowsCorruptFileForAnotherKindOfXml) {
  EXPECT_EQ(error_of("<kml><Document/></kml>"), "not a GPX file: root element is <kml>");
  EXPECT_EQ(error_of("<TrainingCenterDatabase/>"),
            "not a GPX file: root element is <TrainingCenterDatabase>");
}

TEST(ReadGpx, NeverExpandsEntitiesOfABillionLaughsDocument) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doc += fmt::format("<!ENTITY lol{} \"", i);
    for (int j = 0; j < 10; ++j)
      doc += fmt::format("&lol{};", i - 1 == 0 ? "" : std::to_string(i - 1));
    doc += "\">\n";
  }
  doc +=
      "]>\n<gpx><trk><name>&lol9;</name><trkseg><trkpt lat=\"1\" lon=\"2\"/></trkseg></trk></gpx>";
  const auto sink = read(doc);
  ASSERT_EQ(sink.sessions.size(), 1U);
  EXPECT_EQ(sink.sessions[0].name, "&lol9;");  // left as written, never expanded
  EXPECT_EQ(sink.records.size(), 1U);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_EQ(sink.warnings[0], "DOCTYPE at line 2 ignored: entities are not expanded");
}

TEST(ReadGpx, NeverReadsAnExternalEntity) {
  const auto sink = read(R"(<?xml version="1.0"?>
<!DOCTYPE gpx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % p SYSTEM "http://localhost:1/x.dtd"> %p; ]>
<gpx creator="&xxe;"><trk><name>&xxe;</name></trk></gpx>)");
  EXPECT_EQ(sink.infos.at(0).creator, "&xxe;");
  EXPECT_EQ(sink.sessions.at(0).name, "&xxe;");
  EXPECT_EQ(sink.sessions[0].name.find("root:"), std::string::npos);
}

TEST(ReadGpx, RefusesInputAboveTheByteLimit) {
  RecordingSink sink;
  try {
    read_gpx(bytes_of(gpx11_track), sink, {.max_bytes = 100, .max_samples = 10});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
    EXPECT_EQ(std::string(error.what()),
              fmt::format("GPX file too large: {} bytes, the limit is 100", gpx11_track.size()));
  }
  EXPECT_TRUE(sink.events.empty());
}

TEST(ReadGpx, RefusesADocumentWhoseTreeExceedsItsBudget) {
  std::string doc = "<gpx><trk><trkseg>";
  for (int i = 0; i < 100'000; ++i) doc += "<a/>";
  doc += "</trkseg></trk></gpx>";
  ReadLimits limits;
  limits.max_xml_tree_bytes = std::size_t{1} << 20U;
  EXPECT_EQ(error_of(doc, Errc::invalid_input, limits),
            "GPX file refused at line 1: its document tree needs more than 1 MiB (millions of "
            "tiny elements: no real file within the size limit needs as much)");
  EXPECT_EQ(read(doc).records.size(), 0U);  // within the default budget it reads
}

TEST(ReadGpx, StopsAfterTheSampleLimitWithAWarning) {
  const auto sink = read(gpx11_track, {.max_bytes = 1 << 20, .max_samples = 1});
  EXPECT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.sessions.size(), 1U);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_EQ(sink.warnings[0], "stopped at line 10: more than 1 points");
}

TEST(ReadGpx, SurvivesDeeplyNestedExtensions) {
  std::string doc = R"(<gpx><trk><trkseg><trkpt lat="1" lon="2"><extensions>)";
  for (int i = 0; i < 100'000; ++i) doc += "<a>";
  doc += "<hr>5</hr>";
  for (int i = 0; i < 100'000; ++i) doc += "</a>";
  doc += "<hr>120</hr></extensions></trkpt></trkseg></trk></gpx>";
  const auto sink = read(doc);
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 120);  // the one buried deep is not looked at
}

TEST(ReadGpx, SurvivesADeeplyNestedDoctype) {
  std::string doc = "<!DOCTYPE gpx [";
  for (int i = 0; i < 100'000; ++i) doc += "<![INCLUDE[";
  for (int i = 0; i < 100'000; ++i) doc += "]]>";
  doc += "]><gpx/>";
  const auto sink = read(doc);
  EXPECT_EQ(sink.infos.at(0).type, "activity");  // no track, route or waypoint: no activity
  EXPECT_EQ(sink.warnings.size(), 1U);
}

// --- real files ------------------------------------------------------------------------

RecordingSink read_corpus(std::string_view name) {
  RecordingSink sink;
  const auto bytes = corpus_file(name);
  read_gpx(bytes, sink);
  return sink;
}

std::size_t count_with_time(const std::vector<Sample>& records) {
  return static_cast<std::size_t>(std::count_if(
      records.begin(), records.end(), [](const Sample& s) { return s.time.has_value(); }));
}

TEST(ReadGpxCorpus, ReadsEveryGpxFileOrThrowsACairnError) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto files = testing::corpus_files("gpx", ".gpx");
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    RecordingSink sink;
    try {
      read_gpx(testing::read_bytes(path), sink);
      EXPECT_EQ(sink.infos.size(), 1U);
      EXPECT_TRUE(sink.warnings.empty()) << sink.warnings.front();
    } catch (const Error& error) {
      ADD_FAILURE() << "every GPX in the corpus is readable, but: " << error.what();
    }
  }
}

TEST(ReadGpxCorpus, ReadsEveryGzippedFileAfterSniffingItsFormat) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  for (const auto& path : testing::corpus_files("gz", ".gz")) {
    SCOPED_TRACE(path.filename().string());
    const auto bytes = gunzip(testing::read_bytes(path), 64U << 20U);
    RecordingSink sink;
    try {
      switch (sniff_format(bytes)) {
        case FileFormat::gpx:
          read_gpx(bytes, sink);
          break;
        case FileFormat::tcx:
          read_tcx(bytes, sink);
          break;
        case FileFormat::fit:
        case FileFormat::gzip:
        case FileFormat::zip:
        case FileFormat::unknown:
          continue;  // FIT is the FIT reader's; the others are no activity files
      }
    } catch (const Error& error) {
      ADD_FAILURE() << error.what();
    }
    EXPECT_FALSE(sink.records.empty());
  }
}

TEST(ReadGpxCorpus, ReadsTheStravaSwimFromItsGzip) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  const auto bytes = gunzip(corpus_file("gz/trackeR__strava-swim-20170714.gpx.gz"), 1U << 20U);
  EXPECT_EQ(bytes.size(), 535663U);  // MANIFEST: gunzipped 535663 B
  RecordingSink sink;
  read_gpx(bytes, sink);
  EXPECT_EQ(sink.infos.at(0).creator, "StravaGPX");
  EXPECT_EQ(sink.records.size(), 2085U);
  EXPECT_TRUE(sink.records[0].temperature_c.has_value());
}

TEST(ReadGpxCorpus, ReadsTheSameRideFromStravaAndGarminConnect) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  for (const auto* name : {"gpx/sweatpy__fr935-ride-4801048867.strava.gpx",
                           "gpx/sweatpy__fr935-ride-4801048867.garminconnect.gpx"}) {
    SCOPED_TRACE(name);
    const auto sink = read_corpus(name);
    ASSERT_EQ(sink.records.size(), 5159U);  // the cross-format set has 5159-5166 points
    EXPECT_EQ(sink.records.front().time, utc(2020, 4, 18, 11, 10, 44));
    EXPECT_EQ(sink.records.front().heart_rate_bpm, 121);
    EXPECT_EQ(sink.records.front().temperature_c, 29.0);
    EXPECT_NEAR(*sink.records.front().latitude_deg, 52.097312, 1e-6);
    EXPECT_EQ(sink.records.back().time, utc(2020, 4, 18, 12, 36, 42));
    EXPECT_EQ(sink.sessions.at(0).sport, "cycling");
    EXPECT_TRUE(sink.warnings.empty());
  }
}

TEST(ReadGpxCorpus, MatchesThePointCountsOfTheManifest) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  struct Expected {
    const char* file;
    std::size_t sessions;
    std::size_t points;
    std::size_t with_time;
    const char* type;
  };
  for (const Expected& e : {
           Expected{"gc__urbanbiker-hr-cad-temp-speed.gpx", 1, 2870, 2870, "activity"},
           Expected{"gc__suunto-movescount-ms-times.gpx", 1, 1405, 1405, "activity"},
           Expected{"sportslib__amazfit.gpx", 1, 1216, 1216, "activity"},
           Expected{"gap__opentracks-walk-hr.gpx", 1, 104, 104, "activity"},
           Expected{"gap__bikerouter-course-berlin.gpx", 1, 49, 0, "activity"},
           Expected{"gpxpy__gpx1.0-8-tracks-without-times.gpx", 8, 296, 5, "activity"},
           Expected{"gpxpy__gpx1.1-all-fields.gpx", 2, 1, 1, "activity"},
           Expected{"gpxpy__no-xml-decl-no-version-speed.gpx", 1, 3, 3, "activity"},
           Expected{"gpsbabel__garmin-trackpointextension-hr-cad.gpx", 1, 8, 8, "activity"},
           Expected{"gpsbabel__garmin-basecamp-trk-rte-wpt.gpx", 1, 2, 0, "activity"},
           Expected{"gpsbabel__gpx1.0-passthrough-extensions.gpx", 1, 3, 3, "activity"},
           Expected{"opentracks__timezone-offsets.gpx", 1, 1, 1, "activity"},
           Expected{"gpxpy__route-only.gpx", 0, 0, 0, "route"},
           Expected{"gpxpy__utf8-bom-no-version.gpx", 0, 0, 0, "waypoints"},
       }) {
    SCOPED_TRACE(e.file);
    const auto sink = read_corpus(std::string("gpx/") + e.file);
    EXPECT_EQ(sink.sessions.size(), e.sessions);
    EXPECT_EQ(sink.records.size(), e.points);
    EXPECT_EQ(count_with_time(sink.records), e.with_time);
    EXPECT_EQ(sink.infos.at(0).type, e.type);
  }
}

TEST(ReadGpxCorpus, ReadsTheFactsOfIndividualFiles) {
  if (!testing::has_corpus()) GTEST_SKIP() << testing::no_corpus_message;
  {
    const auto sink = read_corpus("gpx/gc__urbanbiker-hr-cad-temp-speed.gpx");
    // 3 segments, the first one empty: one pause between the second and the third.
    EXPECT_EQ(sink.timers.size(), 2U);
    EXPECT_EQ(sink.records.front().time, utc(2019, 4, 18, 14, 12, 19));
    EXPECT_EQ(sink.records.front().heart_rate_bpm, 125);
    EXPECT_EQ(sink.records.front().cadence_spm, 7.0);
    EXPECT_EQ(sink.records.front().temperature_c, 26.9);
  }
  {
    const auto sink = read_corpus("gpx/gc__suunto-movescount-ms-times.gpx");
    EXPECT_EQ(sink.records.front().time, utc(2014, 1, 17, 8, 33, 11, 150));
    EXPECT_EQ(sink.records.front().heart_rate_bpm, 92);
    EXPECT_EQ(sink.records[1].heart_rate_bpm, 101);
    EXPECT_EQ(sink.records.front().distance_m, 12.0);
  }
  {
    const auto sink = read_corpus("gpx/gap__opentracks-walk-hr.gpx");
    EXPECT_EQ(sink.records.front().time, utc(2025, 8, 30, 18, 29, 19, 825));
    EXPECT_EQ(sink.records.front().speed_mps, 1.44);
    EXPECT_EQ(sink.infos.at(0).creator, "OpenTracks");
  }
  {
    const auto sink = read_corpus("gpx/opentracks__timezone-offsets.gpx");
    EXPECT_EQ(sink.records.at(0).time, utc(2021, 1, 7, 20, 36, 59, 179));
    EXPECT_EQ(sink.sessions.at(0).name, "2021-01-07 22:51");  // from CDATA
    EXPECT_EQ(sink.sessions.at(0).notes, "the description");
  }
  {
    const auto sink = read_corpus("gpx/gpsbabel__garmin-trackpointextension-hr-cad.gpx");
    EXPECT_EQ(sink.records.front().heart_rate_bpm, 111);
    EXPECT_EQ(sink.records.front().cadence_spm, 151.0);
    EXPECT_EQ(sink.records.front().altitude_m, 0.137);
  }
  {
    const auto sink = read_corpus("gpx/sportslib__amazfit.gpx");
    EXPECT_EQ(sink.sessions.at(0).sport, "running");
    EXPECT_EQ(sink.records.front().heart_rate_bpm, 89);
  }
  {
    const auto sink = read_corpus("gpx/gpxpy__no-xml-decl-no-version-speed.gpx");
    EXPECT_EQ(sink.records.at(2).speed_mps, 3.2);
  }
}

}  // namespace
}  // namespace cairn::formats
