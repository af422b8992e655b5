// The HTTP server: Boost.Asio's loop on a thread per core accepts connections and moves
// their bytes (http_session.cpp), a pool of workers answers what needs the database, each
// with its own connection to it. Everything the API decides (routes, checks, statuses, JSON)
// is in cairn/api.

#include "cairn/server/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>  // before Boost: Asio 1.74 uses std::exchange without including it

#include <arpa/inet.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <fmt/format.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/types.h>
#include <unistd.h>

#include "cairn/api/api.hpp"
#include "cairn/app/route_ground.hpp"
#include "cairn/core/error.hpp"
#include "cairn/core/ids.hpp"
#include "cairn/store/sqlite_store.hpp"

#include "http_session.hpp"
#include "web_root.hpp"

namespace cairn::server {

namespace fs = std::filesystem;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Each server gets a number of its own, so that a worker thread's connections (kept per
// thread) are never those of an earlier server in the same process.
std::atomic<std::uint64_t> next_generation{1};

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

std::size_t network_threads(const ServeOptions& options) {
  if (options.network_threads > 0) return options.network_threads;
  return std::max<std::size_t>(2, std::thread::hardware_concurrency());
}

}  // namespace

struct Server::State {
  ServeOptions options;
  std::uint64_t generation = next_generation++;
  store::SqliteStoreFactory factory;
  fs::path spool;
  std::unique_ptr<api::Api> api;
  WebRoot web;
  // Before the loop and the workers: connections still held by their handlers when those are
  // destroyed tell the core they closed.
  std::unique_ptr<ServerCore> core;
  net::io_context io;
  tcp::acceptor acceptor{io};
  net::steady_timer accept_pause{io};
  net::thread_pool workers;
  int port = 0;
  // Where run() is: a stop() before run() makes run() return at once.
  enum class Phase { bound, running, finished, stopped };
  std::mutex phase_mutex;
  Phase phase = Phase::bound;

  explicit State(ServeOptions given)
      : options(std::move(given)),
        factory(options.database),
        web(options.web_root),
        io(static_cast<int>(network_threads(options))),
        workers(std::max<std::size_t>(options.workers, 1)) {}

  // The calling worker thread's connection to the database, opened on its first request.
  store::Store& thread_store() {
    thread_local std::map<std::uint64_t, std::unique_ptr<store::Store>> stores;
    auto& store = stores[generation];
    if (!store) store = factory.open();
    return *store;
  }

  void accept() {
    acceptor.async_accept(
        net::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
          if (error == net::error::operation_aborted || !acceptor.is_open()) return;  // stopping
          if (error) {
            // Out of file descriptors, most likely: wait a moment rather than spin.
            std::fprintf(stderr, "cairn serve: could not accept a connection: %s\n",
                         error.message().c_str());
            accept_pause.expires_after(std::chrono::milliseconds(100));
            accept_pause.async_wait([this](boost::system::error_code waited) {
              if (!waited) accept();
            });
            return;
          }
          if (core->open_connections() >= options.max_connections) {
            refuse_connection(std::move(socket));
            core->close_idle_connections();
          } else {
            start_session(std::move(socket), *core);
          }
          accept();
        });
  }

  // On the loop: no new connections, the idle ones closed, the others once they answered.
  void begin_stop() {
    core->stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    accept_pause.cancel();
    core->close_idle_connections();
  }

  // One thread of the loop. A handler that throws loses its connection, never the server.
  void run_loop() {
    for (;;) {
      try {
        io.run();
        return;
      } catch (const std::exception& error) {
        std::fprintf(stderr, "cairn serve: a connection failed: %s\n", error.what());
      }
    }
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

  // Bound first, so the port (chosen by the system when 0) is known for the Host check.
  boost::system::error_code error;
  tcp::resolver resolver(state.io);
  const auto found =
      resolver.resolve(state.options.address, std::to_string(state.options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, error);
  if (error || found.empty()) {
    fs::remove_all(state.spool, ignored);
    throw Error(Errc::invalid_input,
                fmt::format("cannot listen on '{}': it is not an address of this machine",
                            state.options.address),
                "listen");
  }
  const tcp::endpoint endpoint = found.begin()->endpoint();
  state.acceptor.open(endpoint.protocol(), error);
  if (!error) state.acceptor.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) state.acceptor.bind(endpoint, error);
  if (!error) state.acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    fs::remove_all(state.spool, ignored);
    throw Error(Errc::conflict,
                fmt::format("cannot listen on {} port {}: the port is taken or the address is "
                            "not one of this machine's ({})",
                            state.options.address, state.options.port, error.message()),
                "port");
  }
  state.port = state.acceptor.local_endpoint().port();

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
  state.core =
      std::make_unique<ServerCore>(state.options, *state.api, state.web, state.spool, state.workers,
                                   [&state]() -> store::Store& { return state.thread_store(); });
}

Server::~Server() {
  stop();
  state_->workers.join();
  state_->api.reset();  // waits for imports still running
  std::error_code ignored;
  fs::remove_all(state_->spool, ignored);
}

int Server::port() const { return state_->port; }

namespace {

bool is_every_address(const std::string& address) {
  return address == "0.0.0.0" || address == "::";
}

std::string url_of(const std::string& address, int port) {
  const bool ipv6 = address.find(':') != std::string::npos;
  return fmt::format("http://{}{}{}:{}/", ipv6 ? "[" : "", address, ipv6 ? "]" : "", port);
}

}  // namespace

std::string Server::url() const {
  const std::string& address = state_->options.address;
  // 0.0.0.0 is where to listen, not an address a browser can open.
  if (is_every_address(address)) return url_of(address == "::" ? "::1" : "127.0.0.1", state_->port);
  return url_of(address, state_->port);
}

std::vector<std::string> Server::urls_from_other_devices() const {
  std::vector<std::string> urls;
  const std::string& address = state_->options.address;
  if (!is_every_address(address)) return urls;
  ifaddrs* interfaces = nullptr;
  if (getifaddrs(&interfaces) != 0) return urls;
  for (const ifaddrs* at = interfaces; at != nullptr; at = at->ifa_next) {
    if (at->ifa_addr == nullptr || (at->ifa_flags & IFF_UP) == 0 ||
        (at->ifa_flags & IFF_LOOPBACK) != 0) {
      continue;
    }
    const int family = at->ifa_addr->sa_family;
    // An IPv6 socket on :: takes IPv4 too; 0.0.0.0 takes IPv4 only. Link-local IPv6
    // addresses (fe80::) need a zone a browser's address cannot carry: left out.
    if (family != AF_INET && (family != AF_INET6 || address != "::")) continue;
    std::array<char, INET6_ADDRSTRLEN> text{};
    const void* raw = family == AF_INET
                          ? static_cast<const void*>(
                                &reinterpret_cast<const sockaddr_in*>(at->ifa_addr)->sin_addr)
                          : static_cast<const void*>(
                                &reinterpret_cast<const sockaddr_in6*>(at->ifa_addr)->sin6_addr);
    if (inet_ntop(family, raw, text.data(), text.size()) == nullptr) continue;
    const std::string shown(text.data());
    if (shown.starts_with("fe80:")) continue;
    std::string url = url_of(shown, state_->port);
    if (std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(std::move(url));
  }
  freeifaddrs(interfaces);
  return urls;
}

void Server::run() {
  using Phase = State::Phase;
  {
    const std::scoped_lock lock(state_->phase_mutex);
    if (state_->phase != Phase::bound) return;  // stopped before it ran
    state_->phase = Phase::running;
  }
  State& state = *state_;
  state.accept();
  std::vector<std::thread> more;
  for (std::size_t i = 1; i < network_threads(state.options); ++i) {
    more.emplace_back([&state] { state.run_loop(); });
  }
  state.run_loop();  // until stopped: no connection open, nothing being answered
  for (auto& thread : more) thread.join();
  const std::scoped_lock lock(state_->phase_mutex);
  state_->phase = Phase::finished;
}

void Server::stop() {
  using Phase = State::Phase;
  {
    const std::scoped_lock lock(state_->phase_mutex);
    if (state_->phase == Phase::bound) {
      state_->phase = Phase::stopped;
      return;
    }
    if (state_->phase != Phase::running) return;
  }
  net::post(state_->io, [state = state_.get()] { state->begin_stop(); });
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
    bool stopping = false;
    while (!done) {
      timespec wait{.tv_sec = 0, .tv_nsec = 200'000'000};
      const int received = sigtimedwait(&signals, nullptr, &wait);
      if (received != SIGINT && received != SIGTERM) continue;
      if (stopping) {
        // Asked twice: the runner will not wait. What was acknowledged is in the database
        // already; an upload or import still running is cut off (its transaction undone).
        std::fprintf(stderr, "Stopped at once: the requests still running were cut off.\n");
        std::_Exit(128 + received);
      }
      stopping = true;
      std::fprintf(stderr,
                   "Stopping: requests and imports still running finish first (press Ctrl-C "
                   "again to stop at once).\n");
      server.stop();
    }
  });
  ready(server);
  server.run();
  done = true;
  waiter.join();
}

}  // namespace cairn::server
