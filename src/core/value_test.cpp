#include "cairn/core/value.hpp"

#include <set>

#include <gtest/gtest.h>

#include "cairn/core/error.hpp"

namespace cairn {
namespace {

Value named(std::int64_t id, std::string name, int importance) {
  Value value;
  value.id = ValueId{id};
  value.name = std::move(name);
  value.importance = importance;
  return value;
}

ValueEvent event(std::int64_t id, ValueChangeKind kind, std::string_view date, Value after) {
  ValueEvent e;
  e.id = ValueEventId{id};
  e.kind = kind;
  e.effective_on = parse_date(date);
  e.after = std::move(after);
  return e;
}

TEST(ValueCatalogue, HasAboutThirtyDistinctDescribedValues) {
  const auto catalogue = value_catalogue();
  EXPECT_GE(catalogue.size(), 25U);
  std::set<std::string_view> keys;
  for (const auto& entry : catalogue) {
    EXPECT_FALSE(entry.description.empty()) << entry.key;
    EXPECT_TRUE(keys.insert(entry.key).second) << "duplicate key " << entry.key;
  }
}

TEST(FindInCatalogue, MatchesKeyOrNameIgnoringCase) {
  ASSERT_TRUE(find_in_catalogue("ADVENTURE").has_value());
  ASSERT_TRUE(find_in_catalogue("health and longevity").has_value());
  EXPECT_FALSE(find_in_catalogue("astrology").has_value());
}

TEST(ValueSetAt, ReconstructsTheSetInForceOnEachDate) {
  Value adventure = named(1, "Adventure", 9);
  Value family = named(2, "Family", 7);
  Value calm_family = family;
  calm_family.description = "Being present at home";
  Value retired_adventure = adventure;
  retired_adventure.active = false;
  Value reranked_family = calm_family;
  reranked_family.importance = 10;
  const std::vector<ValueEvent> history{
      event(1, ValueChangeKind::added, "2025-01-01", adventure),
      event(2, ValueChangeKind::added, "2025-01-10", family),
      event(3, ValueChangeKind::reworded, "2025-02-01", calm_family),
      event(4, ValueChangeKind::retired, "2025-03-01", retired_adventure),
      event(5, ValueChangeKind::reranked, "2025-03-01", reranked_family),
  };

  EXPECT_TRUE(value_set_at(history, parse_date("2024-12-31")).empty());
  const auto january = value_set_at(history, parse_date("2025-01-05"));
  ASSERT_EQ(january.size(), 1U);
  EXPECT_EQ(january[0].name, "Adventure");

  const auto february = value_set_at(history, parse_date("2025-02-15"));
  ASSERT_EQ(february.size(), 2U);
  EXPECT_EQ(february[0].name, "Adventure");  // importance 9 before 7
  EXPECT_EQ(february[1].description, "Being present at home");

  const auto march = value_set_at(history, parse_date("2025-03-01"));
  ASSERT_EQ(march.size(), 1U);
  EXPECT_EQ(march[0].name, "Family");
  EXPECT_EQ(march[0].importance, 10);
}

TEST(ValueSetAt, LetsALaterRecordedChangeOnTheSameDayWin) {
  Value a = named(1, "Calm", 5);
  Value b = a;
  b.importance = 8;
  const std::vector<ValueEvent> history{event(7, ValueChangeKind::reranked, "2025-05-01", b),
                                        event(3, ValueChangeKind::added, "2025-05-01", a)};
  const auto set = value_set_at(history, parse_date("2025-05-01"));
  ASSERT_EQ(set.size(), 1U);
  EXPECT_EQ(set[0].importance, 8);
}

TEST(ClassifyChange, TellsRerankFromRewordFromRetire) {
  const Value before = named(1, "Calm", 5);
  Value rank = before;
  rank.importance = 9;
  EXPECT_EQ(classify_change(before, rank), ValueChangeKind::reranked);
  Value words = before;
  words.why = "because";
  EXPECT_EQ(classify_change(before, words), ValueChangeKind::reworded);
  Value both = words;
  both.importance = 2;
  EXPECT_EQ(classify_change(before, both), ValueChangeKind::edited);
  Value gone = before;
  gone.active = false;
  EXPECT_EQ(classify_change(before, gone), ValueChangeKind::retired);
  EXPECT_EQ(classify_change(gone, before), ValueChangeKind::restored);
}

TEST(CheckValue, RejectsBadNamesAndImportance) {
  EXPECT_NO_THROW(check_value(named(1, "Calm", 5)));
  EXPECT_THROW(check_value(named(1, "", 5)), Error);
  EXPECT_THROW(check_value(named(1, " Calm", 5)), Error);
  EXPECT_THROW(check_value(named(1, std::string(81, 'x'), 5)), Error);
  EXPECT_THROW(check_value(named(1, "Calm", 0)), Error);
  EXPECT_THROW(check_value(named(1, "Calm", 11)), Error);
  Value practice = named(1, "Calm", 5);
  practice.practices = {"two\nlines"};
  EXPECT_THROW(check_value(practice), Error);
}

TEST(FindValueByNameOrId, MatchesEitherForm) {
  const std::vector<Value> values{named(4, "Family", 5), named(9, "Calm", 5)};
  EXPECT_EQ(find_value_by_reference(values, "family")->id, ValueId{4});
  EXPECT_EQ(find_value_by_reference(values, "9")->name, "Calm");
  EXPECT_FALSE(find_value_by_reference(values, "Adventure").has_value());
}

TEST(FindValueByReference, MatchesTheKeyOfACatalogueValueOrOfTheRunnersOwn) {
  Value calm = named(3, "A clear mind", 5);
  calm.catalogue_key = "clear_mind";
  std::vector<Value> values{calm, named(4, "Quiet Mornings", 5), named(5, "7", 5)};
  EXPECT_EQ(find_value_by_reference(values, "clear_mind")->id, ValueId{3});
  EXPECT_EQ(find_value_by_reference(values, " CLEAR_MIND ")->id, ValueId{3});
  EXPECT_EQ(find_value_by_reference(values, "a CLEAR mind")->id, ValueId{3});
  EXPECT_EQ(find_value_by_reference(values, "quiet_mornings")->id, ValueId{4});
  EXPECT_EQ(value_key(values[1]), "quiet_mornings");
  // A value named "7" wins over the value whose id is 7; ids still find the others.
  EXPECT_EQ(find_value_by_reference(values, "7")->id, ValueId{5});
  EXPECT_EQ(find_value_by_reference(values, "4")->id, ValueId{4});
}

}  // namespace
TEST(FindValueByReference, ANumberIsAnIdBeforeAName) {
  std::vector<Value> values(2);
  values[0].id = ValueId{1};
  values[0].name = "Joy";
  values[1].id = ValueId{2};
  values[1].name = "1";
  EXPECT_EQ(find_value_by_reference(values, "1")->name, "Joy");
  EXPECT_EQ(find_value_by_reference(values, " joy ")->id, ValueId{1});
}

}  // namespace cairn
