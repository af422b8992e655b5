#pragma once
/// \file
/// A runner's values, the history of every change to them, and the starting catalogue.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"

namespace cairn {

/// Something that matters to the runner, and how running can serve it.
struct Value {
  ValueId id{};
  std::string name{};                          ///< short, unique among the runner's values
  std::string description{};                   ///< the runner's own words
  std::string why{};                           ///< why it matters to them
  std::string link{};                          ///< how running serves it
  std::vector<std::string> practices{};        ///< concrete run ideas that express it
  int importance = 5;                          ///< 1-10
  bool active = true;                          ///< false once retired
  std::optional<std::string> catalogue_key{};  ///< set when taken from the catalogue
  friend bool operator==(const Value&, const Value&) = default;
};

/// Throws Error(invalid_input) naming the field when the value cannot be stored: an empty or
/// over-long name, importance outside 1-10, a practice that is empty or spans lines.
void check_value(const Value& value);

/// What a change to a value did.
enum class ValueChangeKind : std::uint8_t { added, edited, reworded, reranked, retired, restored };

[[nodiscard]] std::string_view value_change_name(ValueChangeKind kind);
/// Throws Error(invalid_input) for an unknown name.
[[nodiscard]] ValueChangeKind parse_value_change(std::string_view name);

/// When and why a change was made, as the runner tells it.
struct ValueChangeNote {
  LocalDate effective_on{};          ///< the day the change takes effect (may be in the past)
  std::string reason{};              ///< the runner's reason, may be empty
  std::optional<ReviewId> review{};  ///< the review that made the change, if any
};

/// One change in the history of a value, with the value's full state after it.
struct ValueEvent {
  ValueEventId id{};
  ValueChangeKind kind = ValueChangeKind::added;
  LocalDate effective_on{};
  Timestamp recorded_at{};
  std::string reason{};
  std::optional<ReviewId> review{};
  Value after{};  ///< the value as it stood once the change was made
  friend bool operator==(const ValueEvent&, const ValueEvent&) = default;
};

/// The values in force on a date, reconstructed from their history: for each value the
/// latest change effective on or before `on` (ties broken by the order recorded), kept when
/// the value was then active. Sorted by importance (highest first), then name.
[[nodiscard]] std::vector<Value> value_set_at(std::span<const ValueEvent> history, LocalDate on);

/// Classifies an edit of `before` into `after` as the history records it: a change of
/// importance alone is a re-rank, a change of words alone a rewording, anything else an edit.
[[nodiscard]] ValueChangeKind classify_change(const Value& before, const Value& after);

/// One entry of the starting catalogue, written by us in our own words.
struct CatalogueValue {
  std::string_view key{};          ///< stable identifier, e.g. "adventure"
  std::string_view name{};         ///< shown name, e.g. "Adventure"
  std::string_view description{};  ///< one line
  std::string_view link{};         ///< an example of how running can serve it
  std::string_view practice{};     ///< an example run idea
};

/// The starting catalogue of about thirty values, in a fixed order.
[[nodiscard]] std::span<const CatalogueValue> value_catalogue();
/// Finds a catalogue entry by key or by name, ignoring case.
[[nodiscard]] std::optional<CatalogueValue> find_in_catalogue(std::string_view key_or_name);
/// A new value started from a catalogue entry: its name, key, description, link and its
/// practice; the importance and why are the runner's to give.
[[nodiscard]] Value value_from_catalogue(const CatalogueValue& entry);

/// The short name a value is known by in commands: its catalogue key (`clear_mind`), else
/// its name in lower case with underscores for spaces (`quiet_mornings`).
[[nodiscard]] std::string value_key(const Value& value);

/// The active value among `held` that `value` would be taken for: one with the same name (in
/// any case) or the same key (value_key); nothing when `value` is new. Two active values with
/// one name or key would leave a runner unable to say which one a command means.
[[nodiscard]] std::optional<Value> clashing_value(std::span<const Value> held, const Value& value);

/// Finds a value by its id given as text, its name or its key (value_key), ignoring case and
/// surrounding spaces; a number is an id first, then a name wins over a key.
[[nodiscard]] std::optional<Value> find_value_by_reference(std::span<const Value> values,
                                                           std::string_view reference);

}  // namespace cairn
