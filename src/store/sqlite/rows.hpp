#pragma once
// Binding optional and typed values to statements and reading them back from columns.

#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "cairn/core/error.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/units.hpp"

namespace cairn::store::sqlite {

inline void bind_optional(SQLite::Statement& statement, int index,
                          const std::optional<int>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

inline void bind_optional(SQLite::Statement& statement, int index,
                          const std::optional<double>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

inline void bind_optional(SQLite::Statement& statement, int index,
                          const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

inline void bind_optional(SQLite::Statement& statement, int index,
                          const std::optional<Distance>& value) {
  bind_optional(statement, index,
                value ? std::optional<double>(value->meters()) : std::optional<double>());
}

inline void bind_optional(SQLite::Statement& statement, int index,
                          const std::optional<Duration>& value) {
  bind_optional(statement, index,
                value ? std::optional<double>(value->count()) : std::optional<double>());
}

/// Binds an id, or NULL for a new row (id 0) so SQLite assigns the next one.
template <class Tag>
void bind_id(SQLite::Statement& statement, int index, Id<Tag> id) {
  if (id.value == 0) {
    statement.bind(index);
  } else {
    statement.bind(index, id.value);
  }
}

inline std::optional<int> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt();
}

inline std::optional<std::int64_t> optional_int64(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

inline std::optional<double> optional_double(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getDouble();
}

inline std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

inline std::optional<Distance> optional_distance(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return Distance::from_meters(column.getDouble());
}

inline std::optional<Duration> optional_duration(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return Duration(column.getDouble());
}

inline Timestamp timestamp_of(const SQLite::Column& column) {
  return Timestamp{std::chrono::seconds{column.getInt64()}};
}

inline std::int64_t seconds_of(Timestamp instant) { return instant.time_since_epoch().count(); }

/// Practices are stored one per line. core's check_value, which the use cases run, forbids
/// what would not read back the same (a line break, an empty practice); the store refuses
/// it too rather than store something else than it was given.
inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (line.empty() || line.find('\n') != std::string::npos) {
      throw Error(Errc::invalid_input, "a practice must be one non-empty line", "practices");
    }
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace cairn::store::sqlite
