// Route familiarity (issue 11): the ground of one new run, worked out against a journal of
// ten years of near-daily runs with tracks (3,500), must take under 5 ms. Figures and the
// command in docs/performance.md.
//
// The journal is made here, the same every time (a fixed seed): runs from home on fifteen
// favourite loops, a few of them far more often than the rest (the river loop about one run
// in four), either way round, some with a spur out and back, and one run in seven somewhere
// new; a fix every second with a few metres of noise.

#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <numbers>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "cairn/app/route_ground.hpp"
#include "cairn/core/route.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace {

using cairn::Duration;
using cairn::TrackPoint;

constexpr double metres_per_degree = 6'371'008.8 * std::numbers::pi / 180.0;
constexpr double home_lat = 48.137;
constexpr double home_lon = 11.575;
constexpr int journal_runs = 3500;

struct Loop {
  double lat = home_lat;  // where the loop begins
  double lon = home_lon;
  double radius_m = 800.0;
  double bearing_deg = 90.0;  // of its centre from where it begins
  double spur_m = 0.0;        // out and back at the end
};

std::vector<TrackPoint> track_of(const Loop& loop, bool clockwise, std::mt19937& random) {
  std::uniform_real_distribution<double> noise(-4.0, 4.0);
  const double east_m = metres_per_degree * std::cos(loop.lat * std::numbers::pi / 180.0);
  const double bearing = loop.bearing_deg * std::numbers::pi / 180.0;
  const double centre_n = loop.radius_m * std::cos(bearing);
  const double centre_e = loop.radius_m * std::sin(bearing);
  std::vector<TrackPoint> track;
  const auto add = [&](double north_m, double east) {
    track.push_back({.offset = Duration(static_cast<double>(track.size())),
                     .latitude_deg = loop.lat + (north_m + noise(random)) / metres_per_degree,
                     .longitude_deg = loop.lon + (east + noise(random)) / east_m,
                     .heart_rate_bpm = 145});
  };
  const auto steps =
      static_cast<int>(std::ceil(2.0 * std::numbers::pi * loop.radius_m / 3.0));  // 3 m/s
  for (int i = 0; i <= steps; ++i) {
    const double turn =
        2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(steps);
    const double angle = bearing + std::numbers::pi + (clockwise ? turn : -turn);
    add(centre_n + loop.radius_m * std::cos(angle), centre_e + loop.radius_m * std::sin(angle));
  }
  const auto spur_steps = static_cast<int>(loop.spur_m / 3.0);
  for (int i = 0; i < spur_steps; ++i) add(-3.0 * static_cast<double>(i), 0.0);
  for (int i = spur_steps; i > 0; --i) add(-3.0 * static_cast<double>(i), 0.0);
  return track;
}

// The favourite loops and how often each is run (weights), the river loop first.
struct Favourite {
  Loop loop;
  double weight = 1.0;
};

std::vector<Favourite> favourites() {
  const std::array<double, 15> radii = {800, 1200, 500,  1600, 700, 1000, 2400, 600,
                                        900, 1400, 1900, 1100, 750, 2000, 3000};
  std::vector<Favourite> out;
  out.reserve(radii.size());
  for (std::size_t i = 0; i < radii.size(); ++i) {
    out.push_back({.loop = {.radius_m = radii[i],
                            .bearing_deg = static_cast<double>(i) * 24.0,
                            .spur_m = i % 4 == 3 ? 1000.0 : 0.0},
                   .weight = 1.0 / static_cast<double>(i + 1)});
  }
  return out;
}

// The journal: a store in a temporary folder with 3,500 runs and their tracks and ground.
class Journal {
 public:
  Journal() {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-route-bench-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    store_ = cairn::store::open_sqlite_store(folder_ / "cairn.db");
    std::mt19937 random(2026);
    const auto loops = favourites();
    std::vector<double> weights;
    weights.reserve(loops.size());
    for (const auto& favourite : loops) weights.push_back(favourite.weight);
    std::discrete_distribution<std::size_t> which(weights.begin(), weights.end());
    std::uniform_real_distribution<double> anywhere(-0.3, 0.3);
    store_->transaction([&] {
      for (int i = 0; i < journal_runs; ++i) {
        cairn::Run run;
        // About one a day from 2016 on, at 07:00.
        run.start = {first_start + std::chrono::hours(25 * i), "UTC"};
        run.distance = cairn::Distance::from_kilometers(6.0);
        run.elapsed = Duration(2000.0);
        run.source = cairn::RunSource::file;
        run = store_->add_run(cairn::local_user, run);
        Loop loop = loops[which(random)].loop;
        if (i % 7 == 6) {  // somewhere new
          loop.lat += anywhere(random);
          loop.lon += anywhere(random);
        }
        store_->save_track(cairn::local_user, run.id, track_of(loop, i % 3 != 0, random));
      }
      cairn::app::rebuild_ground(*store_, cairn::local_user);
    });
    std::mt19937 again(7);
    river_loop_ = track_of(loops.front().loop, false, again);
  }
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  Journal(Journal&&) = delete;
  Journal& operator=(Journal&&) = delete;
  ~Journal() {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  [[nodiscard]] cairn::store::Store& store() { return *store_; }
  [[nodiscard]] const std::vector<TrackPoint>& river_loop() const { return river_loop_; }

  static constexpr cairn::Timestamp first_start{std::chrono::seconds{1451631600}};  // 2016-01-01

 private:
  std::filesystem::path folder_;
  std::unique_ptr<cairn::store::Store> store_;
  std::vector<TrackPoint> river_loop_;
};

Journal& journal() {
  static Journal made;  // built once, on first use: a minute of setup
  return made;
}

struct Rollback {};

// Times `work` on a run added at `start`, in a transaction then rolled back, so that every
// iteration meets the same journal.
template <class Work>
void time_on_a_new_run(benchmark::State& state, cairn::Timestamp start, Work work) {
  auto& store = journal().store();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's loop
    try {
      store.transaction([&] {
        cairn::Run run;
        run.start = {start, "UTC"};
        run.distance = cairn::Distance::from_kilometers(5.0);
        run.elapsed = Duration(1700.0);
        run.source = cairn::RunSource::file;
        run = store.add_run(cairn::local_user, run);
        const auto began = std::chrono::steady_clock::now();
        work(store, run);
        state.SetIterationTime(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
        throw Rollback{};
      });
    } catch (const Rollback&) {
    }
  }
}

// The target: the ground of a new run (the newest) on the river loop, the most run route.
void new_run_ground(benchmark::State& state) {
  const auto& track = journal().river_loop();
  time_on_a_new_run(state, Journal::first_start + std::chrono::hours(25 * journal_runs),
                    [&](cairn::store::Store& store, const cairn::Run& run) {
                      cairn::app::learn_ground(store, cairn::local_user, run, track);
                    });
}
BENCHMARK(new_run_ground)->UseManualTime()->Unit(benchmark::kMillisecond);

// The same with the track stored too (what the importer does for each run).
void new_run_track_and_ground(benchmark::State& state) {
  const auto& track = journal().river_loop();
  time_on_a_new_run(state, Journal::first_start + std::chrono::hours(25 * journal_runs),
                    [&](cairn::store::Store& store, const cairn::Run& run) {
                      cairn::app::save_run_track(store, cairn::local_user, run, track);
                    });
}
BENCHMARK(new_run_track_and_ground)->UseManualTime()->Unit(benchmark::kMillisecond);

// The track alone, for comparison: what storing a run with a track cost before.
void new_run_track_alone(benchmark::State& state) {
  const auto& track = journal().river_loop();
  time_on_a_new_run(state, Journal::first_start + std::chrono::hours(25 * journal_runs),
                    [&](cairn::store::Store& store, const cairn::Run& run) {
                      store.save_track(cairn::local_user, run.id, track);
                    });
}
BENCHMARK(new_run_track_alone)->UseManualTime()->Unit(benchmark::kMillisecond);

// History filled in: a river loop older than every run of the journal.
void oldest_run_ground(benchmark::State& state) {
  const auto& track = journal().river_loop();
  time_on_a_new_run(state, Journal::first_start - std::chrono::hours(24),
                    [&](cairn::store::Store& store, const cairn::Run& run) {
                      cairn::app::learn_ground(store, cairn::local_user, run, track);
                    });
}
BENCHMARK(oldest_run_ground)->UseManualTime()->Unit(benchmark::kMillisecond);

// Deleting the journal's first run takes its ground away: the next run through each of its
// cells is found from every run's stored cells.
void first_run_forgotten(benchmark::State& state) {
  auto& store = journal().store();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's loop
    try {
      store.transaction([&] {
        const auto began = std::chrono::steady_clock::now();
        cairn::app::forget_ground(store, cairn::local_user, cairn::RunId{1});
        state.SetIterationTime(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
        throw Rollback{};
      });
    } catch (const Rollback&) {
    }
  }
}
BENCHMARK(first_run_forgotten)->UseManualTime()->Unit(benchmark::kMillisecond);

// The cells alone (pure computation) of the river loop's 1,676 fixes.
void cells_of_track_alone(benchmark::State& state) {
  const auto& track = journal().river_loop();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's loop
    benchmark::DoNotOptimize(cairn::cells_of_track(track));
  }
}
BENCHMARK(cells_of_track_alone)->Unit(benchmark::kMicrosecond);

// A restore's share: every run's ground worked out again from its track, in one pass.
void rebuild_all(benchmark::State& state) {
  auto& store = journal().store();
  for (auto _ : state) {  // NOLINT(clang-analyzer-deadcode.DeadStores): the library's loop
    try {
      store.transaction([&] {
        const auto began = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(cairn::app::rebuild_ground(store, cairn::local_user));
        state.SetIterationTime(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
        throw Rollback{};
      });
    } catch (const Rollback&) {
    }
  }
}
BENCHMARK(rebuild_all)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
