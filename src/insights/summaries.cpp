// The sections that describe rather than compare groups: miles and minutes, whether
// motivation is holding, the mood lift, and importance against what was lived.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "cairn/core/checkin.hpp"
#include "cairn/core/value.hpp"

#include "engine.hpp"

namespace cairn::insights::detail {
namespace {

// The windows the sections look through, in days before the end of as_of.
constexpr int recent_days = 42;     // "lately": six weeks
constexpr int trend_days = 84;      // a trend needs more points: twelve weeks
constexpr int baseline_days = 182;  // the runner's usual: the half-year before "lately"
constexpr int lived_days = 56;      // importance against the last eight weeks
constexpr std::size_t longest_kept = 5;

int monday_of(int day) {
  const std::chrono::weekday weekday{std::chrono::sys_days{std::chrono::days{day}}};
  return day - static_cast<int>((weekday.c_encoding() + 6) % 7);
}

double seconds_of(const Run& run) {
  if (run.moving) return run.moving->count();
  if (run.elapsed) return run.elapsed->count();
  return 0.0;
}

RunMark mark_of(const Observation& seen) {
  RunMark mark{.run = seen.run->id,
               .on = seen.on,
               .distance_m = 0.0,
               .seconds = seconds_of(*seen.run),
               .pace_s_per_km = std::nullopt};
  if (seen.run->distance) mark.distance_m = seen.run->distance->meters();
  if (mark.distance_m > 0.0 && mark.seconds > 0.0) {
    mark.pace_s_per_km = mark.seconds / (mark.distance_m / 1000.0);
  }
  return mark;
}

}  // namespace

Volume volume_of(std::span<const Observation> runs, LocalDate as_of) {
  Volume volume;
  volume.total_runs = runs.size();
  if (runs.empty()) return volume;
  const int last_day = day_number(as_of);
  const int first_monday = monday_of(runs.front().day);
  const int last_monday = monday_of(last_day);
  const int week_count = (last_monday - first_monday) / 7 + 1;
  volume.weeks.resize(static_cast<std::size_t>(week_count));
  for (std::size_t i = 0; i < volume.weeks.size(); ++i) {
    volume.weeks[i].monday = date_of_day(first_monday + static_cast<int>(i) * 7);
  }
  std::vector<RunMark> marks;
  for (const auto& seen : runs) {
    const RunMark mark = mark_of(seen);
    Week& week = volume.weeks[static_cast<std::size_t>((monday_of(seen.day) - first_monday) / 7)];
    week.distance_m += mark.distance_m;
    week.seconds += mark.seconds;
    ++week.runs;
    volume.total_distance_m += mark.distance_m;
    volume.total_seconds += mark.seconds;
    marks.push_back(mark);
  }
  // Streaks of weeks with a run. The week of as_of still under way does not break one.
  std::size_t streak = 0;
  for (std::size_t i = 0; i < volume.weeks.size(); ++i) {
    streak = volume.weeks[i].runs > 0 ? streak + 1 : 0;
    volume.longest_streak_weeks = std::max(volume.longest_streak_weeks, streak);
  }
  std::size_t current = 0;
  for (std::size_t i = volume.weeks.size(); i-- > 0;) {
    if (volume.weeks[i].runs > 0) {
      ++current;
    } else if (i + 1 != volume.weeks.size()) {
      break;
    }
  }
  volume.current_streak_weeks = current;
  for (std::size_t i = 1; i < runs.size(); ++i) {
    const int gap = runs[i].day - runs[i - 1].day;
    volume.longest_gap_days = std::max(volume.longest_gap_days.value_or(0), gap);
  }

  std::vector<double> pace_days;
  std::vector<double> paces;
  std::vector<double> heart_days;
  std::vector<double> hearts;
  for (const auto& seen : runs) {
    if (seen.day <= last_day - baseline_days) continue;
    const RunMark mark = mark_of(seen);
    if (mark.pace_s_per_km) {
      pace_days.push_back(seen.day);
      paces.push_back(*mark.pace_s_per_km);
    }
    if (seen.run->avg_heart_rate_bpm) {
      heart_days.push_back(seen.day);
      hearts.push_back(*seen.run->avg_heart_rate_bpm);
    }
  }
  volume.pace_trend = weekly_trend(pace_days, paces);
  volume.heart_rate_trend = weekly_trend(heart_days, hearts);

  std::vector<RunMark> by_distance = marks;
  std::stable_sort(by_distance.begin(), by_distance.end(),
                   [](const RunMark& a, const RunMark& b) { return a.distance_m > b.distance_m; });
  for (const auto& mark : by_distance) {
    if (volume.longest_runs.size() == longest_kept || mark.distance_m <= 0.0) break;
    volume.longest_runs.push_back(mark);
  }
  const std::array<std::pair<const char*, double>, 4> efforts{
      {{"5k", 5000.0}, {"10k", 10000.0}, {"half_marathon", 21097.5}, {"marathon", 42195.0}}};
  for (const auto& [name, meters] : efforts) {
    const RunMark* best = nullptr;
    for (const auto& mark : marks) {
      if (mark.distance_m < meters || !mark.pace_s_per_km) continue;
      if (best == nullptr || *mark.pace_s_per_km < *best->pace_s_per_km) best = &mark;
    }
    if (best != nullptr) volume.best_efforts.emplace_back(name, *best);
  }
  return volume;
}

Motivation motivation_of(const JournalData& data, std::span<const Observation> runs,
                         LocalDate as_of) {
  Motivation motivation;
  const int end = day_number(as_of) + 1;  // the end of as_of
  const auto mean_of = [](const std::vector<double>& values) -> std::optional<double> {
    const auto summary = summarize(values);
    return summary ? std::optional<double>(summary->mean) : std::nullopt;
  };
  std::vector<double> recent;
  std::vector<double> earlier;
  std::vector<double> trend_days_seen;
  std::vector<double> trend_values;
  for (const auto& seen : runs) {
    const auto& enjoyment = seen.outcome(Outcome::enjoyment);
    if (!enjoyment) continue;
    const int age = end - seen.day;
    if (age <= recent_days) {
      recent.push_back(*enjoyment);
    } else if (age <= recent_days + baseline_days) {
      earlier.push_back(*enjoyment);
    }
    if (age <= trend_days) {
      trend_days_seen.push_back(seen.day);
      trend_values.push_back(*enjoyment);
    }
  }
  motivation.recent_enjoyment = mean_of(recent);
  motivation.earlier_enjoyment = mean_of(earlier);
  motivation.enjoyment_trend = weekly_trend(trend_days_seen, trend_values);

  std::vector<double> checkin_days;
  std::vector<double> scores;
  for (const auto& checkin : data.checkins) {
    const int day = day_number(checkin.on);
    if (day >= end || end - day > baseline_days) continue;
    if (const auto score = self_direction_score(checkin.motivation)) {
      checkin_days.push_back(day);
      scores.push_back(*score);
    }
  }
  // Check-ins are weekly: fewer points than runs, so the trend asks for fewer too.
  constexpr std::size_t min_checkins = 6;
  motivation.self_direction_trend = weekly_trend(checkin_days, scores, min_checkins);

  std::vector<double> usual_gaps;
  std::vector<double> recent_gaps;
  for (std::size_t i = 1; i < runs.size(); ++i) {
    const double gap = runs[i].start_days - runs[i - 1].start_days;
    const int age = end - runs[i].day;
    if (age <= recent_days) {
      recent_gaps.push_back(gap);
    } else if (age <= recent_days + baseline_days) {
      usual_gaps.push_back(gap);
    }
  }
  if (!runs.empty()) {
    const double since = static_cast<double>(end) - runs.back().start_days;
    motivation.days_since_last_run = since;
    // The gap still open counts once it is longer than any closed one lately: a runner who
    // stopped three weeks ago has a three-week gap, not none.
    const double longest_recent =
        recent_gaps.empty() ? 0.0 : *std::max_element(recent_gaps.begin(), recent_gaps.end());
    if (since > longest_recent && since <= recent_days) recent_gaps.push_back(since);
  }
  motivation.usual_gap_days = median(usual_gaps);
  motivation.long_gap_days = quantile(usual_gaps, 0.9);
  if (!usual_gaps.empty() && !recent_gaps.empty()) {
    motivation.gaps_recent_vs_usual =
        compare_values(Outcome::days_to_next_run, recent_gaps, usual_gaps);
  }
  return motivation;
}

std::vector<ImportanceVsLived> importance_vs_lived(const JournalData& data,
                                                   std::span<const Observation> runs,
                                                   LocalDate as_of) {
  const int end = day_number(as_of) + 1;
  std::vector<const Observation*> recent;
  // The values held on each recent run's day, worked out once for every value below.
  std::vector<std::vector<Value>> held_on;
  for (const auto& seen : runs) {
    if (end - seen.day <= lived_days && seen.entry != nullptr) {
      recent.push_back(&seen);
      held_on.push_back(value_set_at(data.value_history, seen.on));
    }
  }
  std::vector<ImportanceVsLived> out;
  for (const auto& value : value_set_at(data.value_history, as_of)) {
    ImportanceVsLived item;
    item.value = value.id;
    item.value_name = value.name;
    item.importance = value.importance;
    // Only runs on days the value was held: a value named today was not "not lived" by the
    // runs before it.
    double rating_sum = 0.0;
    for (std::size_t i = 0; i < recent.size(); ++i) {
      const Observation* seen = recent[i];
      if (std::none_of(held_on[i].begin(), held_on[i].end(),
                       [&](const Value& then) { return then.id == value.id; })) {
        continue;
      }
      ++item.recent_runs;
      for (const auto& alignment : seen->entry->value_alignments) {
        if (alignment.value != value.id) continue;
        ++item.rated_runs;
        rating_sum += alignment.rating;
        if (alignment.rating >= well_aligned_rating) ++item.aligned_runs;
      }
    }
    // A runner who never rated it lately has said nothing about living it: no share.
    if (item.rated_runs > 0) {
      item.lived_share =
          static_cast<double>(item.aligned_runs) / static_cast<double>(item.recent_runs);
    }
    if (item.rated_runs > 0)
      item.mean_alignment = rating_sum / static_cast<double>(item.rated_runs);
    std::vector<double> areas;
    for (const auto& checkin : data.checkins) {
      const int day = day_number(checkin.on);
      if (day >= end || end - day > lived_days) continue;
      for (const auto& area : checkin.areas) {
        if (area.value == value.id) areas.push_back(area.rating);
      }
    }
    if (const auto summary = summarize(areas)) item.life_area_mean = summary->mean;
    // Lived: the share of recent runs that lived it well, and (when check-ins say) how life
    // in its area went, on the same 0-1 footing as importance/10.
    if (item.lived_share) {
      const double lived = item.life_area_mean
                               ? (*item.lived_share + *item.life_area_mean / 10.0) / 2.0
                               : *item.lived_share;
      item.gap = value.importance / 10.0 - lived;
    }
    out.push_back(std::move(item));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.gap.value_or(-2.0) > b.gap.value_or(-2.0);
  });
  return out;
}

MoodLift mood_lift_of(std::span<const Observation> runs) {
  MoodLift lift;
  std::vector<double> lifts;
  for (const auto& seen : runs) {
    if (const auto& value = seen.outcome(Outcome::mood_lift)) lifts.push_back(*value);
  }
  lift.n = lifts.size();
  if (const auto summary = summarize(lifts)) lift.mean = summary->mean;
  lift.interval = mean_interval(lifts, interval_level);
  return lift;
}

std::vector<RouteUse> routes_of(std::span<const Observation> runs,
                                std::span<const KnownRoute> known) {
  // Counted over the runs up to as_of, so a route run twice only later is not listed yet.
  std::map<std::int64_t, std::vector<const Observation*>> runs_of_route;
  for (const auto& seen : runs) {
    if (seen.route) runs_of_route[*seen.route].push_back(&seen);
  }
  std::vector<RouteUse> out;
  for (const auto& route : known) {
    const auto found = runs_of_route.find(route.id);
    if (found == runs_of_route.end() || found->second.size() < 2) continue;
    const auto& its_runs = found->second;  // oldest first, as `runs`
    RouteUse use;
    use.route = route.id;
    use.named = !route.name.empty();
    use.name = route_display_name(route.name, its_runs.front()->on);
    use.runs = its_runs.size();
    use.first_on = its_runs.front()->on;
    use.last_on = its_runs.back()->on;
    std::vector<double> enjoyment;
    std::vector<double> lift;
    for (const auto* seen : its_runs) {
      if (const auto& value = seen->outcome(Outcome::enjoyment)) enjoyment.push_back(*value);
      if (const auto& value = seen->outcome(Outcome::mood_lift)) lift.push_back(*value);
    }
    if (const auto summary = summarize(enjoyment)) use.mean_enjoyment = summary->mean;
    if (const auto summary = summarize(lift)) use.mean_mood_lift = summary->mean;
    out.push_back(std::move(use));
  }
  std::stable_sort(out.begin(), out.end(), [](const RouteUse& a, const RouteUse& b) {
    return a.runs != b.runs ? a.runs > b.runs : a.last_on > b.last_on;
  });
  if (out.size() > routes_listed) out.resize(routes_listed);
  return out;
}

}  // namespace cairn::insights::detail
