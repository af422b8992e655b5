// Fuzz target: `cairn serve` reading HTTP off a socket. The input is sent as it is to a real
// server on loopback (one per process, over a SQLite journal in a temporary folder), as the
// bytes of one connection: request lines, headers, JSON bodies, uploads, several requests
// kept alive in a row, anything. The client then closes its side and reads until the server
// closes. Each answer must be HTTP/1.1 with a status below 500 (or 503, a busy server's
// refusal), and the server must close within 10 s of the client's end; a crash, a hang or a
// sanitizer report in any of its threads is a bug.
//
// The port is chosen when the server starts, so the input says "@H" for the Host the server
// answers ("127.0.0.1:PORT") and "@O" for its own Origin ("http://127.0.0.1:PORT"); seeds,
// one request a part of the server, are in fuzz/regressions/server/.

#include <array>
#include <cerrno>
#include <chrono>
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
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "cairn/core/clock.hpp"
#include "cairn/core/time.hpp"
#include "cairn/server/server.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

[[noreturn]] void broken(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "server_fuzzer: %s\n%.*s\n", what,
               static_cast<int>(std::min<std::size_t>(detail.size(), 2000)), detail.data());
  __builtin_trap();
}

// The server every input is sent to, running until the process exits (libFuzzer ends it
// with exit(), so it is never destroyed: its threads would still be answering).
class Served {
 public:
  Served()
      : folder_(fs::temp_directory_path() / ("cairn-server-fuzz-" + std::to_string(::getpid()))) {
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "web");
    std::ofstream(folder_ / "web" / "index.html") << "<!doctype html><title>Cairn</title>";
    cairn::server::ServeOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.database = folder_ / "cairn.db";
    options.web_root = folder_ / "web";
    options.clock = cairn::Clock::fixed(cairn::parse_utc("2026-05-01T18:00:00Z"));
    options.workers = 2;
    options.network_threads = 2;
    options.io_timeout = 3s;  // an input ends with the client's end: no read waits for it
    options.max_json_bytes = std::size_t{64} * 1024;
    options.max_upload_bytes = std::size_t{1} << 20;
    options.max_connections = 64;
    server_ = std::make_unique<cairn::server::Server>(options);
    thread_ = std::thread([this] { server_->run(); });
    thread_.detach();
    host_ = "127.0.0.1:" + std::to_string(server_->port());
  }

  [[nodiscard]] int port() const { return server_->port(); }
  [[nodiscard]] const std::string& host() const { return host_; }

 private:
  fs::path folder_;
  std::unique_ptr<cairn::server::Server> server_;
  std::thread thread_;
  std::string host_;
};

Served& served() {
  static auto* server = new Served();  // never destroyed, as above
  return *server;
}

std::string with_host(std::string_view input, const std::string& host) {
  std::string out;
  out.reserve(input.size() + 64);
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '@' && i + 1 < input.size() && (input[i + 1] == 'H' || input[i + 1] == 'O')) {
      if (input[i + 1] == 'O') out += "http://";
      out += host;
      ++i;
    } else {
      out += input[i];
    }
  }
  return out;
}

int connect_to(int port) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  if (socket < 0) broken("no socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    broken("could not connect to the server");
  }
  return socket;
}

// Sends what it can: the server may refuse and close before the input is all sent.
void send_all(int socket, std::string_view bytes) {
  while (!bytes.empty()) {
    const auto sent = ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

// Everything the server sends until it closes; a server still open after `wait` is a hang.
std::string read_until_closed(int socket, std::chrono::seconds wait) {
  timeval step{.tv_sec = 0, .tv_usec = 200'000};
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &step, sizeof step);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string got;
  std::array<char, 16384> buffer{};
  while (true) {
    const auto n = ::recv(socket, buffer.data(), buffer.size(), 0);
    if (n == 0) return got;
    if (n > 0) {
      got.append(buffer.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (errno == ECONNRESET) return got;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return got;
    if (std::chrono::steady_clock::now() > deadline) broken("the server never closed", got);
  }
}

// Each answer's status line, walking the answers by their Content-Length (or chunks). A
// HEAD's answer gives the length of a body it does not send, so past the first answer,
// bytes that are not an answer's start end the walk rather than break the property.
void check_answers(std::string_view got) {
  for (bool first = true; !got.empty(); first = false) {
    if (!got.starts_with("HTTP/1.1 ") || got.size() < 12) {
      if (first) broken("not an HTTP/1.1 answer", got);
      return;
    }
    const int status = (got[9] - '0') * 100 + (got[10] - '0') * 10 + (got[11] - '0');
    if (status < 100 || status > 599 || (status >= 500 && status != 503)) {
      broken("a server error", got);
    }
    const auto end_of_headers = got.find("\r\n\r\n");
    if (end_of_headers == std::string_view::npos) return;  // cut short as the server closed
    const std::string_view headers = got.substr(0, end_of_headers);
    got.remove_prefix(end_of_headers + 4);
    if (status < 200) continue;  // 100 Continue: the answer follows
    if (const auto at = headers.find("\r\nContent-Length: "); at != std::string_view::npos) {
      const std::size_t length = std::strtoull(headers.data() + at + 18, nullptr, 10);
      if (length > got.size()) return;
      got.remove_prefix(length);
    } else if (headers.find("\r\nTransfer-Encoding: chunked") != std::string_view::npos) {
      while (true) {
        const std::size_t size = std::strtoull(got.data(), nullptr, 16);
        const auto line_end = got.find("\r\n");
        if (line_end == std::string_view::npos || line_end + 2 + size + 2 > got.size()) return;
        got.remove_prefix(line_end + 2 + size + 2);
        if (size == 0) break;
      }
    } else {
      return;  // a HEAD's answer, or one that ends when the connection does
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Served& server = served();
  const std::string bytes =
      with_host(std::string_view(reinterpret_cast<const char*>(data), size), server.host());
  const int socket = connect_to(server.port());
  send_all(socket, bytes);
  ::shutdown(socket, SHUT_WR);
  const std::string got = read_until_closed(socket, 10s);
  ::close(socket);
  check_answers(got);
  return 0;
}
