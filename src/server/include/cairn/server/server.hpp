#pragma once
/// \file
/// `cairn serve`: the HTTP server of the API (cairn/api) and the web app's files. The only
/// code that knows the HTTP library (Boost.Beast, docs/decisions/0011).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/clock.hpp"

namespace cairn::server {

struct ServeOptions {
  std::string address = "127.0.0.1";
  /// More names the server is reached by (`Host`), beside the address it listens on.
  std::vector<std::string> host_names{};
  int port = 8080;  ///< 0: any free port (tests)
  std::filesystem::path database;
  /// The built web app (web/dist) served at `/`; nothing served there when absent.
  std::optional<std::filesystem::path> web_root{};
  Clock clock = Clock::system();
  /// Threads that accept connections and move their bytes, sending kept answers and the
  /// web app's files themselves: 0 for one per core (at least two). More threads than cores
  /// only make requests wait their turn for a core longer.
  std::size_t network_threads = 0;
  /// Threads that answer what needs the database, each with its own connection to it
  /// (opened on its first request): reads worked out afresh and writes, which may wait for
  /// an import's lock without holding up any connection.
  std::size_t workers = 8;
  /// How long a client may stay silent while sending a request or reading the answer.
  std::chrono::seconds io_timeout{30};
  std::size_t max_json_bytes = std::size_t{1} << 20;
  std::size_t max_upload_bytes = std::size_t{2} << 30;
  int max_concurrent_uploads = 2;
  /// Connections open at once. One more is answered 503 (Retry-After: 1) and closed, and the
  /// connections waiting with nothing of a request are closed to make room: a client that
  /// opens connections and sends nothing cannot use up the process's file descriptors (1,024
  /// by default, which the database and an import's files need too). A browser opens six.
  std::size_t max_connections = 512;
};

/// Whether `address` is this machine only (127.0.0.1, ::1, localhost): a server there needs
/// no warning and also answers to the loopback names.
[[nodiscard]] bool is_loopback_address(std::string_view address);

/// A running server: bound when constructed, answering once run() is called.
class Server {
 public:
  /// Opens the database (creating and migrating it, and working out the ground of runs an
  /// older Cairn stored) and binds the address. Throws Error(storage) when the database
  /// cannot be opened, Error(conflict) when the port is taken, Error(invalid_input) for an
  /// address that is not one.
  explicit Server(ServeOptions options);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  Server(Server&&) = delete;
  Server& operator=(Server&&) = delete;
  ~Server();

  /// The port it listens on (the one chosen when ServeOptions::port was 0).
  [[nodiscard]] int port() const;
  /// The address to open in a browser, e.g. "http://127.0.0.1:8080/". Listening on every
  /// address (0.0.0.0 or ::), this machine's own: http://127.0.0.1:8080/.
  [[nodiscard]] std::string url() const;
  /// Listening on every address, the addresses other devices can open, one per network
  /// interface (e.g. "http://192.168.1.10:8080/"); else none.
  [[nodiscard]] std::vector<std::string> urls_from_other_devices() const;

  /// Answers requests until stop(); then lets the requests in flight and the imports
  /// running finish.
  void run();
  /// Makes run() return; safe from any thread (not from a signal handler).
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Runs a server until SIGINT or SIGTERM, then stops it cleanly; `ready` is called with the
/// server once it listens (to print its address).
void serve_until_signalled(ServeOptions options, const std::function<void(const Server&)>& ready);

}  // namespace cairn::server
