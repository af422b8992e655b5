// The runs as CSV for spreadsheets: one row per run, its journal entry's key answers beside.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "cairn/exchange/exchange.hpp"

#include "presentation.hpp"

namespace cairn::exchange {
namespace {

// A cell a spreadsheet would read as a number: an optional minus, digits, an optional
// fraction. Such cells are left as they are, so a negative number stays a number.
bool is_plain_number(std::string_view field) {
  std::size_t i = field.starts_with('-') ? 1 : 0;
  std::size_t digits = 0;
  bool point = false;
  for (; i < field.size(); ++i) {
    if (field[i] >= '0' && field[i] <= '9') {
      ++digits;
    } else if (field[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits > 0;
}

void append_field(std::string& out, std::string_view field) { out += csv_field(field); }

void append_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_field(out, fields[i]);
  }
  out += "\r\n";
}

template <class T, class Format>
std::string cell(const std::optional<T>& value, Format format) {
  return value ? format(*value) : std::string();
}

std::string integer_cell(const std::optional<int>& value) {
  return cell(value, [](int v) { return fmt::format("{}", v); });
}

// The shortest text that reads back as the same number: no noise digits, no lost ones.
std::string number_cell(const std::optional<double>& value) {
  return cell(value, [](double v) { return fmt::format("{}", v); });
}

std::optional<double> seconds_of(const std::optional<Duration>& duration) {
  if (!duration) return std::nullopt;
  return duration->count();
}

}  // namespace

std::string csv_field(std::string_view text) {
  // OWASP's rule against formula injection: a cell that a spreadsheet would evaluate (it
  // begins with = + - @, a tab or a CR) gets a leading single quote, which makes it text.
  const bool formula = !text.empty() &&
                       std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
                       !is_plain_number(text);
  if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  // RFC 4180: the cell is quoted and its quotes doubled.
  std::string out;
  out.reserve(text.size() + 4);
  out += '"';
  if (formula) out += '\'';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string export_runs_csv(const JournalData& data, UnitSystem units) {
  const std::string_view unit = unit_system_name(units);
  std::string out;
  append_row(out, {"id", "start_local", "zone", "sport", fmt::format("distance_{}", unit),
                   "elapsed_s", "moving_s", fmt::format("pace_per_{}", unit), "elevation_gain_m",
                   "avg_heart_rate_bpm", "max_heart_rate_bpm", "title", "route_name", "notes",
                   "enjoyment", "mood_before", "mood_after", "effort"});

  std::vector<const Run*> runs;
  runs.reserve(data.runs.size());
  for (const auto& run : data.runs) runs.push_back(&run);
  std::stable_sort(runs.begin(), runs.end(), [](const Run* a, const Run* b) {
    return std::tie(a->start.utc, a->id) < std::tie(b->start.utc, b->id);
  });

  const auto entries = detail::entries_by_run(data.entries);
  for (const Run* run : runs) {
    const auto found = entries.find(run->id);
    const JournalEntry* entry = found == entries.end() ? nullptr : found->second;
    const auto from_entry = [&](auto member) {
      return entry == nullptr ? std::string() : integer_cell(member(*entry));
    };
    append_row(out, {fmt::format("{}", run->id.value), detail::local_or_utc(run->start),
                     run->start.zone, std::string(sport_name(run->sport)),
                     cell(run->distance,
                          [&](Distance d) {
                            return fmt::format(
                                "{:.3f}", units == UnitSystem::metric ? d.kilometers() : d.miles());
                          }),
                     number_cell(seconds_of(run->elapsed)), number_cell(seconds_of(run->moving)),
                     detail::run_pace_text(*run, units).value_or(""),
                     number_cell(run->elevation_gain ? std::optional(run->elevation_gain->meters())
                                                     : std::nullopt),
                     integer_cell(run->avg_heart_rate_bpm), integer_cell(run->max_heart_rate_bpm),
                     run->title, run->route_name, run->notes,
                     from_entry([](const JournalEntry& e) { return e.enjoyment; }),
                     from_entry([](const JournalEntry& e) { return e.before.mood; }),
                     from_entry([](const JournalEntry& e) { return e.after.mood; }),
                     from_entry([](const JournalEntry& e) { return e.effort; })});
  }
  return out;
}

}  // namespace cairn::exchange
