// The journal as Markdown for reading: values, their history, entries, experiments and
// check-ins. The runner's text is kept as written (they may well use Markdown in it) except
// for what could take over the document's structure: a line that would open a heading, a
// setext underline, an HTML block or a code fence is escaped with a backslash; and for what
// could run when the Markdown is rendered: inline HTML, links to anything but web and mail
// addresses, link reference definitions (see escape_inline).

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cairn/exchange/exchange.hpp"

#include "presentation.hpp"

namespace cairn::exchange {
namespace {

bool is_run_of(std::string_view line, char c) {
  return !line.empty() && line.find_first_not_of(c) == std::string_view::npos;
}

std::string_view trim_spaces(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// Whether an inline link may point at `destination` (the text after "]("): only web and
// mail addresses. Anything else (javascript:, data:, vbscript:, or a scheme hidden behind
// entities or spaces, which renderers decode) is no link of ours.
bool safe_link(std::string_view destination) {
  while (!destination.empty() && (destination.front() == ' ' || destination.front() == '<')) {
    destination.remove_prefix(1);
  }
  return starts_with_ignoring_case(destination, "https://") ||
         starts_with_ignoring_case(destination, "http://") ||
         starts_with_ignoring_case(destination, "mailto:");
}

// Makes the runner's text inert where Markdown is rendered to HTML: every '<' is escaped (no
// inline HTML such as <script> or <img onerror=...>, no <javascript:...> autolink), an
// inline link to anything but a web or mail address loses its link syntax, and a line
// cannot define a link reference. What the text says is kept; only its power is taken.
std::string escape_inline(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  const std::size_t indent = line.find_first_not_of(' ');
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '<') {
      out += "\\<";
    } else if (c == '[' && i == indent && indent < 4) {
      out += "\\[";
    } else if (c == '(' && i > 0 && line[i - 1] == ']' && !safe_link(line.substr(i + 1))) {
      out += "\\(";
    } else {
      out += c;
    }
  }
  return out;
}

// Escapes a line that would start a block of its own: an ATX heading, a setext underline,
// an HTML block (which could hide the rest of the file) or a code fence (which could swallow
// it); and makes it inert inline (escape_inline).
std::string escape_line(std::string_view raw_line) {
  std::string escaped = escape_inline(raw_line);
  const std::string_view line = escaped;
  const std::string_view trimmed = trim_spaces(line);
  const std::size_t indent = line.find_first_not_of(' ');
  const bool block_start =
      indent != std::string_view::npos && indent < 4 &&
      (line[indent] == '#' || line[indent] == '<' || line.substr(indent).starts_with("```") ||
       line.substr(indent).starts_with("~~~"));
  if (block_start) return fmt::format("{}\\{}", line.substr(0, indent), line.substr(indent));
  if (indent < 4 && (is_run_of(trimmed, '=') || is_run_of(trimmed, '-'))) {
    return fmt::format("{}\\{}", line.substr(0, indent), line.substr(indent));
  }
  return escaped;
}

// Free text as paragraphs: line ends kept, each line made safe.
std::string block_text(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    out += escape_line(text.substr(start, end - start));
    if (end == text.size()) break;
    out += '\n';
    start = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Text for one line (a heading, a list item): line breaks become spaces.
std::string inline_text(std::string_view text) {
  std::string flat(trim_spaces(text));
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return escape_line(flat);
}

// Text for a heading: also keeps a final '#' from being read as a closing sequence.
std::string heading_text(std::string_view text) {
  std::string out = inline_text(text);
  if (!out.empty() && out.back() == '#') out.insert(out.size() - 1, "\\");
  return out;
}

std::string spaced(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string sport_phrase(Sport sport) {
  if (sport == Sport::other) return "run";
  return spaced(sport_name(sport)) + " run";
}

std::string_view company_phrase(Company company) {
  switch (company) {
    case Company::alone:
      return "alone";
    case Company::with_friend:
      return "with a friend";
    case Company::with_group:
      return "with a group";
    case Company::with_family:
      return "with family";
  }
  return "";
}

std::string_view route_phrase(RouteNovelty route) {
  switch (route) {
    case RouteNovelty::new_route:
      return "new route";
    case RouteNovelty::familiar:
      return "familiar route";
    case RouteNovelty::mixed:
      return "partly new route";
  }
  return "";
}

std::string rating(int value, int max) { return fmt::format("{}/{}", value, max); }

void append_paragraph(std::string& out, std::string_view text) {
  if (trim_spaces(text).empty()) return;
  out += block_text(text);
  out += "\n\n";
}

void append_labelled(std::string& out, std::string_view label, std::string_view text) {
  if (trim_spaces(text).empty()) return;
  out += fmt::format("**{}:** {}\n\n", label, block_text(text));
}

std::string feeling_text(const Feeling& feeling) {
  std::vector<std::string> parts;
  if (feeling.mood) parts.push_back("mood " + rating(*feeling.mood, 5));
  if (feeling.energy) parts.push_back("energy " + rating(*feeling.energy, 5));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// --- values -------------------------------------------------------------------------------

void append_values(std::string& out, const JournalData& data) {
  out += "## Values\n\n";
  std::vector<const Value*> active;
  std::vector<const Value*> retired;
  for (const auto& value : data.values) (value.active ? active : retired).push_back(&value);
  const auto by_rank = [](const Value* a, const Value* b) {
    return std::tie(b->importance, a->name, a->id) < std::tie(a->importance, b->name, b->id);
  };
  std::stable_sort(active.begin(), active.end(), by_rank);
  std::stable_sort(retired.begin(), retired.end(), by_rank);
  if (active.empty()) out += "No values named yet.\n\n";
  for (const Value* value : active) {
    out += fmt::format("### {} (importance {})\n\n", heading_text(value->name),
                       rating(value->importance, 10));
    append_paragraph(out, value->description);
    append_labelled(out, "Why it matters", value->why);
    append_labelled(out, "How running serves it", value->link);
    if (!value->practices.empty()) {
      out += "Practices:\n\n";
      for (const auto& practice : value->practices) {
        out += fmt::format("- {}\n", inline_text(practice));
      }
      out += '\n';
    }
  }
  if (!retired.empty()) {
    out += "### Retired values\n\n";
    for (const Value* value : retired) {
      out += fmt::format("- {} (was importance {})\n", inline_text(value->name),
                         rating(value->importance, 10));
    }
    out += '\n';
  }
}

void append_history(std::string& out, const JournalData& data) {
  if (data.value_history.empty() && data.reviews.empty()) return;
  out += "## How the values changed\n\n";
  std::map<ReviewId, const Review*> reviews;
  for (const auto& review : data.reviews) reviews.emplace(review.id, &review);
  std::vector<const ValueEvent*> events;
  for (const auto& event : data.value_history) events.push_back(&event);
  std::stable_sort(events.begin(), events.end(), [](const ValueEvent* a, const ValueEvent* b) {
    return std::tie(a->effective_on, a->id) < std::tie(b->effective_on, b->id);
  });
  for (const ValueEvent* event : events) {
    std::string line = fmt::format("- {}: {} {}", format_date(event->effective_on),
                                   inline_text(event->after.name), value_change_name(event->kind));
    if (event->kind == ValueChangeKind::reranked || event->kind == ValueChangeKind::added) {
      line += fmt::format(" (importance {})", rating(event->after.importance, 10));
    }
    if (!trim_spaces(event->reason).empty()) line += " — " + inline_text(event->reason);
    if (event->review) {
      const auto found = reviews.find(*event->review);
      line += found == reviews.end()
                  ? fmt::format(" (review #{})", event->review->value)
                  : fmt::format(" (review of {})", format_date(found->second->on));
    }
    out += line + '\n';
  }
  out += '\n';
  for (const auto& review : data.reviews) {
    out += fmt::format("### Review of {}\n\n", format_date(review.on));
    append_labelled(out, "Prompted by", review.trigger);
    append_paragraph(out, review.notes);
  }
}

// --- journal entries ----------------------------------------------------------------------

std::string run_summary(const Run& run, UnitSystem units) {
  std::vector<std::string> parts;
  if (!trim_spaces(run.title).empty()) parts.push_back(fmt::format("“{}”", inline_text(run.title)));
  if (!trim_spaces(run.route_name).empty()) {
    parts.push_back("route " + inline_text(run.route_name));
  }
  if (run.distance) parts.push_back(format_distance(*run.distance, units));
  if (run.elapsed && run.moving) {
    parts.push_back(
        fmt::format("{} (moving {})", format_duration(*run.elapsed), format_duration(*run.moving)));
  } else if (run.elapsed) {
    parts.push_back(format_duration(*run.elapsed));
  } else if (run.moving) {
    parts.push_back(fmt::format("moving {}", format_duration(*run.moving)));
  }
  if (const auto pace = detail::run_pace_text(run, units)) {
    parts.push_back(fmt::format("{} /{}", *pace, unit_system_name(units)));
  }
  if (run.elevation_gain) parts.push_back(fmt::format("{:.0f} m up", run.elevation_gain->meters()));
  if (run.avg_heart_rate_bpm && run.max_heart_rate_bpm) {
    parts.push_back(fmt::format("heart rate {} bpm average, {} max", *run.avg_heart_rate_bpm,
                                *run.max_heart_rate_bpm));
  } else if (run.avg_heart_rate_bpm) {
    parts.push_back(fmt::format("heart rate {} bpm average", *run.avg_heart_rate_bpm));
  } else if (run.max_heart_rate_bpm) {
    parts.push_back(fmt::format("heart rate {} bpm max", *run.max_heart_rate_bpm));
  }
  if (run.avg_cadence_spm) parts.push_back(fmt::format("{:.0f} spm", *run.avg_cadence_spm));
  return fmt::format("{}", fmt::join(parts, " · "));
}

std::string context_text(const RunContext& context) {
  std::vector<std::string> parts;
  if (context.company) parts.emplace_back(company_phrase(*context.company));
  if (context.route) parts.emplace_back(route_phrase(*context.route));
  if (context.setting) parts.emplace_back(setting_name(*context.setting));
  if (context.audio) parts.emplace_back(audio_name(*context.audio));
  if (!trim_spaces(context.weather).empty()) {
    parts.push_back("weather: " + inline_text(context.weather));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

void append_entry(std::string& out, const JournalEntry& entry, const Run* run, UnitSystem units,
                  const detail::ValueNames& names) {
  std::string what = "journal entry";
  if (run != nullptr) {
    what = sport_phrase(run->sport);
    if (run->distance) what = format_distance(*run->distance, units) + " " + what;
  }
  out += fmt::format("## {} — {}\n\n", detail::local_or_utc(entry.at), what);

  if (run != nullptr) {
    const std::string summary = run_summary(*run, units);
    if (!summary.empty()) out += fmt::format("**Run:** {}\n\n", summary);
    append_labelled(out, "Run notes", run->notes);
  }

  std::vector<std::string> items;
  if (const auto before = feeling_text(entry.before); !before.empty()) {
    items.push_back("Before: " + before);
  }
  if (const auto after = feeling_text(entry.after); !after.empty()) {
    items.push_back("After: " + after);
  }
  if (entry.enjoyment) items.push_back("Enjoyment: " + rating(*entry.enjoyment, 10));
  if (entry.effort) items.push_back("Effort (RPE): " + rating(*entry.effort, 10));
  if (entry.alignment) items.push_back("Alignment with my values: " + rating(*entry.alignment, 10));
  if (entry.cue_rating) items.push_back("Form cue: " + rating(*entry.cue_rating, 10));
  if (!entry.value_alignments.empty()) {
    std::vector<std::string> parts;
    for (const auto& alignment : entry.value_alignments) {
      parts.push_back(
          fmt::format("{} {}", inline_text(names(alignment.value)), rating(alignment.rating, 10)));
    }
    items.push_back(fmt::format("Alignment by value: {}", fmt::join(parts, ", ")));
  }
  if (entry.motive.value) {
    items.push_back("Motive: " + inline_text(names(*entry.motive.value)));
  } else if (entry.motive.push) {
    items.push_back("Motive: outside push, " + spaced(outside_push_name(*entry.motive.push)));
  }
  if (const auto context = context_text(entry.context); !context.empty()) {
    items.push_back("Context: " + context);
  }
  for (const auto& item : items) out += fmt::format("- {}\n", item);
  if (!items.empty()) out += '\n';

  append_paragraph(out, entry.text);
}

void append_entries(std::string& out, const JournalData& data, UnitSystem units) {
  std::map<RunId, const Run*> runs;
  for (const auto& run : data.runs) runs.emplace(run.id, &run);
  std::vector<const JournalEntry*> entries;
  for (const auto& entry : data.entries) entries.push_back(&entry);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const JournalEntry* a, const JournalEntry* b) {
                     return std::tie(a->at.utc, a->id) < std::tie(b->at.utc, b->id);
                   });
  const detail::ValueNames names(data.values);
  if (entries.empty()) out += "## Journal\n\nNo journal entries yet.\n\n";
  for (const JournalEntry* entry : entries) {
    const Run* run = nullptr;
    if (entry->run) {
      const auto found = runs.find(*entry->run);
      if (found != runs.end()) run = found->second;
    }
    append_entry(out, *entry, run, units, names);
  }
}

// --- experiments and check-ins ------------------------------------------------------------

void append_experiments(std::string& out, const JournalData& data, UnitSystem units) {
  if (data.experiments.empty()) return;
  out += "## Experiments\n\n";
  const detail::ValueNames names(data.values);
  std::vector<const Experiment*> experiments;
  for (const auto& experiment : data.experiments) experiments.push_back(&experiment);
  std::stable_sort(experiments.begin(), experiments.end(),
                   [](const Experiment* a, const Experiment* b) {
                     return std::tie(a->starts_on, a->id) < std::tie(b->starts_on, b->id);
                   });
  for (const Experiment* experiment : experiments) {
    out += fmt::format("### {} — for {}\n\n", heading_text(experiment->practice),
                       heading_text(names(experiment->value)));
    out += fmt::format("- Period: {} to {}\n", format_date(experiment->starts_on),
                       format_date(experiment->ends_on));
    if (!trim_spaces(experiment->question).empty()) {
      out += fmt::format("- Question: {}\n", inline_text(experiment->question));
    }
    if (experiment->goal) {
      out += fmt::format("- Goal: {}\n", inline_text(describe_goal(*experiment->goal, units)));
    }
    if (experiment->ended_on) {
      out += fmt::format("- Ended {}", format_date(*experiment->ended_on));
      if (experiment->decision) {
        out += fmt::format(", decision: {}", experiment_decision_name(*experiment->decision));
      }
      out += '\n';
    } else {
      out += "- Still running\n";
    }
    out += fmt::format("- Runs tagged: {}\n\n", experiment->runs.size());
    append_labelled(out, "Reflection", experiment->reflection);
  }
}

void append_checkins(std::string& out, const JournalData& data) {
  if (data.checkins.empty()) return;
  out += "## Check-ins\n\n";
  const detail::ValueNames names(data.values);
  std::vector<const CheckIn*> checkins;
  for (const auto& checkin : data.checkins) checkins.push_back(&checkin);
  std::stable_sort(checkins.begin(), checkins.end(), [](const CheckIn* a, const CheckIn* b) {
    return std::tie(a->on, a->id) < std::tie(b->on, b->id);
  });
  for (const CheckIn* checkin : checkins) {
    out += fmt::format("### {}\n\n", format_date(checkin->on));
    for (const auto& area : checkin->areas) {
      out += fmt::format("- {}: {}", inline_text(names(area.value)), rating(area.rating, 10));
      if (!trim_spaces(area.note).empty()) out += " — " + inline_text(area.note);
      out += '\n';
    }
    std::vector<std::string> motivation;
    for (const auto item : motivation_items) {
      if (const auto answer = checkin->motivation[item]) {
        motivation.push_back(fmt::format("{} {}", motivation_item_name(item), rating(*answer, 5)));
      }
    }
    if (!motivation.empty()) {
      out += fmt::format("- Motivation: {}\n", fmt::join(motivation, ", "));
    }
    if (!checkin->areas.empty() || !motivation.empty()) out += '\n';
    append_paragraph(out, checkin->note);
  }
}

}  // namespace

std::string export_markdown(const JournalData& data, UnitSystem units) {
  std::string out = "# Cairn running journal\n\n";
  append_values(out, data);
  append_history(out, data);
  append_entries(out, data, units);
  append_experiments(out, data, units);
  append_checkins(out, data);
  while (out.size() >= 2 && out.ends_with("\n\n")) out.pop_back();
  return out;
}

}  // namespace cairn::exchange
