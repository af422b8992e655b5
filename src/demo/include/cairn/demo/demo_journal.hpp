#pragma once
/// \file
/// A realistic journal to try Cairn with: years of runs with GPS-like tracks, journal
/// entries, values that change with reasons, reviews, experiments and check-ins, generated
/// from a seed with effects planted on purpose, so that a newcomer sees real insights at once.
///
/// The runner of the demo ranks Adventure highest, cares about a clear mind, health and the
/// running club, trains for a marathon until a knee injury (and retires Achievement in the
/// review after it), starts running with the family later, and lately is losing the thread.
/// Planted effects (docs/insights.md, "Demo journal", gives their sizes over 200 seeds):
///
/// - **Clear mind goes with mood lift.** Mood lift rises by 0.25 per point of the run's
///   alignment with "Clear mind" (solo runs in silence on a familiar route rate it highest):
///   runs rated 7 or more lift mood by about 0.9 more than the others.
/// - **A familiar loop lifts mood; new routes do not.** Familiar routes add half a point of
///   mood lift, new routes take a fifth of a point away, and new routes are enjoyed no more.
///   Adventure, the top value, is lived on new routes: its well-aligned runs lift mood about
///   0.7 less than the others, the seed's own example of a value to re-evaluate.
/// - **Family runs lift mood too.** Playing with the children adds 0.8 of mood lift, so a
///   family run (low on Clear mind) lifts mood about as much as a run alone.
/// - **Company goes with enjoyment.** Runs with a friend, the club or the family are enjoyed
///   about 0.8 more (of 10) than runs alone: a quiet solo run is enjoyed as much as company,
///   a run alone with music or a podcast (the dutiful one) about 2 points less.
/// - **An experiment that worked.** The runs tagged in "a solo run before work with no music"
///   (Clear mind) are enjoyed 2 points more than they would have been, about 2.3 more than
///   the runs of the six weeks before it.
/// - **Motivation turning.** Over the last six weeks enjoyment drifts down by up to 3.5
///   points, the gaps between runs grow from 1.2 to 3.2 times the usual one (and the last
///   run is at least 3.5 usual gaps ago), outside pushes (guilt, habit) replace values as
///   motives, and the check-ins' motivation quality falls (less enjoyment and choice, more
///   guilt and pressure): the early warning should fire.
///
/// Everything else carries no planted effect beyond what follows from the above (silent runs
/// lift mood more because they live Clear mind; club runs are evening runs; a motive that
/// is a value and one that is an outside push go with the same outcomes), so insights that
/// are no consequence of them should stay quiet.
///
/// The generator is pure: no clock, no I/O; the same options give the same journal on every
/// platform (std::mt19937_64 with our own distributions, no library maths whose last digits
/// differ between implementations).

#include <chrono>
#include <cstdint>
#include <string>

#include "cairn/core/journal_data.hpp"
#include "cairn/core/time.hpp"

namespace cairn::demo {

/// The ranges the options must lie in.
inline constexpr int min_years = 1;
inline constexpr int max_years = 15;
inline constexpr int min_runs_per_week = 1;
inline constexpr int max_runs_per_week = 14;

/// What to generate.
struct DemoOptions {
  std::uint64_t seed = 1;
  int years = 3;          ///< how far back the journal starts, min_years-max_years
  int runs_per_week = 4;  ///< the usual number, min_runs_per_week-max_runs_per_week; injury,
                          ///< holidays, seasons and the recent decline make it vary
  /// The day the journal leads up to ("today"): everything generated happens before it.
  LocalDate as_of = std::chrono::year{2026} / std::chrono::January / 1;
  /// The runner's home zone (IANA name): every run's zone, and where the home point of the
  /// tracks lies (a park in the zone's main city; a park in Berlin for a zone we know no
  /// city of, such as UTC).
  std::string home_zone = "Europe/Berlin";
};

/// Throws Error(invalid_input) naming the option as its field (`years`, `runs_per_week`,
/// `as_of`, `home_zone`) when it is out of range, or when the journal would start before
/// 1971.
void check_demo_options(const DemoOptions& options);

/// The demo journal `options` describe: values with their history, reviews, runs (with
/// tracks, laps and the files they were imported from, except a few typed-in treadmill
/// runs), journal entries, experiments and check-ins, ids from 1 in time order, every object
/// passing core's checks (check_journal_data). Settings hold the home zone only. Throws as
/// check_demo_options does.
[[nodiscard]] JournalData generate_demo_journal(const DemoOptions& options);

}  // namespace cairn::demo
