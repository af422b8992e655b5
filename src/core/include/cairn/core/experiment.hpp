#pragma once
/// \file
/// Experiments: trying a practice linked to a value for a few weeks and noticing the result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"
#include "cairn/core/time.hpp"

namespace cairn {

/// What the runner decided at the end of an experiment.
enum class ExperimentDecision : std::uint8_t { keep, adjust, drop };
[[nodiscard]] std::string_view experiment_decision_name(ExperimentDecision decision);
/// Parses "keep", "adjust" or "drop"; throws Error(invalid_input) otherwise.
[[nodiscard]] ExperimentDecision parse_experiment_decision(std::string_view name);

/// A small experiment of a few days to weeks.
struct Experiment {
  ExperimentId id{};
  ValueId value{};
  std::string practice{};  ///< what the runner tries, e.g. "a solo run with no music"
  std::string question{};  ///< what to notice, e.g. "do I come back calmer?"
  LocalDate starts_on{};
  LocalDate ends_on{};                  ///< the planned last day
  std::optional<LocalDate> ended_on{};  ///< set when the runner closes it
  std::string reflection{};
  std::optional<ExperimentDecision> decision{};
  std::vector<RunId> runs{};  ///< runs tagged as part of it
  friend bool operator==(const Experiment&, const Experiment&) = default;
};

/// True until the runner ends it.
[[nodiscard]] inline bool is_open(const Experiment& experiment) { return !experiment.ended_on; }

/// Throws Error(invalid_input) naming the field: empty practice, end before start, a period
/// over a year, an end reflection without a decision.
void check_experiment(const Experiment& experiment);

}  // namespace cairn
