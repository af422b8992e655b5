// The crash test: a child writing journal entries is killed with SIGKILL at random moments.
// Every entry whose write was acknowledged must be there afterwards, and the database must
// pass SQLite's integrity check.

#include <array>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cairn/store/sqlite_store.hpp"

#include "sqlite_check.hpp"

namespace cairn {
namespace {

struct Round {
  std::map<long, long long> acknowledged;  ///< entry number -> id
};

// Starts the writer, reads acknowledgements for `run_for`, kills it, and collects every
// acknowledgement it printed before dying.
Round write_and_kill(const std::filesystem::path& db, long first,
                     std::chrono::milliseconds run_for) {
  std::array<int, 2> out{};
  if (pipe(out.data()) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    const std::string first_text = std::to_string(first);
    execl(CAIRN_CRASH_WRITER, CAIRN_CRASH_WRITER, db.c_str(), first_text.c_str(), nullptr);
    _exit(127);
  }
  close(out[1]);
  std::string text;
  std::array<char, 4096> buffer{};
  const auto deadline = std::chrono::steady_clock::now() + run_for;
  bool killed = false;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!killed && left.count() <= 0) {
      kill(pid, SIGKILL);
      killed = true;
    }
    pollfd fd{out[0], POLLIN, 0};
    const int ready = poll(&fd, 1, killed ? -1 : static_cast<int>(std::max<long>(left.count(), 0)));
    if (ready <= 0) continue;
    const auto n = read(out[0], buffer.data(), buffer.size());
    if (n <= 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(n));
  }
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);

  Round round;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    // A line cut by the kill has no newline and was never fully acknowledged.
    if (lines.eof()) break;
    std::istringstream fields(line);
    long number = 0;
    long long id = 0;
    if (fields >> number >> id) round.acknowledged[number] = id;
  }
  return round;
}

TEST(CrashTest, KeepsEveryAcknowledgedEntryThroughRandomKills) {
  std::random_device seed;
  const auto folder =
      std::filesystem::temp_directory_path() / ("cairn-crash-test-" + std::to_string(seed()));
  std::filesystem::create_directories(folder);
  const auto db = folder / "cairn.db";
  std::mt19937 random(seed());
  std::uniform_int_distribution<int> delay_ms(2, 120);

  std::map<long, long long> all_acknowledged;
  long next = 0;
  constexpr int rounds = 24;
  for (int i = 0; i < rounds; ++i) {
    const Round round = write_and_kill(db, next, std::chrono::milliseconds{delay_ms(random)});
    all_acknowledged.insert(round.acknowledged.begin(), round.acknowledged.end());
    next += 100000;

    ASSERT_EQ(testing::integrity_of(db.string()), "ok") << "after round " << i;
    auto store = store::open_sqlite_store(db);
    std::map<long long, std::string> stored;
    for (const auto& entry : store->entries(local_user)) stored[entry.id.value] = entry.text;
    for (const auto& [number, id] : all_acknowledged) {
      const auto found = stored.find(id);
      ASSERT_NE(found, stored.end())
          << "acknowledged entry " << number << " (id " << id << ") lost after round " << i;
      EXPECT_EQ(found->second, "entry " + std::to_string(number));
    }
  }
  // The test means something only if writes were acknowledged and cut off mid-stream.
  EXPECT_GT(all_acknowledged.size(), 20U);
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace cairn
