#pragma once
/// \file
/// Check-ins: a short periodic note on life in each value's area and on the quality of the
/// runner's motivation.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/value.hpp"

namespace cairn {

/// How life is going in one value's area, 1-10, with an optional note.
struct LifeAreaRating {
  ValueId value{};
  int rating = 0;
  std::string note{};
  friend bool operator==(const LifeAreaRating&, const LifeAreaRating&) = default;
};

/// The motivation-quality statements a runner rates 1-5 (1 = not at all, 5 = completely).
/// They span the range from running for its own sake to running under outside pressure.
enum class MotivationItem : std::uint8_t { enjoyment, chosen, guilt, pressure };

inline constexpr std::array<MotivationItem, 4> motivation_items{
    MotivationItem::enjoyment, MotivationItem::chosen, MotivationItem::guilt,
    MotivationItem::pressure};

[[nodiscard]] std::string_view motivation_item_name(MotivationItem item);  ///< "enjoyment", ...
[[nodiscard]] MotivationItem parse_motivation_item(std::string_view name);
/// The statement shown to the runner, in our own words.
[[nodiscard]] std::string_view motivation_item_statement(MotivationItem item);

/// The runner's ratings of the motivation statements; each may be skipped.
struct MotivationQuality {
  std::optional<int> enjoyment{};
  std::optional<int> chosen{};
  std::optional<int> guilt{};
  std::optional<int> pressure{};
  [[nodiscard]] std::optional<int>& operator[](MotivationItem item);
  [[nodiscard]] const std::optional<int>& operator[](MotivationItem item) const;
  friend bool operator==(const MotivationQuality&, const MotivationQuality&) = default;
};

/// Running chosen and enjoyed minus running pushed by guilt or others, from -12 to +12
/// (weights 2, 1, -1, -2 on the centred ratings); nothing unless all four were answered.
[[nodiscard]] std::optional<double> self_direction_score(const MotivationQuality& quality);

/// A check-in, weekly by default.
struct CheckIn {
  CheckInId id{};
  LocalDate on{};
  Timestamp written_at{};
  std::vector<LifeAreaRating> areas{};
  MotivationQuality motivation{};
  std::string note{};
  friend bool operator==(const CheckIn&, const CheckIn&) = default;
};

/// Throws Error(invalid_input) when a rating is out of range or an area is not one of the
/// `active_values` or is rated twice.
void check_checkin(const CheckIn& checkin, std::span<const Value> active_values);

}  // namespace cairn
