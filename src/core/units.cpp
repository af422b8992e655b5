#include "cairn/core/units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/plausibility.hpp"

#include "text.hpp"

namespace cairn {
namespace {

// What a typed distance or duration may be: the plausibility table's limits.
constexpr double max_distance_m = RunLimits{}.farthest.meters();
constexpr double max_duration_s = RunLimits{}.longest.count();

enum class DistanceUnit : std::uint8_t { meter, kilometer, mile };

// Every spelling of a distance unit a runner types (compared in lower case), in one place:
// distances ("10kms", "6 miles") and the choice of units ("settings units kilometres") read
// the same words.
constexpr std::array<std::pair<std::string_view, DistanceUnit>, 15> unit_spellings{{
    {"km", DistanceUnit::kilometer},
    {"kms", DistanceUnit::kilometer},
    {"k", DistanceUnit::kilometer},
    {"kilometer", DistanceUnit::kilometer},
    {"kilometers", DistanceUnit::kilometer},
    {"kilometre", DistanceUnit::kilometer},
    {"kilometres", DistanceUnit::kilometer},
    {"mi", DistanceUnit::mile},
    {"mile", DistanceUnit::mile},
    {"miles", DistanceUnit::mile},
    {"m", DistanceUnit::meter},
    {"meter", DistanceUnit::meter},
    {"meters", DistanceUnit::meter},
    {"metre", DistanceUnit::meter},
    {"metres", DistanceUnit::meter},
}};

std::optional<DistanceUnit> distance_unit(std::string_view text) {
  const std::string lower = detail::to_lower(detail::trim(text));
  for (const auto& [spelling, unit] : unit_spellings) {
    if (spelling == lower) return unit;
  }
  return std::nullopt;
}

// "10,5" typed for 10.5 (a decimal comma, as much of Europe writes it) is refused, not
// guessed: "10,500" could as well be ten thousand five hundred. The message shows the forms
// that say which.
void refuse_decimal_comma(std::string_view text, std::string_view number, std::string_view rest,
                          UnitSystem default_units) {
  if (rest.empty() || rest.front() != ',') return;
  std::size_t digits = 1;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])) != 0) {
    ++digits;
  }
  const std::string_view fraction = rest.substr(1, digits - 1);
  const std::string_view typed_unit = detail::trim(rest.substr(digits));
  if (fraction.empty() || (!typed_unit.empty() && !distance_unit(typed_unit))) return;
  const std::string_view unit = typed_unit.empty() ? unit_system_name(default_units) : typed_unit;
  const std::string decimal = fmt::format("{}.{}{}", number, fraction, unit);
  if (fraction.size() == 3) {
    throw Error(Errc::invalid_input,
                fmt::format("'{}' has a comma: write {} for a decimal, or {}{}{} if the comma "
                            "separates thousands",
                            std::string(text), decimal, number, fraction, unit));
  }
  throw Error(Errc::invalid_input,
              fmt::format("'{}' has a decimal comma: write it with a point, {}", std::string(text),
                          decimal));
}

}  // namespace

std::optional<Pace> pace_of(Distance distance, Duration time) {
  if (distance.meters() <= 0.0 || time.count() <= 0.0) return std::nullopt;
  return Pace::from_seconds_per_km(time.count() / distance.kilometers());
}

std::string_view unit_system_name(UnitSystem units) {
  switch (units) {
    case UnitSystem::metric:
      return "km";
    case UnitSystem::imperial:
      return "mi";
  }
  return "km";
}

UnitSystem parse_unit_system(std::string_view text) {
  const std::string lower = detail::to_lower(detail::trim(text));
  const auto unit = distance_unit(lower);
  if (lower == "metric" || unit == DistanceUnit::kilometer) return UnitSystem::metric;
  if (lower == "imperial" || unit == DistanceUnit::mile) return UnitSystem::imperial;
  throw Error(Errc::invalid_input,
              fmt::format("unknown units '{}': expected km or mi", std::string(text)));
}

std::string format_distance(Distance distance, UnitSystem units) {
  switch (units) {
    case UnitSystem::metric:
      return fmt::format("{:.2f} km", distance.kilometers());
    case UnitSystem::imperial:
      return fmt::format("{:.2f} mi", distance.miles());
  }
  return {};
}

std::string format_duration(Duration duration) {
  const auto total = static_cast<long long>(std::llround(duration.count()));
  const long long hours = total / 3600;
  const long long minutes = (total % 3600) / 60;
  const long long seconds = total % 60;
  if (hours > 0) return fmt::format("{}:{:02}:{:02}", hours, minutes, seconds);
  return fmt::format("{}:{:02}", minutes, seconds);
}

std::string format_pace(Pace pace, UnitSystem units) {
  const double per_unit =
      units == UnitSystem::metric ? pace.seconds_per_km() : pace.seconds_per_mile();
  const auto total = static_cast<long long>(std::llround(per_unit));
  return fmt::format("{}:{:02} /{}", total / 60, total % 60, unit_system_name(units));
}

Distance parse_distance(std::string_view text, UnitSystem default_units) {
  const std::string_view trimmed = detail::trim(text);
  double number = 0.0;
  const char* const begin = trimmed.data();
  const char* const end = begin + trimmed.size();
  const auto [rest, ec] = std::from_chars(begin, end, number);
  if (ec != std::errc{} || !std::isfinite(number)) {
    throw Error(Errc::invalid_input,
                fmt::format("'{}' is not a distance: expected e.g. 10km, 6.2mi or 5000m",
                            std::string(text)));
  }
  const std::string_view after(rest, static_cast<std::size_t>(end - rest));
  refuse_decimal_comma(text, std::string_view(begin, static_cast<std::size_t>(rest - begin)), after,
                       default_units);
  const std::string_view unit = detail::trim(after);
  Distance distance;
  if (unit.empty()) {
    distance = default_units == UnitSystem::metric ? Distance::from_kilometers(number)
                                                   : Distance::from_miles(number);
  } else if (const auto known = distance_unit(unit)) {
    switch (*known) {
      case DistanceUnit::kilometer:
        distance = Distance::from_kilometers(number);
        break;
      case DistanceUnit::mile:
        distance = Distance::from_miles(number);
        break;
      case DistanceUnit::meter:
        distance = Distance::from_meters(number);
        break;
    }
  } else {
    throw Error(Errc::invalid_input,
                fmt::format("unknown distance unit '{}' in '{}': expected km, mi or m",
                            std::string(unit), std::string(text)));
  }
  if (distance.meters() < 0.0 || distance.meters() > max_distance_m) {
    throw Error(
        Errc::invalid_input,
        fmt::format("distance '{}' is out of range: expected 0 to 1000 km", std::string(text)));
  }
  return distance;
}

namespace {

// Reads "H:MM:SS" or "M:SS"; returns nothing when the text is not in that shape.
std::optional<double> parse_clock(std::string_view text) {
  double total = 0.0;
  int parts = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t colon = text.find(':', start);
    const std::string_view part = text.substr(
        start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc{} || ptr != part.data() + part.size() || value < 0) {
      return std::nullopt;
    }
    if (parts > 0 && value >= 60.0) return std::nullopt;
    total = total * 60.0 + value;
    ++parts;
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts < 2 || parts > 3) return std::nullopt;
  return total;
}

// Reads "1h20m", "45m", "90s", "1h"; returns nothing when the text is not in that shape.
std::optional<double> parse_units_duration(std::string_view text) {
  double total = 0.0;
  const char* p = text.data();
  const char* const end = p + text.size();
  bool any = false;
  while (p < end) {
    double value = 0.0;
    const auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc{} || next == end || value < 0) return std::nullopt;
    switch (std::tolower(static_cast<unsigned char>(*next))) {
      case 'h':
        total += value * 3600.0;
        break;
      case 'm':
        total += value * 60.0;
        break;
      case 's':
        total += value;
        break;
      default:
        return std::nullopt;
    }
    p = next + 1;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace

Duration parse_duration(std::string_view text) {
  const std::string_view trimmed = detail::trim(text);
  std::optional<double> seconds;
  if (trimmed.find(':') != std::string_view::npos) {
    seconds = parse_clock(trimmed);
  } else {
    double minutes = 0.0;
    const auto [ptr, ec] =
        std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), minutes);
    if (!trimmed.empty() && ec == std::errc{} && ptr == trimmed.data() + trimmed.size()) {
      // "52.30" is what a stopwatch shows for 52:30, and what a calculator shows for 52.3
      // minutes (52:18): a runner means one, a reader cannot tell which.
      if (trimmed.find('.') != std::string_view::npos) {
        throw Error(Errc::invalid_input,
                    fmt::format("'{}' is ambiguous: write minutes and seconds with a colon "
                                "(52:30, 1:02:03) or with units (52m30s, 52.5m)",
                                std::string(text)));
      }
      seconds = minutes * 60.0;
    } else {
      seconds = parse_units_duration(trimmed);
    }
  }
  // "52,30": a comma where a stopwatch shows a colon, or a decimal comma; either way the
  // runner gets the forms that say which.
  if (!seconds && trimmed.find(',') != std::string_view::npos) {
    throw Error(Errc::invalid_input,
                fmt::format("'{}' has a comma: write minutes and seconds with a colon (52:30, "
                            "1:02:03) or with units (52m30s, 52.5m)",
                            std::string(text)));
  }
  if (!seconds || !std::isfinite(*seconds)) {
    throw Error(Errc::invalid_input,
                fmt::format("'{}' is not a duration: expected e.g. 42:10, 1:02:03 or 45m",
                            std::string(text)));
  }
  if (*seconds <= 0.0 || *seconds > max_duration_s) {
    throw Error(
        Errc::invalid_input,
        fmt::format("duration '{}' is out of range: expected more than 0 and at most 7 days",
                    std::string(text)));
  }
  return Duration(*seconds);
}

Pace parse_pace(std::string_view text, UnitSystem default_units) {
  const std::string_view trimmed = detail::trim(text);
  const std::size_t slash = trimmed.find('/');
  const std::string_view time = detail::trim(trimmed.substr(0, slash));
  std::optional<DistanceUnit> unit =
      default_units == UnitSystem::metric ? DistanceUnit::kilometer : DistanceUnit::mile;
  if (slash != std::string_view::npos) unit = distance_unit(trimmed.substr(slash + 1));
  if (time.empty() || !unit || *unit == DistanceUnit::meter) {
    throw Error(
        Errc::invalid_input,
        fmt::format("'{}' is not a pace: expected e.g. 5:00/km or 8:03/mi", std::string(text)));
  }
  const Duration per_unit = parse_duration(time);
  const double seconds_per_km = *unit == DistanceUnit::kilometer
                                    ? per_unit.count()
                                    : per_unit.count() * 1000.0 / Distance::meters_per_mile;
  return Pace::from_seconds_per_km(seconds_per_km);
}

}  // namespace cairn
