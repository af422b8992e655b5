#include "cairn/core/value.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "cairn/core/control_characters.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/rating.hpp"

#include "text.hpp"

namespace cairn {
namespace {

constexpr std::size_t max_name_length = 80;
constexpr std::size_t max_text_length = 4000;

void check_text(std::string_view what, const std::string& text, const Value& value,
                std::string_view field) {
  if (text.size() > max_text_length) {
    throw Error(Errc::invalid_input,
                fmt::format("{} of value '{}' is too long: {} characters, at most {}", what,
                            value.name, text.size(), max_text_length),
                std::string(field));
  }
}
}  // namespace

void check_value(const Value& value) {
  const std::string_view name = detail::trim(value.name);
  if (name.empty()) throw Error(Errc::invalid_input, "value name is empty", "name");
  if (name.size() != value.name.size()) {
    throw Error(Errc::invalid_input,
                fmt::format("value name '{}' has leading or trailing spaces", value.name), "name");
  }
  if (value.name.size() > max_name_length) {
    throw Error(Errc::invalid_input,
                fmt::format("value name '{}' is too long: at most {} characters", value.name,
                            max_name_length),
                "name");
  }
  if (value.name.find('\n') != std::string::npos) {
    throw Error(Errc::invalid_input, "value name spans several lines", "name");
  }
  // A control character (a NUL, an escape) in a name is never typed: it would cut or garble
  // every place the name is shown.
  if (has_control_character(value.name)) {
    throw Error(Errc::invalid_input, "value name holds a control character", "name");
  }
  check_rating(importance_scale, value.importance, fmt::format("importance of '{}'", value.name),
               "importance");
  check_text("description", value.description, value, "description");
  check_text("why", value.why, value, "why");
  check_text("link", value.link, value, "link");
  for (std::size_t i = 0; i < value.practices.size(); ++i) {
    const std::string& practice = value.practices[i];
    const std::string field = fmt::format("practices[{}]", i);
    if (detail::trim(practice).empty()) {
      throw Error(Errc::invalid_input, fmt::format("a practice of value '{}' is empty", value.name),
                  field);
    }
    if (practice.find('\n') != std::string::npos) {
      throw Error(
          Errc::invalid_input,
          fmt::format("practice '{}' of value '{}' spans several lines", practice, value.name),
          field);
    }
    check_text("a practice", practice, value, field);
  }
}

std::string_view value_change_name(ValueChangeKind kind) {
  switch (kind) {
    case ValueChangeKind::added:
      return "added";
    case ValueChangeKind::edited:
      return "edited";
    case ValueChangeKind::reworded:
      return "reworded";
    case ValueChangeKind::reranked:
      return "reranked";
    case ValueChangeKind::retired:
      return "retired";
    case ValueChangeKind::restored:
      return "restored";
  }
  return "edited";
}

ValueChangeKind parse_value_change(std::string_view name) {
  for (const auto kind :
       {ValueChangeKind::added, ValueChangeKind::edited, ValueChangeKind::reworded,
        ValueChangeKind::reranked, ValueChangeKind::retired, ValueChangeKind::restored}) {
    if (value_change_name(kind) == name) return kind;
  }
  throw Error(Errc::invalid_input, fmt::format("unknown value change '{}'", std::string(name)));
}

std::vector<Value> value_set_at(std::span<const ValueEvent> history, LocalDate on) {
  // Latest event per value effective by `on`; among events on the same day the one recorded
  // last wins (ids grow with recording order).
  std::map<std::int64_t, const ValueEvent*> latest;
  for (const auto& event : history) {
    if (event.effective_on > on) continue;
    auto& slot = latest[event.after.id.value];
    if (slot == nullptr ||
        std::tie(event.effective_on, event.id) > std::tie(slot->effective_on, slot->id)) {
      slot = &event;
    }
  }
  std::vector<Value> in_force;
  for (const auto& [id, event] : latest) {
    if (event->after.active) in_force.push_back(event->after);
  }
  std::sort(in_force.begin(), in_force.end(), [](const Value& a, const Value& b) {
    return std::tie(b.importance, a.name) < std::tie(a.importance, b.name);
  });
  return in_force;
}

ValueChangeKind classify_change(const Value& before, const Value& after) {
  if (before.active && !after.active) return ValueChangeKind::retired;
  if (!before.active && after.active) return ValueChangeKind::restored;
  Value with_old_rank = after;
  with_old_rank.importance = before.importance;
  if (with_old_rank == before) return ValueChangeKind::reranked;
  if (after.importance == before.importance && after.practices == before.practices) {
    return ValueChangeKind::reworded;
  }
  return ValueChangeKind::edited;
}

std::string value_key(const Value& value) {
  if (value.catalogue_key) return *value.catalogue_key;
  std::string key = detail::to_lower(detail::trim(value.name));
  std::replace(key.begin(), key.end(), ' ', '_');
  return key;
}

std::optional<Value> clashing_value(std::span<const Value> held, const Value& value) {
  const std::string name = detail::to_lower(value.name);
  const std::string key = value_key(value);
  for (const auto& existing : held) {
    if (!existing.active) continue;
    if (detail::to_lower(existing.name) == name || value_key(existing) == key) return existing;
  }
  return std::nullopt;
}

std::optional<Value> find_value_by_reference(std::span<const Value> values,
                                             std::string_view reference) {
  const std::string wanted = detail::to_lower(detail::trim(reference));
  // A number is an id first: every value has one, while a value named "1" is rare, and an
  // id that a name could hide would leave that value unreachable by its id.
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), id);
  if (ec == std::errc{} && ptr == wanted.data() + wanted.size()) {
    for (const auto& value : values) {
      if (value.id.value == id) return value;
    }
  }
  for (const auto& value : values) {
    if (detail::to_lower(value.name) == wanted) return value;
  }
  for (const auto& value : values) {
    if (detail::to_lower(value_key(value)) == wanted) return value;
  }
  return std::nullopt;
}

}  // namespace cairn
