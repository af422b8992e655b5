#include "cairn/formats/csv.hpp"

#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn::formats {
namespace {

using ::testing::HasSubstr;

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

// Parses `text` expecting Error(code) whose message contains `part`.
void expect_refused(std::string_view text, const CsvOptions& options, const std::string& part,
                    Errc code = Errc::invalid_input) {
  try {
    static_cast<void>(CsvTable::parse(text, options));
    ADD_FAILURE() << "parsed; expected an error containing " << part;
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), code);
    EXPECT_THAT(error.what(), HasSubstr(part));
  }
}

TEST(CsvTable, RefusesMoreRowsThanTheLimit) {
  expect_refused("a\n1\n2\n3\n", {.max_rows = 1}, "CSV has more than 1 rows (at line 3)");
}

TEST(CsvTable, RefusesARowWithMoreFieldsThanTheLimitNamingItsLine) {
  // Millions of empty fields in a few megabytes: refused at the limit, not stored first.
  const std::string text = "a,b\n1,2\n" + std::string(5'000'000, ',');
  expect_refused(text, {}, "CSV line 3 has more than 1000 fields");
  expect_refused(std::string(2000, ','), {}, "CSV line 1 has more than 1000 fields");
}

TEST(CsvTable, RefusesAFieldLongerThanTheLimitNamingItsLine) {
  expect_refused("a\n\"" + std::string(100, 'x') + "\"\n", {.max_field_bytes = 64},
                 "CSV line 2 has a field longer than 64 bytes");
  expect_refused("a\nb\n" + std::string(100, 'x'), {.max_field_bytes = 64},
                 "CSV line 3 has a field longer than 64 bytes");
}

TEST(CsvTable, KeepsOnlyTheColumnsAskedFor) {
  const auto table = CsvTable::parse("a,b,c,b\n1,2,3,4\n5\n", {.columns = {"b", "z"}});
  EXPECT_EQ(table.header().size(), 4U);
  ASSERT_EQ(table.row_count(), 2U);
  EXPECT_FALSE(table.column("a"));
  EXPECT_FALSE(table.column("z"));
  const auto b = table.column("b");
  ASSERT_TRUE(b);
  EXPECT_EQ(table.cell(0, b), "2");
  EXPECT_EQ(table.cell(1, b), "");
  EXPECT_EQ(table.cell(0, "a"), "");
}

TEST(CsvTable, FindsColumnsOfAWideHeaderOnEveryRow) {
  // 1,000 columns and 100,000 rows: a column lookup per row would be 10^8 comparisons.
  std::string text;
  for (int i = 0; i < 999; ++i) text += fmt::format("c{},", i);
  text += "Filename\n";
  for (int row = 0; row < 100'000; ++row) text += fmt::format("{}\n", row);
  const auto table = CsvTable::parse(text, {.columns = {"Filename", "c0"}});
  const auto filename = table.column("Filename");
  const auto c0 = table.column("c0");
  std::size_t found = 0;
  for (std::size_t row = 0; row < table.row_count(); ++row) {
    found += table.cell(row, c0).size() + table.cell(row, filename).size();
  }
  EXPECT_GT(found, 0U);
}

}  // namespace
}  // namespace cairn::formats
