#pragma once
/// \file
/// The rating scales a runner answers (mood 1-5, enjoyment 1-10, ...), in one place so the
/// CLI, the API and the store agree on their bounds.

#include <optional>
#include <string_view>

namespace cairn {

/// An inclusive integer scale with the name used in messages.
struct RatingScale {
  std::string_view name;
  int min = 1;
  int max = 10;
};

inline constexpr RatingScale mood_scale{"mood", 1, 5};
inline constexpr RatingScale energy_scale{"energy", 1, 5};
inline constexpr RatingScale enjoyment_scale{"enjoyment", 1, 10};
inline constexpr RatingScale effort_scale{"effort (RPE)", 1, 10};
inline constexpr RatingScale alignment_scale{"alignment", 1, 10};
inline constexpr RatingScale importance_scale{"importance", 1, 10};
inline constexpr RatingScale life_area_scale{"life area rating", 1, 10};
inline constexpr RatingScale motivation_item_scale{"motivation rating", 1, 5};
/// How well a run kept an experiment's form cue ("relaxed shoulders"): 0 not at all, 10 all
/// the way (decision 0008).
inline constexpr RatingScale cue_scale{"form cue rating", 0, 10};

/// Throws Error(invalid_input) when the rating is outside the scale, naming the scale,
/// `where` (e.g. "mood before") and the allowed range; the error's field is `field`.
void check_rating(const RatingScale& scale, int rating, std::string_view where = {},
                  std::string_view field = {});
/// Same, for an optional answer; an absent one is always fine.
void check_rating(const RatingScale& scale, const std::optional<int>& rating,
                  std::string_view where = {}, std::string_view field = {});

}  // namespace cairn
