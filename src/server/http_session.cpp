// One connection of `cairn serve`: reads requests with Beast's parser, screens each by its
// line and headers before any body is read, reads a JSON body into memory and an upload
// onto disk, and answers it: a kept answer or a page of the web app at once on the network
// thread, anything that needs the database on a worker. Everything the API decides is in
// cairn/api; this file only moves bytes.

#include "http_session.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before Boost: Asio 1.74 uses std::exchange without including it

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "compression.hpp"
#include "multipart.hpp"
#include "request_target.hpp"

namespace cairn::server {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using namespace std::chrono_literals;

namespace {

/// A request line and its headers together; past it, 431 (or 414 when the line is what is
/// long). Read up to `header_read_limit`, so that the answer can say which part was too long.
constexpr std::size_t header_limit = std::size_t{16} * 1024;
constexpr std::uint32_t header_read_limit = 64 * 1024;
/// The longest request target taken (an address of 8 KB is no page of this app).
constexpr std::size_t target_limit = std::size_t{8} * 1024;
/// What the first read of a request takes (a request of the API or a page fits in it whole).
constexpr std::size_t first_read_bytes = 4096;
/// How long a kept-alive connection waits for its next request.
constexpr auto keep_alive_timeout = 5s;
/// How long a connection refused part-way still has its unread body taken (and dropped)
/// before it closes, so that the client reads the refusal instead of a reset.
constexpr auto linger_timeout = 2s;

// Beast 1.74 has Boost's own string_view.
std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

// A JSON string's contents: the messages here are our own, but a path in one is the client's.
std::string json_escaped(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      escaped += '\\';
      escaped += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      escaped += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      escaped += c;
    }
  }
  return escaped;
}

api::Response problem(int status, std::string_view message, std::string_view field = {},
                      std::string_view kind = "invalid_input") {
  std::string body =
      fmt::format(R"({{"error":"{}","kind":"{}")", json_escaped(message), json_escaped(kind));
  if (!field.empty()) body += fmt::format(R"(,"field":"{}")", json_escaped(field));
  body += '}';
  return api::Response{.status = status, .body = std::move(body)};
}

// The client went away, stayed silent, or the server closed the connection: nothing to answer.
bool connection_ended(const beast::error_code& error) {
  return error == http::error::end_of_stream || error == http::error::partial_message ||
         error == net::error::eof || error == net::error::operation_aborted ||
         error == net::error::connection_reset || error == net::error::broken_pipe ||
         error == beast::error::timeout;
}

// The file name a raw upload gives in `?name=` or its Content-Disposition header.
std::string raw_upload_name(const api::Request& request) {
  if (const auto name = request.query_value("name")) return safe_file_name(*name);
  if (const auto disposition = request.header("Content-Disposition")) {
    if (const auto name = disposition_file_name(*disposition)) return safe_file_name(*name);
  }
  return "upload";
}

void close_stream(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream.close();
}

// After a refusal: no more is sent, and what the client still sends is read into `scratch`
// and dropped for a moment, so that closing does not reset the connection before it read the
// answer. `owner` (the connection's) keeps the stream alive until it closes.
template <class Owner>
void drain_then_close(std::shared_ptr<Owner> owner, beast::tcp_stream& stream,
                      net::mutable_buffer scratch) {
  stream.async_read_some(scratch,
                         [owner, &stream, scratch](beast::error_code error, std::size_t) mutable {
                           if (error) {
                             close_stream(stream);
                           } else {
                             drain_then_close(std::move(owner), stream, scratch);
                           }
                         });
}

template <class Owner>
void linger_then_close(std::shared_ptr<Owner> owner, beast::tcp_stream& stream,
                       net::mutable_buffer scratch) {
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream.expires_after(linger_timeout);
  drain_then_close(std::move(owner), stream, scratch);
}

const std::vector<api::Header>& security_headers(bool for_api) {
  static const std::vector<api::Header> api_headers = api::Api::security_headers(true);
  static const std::vector<api::Header> page_headers = api::Api::security_headers(false);
  return for_api ? api_headers : page_headers;
}

}  // namespace

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(net::ip::tcp::socket socket, ServerCore& core)
      : stream_(std::move(socket)), core_(core) {}
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;
  HttpSession(HttpSession&&) = delete;
  HttpSession& operator=(HttpSession&&) = delete;
  ~HttpSession() {
    remove_upload_folder();
    core_.closed(this);
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_request(); });
  }

  /// At stop: a connection waiting for its next request closes now.
  void close_if_idle() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->close();
    });
  }

  void close() { close_stream(stream_); }

 private:
  // --- reading a request ---------------------------------------------------------------

  void read_request() {
    if (core_.stopping) {
      close();
      return;
    }
    header_.emplace();
    header_->header_limit(header_read_limit);
    // The body's limit is its route's, set once the route is known: the API's screen refuses
    // a declared length past it (413), the body's reader one that grows past it.
    // (Not boost::none: Beast 1.74 then takes every declared length for too long.)
    header_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(first_request_ ? core_.options.io_timeout : keep_alive_timeout);
    first_request_ = false;
    if (buffer_.size() != 0) {  // the next request came with the last one
      read_header();
      return;
    }
    // Waiting with nothing of a request yet: what a stop, or a server at its connections'
    // limit, may close. The first bytes end that, however few, before the headers are whole.
    idle_ = true;
    stream_.async_read_some(
        buffer_.prepare(first_read_bytes),
        [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
          self->buffer_.commit(bytes);
          self->idle_ = false;
          if (error) {
            self->on_header(error);
          } else {
            self->read_header();
          }
        });
  }

  void read_header() {
    http::async_read_header(stream_, buffer_, *header_,
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              self->on_header(error);
                            });
  }

  void on_header(const beast::error_code& error) {
    if (error == http::error::header_limit) {
      // Which part was too long: the address (the first line) or the headers after it.
      const auto bytes = buffer_.data();
      const std::string_view text(static_cast<const char*>(bytes.data()), bytes.size());
      const auto line_end = text.find("\r\n");
      if (line_end != std::string_view::npos && line_end > target_limit) {
        refuse(problem(414, "the address is longer than this server takes"));
      } else {
        refuse(headers_too_large());
      }
      return;
    }
    if (error) {
      if (connection_ended(error) && buffer_.size() == 0) {
        close();
      } else {
        refuse(problem(400, fmt::format("the request could not be read ({})", error.message())));
      }
      return;
    }
    const auto& header = header_->get();
    keep_alive_ = header.keep_alive();
    head_ = header.method() == http::verb::head;
    wants_gzip_ = accepts_gzip(view(header[http::field::accept_encoding]));
    if (header.target().size() > target_limit) {
      refuse(problem(414, "the address is longer than this server takes"));
      return;
    }
    std::size_t header_bytes = header.target().size() + header.method_string().size();
    for (const auto& field : header) {
      header_bytes += field.name_string().size() + field.value().size() + 4;  // ": " and CRLF
    }
    if (header_bytes > header_limit) {
      refuse(headers_too_large());
      return;
    }
    // A coding other than chunked gives no way to tell where the body ends (RFC 9112 6.3).
    if (header.find(http::field::transfer_encoding) != header.end() && !header_->chunked()) {
      refuse(
          problem(400, "a Transfer-Encoding other than chunked is not taken", "Transfer-Encoding"));
      return;
    }
    auto target = parse_request_target(view(header.target()));
    if (!target) {
      refuse(problem(400, "the request's target must be a path beginning with '/'"));
      return;
    }
    request_ = api::Request{};
    // HEAD is answered as GET without the body.
    request_.method = head_ ? std::string("GET") : std::string(header.method_string());
    request_.path = std::move(target->path);
    request_.query = std::move(target->query);
    for (const auto& field : header) {
      request_.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    for_api_ = request_.path.starts_with("/api/") || request_.path == "/api";
    // Screened before anything else is done with it: a wrong Host or a foreign Origin gets
    // no file and no answer from the API, and its body is never read.
    if (auto refused = core_.api.screen(request_)) {
      refuse(std::move(*refused));
      return;
    }
    if (!for_api_ && request_.method != "GET") {
      auto refusal = problem(405,
                             fmt::format("{} is not taken here: the pages of the app are "
                                         "read with GET, the API is under /api/",
                                         request_.method),
                             {}, "invalid_input");
      refusal.headers.push_back({"Allow", "GET, HEAD"});
      refuse(std::move(refusal));
      return;
    }
    // A declared length past the route's limit is refused now: its body is never read (and
    // no 100 Continue asks for it). A chunked body is held to the same limit as it comes.
    body_kind_ = core_.api.body_kind(request_.method, request_.path) == api::BodyKind::upload
                     ? api::BodyKind::upload
                     : api::BodyKind::json;
    if (const auto length = header_->content_length(); length && *length > body_limit()) {
      refuse(core_.api.too_large(body_kind_));
      return;
    }
    // An upload's place is claimed before its body is asked for (100 Continue) or read.
    if (body_kind_ == api::BodyKind::upload && !header_->is_done()) {
      slot_ = core_.api.claim_upload_slot();
      if (!slot_) {
        refuse(api::Api::too_many_uploads());
        return;
      }
    }
    if (!header_->is_done() && beast::iequals(header[http::field::expect], "100-continue")) {
      // curl waits a second for this before sending a large body.
      static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(go_on.data(), go_on.size()),
                       [self = shared_from_this()](beast::error_code written, std::size_t) {
                         if (written) {
                           self->close();
                         } else {
                           self->read_body();
                         }
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    if (header_->is_done()) {
      answer();
      return;
    }
    if (body_kind_ == api::BodyKind::upload) {
      start_upload();
      return;
    }
    // A JSON body, or one sent to a path no route serves (read, then answered with 404).
    json_.emplace(std::move(*header_));
    json_->body_limit(body_limit());
    // A JSON body (at most 1 MiB) comes whole within twice the silence timeout: a client
    // dripping a byte now and then would otherwise hold its connection for ever.
    json_deadline_ = std::chrono::steady_clock::now() + 2 * core_.options.io_timeout;
    read_json_some();
  }

  void read_json_some() {
    stream_.expires_at(
        std::min(std::chrono::steady_clock::now() + core_.options.io_timeout, json_deadline_));
    http::async_read_some(stream_, buffer_, *json_,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            self->on_json(error);
                          });
  }

  void on_json(const beast::error_code& error) {
    if (error == http::error::body_limit) {
      refuse(core_.api.too_large(api::BodyKind::json));
    } else if (error && connection_ended(error)) {
      close();
    } else if (error) {
      refuse(problem(400, fmt::format("the body could not be read ({})", error.message()), "body"));
    } else if (!json_->is_done()) {
      read_json_some();
    } else {
      request_.body = std::move(json_->get().body());
      answer();
    }
  }

  void start_upload() {
    upload_folder_ = core_.spool / fmt::format("upload-{}", core_.uploads_received++);
    const auto content_type = request_.header("Content-Type").value_or("");
    boundary_ = multipart_boundary(content_type);
    if (!boundary_ &&
        beast::iequals(
            beast::string_view(content_type.data(), std::min<std::size_t>(content_type.size(), 10)),
            "multipart/")) {
      refuse(problem(400,
                     "a multipart upload needs the boundary of its parts in its Content-Type "
                     "(multipart/form-data; boundary=...)",
                     "Content-Type"));
      return;
    }
    // A form's body is kept whole and split into its files once it is all there; a raw
    // body is the one file itself. A folder per file keeps each file's own name.
    const fs::path body_file =
        boundary_ ? upload_folder_ / "form" : upload_folder_ / "0" / raw_upload_name(request_);
    std::error_code made;
    fs::create_directories(body_file.parent_path(), made);
    upload_.emplace(std::move(*header_));
    upload_->body_limit(body_limit());
    beast::error_code opened;
    upload_->get().body().open(body_file.c_str(), beast::file_mode::write, opened);
    if (made || opened) {
      refuse(not_written());
      return;
    }
    upload_files_ = {{boundary_ ? std::string("form") : raw_upload_name(request_), body_file}};
    read_upload_some();
  }

  [[nodiscard]] std::size_t body_limit() const {
    return body_kind_ == api::BodyKind::upload ? core_.options.max_upload_bytes
                                               : core_.options.max_json_bytes;
  }

  static api::Response headers_too_large() {
    return problem(431,
                   fmt::format("the request's line and headers are larger than the {} KiB this "
                               "server takes",
                               header_limit / 1024));
  }

  static api::Response not_written() {
    return api::Response{
        .status = 507,
        .body =
            R"json({"error":"the upload could not be written to disk (is it full?)","kind":"storage"})json"};
  }

  void read_upload_some() {
    // The timeout is for silence, not for the whole body: an export of years takes a while.
    stream_.expires_after(core_.options.io_timeout);
    http::async_read_some(stream_, buffer_, *upload_,
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            self->on_upload(error);
                          });
  }

  void on_upload(const beast::error_code& error) {
    if (error == http::error::body_limit) {
      refuse(core_.api.too_large(api::BodyKind::upload));
      return;
    }
    if (error && connection_ended(error)) {
      close();
      return;
    }
    if (error && error.category() == http::make_error_code(http::error::bad_chunk).category()) {
      refuse(problem(400, fmt::format("the body could not be read ({})", error.message()), "body"));
      return;
    }
    if (error) {  // the file's own error: the disk
      refuse(not_written());
      return;
    }
    if (!upload_->is_done()) {
      read_upload_some();
      return;
    }
    upload_->get().body().close();
    if (boundary_) {
      try {
        const fs::path form = upload_files_.front().path;
        upload_files_ = split_multipart(form, *boundary_, upload_folder_ / "files");
        std::error_code ignored;
        fs::remove(form, ignored);
      } catch (const Error& split_error) {
        refuse(problem(error_status(split_error), split_error.what(), "body"));
        return;
      }
    }
    request_.files = std::move(upload_files_);
    answer();
  }

  static int error_status(const Error& error) { return error.code() == Errc::storage ? 507 : 400; }

  // --- answering ---------------------------------------------------------------------

  void answer() {
    if (!for_api_ && request_.method == "GET") {
      send_page();
      return;
    }
    // A read the journal has not changed under costs a lookup: sent from here.
    if (auto kept = core_.api.kept_answer(request_)) {
      send_kept(std::move(kept));
      return;
    }
    // The network threads must not wait for the database: a worker answers, and the
    // connection (on its strand) sends what it answered. Tracked, its executor keeps the server's
    // loop running meanwhile, so a stop lets this request finish.
    auto connection = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
    net::post(core_.workers, [self = shared_from_this(), connection]() mutable {
      api::Response response = self->core_.api.handle(self->request_, self->core_.worker_store(),
                                                      std::move(self->slot_));
      self->remove_upload_folder();  // what an import took is in its own folder by now
      net::post(connection, [self, response = std::move(response)]() mutable {
        self->send_answer(std::move(response));
      });
    });
  }

  void send_page() {
    const auto file = core_.web.find(request_.path);
    if (!file) {
      if (core_.web.built()) {
        send_answer(problem(404, fmt::format("no such page: {}", request_.path), {}, "not_found"));
      } else {
        send_answer(api::Response{.status = 404,
                                  .content_type = "text/plain; charset=utf-8",
                                  .body =
                                      "Cairn's web app is not built here. The API is at /api/ (see "
                                      "/api/openapi.json).\n"});
      }
      return;
    }
    http::response<http::string_body> response{http::status::ok, 11};
    response.set(http::field::content_type, file->content_type);
    response.set(http::field::cache_control, file->cache_control);
    if (!file->gzipped.empty()) {
      response.set(http::field::vary, "Accept-Encoding");
      if (wants_gzip_) response.set(http::field::content_encoding, "gzip");
    }
    response.body() = wants_gzip_ && !file->gzipped.empty() ? file->gzipped : file->content;
    send(std::move(response));
  }

  void send_answer(api::Response answer) {
    if (answer.body_file) {
      send_file(std::move(answer));
      return;
    }
    http::response<http::string_body> response{static_cast<http::status>(answer.status), 11};
    for (const auto& header : answer.headers) response.set(header.name, header.value);
    if (answer.status != 204) {
      response.set(http::field::content_type, answer.content_type);
      if (worth_compressing(answer.content_type, answer.body.size())) {
        response.set(http::field::vary, "Accept-Encoding");
        if (wants_gzip_) {
          response.set(http::field::content_encoding, "gzip");
          answer.body = gzip(answer.body);
        }
      }
      response.body() = std::move(answer.body);
    }
    send(std::move(response));
  }

  // A kept answer is sent from the text the API keeps (an insights answer is 130 KB: copied
  // for every request, the copy was a tenth of the server's work under load).
  void send_kept(std::shared_ptr<const std::string> text) {
    constexpr std::string_view json = "application/json";
    http::response<http::span_body<const char>> response{http::status::ok, 11};
    response.set(http::field::content_type, "application/json");
    if (worth_compressing(json, text->size())) {
      response.set(http::field::vary, "Accept-Encoding");
      if (wants_gzip_) {
        response.set(http::field::content_encoding, "gzip");
        text = core_.kept_gzip.of(text);
      }
    }
    response.body() = {text->data(), text->size()};
    sending_ = std::move(text);  // until written
    send(std::move(response));
  }

  void send_file(api::Response answer) {
    http::response<http::file_body> response{static_cast<http::status>(answer.status), 11};
    for (const auto& header : answer.headers) response.set(header.name, header.value);
    response.set(http::field::content_type, answer.content_type);
    beast::error_code opened;
    response.body().open(answer.body_file->c_str(), beast::file_mode::scan, opened);
    // Open, the file's data stays readable after its name is gone: removed now, it can
    // never be left behind by a client that goes away.
    std::error_code ignored;
    fs::remove(*answer.body_file, ignored);
    if (opened) {
      send_answer(api::Response{
          .status = 500,
          .body = R"({"error":"the file to send could not be read","kind":"storage"})"});
      return;
    }
    send(std::move(response));
  }

  // A refusal made before the body was read: the connection closes after it, so the unread
  // body is never taken for the next request.
  void refuse(api::Response refusal) {
    keep_alive_ = false;
    refused_ = true;
    send_answer(std::move(refusal));
  }

  template <class Body>
  void send(http::response<Body>&& response) {
    for (const auto& header : security_headers(for_api_)) response.set(header.name, header.value);
    const bool keep_alive = keep_alive_ && !core_.stopping;
    response.keep_alive(keep_alive);
    response.prepare_payload();
    if (head_) {
      // The headers of the GET, Content-Length included, without its body.
      http::response<http::empty_body> headers_only{std::move(response.base())};
      write(std::make_shared<http::response<http::empty_body>>(std::move(headers_only)),
            keep_alive);
      return;
    }
    write(std::make_shared<http::response<Body>>(std::move(response)), keep_alive);
  }

  template <class Body>
  void write(std::shared_ptr<http::response<Body>> response, bool keep_alive) {
    auto serializer = std::make_shared<http::response_serializer<Body>>(*response);
    write_some(std::move(response), std::move(serializer), keep_alive);
  }

  // Written in parts, each with its own timeout: a backup of years goes to a slow phone.
  template <class Body>
  void write_some(std::shared_ptr<http::response<Body>> response,
                  std::shared_ptr<http::response_serializer<Body>> serializer, bool keep_alive) {
    stream_.expires_after(core_.options.io_timeout);
    auto& writing = *serializer;
    http::async_write_some(stream_, writing,
                           [self = shared_from_this(), response = std::move(response),
                            serializer = std::move(serializer),
                            keep_alive](beast::error_code error, std::size_t) mutable {
                             if (error) {
                               self->close();
                             } else if (!serializer->is_done()) {
                               self->write_some(std::move(response), std::move(serializer),
                                                keep_alive);
                             } else {
                               self->on_written(keep_alive);
                             }
                           });
  }

  void on_written(bool keep_alive) {
    sending_.reset();
    json_.reset();
    upload_.reset();
    slot_.reset();
    remove_upload_folder();
    if (refused_) {
      linger();
    } else if (!keep_alive || core_.stopping) {
      close();
    } else {
      read_request();
    }
  }

  void linger() { linger_then_close(shared_from_this(), stream_, net::buffer(drained_)); }

  void remove_upload_folder() {
    if (upload_folder_.empty()) return;
    std::error_code ignored;
    fs::remove_all(upload_folder_, ignored);
    upload_folder_.clear();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  ServerCore& core_;
  bool first_request_ = true;
  bool idle_ = false;

  // The request being read and answered.
  std::optional<http::request_parser<http::empty_body>> header_;
  std::optional<http::request_parser<http::string_body>> json_;
  std::chrono::steady_clock::time_point json_deadline_{};
  std::optional<http::request_parser<http::file_body>> upload_;
  api::Request request_;
  bool head_ = false;
  bool keep_alive_ = true;
  bool wants_gzip_ = false;
  bool for_api_ = true;
  bool refused_ = false;
  api::BodyKind body_kind_ = api::BodyKind::json;
  std::shared_ptr<api::UploadSlot> slot_;
  fs::path upload_folder_;
  std::optional<std::string> boundary_;
  std::vector<api::UploadedFile> upload_files_;
  std::shared_ptr<const std::string> sending_;  // a kept answer being written
  std::array<char, 4096> drained_{};
};

namespace {

// A connection past the limit: answered 503 at once, then treated as any refused connection
// (no more sent, what the client still sends dropped for a moment, closed).
class ConnectionRefusal : public std::enable_shared_from_this<ConnectionRefusal> {
 public:
  explicit ConnectionRefusal(net::ip::tcp::socket socket) : stream_(std::move(socket)) {
    response_.result(http::status::service_unavailable);
    response_.set(http::field::content_type, "application/json");
    response_.set(http::field::retry_after, "1");
    for (const auto& header : security_headers(true)) response_.set(header.name, header.value);
    response_.keep_alive(false);
    response_.body() =
        problem(503, "the server has as many connections open as it takes: try again in a moment",
                {}, "conflict")
            .body;
    response_.prepare_payload();
  }

  void start() {
    stream_.expires_after(linger_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) {
                          close_stream(self->stream_);
                        } else {
                          linger_then_close(self, self->stream_, net::buffer(self->drained_));
                        }
                      });
  }

 private:
  beast::tcp_stream stream_;
  http::response<http::string_body> response_{http::status::service_unavailable, 11};
  std::array<char, 1024> drained_{};
};

}  // namespace

void refuse_connection(net::ip::tcp::socket socket) {
  std::make_shared<ConnectionRefusal>(std::move(socket))->start();
}

std::size_t ServerCore::open_connections() {
  const std::scoped_lock lock(mutex_);
  return open_.size();
}

void ServerCore::opened(const std::shared_ptr<HttpSession>& session) {
  const std::scoped_lock lock(mutex_);
  open_.emplace(session.get(), session);
}

void ServerCore::closed(const HttpSession* session) {
  const std::scoped_lock lock(mutex_);
  open_.erase(session);
}

void ServerCore::close_idle_connections() {
  std::vector<std::shared_ptr<HttpSession>> sessions;
  {
    const std::scoped_lock lock(mutex_);
    for (const auto& [key, session] : open_) {
      if (auto alive = session.lock()) sessions.push_back(std::move(alive));
    }
  }
  for (const auto& session : sessions) session->close_if_idle();
}

void start_session(net::ip::tcp::socket socket, ServerCore& core) {
  beast::error_code ignored;
  // A response's headers and body go out in one or two writes: with Nagle's algorithm the
  // second would wait for the client's delayed ACK, 40 ms on every kept-alive request.
  socket.set_option(net::ip::tcp::no_delay(true), ignored);
  auto session = std::make_shared<HttpSession>(std::move(socket), core);
  core.opened(session);
  session->start();
}

}  // namespace cairn::server
