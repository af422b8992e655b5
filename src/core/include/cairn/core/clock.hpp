#pragma once
/// \file
/// Where the application reads the current time. Use cases ask a Clock, never the system
/// directly, so tests, the demo journal and insights "as of a date" can set the time.

#include <optional>

#include "cairn/core/time.hpp"

namespace cairn {

/// The system's time, or one fixed instant. A small value: copy it freely.
class Clock {
 public:
  /// The system's clock, to the second.
  [[nodiscard]] static Clock system() { return Clock{}; }
  /// A clock that always reads `at`.
  [[nodiscard]] static Clock fixed(Timestamp at) { return Clock{at}; }

  [[nodiscard]] Timestamp now() const { return fixed_ ? *fixed_ : cairn::now(); }
  /// Whether this clock was set, rather than reading the system's time.
  [[nodiscard]] bool is_fixed() const noexcept { return fixed_.has_value(); }

 private:
  Clock() = default;
  explicit Clock(Timestamp at) : fixed_(at) {}

  std::optional<Timestamp> fixed_;
};

}  // namespace cairn
