#include "cairn/core/journal.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/rating.hpp"

#include "enum_names.hpp"

namespace cairn {
namespace {

constexpr detail::NameTable<OutsidePush, 8> push_names{{
    {OutsidePush::race_preparation, "race_preparation"},
    {OutsidePush::training_plan, "training_plan"},
    {OutsidePush::kudos, "kudos"},
    {OutsidePush::guilt, "guilt"},
    {OutsidePush::habit, "habit"},
    {OutsidePush::someone_else, "someone_else"},
    {OutsidePush::body_image, "body_image"},
    {OutsidePush::other, "other"},
}};
constexpr detail::NameTable<Company, 4> company_names{{
    {Company::alone, "alone"},
    {Company::with_friend, "friend"},
    {Company::with_group, "group"},
    {Company::with_family, "family"},
}};
constexpr detail::NameTable<RouteNovelty, 3> novelty_names{{
    {RouteNovelty::new_route, "new"},
    {RouteNovelty::familiar, "familiar"},
    {RouteNovelty::mixed, "mixed"},
}};
constexpr detail::NameTable<Setting, 8> setting_names{{
    {Setting::city, "city"},
    {Setting::park, "park"},
    {Setting::trail, "trail"},
    {Setting::countryside, "countryside"},
    {Setting::track, "track"},
    {Setting::treadmill, "treadmill"},
    {Setting::beach, "beach"},
    {Setting::mountains, "mountains"},
}};
constexpr detail::NameTable<Audio, 5> audio_names{{
    {Audio::silence, "silence"},
    {Audio::music, "music"},
    {Audio::podcast, "podcast"},
    {Audio::audiobook, "audiobook"},
    {Audio::conversation, "conversation"},
}};

constexpr std::size_t max_text_length = 100'000;

}  // namespace

std::string_view outside_push_name(OutsidePush push) { return detail::name_in(push_names, push); }
OutsidePush parse_outside_push(std::string_view name) {
  return detail::parse_in(push_names, name, "outside push");
}
std::optional<OutsidePush> find_outside_push(std::string_view name) {
  const std::string lower = detail::to_lower(detail::trim(name));
  for (const auto& [push, known] : push_names) {
    if (known == lower) return push;
  }
  return std::nullopt;
}
std::string_view company_name(Company company) { return detail::name_in(company_names, company); }
Company parse_company(std::string_view name) {
  return detail::parse_in(company_names, name, "company");
}
std::string_view route_novelty_name(RouteNovelty novelty) {
  return detail::name_in(novelty_names, novelty);
}
RouteNovelty parse_route_novelty(std::string_view name) {
  return detail::parse_in(novelty_names, name, "route");
}
std::string_view setting_name(Setting setting) { return detail::name_in(setting_names, setting); }
Setting parse_setting(std::string_view name) {
  return detail::parse_in(setting_names, name, "setting");
}
std::string_view audio_name(Audio audio) { return detail::name_in(audio_names, audio); }
Audio parse_audio(std::string_view name) { return detail::parse_in(audio_names, name, "audio"); }

bool has_answers(const JournalEntry& entry) {
  return entry.before != Feeling{} || entry.after != Feeling{} || entry.enjoyment || entry.effort ||
         entry.cue_rating || entry.alignment || !entry.value_alignments.empty() ||
         entry.motive != Motive{} || entry.context != RunContext{} ||
         entry.text.find_first_not_of(" \t\r\n") != std::string::npos;
}

void check_entry(const JournalEntry& entry, std::span<const Value> active_values) {
  check_rating(mood_scale, entry.before.mood, "mood before", "before.mood");
  check_rating(mood_scale, entry.after.mood, "mood after", "after.mood");
  check_rating(energy_scale, entry.before.energy, "energy before", "before.energy");
  check_rating(energy_scale, entry.after.energy, "energy after", "after.energy");
  check_rating(enjoyment_scale, entry.enjoyment, {}, "enjoyment");
  check_rating(effort_scale, entry.effort, {}, "effort");
  check_rating(alignment_scale, entry.alignment, {}, "alignment");
  check_rating(cue_scale, entry.cue_rating, {}, "cue_rating");
  if (entry.motive.value && entry.motive.push) {
    throw Error(Errc::invalid_input, "motive names both a value and an outside push: choose one",
                "motive");
  }
  if (entry.text.size() > max_text_length) {
    throw Error(Errc::invalid_input,
                fmt::format("journal text is too long: {} bytes, at most {}", entry.text.size(),
                            max_text_length),
                "text");
  }
  const auto name_of = [&](ValueId id) -> std::string {
    for (const auto& value : active_values) {
      if (value.id == id) return value.name;
    }
    return fmt::format("#{}", id.value);
  };
  const auto is_active = [&](ValueId id) {
    return std::any_of(active_values.begin(), active_values.end(),
                       [&](const Value& value) { return value.id == id; });
  };
  for (std::size_t i = 0; i < entry.value_alignments.size(); ++i) {
    const auto& alignment = entry.value_alignments[i];
    const auto field = fmt::format("value_alignments[{}]", i);
    if (!is_active(alignment.value)) {
      throw Error(Errc::invalid_input,
                  fmt::format("value #{} was not active on {}: alignment can be given only for "
                              "the values in force on the run's date",
                              alignment.value.value, format_date(local_date_of(entry.at))),
                  field + ".value_id");
    }
    check_rating(alignment_scale, alignment.rating,
                 fmt::format("alignment with '{}'", name_of(alignment.value)), field + ".rating");
    for (std::size_t j = 0; j < i; ++j) {
      if (entry.value_alignments[j].value == alignment.value) {
        throw Error(Errc::invalid_input,
                    fmt::format("alignment with '{}' is given twice", name_of(alignment.value)),
                    field + ".value_id");
      }
    }
  }
  if (entry.motive.value && !is_active(*entry.motive.value)) {
    throw Error(Errc::invalid_input,
                fmt::format("motive value #{} was not active on {}", entry.motive.value->value,
                            format_date(local_date_of(entry.at))),
                "motive.value_id");
  }
}

std::vector<std::string> journal_prompts(std::span<const Value> active_values, LocalDate day) {
  std::vector<std::string> prompts;
  if (active_values.empty()) {
    prompts.emplace_back("What got you out of the door today?");
    prompts.emplace_back("How did you feel at the end, compared with the start?");
    return prompts;
  }
  // Rotate through the values by day so each gets its turn; the most important comes first
  // on the day it is due.
  const auto day_number = static_cast<std::size_t>(
      std::chrono::sys_days{day}.time_since_epoch().count() % 100000 + 100000);
  const std::size_t count = std::min<std::size_t>(2, active_values.size());
  for (std::size_t i = 0; i < count; ++i) {
    const Value& value = active_values[(day_number + i) % active_values.size()];
    if (!value.link.empty() && (day_number + i) % 2 == 0) {
      prompts.push_back(
          fmt::format("You said: \"{}\". Did today's run do that for {}?", value.link, value.name));
    } else if (!value.practices.empty()) {
      const auto& practice = value.practices[(day_number / 2 + i) % value.practices.size()];
      prompts.push_back(fmt::format("{}: did today's run include \"{}\", and how did it feel?",
                                    value.name, practice));
    } else {
      prompts.push_back(fmt::format("What did today's run do for {}?", value.name));
    }
  }
  prompts.emplace_back("What got you out of the door today, and what will you remember of it?");
  return prompts;
}

}  // namespace cairn
