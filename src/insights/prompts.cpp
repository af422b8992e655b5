// Re-evaluation prompts: when the journal suggests a value deserves a second look. Each
// rests on claimed effects (which survived the false-discovery-rate control) or, for a value
// ranked high that recent runs and life rarely live, on counts the runner can check.

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "cairn/core/value.hpp"

#include "engine.hpp"

namespace cairn::insights::detail {
namespace {

// Values whose importance marks them as what running is for.
constexpr int ranked_high = 8;
constexpr int ranked_above_middle = 7;
constexpr std::size_t enough_recent_runs = 8;
constexpr double rarely = 0.2;
constexpr double life_lives_it = 7.0;

// A circumstance that lives a value from the catalogue: where an adventurous runner's
// running should show it. Values the runner named themselves match by their key.
struct Link {
  std::string_view value_key;
  std::string_view factor;
  std::string_view level;
};

constexpr std::array<Link, 14> links{{
    {"adventure", "route", "new"},
    {"exploration", "route", "new"},
    {"connection", "company", "friend"},
    {"connection", "company", "group"},
    {"community", "company", "group"},
    {"friendship", "company", "friend"},
    {"family", "company", "family"},
    {"nature", "setting", "trail"},
    {"nature", "setting", "countryside"},
    {"nature", "setting", "mountains"},
    {"clear_mind", "audio", "silence"},
    {"mindfulness", "audio", "silence"},
    {"calm", "audio", "silence"},
    {"independence", "company", "alone"},
}};

bool feeling(Outcome outcome) {
  return outcome == Outcome::enjoyment || outcome == Outcome::mood_lift ||
         outcome == Outcome::mood_after;
}

}  // namespace

std::vector<Prompt> prompts_of(const JournalData& data, const Insights& insights) {
  std::vector<Prompt> prompts;
  const auto values = value_set_at(data.value_history, insights.as_of);

  for (const auto& item : insights.importance_vs_lived) {
    if (item.importance < ranked_high || !item.lived_share) continue;
    if (item.recent_runs < enough_recent_runs || *item.lived_share >= rarely) {
      continue;
    }
    // Lived elsewhere in life: running need not carry it.
    if (item.life_area_mean && *item.life_area_mean >= life_lives_it) continue;
    prompts.push_back(
        Prompt{.kind = "ranked_high_rarely_lived",
               .value = item.value,
               .text = fmt::format(
                   "{} is ranked {}/10, but {} of your {} journaled runs of the last "
                   "eight weeks {} rated as living it well ({}+). Does it still belong "
                   "this high, or is there a run that would live it?",
                   item.value_name, item.importance,
                   item.aligned_runs == 0 ? "none" : fmt::format("only {}", item.aligned_runs),
                   item.recent_runs, item.aligned_runs == 1 ? "was" : "were", well_aligned_rating),
               .value_evidence = {},
               .context_evidence = {}});
  }

  for (const auto& value : values) {
    if (value.importance < ranked_above_middle) continue;
    // Its own alignment went with feeling worse.
    // Only when no claimed feeling went the other way: a value whose runs were enjoyed more
    // but lifted the mood less is mixed news, not a reason to doubt it.
    std::vector<ValueEffect> against;
    bool any_better = false;
    for (const auto& item : insights.value_effects) {
      if (item.value != value.id || !item.effect.claim || !feeling(item.effect.outcome)) continue;
      if (*item.effect.difference < 0) {
        against.push_back(item);
      } else {
        any_better = true;
      }
    }
    if (!against.empty() && !any_better) {
      prompts.push_back(
          Prompt{.kind = "alignment_without_lift",
                 .value = value.id,
                 .text = fmt::format("{} is ranked {}/10, yet runs that lived it went with feeling "
                                     "worse: {} Is it still what you run for?",
                                     value.name, value.importance, against.front().text),
                 .value_evidence = against,
                 .context_evidence = {}});
    }
    // The circumstance that should live it went with feeling worse than another.
    const std::string key = value_key(value);
    // The same here: the linked circumstance felt worse on some claimed outcome and better
    // on none.
    std::vector<ContextEffect> evidence;
    bool linked_better = false;
    for (const auto& item : insights.context_effects) {
      if (!item.effect.claim || !feeling(item.effect.outcome)) continue;
      const bool a_worse = *item.effect.difference < 0;
      const auto is_linked = [&](const std::string& level) {
        return std::any_of(links.begin(), links.end(), [&](const Link& link) {
          return link.value_key == key && link.factor == item.factor && link.level == level;
        });
      };
      if (is_linked(a_worse ? item.level_a : item.level_b)) evidence.push_back(item);
      if (is_linked(a_worse ? item.level_b : item.level_a)) linked_better = true;
    }
    if (!evidence.empty() && !linked_better) {
      const ContextEffect& first = evidence.front();
      const bool a_worse = *first.effect.difference < 0;
      prompts.push_back(Prompt{
          .kind = "linked_circumstance_without_lift",
          .value = value.id,
          .text = fmt::format(
              "{} is ranked {}/10, but your runs {} went with {} {} lower than runs {} ({}). "
              "Does {} still mean what it did when you ranked it, or does it live somewhere "
              "else now? Worth a review.",
              value.name, value.importance,
              circumstance(first.factor, a_worse ? first.level_a : first.level_b),
              outcome_words(first.effect.outcome), number(std::abs(*first.effect.difference)),
              circumstance(first.factor, a_worse ? first.level_b : first.level_a),
              first.effect.interval ? fmt::format("90% interval of the difference {} to {}",
                                                  number(first.effect.interval->low),
                                                  number(first.effect.interval->high))
                                    : "",
              value.name),
          .value_evidence = {},
          .context_evidence = evidence});
    }
  }

  const auto& motivation = insights.motivation;
  const bool falling = motivation.enjoyment_trend && motivation.enjoyment_trend->claim &&
                       motivation.enjoyment_trend->slope_per_week < 0;
  const bool gaps_growing = motivation.gaps_recent_vs_usual &&
                            motivation.gaps_recent_vs_usual->claim &&
                            *motivation.gaps_recent_vs_usual->difference > 0;
  if (falling || gaps_growing) {
    prompts.push_back(
        Prompt{.kind = "motivation_turning",
               .value = std::nullopt,
               .text = "Motivation may be turning. " + motivation.warnings.front() +
                       " A review of what you run for, now, may help before running slips.",
               .value_evidence = {},
               .context_evidence = {}});
  }
  return prompts;
}

}  // namespace cairn::insights::detail
