#pragma once
/// \file
/// The HTTP JSON API of `cairn serve`: every request mapped to the app's use cases and back
/// to JSON in the export's shapes, without sockets. The server hands each request here with
/// the store of its worker thread; this is where requests are screened (host, origin,
/// content type, sizes), where they resolve to a user, and where errors become statuses.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/api/http.hpp"
#include "cairn/core/clock.hpp"
#include "cairn/store/store.hpp"

namespace cairn::api {

/// What a route reads from its request body.
enum class BodyKind : std::uint8_t {
  none,    ///< nothing (a body sent anyway is refused)
  json,    ///< a JSON object, `Content-Type: application/json`, up to ApiOptions::max_json_bytes
  upload,  ///< files, as multipart/form-data or one raw body, spooled to disk by the server
};

/// One route of the API, as the OpenAPI document lists it.
struct RouteInfo {
  std::string_view method;
  std::string_view pattern;  ///< "/api/runs/{id}"
  BodyKind body;
  /// The query parameters the route reads, separated by spaces ("limit before"); a request
  /// giving any other is refused, as a misspelt filter would otherwise silently do nothing.
  std::string_view query;
  std::string_view summary;
};

struct ApiOptions {
  /// The `Host` values the server answers (e.g. "127.0.0.1:8080", "localhost:8080"); any
  /// other is refused, so a web page on another name cannot reach the API through DNS
  /// rebinding. An `Origin` of a state-changing request must be one of them too.
  std::vector<std::string> hosts{};
  /// Also answers a `Host` that is an IP address with the port of hosts.front() (a server
  /// listening on every address, reached as http://192.168.1.20:8080/): a rebinding attack
  /// needs a name, never an address.
  bool any_address_host = false;
  Clock clock = Clock::system();
  /// Opens another connection to the journal's database, for the imports that run after
  /// their request has been answered.
  std::function<std::unique_ptr<store::Store>()> open_store{};
  /// The database file, whose changes by other processes make kept answers stale (empty:
  /// only this server writes to it).
  std::filesystem::path database{};
  /// A private folder for uploads and backups on their way.
  std::filesystem::path spool_folder{};
  std::size_t max_json_bytes = std::size_t{1} << 20;
  /// A whole upload (every file together): a Strava export of years of runs.
  std::size_t max_upload_bytes = std::size_t{2} << 30;
  /// Uploads being received or imported at once; more are refused with 429.
  int max_concurrent_uploads = 2;
};

class ImportJobs;
class AnswerCache;

/// A place among the uploads allowed at once, held while an upload is received and imported.
class UploadSlot {
 public:
  explicit UploadSlot(std::shared_ptr<std::atomic<int>> count);
  UploadSlot(const UploadSlot&) = delete;
  UploadSlot& operator=(const UploadSlot&) = delete;
  UploadSlot(UploadSlot&&) = delete;
  UploadSlot& operator=(UploadSlot&&) = delete;
  ~UploadSlot();

 private:
  std::shared_ptr<std::atomic<int>> count_;
};

class Api {
 public:
  explicit Api(ApiOptions options);
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;
  Api(Api&&) = delete;
  Api& operator=(Api&&) = delete;
  /// Waits for the imports still running.
  ~Api();

  /// Every route, in the order the OpenAPI document lists them.
  [[nodiscard]] static const std::vector<RouteInfo>& routes();

  /// What the route of `method` and `path` reads from its body; nothing for a path no route
  /// serves.
  [[nodiscard]] std::optional<BodyKind> body_kind(std::string_view method,
                                                  std::string_view path) const;

  /// The checks made on a request's line and headers before its body is read: the host, a
  /// foreign origin, the content type and the declared length for its route. A refusal to
  /// send at once, or nothing when the body may be read. `files` and `body` are not looked at.
  [[nodiscard]] std::optional<Response> screen(const Request& request) const;

  /// Claims a place for an upload; nothing when ApiOptions::max_concurrent_uploads are
  /// running (the server answers too_many_uploads()).
  [[nodiscard]] std::shared_ptr<UploadSlot> claim_upload_slot();
  [[nodiscard]] static Response too_many_uploads();
  /// The answer for a body past its limit (413), naming the limit.
  [[nodiscard]] Response too_large(BodyKind kind) const;

  /// Answers one request with `store` (the calling thread's connection). `slot` is the
  /// upload's place (kept by an import that goes on after the answer). Never throws: every
  /// refusal is a 4xx naming the problem and its field; a fault of the server is a 500.
  [[nodiscard]] Response handle(const Request& request, store::Store& store,
                                std::shared_ptr<UploadSlot> slot = nullptr);

  /// The JSON kept for a read when the journal has not changed since it was worked out (a
  /// 200 answer), found without a store and shared, not copied: what the server sends from
  /// its network threads at once, leaving only the requests that read or write the database
  /// to its workers. Nothing for any other request (handle() answers it, refusals included).
  [[nodiscard]] std::shared_ptr<const std::string> kept_answer(const Request& request) const;

  /// The headers every response carries (the content security policy and its friends):
  /// `for_api` for the API's JSON, else for the web app's pages.
  [[nodiscard]] static std::vector<Header> security_headers(bool for_api);

  [[nodiscard]] const ApiOptions& options() const noexcept { return options_; }

 private:
  [[nodiscard]] bool answers_host(std::string_view host) const;
  [[nodiscard]] bool is_own_origin(std::string_view origin, std::string_view host) const;
  [[nodiscard]] std::shared_ptr<const std::string> fresh_answer(const std::string& key) const;

  ApiOptions options_;
  std::shared_ptr<std::atomic<int>> uploads_;
  std::unique_ptr<AnswerCache> answers_;  // before imports_: their threads report changes to it
  std::unique_ptr<ImportJobs> imports_;
};

}  // namespace cairn::api
