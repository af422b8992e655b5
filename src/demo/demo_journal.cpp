#include "cairn/demo/demo_journal.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/track.hpp"

#include "geometry.hpp"
#include "random.hpp"
#include "texts.hpp"

namespace cairn::demo {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Independent streams of random numbers, so that the track of one run does not change when
// the story draws one number more or less.
enum Stream : std::uint64_t {
  story_stream = 1,
  run_stream = 2,
  track_stream = 3,
  entry_stream = 4,
  checkin_stream = 5,
  terrain_stream = 6,
  file_stream = 7,
};

constexpr ValueId adventure{1};
constexpr ValueId clear_mind{2};
constexpr ValueId health{3};
constexpr ValueId belonging{4};
constexpr ValueId achievement{5};
constexpr ValueId family{6};

constexpr int decline_days = 42;

int clamp_round(double value, int low, int high) {
  return std::clamp(static_cast<int>(std::lround(value)), low, high);
}

double clamp01(double value) { return std::clamp(value, 0.0, 1.0); }

// A span of days, `from` included, `to` excluded.
struct Period {
  sys_days from{};
  sys_days to{};
  [[nodiscard]] bool holds(sys_days day) const { return day >= from && day < to; }
  [[nodiscard]] bool overlaps(const Period& other) const {
    return from < other.to && other.from < to;
  }
};

int iso_weekday(sys_days day) { return static_cast<int>(std::chrono::weekday{day}.iso_encoding()); }

int month_of(sys_days day) {
  return static_cast<int>(static_cast<unsigned>(std::chrono::year_month_day{day}.month()));
}

// The shape of the runner's years: when things happen, as days.
struct Timeline {
  sys_days start{};
  sys_days end{};  // as_of: nothing happens on or after it
  Period injury{};
  sys_days first_review{};
  sys_days family_added{};
  sys_days second_review{};
  Period club_experiment{};
  Period quiet_experiment{};
  Period new_route_experiment{};
  Period easy_experiment{};  // still open on as_of
  sys_days decline_from{};
  std::vector<Period> holidays{};

  [[nodiscard]] bool resting(sys_days day) const {
    if (injury.holds(day)) return true;
    return std::any_of(holidays.begin(), holidays.end(),
                       [&](const Period& holiday) { return holiday.holds(day); });
  }
  // The runner's fitness: the speed they can hold for an hour, in m/s. It rises with the
  // marathon plan, falls with the injury, and comes back slowly.
  [[nodiscard]] double threshold_mps(sys_days day) const {
    const std::array<std::pair<sys_days, double>, 5> knots{{{start, 3.30},
                                                            {injury.from, 3.50},
                                                            {injury.to, 3.22},
                                                            {injury.to + days{120}, 3.40},
                                                            {end, 3.45}}};
    if (day <= knots.front().first) return knots.front().second;
    for (std::size_t i = 1; i < knots.size(); ++i) {
      if (day <= knots[i].first) {
        const auto width = static_cast<double>((knots[i].first - knots[i - 1].first).count());
        const double t =
            width > 0.0 ? static_cast<double>((day - knots[i - 1].first).count()) / width : 1.0;
        return knots[i - 1].second + (knots[i].second - knots[i - 1].second) * t;
      }
    }
    return knots.back().second;
  }
  // How far into the last weeks' decline a day is: 0 before it, up to 1 on as_of.
  [[nodiscard]] double decline(sys_days day) const {
    if (day < decline_from) return 0.0;
    return clamp01(static_cast<double>((day - decline_from).count()) / decline_days);
  }
};

sys_days years_before(LocalDate day, int years) {
  const LocalDate back = day - std::chrono::years{years};
  if (back.ok()) return sys_days{back};
  return sys_days{back.year() / back.month() / std::chrono::last};  // from 29 February
}

Timeline make_timeline(const DemoOptions& options, Random& random) {
  Timeline line;
  line.end = sys_days{options.as_of};
  line.start = years_before(options.as_of, options.years);
  const auto span = (line.end - line.start).count();
  const auto at = [&](double share) {
    return line.start + days{static_cast<int>(static_cast<double>(span) * share)};
  };
  line.decline_from = line.end - days{decline_days};
  line.injury = {at(0.30), at(0.30) + days{42}};
  line.first_review = line.injury.from + days{35};
  line.club_experiment = {at(0.12), at(0.12) + days{56}};
  line.quiet_experiment = {line.injury.to + days{56}, line.injury.to + days{98}};
  line.family_added = std::max(at(0.55), line.quiet_experiment.to + days{7});
  line.second_review = std::max(at(0.68), line.family_added + days{14});
  const sys_days adventure_start = std::min(at(0.78), line.decline_from - days{49});
  const sys_days exploring = std::max(adventure_start, line.second_review + days{7});
  line.new_route_experiment = {exploring, exploring + days{42}};
  line.easy_experiment = {line.end - days{20}, line.end + days{9}};
  // A summer holiday each year, when it does not fall on the story's other events.
  const std::array<Period, 5> busy{line.injury, line.club_experiment, line.quiet_experiment,
                                   line.new_route_experiment,
                                   Period{line.decline_from - days{14}, line.end}};
  const auto first_year = static_cast<int>(std::chrono::year_month_day{line.start}.year());
  const auto last_year = static_cast<int>(std::chrono::year_month_day{line.end}.year());
  for (int year = first_year; year <= last_year; ++year) {
    const sys_days from =
        sys_days{std::chrono::year{year} / std::chrono::July / 20} + days{random.integer(0, 20)};
    const Period holiday{from, from + days{random.integer(10, 16)}};
    if (holiday.from < line.start + days{14} || holiday.to > line.end) continue;
    const bool clash = std::any_of(busy.begin(), busy.end(),
                                   [&](const Period& other) { return holiday.overlaps(other); });
    if (!clash) line.holidays.push_back(holiday);
  }
  return line;
}

// --- the runner's values ---------------------------------------------------------------------

Value make_value(ValueId id, std::string name, std::string_view key, int importance) {
  Value value;
  value.id = id;
  value.name = std::move(name);
  value.importance = importance;
  value.catalogue_key = std::string(key);
  return value;
}

std::vector<Value> initial_values() {
  Value adventure_value = make_value(adventure, "Adventure", "adventure", 9);
  adventure_value.description = "New places, new paths, not knowing what is round the corner.";
  adventure_value.why = "I feel most alive somewhere I have never been.";
  adventure_value.link = "Running lets me explore the city and the hills beyond it on my own feet.";
  adventure_value.practices = {"run a route I have never run",
                               "take the train somewhere and run back"};

  Value clear = make_value(clear_mind, "Clear mind", "clear_mind", 6);
  clear.description = "Time to myself, a head with room in it.";
  clear.why = "Work and home are loud; I think better after a quiet hour.";
  clear.link = "A run before work, alone, is where my thoughts settle.";
  clear.practices = {"a solo run with no music", "the river loop before work"};

  Value health_value = make_value(health, "Health", "health", 7);
  health_value.description = "A body that carries me well for decades.";
  health_value.why = "My father's heart trouble started at fifty.";
  health_value.link = "Regular easy running keeps my blood pressure and my mood in check.";
  health_value.practices = {"three easy runs a week", "keep the heart rate low on easy days"};

  Value club = make_value(belonging, "Belonging", "connection", 6);
  club.description = "Being part of the running club.";
  club.why = "I moved here knowing no one; the club became my people.";
  club.link = "Thursday club nights are where I meet friends.";
  club.practices = {"run with the club on Thursdays", "invite a friend for the long run"};

  Value goal = make_value(achievement, "Achievement", "achievement", 7);
  goal.description = "Reaching a goal I set and seeing the work pay off.";
  goal.why = "I want to know I can run a marathon in under four hours.";
  goal.link = "A training plan gives every run a purpose.";
  goal.practices = {"follow the marathon plan", "a tempo run on Tuesdays"};
  return {adventure_value, clear, health_value, club, goal};
}

Value family_value() {
  Value value = make_value(family, "Family", "family", 8);
  value.description = "Time with Sam and the kids.";
  value.why = "The children grow up fast; I want to be there, and to show them moving is fun.";
  value.link = "Saturday runs in the park with the kids on their bikes.";
  value.practices = {"a slow Saturday run with the kids"};
  return value;
}

// --- runs ------------------------------------------------------------------------------------

enum class Kind : std::uint8_t { easy, long_run, club, family_run, tempo, treadmill };
enum class Route : std::uint8_t { river, park, streets, club_loop, lake, fresh, mixed, none };

// Everything decided about a run before it is run.
struct Plan {
  sys_days day{};
  int start_s = 0;  // local seconds since midnight
  Kind kind = Kind::easy;
  Route route = Route::river;
  Company company = Company::alone;
  Audio audio = Audio::silence;
  Setting setting = Setting::park;
  Sport sport = Sport::road;
  double distance_m = 0.0;
  double speed_factor = 0.8;  // of the day's threshold speed
  bool tempo = false;
  int stops = 0;
  double heart_offset_bpm = 0.0;
  bool quiet_tag = false;  // tagged in the clear-mind experiment
  bool club_tag = false;
  bool new_route_tag = false;
  bool easy_tag = false;
  std::string route_name{};
  bool trailhead = false;  // a new place, reached by train or car
};

struct Built {
  Run run;
  std::vector<TrackPoint> track;
};

class Generator {
 public:
  explicit Generator(const DemoOptions& options)
      : options_(options),
        story_(stream_seed(options.seed, story_stream)),
        timeline_(make_timeline(options, story_)),
        home_(home_for_zone(options.home_zone)),
        terrain_(home_.altitude_m, stream_seed(options.seed, terrain_stream)) {}

  JournalData generate() {
    data_.settings["zone"] = options_.home_zone;
    write_values();
    write_runs();
    write_entries();
    write_experiments();
    write_checkins();
    return std::move(data_);
  }

 private:
  // --- time --------------------------------------------------------------------------------
  [[nodiscard]] ZonedTime local(sys_days day, int seconds) const {
    const int hour = seconds / 3600;
    const int minute = seconds / 60 % 60;
    const std::string date = format_date(LocalDate{day});
    for (int shift = 0; shift < 3; ++shift) {
      try {
        return parse_local_time(fmt::format("{}T{:02}:{:02}:{:02}", date,
                                            std::min(23, hour + shift), minute, seconds % 60),
                                options_.home_zone);
      } catch (const Error&) {
        // A local time skipped by a clock change: an hour later exists.
      }
    }
    return ZonedTime{sys_days{day} + std::chrono::seconds{seconds}, options_.home_zone};
  }

  [[nodiscard]] std::vector<Value> values_on(sys_days day) const {
    return value_set_at(data_.value_history, LocalDate{day});
  }

  [[nodiscard]] bool in_force(ValueId id, sys_days day) const {
    const auto values = values_on(day);
    return std::any_of(values.begin(), values.end(), [&](const Value& v) { return v.id == id; });
  }

  // --- values and reviews ------------------------------------------------------------------
  void record(ValueChangeKind kind, sys_days on, const Value& after, std::string reason,
              std::optional<ReviewId> review = std::nullopt) {
    ValueEvent event;
    event.id = ValueEventId{static_cast<std::int64_t>(data_.value_history.size()) + 1};
    event.kind = kind;
    event.effective_on = LocalDate{on};
    event.recorded_at = local(on, 21 * 3600 + 5 * 60).utc;
    event.reason = std::move(reason);
    event.review = review;
    event.after = after;
    data_.value_history.push_back(std::move(event));
  }

  ReviewId review(sys_days on, std::string trigger, std::string notes) {
    Review review;
    review.id = ReviewId{static_cast<std::int64_t>(data_.reviews.size()) + 1};
    review.on = LocalDate{on};
    review.written_at = local(on, 21 * 3600).utc;
    review.trigger = std::move(trigger);
    review.notes = std::move(notes);
    data_.reviews.push_back(review);
    return review.id;
  }

  void write_values() {
    std::vector<Value> values = initial_values();
    const std::array<std::string_view, 5> reasons{
        "I feel most alive exploring", "the one hour a day that is mine",
        "the check-up scared me a little", "the club made this city home",
        "the marathon: this is the year"};
    for (std::size_t i = 0; i < values.size(); ++i) {
      record(ValueChangeKind::added, timeline_.start, values[i], std::string(reasons[i]));
    }
    Value& clear = values[1];
    Value& health_value = values[2];
    Value& club = values[3];
    Value& goal = values[4];

    const ReviewId first = review(
        timeline_.first_review, "six weeks off with a sore knee",
        "The marathon plan broke me. What I missed in these weeks was not the training but the "
        "quiet mornings by the river. Dropping the race goal; a clear mind matters more to me "
        "than a finishing time.");
    goal.active = false;
    record(ValueChangeKind::retired, timeline_.first_review, goal,
           "the plan turned running into a job; I run for other reasons now", first);
    clear.importance = 8;
    record(ValueChangeKind::reranked, timeline_.first_review, clear,
           "the weeks without running showed me what I missed most", first);

    const Value kids = family_value();
    record(ValueChangeKind::added, timeline_.family_added, kids,
           "Sam and I started running with the kids on Saturdays");

    const ReviewId second =
        review(timeline_.second_review, "my own look back",
               "The club still matters, but differently: fewer Thursdays, the same friends. "
               "Health moves up after the check-up.");
    club.description = "Being part of the club, and keeping the friends I made there.";
    record(ValueChangeKind::reworded, timeline_.second_review, club,
           "fewer club nights now; the friendships stay", second);
    health_value.importance = 8;
    record(ValueChangeKind::reranked, timeline_.second_review, health_value,
           "the check-up: blood pressure fine, and I want to keep it that way", second);
    values.push_back(kids);  // after the changes above: they hold references into `values`
    data_.values = std::move(values);
  }

  // --- the calendar of runs ----------------------------------------------------------------
  // How likely a run is on a day, relative to the runner's usual week: Thursdays (club) and
  // Sundays (the long run) most, Fridays least; fewer in winter, fewer back from injury and
  // around Christmas.
  [[nodiscard]] double day_weight(sys_days day) const {
    constexpr std::array<double, 8> weekday{0.0, 0.9, 1.0, 0.8, 1.25, 0.6, 1.05, 1.4};
    constexpr std::array<double, 13> month{0.0,  0.85, 0.85, 0.95, 1.05, 1.1, 1.1,
                                           1.05, 1.0,  1.05, 1.0,  0.95, 0.85};
    double weight = weekday.at(static_cast<std::size_t>(iso_weekday(day))) *
                    month.at(static_cast<std::size_t>(month_of(day)));
    if (day >= timeline_.injury.to && day < timeline_.injury.to + days{14}) weight *= 0.6;
    const std::chrono::year_month_day date{day};
    if ((date.month() == std::chrono::December && date.day() >= std::chrono::day{24}) ||
        (date.month() == std::chrono::January && date.day() == std::chrono::day{1})) {
      weight *= 0.5;
    }
    return weight;
  }

  // The days of the runs (a day twice for a second run), in order.
  std::vector<std::pair<sys_days, int>> run_days() {
    Random random(stream_seed(options_.seed, run_stream));
    std::vector<std::pair<sys_days, int>> out;
    const double per_day = options_.runs_per_week / 7.0;
    for (sys_days day = timeline_.start; day < timeline_.decline_from; day += days{1}) {
      if (timeline_.resting(day)) continue;
      const double expected = per_day * day_weight(day);
      const int count = expected >= 1.0 ? 1 + (random.chance(expected - 1.0) ? 1 : 0)
                                        : (random.chance(expected) ? 1 : 0);
      for (int slot = 0; slot < count; ++slot) out.emplace_back(day, slot);
    }
    // The last weeks: gaps growing from the usual one to about three times it, and no run in
    // the last few days (the gap a warning should see).
    const double usual_gap = 7.0 / options_.runs_per_week;
    const sys_days quiet_from =
        timeline_.end - days{std::max(3, static_cast<int>(std::lround(3.5 * usual_gap)))};
    sys_days day = timeline_.decline_from;
    while (day < quiet_from) {
      out.emplace_back(day, 0);
      const double gap =
          usual_gap * (1.2 + 2.0 * timeline_.decline(day)) * random.uniform(0.95, 1.05);
      day += days{std::max(1, static_cast<int>(std::lround(gap)))};
    }
    return out;
  }

  // --- planning one run --------------------------------------------------------------------
  Plan plan_run(sys_days day, bool second, bool evening_taken, Random& random) {
    Plan p;
    p.day = day;
    const int weekday = iso_weekday(day);
    const bool weekend = weekday >= 6;
    const bool marathon_plan = day < timeline_.first_review;
    const bool family_days = day >= timeline_.family_added;
    const bool winter = month_of(day) == 12 || month_of(day) <= 2;
    const bool club_experiment = timeline_.club_experiment.holds(day);
    const bool quiet_experiment = timeline_.quiet_experiment.holds(day);
    const bool new_route_experiment = timeline_.new_route_experiment.holds(day);
    const bool easy_experiment = timeline_.easy_experiment.holds(day);
    const double decline = timeline_.decline(day);
    const auto morning = [&] { return random.integer(6 * 3600 + 600, 7 * 3600 + 3000); };
    const auto evening = [&] { return random.integer(17 * 3600 + 2400, 19 * 3600 + 1800); };

    if (second) {
      p.kind = Kind::easy;
      p.route = random.chance(0.5) ? Route::park : Route::streets;
      p.start_s = evening_taken ? morning() : evening();
    } else if ((weekday == 4 && decline < 0.5 && (club_experiment || random.chance(0.75))) ||
               (weekday == 2 && club_experiment)) {
      p.kind = Kind::club;
      p.route = Route::club_loop;
      p.start_s = 18 * 3600 + 1800 + random.integer(0, 240);
      p.club_tag = club_experiment;
    } else if (weekday == 7) {
      p.kind = Kind::long_run;
      p.route = Route::lake;
      p.start_s = random.integer(8 * 3600, 10 * 3600 + 900);
    } else if (weekday == 6 && family_days && random.chance(0.6)) {
      p.kind = Kind::family_run;
      p.route = Route::park;
      p.start_s = random.integer(9 * 3600 + 2700, 11 * 3600);
    } else if (!weekend && winter && !quiet_experiment && random.chance(0.15)) {
      p.kind = Kind::treadmill;
      p.route = Route::none;
      p.start_s = evening();
    } else if (weekday == 2 && marathon_plan && random.chance(0.6)) {
      p.kind = Kind::tempo;
      p.route = random.chance(0.5) ? Route::streets : Route::river;
      p.start_s = evening();
    } else {
      p.kind = Kind::easy;
      p.start_s = random.chance(0.7) ? morning() : evening();
      const double draw = random.uniform();
      const bool first_of_week = new_route_experiment && new_routes_in_week_[week_of(day)] < 2;
      if (first_of_week || draw < 0.24) {
        p.route = Route::fresh;
      } else if (draw < 0.32) {
        p.route = Route::mixed;
      } else {
        const double which = random.uniform();
        p.route = which < 0.45 ? Route::river : (which < 0.7 ? Route::park : Route::streets);
      }
      if (quiet_experiment && !weekend) {
        // The experiment's practice, every weekday: a solo run before work, no music, on a
        // familiar loop.
        p.route = random.chance(0.6) ? Route::river : Route::park;
        p.start_s = morning();
        p.quiet_tag = true;
      }
    }

    // Company and audio.
    switch (p.kind) {
      case Kind::club:
        p.company = Company::with_group;
        p.audio = Audio::conversation;
        break;
      case Kind::family_run:
        p.company = Company::with_family;
        p.audio = Audio::conversation;
        break;
      case Kind::long_run:
        p.company = random.chance(0.3) ? Company::with_friend : Company::alone;
        break;
      case Kind::easy:
        p.company = !p.quiet_tag && random.chance(0.12) ? Company::with_friend : Company::alone;
        break;
      case Kind::tempo:
      case Kind::treadmill:
        p.company = Company::alone;
        break;
    }
    if (p.company == Company::with_friend) {
      p.audio = Audio::conversation;
    } else if (p.company == Company::alone) {
      const double draw = random.uniform();
      p.audio = p.quiet_tag || draw < 0.55 ? Audio::silence
                                           : (draw < 0.83 ? Audio::music : Audio::podcast);
      if (p.kind == Kind::treadmill && p.audio == Audio::silence) p.audio = Audio::music;
    }

    // The route's length, setting and pace.
    p.speed_factor = 0.80;
    switch (p.route) {
      case Route::river:
        p.distance_m = 7800.0;
        p.setting = Setting::park;
        p.route_name = "River loop";
        p.stops = random.integer(0, 2);
        break;
      case Route::park:
        p.distance_m = 5200.0;
        p.setting = Setting::park;
        p.route_name = "Park circuit";
        p.stops = random.integer(0, 1);
        break;
      case Route::streets:
        p.distance_m = 6400.0;
        p.setting = Setting::city;
        p.stops = random.integer(1, 3);
        break;
      case Route::club_loop:
        p.distance_m = 9000.0;
        p.setting = Setting::city;
        p.stops = random.integer(0, 2);
        p.speed_factor = 0.86;
        break;
      case Route::lake: {
        const double growth =
            marathon_plan
                ? 16000.0 +
                      14000.0 * clamp01(static_cast<double>(
                                            (day - (timeline_.injury.from - days{120})).count()) /
                                        120.0)
                : 13000.0;
        p.distance_m = std::round((growth + random.uniform(-1500.0, 4500.0)) / 100.0) * 100.0;
        p.setting = Setting::countryside;
        p.route_name = "Lake path";
        p.stops = random.integer(0, 1);
        p.speed_factor = 0.78;
        break;
      }
      case Route::fresh: {
        p.distance_m = std::round(random.uniform(5000.0, 12000.0) / 100.0) * 100.0;
        const std::array<double, 4> settings{0.35, 0.25, 0.25, 0.15};
        const std::array<Setting, 4> choices{Setting::trail, Setting::countryside, Setting::city,
                                             Setting::park};
        p.setting = choices.at(random.weighted(settings));
        p.trailhead = p.setting == Setting::trail || p.setting == Setting::countryside
                          ? random.chance(0.7)
                          : random.chance(0.2);
        p.stops = p.setting == Setting::city ? random.integer(1, 3) : random.integer(0, 1);
        p.speed_factor = p.setting == Setting::trail ? 0.70 : 0.77;
        if (random.chance(0.25)) p.route_name = std::string(random.pick(texts::route_names));
        p.new_route_tag = new_route_experiment;
        if (new_route_experiment) ++new_routes_in_week_[week_of(day)];
        break;
      }
      case Route::mixed:
        p.distance_m = 0.0;  // the detour's length is added when the route is drawn
        p.setting = Setting::park;
        p.stops = random.integer(0, 2);
        break;
      case Route::none:
        p.distance_m = std::round(random.uniform(5000.0, 10000.0) / 100.0) * 100.0;
        p.setting = Setting::treadmill;
        p.sport = Sport::treadmill;
        break;
    }
    if (p.setting == Setting::trail) p.sport = Sport::trail;
    switch (p.kind) {
      case Kind::family_run:
        p.speed_factor = 0.62;
        p.stops = random.integer(1, 3);
        break;
      case Kind::tempo:
        p.tempo = true;
        break;
      case Kind::treadmill:
        p.speed_factor = 0.82;
        break;
      case Kind::easy:
      case Kind::long_run:
      case Kind::club:
        break;
    }
    if (easy_experiment && (p.kind == Kind::easy || p.kind == Kind::long_run)) {
      p.easy_tag = true;
      p.speed_factor *= 0.94;
      p.heart_offset_bpm = -8.0;
    }
    p.speed_factor *= 1.0 - 0.03 * decline + random.normal(0.0, 0.025);
    p.speed_factor = std::clamp(p.speed_factor, 0.5, 1.0);
    return p;
  }

  [[nodiscard]] static std::int64_t week_of(sys_days day) {
    // Monday-based weeks: 1970-01-01 was a Thursday.
    return (day.time_since_epoch().count() + 3) / 7;
  }

  [[nodiscard]] Polyline path_of(Plan& plan, Random& random) const {
    static const Polyline river{{0, 0},      {150, 320},  {700, 420},   {1400, 560}, {2100, 520},
                                {2800, 680}, {3300, 820}, {3350, 1010}, {2800, 900}, {2100, 760},
                                {1400, 780}, {700, 650},  {200, 560},   {0, 0}};
    static const Polyline streets{{0, 0},        {0, -600},    {500, -600},  {500, -1300},
                                  {1300, -1300}, {1300, -650}, {1900, -650}, {1900, 0},
                                  {900, 0},      {900, 180},   {0, 180},     {0, 0}};
    static const Polyline lake{{0, 0},         {-200, 700},    {-900, 1600},   {-1800, 2600},
                               {-2600, 3900},  {-3300, 5200},  {-4400, 6400},  {-5200, 7600},
                               {-6000, 9000},  {-6900, 10300}, {-7600, 11800}, {-8800, 12900},
                               {-9600, 14200}, {-10800, 15600}};
    static const Polyline club_loop{{-1500, -700},  {-2200, -900},  {-3000, -600},  {-3600, -1200},
                                    {-3200, -2100}, {-2400, -2300}, {-1700, -1800}, {-1500, -700}};
    const auto park = [] {
      Polyline line{{0, 0}, {-300, 250}, {-650, 300}};
      const Polyline around = ellipse({-1100, 700}, 420, 300, -0.5 * pi, 16);
      line.insert(line.end(), around.begin(), around.end());
      line.insert(line.end(), {{-650, 300}, {-300, 250}, {0, 0}});
      return line;
    };
    switch (plan.route) {
      case Route::river:
        return scaled_to(river, plan.distance_m);
      case Route::park:
        return scaled_to(park(), plan.distance_m);
      case Route::streets:
        return scaled_to(streets, plan.distance_m);
      case Route::club_loop:
        return scaled_to(club_loop, plan.distance_m);
      case Route::lake:
        return out_and_back(scaled_to(lake, 18000.0), plan.distance_m);
      case Route::fresh: {
        Point origin{0.0, 0.0};
        if (plan.trailhead) {
          const double heading = random.uniform(0.0, 2.0 * pi);
          const double away = random.uniform(4000.0, 25000.0);
          origin = {away * cosine(heading), away * sine(heading)};
        }
        return random_loop(origin, plan.distance_m, random);
      }
      case Route::mixed: {
        const Polyline detour = random_loop({0.0, 0.0}, random.uniform(2000.0, 3500.0), random);
        const Polyline familiar =
            random.chance(0.5) ? scaled_to(river, 7800.0) : scaled_to(park(), 5200.0);
        Polyline line = joined(detour, familiar);
        plan.distance_m = length_of(line);
        return line;
      }
      case Route::none:
        return {};
    }
    return {};
  }

  Built build(Plan& plan, std::size_t index) {
    Random random(stream_seed(options_.seed, track_stream, index));
    Built built;
    Run& run = built.run;
    run.start = local(plan.day, plan.start_s);
    run.sport = plan.sport;
    run.route_name = plan.route_name;
    const double threshold = timeline_.threshold_mps(plan.day);
    const double speed = threshold * plan.speed_factor;
    if (plan.route == Route::none) {
      // Typed in from the treadmill's display.
      run.distance = Distance::from_meters(plan.distance_m);
      run.elapsed = Duration(std::round(plan.distance_m / speed));
      run.title = "Treadmill";
      run.source = RunSource::manual;
      return built;
    }
    const Polyline path = path_of(plan, random);
    const Stride stride{
        .speed_mps = speed,
        .threshold_mps = threshold,
        .tempo = plan.tempo,
        .stops = plan.stops,
        .heart_offset_bpm = plan.heart_offset_bpm +
                            (month_of(plan.day) >= 6 && month_of(plan.day) <= 8 ? 3.0 : 0.0) +
                            random.normal(0.0, 2.5),
        .cadence_offset_spm = 4.0};
    built.track = synthesize_track(path, stride, home_, terrain_, random);
    const auto& track = built.track;
    run.distance = Distance::from_meters(*track.back().distance_m);
    run.elapsed = track.back().offset;
    if (const auto moving = moving_time(track, {})) run.moving = *moving;
    run.elevation_gain = elevation_gain(track);
    if (const auto heart = heart_rate_of(track)) {
      run.avg_heart_rate_bpm = heart->average_bpm;
      run.max_heart_rate_bpm = heart->max_bpm;
    }
    if (const auto cadence = cadence_of(track))
      run.avg_cadence_spm = std::round(*cadence * 10.0) / 10.0;
    for (const Split& split : compute_splits(track)) {
      run.laps.push_back(Lap{
          .elapsed = Duration(std::round(split.elapsed.count() * 1000.0) / 1000.0),
          .distance = Distance::from_meters(std::round(split.distance.meters() * 100.0) / 100.0),
          .avg_heart_rate_bpm = split.avg_heart_rate_bpm});
    }
    run.source = RunSource::file;
    const int hour = local_hour_of(run.start);
    switch (plan.kind) {
      case Kind::long_run:
        run.title = "Long run";
        break;
      case Kind::club:
        run.title = "Club night";
        break;
      case Kind::family_run:
        run.title = "Family run";
        break;
      case Kind::tempo:
        run.title = "Tempo run";
        break;
      case Kind::easy:
      case Kind::treadmill:
        run.title =
            plan.sport == Sport::trail ? "Trail run" : (hour < 12 ? "Morning run" : "Evening run");
        break;
    }
    return built;
  }

  void write_runs() {
    Random random(stream_seed(options_.seed, story_stream, 1));
    const auto days_of_runs = run_days();
    std::vector<Plan> plans;
    for (const auto& [day, slot] : days_of_runs) {
      if (slot == 0) {
        plans.push_back(plan_run(day, false, false, random));
      } else {
        const bool evening_taken = plans.back().start_s >= 12 * 3600;
        Plan extra = plan_run(day, true, evening_taken, random);
        // The morning run first.
        if (extra.start_s < plans.back().start_s) {
          plans.insert(plans.end() - 1, std::move(extra));
        } else {
          plans.push_back(std::move(extra));
        }
      }
    }
    Random files(stream_seed(options_.seed, file_stream));
    for (std::size_t i = 0; i < plans.size(); ++i) {
      Built built = build(plans[i], i);
      built.run.id = RunId{static_cast<std::int64_t>(data_.runs.size()) + 1};
      if (built.run.source == RunSource::file) {
        // Two statements: the order in which a call's arguments are evaluated is unspecified.
        const std::uint64_t high = files.bits();
        const std::uint64_t low = files.bits();
        const std::string fingerprint = fmt::format("{:016x}{:016x}", high, low);
        built.run.source_ref = fingerprint + "#0";
        const Timestamp end =
            built.run.start.utc + std::chrono::seconds{std::lround(built.run.elapsed->count())};
        data_.imported_files.push_back(ImportedFile{
            .fingerprint = fingerprint,
            .name = fmt::format("{}.fit",
                                format_local(built.run.start).replace(10, 1, "-").erase(13, 1)),
            .imported_at = end + std::chrono::minutes{files.integer(20, 120)},
            .run_count = 1});
        data_.tracks.emplace(built.run.id, std::move(built.track));
      }
      planned_.push_back(plans[i]);
      data_.runs.push_back(std::move(built.run));
    }
    std::sort(
        data_.imported_files.begin(), data_.imported_files.end(),
        [](const ImportedFile& a, const ImportedFile& b) { return a.fingerprint < b.fingerprint; });
  }

  // --- journal entries ---------------------------------------------------------------------
  struct Alignments {
    std::vector<ValueAlignment> given;
    double clear_mind_rating = 5.5;
  };

  Alignments align(const Plan& plan, std::span<const Value> values, Random& random) const {
    const double familiarity =
        plan.route == Route::fresh ? 0.0 : (plan.route == Route::mixed ? 0.5 : 1.0);
    const bool alone = plan.company == Company::alone;
    Alignments out;
    for (const Value& value : values) {
      double score = 5.0;
      if (value.id == adventure) {
        score = plan.route == Route::fresh ? 8.3 : (plan.route == Route::mixed ? 6.0 : 3.0);
        if (plan.setting == Setting::trail) score += 0.7;
        if (plan.kind == Kind::treadmill) score = 1.5;
      } else if (value.id == clear_mind) {
        score = 2.0 + (alone ? 3.0 : 0.0) + (plan.audio == Audio::silence ? 2.5 : 0.0) +
                1.5 * familiarity - (plan.kind == Kind::treadmill ? 1.5 : 0.0);
      } else if (value.id == health) {
        const bool gentle = plan.kind == Kind::easy || plan.kind == Kind::family_run ||
                            (plan.kind == Kind::long_run && plan.distance_m <= 25000.0);
        score = 6.5 + (gentle ? 1.0 : 0.0) -
                (plan.kind == Kind::tempo || plan.distance_m > 25000.0 ? 1.0 : 0.0);
      } else if (value.id == belonging) {
        score = plan.company == Company::with_group
                    ? 8.5
                    : (plan.company == Company::with_friend
                           ? 7.0
                           : (plan.company == Company::with_family ? 5.5 : 2.2));
      } else if (value.id == achievement) {
        score = plan.kind == Kind::tempo
                    ? 8.0
                    : (plan.kind == Kind::long_run ? 7.5 : (plan.kind == Kind::club ? 6.0 : 4.0));
      } else if (value.id == family) {
        score = plan.company == Company::with_family ? 9.0 : 2.5;
      }
      const int rating = clamp_round(score + random.normal(0.0, 0.9), 1, 10);
      if (value.id == clear_mind) out.clear_mind_rating = rating;
      if (random.chance(0.05)) continue;  // left unanswered
      out.given.push_back({value.id, rating});
    }
    // In the order the store keeps them.
    std::sort(out.given.begin(), out.given.end(),
              [](const ValueAlignment& a, const ValueAlignment& b) { return a.value < b.value; });
    return out;
  }

  Motive motive_for(const Plan& plan, std::span<const Value> values,
                    std::span<const ValueAlignment> given, double decline, Random& random) const {
    const bool marathon_plan = plan.day < timeline_.first_review;
    const double push_chance = 0.25 + (marathon_plan ? 0.1 : 0.0) + 0.5 * decline;
    if (random.chance(push_chance)) {
      std::array<double, 8> weights{};  // by OutsidePush
      const auto at = [&](OutsidePush push) -> double& {
        return weights.at(static_cast<std::size_t>(push));
      };
      at(OutsidePush::habit) = 0.45;
      at(OutsidePush::someone_else) = plan.company == Company::alone ? 0.05 : 0.4;
      at(OutsidePush::kudos) = 0.08;
      at(OutsidePush::guilt) = 0.08 + 1.5 * decline;
      at(OutsidePush::body_image) = 0.04;
      at(OutsidePush::other) = 0.03;
      if (marathon_plan) {
        at(OutsidePush::training_plan) = 0.5;
        at(OutsidePush::race_preparation) = 0.25;
      }
      return Motive{.value = {}, .push = static_cast<OutsidePush>(random.weighted(weights))};
    }
    // The value the run served best is the likeliest reason it was run.
    std::vector<double> weights;
    for (const Value& value : values) {
      double weight = 0.2;
      for (const auto& alignment : given) {
        if (alignment.value == value.id) weight += std::max(0, alignment.rating - 4);
      }
      weights.push_back(weight * value.importance);
    }
    if (values.empty()) return {};
    return Motive{.value = values[random.weighted(weights)].id, .push = {}};
  }

  std::string text_for(const Plan& plan, const JournalEntry& entry, double decline,
                       Random& random) const {
    if (!random.chance(0.45)) return {};
    if (decline > 0.2 && random.chance(0.7)) return std::string(random.pick(texts::fading));
    if (plan.company == Company::with_family) return std::string(random.pick(texts::family));
    if (plan.company != Company::alone) return std::string(random.pick(texts::company));
    if (plan.route == Route::fresh) return std::string(random.pick(texts::new_route));
    if (entry.effort.value_or(0) >= 7) return std::string(random.pick(texts::hard));
    if (plan.audio == Audio::silence && plan.route != Route::mixed && plan.kind == Kind::easy) {
      return std::string(random.pick(texts::quiet_familiar));
    }
    return std::string(random.pick(texts::everyday));
  }

  void write_entries() {
    Random random(stream_seed(options_.seed, entry_stream));
    std::vector<JournalEntry> entries;
    for (std::size_t i = 0; i < data_.runs.size(); ++i) {
      const Run& run = data_.runs[i];
      const Plan& plan = planned_[i];
      const double decline = timeline_.decline(plan.day);
      const bool tagged = plan.quiet_tag || plan.club_tag || plan.new_route_tag || plan.easy_tag;
      if (!random.chance(tagged ? 0.97 : 0.9 - 0.15 * decline)) continue;
      const auto values = values_on(plan.day);
      JournalEntry entry;
      entry.run = run.id;
      entry.at = run.start;
      const auto end = run.start.utc + std::chrono::seconds{std::lround(run.elapsed->count())};
      entry.written_at = end + std::chrono::minutes{random.integer(5, 90)};

      const double familiarity =
          plan.route == Route::fresh ? 0.0 : (plan.route == Route::mixed ? 0.5 : 1.0);
      const Alignments alignments = align(plan, values, random);
      entry.value_alignments = alignments.given;

      // Effort from how hard the run was.
      double effort = 3.5;
      switch (plan.kind) {
        case Kind::easy:
          effort = plan.route == Route::fresh ? 4.5 : 3.5;
          break;
        case Kind::long_run:
          effort = 6.0 + (plan.distance_m - 15000.0) / 1000.0 * 0.15;
          break;
        case Kind::club:
          effort = 5.5;
          break;
        case Kind::family_run:
          effort = 2.0;
          break;
        case Kind::tempo:
          effort = 7.5;
          break;
        case Kind::treadmill:
          effort = 4.0;
          break;
      }
      if (plan.sport == Sport::trail) effort += 1.0;
      entry.effort = clamp_round(effort + random.normal(0.0, 0.8), 1, 10);

      // Planted: mood lift rises with Clear-mind alignment, familiar routes lift it, new
      // routes do not; playing with the children lifts it as much as a quiet run.
      const int mood_before = clamp_round(random.normal(2.8, 0.8), 1, 5);
      const double route_lift = familiarity >= 1.0 ? 0.5 : (familiarity > 0.0 ? 0.25 : -0.2);
      const double family_lift = plan.company == Company::with_family ? 0.8 : 0.0;
      const double lift = 0.35 + 0.25 * (alignments.clear_mind_rating - 5.5) + route_lift +
                          family_lift - 0.3 * decline;
      entry.before.mood = mood_before;
      entry.after.mood = clamp_round(mood_before + lift + random.normal(0.0, 0.5), 1, 5);
      const int energy_before = clamp_round(random.normal(3.0, 0.8), 1, 5);
      entry.before.energy = energy_before;
      entry.after.energy = clamp_round(
          energy_before + 0.2 - 0.15 * (*entry.effort - 4) + random.normal(0.0, 0.6), 1, 5);

      // Planted: runs with others are enjoyed most, and a quiet solo run nearly as much; runs
      // alone with music or a podcast (the dutiful ones) least. The clear-mind experiment's
      // runs more still; everything drifts down in the last weeks.
      double enjoyment = 6.0 - 0.2 * (plan.kind == Kind::long_run ? 1.0 : 0.0);
      if (plan.company != Company::alone || plan.audio == Audio::silence) enjoyment += 1.9;
      if (plan.quiet_tag) enjoyment += 2.0;
      enjoyment -= 3.5 * decline;
      entry.enjoyment = clamp_round(enjoyment + random.normal(0.0, 1.2), 1, 10);

      // Overall alignment: the importance-weighted mean of the answers.
      if (!entry.value_alignments.empty()) {
        double sum = 0.0;
        double weight = 0.0;
        for (const auto& alignment : entry.value_alignments) {
          const auto value = std::find_if(values.begin(), values.end(),
                                          [&](const Value& v) { return v.id == alignment.value; });
          sum += alignment.rating * value->importance;
          weight += value->importance;
        }
        entry.alignment = clamp_round(sum / weight + random.normal(0.0, 0.6), 1, 10);
      }
      entry.motive = motive_for(plan, values, entry.value_alignments, decline, random);

      entry.context.company = plan.company;
      if (plan.kind != Kind::treadmill && random.chance(0.95)) {
        entry.context.route =
            plan.route == Route::fresh
                ? RouteNovelty::new_route
                : (plan.route == Route::mixed ? RouteNovelty::mixed : RouteNovelty::familiar);
      }
      entry.context.setting = plan.setting;
      entry.context.audio = plan.audio;
      if (plan.kind != Kind::treadmill && random.chance(0.7)) {
        const auto season = static_cast<std::size_t>(month_of(plan.day) % 12 / 3);
        entry.context.weather = std::string(random.pick(texts::weather.at(season)));
      }
      entry.text = text_for(plan, entry, decline, random);
      entries.push_back(std::move(entry));
    }
    // A few words without a run: the injury, and a skipped run lately.
    const auto standalone = [&](sys_days day, int seconds, std::string_view text) {
      if (day < timeline_.start || day >= timeline_.end) return;
      JournalEntry entry;
      entry.at = local(day, seconds);
      entry.written_at = entry.at.utc + std::chrono::minutes{10};
      entry.text = std::string(text);
      entries.push_back(std::move(entry));
    };
    standalone(timeline_.injury.from + days{3}, 20 * 3600 + 900,
               "Knee sore since Sunday's long run. Resting it, and annoyed about the plan.");
    standalone(timeline_.injury.from + days{24}, 19 * 3600 + 1800,
               "Physio: three more weeks off. I miss the river more than the training.");
    standalone(timeline_.end - days{3}, 21 * 3600,
               "Skipped the run again. Told myself I would go after work; I didn't.");
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const JournalEntry& a, const JournalEntry& b) { return a.at.utc < b.at.utc; });
    for (std::size_t i = 0; i < entries.size(); ++i) {
      entries[i].id = JournalEntryId{static_cast<std::int64_t>(i) + 1};
    }
    data_.entries = std::move(entries);
  }

  // --- experiments -------------------------------------------------------------------------
  void write_experiments() {
    const auto tagged = [&](auto flag) {
      std::vector<RunId> runs;
      for (std::size_t i = 0; i < planned_.size(); ++i) {
        if (planned_[i].*flag) runs.push_back(data_.runs[i].id);
      }
      return runs;
    };
    const auto last_day = [](const Period& period) { return LocalDate{period.to - days{1}}; };
    std::vector<Experiment> experiments;
    experiments.push_back(
        Experiment{.id = {},
                   .value = belonging,
                   .practice = "run with the club twice a week, Tuesdays and Thursdays",
                   .question = "does running with others make me look forward to it?",
                   .starts_on = LocalDate{timeline_.club_experiment.from},
                   .ends_on = last_day(timeline_.club_experiment),
                   .ended_on = last_day(timeline_.club_experiment),
                   .reflection = "Thursdays became the best evening of the week. Keeping it.",
                   .decision = ExperimentDecision::keep,
                   .runs = tagged(&Plan::club_tag)});
    experiments.push_back(Experiment{
        .id = {},
        .value = clear_mind,
        .practice = "a solo run before work with no music",
        .question = "do I come back calmer, and do I enjoy it?",
        .starts_on = LocalDate{timeline_.quiet_experiment.from},
        .ends_on = last_day(timeline_.quiet_experiment),
        .ended_on = last_day(timeline_.quiet_experiment),
        .reflection = "Calmer, and I enjoyed these runs more than almost any. The quiet is the "
                      "point.",
        .decision = ExperimentDecision::keep,
        .runs = tagged(&Plan::quiet_tag)});
    experiments.push_back(Experiment{
        .id = {},
        .value = adventure,
        .practice = "two new routes every week",
        .question = "does exploring make running exciting again?",
        .starts_on = LocalDate{timeline_.new_route_experiment.from},
        .ends_on = last_day(timeline_.new_route_experiment),
        .ended_on = last_day(timeline_.new_route_experiment),
        .reflection = "Fun to plan, but I came back tired and more tense than from the river "
                      "loop. Maybe adventure is for holidays, not for weekday runs.",
        .decision = ExperimentDecision::adjust,
        .runs = tagged(&Plan::new_route_tag)});
    experiments.push_back(Experiment{.id = {},
                                     .value = health,
                                     .practice = "easy runs with the heart rate under 145",
                                     .question = "can I run easy enough to finish fresh?",
                                     .starts_on = LocalDate{timeline_.easy_experiment.from},
                                     .ends_on = last_day(timeline_.easy_experiment),
                                     .ended_on = {},
                                     .reflection = {},
                                     .decision = {},
                                     .runs = tagged(&Plan::easy_tag)});
    for (std::size_t i = 0; i < experiments.size(); ++i) {
      experiments[i].id = ExperimentId{static_cast<std::int64_t>(i) + 1};
    }
    data_.experiments = std::move(experiments);
  }

  // --- check-ins ---------------------------------------------------------------------------
  void write_checkins() {
    Random random(stream_seed(options_.seed, checkin_stream));
    for (sys_days day = timeline_.start + days{6}; day < timeline_.end; day += days{1}) {
      const bool on_holiday = timeline_.resting(day) && !timeline_.injury.holds(day);
      if (iso_weekday(day) != 7 || on_holiday) continue;
      const double decline = timeline_.decline(day);
      if (!random.chance(0.85 - 0.15 * decline)) continue;
      CheckIn checkin;
      checkin.id = CheckInId{static_cast<std::int64_t>(data_.checkins.size()) + 1};
      checkin.on = LocalDate{day};
      checkin.written_at = local(day, 20 * 3600 + 1800).utc;
      const bool injured = timeline_.injury.holds(day);
      for (const Value& value : values_on(day)) {
        if (!random.chance(0.9)) continue;
        double level = 6.0;
        if (value.id == adventure) level = 4.5;
        if (value.id == clear_mind)
          level = (day >= timeline_.first_review ? 6.0 : 5.0) - 1.5 * decline;
        if (value.id == health) level = injured ? 3.0 : 7.0;
        if (value.id == belonging) level = 6.0;
        if (value.id == achievement) level = injured ? 2.5 : 6.0;
        if (value.id == family) level = 8.0;
        checkin.areas.push_back(
            {value.id, clamp_round(level + random.normal(0.0, 1.0), 1, 10), std::string{}});
      }
      std::sort(checkin.areas.begin(), checkin.areas.end(),
                [](const LifeAreaRating& a, const LifeAreaRating& b) { return a.value < b.value; });
      const bool marathon_plan = day < timeline_.first_review;
      const auto rate = [&](double level) -> std::optional<int> {
        if (random.chance(0.04)) return std::nullopt;
        return clamp_round(level + random.normal(0.0, 0.5), 1, 5);
      };
      checkin.motivation.enjoyment = rate(4.0 - 2.0 * decline - (injured ? 1.0 : 0.0));
      checkin.motivation.chosen = rate(4.0 - 1.5 * decline);
      checkin.motivation.guilt = rate(1.8 + (marathon_plan ? 0.5 : 0.0) + 2.2 * decline);
      checkin.motivation.pressure = rate(1.8 + (marathon_plan ? 1.0 : 0.0) + 1.0 * decline);
      if (random.chance(0.25)) {
        checkin.note = std::string(decline > 0.3 ? random.pick(texts::fading_checkin_notes)
                                                 : random.pick(texts::checkin_notes));
      }
      data_.checkins.push_back(std::move(checkin));
    }
  }

  DemoOptions options_;
  Random story_;
  Timeline timeline_;
  Home home_;
  Terrain terrain_;
  JournalData data_{};
  std::vector<Plan> planned_{};                       // by run, in the order of data_.runs
  std::map<std::int64_t, int> new_routes_in_week_{};  // in the new-route experiment
};

}  // namespace

void check_demo_options(const DemoOptions& options) {
  if (options.years < min_years || options.years > max_years) {
    throw Error(Errc::invalid_input,
                fmt::format("years {} is out of range: expected {} to {}", options.years, min_years,
                            max_years),
                "years");
  }
  if (options.runs_per_week < min_runs_per_week || options.runs_per_week > max_runs_per_week) {
    throw Error(Errc::invalid_input,
                fmt::format("runs per week {} is out of range: expected {} to {}",
                            options.runs_per_week, min_runs_per_week, max_runs_per_week),
                "runs_per_week");
  }
  if (!options.as_of.ok() || options.as_of.year() < std::chrono::year{1971 + options.years} ||
      options.as_of.year() > std::chrono::year{9000}) {
    throw Error(Errc::invalid_input,
                fmt::format("the demo cannot end on {}: expected a date from {} to 9000",
                            format_date(options.as_of), 1971 + options.years),
                "as_of");
  }
  try {
    check_zone(options.home_zone);
  } catch (const Error& error) {
    throw Error(error.code(), error.what(), "home_zone");
  }
}

JournalData generate_demo_journal(const DemoOptions& options) {
  check_demo_options(options);
  return Generator(options).generate();
}

}  // namespace cairn::demo
