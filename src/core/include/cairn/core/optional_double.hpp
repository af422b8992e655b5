#pragma once
/// \file
/// An optional measurement in the space of a double. The points of a track are stored by
/// the hundred thousand, and std::optional<double> takes 16 bytes (the flag is padded to
/// the double's alignment): half of each point was padding. A NaN marks "no value", which
/// costs nothing since a measurement that is not a number is no measurement.

#include <limits>
#include <optional>

namespace cairn {

/// Behaves as std::optional<double> where the code uses it (has_value, *, value_or, reset,
/// comparison with nullopt and with other optionals, conversion both ways) in 8 bytes.
/// Assigning NaN leaves it empty.
class OptionalDouble {
 public:
  using value_type = double;  // as std::optional's (gmock's Optional() matcher uses it)

  constexpr OptionalDouble() noexcept = default;
  constexpr OptionalDouble(std::nullopt_t) noexcept {}  // NOLINT(google-explicit-constructor)
  constexpr OptionalDouble(double value) noexcept
      : value_(value) {}  // NOLINT(google-explicit-constructor)
  constexpr OptionalDouble(
      const std::optional<double>& value) noexcept  // NOLINT(google-explicit-constructor)
      : value_(value ? *value : none) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return value_ == value_; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  /// Like std::optional: only when has_value().
  [[nodiscard]] constexpr double operator*() const noexcept { return value_; }
  [[nodiscard]] constexpr double& operator*() noexcept { return value_; }
  [[nodiscard]] constexpr double value_or(double fallback) const noexcept {
    return has_value() ? value_ : fallback;
  }
  [[nodiscard]] double value() const {
    if (!has_value()) throw std::bad_optional_access();
    return value_;
  }
  constexpr void reset() noexcept { value_ = none; }

  constexpr operator std::optional<double>()
      const noexcept {  // NOLINT(google-explicit-constructor)
    return has_value() ? std::optional<double>(value_) : std::nullopt;
  }

  friend constexpr bool operator==(const OptionalDouble& a, const OptionalDouble& b) noexcept {
    return a.has_value() == b.has_value() && (!a.has_value() || a.value_ == b.value_);
  }
  friend constexpr bool operator==(const OptionalDouble& a, std::nullopt_t) noexcept {
    return !a.has_value();
  }
  friend constexpr bool operator==(const OptionalDouble& a, double b) noexcept {
    return a.has_value() && a.value_ == b;
  }
  friend constexpr bool operator==(const OptionalDouble& a,
                                   const std::optional<double>& b) noexcept {
    return a == OptionalDouble(b);
  }

 private:
  static constexpr double none = std::numeric_limits<double>::quiet_NaN();
  double value_ = none;
};

static_assert(sizeof(OptionalDouble) == sizeof(double));

}  // namespace cairn
