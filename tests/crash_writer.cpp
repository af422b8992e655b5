// Child process of the crash test: writes journal entries one after another and prints
// "<number> <id>" for each as soon as the store acknowledged it (the call returned).
// It never stops by itself before its cap; the test kills it with SIGKILL.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "cairn/store/sqlite_store.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: cairn_crash_writer DB FIRST_NUMBER\n");
    return 2;
  }
  const long first = std::strtol(argv[2], nullptr, 10);
  auto store = cairn::store::open_sqlite_store(argv[1]);
  const auto base = cairn::parse_local_time("2025-01-01T06:00", "UTC");
  for (long number = first; number < first + 100000; ++number) {
    cairn::JournalEntry entry;
    entry.at = base;
    entry.at.utc += std::chrono::minutes{number};
    entry.written_at = cairn::now();
    entry.enjoyment = static_cast<int>(number % 10) + 1;
    entry.text = "entry " + std::to_string(number);
    const auto stored = store->add_entry(cairn::local_user, entry);
    std::printf("%ld %lld\n", number, static_cast<long long>(stored.id.value));
    std::fflush(stdout);
  }
  return 0;
}
