#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cairn/exchange/exchange.hpp"

#include "sample_journal.hpp"

namespace cairn::exchange {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string journal_markdown(UnitSystem units = UnitSystem::metric) {
  return export_markdown(sample::rich_journal(), units);
}

TEST(ExportMarkdown, StartsWithATitle) {
  EXPECT_THAT(journal_markdown(), StartsWith("# Cairn running journal\n\n"));
}

TEST(ExportMarkdown, ShowsTheCurrentValuesWithWhyLinkAndPractices) {
  const std::string md = journal_markdown();
  EXPECT_THAT(md, HasSubstr("### Calm (importance 8/10)\n\nA clear mind, time to myself\n\n"));
  EXPECT_THAT(md, HasSubstr("**Why it matters:** Work is loud; I think better after a quiet hour"));
  EXPECT_THAT(md, HasSubstr("**How running serves it:** Running before work gives me focus"));
  EXPECT_THAT(md, HasSubstr("- a solo run with no music\n- a slow trail run\n"));
  EXPECT_THAT(md, HasSubstr("### Belonging (importance 6/10)"));
  EXPECT_THAT(md, HasSubstr("### Retired values\n\n- Adventure (was importance 4/10)"));
  EXPECT_LT(md.find("### Calm"), md.find("### Belonging"));
}

TEST(ExportMarkdown, ShowsHowTheValuesChanged) {
  const std::string md = journal_markdown();
  EXPECT_THAT(md, HasSubstr("- 2025-03-15: Adventure retired — no time for long trips, for now "
                            "(review of 2025-03-15)"));
  EXPECT_THAT(md, HasSubstr("### Review of 2025-03-15\n\n**Prompted by:** new job"));
}

TEST(ExportMarkdown, HasASectionPerEntryInDateOrder) {
  const std::string md = journal_markdown();
  const auto first = md.find("## 2025-02-27 06:45 — 8.05 km treadmill run\n");
  const auto second = md.find("## 2025-03-01 07:30 — 10.00 km road run\n");
  const auto third = md.find("## 2025-03-05 21:00 — journal entry\n");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

TEST(ExportMarkdown, ShowsTheRunAndEveryAnswerOfAnEntry) {
  const std::string md = journal_markdown();
  EXPECT_THAT(md, HasSubstr("**Run:** “Morning loop” · route River, east side · 10.00 km · "
                            "52:11 (moving 51:00) · 5:06 /km · 123 m up · heart rate 150 bpm "
                            "average, 172 max · 171 spm\n"));
  EXPECT_THAT(md, HasSubstr("- Before: mood 2/5, energy 2/5\n"
                            "- After: mood 4/5, energy 5/5\n"
                            "- Enjoyment: 8/10\n"
                            "- Effort (RPE): 6/10\n"
                            "- Alignment with my values: 7/10\n"
                            "- Form cue: 6/10\n"
                            "- Alignment by value: Calm 9/10, Belonging 5/10\n"
                            "- Motive: Calm\n"
                            "- Context: with a friend, familiar route, park, music, weather: "
                            "cold, windy\n"));
  EXPECT_THAT(md, HasSubstr("- Motive: outside push, guilt\n"));
  EXPECT_THAT(md, HasSubstr("Skipped the run; sore knee."));
  EXPECT_THAT(md, HasSubstr("Grüße from the bridge ✓\n\nSecond paragraph."));
}

TEST(ExportMarkdown, GivesDistancesAndPacesInMilesWhenAsked) {
  const std::string md = journal_markdown(UnitSystem::imperial);
  EXPECT_THAT(md, HasSubstr("## 2025-03-01 07:30 — 6.21 mi road run\n"));
  EXPECT_THAT(md, HasSubstr("8:12 /mi"));
}

TEST(ExportMarkdown, KeepsRunnerTextFromOpeningHeadingsOrCodeBlocks) {
  const std::string md = journal_markdown();
  EXPECT_THAT(md, HasSubstr("\n\\# not a heading\n\\```\n"));
  EXPECT_THAT(md, Not(HasSubstr("\n# not a heading")));

  JournalData data;
  JournalEntry entry;
  entry.text = "Title\n===\n<!-- hidden\n   ## also not\nplain";
  data.entries.push_back(entry);
  Value value;
  value.name = "Run #";
  value.why = "line one\n## line two";
  data.values.push_back(value);
  const std::string odd = export_markdown(data, UnitSystem::metric);
  EXPECT_THAT(odd, HasSubstr("Title\n\\===\n\\<!-- hidden\n   \\## also not\nplain"));
  EXPECT_THAT(odd, HasSubstr("### Run \\# (importance 5/10)"));
  EXPECT_THAT(odd, HasSubstr("**Why it matters:** line one\n\\## line two"));
}

TEST(ExportMarkdown, MakesInlineHtmlAndScriptLinksInRunnerTextInert) {
  JournalData data = sample::rich_journal();
  data.runs.at(0).title = "Loop <script>alert(1)</script>";
  JournalEntry& entry = data.entries.at(0);
  entry.text =
      "nice <img src=x onerror=alert(1)> run\n"
      "[my stats](javascript:alert(document.cookie)) and [strava](https://strava.com/a/1)\n"
      "[x]( JaVaScRiPt:alert(1)) [y](<javascript:alert(1)>) [z](jav&#x09;ascript:alert(1))\n"
      "<javascript:alert(1)> and [ref]\n"
      "[ref]: javascript:alert(1)";
  const std::string md = export_markdown(data, UnitSystem::metric);
  for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1)) {
    EXPECT_TRUE(at > 0 && md[at - 1] == '\\') << "unescaped '<' at byte " << at;
  }
  EXPECT_THAT(md, Not(HasSubstr("](javascript")));
  EXPECT_THAT(md, HasSubstr("Loop \\<script>alert(1)\\</script>"));
  EXPECT_THAT(md, HasSubstr("nice \\<img src=x onerror=alert(1)> run\n"));
  EXPECT_THAT(md, HasSubstr("\\[my stats]\\(javascript:alert(document.cookie)) and "
                            "[strava](https://strava.com/a/1)\n"));
  EXPECT_THAT(md, HasSubstr("\\[x]\\( JaVaScRiPt:alert(1)) [y]\\(\\<javascript:alert(1)>) "
                            "[z]\\(jav&#x09;ascript:alert(1))\n"));
  EXPECT_THAT(md, HasSubstr("\\<javascript:alert(1)> and [ref]\n\\[ref]: javascript:alert(1)"));
}

TEST(ExportMarkdown, ListsExperimentsAndCheckIns) {
  const std::string md = journal_markdown();
  EXPECT_THAT(md, HasSubstr("## Experiments\n\n### a solo run with no music — for Calm\n\n"
                            "- Period: 2025-03-03 to 2025-03-23\n"
                            "- Question: do I come back calmer?\n"
                            "- Goal: 5:30 /km or faster over 5.00 km\n"
                            "- Ended 2025-03-22, decision: keep\n"
                            "- Runs tagged: 2\n\n"
                            "**Reflection:** Yes, clearly calmer."));
  EXPECT_THAT(md, HasSubstr("### invite a friend — for Belonging\n\n"
                            "- Period: 2025-03-20 to 2025-04-10\n"
                            "- Question: does it feel less like training?\n"
                            "- Goal: relaxed shoulders rated 7 or more\n"
                            "- Still running\n"));
  EXPECT_THAT(md, HasSubstr("## Check-ins\n\n### 2025-03-09\n\n"
                            "- Calm: 7/10 — better sleep\n"
                            "- Belonging: 4/10\n"
                            "- Motivation: enjoyment 4/5, chosen 5/5, guilt 1/5, pressure 2/5\n\n"
                            "A good week.\n"));
  EXPECT_THAT(md, HasSubstr("### 2025-03-16\n\n- Motivation: guilt 3/5\n"));
}

TEST(ExportMarkdown, SaysSoWhenThereIsNothingYet) {
  const std::string md = export_markdown(JournalData{}, UnitSystem::metric);
  EXPECT_THAT(md, HasSubstr("No values named yet."));
  EXPECT_THAT(md, HasSubstr("No journal entries yet."));
}

}  // namespace
}  // namespace cairn::exchange
