#include "terminal_text.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "table.hpp"

namespace cairn::cli {
namespace {

TEST(Visible, ShowsEscapeBellAndOscSequencesInsteadOfSendingThem) {
  EXPECT_EQ(visible("\x1b]0;pwned\x07title"), "\\x1b]0;pwned\\x07title");
  EXPECT_EQ(visible("\x1b[2J\x1b[8mhidden"), "\\x1b[2J\\x1b[8mhidden");
  EXPECT_EQ(visible(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(visible("del\x7f"), "del\\x7f");
}

TEST(Visible, ShowsLineBreaksAndTabsUnlessLinesAreKept) {
  EXPECT_EQ(visible("one\ntwo\tthree\rfour"), "one\\ntwo\\tthree\\rfour");
  EXPECT_EQ(visible("one\ntwo\r\n", LineBreaks::keep), "one\ntwo\\r\n");
}

TEST(Visible, ShowsC1ControlsBidiOverridesAndBytesThatAreNotUtf8) {
  EXPECT_EQ(visible("\xc2\x9b"
                    "2J"),
            "\\u009b2J");
  EXPECT_EQ(visible("abc\xe2\x80\xae"
                    "fdp.exe"),
            "abc\\u202efdp.exe");
  EXPECT_EQ(visible("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u2066x\\u2069");
  EXPECT_EQ(visible("\x9b"
                    "2J"),
            "\\x9b2J");
  EXPECT_EQ(visible("\xff\xc3"), "\\xff\\xc3");
  EXPECT_EQ(visible("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(visible("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
}

TEST(Visible, KeepsPrintableTextAccentsAndEmojiAsTheyAre) {
  const std::string text = "Läufe am Fluss — 10 km, 🏃 \\x1b is just text";
  EXPECT_EQ(visible(text), text);
  EXPECT_EQ(visible(""), "");
}

TEST(Table, ShowsControlCharactersOfEveryCell) {
  Table table({{"a"}, {"b"}});
  table.add_row({"\x1b]2;x\x07", "ok\nnext"});
  std::ostringstream out;
  table.print(out);
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out.str().find("\\x1b]2;x\\x07  ok\\nnext"), std::string::npos) << out.str();
}

TEST(DisplayWidth, CountsTheColumnsATerminalGivesEachCharacter) {
  EXPECT_EQ(display_width("Loop"), 4U);
  EXPECT_EQ(display_width("Läufe"), 5U);                 // precomposed ä: one column
  EXPECT_EQ(display_width("Cafe\xCC\x81"), 4U);          // e + combining acute: still four
  EXPECT_EQ(display_width("東京マラソン"), 12U);         // wide: two columns each
  EXPECT_EQ(display_width("\xF0\x9F\x8F\x83 run"), 6U);  // 🏃: two columns
  EXPECT_EQ(display_width("\xff"), 1U);                  // not UTF-8: one column
}

TEST(DisplayWidth, CutsWithoutSplittingAWideCharacter) {
  EXPECT_EQ(cut_to_width("東京マラソン", 5), "東京");
  EXPECT_EQ(shorten("東京マラソン 2026", 7), "東京マ…");
  EXPECT_EQ(shorten("Loop", 7), "Loop");
}

TEST(Table, AlignsColumnsWithWideCharactersAndEmoji) {
  Table table({{"value"}, {"why"}});
  table.add_row({"冒険", "new places"});
  table.add_row({"\xF0\x9F\x8F\x83 Joy", "feels good"});
  table.add_row({"Calm", "quiet"});
  std::ostringstream out;
  table.print(out);
  // The second column starts at the same terminal column on every line.
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::size_t> starts;
  for (const std::string second : {"why", "new places", "feels good", "quiet"}) {
    while (std::getline(lines, line) && line.find(second) == std::string::npos) {
    }
    starts.push_back(display_width(line.substr(0, line.find(second))));
  }
  ASSERT_EQ(starts.size(), 4U);
  for (const auto start : starts) EXPECT_EQ(start, starts.front()) << out.str();
}

}  // namespace
}  // namespace cairn::cli

namespace cairn::cli {
namespace {

TEST(IndentedBlock, IndentsEachLineAndStillShowsControls) {
  EXPECT_EQ(indented_block("one\ntwo\x1b", "  ", "    "), "  one\n    two\\x1b");
}

TEST(IndentedBlock, WrapsBetweenWordsToTheColumnsGivenIndentIncluded) {
  EXPECT_EQ(indented_block("Runs with a friend went with more enjoyment", "  * ", "    ", 20),
            "  * Runs with a\n    friend went with\n    more enjoyment");
  // Wide characters take two columns; a word longer than a line stays whole.
  EXPECT_EQ(indented_block("日本 語語語 x", "", "", 6), "日本\n語語語\nx");
  EXPECT_EQ(indented_block("a supercalifragilistic b", "", "", 8), "a\nsupercalifragilistic\nb");
  // Line breaks of the text are kept, each new line indented.
  EXPECT_EQ(indented_block("one two\nthree", "- ", "  ", 9), "- one two\n  three");
}

TEST(ShareBar, FillsItsShareOfTheWidthAndHoldsOthersToIt) {
  EXPECT_EQ(share_bar(0.5, 4), "██░░");
  EXPECT_EQ(share_bar(0.0, 3), "░░░");
  EXPECT_EQ(share_bar(1.7, 3), "███");
  EXPECT_EQ(share_bar(-1.0, 2), "░░");
  EXPECT_EQ(display_width(share_bar(0.33, 10)), 10U);
}

}  // namespace
}  // namespace cairn::cli
