#pragma once
/// \file
/// Instants, calendar dates and local times in a runner's time zone (IANA names, resolved
/// through the system's tz database).

#include <chrono>
#include <string>
#include <string_view>

namespace cairn {

/// An instant, to the second, in UTC.
using Timestamp = std::chrono::sys_seconds;

/// A calendar date with no time of day (the date a value change takes effect, a check-in).
using LocalDate = std::chrono::year_month_day;

/// An instant together with the time zone it was lived in, so "07:30 in Berlin" stays
/// 07:30 when shown later from another zone.
struct ZonedTime {
  Timestamp utc{};
  std::string zone = "UTC";  ///< IANA name, e.g. "Europe/Berlin"
  friend bool operator==(const ZonedTime&, const ZonedTime&) = default;
};

/// Parses "YYYY-MM-DD". Throws Error(invalid_input) for another shape or an impossible date
/// such as 2025-02-30.
[[nodiscard]] LocalDate parse_date(std::string_view text);
/// "YYYY-MM-DD".
[[nodiscard]] std::string format_date(LocalDate date);

/// Throws Error(invalid_input) when the name is not a time zone of the tz database.
void check_zone(std::string_view zone);
/// The machine's time zone (TZ or /etc/localtime), or "UTC" when it cannot be told.
[[nodiscard]] std::string current_zone_name();

/// The zone to show a time recorded at `offset` from UTC: `home_zone` when its offset at that
/// instant is the same, else the tz database's fixed-offset zone for it ("Etc/GMT+5" is
/// UTC-5: POSIX signs), else (a half-hour offset, which has no such zone) `home_zone`.
[[nodiscard]] std::string zone_for_offset(Timestamp at, std::chrono::seconds offset,
                                          std::string_view home_zone);

/// A zone's name as a person reads it: a fixed-offset zone of the tz database, whose POSIX
/// sign reads backwards ("Etc/GMT-8" is eight hours ahead of UTC), becomes "UTC+08:00"
/// ("Etc/GMT+5" is "UTC-05:00", "Etc/UTC" and "Etc/GMT" are "UTC"); every other name is
/// returned unchanged. For showing only: stored times and the JSON export keep the name.
[[nodiscard]] std::string zone_display_name(std::string_view zone);

/// Parses a local date and time ("2025-03-01T07:30", "2025-03-01 07:30:15", or a date
/// alone meaning midnight) in the given zone. A trailing "Z" or "+01:00" offset makes it an
/// instant, then shown in the zone. Throws Error(invalid_input) for malformed text, an
/// unknown zone, or a local time that does not exist there (skipped by a clock change).
/// A time that happens twice (clocks going back) is read as the first.
[[nodiscard]] ZonedTime parse_local_time(std::string_view text, std::string_view zone);

/// Local wall-clock time in the instant's own zone, by default "YYYY-MM-DD HH:MM".
[[nodiscard]] std::string format_local(const ZonedTime& time, bool with_seconds = false);
/// The calendar date of the instant in its own zone.
[[nodiscard]] LocalDate local_date_of(const ZonedTime& time);
/// The hour of day (0-23) of the instant in its own zone.
[[nodiscard]] int local_hour_of(const ZonedTime& time);
/// Today's date in the given zone.
[[nodiscard]] LocalDate today_in(std::string_view zone);
/// The current instant, to the second.
[[nodiscard]] Timestamp now();

/// "2025-03-01T06:30:00Z".
[[nodiscard]] std::string format_utc(Timestamp instant);
/// Parses the format_utc form; throws Error(invalid_input) otherwise.
[[nodiscard]] Timestamp parse_utc(std::string_view text);

}  // namespace cairn
