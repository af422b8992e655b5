#include "render.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "table.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {

std::string value_name(std::span<const Value> values, ValueId id) {
  for (const auto& value : values) {
    if (value.id == id) return visible(value.name);
  }
  return fmt::format("#{}", id.value);
}

std::string or_dash(const std::optional<int>& value) {
  return value ? std::to_string(*value) : "—";
}

namespace {

// Whether the run's pace is over a moving time that reads differently from its elapsed time:
// then the time shown beside the pace must be the moving one, or the two disagree.
bool paced_over_moving_time(const Run& run) {
  return run.moving &&
         (!run.elapsed || format_duration(*run.moving) != format_duration(*run.elapsed));
}

}  // namespace

std::string run_summary(const Run& run, UnitSystem units) {
  std::string out = fmt::format("{} {}", format_local(run.start), sport_name(run.sport));
  if (run.distance) out += " " + format_distance(*run.distance, units);
  if (run.elapsed) out += " in " + format_duration(*run.elapsed);
  if (paced_over_moving_time(run)) out += fmt::format(", {} moving", format_duration(*run.moving));
  if (!run.title.empty()) out += " — " + visible(run.title);
  return out;
}

void print_values_table(std::ostream& out, std::span<const Value> values) {
  Table table({{"id", Table::Align::right},
               {"value"},
               {"importance", Table::Align::right},
               {"status"},
               {"why it matters"},
               {"how running serves it"}});
  for (const auto& value : values) {
    table.add_row({std::to_string(value.id.value), value.name, std::to_string(value.importance),
                   value.active ? "active" : "retired", shorten(value.why, 40),
                   shorten(value.link, 40)});
  }
  table.print(out);
}

void print_runs_table(std::ostream& out, std::span<const Run> runs,
                      std::span<const JournalEntry> entries, UnitSystem units) {
  // The time column shows the time the pace is over, so that the two agree: the moving time
  // where the watch measured pauses. The header says so when every time shown is a moving
  // one; in a mix, each moving time says so itself.
  const auto timed = [](const Run& run) { return pace_time(run).has_value(); };
  const bool any_moving = std::any_of(runs.begin(), runs.end(), paced_over_moving_time);
  const bool all_moving = any_moving && std::all_of(runs.begin(), runs.end(), [&](const Run& run) {
                            return !timed(run) || paced_over_moving_time(run);
                          });
  Table table({{"id", Table::Align::right},
               {"start"},
               {"sport"},
               {"distance", Table::Align::right},
               {all_moving ? "time (moving)" : "time", Table::Align::right},
               {"pace", Table::Align::right},
               {"enjoyed", Table::Align::right},
               {"title"}});
  for (const auto& run : runs) {
    std::optional<int> enjoyment;
    for (const auto& entry : entries) {
      if (entry.run == run.id) enjoyment = entry.enjoyment;
    }
    const auto pace = pace_of(run);
    const auto time = pace_time(run);
    std::string time_cell = time ? format_duration(*time) : "—";
    if (!all_moving && paced_over_moving_time(run)) time_cell += " (moving)";
    table.add_row(
        {std::to_string(run.id.value), format_local(run.start), std::string(sport_name(run.sport)),
         run.distance ? format_distance(*run.distance, units) : "—", time_cell,
         pace ? format_pace(*pace, units) : "—", enjoyment ? fmt::format("{}/10", *enjoyment) : "—",
         (run.review.empty() ? "" : "(check) ") +
             shorten(run.title.empty() ? run.route_name : run.title, 30)});
  }
  table.print(out);
}

void print_run(std::ostream& out, const Run& run, UnitSystem units) {
  out << fmt::format("Run #{}  {} ({})\n", run.id.value, format_local(run.start),
                     visible(zone_display_name(run.start.zone)));
  if (!run.title.empty()) out << "  title:          " << visible(run.title) << '\n';
  out << "  sport:          " << sport_name(run.sport) << '\n';
  if (run.distance) out << "  distance:       " << format_distance(*run.distance, units) << '\n';
  if (run.elapsed) out << "  elapsed:        " << format_duration(*run.elapsed) << '\n';
  if (run.moving) out << "  moving:         " << format_duration(*run.moving) << '\n';
  if (const auto pace = pace_of(run)) {
    out << "  pace:           " << format_pace(*pace, units)
        << (paced_over_moving_time(run) ? " (over the moving time)" : "") << '\n';
  }
  if (run.elevation_gain) {
    out << fmt::format("  elevation gain: {:.0f} m\n", run.elevation_gain->meters());
  }
  if (run.avg_heart_rate_bpm) out << "  heart rate:     " << *run.avg_heart_rate_bpm << " bpm avg";
  if (run.max_heart_rate_bpm) out << ", " << *run.max_heart_rate_bpm << " max";
  if (run.avg_heart_rate_bpm || run.max_heart_rate_bpm) out << '\n';
  if (run.avg_cadence_spm)
    out << fmt::format("  cadence:        {:.0f} spm\n", *run.avg_cadence_spm);
  if (!run.route_name.empty()) out << "  route:          " << visible(run.route_name) << '\n';
  if (!run.notes.empty())
    out << "  notes:          " << visible(run.notes, LineBreaks::keep) << '\n';
  out << "  source:         " << run_source_name(run.source) << '\n';
  if (!run.review.empty()) out << "  to check:       " << run.review << '\n';
  if (!run.laps.empty()) out << "  laps:\n";
  for (std::size_t i = 0; i < run.laps.size(); ++i) {
    const auto& lap = run.laps[i];
    const auto pace = lap.distance ? pace_of(*lap.distance, lap.elapsed) : std::nullopt;
    out << fmt::format(
        "    lap {:>2}  {:>10}  {:>8}  {:>10}  {}\n", i + 1,
        lap.distance ? format_distance(*lap.distance, units) : "—", format_duration(lap.elapsed),
        pace ? format_pace(*pace, units) : "—",
        lap.avg_heart_rate_bpm ? fmt::format("{} bpm", *lap.avg_heart_rate_bpm) : "");
  }
}

void print_track(std::ostream& out, std::span<const Split> splits, const TrackSummary& track,
                 UnitSystem units) {
  const std::string_view unit = units == UnitSystem::imperial ? "mi" : "km";
  if (!splits.empty()) out << fmt::format("  splits (per {}, from the track):\n", unit);
  for (const auto& split : splits) {
    out << fmt::format(
        "    {} {:>2}  {:>10}  {:>8}  {:>10}  {}\n", unit, split.number,
        format_distance(split.distance, units), format_duration(split.elapsed),
        split.pace ? format_pace(*split.pace, units) : "—",
        split.avg_heart_rate_bpm ? fmt::format("{} bpm", *split.avg_heart_rate_bpm) : "");
  }
  out << fmt::format("  track:          {} points over {}", track.points,
                     format_duration(track.duration));
  if (track.bounds) {
    const auto& box = *track.bounds;
    out << fmt::format(", within {:.4f},{:.4f} to {:.4f},{:.4f}", box.south_deg, box.west_deg,
                       box.north_deg, box.east_deg);
  }
  if (track.elevation_gain) {
    out << fmt::format(", {:.0f} m climbed", track.elevation_gain->meters());
  }
  out << '\n';
}

void print_ground(std::ostream& out, const app::RunGroundSummary& ground) {
  // Rounded down: 100% only when every cell of the run was run before.
  out << fmt::format("  ground:         {:.0f}% on ground you have run before",
                     std::floor(ground.familiar_share * 100.0));
  if (ground.route) {
    out << fmt::format("; route: {}, run {} times", visible(ground.route_name),
                       ground.route->runs.size());
  }
  out << '\n';
}

void print_entry(std::ostream& out, const JournalEntry& entry, std::span<const Value> values) {
  out << fmt::format("Journal entry #{}  {}{}\n", entry.id.value, format_local(entry.at),
                     entry.run ? fmt::format("  (run #{})", entry.run->value) : "");
  out << fmt::format("  mood:      {} → {}   energy: {} → {}\n", or_dash(entry.before.mood),
                     or_dash(entry.after.mood), or_dash(entry.before.energy),
                     or_dash(entry.after.energy));
  out << fmt::format("  enjoyment: {}   effort: {}   alignment: {}\n", or_dash(entry.enjoyment),
                     or_dash(entry.effort), or_dash(entry.alignment));
  for (const auto& alignment : entry.value_alignments) {
    out << fmt::format("  · {}: {}/10\n", value_name(values, alignment.value), alignment.rating);
  }
  if (entry.cue_rating) out << fmt::format("  form cue:  {}/10\n", *entry.cue_rating);
  if (entry.motive.value) out << "  motive:    " << value_name(values, *entry.motive.value) << '\n';
  if (entry.motive.push) out << "  motive:    " << outside_push_name(*entry.motive.push) << '\n';
  std::vector<std::string> context;
  if (entry.context.company) context.emplace_back(company_name(*entry.context.company));
  if (entry.context.route)
    context.push_back(std::string(route_novelty_name(*entry.context.route)) + " route");
  if (entry.context.setting) context.emplace_back(setting_name(*entry.context.setting));
  if (entry.context.audio) context.emplace_back(audio_name(*entry.context.audio));
  if (!entry.context.weather.empty()) context.push_back(visible(entry.context.weather));
  if (!context.empty())
    out << "  context:   " << fmt::format("{}", fmt::join(context, ", ")) << '\n';
  if (!entry.text.empty()) out << '\n' << visible(entry.text, LineBreaks::keep) << '\n';
}

void print_experiment(std::ostream& out, const Experiment& experiment,
                      std::span<const Value> values, UnitSystem units) {
  out << fmt::format("Experiment #{}  {} — {}\n", experiment.id.value,
                     value_name(values, experiment.value), visible(experiment.practice));
  if (!experiment.question.empty()) out << "  question:   " << visible(experiment.question) << '\n';
  out << fmt::format("  period:     {} to {}\n", format_date(experiment.starts_on),
                     format_date(experiment.ends_on));
  if (experiment.goal)
    out << "  goal:       " << visible(describe_goal(*experiment.goal, units)) << '\n';
  out << fmt::format("  runs:       {}\n", experiment.runs.size());
  if (experiment.ended_on) {
    out << fmt::format("  ended:      {} — {}\n", format_date(*experiment.ended_on),
                       experiment.decision ? experiment_decision_name(*experiment.decision) : "");
    if (!experiment.reflection.empty())
      out << "  reflection: " << visible(experiment.reflection, LineBreaks::keep) << '\n';
  } else {
    out << "  status:     open\n";
  }
}

}  // namespace cairn::cli
