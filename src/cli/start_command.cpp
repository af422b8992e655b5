// `cairn` with no command: where the runner is, what to do next, and on a terminal a short
// guided start (name your values, log your first run).

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "prompter.hpp"
#include "render.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

// The guided start's questions ended part-way (Ctrl-D, Ctrl-C): its answers are saved only
// together, at the end, so nothing was.
void stop_if_closed(const Prompter& prompter) {
  if (!prompter.closed()) return;
  throw Error(Errc::invalid_input,
              fmt::format("nothing was saved: the guided start ended ({}) before its last "
                          "question; 'cairn' starts it again",
                          prompter.interrupted() ? "Ctrl-C" : "end of input"));
}

// Since when a value has mattered: a past date, by default the first run's (the values
// were held while those runs were run) or today. Asked again until it is a real, past date.
LocalDate ask_since(Prompter& prompter, const app::JournalService& service, std::string_view name,
                    LocalDate fallback) {
  const LocalDate today = service.today();
  const auto since = prompter.parsed<LocalDate>(
      fmt::format("Since when has {} mattered to you (YYYY-MM-DD, Enter for {}):", name,
                  format_date(fallback)),
      [&](std::string_view text) {
        const LocalDate date = parse_date(text);
        if (date > today) {
          throw Error(Errc::invalid_input, fmt::format("{} is in the future: give the day it "
                                                       "started to matter, or Enter for {}",
                                                       format_date(date), format_date(fallback)));
        }
        return date;
      });
  stop_if_closed(prompter);
  return since.value_or(fallback);
}

int ask_importance(Prompter& prompter, std::string_view name) {
  const auto importance =
      prompter.rating(fmt::format("How important is {} to you", name), importance_scale);
  stop_if_closed(prompter);
  return importance.value_or(5);
}

// The catalogue's numbers the runner picks, each once: a number given twice is refused at
// once, so the runner is not asked about one value twice.
std::vector<std::size_t> parse_picks(std::string_view text, std::size_t catalogue_size) {
  std::vector<std::size_t> numbers;
  std::istringstream words{std::string(text)};
  std::string word;
  while (words >> word) {
    const auto number = parse_whole(word, "choice");
    if (number < 1 || static_cast<std::size_t>(number) > catalogue_size) {
      throw Error(Errc::invalid_input,
                  fmt::format("{} is not in the list (1 to {})", word, catalogue_size));
    }
    const auto index = static_cast<std::size_t>(number - 1);
    if (std::find(numbers.begin(), numbers.end(), index) != numbers.end()) {
      throw Error(Errc::invalid_input,
                  fmt::format("{} is picked twice: give each number once", number));
    }
    numbers.push_back(index);
  }
  return numbers;
}

// Asks for the runner's first values into `start`; stops (saving nothing) when the
// questions end part-way.
void guided_values(Context& context, Prompter& prompter, app::JournalStart& start) {
  auto service = context.service();
  auto& out = *context.out;
  const auto runs = service.runs();
  LocalDate first_day = service.today();
  for (const auto& run : runs) first_day = std::min(first_day, local_date_of(run.start));
  out << "\nWhat matters most to you? Here are some values to start from:\n\n";
  const auto catalogue = value_catalogue();
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    out << fmt::format("  {:>2}. {:<32} {}\n", i + 1, catalogue[i].name, catalogue[i].description);
  }
  out << '\n';
  const auto picks = prompter.parsed<std::vector<std::size_t>>(
      "Pick a few by number (e.g. 2 7 12), or Enter to skip:",
      [&](std::string_view text) { return parse_picks(text, catalogue.size()); });
  stop_if_closed(prompter);
  const auto note_since = [](LocalDate since) {
    return ValueChangeNote{.effective_on = since, .reason = "guided start", .review = std::nullopt};
  };
  std::vector<Value> named = service.values();  // held already, then picked
  for (const auto index : picks.value_or(std::vector<std::size_t>{})) {
    const auto& entry = catalogue[index];
    Value value{.name = std::string(entry.name),
                .description = std::string(entry.description),
                .link = std::string(entry.link),
                .practices = {std::string(entry.practice)},
                .catalogue_key = std::string(entry.key)};
    value.importance = ask_importance(prompter, entry.name);
    const LocalDate since = ask_since(prompter, service, entry.name, first_day);
    start.values.push_back(app::StartingValue{.value = value, .note = note_since(since)});
    named.push_back(value);
  }
  // A name the runner has given already (a pick, in other words) is refused at once.
  const auto own = prompter.parsed<std::string>(
      "A value of your own, in your words (Enter to skip):", [&](std::string_view text) {
        const Value value{.name = std::string(text)};
        if (const auto clash = clashing_value(named, value)) {
          throw Error(Errc::conflict, fmt::format("'{}' is one of your values already ('{}'): "
                                                  "name another, or Enter to skip",
                                                  std::string(text), clash->name));
        }
        return std::string(text);
      });
  stop_if_closed(prompter);
  if (own) {
    Value value{.name = *own};
    value.link = prompter.text(fmt::format("How can running serve {}?", *own)).value_or("");
    stop_if_closed(prompter);
    value.importance = ask_importance(prompter, *own);
    const LocalDate since = ask_since(prompter, service, *own, first_day);
    start.values.push_back(app::StartingValue{.value = value, .note = note_since(since)});
  }
}

void print_status(Context& context) {
  auto& out = *context.out;
  if (!context.database_exists()) {
    // Nothing is created by looking: the guided start (on a terminal) or the first write
    // makes the journal.
    out << fmt::format(
        "Cairn — your running journal\n\nNo journal yet ({} does not exist).\n"
        "Start with 'cairn' in a terminal (a few questions about what matters to you), or\n"
        "'cairn log' to log a run, 'cairn import FILE' to import your watch's files.\n",
        visible(context.database_path().string()));
    return;
  }
  auto service = context.service(Access::read);
  const app::JournalStatus status = service.status();
  const auto& values = status.values_in_force;
  out << fmt::format("Cairn — your running journal ({})\n\n",
                     visible(context.database_path().string()));
  if (values.empty()) {
    out << "Values:       none yet\n";
  } else {
    std::vector<std::string> names;
    names.reserve(values.size());
    for (const auto& value : values)
      names.push_back(fmt::format("{} {}", visible(value.name), value.importance));
    out << fmt::format("Values:       {}\n", fmt::join(names, ", "));
  }
  out << fmt::format(
      "Runs:         {}{}\n", status.runs,
      status.last_run ? ", last " + run_summary(*status.last_run, service.units()) : "");
  out << fmt::format("Journal:      {} entries\n", status.entries);
  const auto open = status.open_experiments;
  out << fmt::format("Experiments:  {} open\n\n", open);
  if (values.empty()) {
    out << "Next: name what matters to you — 'cairn values catalogue', then 'cairn values add "
           "NAME'.\n";
  } else if (status.runs == 0) {
    out << "Next: log your first run — 'cairn log' (it asks), or with flags, e.g.\n"
           "      cairn log --distance 5km --time 30:00 --enjoyment 7 --mood-before 3 --mood-after "
           "4\n";
  } else if (open == 0) {
    out << "Next: log runs with 'cairn log'; try an experiment with 'cairn experiment start'.\n";
  } else {
    out << "Next: log runs with 'cairn log'; tag them to your experiment with 'cairn experiment "
           "tag'.\n";
  }
  out << "All commands: 'cairn --help'.\n";
}

}  // namespace

void run_start(Context& context) {
  if (Context::interactive_terminal()) {
    auto service = context.service();
    Prompter prompter(*context.in, *context.out);
    if (service.values().empty()) {
      *context.out << "Welcome to Cairn. Runners who know why they run keep running; let's "
                      "start with your why.\n";
      // Every answer is kept until the last question and then saved at once: a start left
      // part-way (Ctrl-D, Ctrl-C) saves nothing, not half a journal.
      app::JournalStart start;
      start.units = prompter.parsed<UnitSystem>(
          "Do you think in kilometres or miles (km/mi, Enter for km)?",
          [](std::string_view text) { return parse_unit_system(text); });
      stop_if_closed(prompter);
      // The zone the runner's typed times are read in; the system's is usually right.
      start.zone = prompter.parsed<std::string>(
          fmt::format("Your time zone (e.g. Europe/Berlin; Enter for {}):", service.zone()),
          [](std::string_view text) {
            check_zone(text);
            return std::string(text);
          });
      stop_if_closed(prompter);
      guided_values(context, prompter, start);
      service.start_journal(start);
    }
    if (service.runs().empty() && !service.values().empty() && !prompter.closed() &&
        prompter.yes("Log your first run now?", false)) {
      log_run_interactively(context);
      *context.out << "Run 'cairn log' after every run; it asks the same questions.\n\n";
    }
  }
  print_status(context);
}

}  // namespace cairn::cli
