#include "cairn/core/checkin.hpp"

#include <algorithm>

#include "cairn/core/rating.hpp"

#include "enum_names.hpp"

namespace cairn {
namespace {

constexpr detail::NameTable<MotivationItem, 4> item_names{{
    {MotivationItem::enjoyment, "enjoyment"},
    {MotivationItem::chosen, "chosen"},
    {MotivationItem::guilt, "guilt"},
    {MotivationItem::pressure, "pressure"},
}};

}  // namespace

std::string_view motivation_item_name(MotivationItem item) {
  return detail::name_in(item_names, item);
}

MotivationItem parse_motivation_item(std::string_view name) {
  return detail::parse_in(item_names, name, "motivation item");
}

std::string_view motivation_item_statement(MotivationItem item) {
  switch (item) {
    case MotivationItem::enjoyment:
      return "This week I ran because I like running itself";
    case MotivationItem::chosen:
      return "This week my running felt like my own choice, in line with what I care about";
    case MotivationItem::guilt:
      return "This week I ran mainly to avoid feeling guilty or bad about myself";
    case MotivationItem::pressure:
      return "This week I ran mainly because others expect it, or for recognition";
  }
  return "";
}

std::optional<int>& MotivationQuality::operator[](MotivationItem item) {
  switch (item) {
    case MotivationItem::enjoyment:
      return enjoyment;
    case MotivationItem::chosen:
      return chosen;
    case MotivationItem::guilt:
      return guilt;
    case MotivationItem::pressure:
      return pressure;
  }
  return enjoyment;
}

const std::optional<int>& MotivationQuality::operator[](MotivationItem item) const {
  return const_cast<MotivationQuality&>(*this)[item];  // NOLINT: same lookup, read-only use
}

std::optional<double> self_direction_score(const MotivationQuality& quality) {
  if (!quality.enjoyment || !quality.chosen || !quality.guilt || !quality.pressure) {
    return std::nullopt;
  }
  const auto centred = [](int rating) { return static_cast<double>(rating) - 3.0; };
  return 2.0 * centred(*quality.enjoyment) + centred(*quality.chosen) - centred(*quality.guilt) -
         2.0 * centred(*quality.pressure);
}

void check_checkin(const CheckIn& checkin, std::span<const Value> active_values) {
  for (const auto item : motivation_items) {
    check_rating(motivation_item_scale, checkin.motivation[item],
                 fmt::format("motivation rating '{}'", motivation_item_name(item)),
                 fmt::format("motivation.{}", motivation_item_name(item)));
  }
  for (std::size_t i = 0; i < checkin.areas.size(); ++i) {
    const auto& area = checkin.areas[i];
    const auto value = std::find_if(active_values.begin(), active_values.end(),
                                    [&](const Value& v) { return v.id == area.value; });
    if (value == active_values.end()) {
      throw Error(Errc::invalid_input,
                  fmt::format("value #{} is not active on {}: a check-in rates active values only",
                              area.value.value, format_date(checkin.on)),
                  fmt::format("areas[{}].value_id", i));
    }
    check_rating(life_area_scale, area.rating, fmt::format("life area rating of '{}'", value->name),
                 fmt::format("areas[{}].rating", i));
    for (std::size_t j = 0; j < i; ++j) {
      if (checkin.areas[j].value == area.value) {
        throw Error(Errc::invalid_input, fmt::format("life area '{}' is rated twice", value->name),
                    fmt::format("areas[{}].value_id", i));
      }
    }
  }
}

}  // namespace cairn
