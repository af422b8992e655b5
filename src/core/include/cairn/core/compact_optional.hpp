#pragma once
/// \file
/// Optional values in the space of the value itself. The points of a track are stored by
/// the hundred thousand, and std::optional<double> takes 16 bytes (the flag is padded to the
/// double's alignment): half of each point was padding, and building a point cost a
/// store-forwarding stall per field. A value that can never be real marks "none": NaN for a
/// measurement (a measurement that is not a number is no measurement), the earliest
/// representable instant for a time.

#include <limits>
#include <optional>
#include <stdexcept>

namespace cairn {

/// Behaves as std::optional<T> where the code uses it (has_value, *, value_or, reset,
/// comparison with nullopt and with other optionals, conversion both ways) in sizeof(T).
/// `None` gives the value that means none (`None::value`) and tells it (`None::is(v)`).
template <typename T, typename None>
class CompactOptional {
 public:
  using value_type = T;  // as std::optional's (gmock's Optional() matcher uses it)

  constexpr CompactOptional() noexcept = default;
  constexpr CompactOptional(std::nullopt_t) noexcept {}  // NOLINT(google-explicit-constructor)
  constexpr CompactOptional(T value) noexcept            // NOLINT(google-explicit-constructor)
      : value_(value) {}
  constexpr CompactOptional(const std::optional<T>& value) noexcept  // NOLINT
      : value_(value ? *value : None::value) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return !None::is(value_); }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  /// Like std::optional: only when has_value().
  [[nodiscard]] constexpr const T& operator*() const noexcept { return value_; }
  [[nodiscard]] constexpr T& operator*() noexcept { return value_; }
  [[nodiscard]] constexpr const T* operator->() const noexcept { return &value_; }
  [[nodiscard]] constexpr T value_or(T fallback) const noexcept {
    return has_value() ? value_ : fallback;
  }
  [[nodiscard]] constexpr const T& value() const {
    if (!has_value()) throw std::bad_optional_access();
    return value_;
  }
  constexpr void reset() noexcept { value_ = None::value; }

  constexpr operator std::optional<T>() const noexcept {  // NOLINT(google-explicit-constructor)
    return has_value() ? std::optional<T>(value_) : std::nullopt;
  }

  friend constexpr bool operator==(const CompactOptional& a, const CompactOptional& b) noexcept {
    return a.has_value() == b.has_value() && (!a.has_value() || a.value_ == b.value_);
  }
  friend constexpr bool operator==(const CompactOptional& a, std::nullopt_t) noexcept {
    return !a.has_value();
  }
  friend constexpr bool operator==(const CompactOptional& a, const T& b) noexcept {
    return a.has_value() && a.value_ == b;
  }
  friend constexpr bool operator==(const CompactOptional& a, const std::optional<T>& b) noexcept {
    return a == CompactOptional(b);
  }

 private:
  T value_ = None::value;
};

/// NaN is "none".
struct NanIsNone {
  static constexpr double value = std::numeric_limits<double>::quiet_NaN();
  static constexpr bool is(double v) noexcept {
    return v != v;
  }  // NOLINT(misc-redundant-expression)
};

/// An optional measurement in 8 bytes; assigning NaN leaves it empty.
using OptionalDouble = CompactOptional<double, NanIsNone>;
static_assert(sizeof(OptionalDouble) == sizeof(double));

}  // namespace cairn
