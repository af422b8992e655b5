#pragma once
// The journal-entry flags shared by `cairn log` and `cairn journal add|edit`, and the same
// questions asked on a terminal.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cairn/app/journal_service.hpp"
#include "cairn/core/journal.hpp"
#include "cairn/core/value.hpp"

#include "prompter.hpp"

namespace cairn::cli {

struct EntryFlags {
  std::string mood_before;
  std::string mood_after;
  std::string energy_before;
  std::string energy_after;
  std::string enjoyment;
  std::string effort;
  std::string alignment;
  std::string cue_rating;          ///< the form cue of the experiment the run falls in, 0-10
  std::vector<std::string> align;  ///< VALUE=RATING
  std::string motive;
  std::string company;
  std::string route_kind;
  std::string setting;
  std::string audio;
  std::string weather;
  std::string text;

  /// Declares the flags on `command`.
  void add_to(CLI::App& command);
  /// True when any entry flag was given.
  [[nodiscard]] bool any() const;
  /// Writes the given flags over `entry`, resolving value names among `in_force` (the
  /// values in force on the entry's date). Throws Error(invalid_input) naming the flag.
  void apply(JournalEntry& entry, std::span<const Value> in_force) const;
  /// Fills the flags not given from the answers in `entry`, as a runner would type them
  /// (values by id), so that apply() reads them back: what a draft keeps.
  void take_answers(const JournalEntry& entry);
};

/// Asks for each answer not yet in `entry`, showing the prompts drawn from the values; with
/// `cue` (the form cue of an experiment holding the entry's day), how well the run kept it.
void ask_entry(Prompter& prompter, std::ostream& out, JournalEntry& entry,
               std::span<const Value> in_force, const std::vector<std::string>& prompts,
               const std::optional<std::string>& cue = std::nullopt);

/// The form cue of the experiment holding `day`, when one has a form cue goal: what
/// ask_entry asks the runner to rate.
[[nodiscard]] std::optional<std::string> form_cue_on(const app::JournalService& service,
                                                     LocalDate day);

/// Resolves a motive: an outside push by name ("guilt", "race_preparation", ...) or a value
/// in force by name; throws Error(invalid_input) listing both kinds otherwise.
[[nodiscard]] Motive parse_motive(std::string_view text, std::span<const Value> in_force);

}  // namespace cairn::cli
