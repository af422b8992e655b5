// The comparisons: runs well aligned with each value against the others, each circumstance
// against the most common one, each experiment against the weeks before it; and the one
// false-discovery-rate decision over all of them.

#include <algorithm>
#include <map>

#include "cairn/core/value.hpp"

#include "engine.hpp"

namespace cairn::insights::detail {
namespace {

std::size_t shortfall(std::size_t n) {
  return n >= min_runs_per_group ? 0 : min_runs_per_group - n;
}

}  // namespace

Effect compare_values(Outcome outcome, std::span<const double> a, std::span<const double> b) {
  Effect effect;
  effect.outcome = outcome;
  effect.n_a = a.size();
  effect.n_b = b.size();
  if (const auto summary = summarize(a)) effect.mean_a = summary->mean;
  if (const auto summary = summarize(b)) effect.mean_b = summary->mean;
  if (effect.mean_a && effect.mean_b) effect.difference = *effect.mean_a - *effect.mean_b;
  effect.runs_needed_a = shortfall(a.size());
  effect.runs_needed_b = shortfall(b.size());
  if (const auto welch = welch_compare(a, b, interval_level)) {
    effect.interval = welch->interval;
    // Below the minimum the interval is shown (it says how little is known) but nothing is
    // tested, so it takes no part in the false-discovery-rate family.
    if (effect.runs_needed_a == 0 && effect.runs_needed_b == 0) {
      effect.p_value = welch->p_value;
      effect.tested = true;
    }
  }
  return effect;
}

Effect compare(Outcome outcome, std::span<const Observation* const> a,
               std::span<const Observation* const> b) {
  const auto values_of = [&](std::span<const Observation* const> group) {
    std::vector<double> values;
    values.reserve(group.size());
    for (const auto* seen : group) {
      if (const auto& value = seen->outcome(outcome)) values.push_back(*value);
    }
    return values;
  };
  const auto values_a = values_of(a);
  const auto values_b = values_of(b);
  return compare_values(outcome, values_a, values_b);
}

std::optional<Trend> weekly_trend(std::span<const double> days, std::span<const double> ys,
                                  std::size_t min_points) {
  if (days.size() < min_points) return std::nullopt;
  std::vector<double> weeks(days.size());
  std::transform(days.begin(), days.end(), weeks.begin(), [](double day) { return day / 7.0; });
  const auto fit = linear_trend(weeks, ys, interval_level);
  if (!fit) return std::nullopt;
  Trend trend;
  trend.n = fit->n;
  trend.slope_per_week = fit->slope;
  trend.interval = fit->interval;
  trend.p_value = fit->p_value;
  return trend;
}

std::vector<ValueEffect> value_effects(const JournalData& data, std::span<const Observation> runs,
                                       LocalDate as_of) {
  std::vector<ValueEffect> out;
  for (const auto& value : value_set_at(data.value_history, as_of)) {
    std::vector<const Observation*> aligned;
    std::vector<const Observation*> other;
    for (const auto& seen : runs) {
      if (seen.entry == nullptr) continue;
      for (const auto& alignment : seen.entry->value_alignments) {
        if (alignment.value != value.id) continue;
        (alignment.rating >= well_aligned_rating ? aligned : other).push_back(&seen);
      }
    }
    if (aligned.empty() && other.empty()) continue;
    for (const auto outcome : all_outcomes) {
      out.push_back(ValueEffect{.value = value.id,
                                .value_name = value.name,
                                .effect = compare(outcome, aligned, other),
                                .text = {}});
    }
  }
  return out;
}

namespace {

// A circumstance of a run, by factor; empty when the run does not say.
struct Factor {
  std::string name;
  std::string (*level)(const Observation&);
};

std::string company_level(const Observation& seen) {
  if (seen.entry == nullptr || !seen.entry->context.company) return {};
  return std::string(company_name(*seen.entry->context.company));
}

// By the track when the run has one (the share of it on ground run before), else by the
// runner's own answer.
std::string route_level(const Observation& seen) {
  if (seen.familiar_share) {
    if (*seen.familiar_share >= familiar_ground_share) {
      return std::string(route_novelty_name(RouteNovelty::familiar));
    }
    if (*seen.familiar_share < new_ground_share) {
      return std::string(route_novelty_name(RouteNovelty::new_route));
    }
    return std::string(route_novelty_name(RouteNovelty::mixed));
  }
  if (seen.entry == nullptr || !seen.entry->context.route) return {};
  return std::string(route_novelty_name(*seen.entry->context.route));
}

std::string setting_level(const Observation& seen) {
  if (seen.entry == nullptr || !seen.entry->context.setting) return {};
  return std::string(setting_name(*seen.entry->context.setting));
}

std::string audio_level(const Observation& seen) {
  if (seen.entry == nullptr || !seen.entry->context.audio) return {};
  return std::string(audio_name(*seen.entry->context.audio));
}

std::string motive_level(const Observation& seen) {
  if (seen.entry == nullptr) return {};
  if (seen.entry->motive.value) return "a_value";
  if (seen.entry->motive.push) return "an_outside_push";
  return {};
}

std::string time_of_day_level(const Observation& seen) {
  if (seen.hour >= 5 && seen.hour < 11) return "morning";
  if (seen.hour >= 11 && seen.hour < 14) return "midday";
  if (seen.hour >= 14 && seen.hour < 18) return "afternoon";
  if (seen.hour >= 18 && seen.hour < 22) return "evening";
  return "night";
}

std::string distance_level(const Observation& seen) {
  if (!seen.run->distance) return {};
  const double km = seen.run->distance->meters() / 1000.0;
  if (km < 5.0) return "under_5k";
  if (km < 10.0) return "5k_to_10k";
  if (km < 21.0) return "10k_to_21k";
  return "21k_and_over";
}

const std::array<Factor, 7> factors{{{"company", company_level},
                                     {"route", route_level},
                                     {"time_of_day", time_of_day_level},
                                     {"distance", distance_level},
                                     {"setting", setting_level},
                                     {"audio", audio_level},
                                     {"motive", motive_level}}};

}  // namespace

std::vector<ContextEffect> context_effects(std::span<const Observation> runs) {
  std::vector<ContextEffect> out;
  for (const auto& factor : factors) {
    std::map<std::string, std::vector<const Observation*>> by_level;
    for (const auto& seen : runs) {
      if (auto level = factor.level(seen); !level.empty()) by_level[level].push_back(&seen);
    }
    if (by_level.size() < 2) continue;
    // Each level against the most common one: the runner's usual, which reads naturally
    // ("with friends" against "alone") and keeps the comparisons few.
    const auto usual = std::max_element(
        by_level.begin(), by_level.end(),
        [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
    for (const auto& [level, group] : by_level) {
      if (level == usual->first) continue;
      for (const auto outcome : all_outcomes) {
        out.push_back(ContextEffect{.factor = factor.name,
                                    .level_a = level,
                                    .level_b = usual->first,
                                    .effect = compare(outcome, group, usual->second),
                                    .text = {}});
      }
    }
  }
  return out;
}

std::optional<ExperimentCard> card_of(const JournalData& data, const Experiment& experiment,
                                      std::span<const Observation> runs, LocalDate as_of) {
  if (day_number(experiment.starts_on) > day_number(as_of)) return std::nullopt;
  ExperimentCard card;
  card.experiment = experiment.id;
  card.value = experiment.value;
  card.practice = experiment.practice;
  card.starts_on = experiment.starts_on;
  card.ended = experiment.ended_on.has_value() && *experiment.ended_on <= as_of;
  card.ends_on = card.ended ? *experiment.ended_on : experiment.ends_on;
  for (const auto& value : data.values) {
    if (value.id == experiment.value) card.value_name = value.name;
  }
  // Inside: the runs tagged in it (or, when the runner tagged none, every run of its
  // period). Comparable: the runs of the same number of weeks just before it started, the
  // runner's ordinary running of that time of year and form.
  const int start = day_number(experiment.starts_on);
  const int end = std::min(day_number(card.ends_on), day_number(as_of));
  const int span = std::max(end - start + 1, 14);
  card.by_tag = !experiment.runs.empty();
  std::vector<const Observation*> inside;
  std::vector<const Observation*> outside;
  for (const auto& seen : runs) {
    const bool in = card.by_tag ? std::find(experiment.runs.begin(), experiment.runs.end(),
                                            seen.run->id) != experiment.runs.end()
                                : seen.day >= start && seen.day <= end;
    if (in) {
      inside.push_back(&seen);
    } else if (seen.day < start && seen.day >= start - span) {
      outside.push_back(&seen);
    }
  }
  card.runs_inside = inside.size();
  card.runs_outside = outside.size();
  const auto alignment_of = [&](std::span<const Observation* const> group) {
    std::vector<double> ratings;
    for (const auto* seen : group) {
      if (seen->entry == nullptr) continue;
      for (const auto& alignment : seen->entry->value_alignments) {
        if (alignment.value == experiment.value) ratings.push_back(alignment.rating);
      }
    }
    return ratings;
  };
  card.effects.push_back(
      compare_values(Outcome::alignment, alignment_of(inside), alignment_of(outside)));
  for (const auto outcome : all_outcomes) card.effects.push_back(compare(outcome, inside, outside));
  return card;
}

void decide_claims(Insights& insights) {
  std::vector<double> p_values;
  std::vector<std::pair<std::optional<double>*, bool*>> slots;
  const auto add = [&](std::optional<double>& p, std::optional<double>& adjusted, bool& claim,
                       bool tested) {
    if (!tested || !p) return;
    p_values.push_back(*p);
    slots.emplace_back(&adjusted, &claim);
  };
  const auto add_effect = [&](Effect& effect) {
    add(effect.p_value, effect.adjusted_p_value, effect.claim, effect.tested);
  };
  const auto add_trend = [&](std::optional<Trend>& trend) {
    if (trend) add(trend->p_value, trend->adjusted_p_value, trend->claim, true);
  };
  for (auto& item : insights.value_effects) add_effect(item.effect);
  for (auto& item : insights.context_effects) add_effect(item.effect);
  for (auto& card : insights.experiments) {
    for (auto& effect : card.effects) add_effect(effect);
  }
  add_trend(insights.motivation.enjoyment_trend);
  add_trend(insights.motivation.self_direction_trend);
  if (insights.motivation.gaps_recent_vs_usual) {
    add_effect(*insights.motivation.gaps_recent_vs_usual);
  }
  add_trend(insights.volume.pace_trend);
  add_trend(insights.volume.heart_rate_trend);
  // Benjamini, Krieger and Yekutieli's two-stage procedure: Benjamini-Hochberg at
  // q/(1+q) estimates how many effects are real, and a second pass at the rate that estimate
  // allows decides. It holds the false discovery rate at q, as Benjamini-Hochberg does, but
  // loses less power when several effects are real (a value that goes with both enjoyment and
  // mood).
  const double stage_rate = false_discovery_rate / (1.0 + false_discovery_rate);
  const auto first = benjamini_hochberg(p_values, stage_rate);
  const std::size_t m = p_values.size();
  double rate = stage_rate;  // the rate the decision is taken at
  if (first.rejected_count > 0 && first.rejected_count < m) {
    rate = std::min(
        stage_rate * static_cast<double>(m) / static_cast<double>(m - first.rejected_count), 0.5);
  }
  const auto decided = benjamini_hochberg(p_values, rate);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    // Benjamini-Hochberg's adjusted p-value on the scale of q: a comparison is claimed
    // exactly when this is at most false_discovery_rate, so a reader filtering on it agrees
    // with `claim`.
    *slots[i].first = std::min(1.0, decided.adjusted[i] * false_discovery_rate / rate);
    *slots[i].second = decided.rejected[i];
  }
  insights.comparisons_tested = p_values.size();
}

}  // namespace cairn::insights::detail
