#include "cairn/core/units.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/plausibility.hpp"

#include "text.hpp"

namespace cairn {
namespace {

// What a typed distance or duration may be: the plausibility table's limits.
constexpr double max_distance_m = RunLimits{}.farthest.meters();
constexpr double max_duration_s = RunLimits{}.longest.count();

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
  if (lower == "km" || lower == "metric" || lower == "kilometers" || lower == "kilometres") {
    return UnitSystem::metric;
  }
  if (lower == "mi" || lower == "miles" || lower == "imperial") return UnitSystem::imperial;
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
  const std::string unit = detail::to_lower(detail::trim(std::string_view(rest, end)));
  Distance distance;
  if (unit.empty()) {
    distance = default_units == UnitSystem::metric ? Distance::from_kilometers(number)
                                                   : Distance::from_miles(number);
  } else if (unit == "km" || unit == "k") {
    distance = Distance::from_kilometers(number);
  } else if (unit == "mi" || unit == "mile" || unit == "miles") {
    distance = Distance::from_miles(number);
  } else if (unit == "m") {
    distance = Distance::from_meters(number);
  } else {
    throw Error(Errc::invalid_input,
                fmt::format("unknown distance unit '{}' in '{}': expected km, mi or m", unit,
                            std::string(text)));
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

}  // namespace cairn
