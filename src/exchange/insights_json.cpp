// The JSON of `cairn insights --json` (and the HTTP API's insights): the contract in
// docs/insights.md. Numbers are given to the precision they hold (`reported`); what could not
// be computed is null.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "cairn/exchange/json.hpp"

#include "optional_json.hpp"

namespace cairn::exchange {
namespace {

using Json = nlohmann::ordered_json;
using namespace cairn::insights;

using detail::optional_json;

// A number as the insights report it: six significant digits, and never coarser than a tenth
// of its unit (so ten years' total of metres keeps its metre: 15234567.8). The numbers are
// estimates from ratings and sums of measurements; digits past these are floating-point noise
// (a week of 16938.227000000003 s), and they made the answer a fifth longer (decision 0012).
double reported(double number) {
  if (number == 0.0 || !std::isfinite(number)) return number;
  const int integer_digits = static_cast<int>(std::floor(std::log10(std::fabs(number)))) + 1;
  const int significant = std::max(6, integer_digits + 1);
  std::array<char, 64> text{};
  const auto written = std::to_chars(text.data(), text.data() + text.size(), number,
                                     std::chars_format::general, significant);
  double read = number;
  std::from_chars(text.data(), written.ptr, read);
  return read;
}

// Every number in an answer as `reported`: one rule for all the fields, wherever they are.
void report_numbers(Json& json) {
  if (json.is_number_float()) {
    json = reported(json.get<double>());
  } else if (json.is_structured()) {
    for (auto& item : json) report_numbers(item);
  }
}

Json interval_json(const std::optional<Interval>& interval) {
  if (!interval) return nullptr;
  return Json::array({interval->low, interval->high});
}

// The fields every comparison item shares, after those naming what is compared.
void put_effect(Json& out, const Effect& effect, const char* n_a_name, const char* n_b_name) {
  out["outcome"] = outcome_name(effect.outcome);
  out["difference"] = optional_json(effect.difference);
  out["interval"] = interval_json(effect.interval);
  out["level"] = interval_level;
  out[n_a_name] = effect.n_a;
  out[n_b_name] = effect.n_b;
  out["claim"] = effect.claim;
  out["mean_a"] = optional_json(effect.mean_a);
  out["mean_b"] = optional_json(effect.mean_b);
  out["tested"] = effect.tested;
  out["p_value"] = optional_json(effect.p_value);
  out["adjusted_p_value"] = optional_json(effect.adjusted_p_value);
  out["runs_needed"] = Json{{"a", effect.runs_needed_a}, {"b", effect.runs_needed_b}};
}

Json value_effect_json(const ValueEffect& item) {
  Json out = Json::object();
  out["value_id"] = item.value.value;
  out["value"] = item.value_name;
  put_effect(out, item.effect, "n_aligned", "n_other");
  out["text"] = item.text;
  return out;
}

Json context_effect_json(const ContextEffect& item) {
  Json out = Json::object();
  out["factor"] = item.factor;
  out["level_a"] = item.level_a;
  out["level_b"] = item.level_b;
  put_effect(out, item.effect, "n_a", "n_b");
  out["text"] = item.text;
  return out;
}

Json trend_json(const std::optional<Trend>& trend) {
  if (!trend) return nullptr;
  Json out = Json::object();
  out["n"] = trend->n;
  out["slope_per_week"] = trend->slope_per_week;
  out["interval"] = interval_json(trend->interval);
  out["level"] = interval_level;
  out["p_value"] = optional_json(trend->p_value);
  out["adjusted_p_value"] = optional_json(trend->adjusted_p_value);
  out["claim"] = trend->claim;
  return out;
}

Json mark_json(const RunMark& mark) {
  return Json{{"run_id", mark.run.value},
              {"date", format_date(mark.on)},
              {"distance_m", mark.distance_m},
              {"seconds", mark.seconds},
              {"pace_s_per_km", optional_json(mark.pace_s_per_km)}};
}

Json volume_json(const Volume& volume) {
  Json out = Json::object();
  out["total_runs"] = volume.total_runs;
  out["total_distance_m"] = volume.total_distance_m;
  out["total_seconds"] = volume.total_seconds;
  out["current_streak_weeks"] = volume.current_streak_weeks;
  out["longest_streak_weeks"] = volume.longest_streak_weeks;
  out["longest_gap_days"] = optional_json(volume.longest_gap_days);
  out["pace_trend"] = trend_json(volume.pace_trend);
  out["heart_rate_trend"] = trend_json(volume.heart_rate_trend);
  Json longest = Json::array();
  for (const auto& mark : volume.longest_runs) longest.push_back(mark_json(mark));
  out["longest_runs"] = std::move(longest);
  Json best = Json::object();
  for (const auto& [name, mark] : volume.best_efforts) best[name] = mark_json(mark);
  out["best_efforts"] = std::move(best);
  // As columns, one array per measure, like a run's track: ten years are 520 weeks, and the
  // names written once instead of once a week keep the answer small (decision 0012).
  Json week_of = Json::array();
  Json runs = Json::array();
  Json distance_m = Json::array();
  Json seconds = Json::array();
  for (const auto& week : volume.weeks) {
    week_of.push_back(format_date(week.monday));
    runs.push_back(week.runs);
    distance_m.push_back(week.distance_m);
    seconds.push_back(week.seconds);
  }
  out["weeks"] = Json{{"week_of", std::move(week_of)},
                      {"runs", std::move(runs)},
                      {"distance_m", std::move(distance_m)},
                      {"seconds", std::move(seconds)}};
  return out;
}

Json motivation_json(const Motivation& motivation) {
  Json out = Json::object();
  out["recent_enjoyment"] = optional_json(motivation.recent_enjoyment);
  out["earlier_enjoyment"] = optional_json(motivation.earlier_enjoyment);
  out["enjoyment_trend"] = trend_json(motivation.enjoyment_trend);
  out["self_direction_trend"] = trend_json(motivation.self_direction_trend);
  out["usual_gap_days"] = optional_json(motivation.usual_gap_days);
  out["long_gap_days"] = optional_json(motivation.long_gap_days);
  out["days_since_last_run"] = optional_json(motivation.days_since_last_run);
  if (motivation.gaps_recent_vs_usual) {
    Json gaps = Json::object();
    put_effect(gaps, *motivation.gaps_recent_vs_usual, "n_recent", "n_usual");
    out["gaps_recent_vs_usual"] = std::move(gaps);
  } else {
    out["gaps_recent_vs_usual"] = nullptr;
  }
  out["warnings"] = motivation.warnings;
  out["text"] = motivation.text;
  return out;
}

Json importance_json(const ImportanceVsLived& item) {
  Json out = Json::object();
  out["value_id"] = item.value.value;
  out["value"] = item.value_name;
  out["importance"] = item.importance;
  out["recent_runs"] = item.recent_runs;
  out["rated_runs"] = item.rated_runs;
  out["aligned_runs"] = item.aligned_runs;
  out["lived_share"] = optional_json(item.lived_share);
  out["mean_alignment"] = optional_json(item.mean_alignment);
  out["life_area_mean"] = optional_json(item.life_area_mean);
  out["gap"] = optional_json(item.gap);
  out["text"] = item.text;
  return out;
}

Json route_json(const RouteUse& route) {
  Json out = Json::object();
  out["route_id"] = route.route;
  out["name"] = route.name;
  out["named"] = route.named;
  out["runs"] = route.runs;
  out["first_on"] = format_date(route.first_on);
  out["last_on"] = format_date(route.last_on);
  out["mean_enjoyment"] = optional_json(route.mean_enjoyment);
  out["mean_mood_lift"] = optional_json(route.mean_mood_lift);
  out["text"] = route.text;
  return out;
}

Json prompt_json(const Prompt& prompt) {
  Json out = Json::object();
  out["kind"] = prompt.kind;
  out["value_id"] = optional_json(prompt.value, [](ValueId id) { return id.value; });
  out["text"] = prompt.text;
  Json evidence = Json::array();
  for (const auto& item : prompt.value_evidence) evidence.push_back(value_effect_json(item));
  for (const auto& item : prompt.context_evidence) evidence.push_back(context_effect_json(item));
  out["evidence"] = std::move(evidence);
  return out;
}

Json card_json(const ExperimentCard& card) {
  Json out = Json::object();
  out["experiment_id"] = card.experiment.value;
  out["value_id"] = card.value.value;
  out["value"] = card.value_name;
  out["practice"] = card.practice;
  out["starts_on"] = format_date(card.starts_on);
  out["ends_on"] = format_date(card.ends_on);
  out["ended"] = card.ended;
  out["inside"] = card.by_tag ? "tagged" : "period";
  out["runs_inside"] = card.runs_inside;
  out["runs_outside"] = card.runs_outside;
  Json effects = Json::array();
  for (const auto& effect : card.effects) {
    Json item = Json::object();
    put_effect(item, effect, "n_inside", "n_outside");
    effects.push_back(std::move(item));
  }
  out["effects"] = std::move(effects);
  out["text"] = card.text;
  out["goal"] = card.goal ? to_json(*card.goal) : Json(nullptr);
  Json progress = Json::array();
  for (const auto& week : card.progress) {
    Json item = Json::object();
    item["week_of"] = format_date(week.week_of);
    item["days"] = week.days;
    item["runs"] = week.runs;
    item["measured"] = optional_json(week.measured);
    item["target"] = week.target;
    item["unit"] = goal_unit(card.goal->kind);
    item["met"] = week.met;
    item["under_way"] = week.under_way;
    progress.push_back(std::move(item));
  }
  out["progress"] = std::move(progress);
  out["weeks_met"] = card.weeks_met;
  return out;
}

}  // namespace

Json to_json(const ExperimentCard& card) {
  Json out = card_json(card);
  report_numbers(out);
  return out;
}

Json to_json(const Insights& insights) {
  Json out = Json::object();
  out["as_of"] = format_date(insights.as_of);
  out["runs_considered"] = insights.runs_considered;
  out["comparisons_tested"] = insights.comparisons_tested;
  out["false_discovery_rate"] = false_discovery_rate;
  out["min_runs_per_group"] = min_runs_per_group;
  Json values = Json::array();
  for (const auto& item : insights.value_effects) values.push_back(value_effect_json(item));
  out["value_effects"] = std::move(values);
  Json contexts = Json::array();
  for (const auto& item : insights.context_effects) contexts.push_back(context_effect_json(item));
  out["context_effects"] = std::move(contexts);
  Json prompts = Json::array();
  for (const auto& prompt : insights.prompts) prompts.push_back(prompt_json(prompt));
  out["prompts"] = std::move(prompts);
  Json experiments = Json::array();
  for (const auto& card : insights.experiments) experiments.push_back(card_json(card));
  out["experiments"] = std::move(experiments);
  Json importance = Json::array();
  for (const auto& item : insights.importance_vs_lived) importance.push_back(importance_json(item));
  out["importance_vs_lived"] = std::move(importance);
  out["motivation"] = motivation_json(insights.motivation);
  Json lift = Json::object();
  lift["n"] = insights.mood_lift.n;
  lift["mean"] = optional_json(insights.mood_lift.mean);
  lift["interval"] = interval_json(insights.mood_lift.interval);
  lift["largest_when"] = insights.mood_lift.largest_when;
  lift["text"] = insights.mood_lift.text;
  out["mood_lift"] = std::move(lift);
  out["volume"] = volume_json(insights.volume);
  Json routes = Json::array();
  for (const auto& route : insights.routes) routes.push_back(route_json(route));
  out["routes"] = std::move(routes);
  report_numbers(out);
  return out;
}

}  // namespace cairn::exchange
