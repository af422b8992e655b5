#pragma once
/// \file
/// Reviews: a re-evaluation of the values that ends in recorded changes to the value set.

#include <string>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"

namespace cairn {

/// One review. The changes it made are the value events that name it.
struct Review {
  ReviewId id{};
  LocalDate on{};
  Timestamp written_at{};
  std::string trigger{};  ///< what prompted it: "my own", an insight's words, "new job", ...
  std::string notes{};    ///< the runner's reflection
  friend bool operator==(const Review&, const Review&) = default;
};

}  // namespace cairn
