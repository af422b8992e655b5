#include "cairn/formats/csv.hpp"

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

TEST(CsvTable, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  const auto table = CsvTable::parse(
      "\xEF\xBB\xBFid,name,notes\r\n1,\"Hill, repeats\",\"said \"\"ouch\"\"\nthen "
      "laughed\"\r\n2,Easy,\r\n");
  ASSERT_EQ(table.row_count(), 2U);
  EXPECT_EQ(table.header()[0], "id");
  EXPECT_EQ(table.cell(0, "name"), "Hill, repeats");
  EXPECT_EQ(table.cell(0, "notes"), "said \"ouch\"\nthen laughed");
  EXPECT_EQ(table.cell(1, "notes"), "");
  EXPECT_EQ(table.cell(1, "missing"), "");
}

TEST(CsvTable, UsesTheFirstOfTwoColumnsWithTheSameName) {
  const auto table = CsvTable::parse("Distance,Distance\n3.32,3322.9\n");
  EXPECT_EQ(table.cell(0, "Distance"), "3.32");
}

TEST(CsvTable, NamesTheLineOfAnUnterminatedQuote) {
  try {
    static_cast<void>(CsvTable::parse("a,b\n1,2\n3,\"open\n"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Errc::corrupt_file);
    EXPECT_STREQ(error.what(), "CSV quoted field opened at line 3 never ends");
  }
}

TEST(CsvTable, ToleratesAMissingFinalLineBreakAndBlankLines) {
  const auto table = CsvTable::parse("a,b\n\n1,2");
  ASSERT_EQ(table.row_count(), 1U);
  EXPECT_EQ(table.cell(0, "b"), "2");
  EXPECT_EQ(CsvTable::parse("").row_count(), 0U);
}

TEST(CsvTable, RefusesMoreRowsThanTheLimit) {
  EXPECT_THROW(static_cast<void>(CsvTable::parse("a\n1\n2\n3\n", 1)), Error);
}

}  // namespace
}  // namespace cairn::formats
