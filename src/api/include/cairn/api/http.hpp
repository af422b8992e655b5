#pragma once
/// \file
/// An HTTP request and response as the API sees them: plain data, filled and sent by the
/// server (src/server, the only code that knows the HTTP library), built by hand in tests.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::api {

struct Header {
  std::string name;
  std::string value;
};

/// A file of an upload, written to disk by the server as it arrived (an upload is never held
/// whole in memory); `name` is the name the client gave it, without any folder.
struct UploadedFile {
  std::string name;
  std::filesystem::path path;
};

struct Request {
  std::string method;  ///< "GET", "POST", ...
  std::string path;    ///< decoded, without the query: "/api/runs/12"
  std::vector<std::pair<std::string, std::string>> query{};  ///< decoded, in order
  std::vector<Header> headers{};
  std::string body{};                 ///< a JSON body (routes of BodyKind::json)
  std::vector<UploadedFile> files{};  ///< an upload's files (routes of BodyKind::upload)

  /// The first header of that name, in any case.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
  /// The first query parameter of that name.
  [[nodiscard]] std::optional<std::string_view> query_value(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body{};
  std::vector<Header> headers{};
  /// A file to send as the body instead of `body` (a backup), removed once sent.
  std::optional<std::filesystem::path> body_file{};
};

}  // namespace cairn::api
