#include "cairn/core/experiment.hpp"

#include <chrono>

#include "enum_names.hpp"

namespace cairn {
namespace {

constexpr detail::NameTable<ExperimentDecision, 3> decision_names{{
    {ExperimentDecision::keep, "keep"},
    {ExperimentDecision::adjust, "adjust"},
    {ExperimentDecision::drop, "drop"},
}};

constexpr int max_period_days = 366;

}  // namespace

std::string_view experiment_decision_name(ExperimentDecision decision) {
  return detail::name_in(decision_names, decision);
}

ExperimentDecision parse_experiment_decision(std::string_view name) {
  return detail::parse_in(decision_names, name, "decision");
}

void check_experiment(const Experiment& experiment) {
  if (detail::trim(experiment.practice).empty()) {
    throw Error(Errc::invalid_input, "experiment practice is empty: say what you will try",
                "practice");
  }
  if (experiment.ends_on < experiment.starts_on) {
    throw Error(Errc::invalid_input,
                fmt::format("experiment ends on {} before it starts on {}",
                            format_date(experiment.ends_on), format_date(experiment.starts_on)),
                "ends_on");
  }
  const auto days =
      (std::chrono::sys_days{experiment.ends_on} - std::chrono::sys_days{experiment.starts_on})
          .count();
  if (days > max_period_days) {
    throw Error(Errc::invalid_input,
                fmt::format("experiment period of {} days is too long: at most a year", days),
                "ends_on");
  }
  if (experiment.ended_on && *experiment.ended_on < experiment.starts_on) {
    throw Error(Errc::invalid_input,
                fmt::format("experiment cannot end on {}, before it started on {}",
                            format_date(*experiment.ended_on), format_date(experiment.starts_on)),
                "ended_on");
  }
  if (experiment.ended_on && !experiment.decision) {
    throw Error(Errc::invalid_input, "an ended experiment needs a decision: keep, adjust or drop",
                "decision");
  }
}

}  // namespace cairn
