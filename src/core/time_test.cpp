#include "cairn/core/time.hpp"

#include <cstdlib>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TEST(ParseDate, ReadsIsoDates) {
  EXPECT_EQ(parse_date("2025-03-01"), (LocalDate{year{2025}, month{3}, day{1}}));
  EXPECT_EQ(parse_date("2024-02-29"), (LocalDate{year{2024}, month{2}, day{29}}));
}

TEST(ParseDate, RejectsImpossibleDatesByName) {
  try {
    static_cast<void>(parse_date("2025-02-30"));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
    EXPECT_STREQ(error.what(), "impossible date '2025-02-30'");
  }
  EXPECT_THROW(static_cast<void>(parse_date("2025-13-01")), Error);
  EXPECT_THROW(static_cast<void>(parse_date("2023-02-29")), Error);
  EXPECT_THROW(static_cast<void>(parse_date("01/03/2025")), Error);
  EXPECT_THROW(static_cast<void>(parse_date("")), Error);
}

TEST(FormatDate, PadsFields) {
  EXPECT_EQ(format_date(LocalDate{year{2025}, month{3}, day{1}}), "2025-03-01");
}

TEST(ParseLocalTime, KeepsTheWallClockOfTheZone) {
  const auto berlin = parse_local_time("2025-03-01T07:30", "Europe/Berlin");
  EXPECT_EQ(format_utc(berlin.utc), "2025-03-01T06:30:00Z");
  EXPECT_EQ(format_local(berlin), "2025-03-01 07:30");
  const auto summer = parse_local_time("2025-07-01 07:30:15", "Europe/Berlin");
  EXPECT_EQ(format_utc(summer.utc), "2025-07-01T05:30:15Z");
  EXPECT_EQ(format_local(summer, true), "2025-07-01 07:30:15");
}

TEST(ParseLocalTime, ReadsExplicitOffsetsAsInstants) {
  const auto t = parse_local_time("2025-03-01T07:30:00+01:00", "America/New_York");
  EXPECT_EQ(format_utc(t.utc), "2025-03-01T06:30:00Z");
  EXPECT_EQ(format_local(t), "2025-03-01 01:30");
  EXPECT_EQ(t.zone, "America/New_York");
}

TEST(ParseLocalTime, RejectsTimesSkippedByAClockChange) {
  EXPECT_THROW(static_cast<void>(parse_local_time("2025-03-30T02:30", "Europe/Berlin")), Error);
}

TEST(ParseLocalTime, ReadsARepeatedHourAsTheFirst) {
  const auto t = parse_local_time("2025-10-26T02:30", "Europe/Berlin");
  EXPECT_EQ(format_utc(t.utc), "2025-10-26T00:30:00Z");
}

TEST(ParseLocalTime, RejectsUnknownZonesAndBadClocks) {
  EXPECT_THROW(static_cast<void>(parse_local_time("2025-03-01T07:30", "Mars/Olympus")), Error);
  EXPECT_THROW(static_cast<void>(parse_local_time("2025-03-01T25:30", "UTC")), Error);
  EXPECT_THROW(static_cast<void>(parse_local_time("2025-03-01T7:30", "UTC")), Error);
  EXPECT_THROW(static_cast<void>(parse_local_time("2025-02-31T07:30", "UTC")), Error);
}

TEST(LocalDateOf, UsesTheRunsOwnZone) {
  const ZonedTime late{parse_utc("2025-03-01T23:30:00Z"), "Asia/Tokyo"};
  EXPECT_EQ(format_date(local_date_of(late)), "2025-03-02");
  EXPECT_EQ(local_hour_of(late), 8);
}

TEST(ParseUtc, RoundTripsFormatUtc) {
  const auto t = parse_utc("2024-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(t), "2024-12-31T23:59:59Z");
  EXPECT_THROW(static_cast<void>(parse_utc("2024-12-31 23:59")), Error);
}

TEST(ZoneForOffset, KeepsTheHomeZoneWhenTheOffsetIsHomes) {
  const Timestamp may_day{std::chrono::seconds{1714543200}};  // 2024-05-01, Berlin at UTC+2
  EXPECT_EQ(zone_for_offset(may_day, std::chrono::hours{2}, "Europe/Berlin"), "Europe/Berlin");
}

TEST(ZoneForOffset, NamesTheFixedOffsetZoneOfARunAway) {
  const Timestamp may_day{std::chrono::seconds{1714543200}};
  // POSIX signs: Etc/GMT+5 is UTC-5 (New York in summer time is UTC-4).
  EXPECT_EQ(zone_for_offset(may_day, std::chrono::hours{-5}, "Europe/Berlin"), "Etc/GMT+5");
  EXPECT_EQ(zone_for_offset(may_day, std::chrono::hours{9}, "Europe/Berlin"), "Etc/GMT-9");
  EXPECT_EQ(zone_for_offset(may_day, std::chrono::hours{0}, "Europe/Berlin"), "Etc/UTC");
  EXPECT_EQ(format_local(ZonedTime{
                may_day, zone_for_offset(may_day, std::chrono::hours{-5}, "Europe/Berlin")}),
            "2024-05-01 01:00");
}

TEST(ZoneForOffset, KeepsTheHomeZoneForOffsetsWithoutAFixedZone) {
  const Timestamp may_day{std::chrono::seconds{1714543200}};
  EXPECT_EQ(zone_for_offset(may_day, std::chrono::minutes{330}, "Europe/Berlin"), "Europe/Berlin");
  EXPECT_EQ(zone_for_offset(may_day, std::chrono::hours{15}, "Europe/Berlin"), "Europe/Berlin");
}

TEST(ZoneForOffset, GivesThePositionsZoneWhenTheFileOffsetMatchesIt) {
  // What the importer relies on: the zone found at a run's first position is passed as the
  // home zone, and the FIT file's own offset agrees with it or wins as a fixed offset.
  const Timestamp july{std::chrono::seconds{1720000000}};  // 2024-07-03, Prague at UTC+2
  EXPECT_EQ(zone_for_offset(july, std::chrono::hours{2}, "Europe/Prague"), "Europe/Prague");
  EXPECT_EQ(zone_for_offset(july, std::chrono::hours{1}, "Europe/Prague"), "Etc/GMT-1");
}

TEST(ZoneDisplayName, ShowsFixedOffsetsWithTheSignAPersonReads) {
  EXPECT_EQ(zone_display_name("Etc/GMT-8"), "UTC+08:00");
  EXPECT_EQ(zone_display_name("Etc/GMT+5"), "UTC-05:00");
  EXPECT_EQ(zone_display_name("Etc/GMT-14"), "UTC+14:00");
  EXPECT_EQ(zone_display_name("Etc/GMT+12"), "UTC-12:00");
  EXPECT_EQ(zone_display_name("Etc/UTC"), "UTC");
  EXPECT_EQ(zone_display_name("Etc/GMT"), "UTC");
  EXPECT_EQ(zone_display_name("Etc/GMT-0"), "UTC");
}

TEST(ZoneDisplayName, LeavesOtherNamesAsTheyAre) {
  EXPECT_EQ(zone_display_name("Europe/Prague"), "Europe/Prague");
  EXPECT_EQ(zone_display_name("America/Argentina/Buenos_Aires"), "America/Argentina/Buenos_Aires");
  EXPECT_EQ(zone_display_name("UTC"), "UTC");
  EXPECT_EQ(zone_display_name("Etc/GMT+15"), "Etc/GMT+15");
  EXPECT_EQ(zone_display_name("Etc/GMT+"), "Etc/GMT+");
  EXPECT_EQ(zone_display_name("Etc/GMTx5"), "Etc/GMTx5");
  EXPECT_EQ(zone_display_name("Etc/GMT-8a"), "Etc/GMT-8a");
  EXPECT_EQ(zone_display_name(""), "");
}

TEST(ZoneDisplayName, ReadsEveryZoneThatZoneForOffsetNames) {
  const Timestamp may_day{std::chrono::seconds{1714543200}};
  for (int hours = -12; hours <= 14; ++hours) {
    const auto zone = zone_for_offset(may_day, std::chrono::hours{hours}, "Asia/Kathmandu");
    const auto shown = zone_display_name(zone);
    if (hours == 0) {
      EXPECT_EQ(shown, "UTC");
    } else {
      EXPECT_EQ(shown, fmt::format("UTC{}{:02}:00", hours > 0 ? '+' : '-', std::abs(hours)));
    }
  }
}

}  // namespace
}  // namespace cairn
