#include "xml_common.hpp"

#include <gtest/gtest.h>

#include "xml_test_support.hpp"

namespace cairn::formats::xml {
namespace {

using testing::utc;

TEST(ParseXmlNumber, ReadsDecimalNumbersAndNothingElse) {
  EXPECT_EQ(parse_number(" 12.5\n"), 12.5);
  EXPECT_EQ(parse_number("+3"), 3.0);
  EXPECT_EQ(parse_number("-0.5"), -0.5);
  EXPECT_EQ(parse_number(".5"), 0.5);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  EXPECT_FALSE(parse_number("").has_value());
  EXPECT_FALSE(parse_number("nan").has_value());
  EXPECT_FALSE(parse_number("inf").has_value());
  EXPECT_FALSE(parse_number("1e999").has_value());
  EXPECT_FALSE(parse_number("12abc").has_value());
  EXPECT_FALSE(parse_number("1,5").has_value());
  EXPECT_FALSE(parse_number("++1").has_value());
}

TEST(ParseXmlTime, ReadsIsoDateTimesWithZonesAndFractions) {
  EXPECT_EQ(parse_time("2020-04-18T11:10:44Z"), utc(2020, 4, 18, 11, 10, 44));
  EXPECT_EQ(parse_time("2020-04-18T11:10:44.000Z"), utc(2020, 4, 18, 11, 10, 44));
  EXPECT_EQ(parse_time("2020-04-18T11:10:44.9999Z"), utc(2020, 4, 18, 11, 10, 44, 999));
  EXPECT_EQ(parse_time("2020-04-18 11:10:44+01"), utc(2020, 4, 18, 10, 10, 44));
  EXPECT_EQ(parse_time("2020-01-01T00:30:00+01:00"), utc(2019, 12, 31, 23, 30, 0));
  EXPECT_EQ(parse_time("1234-05-06T07:08:09Z"), utc(1234, 5, 6, 7, 8, 9));
}

TEST(ParseXmlTime, RejectsWhatIsNotADateTime) {
  for (const char* text :
       {"", "2020-04-18", "2020-04-18T11:10Z", "2020-13-01T00:00:00Z", "2021-02-29T00:00:00Z",
        "2020-04-18T24:00:00Z", "2020-04-18T11:10:44.Z", "2020-04-18T11:10:44+1",
        "2020-04-18T11:10:44Zjunk", "20x0-04-18T11:10:44Z", "2020-04-18T11:10:44+25:00"}) {
    EXPECT_FALSE(parse_time(text).has_value()) << text;
  }
}

TEST(LineCounter, CountsLinesForwardAndBackward) {
  LineCounter lines(testing::bytes_of("a\nb\nc\n"));
  EXPECT_EQ(lines.line_at(0), 1U);
  EXPECT_EQ(lines.line_at(2), 2U);
  EXPECT_EQ(lines.line_at(5), 3U);
  EXPECT_EQ(lines.line_at(1), 1U);
  EXPECT_EQ(lines.line_at(100), 4U);
}

}  // namespace
}  // namespace cairn::formats::xml
