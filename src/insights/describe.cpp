// The plain sentences: what each comparison found, said as association ("went with"), never
// as cause, with its interval and the runs behind it, or why nothing can be said yet.

#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "engine.hpp"

namespace cairn::insights::detail {

std::string outcome_words(Outcome outcome) {
  switch (outcome) {
    case Outcome::enjoyment:
      return "enjoyment";
    case Outcome::mood_after:
      return "mood after the run";
    case Outcome::mood_lift:
      return "mood lift";
    case Outcome::energy_lift:
      return "energy lift";
    case Outcome::effort:
      return "effort";
    case Outcome::days_to_next_run:
      return "days until the next run";
    case Outcome::alignment:
      return "alignment with the value";
  }
  return "outcome";
}

std::string circumstance(const std::string& factor, const std::string& level) {
  if (factor == "company") {
    if (level == "alone") return "alone";
    if (level == "friend") return "with a friend";
    if (level == "group") return "with a group";
    return "with " + level;
  }
  if (factor == "route") return level == "new" ? "on new routes" : "on " + level + " routes";
  if (factor == "time_of_day") return level == "night" ? "at night" : "in the " + level;
  if (factor == "distance") {
    if (level == "under_5k") return "under 5 km";
    if (level == "5k_to_10k") return "of 5 to 10 km";
    if (level == "10k_to_21k") return "of 10 to 21 km";
    return "of 21 km or more";
  }
  if (factor == "setting") {
    if (level == "park") return "in a park";
    if (level == "trail") return "on trails";
    if (level == "track") return "on a track";
    if (level == "treadmill") return "on a treadmill";
    if (level == "beach") return "on a beach";
    return "in the " + level;  // city, countryside, mountains
  }
  if (factor == "audio") {
    if (level == "silence") return "in silence";
    if (level == "podcast") return "with a podcast";
    if (level == "audiobook") return "with an audiobook";
    return "with " + level;  // music, conversation
  }
  if (factor == "motive") return level == "a_value" ? "for a value" : "for an outside push";
  return factor + " " + level;
}

std::string number(double value) {
  // -0.04 shows as "0.0", not "-0.0".
  const double rounded = std::round(value * 10.0) / 10.0;
  return fmt::format("{:.1f}", rounded == 0.0 ? 0.0 : rounded);
}

namespace {

std::string interval_words(const Effect& effect) {
  std::string out;
  if (effect.interval) {
    out = fmt::format("90% interval {} to {}; ", number(effect.interval->low),
                      number(effect.interval->high));
  }
  return out + fmt::format("{} vs {} runs", effect.n_a, effect.n_b);
}

}  // namespace

std::string describe_effect(const Effect& effect, const std::string& subject,
                            const std::string& against, const std::string& side_a,
                            const std::string& side_b, const std::string& value_name) {
  const std::string what = effect.outcome == Outcome::alignment && !value_name.empty()
                               ? "alignment with " + value_name
                               : outcome_words(effect.outcome);
  if (effect.claim && effect.difference) {
    const double size = std::abs(*effect.difference);
    const bool more = *effect.difference > 0;
    if (effect.outcome == Outcome::days_to_next_run) {
      return fmt::format("{} went with {} {} days until the next run than {} ({}).", subject,
                         number(size), more ? "more" : "fewer", against, interval_words(effect));
    }
    return fmt::format("{} went with {} {} {} than {} ({}).", subject, what, number(size),
                       more ? "higher" : "lower", against, interval_words(effect));
  }
  if (effect.tested && effect.difference) {
    // An interval clear of zero that still makes no claim fell to the false-discovery
    // control: among many comparisons, some that size come from chance.
    const bool clear_of_zero =
        effect.interval && (effect.interval->low > 0.0 || effect.interval->high < 0.0);
    return fmt::format("{}: {} {}{} against {} ({}), {}.", subject, what,
                       *effect.difference > 0 ? "+" : "", number(*effect.difference), against,
                       interval_words(effect),
                       clear_of_zero ? "not clear enough to claim among all the comparisons "
                                       "weighed together"
                                     : "too uncertain to tell from chance");
  }
  if (effect.runs_needed_a > 0 || effect.runs_needed_b > 0) {
    std::string needed;
    if (effect.runs_needed_a > 0) needed = fmt::format("{} more {}", effect.runs_needed_a, side_a);
    if (effect.runs_needed_b > 0) {
      needed +=
          fmt::format("{}{} more {}", needed.empty() ? "" : " and ", effect.runs_needed_b, side_b);
    }
    return fmt::format("{}: not enough runs to compare {} yet ({} runs with an answer needed).",
                       subject, what, needed);
  }
  return fmt::format("{}: {} was the same in every run, so there is nothing to compare.", subject,
                     what);
}

void describe(Insights& insights) {
  for (auto& item : insights.value_effects) {
    item.text = describe_effect(item.effect, "Runs well aligned with " + item.value_name,
                                "your other runs rated for it", "well-aligned", "other");
  }
  for (auto& item : insights.context_effects) {
    item.text = describe_effect(item.effect, "Runs " + circumstance(item.factor, item.level_a),
                                "runs " + circumstance(item.factor, item.level_b), item.level_a,
                                item.level_b);
  }
  for (auto& card : insights.experiments) {
    std::string text = fmt::format(
        "Experiment #{} \"{}\" ({}, {} to {}{}): {} run{} {} against {} in the weeks before.",
        card.experiment.value, card.practice, card.value_name, format_date(card.starts_on),
        format_date(card.ends_on), card.ended ? ", ended" : "", card.runs_inside,
        card.runs_inside == 1 ? "" : "s", card.by_tag ? "tagged in it" : "in its period",
        card.runs_outside);
    for (const auto& effect : card.effects) {
      if (effect.n_a == 0 && effect.n_b == 0) continue;  // a question the runner never answers
      text += "\n" + describe_effect(effect, "Its runs", "the runs before it", "experiment",
                                     "earlier", card.value_name);
    }
    card.text = std::move(text);
  }

  for (auto& route : insights.routes) {
    std::string feel;
    if (route.mean_enjoyment) feel = "enjoyment " + number(*route.mean_enjoyment);
    if (route.mean_mood_lift) {
      feel += fmt::format("{}mood lift {}{}", feel.empty() ? "" : ", ",
                          *route.mean_mood_lift > 0 ? "+" : "", number(*route.mean_mood_lift));
    }
    // "Your River loop"; "The route first run on ..." (its name, as a sentence starts).
    std::string subject = route.named ? "Your " + route.name : route.name;
    subject.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(subject.front())));
    route.text = fmt::format("{}, {} times from {} to {}{}", subject, route.runs,
                             format_date(route.first_on), format_date(route.last_on),
                             feel.empty() ? "." : ": " + feel + " on average.");
  }

  auto& lift = insights.mood_lift;
  if (lift.mean) {
    lift.text = fmt::format("Your mood after a run was {} {} than before, on average ({}{} runs).",
                            number(std::abs(*lift.mean)), *lift.mean >= 0 ? "higher" : "lower",
                            lift.interval
                                ? fmt::format("90% interval {} to {}; ", number(lift.interval->low),
                                              number(lift.interval->high))
                                : "",
                            lift.n);
    if (lift.n < min_runs_per_group) {
      lift.text = fmt::format(
          "Too few runs with mood before and after to say how a run lifts "
          "your mood ({} of the {} needed).",
          lift.n, min_runs_per_group);
    }
    const ContextEffect* largest = nullptr;
    for (const auto& item : insights.context_effects) {
      if (item.effect.outcome != Outcome::mood_lift || !item.effect.claim) continue;
      if (largest == nullptr ||
          std::abs(*item.effect.difference) > std::abs(*largest->effect.difference)) {
        largest = &item;
      }
    }
    if (largest != nullptr) {
      const bool a_larger = *largest->effect.difference > 0;
      lift.largest_when =
          circumstance(largest->factor, a_larger ? largest->level_a : largest->level_b);
      lift.text += fmt::format(
          " It was largest on runs {} ({} above runs {}).", lift.largest_when,
          number(std::abs(*largest->effect.difference)),
          circumstance(largest->factor, a_larger ? largest->level_b : largest->level_a));
    } else {
      lift.text += " No circumstance stands out from chance yet.";
    }
  } else {
    lift.text = "No run has a mood before and after yet.";
  }

  for (auto& item : insights.importance_vs_lived) {
    if (!item.lived_share) {
      item.text =
          item.recent_runs == 0
              ? fmt::format(
                    "{}: importance {}/10; no journaled run in the last eight weeks "
                    "while you held it.",
                    item.value_name, item.importance)
              : fmt::format("{}: importance {}/10; not rated in your {} recent journaled {} yet.",
                            item.value_name, item.importance, item.recent_runs,
                            item.recent_runs == 1 ? "run" : "runs");
      continue;
    }
    item.text = fmt::format("{}: importance {}/10; lived well in {:.0f}% of your recent runs",
                            item.value_name, item.importance, *item.lived_share * 100.0);
    if (item.life_area_mean) {
      item.text += fmt::format(", life area {}/10 in check-ins", number(*item.life_area_mean));
    }
    item.text += ".";
  }

  auto& motivation = insights.motivation;
  const auto& trend = motivation.enjoyment_trend;
  if (trend && trend->claim && trend->slope_per_week < 0) {
    motivation.warnings.push_back(fmt::format(
        "Enjoyment has been falling by about {} points a week over the last twelve weeks (90% "
        "interval {} to {}; {} runs).",
        number(-trend->slope_per_week), number(trend->interval->low), number(trend->interval->high),
        trend->n));
  }
  const auto& gaps = motivation.gaps_recent_vs_usual;
  if (gaps && gaps->claim && gaps->difference && *gaps->difference > 0) {
    motivation.warnings.push_back(
        fmt::format("The gaps between your runs have grown lately: {} days longer than your usual "
                    "({}).",
                    number(*gaps->difference), interval_words(*gaps)));
  }
  const auto& self = motivation.self_direction_trend;
  if (self && self->claim && self->slope_per_week < 0) {
    motivation.warnings.emplace_back(
        "Your check-ins say running feels less chosen and more pushed than it did.");
  }
  if (motivation.days_since_last_run && motivation.long_gap_days && motivation.usual_gap_days &&
      *motivation.days_since_last_run > *motivation.long_gap_days) {
    motivation.warnings.push_back(fmt::format(
        "It has been {:.0f} days since your last run; your usual gap is {} days, and only one in "
        "ten is longer than {}.",
        std::floor(*motivation.days_since_last_run), number(*motivation.usual_gap_days),
        number(*motivation.long_gap_days)));
  }
  if (motivation.warnings.empty()) {
    // "Holding" only once the trend could have shown a turn: with too few runs, say so.
    const bool could_tell = trend && trend->n >= min_runs_per_group;
    motivation.text = motivation.recent_enjoyment && could_tell
                          ? fmt::format("Holding: enjoyment lately {}{}, no sign of it turning.",
                                        number(*motivation.recent_enjoyment),
                                        motivation.earlier_enjoyment
                                            ? fmt::format(" (the half-year before: {})",
                                                          number(*motivation.earlier_enjoyment))
                                            : "")
                          : fmt::format(
                                "Not enough recent runs with an enjoyment answer to "
                                "tell whether motivation is holding ({} needed in the "
                                "last twelve weeks).",
                                min_runs_per_group);
  } else {
    motivation.text = "Signs that motivation may be turning. " + motivation.warnings.front();
  }
}

}  // namespace cairn::insights::detail
