#include "cairn/core/compact_optional.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include <gtest/gtest.h>

namespace cairn {
namespace {

TEST(OptionalDouble, IsEmptyUntilGivenANumber) {
  OptionalDouble value;
  EXPECT_FALSE(value.has_value());
  EXPECT_EQ(value, std::nullopt);
  EXPECT_EQ(value.value_or(7.0), 7.0);
  EXPECT_THROW(static_cast<void>(value.value()), std::bad_optional_access);
  value = 0.0;  // zero is a value, not "none"
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(*value, 0.0);
  value.reset();
  EXPECT_FALSE(value);
}

TEST(OptionalDouble, TreatsNotANumberAsNoValue) {
  const OptionalDouble value = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(value.has_value());
  OptionalDouble changed = 3.0;
  *changed = std::nan("");
  EXPECT_FALSE(changed.has_value());
}

TEST(OptionalDouble, ConvertsToAndFromStdOptional) {
  const OptionalDouble from_empty = std::optional<double>{};
  const OptionalDouble from_value = std::optional<double>{2.5};
  EXPECT_FALSE(from_empty.has_value());
  EXPECT_EQ(from_value, 2.5);
  const std::optional<double> back = from_value;
  EXPECT_EQ(back, 2.5);
  EXPECT_EQ(static_cast<std::optional<double>>(from_empty), std::nullopt);
  EXPECT_EQ(from_value, std::optional<double>{2.5});
  EXPECT_FALSE(from_value == std::optional<double>{});
}

TEST(OptionalDouble, ComparesEmptyEqualToEmptyOnly) {
  EXPECT_EQ(OptionalDouble{}, OptionalDouble{});
  EXPECT_FALSE(OptionalDouble{} == OptionalDouble{1.0});
  EXPECT_FALSE(OptionalDouble{1.0} == OptionalDouble{2.0});
  EXPECT_EQ(OptionalDouble{1.0}, OptionalDouble{1.0});
}

// Another "none": the smallest int, as OptionalInstant uses the earliest instant.
struct MinIsNone {
  static constexpr int value = std::numeric_limits<int>::min();
  static constexpr bool is(int v) noexcept { return v == value; }
};

TEST(CompactOptional, UsesTheGivenValueAsNone) {
  using OptionalInt = CompactOptional<int, MinIsNone>;
  static_assert(sizeof(OptionalInt) == sizeof(int));
  OptionalInt value;
  EXPECT_FALSE(value.has_value());
  value = 0;
  EXPECT_TRUE(value.has_value());
  value = std::numeric_limits<int>::min();
  EXPECT_FALSE(value.has_value());
}

}  // namespace
}  // namespace cairn
