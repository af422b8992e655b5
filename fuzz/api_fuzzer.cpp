// Fuzz target: the HTTP JSON API's request handlers (Api::screen and Api::handle), without
// sockets, over a real SQLite journal. Every answer must be a refusal or a success: a status
// of 500 or more, a JSON response that is not JSON, an exception or a sanitizer report is a
// bug.
//
// The input is read from its front (bytes past its end read as 0), so that seeds are easy to
// write by hand (fuzz/regressions/api/):
//   method     1 byte, one of `methods` (odd ones included)
//   path       1 byte: 240 and up, a length byte and that many raw bytes; else a route's
//              pattern (one of the method's below 200), each {parameter} one byte (below
//              128: one of `parameters`; else a length byte and raw bytes); a trailing '/'
//              when the byte is 16 modulo 17
//   flags      2 bytes, little endian: bits 0-2 a valid Host when not 0 (bit 3 its name in
//              lower case; with bits 0-2 at 0, bit 3 a Host of a length byte and raw bytes);
//              bits 4-6 the Origin (1 ours, 2 foreign, 3 a length byte and raw bytes);
//              bits 7-8 a Content-Type when not 0 (1 byte: below 128 one of
//              `content_types`, else a length byte and raw bytes); bits 9-10 the
//              Content-Length (0 the body's, 1 "0", else none); bits 11-13 at 7 add
//              Transfer-Encoding: chunked
//   query      1 byte, count modulo 5; each pair a name byte (below 192 one of `query_names`,
//              else a length byte and raw bytes) and a value (a length byte and raw bytes)
//   file name  1 byte, one of `upload_names` (the upload's one file, for upload routes)
//   body       the rest: the JSON body, or the upload's file
//
// The journal is made once per process, seeded through the API with values, runs, an entry
// and an experiment so that ids exist, and put back to that seeded copy every
// `inputs_per_reset` inputs (and when it grows past `max_database_bytes`), so that it stays
// small and fast. A crash found after many inputs usually replays alone; when it does not,
// the inputs before it in the log made the journal it needed. CAIRN_FUZZ_VERBOSE=1 in the
// environment prints each request's answer (to check what a seed reaches).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cairn/api/api.hpp"
#include "cairn/api/http.hpp"
#include "cairn/core/clock.hpp"
#include "cairn/core/time.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace {

namespace fs = std::filesystem;
using cairn::api::Api;
using cairn::api::Request;
using cairn::api::Response;

constexpr std::string_view host = "127.0.0.1:8080";
constexpr int inputs_per_reset = 500;
constexpr std::uintmax_t max_database_bytes = std::uintmax_t{8} << 20;

// The journal every input is answered over, and the seeded copy it is put back to.
class Fixture {
 public:
  Fixture()
      : folder_(fs::temp_directory_path() / ("cairn-api-fuzz-" + std::to_string(::getpid()))) {
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "spool");
    factory_ = std::make_unique<cairn::store::SqliteStoreFactory>(database());
    store_ = factory_->open();
    cairn::api::ApiOptions options;
    options.hosts = {std::string(host), "localhost:8080"};
    options.clock = cairn::Clock::fixed(cairn::parse_utc("2026-05-01T18:00:00Z"));
    options.open_store = [this] { return factory_->open(); };
    options.spool_folder = folder_ / "spool";
    // Small limits, so that a body past them is tried too.
    options.max_json_bytes = std::size_t{64} * 1024;
    options.max_upload_bytes = std::size_t{1} << 20;
    api_ = std::make_unique<Api>(options);
    seed();
    // The seeded journal, whole in one file: the last connection closed checkpoints the WAL.
    store_.reset();
    fs::copy_file(database(), seeded(), fs::copy_options::overwrite_existing);
    store_ = factory_->open();
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
  Fixture(Fixture&&) = delete;
  Fixture& operator=(Fixture&&) = delete;
  ~Fixture() {
    api_.reset();
    store_.reset();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  Response handle(const Request& request) { return api_->handle(request, *store_); }
  [[nodiscard]] const Api& api() const { return *api_; }
  [[nodiscard]] const fs::path& folder() const { return folder_; }

  // Puts the seeded journal back every so many inputs, or when it grew too large.
  void maybe_reset() {
    ++inputs_;
    if (inputs_ % inputs_per_reset != 0 && (inputs_ % 32 != 0 || !too_large())) return;
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ignored;
      fs::remove(database().string() + suffix, ignored);
    }
    fs::copy_file(seeded(), database());
    store_ = factory_->open();
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(folder_ / "spool", ignored)) {
      fs::remove_all(entry.path(), ignored);
    }
  }

 private:
  [[nodiscard]] fs::path database() const { return folder_ / "cairn.db"; }
  [[nodiscard]] fs::path seeded() const { return folder_ / "seeded.db"; }

  [[nodiscard]] bool too_large() const {
    std::error_code ignored;
    const auto size = fs::file_size(database(), ignored);
    const auto wal = fs::file_size(database().string() + "-wal", ignored);
    return (size == static_cast<std::uintmax_t>(-1) ? 0 : size) +
               (wal == static_cast<std::uintmax_t>(-1) ? 0 : wal) >
           max_database_bytes;
  }

  void send(std::string method, std::string path, std::string body) {
    Request request{.method = std::move(method), .path = std::move(path)};
    request.headers = {{"Host", std::string(host)},
                       {"Content-Type", "application/json"},
                       {"Content-Length", std::to_string(body.size())}};
    request.body = std::move(body);
    const Response response = handle(request);
    if (response.status >= 300) {
      std::fprintf(stderr, "api_fuzzer: seeding %s %s failed (%d): %s\n", request.method.c_str(),
                   request.path.c_str(), response.status, response.body.c_str());
      __builtin_trap();
    }
  }

  void seed() {
    send("PATCH", "/api/settings", R"({"zone": "Europe/Berlin"})");
    send("POST", "/api/values",
         R"({"name": "Health", "importance": 8, "effective_on": "2026-01-01"})");
    send("POST", "/api/values",
         R"({"name": "Calm", "importance": 6, "effective_on": "2026-01-01"})");
    send("POST", "/api/values", R"({"name": "Adventure", "importance": 4})");
    for (const char* local : {"2026-04-20T07:30", "2026-04-25T18:00", "2026-04-30T07:30"}) {
      send("POST", "/api/runs", run_body(local));
    }
    send("POST", "/api/entries",
         R"({"run_id": 1, "enjoyment": 8, "after": {"mood": 4},
             "value_alignments": [{"value_id": 1, "rating": 9}], "text": "easy by the river"})");
    send("POST", "/api/experiments",
         R"({"value_id": 2, "practice": "no music", "starts_on": "2026-04-15",
             "ends_on": "2026-05-15", "question": "calmer?"})");
    send("POST", "/api/experiments/1/tag", R"({"run_ids": [2]})");
  }

  static std::string run_body(const char* local) {
    return std::string(R"({"start": {"local": ")") + local +
           R"(", "zone": "Europe/Berlin"}, "distance_m": 10000, "elapsed_s": 3000})";
  }

  fs::path folder_;
  std::unique_ptr<cairn::store::SqliteStoreFactory> factory_;
  std::unique_ptr<cairn::store::Store> store_;
  std::unique_ptr<Api> api_;
  std::uint64_t inputs_ = 0;
};

constexpr std::array methods{"GET",  "POST",    "PATCH", "DELETE", "PUT",  "HEAD",
                             "GET",  "POST",    "get",   "",       "GET ", "OPTIONS",
                             "POST", "CONNECT", "PATCH", "TRACE"};

constexpr std::array query_names{
    "limit", "before", "from", "to",     "sport", "min_distance_m",     "max_distance_m",
    "as_of", "at",     "on",   "format", "wait",  "accept_implausible", "with_entry",
    "name",  "dry_run"};

constexpr std::array content_types{"application/json",
                                   "application/json; charset=utf-8",
                                   "Application/JSON ",
                                   "application/octet-stream",
                                   "text/plain",
                                   "multipart/form-data; boundary=x",
                                   "application/x-www-form-urlencoded",
                                   "application/zip"};

constexpr std::array upload_names{"export.zip", "run.fit",     "run.gpx",  "run.tcx",
                                  "run.gpx.gz", "export.json", "runs.csv", "upload"};

// What a route's {parameter} becomes: an id or name the seeded journal has, one it lacks, or
// a number that is not one; bytes of the input otherwise.
constexpr std::array<std::string_view, 16> parameters{"1",
                                                      "2",
                                                      "3",
                                                      "4",
                                                      "0",
                                                      "-1",
                                                      "9223372036854775807",
                                                      "9223372036854775808",
                                                      "Health",
                                                      "calm",
                                                      "Adventure",
                                                      "1.5",
                                                      "%20",
                                                      " 1",
                                                      "1e3",
                                                      "Health%2F"};

// Reads the input from its front, in the order of the layout above; past its end every byte
// is 0 and every text empty, so any input decodes.
class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  template <class Array>
  auto pick(const Array& array) {
    return array[byte() % array.size()];
  }
  // A length byte (taken modulo max + 1), then that many bytes.
  std::string text(std::size_t max) {
    const std::size_t length = std::min<std::size_t>(byte() % (max + 1), size_ - at_);
    std::string out(reinterpret_cast<const char*>(data_ + at_), length);
    at_ += length;
    return out;
  }
  std::string rest() {
    std::string out(reinterpret_cast<const char*>(data_ + at_), size_ - at_);
    at_ = size_;
    return out;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

std::string path_of(Reader& input, std::string_view method) {
  const auto& routes = Api::routes();
  const std::uint8_t choice = input.byte();
  if (choice >= 240) return input.text(64);  // raw bytes
  // Mostly a route of the method asked, so that handlers (not only 405s) are reached.
  std::vector<std::string_view> patterns;
  for (const auto& route : routes) {
    if (route.method == method) patterns.push_back(route.pattern);
  }
  if (patterns.empty() || choice >= 200) {
    patterns.clear();
    for (const auto& route : routes) patterns.push_back(route.pattern);
  }
  const std::string_view pattern = patterns[choice % patterns.size()];
  std::string path;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const auto open = pattern.find('{', at);
    if (open == std::string_view::npos) {
      path += pattern.substr(at);
      break;
    }
    path += pattern.substr(at, open - at);
    const std::uint8_t kind = input.byte();
    path += kind < 128 ? std::string(parameters[kind % parameters.size()]) : input.text(24);
    at = pattern.find('}', open) + 1;
  }
  if (choice % 17 == 16) path += '/';
  return path;
}

// Writes an upload's one file, as the server spools it.
cairn::api::UploadedFile spool_file(const fs::path& spool, std::string name,
                                    const std::string& bytes) {
  static std::uint64_t counter = 0;
  const fs::path folder = spool / ("upload-" + std::to_string(counter++));
  fs::create_directories(folder);
  const fs::path path = folder / name;
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return {std::move(name), path};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  fixture.maybe_reset();
  Reader input(data, size);

  Request request;
  request.method = input.pick(methods);
  request.path = path_of(input, request.method);

  // Headers: Host valid most of the time; Origin, Content-Type, Content-Length and
  // Transfer-Encoding now and then.
  const auto flags = static_cast<unsigned>(input.byte() | (input.byte() << 8U));
  if ((flags & 0x7U) != 0) {
    request.headers.push_back({(flags & 0x8U) != 0 ? "host" : "Host", std::string(host)});
  } else if ((flags & 0x8U) != 0) {
    request.headers.push_back({"Host", input.text(32)});
  }
  switch ((flags >> 4U) & 0x7U) {
    case 1:
      request.headers.push_back({"Origin", "http://" + std::string(host)});
      break;
    case 2:
      request.headers.push_back({"Origin", "http://evil.example"});
      break;
    case 3:
      request.headers.push_back({"Origin", input.text(32)});
      break;
    default:
      break;
  }
  if (((flags >> 7U) & 0x3U) != 0) {
    const std::uint8_t type = input.byte();
    request.headers.push_back(
        {"Content-Type",
         type < 128 ? std::string(content_types[type % content_types.size()]) : input.text(32)});
  }
  const unsigned length_kind = (flags >> 9U) & 0x3U;
  if (((flags >> 11U) & 0x7U) == 7) request.headers.push_back({"Transfer-Encoding", "chunked"});

  // The query: a few pairs, mostly of the names the routes read.
  const int pairs = input.byte() % 5;
  for (int i = 0; i < pairs; ++i) {
    const std::uint8_t kind = input.byte();
    std::string name =
        kind < 192 ? std::string(query_names[kind % query_names.size()]) : input.text(16);
    request.query.emplace_back(std::move(name), input.text(40));
  }

  const bool upload =
      fixture.api().body_kind(request.method, request.path) == cairn::api::BodyKind::upload;
  const std::string upload_name = input.pick(upload_names);
  std::string body = input.rest();
  switch (length_kind) {
    case 0:
      request.headers.push_back({"Content-Length", std::to_string(body.size())});
      break;
    case 1:
      request.headers.push_back({"Content-Length", "0"});
      break;
    default:
      break;
  }

  if (const auto refused = fixture.api().screen(request)) {
    if (refused->status >= 500) __builtin_trap();
  }
  if (upload) {
    // An import answers when it is done: the next input never races its writes.
    std::erase_if(request.query, [](const auto& pair) { return pair.first == "wait"; });
    request.query.emplace_back("wait", "true");
    if (!body.empty()) {
      request.files.push_back(spool_file(fixture.folder() / "spool", upload_name, body));
    }
  } else {
    request.body = std::move(body);
  }

  const Response response = fixture.handle(request);
  if (response.body_file) {
    std::error_code ignored;
    fs::remove(*response.body_file, ignored);
  }
  for (const auto& file : request.files) {
    std::error_code ignored;
    fs::remove_all(file.path.parent_path(), ignored);
  }
  static const bool verbose = std::getenv("CAIRN_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    std::fprintf(stderr, "api_fuzzer: %s %s -> %d %.200s\n", request.method.c_str(),
                 request.path.c_str(), response.status, response.body.c_str());
  }
  if (response.status >= 500) {
    std::fprintf(stderr, "api_fuzzer: %s %s answered %d: %s\n", request.method.c_str(),
                 request.path.c_str(), response.status, response.body.c_str());
    __builtin_trap();
  }
  const bool is_json = response.content_type == "application/json";
  if (request.path.starts_with("/api/") && is_json && response.status != 204 &&
      !nlohmann::json::accept(response.body)) {
    std::fprintf(stderr, "api_fuzzer: %s %s answered JSON that is not: %s\n",
                 request.method.c_str(), request.path.c_str(), response.body.c_str());
    __builtin_trap();
  }
  return 0;
}
