// The kill test of `cairn serve`: the real program serves a journal while a few clients
// write to it over HTTP, and is killed with SIGKILL at a random moment, round after round on
// the same database. Every write the server acknowledged (a 2xx) must be there afterwards,
// as acknowledged, and the database must pass SQLite's integrity check.

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cairn/core/time.hpp"

#include "sqlite_check.hpp"

namespace cairn {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

constexpr int rounds = 20;
constexpr int writers = 3;

// A port no one listens on now (the system's pick, released again for the child to take).
int free_port() {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
  close(socket);
  return ntohs(address.sin_port);
}

pid_t start_server(const fs::path& db, int port, const fs::path& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    close(out);
    const std::string port_text = std::to_string(port);
    execl(CAIRN_BINARY, CAIRN_BINARY, "--db", db.c_str(), "serve", "--port", port_text.c_str(),
          nullptr);
    _exit(127);
  }
  return pid;
}

bool wait_until_answering(int port, pid_t pid) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(0, 200000);
  for (int attempt = 0; attempt < 500; ++attempt) {
    if (const auto result = client.Get("/api/status"); result && result->status == 200) {
      return true;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;  // it died
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

// What the clients were told was stored.
struct Acknowledged {
  std::mutex mutex;
  std::map<std::int64_t, Json> runs;     ///< id -> start.utc, distance_m, notes
  std::map<std::int64_t, Json> entries;  ///< id -> text
  /// Changes sent but never answered: either the old or the new content may be stored.
  std::map<std::int64_t, std::string> run_notes_in_doubt;
  std::map<std::int64_t, std::string> entry_texts_in_doubt;
  std::size_t writes = 0;
};

std::string start_of(long number) {
  // Distinct starts, three hours apart from 2020 on: never the same run twice.
  const Timestamp first = parse_utc("2020-01-01T00:00:00Z");
  return format_utc(first + std::chrono::hours{3 * number});
}

// Writes until the server stops answering: a run (or an entry), then a change to it.
void write_until_killed(int port, int writer, std::atomic<long>& next, Acknowledged& seen) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(5, 0);
  const httplib::Headers none;
  while (true) {
    const long number = next++;
    if (writer % 2 == 0) {
      const Json body{{"start", {{"utc", start_of(number)}, {"zone", "UTC"}}},
                      {"distance_m", 5000 + number},
                      {"elapsed_s", 1800}};
      const auto added = client.Post("/api/runs", body.dump(), "application/json");
      if (!added) return;
      if (added->status != 201) {
        ADD_FAILURE() << "POST /api/runs -> " << added->status << " " << added->body;
        return;
      }
      const auto id = Json::parse(added->body)["run"]["id"].get<std::int64_t>();
      {
        const std::scoped_lock lock(seen.mutex);
        seen.runs[id] =
            Json{{"utc", start_of(number)}, {"distance_m", 5000 + number}, {"notes", ""}};
        ++seen.writes;
      }
      const std::string notes = fmt::format("run {} changed", number);
      {
        const std::scoped_lock lock(seen.mutex);
        seen.run_notes_in_doubt[id] = notes;
      }
      const auto changed = client.Patch(fmt::format("/api/runs/{}", id), none,
                                        Json{{"notes", notes}}.dump(), "application/json");
      if (!changed) return;
      EXPECT_EQ(changed->status, 200) << changed->body;
      const std::scoped_lock lock(seen.mutex);
      seen.run_notes_in_doubt.erase(id);
      if (changed->status == 200) seen.runs[id]["notes"] = notes;
      ++seen.writes;
    } else {
      const std::string text = fmt::format("entry {}", number);
      const auto added = client.Post("/api/entries", Json{{"text", text}, {"enjoyment", 5}}.dump(),
                                     "application/json");
      if (!added) return;
      if (added->status != 201) {
        ADD_FAILURE() << "POST /api/entries -> " << added->status << " " << added->body;
        return;
      }
      const auto id = Json::parse(added->body)["id"].get<std::int64_t>();
      const std::string edited = text + " edited";
      {
        const std::scoped_lock lock(seen.mutex);
        seen.entries[id] = text;
        seen.entry_texts_in_doubt[id] = edited;
        ++seen.writes;
      }
      const auto changed = client.Patch(fmt::format("/api/entries/{}", id), none,
                                        Json{{"text", edited}}.dump(), "application/json");
      if (!changed) return;
      EXPECT_EQ(changed->status, 200) << changed->body;
      const std::scoped_lock lock(seen.mutex);
      seen.entry_texts_in_doubt.erase(id);
      if (changed->status == 200) seen.entries[id] = edited;
      ++seen.writes;
    }
  }
}

TEST(ServeKilled, KeepsEveryAcknowledgedWriteAndAWholeDatabase) {
  std::random_device seed;
  const fs::path folder = fs::temp_directory_path() / fmt::format("cairn-kill-{}", seed());
  fs::create_directories(folder);
  const fs::path db = folder / "cairn.db";
  const fs::path log = folder / "serve.log";
  std::mt19937 random(seed());
  std::uniform_int_distribution<int> run_for_ms(50, 600);
  Acknowledged seen;
  std::atomic<long> next{0};

  for (int round = 0; round < rounds; ++round) {
    const int port = free_port();
    const pid_t pid = start_server(db, port, log);
    ASSERT_TRUE(wait_until_answering(port, pid))
        << "round " << round << ": cairn serve never answered; its log is " << log.string();
    std::vector<std::thread> clients;
    for (int writer = 0; writer < writers; ++writer) {
      clients.emplace_back([&, writer] { write_until_killed(port, writer, next, seen); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(run_for_ms(random)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    for (auto& client : clients) client.join();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": the server ended before it was killed; its log is "
        << log.string();
    ASSERT_EQ(testing::integrity_of(db.string()), "ok") << "after round " << round;
  }
  EXPECT_GT(seen.writes, static_cast<std::size_t>(rounds)) << "too few writes to test anything";
  ::testing::Test::RecordProperty("acknowledged_writes", std::to_string(seen.writes));
  ::testing::Test::RecordProperty("runs", std::to_string(seen.runs.size()));
  ::testing::Test::RecordProperty("entries", std::to_string(seen.entries.size()));

  // Served once more: every acknowledged write is there as it was acknowledged.
  const int port = free_port();
  const pid_t pid = start_server(db, port, log);
  ASSERT_TRUE(wait_until_answering(port, pid));
  httplib::Client client("127.0.0.1", port);
  for (const auto& [id, want] : seen.runs) {
    const auto got = client.Get(fmt::format("/api/runs/{}", id));
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << "acknowledged run " << id << " is missing";
    const Json run = Json::parse(got->body)["run"];
    EXPECT_EQ(run["start"]["utc"], want["utc"]) << id;
    EXPECT_EQ(run["distance_m"], want["distance_m"]) << id;
    const auto doubt = seen.run_notes_in_doubt.find(id);
    if (doubt == seen.run_notes_in_doubt.end() || run["notes"] != doubt->second) {
      EXPECT_EQ(run["notes"], want["notes"]) << id;
    }
  }
  for (const auto& [id, want] : seen.entries) {
    const auto got = client.Get(fmt::format("/api/entries/{}", id));
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << "acknowledged entry " << id << " is missing";
    const Json entry = Json::parse(got->body);
    const auto doubt = seen.entry_texts_in_doubt.find(id);
    if (doubt == seen.entry_texts_in_doubt.end() || entry["text"] != doubt->second) {
      EXPECT_EQ(entry["text"], want) << id;
    }
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "cairn serve did not stop cleanly on SIGTERM; its log is " << log.string();
  EXPECT_EQ(testing::integrity_of(db.string()), "ok");
  if (!::testing::Test::HasFailure()) fs::remove_all(folder);
}

}  // namespace
}  // namespace cairn
