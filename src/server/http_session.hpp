#pragma once
// The connections of `cairn serve` (Boost.Beast on Boost.Asio, docs/decisions/0011): what
// the server's parts share, and a connection's start. Private to src/server.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include "cairn/api/api.hpp"
#include "cairn/server/server.hpp"

#include "compression.hpp"
#include "web_root.hpp"

namespace cairn::server {

class HttpSession;

/// What every connection of one server uses.
struct ServerCore {
  ServerCore(const ServeOptions& given_options, api::Api& given_api, WebRoot& given_web,
             std::filesystem::path given_spool, boost::asio::thread_pool& given_workers,
             std::function<store::Store&()> given_worker_store)
      : options(given_options),
        api(given_api),
        web(given_web),
        spool(std::move(given_spool)),
        workers(given_workers),
        worker_store(std::move(given_worker_store)) {}

  const ServeOptions& options;
  api::Api& api;
  WebRoot& web;
  std::filesystem::path spool;
  /// Where the requests that read or write the database are answered, off the network
  /// threads: a read of ten years of runs or a write waiting for an import's lock holds up
  /// one worker, never the connections around it.
  boost::asio::thread_pool& workers;
  /// The calling worker's own connection to the database.
  std::function<store::Store&()> worker_store;

  KeptGzip kept_gzip;
  std::atomic<std::uint64_t> uploads_received{0};
  std::atomic<bool> stopping{false};

  /// The connections open now, to close the idle ones at stop.
  void opened(const std::shared_ptr<HttpSession>& session);
  void closed(const HttpSession* session);
  /// Closes the connections waiting for a request; the others close once they have answered.
  void close_idle_connections();
  /// How many connections are open now.
  [[nodiscard]] std::size_t open_connections();

 private:
  std::mutex mutex_;
  std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> open_;
};

/// Serves requests on an accepted connection until the client closes it, it stays silent
/// past its timeout, or the server stops.
void start_session(boost::asio::ip::tcp::socket socket, ServerCore& core);

/// Answers a connection past ServeOptions::max_connections 503 with Retry-After, reads and
/// drops what it sent for a moment (so that it reads the answer rather than a reset), and
/// closes it.
void refuse_connection(boost::asio::ip::tcp::socket socket);

}  // namespace cairn::server
