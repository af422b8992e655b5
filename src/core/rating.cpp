#include "cairn/core/rating.hpp"

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn {

void check_rating(const RatingScale& scale, int rating, std::string_view where,
                  std::string_view field) {
  if (rating >= scale.min && rating <= scale.max) return;
  throw Error(Errc::invalid_input,
              fmt::format("{} {} is out of range: expected {} to {}",
                          where.empty() ? scale.name : where, rating, scale.min, scale.max),
              std::string(field));
}

void check_rating(const RatingScale& scale, const std::optional<int>& rating,
                  std::string_view where, std::string_view field) {
  if (rating) check_rating(scale, *rating, where, field);
}

}  // namespace cairn
