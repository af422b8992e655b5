#pragma once
/// \file
/// Physical quantities of running (distance, duration, pace) and how they are shown to a
/// runner who thinks in kilometres or in miles.

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

/// A length. Stored in metres; never negative in valid data.
class Distance {
 public:
  constexpr Distance() = default;
  [[nodiscard]] static constexpr Distance from_meters(double meters) { return Distance(meters); }
  [[nodiscard]] static constexpr Distance from_kilometers(double km) {
    return Distance(km * 1000.0);
  }
  [[nodiscard]] static constexpr Distance from_miles(double miles) {
    return Distance(miles * meters_per_mile);
  }
  [[nodiscard]] constexpr double meters() const { return meters_; }
  [[nodiscard]] constexpr double kilometers() const { return meters_ / 1000.0; }
  [[nodiscard]] constexpr double miles() const { return meters_ / meters_per_mile; }
  friend constexpr auto operator<=>(const Distance&, const Distance&) = default;

  static constexpr double meters_per_mile = 1609.344;

 private:
  constexpr explicit Distance(double meters) : meters_(meters) {}
  double meters_ = 0.0;
};

/// A span of time with sub-second resolution (devices record fractions of a second).
using Duration = std::chrono::duration<double>;

/// Time per distance. Stored as seconds per kilometre.
class Pace {
 public:
  [[nodiscard]] static constexpr Pace from_seconds_per_km(double s) { return Pace(s); }
  [[nodiscard]] constexpr double seconds_per_km() const { return seconds_per_km_; }
  [[nodiscard]] constexpr double seconds_per_mile() const {
    return seconds_per_km_ * Distance::meters_per_mile / 1000.0;
  }
  friend constexpr auto operator<=>(const Pace&, const Pace&) = default;

 private:
  constexpr explicit Pace(double s) : seconds_per_km_(s) {}
  double seconds_per_km_;
};

/// Average pace, or nothing when no distance was covered or no time passed
/// (never zero, never infinity).
[[nodiscard]] std::optional<Pace> pace_of(Distance distance, Duration time);

/// How a runner reads distances and paces. Chosen once, changeable any time.
enum class UnitSystem : std::uint8_t { metric, imperial };

/// "km" or "mi".
[[nodiscard]] std::string_view unit_system_name(UnitSystem units);
/// Parses "metric", "imperial", or a unit parse_distance reads for kilometres ("km",
/// "kilometres", ...) or miles ("mi", "miles", ...), in any case; throws Error(invalid_input)
/// otherwise.
[[nodiscard]] UnitSystem parse_unit_system(std::string_view text);

/// "10.03 km" or "6.23 mi".
[[nodiscard]] std::string format_distance(Distance distance, UnitSystem units);
/// "42:05" under an hour, "1:02:03" from an hour on; rounded to whole seconds.
[[nodiscard]] std::string format_duration(Duration duration);
/// "5:12 /km" or "8:22 /mi".
[[nodiscard]] std::string format_pace(Pace pace, UnitSystem units);

/// Parses a distance such as "10", "10.5km", "5000m", "6.2mi" or "13.1 mi". A bare number
/// is read in the runner's units. Units in any case: km, kms, k, kilometre(s), kilometer(s);
/// mi, mile(s); m, metre(s), meter(s). Throws Error(invalid_input) naming the text when it is
/// not a distance or is negative or absurd (over 1,000 km), and for a decimal comma ("10,5"),
/// whose message shows it written with a point ("10.5km").
[[nodiscard]] Distance parse_distance(std::string_view text, UnitSystem default_units);

/// Parses "42:10", "1:02:03", "45m", "52.5m", "3600s", "1h20m" or a bare whole number of
/// minutes. Throws Error(invalid_input) naming the text when it is not a duration, is zero or
/// negative, or is longer than 7 days, and for a bare decimal ("52.30": 52:30 on a stopwatch,
/// 52:18 on a calculator), whose message shows the forms that say which.
[[nodiscard]] Duration parse_duration(std::string_view text);

/// Parses a pace: a time as parse_duration reads it, per a distance unit, such as
/// "5:00/km", "5:00 /km", "8:03/mi", "4m50s/km", or a bare "5:00" per the runner's unit.
/// Throws Error(invalid_input) naming the text when it is not a pace (the time's own message
/// when the time is wrong, "per metre" refused as no runner's pace).
[[nodiscard]] Pace parse_pace(std::string_view text, UnitSystem default_units);

}  // namespace cairn
