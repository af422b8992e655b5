#pragma once
// An experiment's small goal, week by week: what the runs inside it measured against the
// target (the card's `progress`).

#include <span>

#include "cairn/core/experiment.hpp"
#include "cairn/insights/insights.hpp"

#include "engine.hpp"

namespace cairn::insights::detail {

/// Sets the card's goal, progress and weeks met from the experiment's goal (nothing when it
/// has none). The runs inside are those of the card: tagged, or every run of the period when
/// none is (`card.by_tag`); `runs` are the observations up to `as_of`.
void add_goal_progress(ExperimentCard& card, const Experiment& experiment,
                       std::span<const Observation> runs, LocalDate as_of);

}  // namespace cairn::insights::detail
