#pragma once
/// \file
/// multipart/form-data (RFC 7578, RFC 2046) for the server: an upload's body, spooled to a
/// file as it arrived, split into the files it carries without ever being held in memory.
/// Private to the server; the HTTP library has no parser of its own.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/api/http.hpp"

namespace cairn::server {

/// The boundary named by a multipart/form-data Content-Type (`boundary=...`, quoted or not,
/// any case of the type and parameter name), or nothing when the type is not
/// multipart/form-data or names no boundary. A boundary longer than RFC 2046's 70 bytes, or
/// holding a control character (a line break), is no boundary.
[[nodiscard]] std::optional<std::string> multipart_boundary(std::string_view content_type);

/// The file name a Content-Disposition value gives (`attachment; filename="a b.gpx"`, or
/// `filename*=UTF-8''...`, preferred), or nothing when it gives none or an empty one.
[[nodiscard]] std::optional<std::string> disposition_file_name(std::string_view disposition);

/// A name a file can have in a spool folder: the last part of what the client called it,
/// after any '/' or '\\' ("../../etc/passwd" -> "passwd", "C:\\runs\\a.fit" -> "a.fit"),
/// NUL replaced, at most 200 bytes (whole UTF-8 characters, the end kept: the importer reads a
/// file's type from it); "upload" for an empty name, "." or "..".
[[nodiscard]] std::string safe_file_name(std::string_view name);

/// Splits the multipart/form-data body kept in the file `body` into the files it carries:
/// each part with a non-empty `filename` (or `filename*`, preferred) in its
/// Content-Disposition is written to `folder / <index> / safe_file_name(filename)` (a folder
/// per file: two files of one upload may share a name), in order; parts without one (form
/// fields, a file input left empty) are skipped. Reads the body in chunks and never holds it,
/// or a part, whole in memory.
/// Throws Error(Errc::invalid_input, message, "body") when the body is not multipart with
/// that boundary (no first boundary, a part without its blank line after headers, part
/// headers longer than 16 KiB, a boundary followed by neither a line break nor "--", the body
/// ending before the closing boundary `--boundary--`), the message naming what was wrong;
/// Error(Errc::storage, ...) when the body cannot be read or a part cannot be written. Files
/// written before a throw are left in `folder`, which the caller removes.
[[nodiscard]] std::vector<api::UploadedFile> split_multipart(const std::filesystem::path& body,
                                                             std::string_view boundary,
                                                             const std::filesystem::path& folder);

}  // namespace cairn::server
