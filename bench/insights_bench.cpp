// Insights (issue 11): a full recompute over ten years of near-daily runs with tracks (about
// 3,500, `cairn demo --years 10 --runs-per-week 7`) must take well under 100 ms for the
// statistics. Figures and the command in docs/performance.md; the whole `cairn insights`
// process is timed there with hyperfine.
//
// The journal is the demo's, written once into a store in a temporary folder as `cairn demo`
// writes it (tracks, ground and routes worked out), leading up to 2026-12-01.

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "cairn/app/demo_journal.hpp"
#include "cairn/app/journal_service.hpp"
#include "cairn/core/clock.hpp"
#include "cairn/insights/insights.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace {

using namespace std::chrono_literals;

constexpr cairn::LocalDate today = std::chrono::year{2026} / std::chrono::December / 1;

class DemoStore {
 public:
  DemoStore() {
    std::random_device seed;
    folder_ =
        std::filesystem::temp_directory_path() / ("cairn-insights-bench-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_);
    store_ = cairn::store::open_sqlite_store(folder_ / "cairn.db");
    cairn::demo::DemoOptions options;
    options.seed = 1;
    options.years = 10;
    options.runs_per_week = 7;
    options.as_of = today;
    static_cast<void>(cairn::app::create_demo_journal(*store_, cairn::local_user, options));
  }
  DemoStore(const DemoStore&) = delete;
  DemoStore& operator=(const DemoStore&) = delete;
  DemoStore(DemoStore&&) = delete;
  DemoStore& operator=(DemoStore&&) = delete;
  ~DemoStore() {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }
  [[nodiscard]] cairn::store::Store& store() { return *store_; }

 private:
  std::filesystem::path folder_;
  std::unique_ptr<cairn::store::Store> store_;
};

DemoStore& demo() {
  static DemoStore store;
  return store;
}

// The statistics alone: compute_insights over a snapshot already in memory.
void BM_ComputeInsights(benchmark::State& state) {
  auto& store = demo().store();
  const cairn::JournalData data = store.snapshot(cairn::local_user);
  const auto ground = store.route_familiarity(cairn::local_user);
  const auto routes = store.known_routes(cairn::local_user);
  std::size_t runs = 0;
  for (auto _ : state) {
    const auto insights = cairn::insights::compute_insights(
        {.data = &data, .as_of = today, .ground = ground, .routes = routes});
    runs = insights.runs_considered;
    benchmark::DoNotOptimize(insights);
  }
  state.counters["runs"] = static_cast<double>(runs);
}
BENCHMARK(BM_ComputeInsights)->Unit(benchmark::kMillisecond);

// What the use case reads before computing: the snapshot and the route familiarity.
void BM_ReadJournal(benchmark::State& state) {
  auto& store = demo().store();
  for (auto _ : state) {
    const cairn::JournalData data = store.snapshot(cairn::local_user);
    const auto ground = store.route_familiarity(cairn::local_user);
    const auto routes = store.known_routes(cairn::local_user);
    benchmark::DoNotOptimize(data);
    benchmark::DoNotOptimize(ground);
    benchmark::DoNotOptimize(routes);
  }
}
BENCHMARK(BM_ReadJournal)->Unit(benchmark::kMillisecond);

// The use case `cairn insights` calls: read, then compute.
void BM_InsightsUseCase(benchmark::State& state) {
  auto& store = demo().store();
  const cairn::app::JournalService service(
      store, cairn::local_user,
      cairn::Clock::fixed(cairn::Timestamp{std::chrono::sys_days{today} + 20h}));
  for (auto _ : state) {
    const auto insights = service.insights(std::nullopt);
    benchmark::DoNotOptimize(insights);
  }
}
BENCHMARK(BM_InsightsUseCase)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
