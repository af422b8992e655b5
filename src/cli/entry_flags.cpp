#include "entry_flags.hpp"

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/rating.hpp"

#include "args.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {

void EntryFlags::add_to(CLI::App& command) {
  auto* group = command.add_option_group("Journal entry");
  group->add_option("--mood-before", mood_before, "mood before the run, 1 (low) to 5 (great)");
  group->add_option("--mood-after", mood_after, "mood after the run, 1 to 5");
  group->add_option("--energy-before", energy_before, "energy before the run, 1 to 5");
  group->add_option("--energy-after", energy_after, "energy after the run, 1 to 5");
  group->add_option("--enjoyment", enjoyment, "how much you enjoyed it, 1 to 10");
  group->add_option("--effort", effort, "perceived effort (RPE), 1 to 10");
  group->add_option("--alignment", alignment, "overall alignment with your values, 1 to 10");
  group->add_option("--cue-rating", cue_rating,
                    "how well you kept the form cue of your experiment's goal, 0 to 10");
  group->add_option("--align", align, "alignment with one value, VALUE=RATING (1-10); repeatable");
  group->add_option("--motive", motive,
                    "what got you out of the door: a value's name, or race_preparation, "
                    "training_plan, kudos, guilt, habit, someone_else, body_image, other");
  group->add_option("--company", company, "alone, friend, group or family");
  group->add_option("--route-kind", route_kind, "new, familiar or mixed");
  group->add_option("--setting", setting,
                    "city, park, trail, countryside, track, treadmill, beach or mountains");
  group->add_option("--audio", audio, "silence, music, podcast, audiobook or conversation");
  group->add_option("--weather", weather, "the weather, in your words");
  group->add_option("--text", text, "free thoughts");
}

bool EntryFlags::any() const {
  for (const auto* field :
       {&mood_before, &mood_after, &energy_before, &energy_after, &enjoyment, &effort, &alignment,
        &cue_rating, &motive, &company, &route_kind, &setting, &audio, &weather, &text}) {
    if (!field->empty()) return true;
  }
  return !align.empty();
}

Motive parse_motive(std::string_view text, std::span<const Value> in_force) {
  if (const auto push = find_outside_push(text)) return Motive{.value = std::nullopt, .push = push};
  if (const auto value = find_value_by_reference(in_force, text)) {
    return Motive{.value = value->id, .push = std::nullopt};
  }
  throw Error(Errc::invalid_input,
              fmt::format("--motive '{}' is neither a value in force nor an outside push "
                          "(race_preparation, training_plan, kudos, guilt, habit, someone_else, "
                          "body_image, other)",
                          std::string(text)));
}

namespace {

ValueId value_in_force(std::span<const Value> in_force, std::string_view name,
                       std::string_view flag) {
  const auto value = find_value_by_reference(in_force, name);
  if (!value) {
    throw Error(Errc::invalid_input,
                fmt::format("{} names '{}', which is not one of your values in force on that "
                            "date",
                            flag, std::string(name)));
  }
  return value->id;
}

void set_alignment(JournalEntry& entry, ValueId id, int rating) {
  for (auto& alignment : entry.value_alignments) {
    if (alignment.value == id) {
      alignment.rating = rating;
      return;
    }
  }
  entry.value_alignments.push_back(ValueAlignment{.value = id, .rating = rating});
}

}  // namespace

void EntryFlags::apply(JournalEntry& entry, std::span<const Value> in_force) const {
  const auto set_rating = [](std::optional<int>& field, const std::string& given,
                             const RatingScale& scale, std::string_view flag) {
    if (given.empty()) return;
    field = optional_rating(given, flag);
    check_rating(scale, field, flag);
  };
  set_rating(entry.before.mood, mood_before, mood_scale, "--mood-before");
  set_rating(entry.after.mood, mood_after, mood_scale, "--mood-after");
  set_rating(entry.before.energy, energy_before, energy_scale, "--energy-before");
  set_rating(entry.after.energy, energy_after, energy_scale, "--energy-after");
  set_rating(entry.enjoyment, enjoyment, enjoyment_scale, "--enjoyment");
  set_rating(entry.effort, effort, effort_scale, "--effort");
  set_rating(entry.alignment, alignment, alignment_scale, "--alignment");
  set_rating(entry.cue_rating, cue_rating, cue_scale, "--cue-rating");
  for (const auto& assignment : align) {
    const auto [name, rating_text] = split_assignment(assignment, "--align");
    const ValueId id = value_in_force(in_force, name, "--align");
    const auto rating = static_cast<int>(parse_whole(rating_text, "--align " + name));
    check_rating(alignment_scale, rating, fmt::format("--align {}", name));
    set_alignment(entry, id, rating);
  }
  if (!motive.empty()) entry.motive = parse_motive(motive, in_force);
  if (!company.empty()) entry.context.company = parse_company(company);
  if (!route_kind.empty()) entry.context.route = parse_route_novelty(route_kind);
  if (!setting.empty()) entry.context.setting = parse_setting(setting);
  if (!audio.empty()) entry.context.audio = parse_audio(audio);
  if (!weather.empty()) entry.context.weather = weather;
  if (!text.empty()) entry.text = text;
}

void EntryFlags::take_answers(const JournalEntry& entry) {
  const auto take = [](std::string& flag, const std::optional<int>& rating) {
    if (flag.empty() && rating) flag = std::to_string(*rating);
  };
  take(mood_before, entry.before.mood);
  take(mood_after, entry.after.mood);
  take(energy_before, entry.before.energy);
  take(energy_after, entry.after.energy);
  take(enjoyment, entry.enjoyment);
  take(effort, entry.effort);
  take(alignment, entry.alignment);
  take(cue_rating, entry.cue_rating);
  if (align.empty()) {
    for (const auto& rated : entry.value_alignments) {
      align.push_back(fmt::format("{}={}", rated.value.value, rated.rating));
    }
  }
  if (motive.empty()) {
    if (entry.motive.value) motive = std::to_string(entry.motive.value->value);
    if (entry.motive.push) motive = outside_push_name(*entry.motive.push);
  }
  if (company.empty() && entry.context.company) company = company_name(*entry.context.company);
  if (route_kind.empty() && entry.context.route) {
    route_kind = route_novelty_name(*entry.context.route);
  }
  if (setting.empty() && entry.context.setting) setting = setting_name(*entry.context.setting);
  if (audio.empty() && entry.context.audio) audio = audio_name(*entry.context.audio);
  if (weather.empty()) weather = entry.context.weather;
  if (text.empty()) text = entry.text;
}

std::optional<std::string> form_cue_on(const app::JournalService& service, LocalDate day) {
  const auto experiment = service.form_cue_experiment_on(day);
  if (!experiment) return std::nullopt;
  return experiment->goal->cue;
}

void ask_entry(Prompter& prompter, std::ostream& out, JournalEntry& entry,
               std::span<const Value> in_force, const std::vector<std::string>& prompts,
               const std::optional<std::string>& cue) {
  const auto ask_rating = [&](std::optional<int>& field, std::string_view question,
                              const RatingScale& scale) {
    if (!field && !prompter.closed()) field = prompter.rating(question, scale);
  };
  ask_rating(entry.before.mood, "Mood before the run", mood_scale);
  ask_rating(entry.after.mood, "Mood after", mood_scale);
  ask_rating(entry.before.energy, "Energy before", energy_scale);
  ask_rating(entry.after.energy, "Energy after", energy_scale);
  ask_rating(entry.enjoyment, "How much did you enjoy it", enjoyment_scale);
  ask_rating(entry.effort, "How hard did it feel (RPE)", effort_scale);
  if (cue) {
    ask_rating(entry.cue_rating,
               fmt::format("Your form cue, '{}': how well did you keep it", visible(*cue)),
               cue_scale);
  }
  if (!in_force.empty() && entry.value_alignments.empty() && !prompter.closed()) {
    out << "How well did this run serve each of your values?\n";
    for (const auto& value : in_force) {
      if (const auto rating =
              prompter.rating(fmt::format("  {}", visible(value.name)), alignment_scale)) {
        entry.value_alignments.push_back(ValueAlignment{.value = value.id, .rating = *rating});
      }
      if (prompter.closed()) break;
    }
  }
  ask_rating(entry.alignment, "Overall, how aligned with your values was it", alignment_scale);
  if (!entry.motive.value && !entry.motive.push && !prompter.closed()) {
    if (auto motive = prompter.parsed<Motive>(
            "What got you out of the door (a value, or guilt, habit, kudos, race_preparation, "
            "...):",
            [&](std::string_view text) { return parse_motive(text, in_force); })) {
      entry.motive = *motive;
    }
  }
  if (!entry.context.company && !prompter.closed()) {
    entry.context.company =
        prompter.parsed<Company>("Company (alone, friend, group, family):",
                                 [](std::string_view t) { return parse_company(t); });
  }
  if (!entry.context.route && !prompter.closed()) {
    entry.context.route = prompter.parsed<RouteNovelty>(
        "Route (new, familiar, mixed):", [](std::string_view t) { return parse_route_novelty(t); });
  }
  if (!entry.context.audio && !prompter.closed()) {
    entry.context.audio =
        prompter.parsed<Audio>("Audio (silence, music, podcast, audiobook, conversation):",
                               [](std::string_view t) { return parse_audio(t); });
  }
  if (entry.text.empty() && !prompter.closed()) {
    for (const auto& prompt : prompts) out << "  · " << visible(prompt) << '\n';
    if (auto text = prompter.text("Your thoughts:")) entry.text = *text;
  }
}

}  // namespace cairn::cli
