#include "cairn/core/time.hpp"

#include <charconv>
#include <cstdlib>
#include <optional>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "text.hpp"

namespace cairn {
namespace {

// Reads exactly `width` digits at `pos`; returns nothing otherwise.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<LocalDate> try_parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = digits(text, 0, 4);
  const auto m = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  if (!y || !m || !d) return std::nullopt;
  return LocalDate{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                   std::chrono::day{static_cast<unsigned>(*d)}};
}

const date::time_zone* zone_or_throw(std::string_view zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    throw Error(Errc::invalid_input,
                fmt::format("unknown time zone '{}': expected an IANA name such as Europe/Berlin",
                            std::string(zone)));
  }
}

}  // namespace

LocalDate parse_date(std::string_view text) {
  const std::string_view trimmed = detail::trim(text);
  const auto date = try_parse_date(trimmed);
  if (!date) {
    throw Error(Errc::invalid_input,
                fmt::format("'{}' is not a date: expected YYYY-MM-DD", std::string(text)));
  }
  if (!date->ok()) {
    throw Error(Errc::invalid_input, fmt::format("impossible date '{}'", std::string(trimmed)));
  }
  return *date;
}

std::string format_date(LocalDate date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

void check_zone(std::string_view zone) { static_cast<void>(zone_or_throw(zone)); }

std::string current_zone_name() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    std::string_view name(tz);
    if (name.front() == ':') name.remove_prefix(1);
    try {
      return std::string(date::locate_zone(name)->name());
    } catch (const std::exception&) {
      // fall through to the system setting
    }
  }
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::exception&) {
    return "UTC";
  }
}

std::string zone_for_offset(Timestamp at, std::chrono::seconds offset, std::string_view home_zone) {
  const auto* home = zone_or_throw(home_zone);
  if (home->get_info(at).offset == offset) {
    return std::string(home_zone);
  }
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(offset);
  if (hours != offset || hours.count() < -12 || hours.count() > 14) return std::string(home_zone);
  if (hours.count() == 0) return "Etc/UTC";
  // POSIX signs: Etc/GMT+5 is five hours behind UTC.
  return fmt::format("Etc/GMT{:+d}", -hours.count());
}

std::string zone_display_name(std::string_view zone) {
  for (const std::string_view utc : {"Etc/UTC", "Etc/UCT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0",
                                     "Etc/GMT-0", "Etc/Greenwich", "Etc/Universal", "Etc/Zulu"}) {
    if (zone == utc) return "UTC";
  }
  constexpr std::string_view prefix = "Etc/GMT";
  if (!zone.starts_with(prefix) || zone.size() < prefix.size() + 2 ||
      zone.size() > prefix.size() + 3) {
    return std::string(zone);
  }
  const char sign = zone[prefix.size()];
  const auto hours = digits(zone, prefix.size() + 1, zone.size() - prefix.size() - 1);
  if ((sign != '+' && sign != '-') || !hours || *hours > 14) return std::string(zone);
  // POSIX signs: Etc/GMT-8 is UTC+8.
  return fmt::format("UTC{}{:02}:00", sign == '-' ? '+' : '-', *hours);
}

ZonedTime parse_local_time(std::string_view text, std::string_view zone) {
  const auto* tz = zone_or_throw(zone);
  const std::string_view trimmed = detail::trim(text);
  const auto malformed = [&] {
    return Error(
        Errc::invalid_input,
        fmt::format("'{}' is not a date and time: expected YYYY-MM-DDTHH:MM", std::string(text)));
  };
  const auto day = try_parse_date(trimmed.substr(0, 10));
  if (!day) throw malformed();
  if (!day->ok()) {
    throw Error(Errc::invalid_input,
                fmt::format("impossible date '{}'", std::string(trimmed.substr(0, 10))));
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::optional<int> offset_minutes;
  std::string_view rest = trimmed.substr(10);
  if (!rest.empty()) {
    if (rest.front() != 'T' && rest.front() != ' ') throw malformed();
    const auto h = digits(rest, 1, 2);
    const auto m = digits(rest, 4, 2);
    if (!h || !m || rest.size() < 6 || rest[3] != ':') throw malformed();
    hour = *h;
    minute = *m;
    rest.remove_prefix(6);
    if (!rest.empty() && rest.front() == ':') {
      const auto s = digits(rest, 1, 2);
      if (!s) throw malformed();
      second = *s;
      rest.remove_prefix(3);
    }
    if (rest == "Z") {
      offset_minutes = 0;
    } else if (!rest.empty()) {
      const auto oh = digits(rest, 1, 2);
      const auto om = digits(rest, 4, 2);
      if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' || !oh || !om) {
        throw malformed();
      }
      offset_minutes = (*oh * 60 + *om) * (rest[0] == '-' ? -1 : 1);
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw Error(Errc::invalid_input,
                  fmt::format("impossible time of day in '{}'", std::string(trimmed)));
    }
  }
  const auto clock =
      std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  const std::chrono::sys_days days{*day};
  if (offset_minutes) {
    const Timestamp utc{days.time_since_epoch() + clock - std::chrono::minutes{*offset_minutes}};
    return ZonedTime{utc, std::string(tz->name())};
  }
  const date::local_seconds local{days.time_since_epoch() + clock};
  const auto info = tz->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return ZonedTime{Timestamp{local.time_since_epoch() - info.first.offset},
                       std::string(tz->name())};
    case date::local_info::nonexistent:
      throw Error(Errc::invalid_input,
                  fmt::format("local time '{}' does not exist in {} (the clocks changed)",
                              std::string(trimmed), tz->name()));
  }
  throw malformed();
}

namespace {
date::local_seconds to_local(const ZonedTime& time) {
  return zone_or_throw(time.zone)->to_local(time.utc);
}
}  // namespace

std::string format_local(const ZonedTime& time, bool with_seconds) {
  const auto local = to_local(time);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> clock{local - day};
  std::string out =
      fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  clock.hours().count(), clock.minutes().count());
  if (with_seconds) out += fmt::format(":{:02}", clock.seconds().count());
  return out;
}

LocalDate local_date_of(const ZonedTime& time) {
  const auto local = to_local(time);
  const auto day = date::floor<date::days>(local);
  return LocalDate{std::chrono::sys_days{day.time_since_epoch()}};
}

int local_hour_of(const ZonedTime& time) {
  const auto local = to_local(time);
  const auto day = date::floor<date::days>(local);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(local - day).count());
}

Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

LocalDate today_in(std::string_view zone) {
  return local_date_of(ZonedTime{now(), std::string(zone)});
}

std::string format_utc(Timestamp instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const LocalDate ymd{day};
  const std::chrono::hh_mm_ss clock{instant - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(ymd), clock.hours().count(),
                     clock.minutes().count(), clock.seconds().count());
}

Timestamp parse_utc(std::string_view text) {
  if (text.size() != 20 || text.back() != 'Z') {
    throw Error(
        Errc::invalid_input,
        fmt::format("'{}' is not a UTC time: expected YYYY-MM-DDTHH:MM:SSZ", std::string(text)));
  }
  return parse_local_time(text, "UTC").utc;
}

}  // namespace cairn
