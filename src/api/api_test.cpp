// The API without sockets: requests built by hand, answered by Api::handle over a real
// SQLite journal. Every refusal is checked to name its field and to write nothing.

#include "cairn/api/api.hpp"

#include <fstream>
#include <random>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cairn/app/journal_service.hpp"
#include "cairn/core/time.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::api {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view host = "127.0.0.1:8080";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    folder_ = std::filesystem::temp_directory_path() / ("cairn-api-test-" + std::to_string(seed()));
    std::filesystem::create_directories(folder_ / "spool");
    factory_ = std::make_unique<store::SqliteStoreFactory>(folder_ / "cairn.db");
    store_ = factory_->open();
    ApiOptions options;
    options.hosts = {std::string(host), "localhost:8080"};
    options.clock = Clock::fixed(parse_utc("2026-05-01T18:00:00Z"));
    options.open_store = [this] { return factory_->open(); };
    options.database = folder_ / "cairn.db";
    options.spool_folder = folder_ / "spool";
    api_ = std::make_unique<Api>(options);
    // The runner's zone, so that dates do not depend on the machine's.
    ASSERT_EQ(send("PATCH", "/api/settings", R"({"zone": "Europe/Berlin"})").status, 200);
  }
  void TearDown() override {
    api_.reset();
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  static Request request(std::string method, std::string path, std::string body = {}) {
    Request request;
    request.method = std::move(method);
    const auto question = path.find('?');
    if (question != std::string::npos) {
      std::string query = path.substr(question + 1);
      path.resize(question);
      std::size_t begin = 0;
      while (begin <= query.size()) {
        const auto end = std::min(query.find('&', begin), query.size());
        const std::string pair = query.substr(begin, end - begin);
        const auto equals = pair.find('=');
        request.query.emplace_back(pair.substr(0, equals),
                                   equals == std::string::npos ? "" : pair.substr(equals + 1));
        begin = end + 1;
      }
    }
    request.path = std::move(path);
    request.headers.push_back({"Host", std::string(host)});
    if (!body.empty()) {
      request.headers.push_back({"Content-Type", "application/json"});
      request.headers.push_back({"Content-Length", std::to_string(body.size())});
    }
    request.body = std::move(body);
    return request;
  }

  Response send(std::string method, std::string path, std::string body = {}) {
    return api_->handle(request(std::move(method), std::move(path), std::move(body)), *store_);
  }

  static Json json_of(const Response& response) { return Json::parse(response.body); }

  std::string export_now() { return send("GET", "/api/export?format=json").body; }

  Json add_value(std::string_view name, int importance = 8) {
    const Response response = send(
        "POST", "/api/values",
        Json{{"name", name}, {"importance", importance}, {"effective_on", "2026-01-01"}}.dump());
    EXPECT_EQ(response.status, 201) << response.body;
    return json_of(response);
  }

  Json add_run(std::string_view local = "2026-04-30T07:30") {
    const Response response = send("POST", "/api/runs",
                                   Json{{"start", {{"local", local}, {"zone", "Europe/Berlin"}}},
                                        {"distance_m", 10000},
                                        {"elapsed_s", 3000}}
                                       .dump());
    EXPECT_EQ(response.status, 201) << response.body;
    return json_of(response);
  }

  std::filesystem::path folder_;
  std::unique_ptr<store::SqliteStoreFactory> factory_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiTest, AddsARunGivenAsALocalTimeAndShowsItWithItsSplits) {
  const Json added = add_run();
  EXPECT_EQ(added["run"]["start"]["utc"], "2026-04-30T05:30:00Z");
  EXPECT_EQ(added["run"]["source"], "manual");
  const auto id = added["run"]["id"].get<std::int64_t>();
  const Response shown = send("GET", "/api/runs/" + std::to_string(id));
  ASSERT_EQ(shown.status, 200) << shown.body;
  const Json run = json_of(shown);
  EXPECT_EQ(run["run"]["distance_m"], 10000.0);
  EXPECT_TRUE(run["entry"].is_null());
  EXPECT_TRUE(run["splits"].is_array());
  EXPECT_TRUE(run["ground"].is_null());  // typed in: no GPS
}

TEST_F(ApiTest, RefusesABadRunNamingTheFieldAndWritesNothing) {
  add_run();
  const std::string before = export_now();
  struct Case {
    std::string body;
    std::string field;
  };
  for (
      const auto& [body, field] : std::vector<Case>{
          {R"({"start": {"local": "2026-13-01T07:00", "zone": "Europe/Berlin"}})", "start.local"},
          {R"({"start": {"local": "2026-04-01T07:00", "zone": "Mars/Olympus"}})", "start.zone"},
          {R"({"start": {"local": "2026-04-01T07:00"}})", "start.zone"},
          {R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distance_m": "ten"})",
           "distance_m"},
          {R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distanse_m": 5})",
           "distanse_m"},
          {R"({"id": 7, "start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}})", "id"},
          {R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distance_m": 15000, "elapsed_s": 975})",
           "pace"},
      }) {
    const Response response = send("POST", "/api/runs", body);
    EXPECT_GE(response.status, 400) << body;
    EXPECT_LT(response.status, 500) << body;
    EXPECT_EQ(json_of(response).value("field", ""), field) << body << " -> " << response.body;
  }
  // The same run again is a conflict naming the run it is.
  const Response twice = send(
      "POST", "/api/runs",
      R"({"start": {"local": "2026-04-30T07:30", "zone": "Europe/Berlin"}, "distance_m": 10000, "elapsed_s": 3000})");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(json_of(twice)["field"], "start");
  EXPECT_EQ(export_now(), before);
}

TEST_F(ApiTest, StoresAnImplausibleRunOnlyWhenTheClientInsists) {
  const std::string body =
      R"({"start": {"utc": "2026-04-01T07:00:00Z", "zone": "UTC"}, "distance_m": 15000, "elapsed_s": 975})";
  EXPECT_EQ(send("POST", "/api/runs", body).status, 400);
  EXPECT_EQ(send("POST", "/api/runs?accept_implausible=true", body).status, 201);
}

TEST_F(ApiTest, AnswersUnknownRoutesIdsAndMethodsWithTheirStatus) {
  EXPECT_EQ(send("GET", "/api/nothing").status, 404);
  EXPECT_EQ(send("GET", "/api/runs/99").status, 404);
  EXPECT_EQ(send("GET", "/api/runs/abc").status, 404);
  EXPECT_EQ(send("GET", "/api/runs/-1").status, 404);
  const Response wrong_method = send("PUT", "/api/runs/1");
  EXPECT_EQ(wrong_method.status, 405);
  bool allow = false;
  for (const auto& header : wrong_method.headers) {
    allow = allow || (header.name == "Allow" && header.value == "GET, PATCH, DELETE");
  }
  EXPECT_TRUE(allow);
}

TEST_F(ApiTest, RefusesARequestForAnotherHostOrFromAnotherSite) {
  Request rebound = request("GET", "/api/status");
  rebound.headers[0].value = "evil.example:8080";
  EXPECT_EQ(api_->handle(rebound, *store_).status, 403);

  const std::string before = export_now();
  Request cross_site = request("POST", "/api/values", R"({"name": "Health", "importance": 5})");
  cross_site.headers.push_back({"Origin", "http://evil.example"});
  const Response refused = api_->handle(cross_site, *store_);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json_of(refused)["field"], "Origin");
  EXPECT_EQ(export_now(), before);

  // Cairn's own page: its Origin is the address the request goes to, over http or https.
  Request own_page = request("POST", "/api/values", R"({"name": "Health", "importance": 5})");
  own_page.headers.push_back({"Origin", "http://127.0.0.1:8080"});
  EXPECT_EQ(api_->handle(own_page, *store_).status, 201);
  Request proxied = request("POST", "/api/values", R"({"name": "Calm", "importance": 5})");
  proxied.headers[0].value = "LOCALHOST:8080";
  proxied.headers.push_back({"Origin", "https://localhost:8080"});
  EXPECT_EQ(api_->handle(proxied, *store_).status, 201);
  // Another name of this server is still another origin to a browser.
  Request other_name = request("POST", "/api/values", R"({"name": "Play", "importance": 5})");
  other_name.headers.push_back({"Origin", "http://localhost:8080"});
  EXPECT_EQ(api_->handle(other_name, *store_).status, 403);
}

// Listening on every address, the server answers to any of this machine's IP addresses; a
// page served from another machine's address on the same port is still another site.
TEST_F(ApiTest, ListeningEverywhereRefusesAPageFromAnotherAddressOnTheSamePort) {
  ApiOptions options;
  options.hosts = {"0.0.0.0:8080"};
  options.any_address_host = true;
  options.clock = Clock::fixed(parse_utc("2026-05-01T18:00:00Z"));
  options.open_store = [this] { return factory_->open(); };
  options.database = folder_ / "cairn.db";
  options.spool_folder = folder_ / "spool";
  Api everywhere(options);
  const std::string before = export_now();
  for (const auto* origin : {"http://203.0.113.5:8080", "http://192.168.1.10:9999"}) {
    Request sent = request("POST", "/api/values", R"({"name": "Health", "importance": 5})");
    sent.headers[0].value = "192.168.1.10:8080";
    sent.headers.push_back({"Origin", origin});
    const Response refused = everywhere.handle(sent, *store_);
    EXPECT_EQ(refused.status, 403) << origin << " -> " << refused.body;
    EXPECT_EQ(json_of(refused)["field"], "Origin") << origin;
  }
  EXPECT_EQ(export_now(), before);
  Request own = request("POST", "/api/values", R"({"name": "Health", "importance": 5})");
  own.headers[0].value = "192.168.1.10:8080";
  own.headers.push_back({"Origin", "http://192.168.1.10:8080"});
  EXPECT_EQ(everywhere.handle(own, *store_).status, 201);
}

TEST_F(ApiTest, WantsJsonSentAsJson) {
  Request form = request("POST", "/api/values", R"({"name": "Health", "importance": 5})");
  form.headers[1].value = "text/plain";
  const Response refused = api_->handle(form, *store_);
  EXPECT_EQ(refused.status, 415);
  EXPECT_EQ(json_of(refused)["field"], "Content-Type");
  EXPECT_EQ(send("POST", "/api/values", "{not json").status, 400);
  EXPECT_EQ(send("POST", "/api/values", "[1, 2]").status, 400);
  EXPECT_EQ(send("POST", "/api/values", std::string(100, '[')).status, 400);
  EXPECT_TRUE(json_of(send("GET", "/api/values"))["values"].empty());
  // An upload is the file itself: JSON or a form's fields sent there are a mistake.
  for (const auto* type : {"application/json", "application/x-www-form-urlencoded"}) {
    Request upload = request("POST", "/api/imports", R"({"file": "run.fit"})");
    upload.headers[1].value = type;
    const Response wrong = api_->handle(upload, *store_);
    EXPECT_EQ(wrong.status, 415) << type << " -> " << wrong.body;
    EXPECT_EQ(json_of(wrong)["field"], "Content-Type") << type;
  }
}

TEST_F(ApiTest, RefusesAMultipartUploadWithoutItsOwnOrigin) {
  Request upload = request("POST", "/api/imports");
  upload.headers.push_back({"Content-Type", "multipart/form-data; boundary=x"});
  upload.headers.push_back({"Content-Length", "10"});
  const auto refused = api_->screen(upload);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  upload.headers.push_back({"Origin", "http://127.0.0.1:8080"});
  EXPECT_FALSE(api_->screen(upload));
}

TEST_F(ApiTest, KeepsAValuesHistoryThroughItsChanges) {
  add_value("Health");
  EXPECT_EQ(add_value("Adventure", 6)["name"], "Adventure");
  EXPECT_EQ(send("POST", "/api/values/health/rank",
                 R"({"importance": 9, "effective_on": "2026-03-01", "reason": "a scare"})")
                .status,
            200);
  const Response retired = send("POST", "/api/values/Adventure/retire", R"({})");
  EXPECT_EQ(retired.status, 400);
  EXPECT_EQ(json_of(retired)["field"], "reason");
  EXPECT_EQ(send("POST", "/api/values/Adventure/retire", R"({"reason": "new job"})").status, 200);
  const Json story = json_of(send("GET", "/api/values/health"));
  EXPECT_EQ(story["value"]["importance"], 9);
  ASSERT_EQ(story["history"].size(), 2U);
  EXPECT_EQ(story["history"][1]["reason"], "a scare");
  const Json on_new_year = json_of(send("GET", "/api/values?at=2026-01-02"));
  EXPECT_EQ(on_new_year["values"].size(), 2U);
  EXPECT_EQ(send("GET", "/api/values?at=2026-02-30").status, 400);
  EXPECT_EQ(json_of(send("POST", "/api/values", R"({"name": "health", "importance": 3})"))["field"],
            "name");
}

// A run and how it felt in one request, as `cairn log` does: both are stored, or neither,
// and a refused entry is named under `entry`.
TEST_F(ApiTest, AddsARunWithItsEntryTogetherOrNeither) {
  const Json value = add_value("Health");
  const std::string before = export_now();
  const auto run_with = [](const std::string& entry) {
    return R"({"start": {"local": "2026-04-29T18:00", "zone": "Europe/Berlin"}, )"
           R"("distance_m": 8000, "elapsed_s": 2700, "entry": )" +
           entry + "}";
  };
  struct Case {
    std::string entry;
    std::string field;
  };
  for (const auto& [entry, field] : std::vector<Case>{
           {R"({"enjoyment": 11})", "entry.enjoyment"},
           {R"({"enjoyment": 7, "enjoymnet": 3})", "entry.enjoymnet"},
           {R"({})", "entry"},
           {R"("good")", "entry"},
           {R"({"run_id": 5, "enjoyment": 7})", "entry.run_id"},
           {R"({"at": {"utc": "2026-04-29T16:00:00Z", "zone": "UTC"}, "enjoyment": 7})",
            "entry.at"},
           {R"({"enjoyment": 7, "value_alignments": [{"value_id": 999, "rating": 8}]})",
            "entry.value_alignments"},
       }) {
    const Response response = send("POST", "/api/runs", run_with(entry));
    EXPECT_EQ(response.status, 400) << entry << " -> " << response.body;
    EXPECT_EQ(json_of(response).value("field", "").substr(0, field.size()), field)
        << entry << " -> " << response.body;
    EXPECT_EQ(export_now(), before) << "a refused entry left its run behind: " << entry;
  }

  const Response added =
      send("POST", "/api/runs",
           run_with(Json{{"enjoyment", 8},
                         {"after", {{"mood", 4}}},
                         {"value_alignments", {{{"value_id", value["id"]}, {"rating", 9}}}},
                         {"text", "easy by the river"}}
                        .dump()));
  ASSERT_EQ(added.status, 201) << added.body;
  const Json logged = json_of(added);
  EXPECT_EQ(logged["entry"]["run_id"], logged["run"]["id"]);
  EXPECT_EQ(logged["entry"]["at"]["utc"], "2026-04-29T16:00:00Z");  // the run's start
  EXPECT_EQ(logged["entry"]["enjoyment"], 8);
  const Json shown =
      json_of(send("GET", "/api/runs/" + std::to_string(logged["run"]["id"].get<int>())));
  EXPECT_EQ(shown["entry"]["text"], "easy by the river");

  // `"entry": null` is a run without one.
  const Response bare = send("POST", "/api/runs",
                             R"({"start": {"utc": "2026-04-27T06:00:00Z",)"
                             R"( "zone": "UTC"}, "distance_m": 5000, "entry": null})");
  ASSERT_EQ(bare.status, 201) << bare.body;
  EXPECT_TRUE(json_of(bare)["entry"].is_null());
}

// As `cairn journal edit --run`: an entry written before its run came in is attached to it,
// and takes its time; a run that has an entry already keeps it.
TEST_F(ApiTest, AttachesAnEntryToARunWithAPatch) {
  const Response written =
      send("POST", "/api/entries", R"({"enjoyment": 7, "text": "felt light"})");
  ASSERT_EQ(written.status, 201) << written.body;
  const std::string path =
      "/api/entries/" + std::to_string(json_of(written)["id"].get<std::int64_t>());
  const Json run = add_run();
  const auto run_id = run["run"]["id"].get<std::int64_t>();
  const Response attached = send("PATCH", path, Json{{"run_id", run_id}}.dump());
  ASSERT_EQ(attached.status, 200) << attached.body;
  EXPECT_EQ(json_of(attached)["run_id"], run_id);
  EXPECT_EQ(json_of(attached)["at"]["utc"], "2026-04-30T05:30:00Z");
  EXPECT_EQ(json_of(send("GET", "/api/runs/" + std::to_string(run_id)))["entry"]["text"],
            "felt light");

  const Response other =
      send("POST", "/api/runs",
           Json{{"start", {{"local", "2026-04-28T07:30"}, {"zone", "Europe/Berlin"}}},
                {"distance_m", 5000},
                {"entry", {{"enjoyment", 5}}}}
               .dump());
  ASSERT_EQ(other.status, 201) << other.body;
  const std::string before = export_now();
  const Response taken = send("PATCH", path, Json{{"run_id", json_of(other)["run"]["id"]}}.dump());
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(json_of(taken)["field"], "run_id");
  EXPECT_EQ(json_of(send("PATCH", path, R"({"run_id": 999})"))["field"], "run_id");
  EXPECT_EQ(send("PATCH", path, R"({"run_id": null})").status, 400);
  EXPECT_EQ(export_now(), before);
}

TEST_F(ApiTest, WritesAnEntryForARunAndEditsItWithAPatch) {
  const Json value = add_value("Health");
  const Json run = add_run();
  const auto run_id = run["run"]["id"].get<std::int64_t>();
  const Response added =
      send("POST", "/api/entries",
           Json{{"run_id", run_id},
                {"enjoyment", 8},
                {"after", {{"mood", 4}}},
                {"value_alignments", {{{"value_id", value["id"]}, {"rating", 9}}}},
                {"text", "easy by the river"}}
               .dump());
  ASSERT_EQ(added.status, 201) << added.body;
  const Json entry = json_of(added);
  EXPECT_EQ(entry["at"]["utc"], "2026-04-30T05:30:00Z");
  const std::string path = "/api/entries/" + std::to_string(entry["id"].get<std::int64_t>());
  const Response edited = send("PATCH", path, R"({"enjoyment": 6, "text": null})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(edited)["enjoyment"], 6);
  EXPECT_EQ(json_of(edited)["after"]["mood"], 4);
  EXPECT_EQ(json_of(send("PATCH", path, R"({"enjoyment": 11})"))["field"], "enjoyment");
  EXPECT_EQ(json_of(send("GET", path))["enjoyment"], 6);
  EXPECT_EQ(json_of(send("GET", "/api/runs/" + std::to_string(run_id)))["entry"]["id"],
            entry["id"]);
}

TEST_F(ApiTest, PagesThroughRunsWithFilters) {
  for (int day = 1; day <= 9; ++day) add_run(fmt::format("2026-04-0{}T07:30", day));
  Json page = json_of(send("GET", "/api/runs?limit=4"));
  EXPECT_EQ(page["total"], 9);
  ASSERT_EQ(page["runs"].size(), 4U);
  EXPECT_EQ(page["runs"][0]["start"]["local"], "2026-04-09 07:30");
  std::vector<std::string> seen;
  while (true) {
    for (const auto& run : page["runs"]) seen.push_back(run["start"]["local"]);
    if (page["next"].is_null()) break;
    page = json_of(send("GET", "/api/runs?limit=4&before=" + page["next"].get<std::string>()));
  }
  EXPECT_EQ(seen.size(), 9U);
  const Json april_2_to_4 = json_of(send("GET", "/api/runs?from=2026-04-02&to=2026-04-04"));
  EXPECT_EQ(april_2_to_4["total"], 3);
  EXPECT_EQ(json_of(send("GET", "/api/runs?limit=0"))["field"], "limit");
  EXPECT_EQ(json_of(send("GET", "/api/runs?before=yesterday"))["field"], "before");
  EXPECT_EQ(json_of(send("GET", "/api/runs?sport=swim"))["field"], "sport");
  EXPECT_EQ(json_of(send("GET", "/api/runs?min_distance_m=-3"))["field"], "min_distance_m");
  EXPECT_EQ(json_of(send("GET", "/api/runs?from=2026-04-05&to=2026-04-01"))["field"], "to");
  // A misspelt filter would answer every run as if filtered: it is named instead.
  const Response misspelt = send("GET", "/api/runs?limt=2");
  EXPECT_EQ(misspelt.status, 400);
  EXPECT_EQ(json_of(misspelt)["field"], "limt");
  EXPECT_NE(json_of(misspelt)["error"].get<std::string>().find("limit"), std::string::npos)
      << misspelt.body;
  EXPECT_EQ(json_of(send("GET", "/api/status?verbose=1"))["field"], "verbose");
  EXPECT_EQ(json_of(send("GET", "/api/runs?sport=trail&sport=road"))["field"], "sport");
}

TEST_F(ApiTest, RefusesAMemberGivenTwiceNamingIt) {
  const std::string before = export_now();
  const Response twice =
      send("POST", "/api/values", R"({"name": "Calm", "importance": 3, "importance": 9})");
  EXPECT_EQ(twice.status, 400) << twice.body;
  EXPECT_EQ(json_of(twice)["field"], "importance");
  const Response nested =
      send("POST", "/api/runs",
           R"({"start": {"utc": "2026-04-02T07:00:00Z", "utc": "2026-04-03T07:00:00Z",
                                   "zone": "UTC"}, "distance_m": 5000, "elapsed_s": 1500})");
  EXPECT_EQ(nested.status, 400) << nested.body;
  EXPECT_EQ(json_of(nested)["field"], "start.utc") << nested.body;
  const Response in_a_lap = send("POST", "/api/runs",
                                 R"({"start": {"utc": "2026-04-02T07:00:00Z", "zone": "UTC"},
                                     "distance_m": 5000, "elapsed_s": 1500,
                                     "laps": [{"elapsed_s": 750}, {"elapsed_s": 750, "elapsed_s": 740}]})");
  EXPECT_EQ(json_of(in_a_lap)["field"], "laps[1].elapsed_s") << in_a_lap.body;
  EXPECT_EQ(export_now(), before);
  // The same key in two objects is no repeat.
  EXPECT_EQ(send("POST", "/api/runs",
                 R"({"start": {"utc": "2026-04-02T07:00:00Z", "zone": "UTC"}, "distance_m": 5000,
                     "elapsed_s": 1500, "laps": [{"distance_m": 2500, "elapsed_s": 750},
                                                  {"distance_m": 2500, "elapsed_s": 750}]})")
                .status,
            201);
}

TEST_F(ApiTest, RunsAnExperimentToItsEnd) {
  add_value("Calm");
  const Json run = add_run("2026-04-20T07:30");
  const Response started =
      send("POST", "/api/experiments",
           R"({"value_id": 1, "practice": "no music", "starts_on": "2026-04-15",
                                    "ends_on": "2026-05-15", "question": "calmer?"})");
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string path =
      "/api/experiments/" + std::to_string(json_of(started)["id"].get<std::int64_t>());
  EXPECT_EQ(send("POST", path + "/tag", Json{{"run_ids", {run["run"]["id"]}}}.dump()).status, 200);
  EXPECT_EQ(json_of(send("POST", path + "/tag", R"({"run_ids": ["one"]})"))["field"], "run_ids[0]");
  const Response ended =
      send("POST", path + "/end", R"({"reflection": "calmer indeed", "decision": "keep"})");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(json_of(ended)["experiment"]["ended_on"], "2026-05-01");
  EXPECT_EQ(json_of(send("POST", path + "/end", R"({"decision": "maybe"})"))["field"], "decision");
}

TEST_F(ApiTest, StartsAnExperimentWithTheCommandsDefaults) {
  add_value("Calm");
  const std::string before = export_now();
  for (const auto& [body, status, field] : std::vector<std::tuple<std::string, int, std::string>>{
           {R"({"value": "calm", "practice": "x", "days": 0})", 400, "days"},
           {R"({"value": "calm", "practice": "x", "days": 367})", 400, "days"},
           {R"({"value": "calm", "practice": "x", "days": "three"})", 400, "days"},
           {R"({"value": "calm", "practice": "x", "days": 7, "ends_on": "2026-05-08"})", 400,
            "days"},
           {R"({"value": "calm", "value_id": 1, "practice": "x"})", 400, "value"},
           {R"({"value": "Nope", "practice": "x"})", 404, "value"},
           {R"({"value": 1, "practice": "x"})", 400, "value"},
           {R"({"value": "calm", "practice": "x", "starts_on": "2025-06-01"})", 400, "value"},
           {R"({"practice": "x"})", 400, "value_id"},
       }) {
    const Response refused = send("POST", "/api/experiments", body);
    EXPECT_EQ(refused.status, status) << body << " -> " << refused.body;
    EXPECT_EQ(json_of(refused).value("field", ""), field) << body << " -> " << refused.body;
  }
  EXPECT_EQ(export_now(), before);

  // As `cairn experiment start --value Calm --practice ...`: from today, three weeks long.
  const Response by_name =
      send("POST", "/api/experiments", R"({"value": "Calm", "practice": "no music"})");
  ASSERT_EQ(by_name.status, 201) << by_name.body;
  EXPECT_EQ(json_of(by_name)["value_id"], 1);
  EXPECT_EQ(json_of(by_name)["starts_on"], "2026-05-01");
  EXPECT_EQ(json_of(by_name)["ends_on"], "2026-05-21");
  const Response a_week =
      send("POST", "/api/experiments",
           R"({"value": "1", "practice": "hills", "starts_on": "2026-05-04", "days": 7})");
  ASSERT_EQ(a_week.status, 201) << a_week.body;
  EXPECT_EQ(json_of(a_week)["ends_on"], "2026-05-10");
}

TEST_F(ApiTest, StartsAValueFromTheCatalogueAsTheCommandDoes) {
  const Json catalogue = json_of(send("GET", "/api/catalogue"));
  Json clear_mind;
  Json adventure;
  for (const auto& entry : catalogue["values"]) {
    if (entry["key"] == "clear_mind") clear_mind = entry;
    if (entry["key"] == "adventure") adventure = entry;
  }
  ASSERT_FALSE(clear_mind.is_null()) << catalogue.dump();
  ASSERT_FALSE(adventure.is_null()) << catalogue.dump();

  const std::string before = export_now();
  const Response unknown =
      send("POST", "/api/values", R"({"catalogue_key": "clear_minds", "importance": 7})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(json_of(unknown)["field"], "catalogue_key");
  EXPECT_EQ(json_of(send("POST", "/api/values", R"({"importance": 7})"))["field"], "name");
  EXPECT_EQ(export_now(), before);

  // By its key: the catalogue's words, the runner's importance and why.
  const Response by_key = send(
      "POST", "/api/values", R"({"catalogue_key": "clear_mind", "importance": 7, "why": "quiet"})");
  ASSERT_EQ(by_key.status, 201) << by_key.body;
  const Json calm = json_of(by_key);
  EXPECT_EQ(calm["name"], clear_mind["name"]);
  EXPECT_EQ(calm["catalogue_key"], "clear_mind");
  EXPECT_EQ(calm["description"], clear_mind["description"]);
  EXPECT_EQ(calm["link"], clear_mind["link"]);
  EXPECT_EQ(calm["practices"], Json::array({clear_mind["practice"]}));
  EXPECT_EQ(calm["why"], "quiet");
  EXPECT_EQ(calm["importance"], 7);

  // A name of the runner's own beside the key: the catalogue's other words, that name.
  const Response renamed =
      send("POST", "/api/values",
           R"({"catalogue_key": "ADVENTURE", "name": "Wild places", "importance": 6,
                                    "practices": ["night trail"]})");
  ASSERT_EQ(renamed.status, 201) << renamed.body;
  EXPECT_EQ(json_of(renamed)["name"], "Wild places");
  EXPECT_EQ(json_of(renamed)["catalogue_key"], "adventure");
  EXPECT_EQ(json_of(renamed)["description"], adventure["description"]);
  EXPECT_EQ(json_of(renamed)["practices"], Json::array({"night trail"}));

  // The catalogue's joy, when the runner holds a Joy of their own: the key is taken, and
  // the refusal names the catalogue_key (another name would not help).
  add_value("Joy");
  const Response joy = send("POST", "/api/values", R"({"catalogue_key": "joy", "importance": 5})");
  EXPECT_EQ(joy.status, 409) << joy.body;
  EXPECT_EQ(json_of(joy)["field"], "catalogue_key") << joy.body;

  // A name alone is the runner's own, even one the catalogue has.
  const Json own = add_value("Health");
  EXPECT_EQ(own["name"], "Health");
  EXPECT_TRUE(own["catalogue_key"].is_null());
  EXPECT_EQ(own["description"], "");
}

TEST_F(ApiTest, ExportsInEveryFormatAsADownload) {
  add_run();
  for (const auto* format : {"json", "csv", "markdown"}) {
    const Response response = send("GET", std::string("/api/export?format=") + format);
    EXPECT_EQ(response.status, 200);
    bool attachment = false;
    for (const auto& header : response.headers) {
      attachment = attachment || (header.name == "Content-Disposition" &&
                                  header.value.starts_with("attachment; filename=\"cairn-export-"));
    }
    EXPECT_TRUE(attachment) << format;
  }
  EXPECT_EQ(json_of(send("GET", "/api/export?format=pdf"))["field"], "format");
}

TEST_F(ApiTest, ImportsAnUploadedFileAndReportsIt) {
  const auto file = folder_ / "upload-1";
  std::ofstream(file) << "this is not an activity file";
  Request upload = request("POST", "/api/imports?wait=true");
  upload.headers.push_back({"Content-Type", "application/octet-stream"});
  upload.headers.push_back({"Content-Length", "28"});
  upload.files.push_back({"notes.gpx", file});
  const Response response = api_->handle(upload, *store_);
  ASSERT_EQ(response.status, 200) << response.body;
  const Json status = json_of(response);
  EXPECT_EQ(status["state"], "done");
  EXPECT_EQ(status["summary"]["failed"], 1);
  EXPECT_EQ(status["summary"]["files"][0]["file"], "notes.gpx");
  EXPECT_EQ(send("GET", "/api/imports/" + std::to_string(status["id"].get<int>())).status, 200);
  EXPECT_EQ(send("GET", "/api/imports/77").status, 404);
}

TEST_F(ApiTest, NamesARefusedRestoreFileAsTheRunnerDidNotWhereItWaited) {
  const auto file = folder_ / "spool-name-7";
  std::ofstream(file) << "not an export";
  Request upload = request("POST", "/api/restore");
  upload.headers.push_back({"Content-Type", "application/octet-stream"});
  upload.headers.push_back({"Content-Length", "13"});
  upload.files.push_back({"my-journal.json", file});
  const Response response = api_->handle(upload, *store_);
  EXPECT_EQ(response.status, 400) << response.body;
  const std::string message = json_of(response)["error"];
  EXPECT_NE(message.find("my-journal.json"), std::string::npos) << message;
  EXPECT_EQ(message.find("spool-name-7"), std::string::npos) << message;

  // Into a journal that holds data: 409, without the server's database file in the words.
  add_value("Health");
  const std::string exported = export_now();
  const auto kept = folder_ / "spool-name-8";
  std::ofstream(kept) << exported;
  Request again = request("POST", "/api/restore");
  again.headers.push_back({"Content-Type", "application/octet-stream"});
  again.headers.push_back({"Content-Length", std::to_string(exported.size())});
  again.files.push_back({"my-journal.json", kept});
  const Response refused = api_->handle(again, *store_);
  EXPECT_EQ(refused.status, 409) << refused.body;
  const std::string said = json_of(refused)["error"];
  EXPECT_NE(said.find("already holds data"), std::string::npos) << said;
  EXPECT_EQ(said.find(folder_.string()), std::string::npos) << said;
  EXPECT_EQ(export_now(), exported);
}

// `cairn demo` over HTTP: only into an empty journal, each bad option named, nothing written
// by a refusal.
TEST_F(ApiTest, MakesADemoJournalOnlyInAnEmptyOneNamingABadOption) {
  const std::string empty = export_now();
  struct Case {
    std::string body;
    std::string field;
  };
  for (const auto& [body, field] : std::vector<Case>{
           {R"({"years": 0})", "years"},
           {R"({"years": 16})", "years"},
           {R"({"years": 4294967297})", "years"},
           {R"({"years": "three"})", "years"},
           {R"({"runs_per_week": 15})", "runs_per_week"},
           {R"({"seed": -1})", "seed"},
           {R"({"seed": 1.5})", "seed"},
           {R"({"yaers": 2})", "yaers"},
       }) {
    const Response response = send("POST", "/api/demo", body);
    EXPECT_EQ(response.status, 400) << body << " -> " << response.body;
    EXPECT_EQ(json_of(response).value("field", ""), field) << body << " -> " << response.body;
    EXPECT_EQ(export_now(), empty) << body;
  }

  const Response made = send("POST", "/api/demo", R"({"seed": 7, "years": 1})");
  ASSERT_EQ(made.status, 201) << made.body;
  const Json report = json_of(made);
  EXPECT_EQ(report["seed"], 7);
  EXPECT_EQ(report["years"], 1);
  EXPECT_EQ(report["as_of"], "2026-05-01");  // the API's clock: the demo leads up to today
  EXPECT_GT(report["runs"].get<int>(), 50);
  EXPECT_FALSE(report["values_in_force"].empty());
  const Json status = json_of(send("GET", "/api/status"));
  EXPECT_EQ(status["runs"], report["runs"]);

  // A second demo would mix two journals: refused, the first one kept whole.
  const std::string kept = export_now();
  const Response again = send("POST", "/api/demo", "{}");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(json_of(again)["error"].get<std::string>().find("already holds data"),
            std::string::npos)
      << again.body;
  EXPECT_EQ(export_now(), kept);
}

// What a form needs to point at the wrong field: every refusal names it, and writes nothing.
TEST_F(ApiTest, NamesTheFieldOfARefusalWhereverItIsFound) {
  add_value("Health");
  ASSERT_EQ(send("POST", "/api/values/health/retire", R"({"reason": "resting"})").status, 200);
  add_run();
  const std::string before = export_now();
  struct Case {
    std::string method;
    std::string path;
    std::string body;
    int status;
    std::string field;
  };
  for (
      const auto& [method, path, body, status, field] : std::vector<Case>{
          {"POST", "/api/values", R"({"name": "Calm", "importance": 11})", 400, "importance"},
          {"POST", "/api/values", R"({"name": "", "importance": 5})", 400, "name"},
          {"POST", "/api/values", R"({"name": "Ca\u0000lm", "importance": 5})", 400, "name"},
          {"POST", "/api/values", R"({"name": "Calm", "importance": 5, "practices": [" "]})", 400,
           "practices[0]"},
          {"POST", "/api/values", "{not json", 400, "body"},
          {"POST", "/api/values", "[1]", 400, "body"},
          {"POST", "/api/values/health/retire", R"({"reason": "again"})", 400, "value"},
          {"POST", "/api/experiments",
           R"({"value_id": 999, "practice": "x", "ends_on": "2026-05-20"})", 404, "value_id"},
          {"POST", "/api/runs",
           R"({"start": {"utc": "2026-04-02T07:00:00Z", "zone": "UTC"}, "distance_m": 5000, "laps": [{"elapsed_s": -5}]})",
           400, "laps[0]"},
          {"GET", "/api/runs?to=9999-12-31", "", 400, "to"},
          {"GET", "/api/runs/999999", "", 404, "id"},
          {"GET", "/api/values/nothing", "", 404, "value"},
      }) {
    const Response response = send(method, path, body);
    EXPECT_EQ(response.status, status)
        << method << " " << path << " " << body << " -> " << response.body;
    EXPECT_EQ(json_of(response).value("field", ""), field)
        << method << " " << path << " " << body << " -> " << response.body;
  }
  EXPECT_EQ(export_now(), before);
}

TEST_F(ApiTest, RanksAValueOnlyWithinItsScaleNamingWhatWasSent) {
  add_value("Health");
  const Json refused = json_of(send("POST", "/api/values/health/rank", R"({"importance": 5000})"));
  EXPECT_EQ(refused["field"], "importance");
  EXPECT_NE(refused["error"].get<std::string>().find("5000"), std::string::npos);
  EXPECT_EQ(
      json_of(send("POST", "/api/values/health/since", R"({"since": "2027-01-01"})"))["field"],
      "since");
}

TEST_F(ApiTest, AnswersInsightsAgainOnlyUntilTheJournalChanges) {
  const std::string before = send("GET", "/api/insights").body;
  EXPECT_EQ(send("GET", "/api/insights").body, before);
  add_run("2026-04-30T07:30");
  const std::string after = send("GET", "/api/insights").body;
  EXPECT_NE(after, before) << "a run added must show in the insights at once";
  // A write by another connection (the CLI beside the server) is seen too.
  {
    const auto other = factory_->open();
    app::JournalService service(*other, local_user,
                                Clock::fixed(parse_utc("2026-05-01T18:00:00Z")));
    cairn::Run run;
    run.start = parse_local_time("2026-04-29T07:30", "Europe/Berlin");
    run.distance = Distance::from_kilometers(5);
    run.elapsed = Duration(1500);
    service.log_run(run, std::nullopt);
  }
  EXPECT_NE(send("GET", "/api/insights").body, after);
}

// A kept answer is the answer to that very request: a path holding what reads as a query
// (`Old&at=...`, decoded from %26 and %3D) is not the same request as one with that query.
TEST_F(ApiTest, KeepsAnAnswerForItsOwnRequestOnly) {
  add_value("Old&at=2026-01-01");
  Request with_ampersand = request("GET", "/api/values/placeholder");
  with_ampersand.path = "/api/values/Old&at=2026-01-01";
  const Response kept = api_->handle(with_ampersand, *store_);
  ASSERT_EQ(kept.status, 200) << kept.body;
  ASSERT_EQ(api_->kept_answer(with_ampersand) != nullptr, true);
  const Request with_query = request("GET", "/api/values/Old?at=2026-01-01");
  EXPECT_EQ(api_->kept_answer(with_query), nullptr);
  const Response answered = api_->handle(with_query, *store_);
  EXPECT_EQ(answered.status, 400) << answered.body;
  EXPECT_EQ(json_of(answered)["field"], "at");
}

TEST_F(ApiTest, NamesTheDateOfInsightsInTheFuture) {
  const Response response = send("GET", "/api/insights?as_of=2027-01-01");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(json_of(response)["field"], "as_of");
  EXPECT_EQ(json_of(send("GET", "/api/insights"))["as_of"], "2026-05-01");
}

TEST_F(ApiTest, EveryResponseCarriesTheSecurityHeaders) {
  const auto headers = Api::security_headers(true);
  std::vector<std::string> names;
  for (const auto& header : headers) names.push_back(header.name);
  for (const auto* wanted :
       {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), wanted), names.end()) << wanted;
  }
}

TEST_F(ApiTest, ServesItsOpenApiDocument) {
  const Json document = json_of(send("GET", "/api/openapi.json"));
  EXPECT_EQ(document["openapi"], "3.1.0");
  for (const auto& route : Api::routes()) {
    std::string method(route.method);
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    EXPECT_TRUE(document["paths"].contains(std::string(route.pattern)) &&
                document["paths"][std::string(route.pattern)].contains(method))
        << route.method << " " << route.pattern << " is missing from openapi.json";
    // The query parameters the route reads (and takes) are the ones the document gives.
    const Json item = document["paths"].value(std::string(route.pattern), Json::object());
    const Json operation = item.value(method, Json::object());
    std::string documented_query;
    for (const Json* parameters : {&item, &operation}) {
      for (Json parameter : parameters->value("parameters", Json::array())) {
        if (parameter.contains("$ref")) {
          const std::string ref = parameter["$ref"];
          parameter = document["components"]["parameters"][ref.substr(ref.rfind('/') + 1)];
        }
        if (parameter["in"] != "query") continue;
        documented_query +=
            (documented_query.empty() ? "" : " ") + parameter["name"].get<std::string>();
      }
    }
    EXPECT_EQ(documented_query, route.query) << route.method << " " << route.pattern;
  }
  std::size_t documented = 0;
  for (const auto& [path, item] : document["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      ++documented;
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
      EXPECT_TRUE(std::any_of(
          Api::routes().begin(), Api::routes().end(),
          [&](const auto& route) { return route.method == upper && route.pattern == path; }))
          << upper << " " << path << " is documented but no route serves it";
    }
  }
  EXPECT_EQ(documented, Api::routes().size());
}

}  // namespace
}  // namespace cairn::api
