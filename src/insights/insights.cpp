// compute_insights: the observations, every comparison and section, one false-discovery
// decision over all the tests at once, then the sentences and the prompts.

#include "cairn/insights/insights.hpp"

#include <cassert>

#include "engine.hpp"
#include "goals.hpp"

namespace cairn::insights {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::enjoyment:
      return "enjoyment";
    case Outcome::mood_after:
      return "mood_after";
    case Outcome::mood_lift:
      return "mood_lift";
    case Outcome::energy_lift:
      return "energy_lift";
    case Outcome::effort:
      return "effort";
    case Outcome::days_to_next_run:
      return "days_to_next_run";
    case Outcome::alignment:
      return "alignment";
  }
  return "unknown";
}

Insights compute_insights(const InsightsInput& input) {
  assert(input.data != nullptr && "insights need a journal");
  const JournalData& data = *input.data;
  Insights insights;
  insights.as_of = input.as_of;
  const auto runs = detail::observe(data, input.as_of, input.ground);
  insights.runs_considered = runs.size();
  insights.value_effects = detail::value_effects(data, runs, input.as_of);
  insights.context_effects = detail::context_effects(runs);
  for (const auto& experiment : data.experiments) {
    if (auto card = detail::card_of(data, experiment, runs, input.as_of)) {
      detail::add_goal_progress(*card, experiment, runs, input.as_of);
      insights.experiments.push_back(std::move(*card));
    }
  }
  insights.importance_vs_lived = detail::importance_vs_lived(data, runs, input.as_of);
  insights.motivation = detail::motivation_of(data, runs, input.as_of);
  insights.mood_lift = detail::mood_lift_of(runs);
  insights.volume = detail::volume_of(runs, input.as_of);
  insights.routes = detail::routes_of(runs, input.routes);
  detail::decide_claims(insights);
  detail::describe(insights);
  insights.prompts = detail::prompts_of(data, insights);
  return insights;
}

std::optional<ExperimentCard> experiment_card(const JournalData& data, ExperimentId experiment,
                                              LocalDate as_of) {
  for (const auto& candidate : data.experiments) {
    if (candidate.id != experiment) continue;
    const auto runs = detail::observe(data, as_of);
    auto card = detail::card_of(data, candidate, runs, as_of);
    if (!card) return std::nullopt;
    detail::add_goal_progress(*card, candidate, runs, as_of);
    // Alone, the card's comparisons are the family its claims are held to.
    Insights alone;
    alone.as_of = as_of;
    alone.experiments.push_back(std::move(*card));
    detail::decide_claims(alone);
    detail::describe(alone);
    return std::move(alone.experiments.front());
  }
  return std::nullopt;
}

}  // namespace cairn::insights
