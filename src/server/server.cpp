// The HTTP server: cpp-httplib's thread pool answers each request with the API (given the
// worker's own database connection) or a file of the web app. Everything the API decides
// (routes, checks, statuses, JSON) is in cairn/api; this file only moves bytes.

#include "cairn/server/server.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <sys/types.h>
#include <unistd.h>

#include "cairn/api/api.hpp"
#include "cairn/app/route_ground.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/store/sqlite_store.hpp"

namespace cairn::server {

namespace fs = std::filesystem;

namespace {

// Each server gets a number of its own, so that a worker thread's connections (kept per
// thread) are never those of an earlier server in the same process.
std::atomic<std::uint64_t> next_generation{1};

api::Request api_request(const httplib::Request& from) {
  api::Request request;
  request.method = from.method;
  request.path = from.path;
  for (const auto& [key, value] : from.params) request.query.emplace_back(key, value);
  for (const auto& [name, value] : from.headers) request.headers.push_back({name, value});
  return request;
}

void send(const api::Response& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& header : from.headers) to.set_header(header.name, header.value);
  if (from.body_file) {
    const fs::path path = *from.body_file;
    std::error_code error;
    const auto size = fs::file_size(path, error);
    auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
    if (error || !*file) {
      to.status = 500;
      to.set_content(R"({"error":"the file to send could not be read","kind":"storage"})",
                     "application/json");
      fs::remove(path, error);
      return;
    }
    to.set_content_provider(
        static_cast<std::size_t>(size), from.content_type,
        [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          std::array<char, std::size_t{64} * 1024> buffer{};
          file->seekg(static_cast<std::streamoff>(offset));
          file->read(buffer.data(), static_cast<std::streamsize>(std::min(length, buffer.size())));
          const auto got = file->gcount();
          if (got <= 0) return false;
          sink.write(buffer.data(), static_cast<std::size_t>(got));
          return true;
        },
        [path](bool /*success*/) {
          std::error_code ignored;
          fs::remove(path, ignored);
        });
    return;
  }
  if (from.status == 204) return;
  to.set_content(from.body, from.content_type);
}

// Debian's cpp-httplib compresses with brotli at its slowest quality (11) whenever the client
// accepts it: about 300 ms for a 70 KB script, which a phone then waits for. gzip at zlib's
// default level takes under a millisecond and saves nearly as much, so "br" is taken out of
// what the client says it accepts before the library picks an encoding. (The request object
// is the library's own, not const; only its handlers see it as const.)
void without_brotli(const httplib::Request& request) {
  auto& headers = const_cast<httplib::Headers&>(
      request.headers);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  for (auto [it, end] = headers.equal_range("Accept-Encoding"); it != end; ++it) {
    std::string kept;
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view token = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (token.starts_with(' ')) token.remove_prefix(1);
      if (token.empty() || token.starts_with("br")) continue;
      if (!kept.empty()) kept += ", ";
      kept += token;
    }
    it->second = kept;
  }
}

// Removes the spool folders of servers that were killed (their process is gone): uploads
// they were receiving are of no use to anyone now.
void remove_abandoned_spools(const fs::path& folder) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    constexpr std::string_view prefix = ".cairn-serve-";
    if (!name.starts_with(prefix)) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

// A name a file can have in the spool folder: the last part of what the client called it.
std::string safe_file_name(std::string_view name) {
  std::string base(fs::path(std::string(name)).filename().string());
  if (base.empty() || base == "." || base == "..") return "upload";
  for (auto& c : base) {
    if (c == '\0' || c == '/') c = '_';
  }
  return base.substr(0, 200);
}

// The file name a raw upload gives in `?name=` or its Content-Disposition header.
std::string raw_upload_name(const httplib::Request& request) {
  if (request.has_param("name")) return safe_file_name(request.get_param_value("name"));
  const std::string disposition = request.get_header_value("Content-Disposition");
  const auto at = disposition.find("filename=\"");
  if (at != std::string::npos) {
    const auto begin = at + 10;
    const auto end = disposition.find('"', begin);
    if (end != std::string::npos) return safe_file_name(disposition.substr(begin, end - begin));
  }
  return "upload";
}

}  // namespace

struct Server::State {
  ServeOptions options;
  std::uint64_t generation = next_generation++;
  store::SqliteStoreFactory factory;
  fs::path spool;
  std::unique_ptr<api::Api> api;
  httplib::Server http;
  int port = 0;
  std::atomic<std::uint64_t> uploads_received{0};
  // Where run() is: httplib's stop() does nothing before its listen loop has begun, so a
  // stop() that comes first is remembered here (and one that comes just after run() began
  // waits for the loop), or it would be lost and run() would never return.
  enum class Phase { bound, running, finished, stopped };
  std::mutex phase_mutex;
  Phase phase = Phase::bound;

  explicit State(ServeOptions given) : options(std::move(given)), factory(options.database) {}

  // The calling worker thread's connection to the database, opened on its first request.
  store::Store& thread_store() {
    thread_local std::map<std::uint64_t, std::unique_ptr<store::Store>> stores;
    auto& store = stores[generation];
    if (!store) store = factory.open();
    return *store;
  }

  void answer(const api::Request& request, httplib::Response& response,
              std::shared_ptr<api::UploadSlot> slot = nullptr) {
    send(api->handle(request, thread_store(), std::move(slot)), response);
  }

  // A refusal sent before the body was read: the connection closes, so the unread body is
  // never taken for the next request.
  static void refuse_early(const api::Response& refusal, httplib::Response& response) {
    send(refusal, response);
    response.set_header("Connection", "close");
  }

  void handle_without_body(const httplib::Request& from, httplib::Response& to) {
    answer(api_request(from), to);
  }

  void handle_with_body(const httplib::Request& from, httplib::Response& to,
                        const httplib::ContentReader& reader) {
    api::Request request = api_request(from);
    const auto kind = api->body_kind(request.method, request.path).value_or(api::BodyKind::none);
    if (kind == api::BodyKind::upload) {
      receive_upload(from, to, reader, std::move(request));
      return;
    }
    const std::size_t limit = options.max_json_bytes;
    bool too_large = false;
    reader([&](const char* data, std::size_t length) {
      if (request.body.size() + length > limit) {
        too_large = true;
        return false;
      }
      request.body.append(data, length);
      return true;
    });
    if (too_large) {
      refuse_early(api->too_large(api::BodyKind::json), to);
      return;
    }
    answer(request, to);
  }

  void receive_upload(const httplib::Request& from, httplib::Response& to,
                      const httplib::ContentReader& reader, api::Request request) {
    auto slot = api->claim_upload_slot();
    if (!slot) {
      refuse_early(api::Api::too_many_uploads(), to);
      return;
    }
    const fs::path folder = spool / fmt::format("upload-{}", uploads_received++);
    fs::create_directories(folder);
    std::ofstream out;
    std::size_t total = 0;
    bool too_large = false;
    bool write_failed = false;
    const auto open_file = [&](std::string name) {
      if (out.is_open()) out.close();
      // A folder per file keeps each file's own name (two files of an upload may share one).
      const fs::path path = folder / std::to_string(request.files.size()) / name;
      fs::create_directory(path.parent_path());
      out.open(path, std::ios::binary | std::ios::trunc);
      request.files.push_back({std::move(name), path});
    };
    const auto receive = [&](const char* data, std::size_t length) {
      total += length;
      if (total > options.max_upload_bytes) {
        too_large = true;
        return false;
      }
      if (!out.is_open()) return true;  // a form field, not a file
      out.write(data, static_cast<std::streamsize>(length));
      write_failed = write_failed || !out;
      return !write_failed;
    };
    if (from.is_multipart_form_data()) {
      reader(
          [&](const httplib::MultipartFormData& part) {
            if (out.is_open()) out.close();
            if (!part.filename.empty()) open_file(safe_file_name(part.filename));
            return true;
          },
          receive);
    } else {
      open_file(raw_upload_name(from));
      reader(receive);
    }
    if (out.is_open()) out.close();
    if (too_large) {
      refuse_early(api->too_large(api::BodyKind::upload), to);
    } else if (write_failed) {
      refuse_early(
          api::Response{
              .status = 507,
              .body =
                  R"json({"error":"the upload could not be written to disk (is it full?)","kind":"storage"})json"},
          to);
    } else {
      answer(request, to, std::move(slot));
    }
    std::error_code ignored;
    fs::remove_all(folder, ignored);  // what an import took is in its own folder by now
  }
};

bool is_loopback_address(std::string_view address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost";
}

Server::Server(ServeOptions options) : state_(std::make_unique<State>(std::move(options))) {
  State& state = *state_;
  // Runs an older Cairn stored get their ground worked out once, before any request.
  {
    const auto store = state.factory.open();
    app::catch_up_ground(*store, local_user);
  }
  state.spool = state.options.database.parent_path() / fmt::format(".cairn-serve-{}", ::getpid());
  std::error_code ignored;
  remove_abandoned_spools(state.options.database.parent_path());
  fs::remove_all(state.spool, ignored);
  fs::create_directories(state.spool);
  fs::permissions(state.spool, fs::perms::owner_all, fs::perm_options::replace);

  const int workers = static_cast<int>(std::max<std::size_t>(state.options.workers, 2));
  state.http.new_task_queue = [workers] {
    return new httplib::ThreadPool(static_cast<std::size_t>(workers));  // owned by httplib
  };
  const auto seconds = static_cast<time_t>(state.options.io_timeout.count());
  state.http.set_read_timeout(seconds);
  state.http.set_write_timeout(seconds);
  state.http.set_keep_alive_timeout(5);
  state.http.set_keep_alive_max_count(1000);
  // httplib writes a response's headers and body apart: with Nagle's algorithm on, the body
  // waited for the client's delayed ACK, 40 ms on every request of a kept-alive connection
  // (bench/serve_bench.sh: 176 requests/s for /api/settings). Accepted sockets inherit it.
  state.http.set_tcp_nodelay(true);
  state.http.set_payload_max_length(state.options.max_upload_bytes);

  // Bound first, so the port (chosen by the system when 0) is known for the Host check.
  if (state.options.port == 0) {
    state.port = state.http.bind_to_any_port(state.options.address);
  } else if (state.http.bind_to_port(state.options.address, state.options.port)) {
    state.port = state.options.port;
  } else {
    state.port = -1;
  }
  if (state.port <= 0) {
    fs::remove_all(state.spool, ignored);
    throw Error(Errc::conflict,
                fmt::format("cannot listen on {} port {}: the port is taken or the address is "
                            "not one of this machine's",
                            state.options.address, state.options.port),
                "port");
  }

  api::ApiOptions api_options;
  const std::string port = std::to_string(state.port);
  api_options.hosts = {state.options.address + ":" + port};
  if (is_loopback_address(state.options.address)) {
    api_options.hosts.push_back("localhost:" + port);
    api_options.hosts.push_back("127.0.0.1:" + port);
    api_options.hosts.push_back("[::1]:" + port);
  }
  for (const auto& name : state.options.host_names) {
    api_options.hosts.push_back(fmt::format("{}:{}", name, port));
  }
  api_options.any_address_host =
      state.options.address == "0.0.0.0" || state.options.address == "::";
  api_options.clock = state.options.clock;
  api_options.open_store = [&state] { return state.factory.open(); };
  api_options.database = state.options.database;
  api_options.spool_folder = state.spool;
  api_options.max_json_bytes = state.options.max_json_bytes;
  api_options.max_upload_bytes = state.options.max_upload_bytes;
  api_options.max_concurrent_uploads = state.options.max_concurrent_uploads;
  state.api = std::make_unique<api::Api>(std::move(api_options));

  // Every request is screened before anything else is done with it: a wrong Host or a
  // foreign Origin gets no file and no answer from the API.
  state.http.set_pre_routing_handler([&state](const httplib::Request& from, httplib::Response& to) {
    without_brotli(from);
    if (auto refused = state.api->screen(api_request(from))) {
      State::refuse_early(*refused, to);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  state.http.set_post_routing_handler([](const httplib::Request& from, httplib::Response& to) {
    for (const auto& header : api::Api::security_headers(from.path.starts_with("/api/"))) {
      to.set_header(header.name, header.value);
    }
  });
  state.http.set_error_handler([](const httplib::Request& from, httplib::Response& to) {
    if (!to.body.empty()) return;
    // What the HTTP library refused itself: a request line or headers too long, a body past
    // the limit, a malformed request.
    const std::string message =
        to.status == 413   ? "the body is larger than this server takes"
        : to.status == 414 ? "the address is longer than this server takes"
        : to.status == 404 ? fmt::format("no such page: {}", from.path)
                           : fmt::format("the request could not be read (HTTP {})", to.status);
    to.set_content(fmt::format(R"({{"error":"{}","kind":"invalid_input"}})", message),
                   "application/json");
  });
  state.http.set_exception_handler([](const httplib::Request& /*from*/, httplib::Response& to,
                                      const std::exception_ptr& /*error*/) {
    to.status = 500;
    to.set_content(R"({"error":"internal error","kind":"internal"})", "application/json");
  });

  if (state.options.web_root && fs::is_directory(*state.options.web_root)) {
    state.http.set_mount_point("/", state.options.web_root->string());
  }
  const auto without_body = [&state](const httplib::Request& from, httplib::Response& to) {
    state.handle_without_body(from, to);
  };
  const auto with_body = [&state](const httplib::Request& from, httplib::Response& to,
                                  const httplib::ContentReader& reader) {
    state.handle_with_body(from, to, reader);
  };
  state.http.Get("/api/.*", without_body);
  // Any other page is the web app's (it routes in the browser): its index.
  state.http.Get(".*", [&state](const httplib::Request& /*from*/, httplib::Response& to) {
    const auto& root = state.options.web_root;
    const fs::path index = root ? *root / "index.html" : fs::path();
    std::ifstream file(index, std::ios::binary);
    if (!root || !file) {
      to.status = 404;
      to.set_content(fmt::format("Cairn's web app is not built here. The API is at /api/ (see "
                                 "/api/openapi.json).\n"),
                     "text/plain; charset=utf-8");
      return;
    }
    to.set_content(std::string(std::istreambuf_iterator<char>(file), {}),
                   "text/html; charset=utf-8");
  });
  state.http.Post(".*", with_body);
  state.http.Post(".*", without_body);
  state.http.Patch(".*", with_body);
  state.http.Patch(".*", without_body);
  state.http.Put(".*", with_body);
  state.http.Put(".*", without_body);
  state.http.Delete(".*", with_body);
  state.http.Delete(".*", without_body);
}

Server::~Server() {
  stop();
  state_->api.reset();  // waits for imports still running
  std::error_code ignored;
  fs::remove_all(state_->spool, ignored);
}

int Server::port() const { return state_->port; }

std::string Server::url() const {
  const std::string& address = state_->options.address;
  const bool ipv6 = address.find(':') != std::string::npos;
  return fmt::format("http://{}{}{}:{}/", ipv6 ? "[" : "", address, ipv6 ? "]" : "", state_->port);
}

void Server::run() {
  using Phase = State::Phase;
  {
    const std::scoped_lock lock(state_->phase_mutex);
    if (state_->phase != Phase::bound) return;  // stopped before it ran
    state_->phase = Phase::running;
  }
  state_->http.listen_after_bind();
  const std::scoped_lock lock(state_->phase_mutex);
  if (state_->phase == Phase::running) state_->phase = Phase::finished;
}

void Server::stop() {
  using Phase = State::Phase;
  Phase was{};
  {
    const std::scoped_lock lock(state_->phase_mutex);
    was = state_->phase;
    if (was == Phase::bound) state_->phase = Phase::stopped;
  }
  if (was != Phase::running) return;
  // run() has begun: wait for httplib's loop to start (a moment) unless it has ended.
  while (!state_->http.is_running()) {
    {
      const std::scoped_lock lock(state_->phase_mutex);
      if (state_->phase != Phase::running) return;
    }
    std::this_thread::yield();
  }
  state_->http.stop();
}

void serve_until_signalled(ServeOptions options, const std::function<void(const Server&)>& ready) {
  // SIGINT and SIGTERM are taken by one thread that waits for them (never by a handler
  // interrupting a worker), which then stops the server: requests in flight finish.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Server server(std::move(options));
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    int received = 0;
    while (!done) {
      timespec wait{.tv_sec = 0, .tv_nsec = 200'000'000};
      received = sigtimedwait(&signals, nullptr, &wait);
      if (received == SIGINT || received == SIGTERM) break;
    }
    server.stop();
  });
  ready(server);
  server.run();
  done = true;
  waiter.join();
}

}  // namespace cairn::server
