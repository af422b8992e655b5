#include "run_merge.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

namespace cairn::app::detail {
namespace {

template <class T>
void fill(std::optional<T>& kept, const std::optional<T>& other) {
  if (!kept) kept = other;
}

void fill(std::string& kept, const std::string& other) {
  if (kept.empty()) kept = other;
}

// Joins two texts so neither is lost; one is enough when they are the same.
std::string joined(const std::string& kept, const std::string& other) {
  if (other.empty() || other == kept) return kept;
  if (kept.empty()) return other;
  return kept + "\n\n" + other;
}

// Takes `other`'s answer where `kept` has none; records `name` when both differ.
class AnswerMerger {
 public:
  template <class T>
  void take(std::string_view name, std::optional<T>& kept, const std::optional<T>& other) {
    if (kept && other && *kept != *other) {
      conflicts_.emplace_back(name);
      return;
    }
    fill(kept, other);
  }
  void take(std::string_view name, std::string& kept, const std::string& other) {
    if (!kept.empty() && !other.empty() && kept != other) {
      conflicts_.emplace_back(name);
      return;
    }
    fill(kept, other);
  }
  void conflict(std::string name) { conflicts_.push_back(std::move(name)); }
  [[nodiscard]] const std::vector<std::string>& conflicts() const { return conflicts_; }

 private:
  std::vector<std::string> conflicts_;
};

}  // namespace

bool keep_first(const Run& a, const Run& b) {
  return a.source == RunSource::file || b.source != RunSource::file;
}

Run combine_runs(const Run& kept, const Run& other) {
  Run out = kept;
  if (out.sport == Sport::road) out.sport = other.sport;
  fill(out.distance, other.distance);
  fill(out.elapsed, other.elapsed);
  fill(out.moving, other.moving);
  fill(out.elevation_gain, other.elevation_gain);
  fill(out.avg_heart_rate_bpm, other.avg_heart_rate_bpm);
  fill(out.max_heart_rate_bpm, other.max_heart_rate_bpm);
  fill(out.avg_cadence_spm, other.avg_cadence_spm);
  // The words are the runner's: a typed-in title beats a file's "Morning Run".
  const bool typed_words = kept.source == RunSource::file && other.source == RunSource::manual;
  const Run& words_first = typed_words ? other : kept;
  const Run& words_then = typed_words ? kept : other;
  out.title = words_first.title.empty() ? words_then.title : words_first.title;
  out.route_name = words_first.route_name.empty() ? words_then.route_name : words_first.route_name;
  out.notes = joined(words_first.notes, words_then.notes);
  if (out.laps.empty()) out.laps = other.laps;
  if (other.source == RunSource::manual) out.review.clear();
  return out;
}

JournalEntry combine_entries(const JournalEntry& kept, const JournalEntry& other) {
  JournalEntry out = kept;
  AnswerMerger merger;
  merger.take("mood before", out.before.mood, other.before.mood);
  merger.take("energy before", out.before.energy, other.before.energy);
  merger.take("mood after", out.after.mood, other.after.mood);
  merger.take("energy after", out.after.energy, other.after.energy);
  merger.take("enjoyment", out.enjoyment, other.enjoyment);
  merger.take("effort", out.effort, other.effort);
  merger.take("alignment", out.alignment, other.alignment);
  merger.take("form cue rating", out.cue_rating, other.cue_rating);
  for (const auto& alignment : other.value_alignments) {
    const auto same =
        std::find_if(out.value_alignments.begin(), out.value_alignments.end(),
                     [&](const ValueAlignment& mine) { return mine.value == alignment.value; });
    if (same == out.value_alignments.end()) {
      out.value_alignments.push_back(alignment);
    } else if (same->rating != alignment.rating) {
      merger.conflict(fmt::format("alignment with value #{}", alignment.value.value));
    }
  }
  if (out.motive == Motive{}) {
    out.motive = other.motive;
  } else if (other.motive != Motive{} && other.motive != out.motive) {
    merger.conflict("motive");
  }
  merger.take("company", out.context.company, other.context.company);
  merger.take("route", out.context.route, other.context.route);
  merger.take("setting", out.context.setting, other.context.setting);
  merger.take("audio", out.context.audio, other.context.audio);
  merger.take("weather", out.context.weather, other.context.weather);
  out.text = joined(kept.text, other.text);
  out.written_at = std::max(kept.written_at, other.written_at);
  if (!merger.conflicts().empty()) {
    throw Error(Errc::conflict,
                fmt::format("journal entries #{} and #{} answer {} differently: make them agree "
                            "by changing one, then merge again",
                            kept.id.value, other.id.value, fmt::join(merger.conflicts(), ", ")));
  }
  return out;
}

}  // namespace cairn::app::detail
