#include "cairn/core/units.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

TEST(PaceOf, IsAbsentWhenNoDistanceWasCovered) {
  EXPECT_FALSE(pace_of(Distance::from_meters(0), Duration(600)).has_value());
}

TEST(PaceOf, IsAbsentWhenNoTimePassed) {
  EXPECT_FALSE(pace_of(Distance::from_kilometers(5), Duration(0)).has_value());
}

TEST(PaceOf, IsTimePerKilometre) {
  const auto pace = pace_of(Distance::from_kilometers(10), Duration(50 * 60));
  ASSERT_TRUE(pace.has_value());
  EXPECT_DOUBLE_EQ(pace->seconds_per_km(), 300.0);
}

TEST(FormatPace, ShowsMinutesPerKilometreOrMile) {
  const auto pace = Pace::from_seconds_per_km(300.0);
  EXPECT_EQ(format_pace(pace, UnitSystem::metric), "5:00 /km");
  EXPECT_EQ(format_pace(pace, UnitSystem::imperial), "8:03 /mi");
}

TEST(FormatDuration, ShowsHoursOnlyWhenNeeded) {
  EXPECT_EQ(format_duration(Duration(42 * 60 + 5)), "42:05");
  EXPECT_EQ(format_duration(Duration(3723)), "1:02:03");
  EXPECT_EQ(format_duration(Duration(59.6)), "1:00");
}

TEST(FormatDistance, UsesTheRunnersUnits) {
  EXPECT_EQ(format_distance(Distance::from_meters(10030), UnitSystem::metric), "10.03 km");
  EXPECT_EQ(format_distance(Distance::from_miles(13.1), UnitSystem::imperial), "13.10 mi");
}

TEST(ParseDistance, ReadsUnitsAndBareNumbers) {
  EXPECT_DOUBLE_EQ(parse_distance("10km", UnitSystem::imperial).meters(), 10000.0);
  EXPECT_DOUBLE_EQ(parse_distance("5000m", UnitSystem::metric).meters(), 5000.0);
  EXPECT_DOUBLE_EQ(parse_distance("6.2 mi", UnitSystem::metric).miles(), 6.2);
  EXPECT_DOUBLE_EQ(parse_distance("3", UnitSystem::imperial).miles(), 3.0);
  EXPECT_DOUBLE_EQ(parse_distance("3", UnitSystem::metric).kilometers(), 3.0);
}

TEST(ParseDistance, ReadsEveryCommonSpellingOfTheUnitsInAnyCase) {
  for (const char* text :
       {"10km", "10kms", "10Km", "10 KM", "10k", "10 kilometres", "10 Kilometers"}) {
    EXPECT_DOUBLE_EQ(parse_distance(text, UnitSystem::imperial).meters(), 10000.0) << text;
  }
  for (const char* text : {"3mi", "3 miles", "3 mile", "3MI", "3 Miles"}) {
    EXPECT_DOUBLE_EQ(parse_distance(text, UnitSystem::metric).miles(), 3.0) << text;
  }
  for (const char* text : {"800m", "800 meters", "800 metres", "800 metre", "800M"}) {
    EXPECT_DOUBLE_EQ(parse_distance(text, UnitSystem::imperial).meters(), 800.0) << text;
  }
}

TEST(ParseDuration, RefusesACommaShowingTheFormsThatSayWhich) {
  for (const char* text : {"52,30", "52,5", "1,02,03"}) {
    try {
      static_cast<void>(parse_duration(text));
      ADD_FAILURE() << text << " was accepted";
    } catch (const Error& error) {
      EXPECT_EQ(std::string(error.what()),
                fmt::format("'{}' has a comma: write minutes and seconds with a colon (52:30, "
                            "1:02:03) or with units (52m30s, 52.5m)",
                            text));
    }
  }
}

TEST(ParseDistance, RefusesADecimalCommaShowingItWithAPoint) {
  const auto message = [](std::string_view text, UnitSystem units) {
    try {
      static_cast<void>(parse_distance(text, units));
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("10,5", UnitSystem::metric),
            "'10,5' has a decimal comma: write it with a point, 10.5km");
  EXPECT_EQ(message("6,2 mi", UnitSystem::metric),
            "'6,2 mi' has a decimal comma: write it with a point, 6.2mi");
  EXPECT_EQ(message("10,5", UnitSystem::imperial),
            "'10,5' has a decimal comma: write it with a point, 10.5mi");
  EXPECT_EQ(message("10,500m", UnitSystem::metric),
            "'10,500m' has a comma: write 10.500m for a decimal, or 10500m if the comma "
            "separates thousands");
  EXPECT_NE(message("10,5 parsecs", UnitSystem::metric).find("unknown distance unit"),
            std::string::npos);
}

TEST(ParseDistance, RejectsNonsenseWithTheTextInTheMessage) {
  try {
    static_cast<void>(parse_distance("ten", UnitSystem::metric));
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::invalid_input);
    EXPECT_NE(std::string(error.what()).find("'ten'"), std::string::npos);
  }
  EXPECT_THROW(static_cast<void>(parse_distance("-5km", UnitSystem::metric)), Error);
  EXPECT_THROW(static_cast<void>(parse_distance("5 parsecs", UnitSystem::metric)), Error);
  EXPECT_THROW(static_cast<void>(parse_distance("2000km", UnitSystem::metric)), Error);
}

TEST(ParseDuration, ReadsClockAndUnitForms) {
  EXPECT_DOUBLE_EQ(parse_duration("42:10").count(), 42 * 60 + 10);
  EXPECT_DOUBLE_EQ(parse_duration("1:02:03").count(), 3723);
  EXPECT_DOUBLE_EQ(parse_duration("45m").count(), 2700);
  EXPECT_DOUBLE_EQ(parse_duration("1h20m").count(), 4800);
  EXPECT_DOUBLE_EQ(parse_duration("90s").count(), 90);
  EXPECT_DOUBLE_EQ(parse_duration("30").count(), 1800);
}

TEST(ParseDuration, RejectsImpossibleClocksAndZero) {
  EXPECT_THROW(static_cast<void>(parse_duration("42:75")), Error);
  try {
    static_cast<void>(parse_duration("52.30"));
    ADD_FAILURE() << "52.30 could be 52:30 or 52:18";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("ambiguous"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("52:30"), std::string::npos) << error.what();
  }
  EXPECT_DOUBLE_EQ(parse_duration("52.5m").count(), 3150);
  EXPECT_DOUBLE_EQ(parse_duration("52m30s").count(), 3150);
  EXPECT_THROW(static_cast<void>(parse_duration("0:00")), Error);
  EXPECT_THROW(static_cast<void>(parse_duration("soon")), Error);
  EXPECT_THROW(static_cast<void>(parse_duration("1:2:3:4")), Error);
  EXPECT_THROW(static_cast<void>(parse_duration("200h")), Error);
}

TEST(ParsePace, ReadsATimePerKilometreOrMile) {
  EXPECT_DOUBLE_EQ(parse_pace("5:00/km", UnitSystem::imperial).seconds_per_km(), 300.0);
  EXPECT_DOUBLE_EQ(parse_pace(" 4:30 /km ", UnitSystem::imperial).seconds_per_km(), 270.0);
  EXPECT_DOUBLE_EQ(parse_pace("4m50s/KM", UnitSystem::imperial).seconds_per_km(), 290.0);
  EXPECT_NEAR(parse_pace("8:03/mi", UnitSystem::metric).seconds_per_mile(), 483.0, 1e-9);
  EXPECT_DOUBLE_EQ(parse_pace("5:00", UnitSystem::metric).seconds_per_km(), 300.0);
  EXPECT_NEAR(parse_pace("8:00", UnitSystem::imperial).seconds_per_mile(), 480.0, 1e-9);
}

TEST(ParsePace, RejectsWhatIsNotAPaceWithTheTextInTheMessage) {
  for (const char* text : {"", "/km", "5:00/m", "5:00/parsec", "fast"}) {
    try {
      static_cast<void>(parse_pace(text, UnitSystem::metric));
      ADD_FAILURE() << text;
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what()).find(fmt::format("'{}'", text)), std::string::npos)
          << error.what();
    }
  }
  EXPECT_THROW(static_cast<void>(parse_pace("5.30/km", UnitSystem::metric)), Error);  // ambiguous
}

TEST(ParseUnitSystem, AcceptsCommonSpellings) {
  EXPECT_EQ(parse_unit_system("MI"), UnitSystem::imperial);
  EXPECT_EQ(parse_unit_system("metric"), UnitSystem::metric);
  EXPECT_EQ(parse_unit_system("Kms"), UnitSystem::metric);
  EXPECT_EQ(parse_unit_system("kilometres"), UnitSystem::metric);
  EXPECT_EQ(parse_unit_system("mile"), UnitSystem::imperial);
  EXPECT_THROW(static_cast<void>(parse_unit_system("m")), Error);  // metres are no system
  EXPECT_THROW(static_cast<void>(parse_unit_system("furlongs")), Error);
}

}  // namespace
}  // namespace cairn
