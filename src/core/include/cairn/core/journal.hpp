#pragma once
/// \file
/// Journal entries: how a run felt and how it served the runner's values.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"
#include "cairn/core/value.hpp"

namespace cairn {

/// An outside push that got the runner out of the door (as opposed to one of their values).
enum class OutsidePush : std::uint8_t {
  race_preparation,
  training_plan,
  kudos,
  guilt,
  habit,
  someone_else,
  body_image,
  other
};
[[nodiscard]] std::string_view outside_push_name(OutsidePush push);
/// Parses the names above (e.g. "race_preparation", "guilt"); throws Error(invalid_input).
[[nodiscard]] OutsidePush parse_outside_push(std::string_view name);
/// Returns the push with that name, or nothing when the text names no push.
[[nodiscard]] std::optional<OutsidePush> find_outside_push(std::string_view name);

/// What got the runner out of the door today: one of their values, or an outside push.
struct Motive {
  std::optional<ValueId> value{};
  std::optional<OutsidePush> push{};
  friend bool operator==(const Motive&, const Motive&) = default;
};

enum class Company : std::uint8_t { alone, with_friend, with_group, with_family };
enum class RouteNovelty : std::uint8_t { new_route, familiar, mixed };
enum class Setting : std::uint8_t {
  city,
  park,
  trail,
  countryside,
  track,
  treadmill,
  beach,
  mountains
};
enum class Audio : std::uint8_t { silence, music, podcast, audiobook, conversation };

[[nodiscard]] std::string_view company_name(Company company);  ///< "alone", "friend", ...
[[nodiscard]] Company parse_company(std::string_view name);
[[nodiscard]] std::string_view route_novelty_name(RouteNovelty novelty);  ///< "new", ...
[[nodiscard]] RouteNovelty parse_route_novelty(std::string_view name);
[[nodiscard]] std::string_view setting_name(Setting setting);
[[nodiscard]] Setting parse_setting(std::string_view name);
[[nodiscard]] std::string_view audio_name(Audio audio);
[[nodiscard]] Audio parse_audio(std::string_view name);

/// The circumstances of a run, each answer optional.
struct RunContext {
  std::optional<Company> company{};
  std::optional<RouteNovelty> route{};
  std::optional<Setting> setting{};
  std::optional<Audio> audio{};
  std::string weather{};  ///< free words: "cold and windy"
  friend bool operator==(const RunContext&, const RunContext&) = default;
};

/// How well a run served one value (1-10).
struct ValueAlignment {
  ValueId value{};
  int rating = 0;
  friend bool operator==(const ValueAlignment&, const ValueAlignment&) = default;
};

/// Before and after a run: mood and energy on 1-5.
struct Feeling {
  std::optional<int> mood{};
  std::optional<int> energy{};
  friend bool operator==(const Feeling&, const Feeling&) = default;
};

/// A journal entry, attached to a run or standing alone (an entry may be written before its
/// run's data arrives and be attached later).
struct JournalEntry {
  JournalEntryId id{};
  std::optional<RunId> run{};
  ZonedTime at{};          ///< when the run (or the day written about) happened
  Timestamp written_at{};  ///< when the runner wrote or last changed it
  Feeling before{};
  Feeling after{};
  std::optional<int> enjoyment{};  ///< 1-10
  std::optional<int> effort{};     ///< perceived effort, RPE 1-10
  std::optional<int> alignment{};  ///< overall alignment with the runner's values, 1-10
  std::vector<ValueAlignment> value_alignments{};
  /// How well the run kept the form cue of the experiment it fell in (0-10, cue_scale):
  /// one cue at a time, so one rating (decision 0008).
  std::optional<int> cue_rating{};
  Motive motive{};
  RunContext context{};
  std::string text{};
  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;
};

/// True when the entry holds at least one answer (a feeling, a rating, an alignment, the
/// motive, any context or words); an entry with none records nothing.
[[nodiscard]] bool has_answers(const JournalEntry& entry);

/// Throws Error(invalid_input) naming the field when an answer is out of its scale, the
/// motive names both a value and a push, or an alignment is given twice or for a value not
/// in `active_values` (the values in force on the entry's date).
void check_entry(const JournalEntry& entry, std::span<const Value> active_values);

/// Two or three questions for the free text, drawn from the runner's own values and their
/// practices; the choice rotates with the date so prompts vary from day to day.
[[nodiscard]] std::vector<std::string> journal_prompts(std::span<const Value> active_values,
                                                       LocalDate day);

}  // namespace cairn
