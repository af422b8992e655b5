// The FIT reader on small synthetic files, each built to show one feature of the protocol.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"
#include "cairn/core/time.hpp"
#include "cairn/formats/activity.hpp"
#include "cairn/formats/readers.hpp"

#include "fit_crc.hpp"
#include "fit_test_support.hpp"

namespace cairn::formats {
namespace {

using fit_test::DevFieldDef;
using fit_test::FieldDef;
using fit_test::fit_time;
using fit_test::FitWriter;
using fit_test::RecordingSink;
using fit_test::signed_value;
using ::testing::DoubleNear;
using ::testing::HasSubstr;
using ::testing::Optional;

// Base type bytes.
constexpr std::uint8_t t_enum = 0x00;
constexpr std::uint8_t t_sint8 = 0x01;
constexpr std::uint8_t t_uint8 = 0x02;
constexpr std::uint8_t t_uint16 = 0x84;
constexpr std::uint8_t t_sint32 = 0x85;
constexpr std::uint8_t t_uint32 = 0x86;
constexpr std::uint8_t t_string = 0x07;
constexpr std::uint8_t t_uint32z = 0x8C;
constexpr std::uint8_t t_byte = 0x0D;

// 2024-05-01T06:00:00Z
constexpr std::int64_t start_unix = 1714543200;
constexpr std::uint32_t t0 = fit_time(start_unix);

Instant at_unix(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

RecordingSink read(const std::vector<std::byte>& bytes, const ReadLimits& limits = {}) {
  RecordingSink sink;
  read_fit(bytes, sink, limits);
  return sink;
}

// file_id: type, manufacturer, product, serial, time_created.
FitWriter& add_file_id(FitWriter& writer, std::uint64_t manufacturer = 1,
                       std::uint64_t product = 4024) {
  return writer
      .define(
          0, 0,
          {{0, 1, t_enum}, {1, 2, t_uint16}, {2, 2, t_uint16}, {3, 4, t_uint32z}, {4, 4, t_uint32}})
      .data(0, {4, manufacturer, product, 3'456'789'012U, t0});
}

// A record definition with every field the reader uses.
const std::vector<FieldDef> record_fields{
    {253, 4, t_uint32}, {0, 4, t_sint32}, {1, 4, t_sint32}, {2, 2, t_uint16},
    {3, 1, t_uint8},    {4, 1, t_uint8},  {53, 1, t_uint8}, {5, 4, t_uint32},
    {6, 2, t_uint16},   {7, 2, t_uint16}, {13, 1, t_sint8},
};

// 51.5 N, 0.25 W; altitude 120.4 m; 150 bpm; 85.5 rpm; 1234.56 m; 3.456 m/s; 250 W; -3 C.
const std::vector<fit_test::Value> record_values{
    t0,
    614418933U,              // 51.5 * 2^31 / 180, rounded
    signed_value(-2982616),  // -0.25 * 2^31 / 180, rounded
    3102U,                   // (120.4 + 500) x 5
    150U,
    85U,
    64U,  // 0.5 rpm
    123456U,
    3456U,
    250U,
    signed_value(-3),
};

void expect_full_record(const Sample& sample) {
  EXPECT_EQ(sample.time, at_unix(start_unix));
  EXPECT_THAT(sample.latitude_deg, Optional(DoubleNear(51.5, 1e-6)));
  EXPECT_THAT(sample.longitude_deg, Optional(DoubleNear(-0.25, 1e-6)));
  EXPECT_THAT(sample.altitude_m, Optional(DoubleNear(120.4, 1e-9)));
  EXPECT_EQ(sample.heart_rate_bpm, 150);
  EXPECT_THAT(sample.cadence_spm, Optional(DoubleNear(171.0, 1e-9)));  // (85 + 0.5) x 2
  EXPECT_THAT(sample.distance_m, Optional(DoubleNear(1234.56, 1e-9)));
  EXPECT_THAT(sample.speed_mps, Optional(DoubleNear(3.456, 1e-9)));
  EXPECT_THAT(sample.power_w, Optional(DoubleNear(250.0, 1e-9)));
  EXPECT_THAT(sample.temperature_c, Optional(DoubleNear(-3.0, 1e-9)));
}

TEST(FitCrc, MatchesTheCrc16ArcCheckValue) {
  const std::string text = "123456789";
  std::vector<std::byte> bytes;
  for (const char c : text) bytes.push_back(static_cast<std::byte>(c));
  EXPECT_EQ(fit::crc16(bytes), 0xBB3D);
}

TEST(FitReader, ReadsRecordFieldsWithTheirScalesAndUnits) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, record_fields).data(1, record_values);
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  expect_full_record(sink.records[0]);
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0];
}

TEST(FitReader, ReadsBigEndianDefinitionsLikeLittleEndianOnes) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, record_fields, /*big_endian=*/true).data(1, record_values);
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  expect_full_record(sink.records[0]);
}

TEST(FitReader, ReadsAFileWithA12ByteHeader) {
  FitWriter writer(12);
  add_file_id(writer).define(1, 20, record_fields).data(1, record_values);
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  expect_full_record(sink.records[0]);
}

TEST(FitReader, PrefersEnhancedSpeedAndAltitude) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 20,
              {{253, 4, t_uint32},
               {2, 2, t_uint16},
               {78, 4, t_uint32},
               {6, 2, t_uint16},
               {73, 4, t_uint32}})
      .data(1, {t0, 3000U, 47500U, 1000U, 70000U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_THAT(sink.records[0].altitude_m, Optional(DoubleNear(9000.0, 1e-9)));
  EXPECT_THAT(sink.records[0].speed_mps, Optional(DoubleNear(70.0, 1e-9)));
}

TEST(FitReader, ReportsInvalidSentinelsAsAbsentFields) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 20, record_fields)
      .data(1, {t0, 0x7FFFFFFFU, 0x7FFFFFFFU, 0xFFFFU, 0xFFU, 0xFFU, 0xFFU, 0xFFFFFFFFU, 0xFFFFU,
                0xFFFFU, 0x7FU});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  const Sample& sample = sink.records[0];
  EXPECT_TRUE(sample.time);
  EXPECT_FALSE(sample.latitude_deg);
  EXPECT_FALSE(sample.longitude_deg);
  EXPECT_FALSE(sample.altitude_m);
  EXPECT_FALSE(sample.heart_rate_bpm);
  EXPECT_FALSE(sample.cadence_spm);
  EXPECT_FALSE(sample.distance_m);
  EXPECT_FALSE(sample.speed_mps);
  EXPECT_FALSE(sample.power_w);
  EXPECT_FALSE(sample.temperature_c);
}

TEST(FitReader, TreatsZeroAsInvalidForZBaseTypesOnly) {
  FitWriter writer;
  writer.define(0, 0, {{0, 1, t_enum}, {3, 4, t_uint32z}}).data(0, {4, 0U});
  writer.define(1, 20, {{253, 4, t_uint32}, {3, 1, t_uint8}}).data(1, {t0, 0U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.files.size(), 1U);
  EXPECT_FALSE(sink.files[0].serial_number);
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 0);
}

TEST(FitReader, ComputesCompressedTimestampsFromTheLastFullTimestamp) {
  const std::uint32_t base = (t0 & ~0x1FU) + 30;  // low 5 bits 30: the next offsets roll over
  FitWriter writer;
  add_file_id(writer)
      .define(1, 20, {{253, 4, t_uint32}, {3, 1, t_uint8}})
      .data(1, {base, 100U})
      .define(2, 20, {{3, 1, t_uint8}})
      .compressed(2, 31, {101U})  // base + 1
      .compressed(2, 2, {102U})   // rolled over: base + 4
      .compressed(2, 2, {103U});  // same offset again: base + 4
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 4U);
  const auto unix_of = [](std::uint32_t fit_seconds) {
    return at_unix(static_cast<std::int64_t>(fit_seconds) + fit::fit_epoch_unix_s);
  };
  EXPECT_EQ(sink.records[0].time, unix_of(base));
  EXPECT_EQ(sink.records[1].time, unix_of(base + 1));
  EXPECT_EQ(sink.records[2].time, unix_of(base + 4));
  EXPECT_EQ(sink.records[3].time, unix_of(base + 4));
  EXPECT_EQ(sink.records[3].heart_rate_bpm, 103);
}

TEST(FitReader, ReportsDeveloperValuesByNameAndUnitBeforeTheirRecord) {
  FitWriter writer;
  add_file_id(writer)
      // developer_data_id: developer_data_index 0
      .define(1, 207, {{3, 1, t_uint8}})
      .data(1, {0U})
      // field_description: index, number, base type, name, scale, offset, units
      .define(2, 206,
              {{0, 1, t_uint8},
               {1, 1, t_uint8},
               {2, 1, t_uint8},
               {3, 12, t_string},
               {6, 1, t_uint8},
               {7, 1, t_sint8},
               {8, 6, t_string}})
      .data(2, {0U, 0U, t_uint16, "Form Power", 10U, signed_value(-5), "Watts"})
      .data(2, {0U, 1U, t_string, "Note", 0xFFU, 0x7FU, ""})
      .define(3, 20, {{253, 4, t_uint32}, {3, 1, t_uint8}}, false,
              {DevFieldDef{0, 2, 0}, DevFieldDef{1, 3, 0}})
      .data(3, {t0, 140U}, {2505U, 0x414243U})
      .data(3, {t0 + 1, 141U}, {0xFFFFU, 0x414243U});  // invalid: no value
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 2U);
  ASSERT_EQ(sink.developer.size(), 1U);  // strings are not numbers; invalid is no value
  EXPECT_EQ(sink.developer[0].name, "Form Power");
  EXPECT_EQ(sink.developer[0].units, "Watts");
  EXPECT_DOUBLE_EQ(sink.developer[0].value, 2505.0 / 10.0 + 5.0);
  EXPECT_EQ(sink.developer[0].record, 0U);  // reported before record 0
}

TEST(FitReader, ReadsChainedFilesAndFillsHeartRateFromAppendedHrMessages) {
  FitWriter activity;
  add_file_id(activity).define(1, 20, {{253, 4, t_uint32}, {3, 1, t_uint8}});
  for (std::uint32_t i = 0; i < 4; ++i) activity.data(1, {t0 + i, 0xFFU});

  // The strap's part: no file_id; hr messages with event times in 1/1024 s.
  const std::uint32_t strap = 1'000'000;
  FitWriter hr;
  hr.define(0, 132, {{253, 4, t_uint32}, {0, 2, t_uint16}, {9, 4, t_uint32}, {6, 1, t_uint8}})
      .data(0, {t0, 0U, strap, 120U})
      .define(1, 132, {{9, 8, t_uint32}, {6, 2, t_uint8}})
      .data(1, {{strap + 1024, strap + 2048}, {122U, 124U}})
      // 12-bit packed: the next two beats 1024 and 2048 ticks later.
      .define(2, 132, {{10, 3, t_byte}, {6, 2, t_uint8}});
  const std::uint32_t e1 = (strap + 3072) & 0xFFFU;
  const std::uint32_t e2 = (strap + 4096) & 0xFFFU;
  hr.data(2, {{e1 & 0xFFU, ((e1 >> 8U) & 0x0FU) | ((e2 & 0x0FU) << 4U), e2 >> 4U}, {126U, 0xFFU}});

  auto bytes = activity.bytes();
  const auto second = hr.bytes();
  bytes.insert(bytes.end(), second.begin(), second.end());
  const auto sink = read(bytes);
  ASSERT_EQ(sink.files.size(), 1U);  // the strap's part has no file id
  ASSERT_EQ(sink.records.size(), 4U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 120);
  EXPECT_EQ(sink.records[1].heart_rate_bpm, 122);
  EXPECT_EQ(sink.records[2].heart_rate_bpm, 124);
  EXPECT_EQ(sink.records[3].heart_rate_bpm, 126);
  EXPECT_TRUE(sink.warnings.empty()) << sink.warnings[0];
}

TEST(FitReader, ReadsEveryPartOfAChainWithItsOwnDefinitions) {
  FitWriter first;
  add_file_id(first).define(1, 20, {{253, 4, t_uint32}, {3, 1, t_uint8}}).data(1, {t0, 100U});
  FitWriter second;
  add_file_id(second, 23, 34)
      .define(1, 20, {{253, 4, t_uint32}, {7, 2, t_uint16}}, /*big_endian=*/true)
      .data(1, {t0 + 10, 300U});
  auto bytes = first.bytes();
  const auto tail = second.bytes();
  bytes.insert(bytes.end(), tail.begin(), tail.end());
  const auto sink = read(bytes);
  ASSERT_EQ(sink.files.size(), 2U);
  EXPECT_EQ(sink.files[1].manufacturer, "suunto");
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_EQ(sink.records[0].heart_rate_bpm, 100);
  EXPECT_FALSE(sink.records[1].heart_rate_bpm);
  EXPECT_THAT(sink.records[1].power_w, Optional(300.0));
}

TEST(FitReader, WarnsAboutBytesAfterTheLastFileAndIgnoresThem) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}}).data(1, {t0});
  auto bytes = writer.bytes();
  bytes.insert(bytes.end(), 5, std::byte{0});
  const auto sink = read(bytes);
  EXPECT_EQ(sink.records.size(), 1U);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_THAT(sink.warnings[0], HasSubstr("5 bytes after the file"));
}

TEST(FitReader, WarnsAboutABadFileCrcAndKeepsReading) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}}).data(1, {t0}).data(1, {t0 + 1});
  auto bytes = writer.bytes();
  bytes.back() ^= std::byte{0x5A};
  const auto sink = read(bytes);
  EXPECT_EQ(sink.records.size(), 2U);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_THAT(sink.warnings[0], HasSubstr("FIT file CRC mismatch at byte"));
}

TEST(FitReader, WarnsAboutABadHeaderCrcAndKeepsReading) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}}).data(1, {t0});
  auto bytes = writer.bytes();
  bytes[12] ^= std::byte{0x01};
  const auto sink = read(bytes);
  EXPECT_EQ(sink.records.size(), 1U);
  ASSERT_FALSE(sink.warnings.empty());
  EXPECT_THAT(sink.warnings[0], HasSubstr("FIT header CRC mismatch at byte 0"));
}

TEST(FitReader, KeepsWhatWasReadWhenTheFileIsTruncated) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}, {3, 1, t_uint8}});
  for (std::uint32_t i = 0; i < 5; ++i) writer.data(1, {t0 + i, 100U + i});
  auto bytes = writer.bytes();
  bytes.resize(bytes.size() - 2 - 3);  // no CRC, and the last record cut after 2 of its 6 bytes
  const auto sink = read(bytes);
  EXPECT_EQ(sink.files.size(), 1U);
  EXPECT_EQ(sink.records.size(), 4U);
  ASSERT_EQ(sink.warnings.size(), 2U);
  EXPECT_THAT(sink.warnings[0], HasSubstr("FIT data truncated: the header at byte 0 announces"));
  EXPECT_THAT(sink.warnings[1], HasSubstr("a data message needs 5 bytes, 2 left"));
}

TEST(FitReader, ThrowsWhenNothingCouldBeReadBeforeTheData) {
  FitWriter writer;
  add_file_id(writer);
  auto bytes = writer.bytes();
  bytes.resize(14 + 4);  // the header and the start of the first definition
  RecordingSink sink;
  try {
    read_fit(bytes, sink);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::corrupt_file);
    EXPECT_STREQ(e.what(),
                 "FIT data corrupt at byte 14: a definition message needs 5 bytes, 3 left");
  }
}

TEST(FitReader, ThrowsWhenADataMessageUsesALocalTypeWithoutDefinition) {
  FitWriter writer;
  writer.raw({0x03, 0x00});
  RecordingSink sink;
  try {
    read_fit(writer.bytes(), sink);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::corrupt_file);
    EXPECT_STREQ(e.what(),
                 "FIT data message at byte 14 uses local type 3, which has no definition");
  }
}

TEST(FitReader, RejectsBytesThatAreNotAFitFile) {
  RecordingSink sink;
  const std::string text = "<?xml version=\"1.0\"?><gpx></gpx>";
  std::vector<std::byte> bytes;
  for (const char c : text) bytes.push_back(static_cast<std::byte>(c));
  try {
    read_fit(bytes, sink);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::corrupt_file);
    EXPECT_STREQ(e.what(), "not a FIT file: no .FIT signature");
  }
  EXPECT_THROW(read_fit({}, sink), Error);
}

TEST(FitReader, RefusesInputsLargerThanTheByteLimit) {
  FitWriter writer;
  add_file_id(writer);
  RecordingSink sink;
  EXPECT_THROW(read_fit(writer.bytes(), sink, {.max_bytes = 20, .max_samples = 10}), Error);
  EXPECT_TRUE(sink.files.empty());
}

TEST(FitReader, StopsReportingRecordsPastTheSampleLimitButReadsTheRest) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}});
  for (std::uint32_t i = 0; i < 5; ++i) writer.data(1, {t0 + i});
  writer.define(2, 19, {{253, 4, t_uint32}, {9, 4, t_uint32}}).data(2, {t0 + 5, 100000U});
  const auto sink = read(writer.bytes(), {.max_bytes = 1U << 20U, .max_samples = 3});
  EXPECT_EQ(sink.records.size(), 3U);
  EXPECT_EQ(sink.laps.size(), 1U);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_THAT(sink.warnings[0], HasSubstr("more than 3 records"));
}

TEST(FitReader, ReadsADefinitionWithMoreThan85Fields) {
  std::vector<FieldDef> fields{{253, 4, t_uint32}};
  std::vector<fit_test::Value> values{t0};
  for (std::uint8_t number = 100; number < 199; ++number) {
    fields.push_back({number, 2, t_uint16});
    values.emplace_back(std::uint64_t{number});
  }
  fields.push_back({3, 1, t_uint8});
  values.emplace_back(std::uint64_t{133});
  ASSERT_GT(fields.size(), 85U);
  FitWriter writer;
  add_file_id(writer).define(1, 20, fields).data(1, values).data(1, values);
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_EQ(sink.records[1].heart_rate_bpm, 133);
}

TEST(FitReader, SkipsFieldsWhoseSizeDisagreesWithTheirBaseType) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 20, {{253, 4, t_uint32}, {7, 3, t_uint16}, {3, 1, t_uint8}})
      .data(1, {t0, 0U, 150U})
      .data(1, {t0 + 1, 0U, 151U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_FALSE(sink.records[0].power_w);
  EXPECT_EQ(sink.records[1].heart_rate_bpm, 151);
  ASSERT_EQ(sink.warnings.size(), 1U);  // once per file, not per message
  EXPECT_THAT(sink.warnings[0], HasSubstr("field 7 of message 20 is 3 bytes"));
}

TEST(FitReader, ReportsFileInfoAndTheCreatorDevice) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 23,
              {{253, 4, t_uint32},
               {0, 1, t_uint8},
               {2, 2, t_uint16},
               {4, 2, t_uint16},
               {5, 2, t_uint16}})
      .data(1, {t0, 1U, 1U, 1752U, 100U})    // a sensor (device_index 1): not the creator
      .data(1, {t0, 0U, 1U, 4024U, 2710U})   // the creator, software 27.10
      .data(1, {t0, 0U, 1U, 4024U, 2720U});  // again at the end: reported once
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.files.size(), 1U);
  const FileInfo& info = sink.files[0];
  EXPECT_EQ(info.format, "fit");
  EXPECT_EQ(info.type, "activity");
  EXPECT_EQ(info.manufacturer, "garmin");
  EXPECT_EQ(info.product, "fr955");
  EXPECT_EQ(info.serial_number, 3'456'789'012U);
  EXPECT_EQ(info.created, at_unix(start_unix));
  EXPECT_EQ(info.creator, "27.10");
  ASSERT_EQ(sink.devices.size(), 1U);
  EXPECT_EQ(sink.devices[0], std::make_pair(std::string("garmin"), std::string("fr955")));
}

TEST(FitReader, NamesUnknownManufacturersAndProductsByNumber) {
  FitWriter writer;
  add_file_id(writer, 1052, 1052);
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.files.size(), 1U);
  EXPECT_EQ(sink.files[0].manufacturer, "manufacturer 1052");
  EXPECT_EQ(sink.files[0].product, "product 1052");
}

TEST(FitReader, ReadsStringsWithoutANulTerminator) {
  FitWriter writer;
  writer.define(0, 0, {{0, 1, t_enum}, {1, 2, t_uint16}, {8, 5, t_string}})
      .data(0, {4U, 294U, "PACE2"});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.files.size(), 1U);
  EXPECT_EQ(sink.files[0].manufacturer, "coros");
  EXPECT_EQ(sink.files[0].product, "PACE2");
}

TEST(FitReader, ReadsSessionsWithFeelAndPerceivedEffort) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 18,
              {{253, 4, t_uint32},
               {2, 4, t_uint32},
               {5, 1, t_enum},
               {6, 1, t_enum},
               {7, 4, t_uint32},
               {8, 4, t_uint32},
               {9, 4, t_uint32},
               {22, 2, t_uint16},
               {16, 1, t_uint8},
               {17, 1, t_uint8},
               {18, 1, t_uint8},
               {41, 1, t_uint8},
               {192, 1, t_uint8},
               {193, 1, t_uint8}})
      .data(1, {t0 + 3700, t0, 1U, 3U, 3700500U, 3600250U, 1000012U, 420U, 151U, 178U, 84U, 32U,
                75U, 60U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.sessions.size(), 1U);
  const SessionSummary& session = sink.sessions[0];
  EXPECT_EQ(session.sport, "running");
  EXPECT_EQ(session.sub_sport, "trail");
  EXPECT_EQ(session.start, at_unix(start_unix));
  EXPECT_THAT(session.elapsed_s, Optional(DoubleNear(3700.5, 1e-9)));
  EXPECT_THAT(session.timer_s, Optional(DoubleNear(3600.25, 1e-9)));
  EXPECT_THAT(session.distance_m, Optional(DoubleNear(10000.12, 1e-9)));
  EXPECT_THAT(session.ascent_m, Optional(420.0));
  EXPECT_EQ(session.avg_heart_rate_bpm, 151);
  EXPECT_EQ(session.max_heart_rate_bpm, 178);
  EXPECT_THAT(session.avg_cadence_spm, Optional(DoubleNear(168.5, 1e-9)));  // (84 + 0.25) x 2
  EXPECT_EQ(session.feel, 75);
  EXPECT_EQ(session.perceived_effort, 60);
}

TEST(FitReader, DoublesCadenceOnlyForSportsCountingStridesOfOneLeg) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}, {4, 1, t_uint8}});
  writer.data(1, {t0 + 10, 90U});   // in the ride
  writer.data(1, {t0 + 110, 85U});  // in the run
  writer.define(2, 18, {{253, 4, t_uint32}, {2, 4, t_uint32}, {5, 1, t_enum}, {7, 4, t_uint32}})
      .data(2, {t0 + 100, t0, 2U, 100000U})         // cycling 0-100 s
      .data(2, {t0 + 200, t0 + 100, 1U, 100000U});  // running 100-200 s
  writer.define(3, 19, {{253, 4, t_uint32}, {2, 4, t_uint32}, {17, 1, t_uint8}, {25, 1, t_enum}})
      .data(3, {t0 + 100, t0, 90U, 2U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 2U);
  EXPECT_THAT(sink.records[0].cadence_spm, Optional(90.0));
  EXPECT_THAT(sink.records[1].cadence_spm, Optional(170.0));
  ASSERT_EQ(sink.sessions.size(), 2U);
  EXPECT_EQ(sink.sessions[0].sport, "cycling");
  EXPECT_EQ(sink.sessions[1].sport, "running");
  ASSERT_EQ(sink.laps.size(), 1U);
  EXPECT_THAT(sink.laps[0].avg_cadence_spm, Optional(90.0));
}

TEST(FitReader, ReportsTimerStartsAndStops) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 21, {{253, 4, t_uint32}, {0, 1, t_enum}, {1, 1, t_enum}})
      .data(1, {t0, 0U, 0U})
      .data(1, {t0 + 60, 0U, 1U})
      .data(1, {t0 + 90, 0U, 0U})
      .data(1, {t0 + 100, 42U, 3U})  // a marker of another event: not the timer
      .data(1, {t0 + 120, 0U, 4U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.timers.size(), 4U);
  EXPECT_EQ(sink.timers[0], std::make_pair(at_unix(start_unix), TimerEvent::start));
  EXPECT_EQ(sink.timers[1], std::make_pair(at_unix(start_unix + 60), TimerEvent::stop));
  EXPECT_EQ(sink.timers[2], std::make_pair(at_unix(start_unix + 90), TimerEvent::start));
  EXPECT_EQ(sink.timers[3], std::make_pair(at_unix(start_unix + 120), TimerEvent::stop));
}

TEST(FitReader, MakesDevicePowerOnTimesAbsoluteThroughTheTimestampCorrelation) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 20, {{253, 4, t_uint32}})
      .data(1, {1000U})
      .define(2, 162, {{253, 4, t_uint32}, {1, 4, t_uint32}})
      .data(2, {t0 + 5, 1005U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_EQ(sink.records[0].time, at_unix(start_unix));
}

TEST(FitReader, LeavesOutDevicePowerOnTimesWithoutCorrelation) {
  FitWriter writer;
  add_file_id(writer).define(1, 20, {{253, 4, t_uint32}}).data(1, {1000U});
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  EXPECT_FALSE(sink.records[0].time);
  ASSERT_EQ(sink.warnings.size(), 1U);
  EXPECT_THAT(sink.warnings[0], HasSubstr("power-on"));
}

// Every truncation and every single-byte change of a small file either reads or throws
// cairn::Error; under ASan/UBSan this also shows that nothing is read out of bounds.
TEST(FitReader, ReadsOrThrowsACairnErrorWhateverTheBytes) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 207, {{3, 1, t_uint8}})
      .data(1, {0U})
      .define(2, 206, {{0, 1, t_uint8}, {1, 1, t_uint8}, {2, 1, t_uint8}, {3, 4, t_string}})
      .data(2, {0U, 0U, t_uint16, "Pwr"})
      .define(3, 20, record_fields, false, {DevFieldDef{0, 2, 0}})
      .data(3, record_values, {250U})
      .define(4, 132, {{253, 4, t_uint32}, {9, 4, t_uint32}, {10, 3, t_byte}, {6, 3, t_uint8}})
      .data(4, {t0, 5000U, {1U, 2U, 3U}, {100U, 101U, 102U}})
      .define(5, 20, {{3, 1, t_uint8}})
      .compressed(1, 3, {0U});
  const auto original = writer.bytes();
  const auto survives = [](const std::vector<std::byte>& bytes) {
    RecordingSink sink;
    try {
      read_fit(bytes, sink, {.max_bytes = 1U << 20U, .max_samples = 100});
    } catch (const Error&) {
      // acceptable: a clear error
    }
  };
  for (std::size_t size = 0; size <= original.size(); ++size) {
    survives(std::vector<std::byte>(original.begin(),
                                    original.begin() + static_cast<std::ptrdiff_t>(size)));
  }
  for (std::size_t i = 0; i < original.size(); ++i) {
    for (const unsigned flip : {0x01U, 0x20U, 0x80U, 0xFFU}) {
      auto bytes = original;
      bytes[i] ^= static_cast<std::byte>(flip);
      survives(bytes);
    }
  }
}

// An activity message whose local time is `offset_s` from its UTC time, after a record.
std::vector<std::byte> file_with_local_offset(std::int64_t offset_s) {
  FitWriter writer;
  add_file_id(writer)
      .define(1, 20, {{253, 4, t_uint32}, {5, 4, t_uint32}})
      .data(1, {t0, 1000U})
      .define(2, 34, {{253, 4, t_uint32}, {5, 4, t_uint32}})
      .data(2, {t0 + 600, static_cast<std::uint64_t>(t0 + 600 + offset_s)});
  return writer.bytes();
}

TEST(FitReader, ShowsARunRecordedAwayFromHomeInTheLocalTimeOfWhereItWas) {
  const auto content = read_activity_file(file_with_local_offset(-5 * 3600));
  ASSERT_EQ(content.activities.size(), 1U);
  EXPECT_EQ(content.activities[0].utc_offset, std::chrono::seconds{-5 * 3600});
  const auto draft = make_run(content.activities[0], "Europe/Berlin");
  EXPECT_EQ(draft.run.start.zone, "Etc/GMT+5");
  EXPECT_EQ(format_local(draft.run.start), "2024-05-01 01:00");
}

TEST(FitReader, KeepsTheHomeZoneWhenTheRunWasRecordedAtHomesOffset) {
  const auto content = read_activity_file(file_with_local_offset(2 * 3600));
  ASSERT_EQ(content.activities.size(), 1U);
  EXPECT_EQ(make_run(content.activities[0], "Europe/Berlin").run.start.zone, "Europe/Berlin");
}

TEST(FitReader, IgnoresALocalTimeThatIsNoTimeZoneOffset) {
  const auto content = read_activity_file(file_with_local_offset(7 * 60));
  ASSERT_EQ(content.activities.size(), 1U);
  EXPECT_FALSE(content.activities[0].utc_offset.has_value());
  EXPECT_THAT(content.warnings,
              testing::Contains(testing::HasSubstr("not a whole time zone away from UTC")));
  EXPECT_EQ(make_run(content.activities[0], "Europe/Berlin").run.start.zone, "Europe/Berlin");
}

TEST(FitReader, ReadsADefinitionThatListsTheSameFieldManyTimes) {
  // A damaged definition naming position_lat twenty times (more than there are slots for
  // the fields we use): the last one counts, and nothing is read or written out of bounds.
  std::vector<FieldDef> fields{{253, 4, t_uint32}};
  std::vector<fit_test::Value> values{t0};
  for (int i = 0; i < 20; ++i) {
    fields.push_back({0, 4, t_sint32});
    values.emplace_back(static_cast<std::uint64_t>(i));
  }
  fields.push_back({1, 4, t_sint32});
  values.emplace_back(0U);
  FitWriter writer;
  add_file_id(writer).define(1, 20, fields).data(1, values);
  const auto sink = read(writer.bytes());
  ASSERT_EQ(sink.records.size(), 1U);
  ASSERT_TRUE(sink.records[0].latitude_deg.has_value());
  EXPECT_NEAR(*sink.records[0].latitude_deg, 19 * 180.0 / 2147483648.0, 1e-12);
}

}  // namespace
}  // namespace cairn::formats
