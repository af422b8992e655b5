#pragma once
// The flags that describe a run typed in by hand (`cairn log`) or a change to a stored one
// (`cairn runs edit`).

#include <string>

#include <CLI/CLI.hpp>

#include "cairn/app/journal_service.hpp"
#include "cairn/core/run.hpp"

#include "prompter.hpp"

namespace cairn::cli {

struct RunFlags {
  std::string start;
  std::string zone;
  std::string sport;
  std::string distance;
  std::string time;
  std::string moving;
  std::string elevation;
  std::string heart_rate;
  std::string max_heart_rate;
  std::string cadence;
  std::string title;
  std::string route;
  std::string notes;

  void add_to(CLI::App& command);
  /// True when the runner said anything about the run's numbers.
  [[nodiscard]] bool any_numbers() const;
  /// Builds the run; bare distances are in the runner's units; start defaults to now in the
  /// runner's zone. Throws Error(invalid_input) naming the flag.
  [[nodiscard]] Run to_run(const app::JournalService& service) const;
  /// Changes the fields given as flags in `run` and leaves the others. --start is read in the
  /// run's own zone unless --zone names another; --zone alone keeps the local clock time.
  /// With `keep_time_of_day`, a --start that is a date alone keeps the run's clock time.
  /// Throws Error(invalid_input) naming the flag.
  void apply_to(Run& run, const app::JournalService& service, bool keep_time_of_day = true) const;
  /// Asks for start, sport, distance and time when not given as flags.
  void ask_missing(Prompter& prompter, const app::JournalService& service);
  /// Asks for distance and time when not given as flags.
  void ask_numbers(Prompter& prompter, const app::JournalService& service);
};

}  // namespace cairn::cli
