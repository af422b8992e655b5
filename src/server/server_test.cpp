// The API over real HTTP: a Server on a loopback port (chosen by the system) with a journal
// of its own, asked route by route with cpp-httplib's client, and fed raw bytes on a socket.
// Every refusal is checked for its status, the field it names and that it wrote nothing.

#include "cairn/server/server.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cairn/core/time.hpp"

namespace cairn::server {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

const fs::path corpus_dir = CAIRN_CORPUS_DIR;

bool have_corpus() { return fs::exists(corpus_dir / "files"); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// What SQLite says of a database file: "ok" for a whole one.
std::string integrity_of(const fs::path& path) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    return "cannot open";
  }
  sqlite3_stmt* statement = nullptr;
  std::string result;
  if (sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &statement, nullptr) != SQLITE_OK) {
    result = sqlite3_errmsg(handle);
  }
  while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
    result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return result;
}

// A journal served on a loopback port for the length of one test.
class ServedJournal {
 public:
  explicit ServedJournal(const fs::path& database,
                         std::optional<fs::path> web_root = std::nullopt) {
    ServeOptions options;
    options.web_root = std::move(web_root);
    options.address = "127.0.0.1";
    options.port = 0;
    options.database = database;
    options.clock = Clock::fixed(parse_utc("2026-05-01T18:00:00Z"));
    options.workers = 4;
    options.io_timeout = 5s;
    server_ = std::make_unique<Server>(options);
    thread_ = std::thread([this] { server_->run(); });
    // Answering once the status comes back (run() starts listening on its own thread).
    httplib::Client client("127.0.0.1", server_->port());
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (const auto result = client.Get("/api/status"); result && result->status == 200) return;
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "the server never answered on port " << server_->port();
  }
  ServedJournal(const ServedJournal&) = delete;
  ServedJournal& operator=(const ServedJournal&) = delete;
  ServedJournal(ServedJournal&&) = delete;
  ServedJournal& operator=(ServedJournal&&) = delete;
  ~ServedJournal() {
    stop();
    server_.reset();
  }

  [[nodiscard]] int port() const { return server_->port(); }
  [[nodiscard]] std::string host() const { return fmt::format("127.0.0.1:{}", port()); }
  [[nodiscard]] std::string origin() const { return "http://" + host(); }

  // Stops the server and waits until run() has returned.
  void stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// The answer a server sent on a raw socket: read until it is whole (its headers and the
// Content-Length they give), the connection closes, or `wait` passes.
std::string read_answer(int socket, std::chrono::milliseconds wait = 3000ms) {
  timeval step{.tv_sec = 0, .tv_usec = 100000};
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &step, sizeof step);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string got;
  std::array<char, 4096> buffer{};
  while (std::chrono::steady_clock::now() < deadline) {
    const auto n = recv(socket, buffer.data(), buffer.size(), 0);
    if (n == 0) break;
    if (n < 0) continue;  // nothing yet
    got.append(buffer.data(), static_cast<std::size_t>(n));
    const auto end_of_headers = got.find("\r\n\r\n");
    if (end_of_headers == std::string::npos) continue;
    std::size_t length = 0;
    if (const auto at = got.find("Content-Length: ");
        at != std::string::npos && at < end_of_headers) {
      length = std::stoul(got.substr(at + 16));
    }
    if (got.size() >= end_of_headers + 4 + length) break;
  }
  return got;
}

int connect_to(int port) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    close(socket);
    return -1;
  }
  return socket;
}

void send_text(int socket, std::string_view text) {
  while (!text.empty()) {
    const auto n = ::send(socket, text.data(), text.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Sends `bytes` on a new connection and returns what the server answered within a second.
std::string raw_exchange(int port, std::string_view bytes) {
  const int socket = connect_to(port);
  if (socket < 0) return "connect failed";
  send_text(socket, bytes);
  // Not half-closed: the library sends nothing to a client it sees has hung up.
  std::string got = read_answer(socket, 1000ms);
  close(socket);
  return got;
}

int status_of_raw(const std::string& answer) {
  if (!answer.starts_with("HTTP/1.1 ")) return -1;
  return std::stoi(answer.substr(9, 3));
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = fs::temp_directory_path() / fmt::format("cairn-server-test-{}", seed());
    fs::create_directories(folder_);
    served_ = std::make_unique<ServedJournal>(folder_ / "cairn.db");
    ASSERT_EQ(send("PATCH", "/api/settings", R"({"zone": "Europe/Berlin"})").status, 200);
  }
  void TearDown() override {
    served_.reset();
    fs::remove_all(folder_);
  }

  [[nodiscard]] httplib::Client client() const {
    httplib::Client client("127.0.0.1", served_->port());
    client.set_read_timeout(20, 0);
    client.set_connection_timeout(5, 0);
    return client;
  }

  // One request; the answer is checked for what every answer has: no 500 and the
  // security headers.
  httplib::Response send(const std::string& method, const std::string& path,
                         const std::string& body = {}, httplib::Headers headers = {},
                         const std::string& content_type = "application/json") {
    httplib::Request request;
    request.method = method;
    request.path = path;
    request.headers = std::move(headers);
    if (!body.empty() && !request.has_header("Content-Type")) {
      request.headers.emplace("Content-Type", content_type);
    }
    request.body = body;
    httplib::Response response;
    httplib::Error error = httplib::Error::Success;
    auto connection = client();
    if (!connection.send(request, response, error)) {
      ADD_FAILURE() << method << " " << path << ": no answer (" << httplib::to_string(error) << ")";
      response.status = -1;
      return response;
    }
    EXPECT_LT(response.status, 500) << method << " " << path << " -> " << response.body;
    expect_security_headers(response, method + " " + path);
    return response;
  }

  static void expect_security_headers(const httplib::Response& response, const std::string& what) {
    for (const auto* name :
         {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}) {
      EXPECT_TRUE(response.has_header(name)) << what << " lacks " << name;
    }
  }

  static Json json_of(const httplib::Response& response) {
    const Json parsed = Json::parse(response.body, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << response.body;
    return parsed;
  }

  std::string export_now() {
    const auto response = send("GET", "/api/export?format=json");
    EXPECT_EQ(response.status, 200);
    return response.body;
  }

  // Sends a request that must be refused with `status`, naming `field`, and writing nothing.
  void expect_refused(const std::string& method, const std::string& path, const std::string& body,
                      int status, const std::string& field) {
    const std::string before = export_now();
    const auto response = send(method, path, body);
    EXPECT_EQ(response.status, status)
        << method << " " << path << " " << body << " -> " << response.body;
    if (response.status >= 400) {
      EXPECT_EQ(json_of(response).value("field", ""), field)
          << method << " " << path << " " << body << " -> " << response.body;
    }
    EXPECT_EQ(export_now(), before) << method << " " << path << " " << body << " wrote something";
  }

  Json created(const std::string& path, const Json& body) {
    const auto response = send("POST", path, body.dump());
    EXPECT_EQ(response.status, 201) << path << " " << body.dump() << " -> " << response.body;
    return json_of(response);
  }

  Json add_value(std::string_view name, int importance = 8) {
    return created(
        "/api/values",
        Json{{"name", name}, {"importance", importance}, {"effective_on", "2026-01-01"}});
  }

  std::int64_t add_run(std::string_view local = "2026-04-30T07:30") {
    return created("/api/runs", Json{{"start", {{"local", local}, {"zone", "Europe/Berlin"}}},
                                     {"distance_m", 10000},
                                     {"elapsed_s", 3000}})["run"]["id"]
        .get<std::int64_t>();
  }

  fs::path folder_;
  std::unique_ptr<ServedJournal> served_;
};

TEST_F(ServerTest, KeepsAValuesHistoryAndRefusesBadChangesWritingNothing) {
  EXPECT_EQ(add_value("Health")["name"], "Health");
  add_value("Adventure", 6);
  EXPECT_EQ(send("GET", "/api/catalogue").status, 200);
  const auto ranked =
      send("POST", "/api/values/health/rank",
           R"({"importance": 9, "effective_on": "2026-03-01", "reason": "a scare"})");
  EXPECT_EQ(ranked.status, 200) << ranked.body;
  EXPECT_EQ(send("PATCH", "/api/values/Adventure", R"({"description": "far hills"})").status, 200);
  EXPECT_EQ(send("POST", "/api/values/Adventure/retire", R"({"reason": "new job"})").status, 200);
  EXPECT_EQ(send("POST", "/api/values/Adventure/restore", R"({"reason": "missed it"})").status,
            200);
  EXPECT_EQ(send("POST", "/api/values/Health/since", R"({"since": "2025-06-01"})").status, 200);
  const Json story = json_of(send("GET", "/api/values/health"));
  EXPECT_EQ(story["value"]["importance"], 9);
  EXPECT_GE(story["history"].size(), 2U);
  EXPECT_FALSE(json_of(send("GET", "/api/value-history"))["history"].empty());
  EXPECT_EQ(json_of(send("GET", "/api/values?at=2026-01-02"))["values"].size(), 2U);

  expect_refused("POST", "/api/values", R"({"name": "health", "importance": 3})", 409, "name");
  expect_refused("POST", "/api/values", R"({"importance": 3})", 400, "name");
  expect_refused("POST", "/api/values", R"({"name": "Calm", "importance": "high"})", 400,
                 "importance");
  expect_refused("POST", "/api/values/health/rank", R"({})", 400, "importance");
  expect_refused("POST", "/api/values/health/retire", R"({})", 400, "reason");
  expect_refused("POST", "/api/values/health/since", R"({"since": "June"})", 400, "since");
  expect_refused("PATCH", "/api/values/health", R"({"active": false})", 400, "active");
  expect_refused("POST", "/api/values/nothing/rank", R"({"importance": 2})", 404, "value");
  expect_refused("GET", "/api/values?at=2026-02-30", "", 400, "at");
}

TEST_F(ServerTest, AddsChangesMergesAndDeletesRunsAndRefusesBadOnesWritingNothing) {
  const auto id = add_run();
  const std::string path = fmt::format("/api/runs/{}", id);
  const Json shown = json_of(send("GET", path));
  EXPECT_EQ(shown["run"]["start"]["utc"], "2026-04-30T05:30:00Z");
  EXPECT_TRUE(shown["splits"].is_array());
  EXPECT_EQ(send("GET", path + "/track").status, 200);
  EXPECT_EQ(send("GET", path + "/prompts").status, 200);
  const auto edited = send("PATCH", path, R"({"notes": "windy"})");
  EXPECT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(edited)["run"]["notes"], "windy");

  for (
      const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
          {R"({"start": {"local": "2026-13-01T07:00", "zone": "Europe/Berlin"}})", "start.local"},
          {R"({"start": {"local": "2026-04-01T07:00"}})", "start.zone"},
          {R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distance_m": "ten"})",
           "distance_m"},
          {R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distanse_m": 5})",
           "distanse_m"},
          {R"({"id": 7, "start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}})", "id"},
          {R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distance_m": 15000, "elapsed_s": 975})",
           "pace"},
      }) {
    expect_refused("POST", "/api/runs", body, 400, field);
  }
  expect_refused(
      "POST", "/api/runs",
      R"({"start": {"local": "2026-04-30T07:30", "zone": "Europe/Berlin"}, "distance_m": 10000, "elapsed_s": 3000})",
      409, "start");
  expect_refused("PATCH", path, R"({"distance_m": -5})", 400, "distance_m");
  expect_refused("PATCH", path, R"({"id": 99})", 400, "id");
  expect_refused("PATCH", "/api/runs/999", R"({"notes": "x"})", 404, "id");
  expect_refused("POST", path + "/merge", R"({})", 400, "with");
  expect_refused("DELETE", "/api/runs/999", "", 404, "id");
  EXPECT_EQ(send("GET", "/api/runs/abc").status, 404);
  const auto wrong_method = send("PUT", path);
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.get_header_value("Allow"), "GET, PATCH, DELETE");

  const auto far = add_run("2026-04-29T07:30");
  expect_refused("POST", path + "/merge", Json{{"with", far}}.dump(), 400, "with");
  expect_refused("POST", path + "/merge", Json{{"with", id}}.dump(), 400, "with");
  expect_refused("POST", path + "/merge", R"({"with": 999})", 404, "with");
  EXPECT_EQ(send("DELETE", fmt::format("/api/runs/{}", far)).status, 204);
  const auto other = add_run("2026-04-30T08:50");
  const auto planned =
      send("POST", path + "/merge", Json{{"with", other}, {"dry_run", true}}.dump());
  EXPECT_EQ(planned.status, 200) << planned.body;
  EXPECT_EQ(json_of(send("GET", "/api/runs"))["total"], 2);  // planned only
  EXPECT_EQ(send("DELETE", fmt::format("/api/runs/{}", other)).status, 204);
  EXPECT_EQ(send("GET", fmt::format("/api/runs/{}", other)).status, 404);
}

TEST_F(ServerTest, PagesThroughRunsWithFilters) {
  for (int day = 1; day <= 9; ++day) add_run(fmt::format("2026-04-0{}T07:30", day));
  Json page = json_of(send("GET", "/api/runs?limit=4"));
  EXPECT_EQ(page["total"], 9);
  ASSERT_EQ(page["runs"].size(), 4U);
  EXPECT_EQ(page["runs"][0]["start"]["local"], "2026-04-09 07:30");
  std::vector<std::string> seen;
  for (int pages = 0; pages < 10; ++pages) {
    for (const auto& run : page["runs"]) seen.push_back(run["start"]["local"]);
    if (page["next"].is_null()) break;
    page = json_of(send("GET", "/api/runs?limit=4&before=" + page["next"].get<std::string>()));
  }
  EXPECT_EQ(seen.size(), 9U);
  EXPECT_EQ(json_of(send("GET", "/api/runs?from=2026-04-02&to=2026-04-04"))["total"], 3);
  EXPECT_EQ(json_of(send("GET", "/api/runs?sport=run&min_distance_m=9000"))["total"], 9);
  EXPECT_EQ(json_of(send("GET", "/api/runs?max_distance_m=9000"))["total"], 0);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"limit=0", "limit"},
           {"limit=501", "limit"},
           {"limit=ten", "limit"},
           {"before=yesterday", "before"},
           {"before=1.0", "before"},
           {"sport=swim", "sport"},
           {"min_distance_m=-3", "min_distance_m"},
           {"from=2026-04-05&to=2026-04-01", "to"},
           {"from=April", "from"},
       }) {
    expect_refused("GET", "/api/runs?" + query, "", 400, field);
  }
}

TEST_F(ServerTest, WritesAnEntryAndEditsItAndRefusesBadOnesWritingNothing) {
  const Json value = add_value("Health");
  const auto run_id = add_run();
  const Json entry = created(
      "/api/entries", Json{{"run_id", run_id},
                           {"enjoyment", 8},
                           {"after", {{"mood", 4}}},
                           {"value_alignments", {{{"value_id", value["id"]}, {"rating", 9}}}},
                           {"text", "easy by the river"}});
  EXPECT_EQ(entry["at"]["utc"], "2026-04-30T05:30:00Z");
  const std::string path = fmt::format("/api/entries/{}", entry["id"].get<std::int64_t>());
  const auto edited = send("PATCH", path, R"({"enjoyment": 6, "text": null})");
  EXPECT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(send("GET", path))["enjoyment"], 6);
  EXPECT_EQ(json_of(send("GET", "/api/entries"))["entries"].size(), 1U);
  EXPECT_FALSE(json_of(send("GET", "/api/prompts?on=2026-04-30"))["prompts"].empty());
  EXPECT_EQ(created("/api/entries", Json{{"text", "a day off"}})["at"]["utc"],
            "2026-05-01T18:00:00Z");

  expect_refused("PATCH", path, R"({"enjoyment": 11})", 400, "enjoyment");
  expect_refused("PATCH", path, R"({"run_id": 999})", 404, "run_id");
  expect_refused("PATCH", path, R"({"run_id": null})", 400, "run_id");
  expect_refused("PATCH", "/api/entries/999", R"({"enjoyment": 5})", 404, "id");
  expect_refused("POST", "/api/entries", R"({"written_at": "2026-01-01T00:00:00Z"})", 400,
                 "written_at");
  expect_refused("POST", "/api/entries", R"({"enjoyment": "lots"})", 400, "enjoyment");
  expect_refused("POST", "/api/entries", Json{{"run_id", run_id}, {"enjoyment", 3}}.dump(), 409,
                 "run_id");
  expect_refused("GET", "/api/prompts?on=someday", "", 400, "on");
}

TEST_F(ServerTest, RunsAnExperimentToItsEndAndRefusesBadStepsWritingNothing) {
  add_value("Calm");
  const auto run_id = add_run("2026-04-20T07:30");
  const Json started = created("/api/experiments", Json{{"value_id", 1},
                                                        {"practice", "no music"},
                                                        {"starts_on", "2026-04-15"},
                                                        {"ends_on", "2026-05-15"},
                                                        {"question", "calmer?"}});
  const std::string path = fmt::format("/api/experiments/{}", started["id"].get<std::int64_t>());
  EXPECT_EQ(send("POST", path + "/tag", Json{{"run_ids", {run_id}}}.dump()).status, 200);
  EXPECT_EQ(send("POST", path + "/untag", Json{{"run_ids", {run_id}}}.dump()).status, 200);
  EXPECT_EQ(send("POST", path + "/tag", Json{{"run_ids", {run_id}}}.dump()).status, 200);
  EXPECT_EQ(json_of(send("GET", "/api/experiments"))["experiments"].size(), 1U);

  expect_refused("POST", "/api/experiments",
                 R"({"value_id": 1, "practice": "x", "ended_on": "2026-05-01"})", 400, "ended_on");
  expect_refused("POST", "/api/experiments", R"({"value_id": 1, "practice": "x", "days": 0})", 400,
                 "days");
  expect_refused("POST", "/api/experiments",
                 R"({"value_id": 1, "practice": "x", "ends_on": "2026-02-30"})", 400, "ends_on");
  expect_refused("POST", path + "/tag", R"({"run_ids": ["one"]})", 400, "run_ids[0]");
  expect_refused("POST", path + "/tag", R"({"run_ids": []})", 400, "run_ids");
  expect_refused("POST", path + "/end", R"({"decision": "maybe"})", 400, "decision");
  expect_refused("POST", "/api/experiments/99/end", R"({"decision": "keep"})", 404, "id");

  const auto ended =
      send("POST", path + "/end", R"({"reflection": "calmer indeed", "decision": "keep"})");
  EXPECT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(json_of(ended)["experiment"]["ended_on"], "2026-05-01");
  EXPECT_EQ(json_of(send("GET", path))["experiment"]["decision"], "keep");
}

TEST_F(ServerTest, WritesCheckInsAndReviewsAndRefusesBadOnesWritingNothing) {
  const Json value = add_value("Adventure");
  const Json checkin =
      created("/api/checkins",
              Json{{"on", "2026-04-26"}, {"areas", {{{"value_id", value["id"]}, {"rating", 7}}}}});
  EXPECT_EQ(checkin["on"], "2026-04-26");
  EXPECT_EQ(json_of(send("GET", "/api/checkins"))["checkins"].size(), 1U);
  expect_refused("POST", "/api/checkins",
                 Json{{"on", "2026-04-27"},
                      {"areas", {{{"value_id", value["id"]}, {"rating", 12}, {"note", ""}}}}}
                     .dump(),
                 400, "areas[0].rating");
  expect_refused("POST", "/api/checkins", R"({"on": "2026-04-31"})", 400, "on");
  expect_refused("POST", "/api/checkins", R"({"on": "2026-04-27", "written_at": "x"})", 400,
                 "written_at");

  const Json review = created(
      "/api/reviews",
      Json{{"trigger", "new job"},
           {"changes", {{{"value_id", value["id"]}, {"importance", 3}, {"reason", "less time"}}}}});
  EXPECT_EQ(review["on"], "2026-05-01");
  EXPECT_EQ(json_of(send("GET", "/api/values/adventure"))["value"]["importance"], 3);
  EXPECT_EQ(json_of(send("GET", "/api/reviews"))["reviews"].size(), 1U);
  expect_refused("POST", "/api/reviews", R"({"changes": 5})", 400, "changes");
  expect_refused("POST", "/api/reviews", R"({"changes": [{"importance": 2}]})", 400,
                 "changes[0].value_id");
  expect_refused("POST", "/api/reviews",
                 Json{{"changes", {{{"value_id", value["id"]}, {"importance", "two"}}}}}.dump(),
                 400, "changes[0].importance");
}

TEST_F(ServerTest, ChangesSettingsAndRefusesBadOnesWritingNothing) {
  const auto changed = send("PATCH", "/api/settings", R"({"units": "imperial"})");
  EXPECT_EQ(changed.status, 200) << changed.body;
  const Json settings = json_of(send("GET", "/api/settings"));
  EXPECT_EQ(settings["units"], "mi");
  EXPECT_EQ(settings["zone"], "Europe/Berlin");
  EXPECT_EQ(json_of(send("GET", "/api/status"))["today"], "2026-05-01");
  EXPECT_EQ(json_of(send("GET", "/api/insights"))["as_of"], "2026-05-01");
  EXPECT_EQ(json_of(send("GET", "/api/openapi.json"))["openapi"], "3.1.0");

  expect_refused("PATCH", "/api/settings", R"({"units": "furlongs"})", 400, "units");
  expect_refused("PATCH", "/api/settings", R"({"zone": "Mars/Olympus"})", 400, "zone");
  expect_refused("PATCH", "/api/settings", R"({"units": "metric", "zone": "Mars/Olympus"})", 400,
                 "zone");
  expect_refused("PATCH", "/api/settings", R"({"colour": "red"})", 400, "colour");
  expect_refused("POST", "/api/start", R"({"values": [{"name": 5}]})", 400, "values[0].name");
  expect_refused("GET", "/api/insights?as_of=2027-01-01", "", 400, "as_of");
  expect_refused("POST", "/api/values", "{not json", 400, "body");
  expect_refused("POST", "/api/values", std::string(100, '['), 400, "body");
}

TEST_F(ServerTest, ExportsInEveryFormatAsADownload) {
  add_run();
  for (const auto* format : {"json", "csv", "markdown"}) {
    const auto response = send("GET", std::string("/api/export?format=") + format);
    EXPECT_EQ(response.status, 200) << format;
    EXPECT_TRUE(response.get_header_value("Content-Disposition")
                    .starts_with("attachment; filename=\"cairn-export-2026-05-01."))
        << format << ": " << response.get_header_value("Content-Disposition");
    EXPECT_FALSE(response.body.empty()) << format;
  }
  EXPECT_EQ(json_of(send("GET", "/api/export"))["runs"].size(), 1U);
  expect_refused("GET", "/api/export?format=pdf", "", 400, "format");
}

TEST_F(ServerTest, BacksUpToAFileThatOpensAsAWholeSqliteDatabase) {
  add_value("Health");
  add_run();
  const auto response = send("GET", "/api/backup");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.get_header_value("Content-Type"), "application/vnd.sqlite3");
  EXPECT_TRUE(response.get_header_value("Content-Disposition")
                  .starts_with("attachment; filename=\"cairn-backup-"));
  const fs::path copy = folder_ / "backup.db";
  std::ofstream(copy, std::ios::binary) << response.body;
  EXPECT_TRUE(response.body.starts_with(std::string("SQLite format 3\0", 16)));
  EXPECT_EQ(integrity_of(copy), "ok");
  // The spool's copy is gone once sent (the server lets go of it just after the last byte).
  std::size_t left = 0;
  for (int wait = 0; wait < 100; ++wait) {
    left = 0;
    for (const auto& item : fs::recursive_directory_iterator(folder_)) {
      left += item.path().filename().string().starts_with("backup-") ? 1U : 0U;
    }
    if (left == 0) break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(left, 0U);
}

TEST_F(ServerTest, RestoresAnExportIntoAnEmptyJournalOnly) {
  add_value("Health");
  add_run();
  created("/api/entries", Json{{"text", "a day off"}});
  const std::string exported = export_now();

  // Into this journal again: it is not empty.
  const auto refused = send("POST", "/api/restore", exported, {}, "application/octet-stream");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(export_now(), exported);

  const fs::path other_folder = folder_ / "other";
  fs::create_directories(other_folder);
  ServedJournal other(other_folder / "cairn.db");
  httplib::Client to_other("127.0.0.1", other.port());
  const auto bad = to_other.Post("/api/restore", "{\"runs\": 5}", "application/octet-stream");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  const auto empty_export = to_other.Get("/api/export?format=json");
  ASSERT_TRUE(empty_export);
  EXPECT_TRUE(Json::parse(empty_export->body)["runs"].empty());

  const httplib::MultipartFormDataItems form{
      {"file", exported, "cairn-export.json", "application/json"}};
  const auto restored = to_other.Post("/api/restore", {{"Origin", other.origin()}}, form);
  ASSERT_TRUE(restored);
  EXPECT_EQ(restored->status, 201) << restored->body;
  EXPECT_EQ(Json::parse(restored->body)["runs"], 1);
  const auto after = to_other.Get("/api/export?format=json");
  ASSERT_TRUE(after);
  EXPECT_EQ(Json::parse(after->body)["runs"], Json::parse(exported)["runs"]);
}

TEST_F(ServerTest, ImportsAFileSentAsItsBytesOrAsAFormFromItsOwnPage) {
  // Not an activity file: the import runs and says so for that file.
  const auto notes = send("POST", "/api/imports?wait=true&name=notes.gpx",
                          "this is not an activity file", {}, "application/octet-stream");
  ASSERT_EQ(notes.status, 200) << notes.body;
  const Json status = json_of(notes);
  EXPECT_EQ(status["state"], "done");
  EXPECT_EQ(status["summary"]["failed"], 1);
  EXPECT_EQ(status["summary"]["files"][0]["file"], "notes.gpx");
  EXPECT_EQ(send("GET", fmt::format("/api/imports/{}", status["id"].get<int>())).status, 200);
  EXPECT_EQ(send("GET", "/api/imports/77").status, 404);

  const std::string before = export_now();
  const httplib::MultipartFormDataItems form{
      {"file", "<gpx></gpx>", "walk.gpx", "application/gpx+xml"}};
  auto connection = client();
  const auto without_origin = connection.Post("/api/imports", form);
  ASSERT_TRUE(without_origin);
  EXPECT_EQ(without_origin->status, 403);
  EXPECT_EQ(json_of(*without_origin)["field"], "Origin");
  const auto foreign = connection.Post("/api/imports", {{"Origin", "http://evil.example"}}, form);
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  const auto no_body = send("POST", "/api/imports", "", {}, "application/octet-stream");
  EXPECT_EQ(no_body.status, 400);
  EXPECT_EQ(json_of(no_body)["field"], "body");
  EXPECT_EQ(export_now(), before);

  if (!have_corpus()) {
    GTEST_SKIP() << "no corpus at " << corpus_dir.string()
                 << ": the real-file part needs ../shared/corpus beside the checkout";
  }
  const std::string tcx = read_file(corpus_dir / "files/tcx/tcxparser__forerunner410-run.tcx");
  const auto raw =
      send("POST", "/api/imports?wait=true&name=run.tcx", tcx, {}, "application/octet-stream");
  ASSERT_EQ(raw.status, 200) << raw.body;
  EXPECT_EQ(json_of(raw)["summary"]["imported"], 1) << raw.body;
  EXPECT_EQ(json_of(send("GET", "/api/runs"))["total"], 1) << raw.body;

  const std::string walk = read_file(corpus_dir / "files/gpx/gap__opentracks-walk-hr.gpx");
  const auto formed = connection.Post(
      "/api/imports?wait=true", {{"Origin", served_->origin()}},
      httplib::MultipartFormDataItems{{"files", walk, "walk.gpx", "application/gpx+xml"}});
  ASSERT_TRUE(formed);
  EXPECT_EQ(formed->status, 200) << formed->body;
  EXPECT_EQ(json_of(*formed)["summary"]["imported"], 1) << formed->body;
  EXPECT_EQ(json_of(*formed)["summary"]["files"][0]["file"], "walk.gpx") << formed->body;
  EXPECT_EQ(json_of(send("GET", "/api/runs"))["total"], 2);

  // The same file again is already there, not a second run.
  const auto again =
      send("POST", "/api/imports?wait=true&name=again.tcx", tcx, {}, "application/octet-stream");
  EXPECT_EQ(json_of(again)["summary"]["already_there"], 1) << again.body;
  EXPECT_EQ(json_of(send("GET", "/api/runs"))["total"], 2);
}

TEST_F(ServerTest, InspectsFilesImportingNothing) {
  const std::string before = export_now();
  const auto notes =
      send("POST", "/api/inspect?name=notes.tcx", "not xml at all", {}, "application/octet-stream");
  ASSERT_EQ(notes.status, 200) << notes.body;
  EXPECT_EQ(json_of(notes)["files"].size(), 1U);
  EXPECT_EQ(json_of(notes)["files"][0]["file"], "notes.tcx") << notes.body;
  if (have_corpus()) {
    const auto fit =
        send("POST", "/api/inspect?name=fr70.fit",
             read_file(corpus_dir / "files/fit/fitparse__fr70-compressed-speed-distance.fit"), {},
             "application/octet-stream");
    ASSERT_EQ(fit.status, 200) << fit.body;
    EXPECT_EQ(json_of(fit)["files"].size(), 1U);
  }
  EXPECT_EQ(export_now(), before);
}

TEST_F(ServerTest, RefusesAnotherHostAForeignOriginAndJsonSentAsText) {
  const std::string before = export_now();
  const auto rebound = send("GET", "/api/status", "", {{"Host", "evil.example:8080"}});
  EXPECT_EQ(rebound.status, 403);
  EXPECT_EQ(json_of(rebound)["field"], "Host");
  const auto rebound_page = send("GET", "/", "", {{"Host", "evil.example"}});
  EXPECT_EQ(rebound_page.status, 403);

  const auto foreign = send("POST", "/api/values", R"({"name": "Health", "importance": 5})",
                            {{"Origin", "http://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(json_of(foreign)["field"], "Origin");
  const auto as_text =
      send("POST", "/api/values", R"({"name": "Health", "importance": 5})", {}, "text/plain");
  EXPECT_EQ(as_text.status, 415);
  EXPECT_EQ(json_of(as_text)["field"], "Content-Type");
  const auto body_on_get = send("GET", "/api/values", "{}");
  EXPECT_EQ(body_on_get.status, 415);
  EXPECT_EQ(export_now(), before);

  const auto own_page = send("POST", "/api/values", R"({"name": "Health", "importance": 5})",
                             {{"Origin", served_->origin()}});
  EXPECT_EQ(own_page.status, 201) << own_page.body;
}

TEST_F(ServerTest, RefusesAJsonBodyPastAMebibyteWritingNothing) {
  const std::string before = export_now();
  const std::string big =
      Json{{"name", "Health"}, {"importance", 5}, {"description", std::string(1100000, 'x')}}
          .dump();
  const auto refused = send("POST", "/api/values", big);
  EXPECT_EQ(refused.status, 413);
  EXPECT_EQ(json_of(refused)["field"], "body");
  EXPECT_EQ(export_now(), before);
  // The server goes on answering.
  EXPECT_EQ(send("GET", "/api/status").status, 200);
}

TEST_F(ServerTest, SendsTheSecurityHeadersOnNotFoundAndOnTheLibrarysOwnErrors) {
  const auto api_missing = send("GET", "/api/nothing");
  EXPECT_EQ(api_missing.status, 404);
  const auto page_missing = send("GET", "/some/page");  // no web app built: 404
  EXPECT_EQ(page_missing.status, 404);
  EXPECT_EQ(send("GET", "/api/runs/99").status, 404);
  // A request line past the library's limit: it refuses it before any handler sees it.
  const auto long_address = send("GET", "/api/runs?limit=" + std::string(9000, '1'));
  EXPECT_EQ(long_address.status, 414) << long_address.body;
  const std::string garbage = raw_exchange(served_->port(), "GARBAGE\r\n\r\n");
  EXPECT_EQ(status_of_raw(garbage), 400) << garbage;
  for (const auto* name :
       {"Content-Security-Policy:", "X-Content-Type-Options:", "Referrer-Policy:"}) {
    EXPECT_NE(garbage.find(name), std::string::npos) << name << " missing from\n" << garbage;
  }
}

TEST_F(ServerTest, SurvivesGarbageOnTheSocketAndAnswersTheNextRequest) {
  const std::string host = served_->host();
  const std::vector<std::string> hostile{
      "GARBAGE\r\n\r\n",
      std::string(4096, '\0'),
      "GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + std::string(20000, 'a') +
          "\r\n\r\n",
      "GET /api/status HTTP/1.1\r\nHost: " + host + "\r\n" + std::string(200, 'x') + "\r\n\r\n",
      "POST /api/values HTTP/1.1\r\nHost: " + host +
          "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": \"Hea",
      "POST /api/imports HTTP/1.1\r\nHost: " + host +
          "\r\nContent-Type: application/octet-stream\r\nContent-Length: 5000\r\n\r\nabc",
      "POST /api/imports HTTP/1.1\r\nHost: " + host +
          "\r\nContent-Type: multipart/form-data; boundary=zz\r\nOrigin: http://" + host +
          "\r\nContent-Length: 60\r\n\r\n--zz\r\nContent-Disposition: form-data; name=\"f\"",
      "POST /api/values HTTP/1.1\r\nHost: " + host +
          "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n",
      "POST /api/values HTTP/1.1\r\nHost: " + host +
          "\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n",
      "GET /api/../../etc/passwd HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
      "GET /%00%ff HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
  };
  const std::string before = export_now();
  for (const auto& bytes : hostile) {
    const std::string answer = raw_exchange(served_->port(), bytes);
    EXPECT_EQ(answer.find("HTTP/1.1 5"), std::string::npos) << bytes.substr(0, 80) << "\n->\n"
                                                            << answer;
    EXPECT_EQ(send("GET", "/api/status").status, 200) << "after " << bytes.substr(0, 80);
  }
  EXPECT_EQ(export_now(), before);
}

// A JSON body trickled a byte a second never times out for silence; it must still come whole
// within twice the silence timeout (10 s here), or the connection is closed and nothing written.
TEST_F(ServerTest, ClosesAJsonBodyThatTricklesPastItsTime) {
  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  const std::string body = R"({"name": "Trickle", "importance": 5})";
  send_text(socket, fmt::format("POST /api/values HTTP/1.1\r\nHost: {}\r\nContent-Type: "
                                "application/json\r\nContent-Length: {}\r\n\r\n",
                                served_->host(), body.size() + 100));
  const auto began = std::chrono::steady_clock::now();
  bool closed = false;
  for (int i = 0; i < 16 && !closed; ++i) {
    send_text(socket, " ");
    std::array<char, 256> buffer{};
    timeval wait{.tv_sec = 1, .tv_usec = 0};
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    const auto got = recv(socket, buffer.data(), buffer.size(), 0);
    closed = got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }
  const auto took = std::chrono::steady_clock::now() - began;
  close(socket);
  EXPECT_TRUE(closed) << "still open after 16 s of trickling";
  EXPECT_GE(took, 8s);
  EXPECT_LE(took, 14s);
  EXPECT_TRUE(Json::parse(send("GET", "/api/values").body)["values"].empty());
}

TEST_F(ServerTest, LetsASlowUploadInFlightFinishWhenStopped) {
  const std::string host = served_->host();
  const std::string body(4000, 'x');
  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  send_text(socket, fmt::format("POST /api/imports?wait=true&name=slow.gpx HTTP/1.1\r\nHost: "
                                "{}\r\nContent-Type: application/octet-stream\r\n"
                                "Content-Length: {}\r\n\r\n",
                                host, body.size()));
  send_text(socket, std::string_view(body).substr(0, 2000));
  std::this_thread::sleep_for(100ms);  // the server is reading the body now
  std::thread stopping([this] { served_->stop(); });
  std::this_thread::sleep_for(300ms);
  send_text(socket, std::string_view(body).substr(2000));
  const std::string answer = read_answer(socket, 10000ms);
  close(socket);
  stopping.join();
  EXPECT_EQ(status_of_raw(answer), 200) << answer;
  EXPECT_NE(answer.find("\"state\":\"done\""), std::string::npos) << answer;
}

TEST_F(ServerTest, LetsAWriteInFlightFinishAndKeepsItWhenStopped) {
  const std::string host = served_->host();
  const std::string body = R"({"name": "Patience", "importance": 7})";
  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  send_text(socket, fmt::format("POST /api/values HTTP/1.1\r\nHost: {}\r\nContent-Type: "
                                "application/json\r\nContent-Length: {}\r\n\r\n",
                                host, body.size()));
  send_text(socket, std::string_view(body).substr(0, 10));
  std::this_thread::sleep_for(100ms);
  std::thread stopping([this] { served_->stop(); });
  std::this_thread::sleep_for(300ms);
  send_text(socket, std::string_view(body).substr(10));
  const std::string answer = read_answer(socket, 10000ms);
  close(socket);
  stopping.join();
  EXPECT_EQ(status_of_raw(answer), 201) << answer;

  // Served again from the same database: the value is there.
  served_ = std::make_unique<ServedJournal>(folder_ / "cairn.db");
  const Json values = json_of(send("GET", "/api/values"));
  ASSERT_EQ(values["values"].size(), 1U) << values.dump();
  EXPECT_EQ(values["values"][0]["name"], "Patience");
}

// Listening on every address, the address printed to open is one a browser can open (not
// 0.0.0.0), and it answers; the other devices' addresses are this machine's own.
TEST_F(ServerTest, ListeningEverywhereGivesAddressesABrowserCanOpen) {
  ServeOptions options;
  options.address = "0.0.0.0";
  options.port = 0;
  options.database = folder_ / "everywhere.db";
  options.workers = 2;
  Server server(options);
  const std::string own = fmt::format("http://127.0.0.1:{}/", server.port());
  EXPECT_EQ(server.url(), own);
  for (const auto& url : server.urls_from_other_devices()) {
    EXPECT_TRUE(url.starts_with("http://")) << url;
    EXPECT_TRUE(url.ends_with(fmt::format(":{}/", server.port()))) << url;
    EXPECT_EQ(url.find("0.0.0.0"), std::string::npos) << url;
    EXPECT_EQ(url.find("127.0.0.1"), std::string::npos) << url;
  }
  std::thread running([&server] { server.run(); });
  httplib::Client client(own.substr(0, own.size() - 1));
  int status = 0;
  for (int attempt = 0; attempt < 200 && status != 200; ++attempt) {
    if (const auto result = client.Get("/api/status")) status = result->status;
    if (status != 200) std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(status, 200);
  server.stop();
  running.join();
}

// Past its connections, the server answers 503 with Retry-After and closes the connections
// that hold a place without sending anything (not one half-way through a request), so that
// the next try is answered.
TEST_F(ServerTest, AnswersAConnectionPastItsLimitBusyAndMakesRoom) {
  ServeOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.database = folder_ / "busy.db";
  options.workers = 2;
  options.max_connections = 4;
  Server server(options);
  std::thread running([&server] { server.run(); });
  std::vector<int> silent;
  for (int i = 0; i < 4; ++i) {
    silent.push_back(connect_to(server.port()));
    ASSERT_GE(silent.back(), 0);
  }
  const std::string host = fmt::format("127.0.0.1:{}", server.port());
  const std::string request =
      fmt::format("GET /api/status HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", host);
  // One of them is half-way through its request: it holds its place.
  const int sending = silent.front();
  silent.erase(silent.begin());
  send_text(sending, request.substr(0, 30));
  std::this_thread::sleep_for(200ms);  // all four accepted
  const int fifth = connect_to(server.port());
  ASSERT_GE(fifth, 0);
  send_text(fifth, request);
  const std::string busy = read_answer(fifth);
  close(fifth);
  EXPECT_EQ(status_of_raw(busy), 503) << busy;
  EXPECT_NE(busy.find("Retry-After: 1"), std::string::npos) << busy;
  EXPECT_NE(busy.find("\"kind\":\"conflict\""), std::string::npos) << busy;
  EXPECT_NE(busy.find("X-Content-Type-Options"), std::string::npos) << busy;
  // The silent connections were closed to make room.
  for (const int socket : silent) {
    std::array<char, 64> buffer{};
    timeval wait{.tv_sec = 3, .tv_usec = 0};
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    EXPECT_EQ(recv(socket, buffer.data(), buffer.size(), 0), 0) << "still open";
    close(socket);
  }
  send_text(sending, request.substr(30));
  const std::string finished = read_answer(sending);
  close(sending);
  EXPECT_EQ(status_of_raw(finished), 200) << finished;
  // Tried again after a moment, as Retry-After asks.
  std::this_thread::sleep_for(1s);
  const int again = connect_to(server.port());
  ASSERT_GE(again, 0);
  send_text(again, request);
  const std::string answered = read_answer(again);
  close(again);
  EXPECT_EQ(status_of_raw(answered), 200) << answered;
  server.stop();
  running.join();
}

TEST_F(ServerTest, CompressesAnAnswerForAClientThatAcceptsGzipAndAnswersHeadWithoutTheBody) {
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(send("POST", "/api/values",
                   Json{{"name", fmt::format("Value {}", i)}, {"importance", 5}}.dump())
                  .status,
              201);
  }
  const auto plain = send("GET", "/api/values");
  ASSERT_EQ(plain.status, 200);
  ASSERT_GT(plain.body.size(), 1024U);
  // httplib's client says it accepts gzip and inflates what comes back by itself.
  auto connection = client();
  connection.set_decompress(false);
  const auto compressed =
      connection.Get("/api/values", httplib::Headers{{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(compressed);
  EXPECT_EQ(compressed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(compressed->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_LT(compressed->body.size(), plain.body.size() / 2);

  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  send_text(socket, fmt::format("HEAD /api/values HTTP/1.1\r\nHost: {}\r\n\r\n", served_->host()));
  const std::string head = read_answer(socket, 1000ms);
  close(socket);
  EXPECT_EQ(status_of_raw(head), 200) << head;
  EXPECT_NE(head.find(fmt::format("Content-Length: {}", plain.body.size())), std::string::npos)
      << head;
  EXPECT_TRUE(head.ends_with("\r\n\r\n")) << "a body after HEAD:\n" << head;
}

TEST_F(ServerTest, AnswersRequestsSentTogetherInTheirOrderOnOneConnection) {
  const std::string host = served_->host();
  const std::string body = R"({"name": "Calm", "importance": 6})";
  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  send_text(socket,
            fmt::format("GET /api/values HTTP/1.1\r\nHost: {0}\r\n\r\n"
                        "POST /api/values HTTP/1.1\r\nHost: {0}\r\nContent-Type: application/json"
                        "\r\nContent-Length: {1}\r\n\r\n{2}"
                        "GET /api/values/Calm HTTP/1.1\r\nHost: {0}\r\nConnection: close\r\n\r\n",
                        host, body.size(), body));
  std::string answers;
  std::array<char, 4096> buffer{};
  timeval step{.tv_sec = 3, .tv_usec = 0};
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &step, sizeof step);
  for (ssize_t n = 0; (n = recv(socket, buffer.data(), buffer.size(), 0)) > 0;) {
    answers.append(buffer.data(), static_cast<std::size_t>(n));
  }
  close(socket);
  const auto first = answers.find("HTTP/1.1 200");
  const auto second = answers.find("HTTP/1.1 201", first);
  const auto third = answers.find("HTTP/1.1 200", second);
  EXPECT_NE(first, std::string::npos) << answers;
  EXPECT_NE(second, std::string::npos) << answers;
  EXPECT_NE(third, std::string::npos) << answers;
}

TEST_F(ServerTest, SendsALargeBodyAfterAskingForItWithContinue) {
  const std::string host = served_->host();
  const std::string body =
      R"({"name": "Grit", "importance": 8, "description": ")" + std::string(3000, 'g') + "\"}";
  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  send_text(socket, fmt::format("POST /api/values HTTP/1.1\r\nHost: {}\r\nContent-Type: "
                                "application/json\r\nExpect: 100-continue\r\nContent-Length: "
                                "{}\r\n\r\n",
                                host, body.size()));
  const std::string go_on = read_answer(socket, 1000ms);
  EXPECT_TRUE(go_on.starts_with("HTTP/1.1 100 Continue")) << go_on;
  send_text(socket, body);
  const std::string answer = read_answer(socket, 3000ms);
  close(socket);
  EXPECT_EQ(status_of_raw(answer), 201) << answer;

  // Refused on its headers: no 100, the refusal at once, and the body is never read.
  const int refused_socket = connect_to(served_->port());
  ASSERT_GE(refused_socket, 0);
  send_text(refused_socket, fmt::format("POST /api/values HTTP/1.1\r\nHost: {}\r\nContent-Type: "
                                        "text/plain\r\nExpect: 100-continue\r\nContent-Length: "
                                        "{}\r\n\r\n",
                                        host, body.size()));
  const std::string refusal = read_answer(refused_socket, 1000ms);
  close(refused_socket);
  EXPECT_EQ(status_of_raw(refusal), 415) << refusal;
}

TEST_F(ServerTest, StopsAtOnceWithAnIdleConnectionOpen) {
  const int socket = connect_to(served_->port());
  ASSERT_GE(socket, 0);
  send_text(socket, fmt::format("GET /api/status HTTP/1.1\r\nHost: {}\r\n\r\n", served_->host()));
  EXPECT_EQ(status_of_raw(read_answer(socket, 1000ms)), 200);
  const auto before = std::chrono::steady_clock::now();
  served_->stop();  // the connection is kept alive, waiting for a next request
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
  std::array<char, 16> buffer{};
  EXPECT_EQ(recv(socket, buffer.data(), buffer.size(), 0), 0) << "the connection stayed open";
  close(socket);
}

TEST(ServerWebApp, ServesTheAppsFilesAndItsIndexForItsPagesWithTheirHeaders) {
  std::random_device seed;
  const fs::path folder = fs::temp_directory_path() / fmt::format("cairn-server-web-{}", seed());
  fs::create_directories(folder / "dist" / "assets");
  std::ofstream(folder / "dist" / "index.html") << "<!doctype html><title>Cairn</title>";
  std::ofstream(folder / "dist" / "assets" / "app-1a2b.js") << std::string(3000, ';');
  {
    ServedJournal served(folder / "cairn.db", folder / "dist");
    httplib::Client client("127.0.0.1", served.port());
    client.set_decompress(false);
    const auto page = client.Get("/runs/12");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(page->body.find("<title>Cairn"), std::string::npos);
    EXPECT_TRUE(page->has_header("Content-Security-Policy"));
    const auto script = client.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(script);
    EXPECT_EQ(script->status, 200);
    EXPECT_EQ(script->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(script->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
    const auto old_script = client.Get("/assets/app-0000.js");
    ASSERT_TRUE(old_script);
    EXPECT_EQ(old_script->status, 404);
    const auto outside = client.Get("/../cairn.db");
    ASSERT_TRUE(outside);
    EXPECT_EQ(outside->body.find("SQLite"), std::string::npos);
    const auto rebound = client.Get("/", {{"Host", "evil.example:80"}});
    ASSERT_TRUE(rebound);
    EXPECT_EQ(rebound->status, 403);
  }
  fs::remove_all(folder);
}

TEST_F(ServerTest, RefusesADeclaredLengthPastTheLimitBeforeItsBodyComes) {
  const std::string host = served_->host();
  const std::string before = export_now();
  // Only the headers are sent: the refusal comes at once, from the declared length.
  for (const auto& [path, type, length] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"/api/values", "application/json", "3000000"},
           {"/api/imports?wait=true&name=big.fit", "application/octet-stream", "3000000000"}}) {
    for (const bool expect : {false, true}) {
      const std::string answer = raw_exchange(
          served_->port(),
          fmt::format("POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: {}\r\n{}Content-Length: "
                      "{}\r\n\r\n",
                      path, host, type, expect ? "Expect: 100-continue\r\n" : "", length));
      EXPECT_EQ(status_of_raw(answer), 413) << path << "\n" << answer;
      EXPECT_NE(answer.find("MiB"), std::string::npos) << answer;
    }
  }
  EXPECT_EQ(export_now(), before);
}

TEST_F(ServerTest, SaysWhichPartOfARequestWasWrong) {
  const std::string host = served_->host();
  const auto status_of = [&](const std::string& bytes) {
    const std::string answer = raw_exchange(served_->port(), bytes);
    return std::pair{status_of_raw(answer), answer};
  };
  const auto [headers, headers_answer] =
      status_of(fmt::format("GET /api/status HTTP/1.1\r\nHost: {}\r\nCookie: a={}\r\n\r\n", host,
                            std::string(20000, 'c')));
  EXPECT_EQ(headers, 431) << headers_answer;
  const auto [coded, coded_answer] = status_of(
      fmt::format("POST /api/values HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: gzip\r\n\r\nxyz",
                  host));
  EXPECT_EQ(coded, 400) << coded_answer;
  EXPECT_NE(coded_answer.find("Transfer-Encoding"), std::string::npos) << coded_answer;
  const auto [formless, formless_answer] = status_of(
      fmt::format("POST /api/imports HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nContent-Type: "
                  "multipart/form-data\r\nContent-Length: 5\r\n\r\nhello",
                  host));
  EXPECT_EQ(formless, 400) << formless_answer;
  EXPECT_NE(formless_answer.find("boundary"), std::string::npos) << formless_answer;
  const auto [posted_page, posted_page_answer] =
      status_of(fmt::format("POST /runs HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n", host));
  EXPECT_EQ(posted_page, 405) << posted_page_answer;
  EXPECT_NE(posted_page_answer.find("Allow: GET, HEAD"), std::string::npos) << posted_page_answer;
  const auto [hostless, hostless_answer] = status_of("GET /api/status HTTP/1.0\r\n\r\n");
  EXPECT_EQ(hostless, 400) << hostless_answer;
  EXPECT_NE(hostless_answer.find("no Host"), std::string::npos) << hostless_answer;
  const auto [nul, nul_answer] = status_of(
      fmt::format("GET /api/runs/1%00abc HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", host));
  EXPECT_EQ(nul, 400) << nul_answer;
  EXPECT_NE(nul_answer.find("control character"), std::string::npos) << nul_answer;
  // A host name in another case is the same name.
  const auto [shouted, shouted_answer] = status_of(
      fmt::format("GET /api/status HTTP/1.1\r\nHost: LOCALHOST:{}\r\nConnection: close\r\n\r\n",
                  served_->port()));
  EXPECT_EQ(shouted, 200) << shouted_answer;
}

TEST(ServerStop, EndsRunWhenCalledBeforeRunStarted) {
  std::random_device seed;
  const fs::path folder = fs::temp_directory_path() / fmt::format("cairn-server-stop-{}", seed());
  fs::create_directories(folder);
  {
    ServeOptions options;
    options.port = 0;
    options.database = folder / "cairn.db";
    Server server(options);
    server.stop();
    std::atomic<bool> returned{false};
    std::thread running([&] {
      server.run();
      returned = true;
    });
    for (int wait = 0; wait < 100 && !returned; ++wait) std::this_thread::sleep_for(10ms);
    EXPECT_TRUE(returned) << "run() went on after stop()";
    if (!returned) server.stop();
    running.join();
  }
  fs::remove_all(folder);
}

}  // namespace
}  // namespace cairn::server
