// `cairn insights` as a runner uses it: a journal logged run by run, what it says, --json's
// contract and --as-of, and the mistakes that must be refused without writing anything.

#include <cctype>
#include <filesystem>
#include <functional>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "process.hpp"

namespace cairn {
namespace {

using testing::ProcessResult;
using testing::run_process;

class CliInsightsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-cli-insights-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    db_ = (folder_ / "cairn.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  ProcessResult cairn(const std::vector<std::string>& args) const {
    return run_process(CAIRN_BINARY, args,
                       {{"CAIRN_DB", db_},
                        {"TZ", "Europe/Berlin"},
                        {"HOME", folder_.string()},
                        {"CAIRN_NOW", "2025-06-30T20:00:00Z"}},
                       {});
  }
  std::string ok(const std::vector<std::string>& args) const {
    const auto result = cairn(args);
    EXPECT_EQ(result.status, 0) << ::testing::PrintToString(args) << "\n" << result.err;
    return result.out;
  }
  // Runs a command on a terminal, as a runner at the keyboard (see run_in_terminal).
  ProcessResult terminal(const std::vector<std::string>& args,
                         const std::vector<testing::TerminalStep>& steps) const {
    return testing::run_in_terminal(CAIRN_BINARY, args,
                                    {{"CAIRN_DB", db_},
                                     {"TZ", "Europe/Berlin"},
                                     {"HOME", folder_.string()},
                                     {"TERM", "dumb"},
                                     {"CAIRN_NOW", "2025-06-30T20:00:00Z"}},
                                    steps);
  }
  nlohmann::json json(std::vector<std::string> args) const {
    args.insert(args.begin(), "--json");
    return nlohmann::json::parse(ok(args));
  }
  std::string export_all() const { return cairn({"export", "--format", "json"}).out; }
  // A command that must be refused with exit status 2 and `message` on stderr, writing
  // nothing.
  void refused(const std::vector<std::string>& args, const std::string& message) const {
    const std::string before = export_all();
    const auto result = cairn(args);
    EXPECT_EQ(result.status, 2) << ::testing::PrintToString(args) << "\n" << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos)
        << ::testing::PrintToString(args) << " said: " << result.err;
    EXPECT_EQ(export_all(), before) << "refused command changed the data";
  }

  // Three weeks of a small goal, Monday 9 to Sunday 29 June 2025: two runs in the first week
  // (10.5 km in 60:00, 5 km in 30:00), none in the second, one in the third (8 km in 48:00).
  // `extra` goes on every log (e.g. a form cue rating, by run).
  void goal_weeks(const std::vector<std::string>& goal,
                  const std::vector<std::vector<std::string>>& extra = {{}, {}, {}}) const {
    ok({"values", "add", "Growth", "--importance", "8", "--since", "2025-06-01"});
    std::vector<std::string> start{"experiment", "start",   "--value",    "Growth", "--practice",
                                   "small goal", "--start", "2025-06-09", "--end",  "2025-06-29"};
    start.insert(start.end(), goal.begin(), goal.end());
    ok(start);
    const std::vector<std::vector<std::string>> runs{
        {"--start", "2025-06-10T07:00", "--distance", "10.5km", "--time", "60:00"},
        {"--start", "2025-06-12T07:00", "--distance", "5km", "--time", "30:00"},
        {"--start", "2025-06-24T07:00", "--distance", "8km", "--time", "48:00"}};
    for (std::size_t i = 0; i < runs.size(); ++i) {
      std::vector<std::string> log{"log", "--no-prompt", "--enjoyment", "7"};
      log.insert(log.end(), runs[i].begin(), runs[i].end());
      log.insert(log.end(), extra[i].begin(), extra[i].end());
      ok(log);
    }
  }

  // Twelve weeks of runs every other day: on the ones with friends the runner enjoyed it
  // clearly more; on the ones well aligned with Calm the mood rose more.
  void log_twelve_weeks() const {
    ok({"values", "add", "Calm", "--importance", "7", "--since", "2025-03-01"});
    for (int i = 0; i < 42; ++i) {
      const int day = 1 + i * 2;  // from 2025-04-01
      const bool friends = i % 3 == 0;
      const bool calm = i % 2 == 0;
      const auto when =
          fmt::format("2025-{:02}-{:02}T07:00", 4 + (day - 1) / 30, (day - 1) % 30 + 1);
      ok({"log", "--no-prompt", "--start", when, "--distance", "8km", "--time", "45:00",
          "--enjoyment", std::to_string(friends ? 8 + i % 2 : 5 + i % 2), "--company",
          friends ? "friend" : "alone", "--mood-before", "3", "--mood-after",
          std::to_string(calm ? 5 - i % 3 / 2 : 3 + i % 3 / 2), "--align",
          fmt::format("Calm={}", calm ? 8 + i % 3 : 3 + i % 3)});
    }
  }

  std::filesystem::path folder_;
  std::string db_;
};

TEST_F(CliInsightsTest, TellsWhatWentWithBetterRunsInWordsAndNumbers) {
  log_twelve_weeks();
  const auto text = ok({"insights"});
  EXPECT_NE(text.find("Insights as of 2025-06-30: 42 runs; "), std::string::npos) << text;
  EXPECT_NE(text.find("Runs with a friend went with enjoyment 3.0 higher than runs alone"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Runs well aligned with Calm went with mood lift"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Weekly distance, last 12 weeks:"), std::string::npos) << text;
  EXPECT_EQ(text.find("caused"), std::string::npos);
}

TEST_F(CliInsightsTest, KeepsTheJsonContract) {
  log_twelve_weeks();
  const auto out = json({"insights"});
  EXPECT_EQ(out["as_of"], "2025-06-30");
  ASSERT_TRUE(out["value_effects"].is_array());
  bool found = false;
  for (const auto& item : out["value_effects"]) {
    for (const char* field : {"value_id", "value", "outcome", "difference", "interval", "level",
                              "n_aligned", "n_other", "claim"}) {
      EXPECT_TRUE(item.contains(field)) << field;
    }
    if (item["outcome"] == "mood_lift") {
      found = true;
      EXPECT_EQ(item["value"], "Calm");
      EXPECT_EQ(item["level"], 0.9);
      EXPECT_EQ(item["n_aligned"].get<int>() + item["n_other"].get<int>(), 42);
      EXPECT_TRUE(item["claim"].get<bool>()) << item.dump();
      EXPECT_LT(item["interval"][0].get<double>(), item["difference"].get<double>());
      EXPECT_GT(item["interval"][1].get<double>(), item["difference"].get<double>());
    }
  }
  EXPECT_TRUE(found);
  ASSERT_FALSE(out["context_effects"].empty());
  for (const char* field :
       {"factor", "level_a", "level_b", "outcome", "difference", "interval", "claim"}) {
    EXPECT_TRUE(out["context_effects"][0].contains(field)) << field;
  }
  for (const char* section :
       {"prompts", "experiments", "importance_vs_lived", "motivation", "volume", "routes"}) {
    EXPECT_TRUE(out.contains(section)) << section;
  }
  EXPECT_EQ(out["volume"]["total_runs"], 42);
}

// The weekly totals come as columns, like a run's track, and every number with the digits it
// holds: the twelve weeks' means (e.g. 29 / 14) were written with 17 digits before.
TEST_F(CliInsightsTest, GivesWeeksAsColumnsAndNumbersToTheDigitsTheyHold) {
  log_twelve_weeks();
  const std::string text = ok({"--json", "insights"});
  const auto out = nlohmann::json::parse(text);
  const auto& weeks = out["volume"]["weeks"];
  ASSERT_TRUE(weeks.is_object()) << weeks.dump();
  const auto count = weeks["week_of"].size();
  EXPECT_EQ(weeks["week_of"][0], "2025-03-31");  // the Monday before the first run
  EXPECT_EQ(weeks["week_of"][1], "2025-04-07");
  for (const char* column : {"runs", "distance_m", "seconds"}) {
    EXPECT_EQ(weeks[column].size(), count) << column;
  }
  int runs = 0;
  double metres = 0.0;
  double seconds = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    runs += weeks["runs"][i].get<int>();
    metres += weeks["distance_m"][i].get<double>();
    seconds += weeks["seconds"][i].get<double>();
  }
  EXPECT_EQ(runs, 42);
  EXPECT_DOUBLE_EQ(metres, 42 * 8000.0);
  EXPECT_DOUBLE_EQ(seconds, 42 * 45 * 60.0);

  // Six significant digits, more only to keep a tenth of the unit of a large number.
  std::size_t numbers = 0;
  const std::function<void(const nlohmann::json&)> check = [&](const nlohmann::json& node) {
    if (node.is_number_float()) {
      ++numbers;
      const std::string written = node.dump();
      const std::string mantissa = written.substr(0, written.find_first_of("eE"));
      const auto first = mantissa.find_first_of("123456789");
      std::size_t digits = 0;
      for (std::size_t i = first == std::string::npos ? mantissa.size() : first;
           i < mantissa.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(mantissa[i])) != 0) ++digits;
      }
      const auto integer_part = mantissa.substr(0, mantissa.find('.'));
      const std::size_t allowed = std::max<std::size_t>(6, integer_part.size() + 1);
      EXPECT_LE(digits, allowed) << written;
    } else if (node.is_structured()) {
      for (const auto& item : node) check(item);
    }
  };
  check(out);
  EXPECT_GT(numbers, 100U);
}

TEST_F(CliInsightsTest, RecognisesRoutesFromTheTracksAndNamesThemAsTheRunnerDid) {
  ok({"demo", "--seed", "3", "--years", "1"});
  const auto out = json({"insights"});
  ASSERT_FALSE(out["routes"].empty()) << out.dump();
  bool river = false;
  for (const auto& route : out["routes"]) {
    EXPECT_GE(route["runs"].get<int>(), 2);
    if (route["name"] == "River loop") {
      river = true;
      EXPECT_TRUE(route["named"].get<bool>());
      EXPECT_NE(route["text"].get<std::string>().find("Your River loop, "), std::string::npos);
    }
  }
  EXPECT_TRUE(river) << out["routes"].dump();
  // The demo's runs all have tracks: new and familiar routes are told from the ground.
  bool new_against_familiar = false;
  for (const auto& item : out["context_effects"]) {
    if (item["factor"] == "route" && item["level_a"] == "new" && item["level_b"] == "familiar") {
      new_against_familiar = true;
    }
  }
  EXPECT_TRUE(new_against_familiar);
  EXPECT_NE(ok({"insights"}).find("Routes you come back to\n  Your "), std::string::npos);
}

// A review on a terminal starts from what the insights suggest, and records the suggestion it
// answers as its reason.
TEST_F(CliInsightsTest, AReviewShowsThePromptItAnswersAndKeepsItAsItsReason) {
  ok({"values", "add", "Adventure", "--importance", "9", "--since", "2025-03-01"});
  for (int i = 0; i < 10; ++i) {
    ok({"log", "--no-prompt", "--start", fmt::format("2025-06-{:02}T07:00", 2 + i * 2),
        "--distance", "8km", "--time", "45:00", "--enjoyment", "6", "--align", "Adventure=3"});
  }
  const std::string prompt = "Adventure is ranked 9/10, but none of your 10 journaled runs";
  EXPECT_NE(ok({"insights"}).find(prompt), std::string::npos);
  // A number that is no suggestion is refused, and nothing is recorded.
  const auto wrong = terminal({"review"}, {{"What prompted this review (1 or Enter", "5\n"}});
  EXPECT_EQ(wrong.status, 2) << wrong.out;
  EXPECT_NE(wrong.out.find("5 is not one of the suggestions (1-1): nothing was recorded"),
            std::string::npos)
      << wrong.out;
  EXPECT_EQ(json({"review", "list"}).size(), 0U);
  const auto reviewed = terminal({"review"}, {{"What prompted this review (1 or Enter", "\n"},
                                              {"importance now", "6\n"},
                                              {"Retire Adventure?", "\n"},
                                              {"Notes on this review", "\n"}});
  EXPECT_EQ(reviewed.status, 0) << reviewed.out;
  EXPECT_NE(reviewed.out.find("Your journal suggests a look at:\r\n  1. " + prompt),
            std::string::npos)
      << reviewed.out;
  const auto reviews = json({"review", "list"});
  ASSERT_EQ(reviews.size(), 1U);
  EXPECT_EQ(reviews[0]["trigger"].get<std::string>().rfind(prompt, 0), 0U) << reviews[0].dump();
  // Own words stay the reason (no suggestion now: Adventure is no longer ranked high).
  const auto again = terminal({"review"}, {{"What prompted this review", "a new job\n"},
                                           {"importance now", "5\n"},
                                           {"Retire Adventure?", "\n"},
                                           {"Notes on this review", "\n"}});
  EXPECT_EQ(again.status, 0) << again.out;
  EXPECT_EQ(again.out.find("Your journal suggests"), std::string::npos) << again.out;
  EXPECT_EQ(json({"review", "list"})[1]["trigger"], "a new job");
}

TEST_F(CliInsightsTest, ShowsTheInsightsAsTheyStoodOnADate) {
  log_twelve_weeks();
  const auto then = json({"insights", "--as-of", "2025-04-10"});
  EXPECT_EQ(then["as_of"], "2025-04-10");
  EXPECT_EQ(then["runs_considered"], 5);  // 1, 3, 5, 7 and 9 April
  EXPECT_EQ(then["volume"]["total_runs"], 5);
}

TEST_F(CliInsightsTest, RefusesADateItCannotReadOrInTheFutureAndWritesNothing) {
  log_twelve_weeks();
  const auto before = ok({"export", "--format", "json"});
  for (const auto& [date, message] : std::vector<std::pair<std::string, std::string>>{
           {"2025-07-01", "after today"},
           {"30/06/2025", "--as-of"},
           {"2025-02-30", "--as-of"},
           {"", "--as-of: expected a date, YYYY-MM-DD, and got nothing"}}) {
    const auto result = cairn({"insights", "--as-of", date});
    EXPECT_EQ(result.status, 2) << date << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
  }
  const auto refused = cairn({"--json", "insights", "--as-of", "2025-07-01"});
  EXPECT_EQ(nlohmann::json::parse(refused.err)["field"], "as_of") << refused.err;
  EXPECT_EQ(ok({"export", "--format", "json"}), before);
}

// An experiment's card: its runs against the weeks before it, in `show` and at `end`.
TEST_F(CliInsightsTest, ShowsAnExperimentsResultAgainstTheWeeksBeforeIt) {
  log_twelve_weeks();  // 2025-04-01 to 2025-06-23, every other day
  ok({"experiment", "start", "--value", "Calm", "--practice", "no music", "--start", "2025-05-31",
      "--end", "2025-06-29"});
  std::vector<std::string> tag{"experiment", "tag", "1"};
  for (int run = 31; run <= 42; ++run) tag.push_back(std::to_string(run));  // 31 May on
  ok(tag);
  const auto shown = ok({"experiment", "show", "1"});
  EXPECT_NE(shown.find("Result so far:"), std::string::npos) << shown;
  EXPECT_NE(shown.find("12 runs tagged in it against 15 in the weeks before"), std::string::npos)
      << shown;
  const auto result = json({"experiment", "show", "1"})["result"];
  EXPECT_EQ(result["runs_inside"], 12);
  EXPECT_EQ(result["effects"][0]["outcome"], "alignment");
  const auto ended = ok({"experiment", "end", "1", "--date", "2025-06-29", "--reflection", "calmer",
                         "--decision", "keep"});
  EXPECT_NE(ended.find("Ended experiment #1 on 2025-06-29: keep."), std::string::npos) << ended;
  EXPECT_NE(ended.find("\nResult:\n"), std::string::npos) << ended;
  // The card says what `cairn insights` says about the same experiment, word for word.
  const auto card = json({"experiment", "show", "1"})["result"];
  const auto all = json({"insights"})["experiments"];
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(card["text"], all[0]["text"]);
  // An end in the future is refused and writes nothing.
  ok({"experiment", "start", "--value", "Calm", "--practice", "run at dawn", "--start",
      "2025-06-20"});
  const auto before = ok({"export"});
  const auto future =
      cairn({"experiment", "end", "2", "--date", "2025-07-05", "--decision", "keep"});
  EXPECT_EQ(future.status, 2);
  EXPECT_NE(future.err.find("an experiment's end cannot be dated in the future (2025-07-05; "
                            "today is 2025-06-30)"),
            std::string::npos)
      << future.err;
  EXPECT_EQ(ok({"export"}), before);
}

// Mistakes found by a newcomer: each gets a message that says what was wrong, and writes
// nothing.
TEST_F(CliInsightsTest, RefusesACheckInToComeAndAValueSplitBySpace) {
  ok({"values", "add", "Calm", "--importance", "7", "--since", "2025-03-01"});
  const auto before = ok({"export"});
  const auto future = cairn({"checkin", "--date", "2025-07-05", "--area", "Calm=9"});
  EXPECT_EQ(future.status, 2);
  EXPECT_NE(future.err.find("a check-in cannot be dated in the future (2025-07-05; today is "
                            "2025-06-30)"),
            std::string::npos)
      << future.err;
  const auto split = cairn({"log", "--no-prompt", "--start", "2025-06-29T07:00", "--distance", "10",
                            "km", "--time", "50:00"});
  EXPECT_EQ(split.status, 2);
  EXPECT_EQ(split.err.find("its commands: ,"), std::string::npos) << split.err;
  EXPECT_NE(split.err.find("if '10 km' is one value, write it without the space or in quotes"),
            std::string::npos)
      << split.err;
  EXPECT_EQ(ok({"export"}), before);
}

// A planned experiment is shown before it starts, without a result yet.
TEST_F(CliInsightsTest, ShowsAnExperimentPlannedForLater) {
  ok({"values", "add", "Calm", "--importance", "7", "--since", "2025-03-01"});
  ok({"experiment", "start", "--value", "Calm", "--practice", "no watch", "--start", "2025-07-07"});
  const auto shown = ok({"experiment", "show", "1"});
  EXPECT_NE(shown.find("It starts on 2025-07-07: its result shows from then."), std::string::npos)
      << shown;
  EXPECT_TRUE(json({"experiment", "show", "1"})["result"].is_null());
}

// A value named today is not held against the runs before it; one never rated is not rated,
// not "not lived".
TEST_F(CliInsightsTest, DoesNotAskAboutAValueNamedAfterTheRuns) {
  ok({"values", "add", "Calm", "--importance", "7", "--since", "2025-03-01"});
  for (int i = 0; i < 10; ++i) {
    ok({"log", "--no-prompt", "--start", fmt::format("2025-06-{:02}T07:00", 2 + i * 2),
        "--distance", "8km", "--time", "45:00", "--enjoyment", "6", "--align", "Calm=8"});
  }
  ok({"values", "add", "Family", "--importance", "9"});
  const auto out = json({"insights"});
  EXPECT_TRUE(out["prompts"].empty()) << out["prompts"].dump();
  for (const auto& item : out["importance_vs_lived"]) {
    if (item["value"] != "Family") continue;
    EXPECT_EQ(item["recent_runs"], 0);
    EXPECT_TRUE(item["lived_share"].is_null());
    EXPECT_NE(item["text"].get<std::string>().find("no journaled run in the last eight weeks "
                                                   "while you held it"),
              std::string::npos);
  }
}

TEST_F(CliInsightsTest, NeedsAJournalAndSaysWhatIsMissingOnAFreshOne) {
  const auto missing = cairn({"insights"});
  EXPECT_EQ(missing.status, 3) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(db_));
  ok({"values", "add", "Calm", "--since", "2025-06-01"});
  const auto text = ok({"insights"});
  EXPECT_NE(text.find("No runs yet."), std::string::npos) << text;
  EXPECT_NE(text.find("Nothing stands out from chance yet."), std::string::npos) << text;
}

// A small goal on an experiment: the card shows it week by week in `show`, `end` and --json.
TEST_F(CliInsightsTest, ShowsADistanceGoalWeekByWeek) {
  goal_weeks({"--goal-distance", "10km"});
  const auto shown = ok({"experiment", "show", "1"});
  EXPECT_NE(shown.find("goal:       a run of 10.00 km"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Goal: a run of 10.00 km, met in 1 of 3 week(s)."), std::string::npos)
      << shown;
  EXPECT_NE(shown.find("2025-06-09     7     2  10.50 km  ██████████  met"), std::string::npos)
      << shown;
  EXPECT_NE(shown.find("2025-06-16     7     0         -  ░░░░░░░░░░  no run"), std::string::npos)
      << shown;
  EXPECT_NE(shown.find("2025-06-23     7     1   8.00 km  ████████░░  not met"), std::string::npos)
      << shown;

  const auto shown_json = json({"experiment", "show", "1"});
  EXPECT_EQ(shown_json["goal"],
            nlohmann::json::parse(R"({"kind":"distance","distance_m":10000.0})"));
  const auto result = shown_json["result"];
  EXPECT_EQ(result["goal"]["kind"], "distance");
  EXPECT_EQ(result["weeks_met"], 1);
  ASSERT_EQ(result["progress"].size(), 3U);
  EXPECT_EQ(result["progress"][0],
            nlohmann::json::parse(R"({"week_of":"2025-06-09","days":7,"runs":2,"measured":10500.0,
                                      "target":10000.0,"unit":"m","met":true,"under_way":false})"));
  EXPECT_TRUE(result["progress"][1]["measured"].is_null());
  EXPECT_EQ(result["progress"][1]["runs"], 0);
  EXPECT_EQ(result["progress"][2]["met"], false);

  const auto ended = ok({"experiment", "end", "1", "--date", "2025-06-29", "--decision", "adjust"});
  EXPECT_NE(ended.find("Goal: a run of 10.00 km, met in 1 of 3 week(s)."), std::string::npos)
      << ended;
}

TEST_F(CliInsightsTest, ShowsTimePaceAndRunsPerWeekGoals) {
  goal_weeks({"--goal-pace", "5:45/km", "--goal-over", "5km"});
  const auto pace = json({"experiment", "show", "1"});
  EXPECT_EQ(pace["goal"]["pace_s_per_km"], 345.0);
  EXPECT_EQ(pace["goal"]["distance_m"], 5000.0);
  EXPECT_EQ(pace["result"]["progress"][0]["unit"], "s_per_km");
  EXPECT_EQ(pace["result"]["progress"][0]["met"], true);   // 10.5 km at 5:43 /km
  EXPECT_EQ(pace["result"]["progress"][2]["met"], false);  // 6:00 /km
  const auto shown = ok({"experiment", "show", "1"});
  EXPECT_NE(shown.find("Goal: 5:45 /km or faster over 5.00 km, met in 1 of 3 week(s)."),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("5:43 /km"), std::string::npos) << shown;

  ok({"experiment", "start", "--value", "Growth", "--practice", "often", "--start", "2025-06-09",
      "--end", "2025-06-29", "--goal-runs-per-week", "2"});
  const auto runs = json({"experiment", "show", "2"})["result"];
  EXPECT_EQ(runs["progress"][0]["measured"], 2.0);
  EXPECT_EQ(runs["progress"][1]["measured"], 0.0);
  EXPECT_EQ(runs["weeks_met"], 1);

  ok({"experiment", "start", "--value", "Growth", "--practice", "long", "--start", "2025-06-09",
      "--end", "2025-06-29", "--goal-time", "55:00"});
  const auto time = ok({"experiment", "show", "3"});
  EXPECT_NE(time.find("Goal: a run of 55:00, met in 1 of 3 week(s)."), std::string::npos) << time;
  EXPECT_NE(time.find("1:00:00"), std::string::npos) << time;
}

TEST_F(CliInsightsTest, AsksForAFormCueRatingAndAveragesItByWeek) {
  goal_weeks({"--goal-cue", "relaxed shoulders"},
             {{"--cue-rating", "6"}, {"--cue-rating", "8"}, {"--cue-rating", "5"}});
  const auto shown = ok({"experiment", "show", "1"});
  EXPECT_NE(shown.find("Goal: relaxed shoulders rated 7 or more, met in 1 of 3 week(s)."),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("7.0/10"), std::string::npos) << shown;
  EXPECT_NE(shown.find("no rating"), std::string::npos) << shown;
  const auto exported = nlohmann::json::parse(export_all());
  EXPECT_EQ(exported["entries"][0]["cue_rating"], 6);
  EXPECT_EQ(exported["experiments"][0]["goal"]["cue"], "relaxed shoulders");
  // The rating is kept through an export and its import.
  const auto file = (folder_ / "goals.json").string();
  ok({"export", "--format", "json", "--output", file});
  const auto other = (folder_ / "other.db").string();
  const auto restored = run_process(CAIRN_BINARY, {"--db", other, "import-json", file},
                                    {{"TZ", "Europe/Berlin"}, {"HOME", folder_.string()}}, {});
  ASSERT_EQ(restored.status, 0) << restored.err;
  const auto again = run_process(CAIRN_BINARY, {"--db", other, "export", "--format", "json"},
                                 {{"TZ", "Europe/Berlin"}, {"HOME", folder_.string()}}, {});
  EXPECT_EQ(again.out, export_all());
}

TEST_F(CliInsightsTest, RefusesABadGoalNamingTheFlagAndWritesNothing) {
  ok({"values", "add", "Growth", "--importance", "8", "--since", "2025-06-01"});
  const std::vector<std::string> start{"experiment", "start",      "--value",
                                       "Growth",     "--practice", "small goal"};
  const auto with = [&](std::vector<std::string> flags) {
    auto args = start;
    args.insert(args.end(), flags.begin(), flags.end());
    return args;
  };
  refused(with({"--goal-distance", "0km"}),
          "--goal-distance: goal distance of 0 m is out of range");
  refused(with({"--goal-distance", "10 parsecs"}), "--goal-distance: unknown distance unit");
  refused(with({"--goal-time", "52.30"}), "--goal-time: '52.30' is ambiguous");
  refused(with({"--goal-pace", "5:00/km"}), "--goal-pace needs --goal-over");
  refused(with({"--goal-over", "5km"}), "--goal-over goes with --goal-pace");
  refused(with({"--goal-pace", "fast", "--goal-over", "5km"}), "--goal-pace: 'fast' is not a");
  refused(with({"--goal-pace", "5:00/km", "--goal-over", "0"}),
          "--goal-over: goal distance of 0 m is out of range");
  refused(with({"--goal-runs-per-week", "15"}),
          "--goal-runs-per-week: goal of 15 runs per week is out of range: expected 1 to 14");
  refused(with({"--goal-runs-per-week", "three"}), "--goal-runs-per-week:");
  refused(with({"--goal-cue", "  "}), "--goal-cue: a form cue goal needs the cue");
  refused(with({"--goal-cue-target", "8"}), "--goal-cue-target goes with --goal-cue");
  refused(with({"--goal-cue", "tall", "--goal-cue-target", "11"}),
          "--goal-cue-target: cue target 11 is out of range: expected 0 to 10");
  refused(with({"--goal-distance", "10km", "--goal-runs-per-week", "3"}), "give one goal");
  EXPECT_TRUE(json({"experiment", "list"}).empty());

  // One form cue at a time; a rating only while one is on.
  ok(with({"--goal-cue", "tall", "--start", "2025-06-09", "--end", "2025-06-29"}));
  refused(with({"--goal-cue", "quick feet", "--start", "2025-06-20"}),
          "--goal-cue: experiment #1 has a form cue ('tall') from 2025-06-09 to 2025-06-29");
  refused({"log", "--no-prompt", "--start", "2025-06-10T07:00", "--distance", "5km", "--cue-rating",
           "11"},
          "--cue-rating 11 is out of range: expected 0 to 10");
  refused({"log", "--no-prompt", "--start", "2025-06-30T07:00", "--distance", "5km", "--cue-rating",
           "5"},
          "a form cue rating needs an experiment with a form cue goal on 2025-06-30");
}

}  // namespace
}  // namespace cairn
