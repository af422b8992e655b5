// multipart/form-data, streamed: the body is read in chunks from its spool file and each file
// part is copied to a file of its own as it goes, so memory stays at a chunk or two whatever
// the upload's size. RFC 2046 section 5.1.1 gives the grammar, RFC 7578 its use by forms.

#include "multipart.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <fstream>
#include <functional>
#include <utility>

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "header_text.hpp"

namespace cairn::server {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t chunk_bytes = std::size_t{64} * 1024;
constexpr std::size_t max_header_bytes = std::size_t{16} * 1024;
constexpr std::size_t max_boundary_bytes = 70;  // RFC 2046's limit
constexpr std::size_t max_name_bytes = 200;
// What a shortened name keeps of its end, where its type is: ".gpx.gz", "activities.csv".
constexpr std::size_t kept_name_end_bytes = 32;

constexpr std::string_view line_break = "\r\n";
constexpr std::string_view blank_line = "\r\n\r\n";
constexpr std::string_view closing_dashes = "--";

[[noreturn]] void malformed(const std::string& message) {
  throw Error(Errc::invalid_input, message, "body");
}

struct Parameter {
  std::string name;  ///< in lower case
  std::string value;
};

// The parameters after a header value's first ';': `form-data; name="f"; filename=a.gpx`.
// A quoted value may hold ';' and escapes only '"' and '\': a backslash before anything else
// stays, as browsers send one unescaped and old ones send Windows paths.
std::vector<Parameter> parameters_of(std::string_view value) {
  std::vector<Parameter> parameters;
  auto at = value.find(';');
  while (at != std::string_view::npos && at < value.size()) {
    ++at;
    const auto equals = value.find_first_of("=;", at);
    if (equals == std::string_view::npos || value[equals] == ';') {
      at = equals;  // a parameter without a value names nothing we read
      continue;
    }
    Parameter parameter{.name = lowered(trimmed(value.substr(at, equals - at))), .value = {}};
    at = value.find_first_not_of(" \t", equals + 1);
    if (at != std::string_view::npos && value[at] == '"') {
      for (++at; at < value.size() && value[at] != '"'; ++at) {
        const bool escape = value[at] == '\\' && at + 1 < value.size() &&
                            (value[at + 1] == '"' || value[at + 1] == '\\');
        if (escape) ++at;
        parameter.value += value[at];
      }
      at = value.find(';', at);
    } else if (at != std::string_view::npos) {
      const auto end = value.find(';', at);
      parameter.value = trimmed(value.substr(at, end == std::string_view::npos ? end : end - at));
      at = end;
    }
    parameters.push_back(std::move(parameter));
  }
  return parameters;
}

bool is_boundary(std::string_view boundary) {
  return !boundary.empty() && boundary.size() <= max_boundary_bytes &&
         std::none_of(boundary.begin(), boundary.end(), [](char c) {
           const auto byte = static_cast<unsigned char>(c);
           return byte < 0x20 || byte == 0x7f;
         });
}

std::optional<int> hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

std::optional<std::string> percent_decoded(std::string_view text) {
  std::string bytes;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      bytes += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const auto high = hex_digit(text[i + 1]);
    const auto low = hex_digit(text[i + 2]);
    if (!high || !low) return std::nullopt;
    bytes += static_cast<char>(*high * 16 + *low);
    i += 2;
  }
  return bytes;
}

std::string latin1_to_utf8(std::string_view latin1) {
  std::string utf8;
  for (const char c : latin1) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      utf8 += c;
    } else {
      utf8 += static_cast<char>(0xc0 | (byte >> 6));
      utf8 += static_cast<char>(0x80 | (byte & 0x3f));
    }
  }
  return utf8;
}

// An RFC 5987 value, `UTF-8''%E2%9C%93.gpx`, in UTF-8; nothing when it is not one of the two
// charsets the RFC has every recipient read, or is not well formed.
std::optional<std::string> extended_value(std::string_view value) {
  const auto charset_end = value.find('\'');
  if (charset_end == std::string_view::npos) return std::nullopt;
  const auto language_end = value.find('\'', charset_end + 1);
  if (language_end == std::string_view::npos) return std::nullopt;
  const std::string charset = lowered(value.substr(0, charset_end));
  auto bytes = percent_decoded(value.substr(language_end + 1));
  if (!bytes) return std::nullopt;
  if (charset == "utf-8") return bytes;
  if (charset == "iso-8859-1") return latin1_to_utf8(*bytes);
  return std::nullopt;
}

// The name a part's headers give its file, or nothing for a form field (an empty name is a
// file input left empty: browsers send such a part with no content).
std::optional<std::string> file_name_in(std::string_view headers) {
  std::optional<std::string> disposition;
  std::string_view rest = headers;
  while (!rest.empty()) {
    const auto end = rest.find(line_break);
    std::string_view line = rest.substr(0, end);
    rest =
        end == std::string_view::npos ? std::string_view() : rest.substr(end + line_break.size());
    if (line.starts_with(' ') || line.starts_with('\t')) {  // a folded line goes on the last
      if (disposition) *disposition += line;
      continue;
    }
    if (disposition) break;
    const auto colon = line.find(':');
    if (colon != std::string_view::npos &&
        equals_ignoring_case(trimmed(line.substr(0, colon)), "content-disposition")) {
      disposition = std::string(line.substr(colon + 1));
    }
  }
  if (!disposition) return std::nullopt;
  return disposition_file_name(*disposition);
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

// At most max_name_bytes, cut between UTF-8 characters, the end kept.
std::string shortened(const std::string& name) {
  if (name.size() <= max_name_bytes) return name;
  auto end_from = name.size() - kept_name_end_bytes;
  while (end_from < name.size() && is_utf8_continuation(name[end_from])) ++end_from;
  auto start_to = max_name_bytes - (name.size() - end_from);
  while (start_to > 0 && is_utf8_continuation(name[start_to])) --start_to;
  return name.substr(0, start_to) + name.substr(end_from);
}

// The body's spool file, read a chunk at a time; the bytes read and not yet used are pending.
class BodyReader {
 public:
  explicit BodyReader(const fs::path& path) : in_(path, std::ios::binary) {
    if (!in_) throw Error(Errc::storage, "the upload's body could not be read back from disk");
  }

  [[nodiscard]] std::string_view pending() const {
    return std::string_view(buffer_).substr(start_);
  }
  /// The position in the body of the first pending byte.
  [[nodiscard]] std::uint64_t offset() const { return offset_; }

  void consume(std::size_t count) {
    assert(count <= buffer_.size() - start_ && "consuming only what is pending");
    start_ += count;
    offset_ += count;
  }

  /// Reads the next chunk after what is pending; false at the end of the body.
  bool read_more() {
    buffer_.erase(0, start_);
    start_ = 0;
    const auto kept = buffer_.size();
    buffer_.resize(kept + chunk_bytes);
    in_.read(buffer_.data() + kept, static_cast<std::streamsize>(chunk_bytes));
    const auto got = static_cast<std::size_t>(in_.gcount());
    buffer_.resize(kept + got);
    if (in_.bad()) throw Error(Errc::storage, "the upload's body could not be read back from disk");
    return got > 0;
  }

  /// Reads until at least `count` bytes are pending; false when the body ends first.
  bool fill(std::size_t count) {
    while (pending().size() < count) {
      if (!read_more()) return false;
    }
    return true;
  }

 private:
  std::ifstream in_;
  std::string buffer_;
  std::size_t start_ = 0;  // where the pending bytes begin in buffer_
  std::uint64_t offset_ = 0;
};

// A file of the upload being written: a failure here is the disk's, not the client's.
class FileWriter {
 public:
  FileWriter(fs::path path, int part) : path_(std::move(path)), part_(part) {
    std::error_code error;
    fs::create_directories(path_.parent_path(), error);
    if (!error) out_.open(path_, std::ios::binary | std::ios::trunc);
    if (error || !out_) fail();
  }

  void write(std::string_view bytes) {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out_) fail();
  }

  void finish() {
    out_.close();
    if (!out_) fail();
  }

 private:
  [[noreturn]] void fail() const {
    // The path is the server's own business: the message goes to the client.
    throw Error(
        Errc::storage,
        fmt::format("the file of part {} could not be written to disk (is it full?)", part_));
  }

  fs::path path_;
  int part_;
  std::ofstream out_;
};

// The line that separates parts, CRLF "--" boundary: how to find it, and what messages about
// it need.
class Delimiter {
 public:
  explicit Delimiter(std::string_view boundary)
      : text_(fmt::format("\r\n--{}", boundary)), searcher_(text_.begin(), text_.end()) {}
  Delimiter(const Delimiter&) = delete;  // the searcher points into text_
  Delimiter& operator=(const Delimiter&) = delete;
  Delimiter(Delimiter&&) = delete;
  Delimiter& operator=(Delimiter&&) = delete;
  ~Delimiter() = default;

  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] std::string_view boundary() const { return text().substr(4); }

  /// Where the delimiter first begins in `bytes`, or npos. Boyer-Moore rather than
  /// string_view::find, which tries every CR: about 10 times slower on a body of CRs.
  [[nodiscard]] std::size_t find_in(std::string_view bytes) const {
    const auto found = std::search(bytes.begin(), bytes.end(), searcher_);
    return found == bytes.end() ? std::string_view::npos
                                : static_cast<std::size_t>(found - bytes.begin());
  }

  [[noreturn]] void ended_early(std::string_view where) const {
    malformed(
        fmt::format("the body ends {}, before the closing boundary --{}--", where, boundary()));
  }

 private:
  std::string text_;
  std::boyer_moore_searcher<std::string::const_iterator> searcher_;
};

// Consumes the preamble and the first boundary, which may open the body with no line break
// before it.
void skip_preamble(BodyReader& reader, const Delimiter& delimiter) {
  if (!reader.fill(1)) malformed("the body is empty");
  const auto first_line = delimiter.text().substr(line_break.size());
  if (reader.fill(first_line.size()) && reader.pending().starts_with(first_line)) {
    reader.consume(first_line.size());
    return;
  }
  for (;;) {
    const auto pending = reader.pending();
    const auto found = delimiter.find_in(pending);
    if (found != std::string_view::npos) {
      reader.consume(found + delimiter.text().size());
      return;
    }
    reader.consume(pending.size() - std::min(pending.size(), delimiter.text().size() - 1));
    if (!reader.read_more()) {
      malformed(fmt::format("the body holds no boundary --{}", delimiter.boundary()));
    }
  }
}

enum class AfterBoundary : std::uint8_t { part, end };

// What follows a boundary: "--" ends the body (the epilogue is not read); otherwise optional
// padding (spaces, tabs) and the line break that ends the boundary line. That line break is
// left pending: it begins the blank line that ends the headers of a part that has none.
// `part` is the number of the part that would begin here.
AfterBoundary after_boundary(BodyReader& reader, const Delimiter& delimiter, int part) {
  const auto ended_early = [&] {
    delimiter.ended_early(part == 1 ? std::string("after its first boundary")
                                    : fmt::format("after part {}", part - 1));
  };
  if (!reader.fill(closing_dashes.size())) ended_early();
  if (reader.pending().starts_with(closing_dashes)) return AfterBoundary::end;
  for (;;) {
    const auto text = reader.pending().find_first_not_of(" \t");
    if (text != std::string_view::npos) {
      reader.consume(text);
      break;
    }
    reader.consume(reader.pending().size());
    if (!reader.read_more()) ended_early();
  }
  if (!reader.fill(line_break.size())) ended_early();
  if (!reader.pending().starts_with(line_break)) {
    malformed(fmt::format("at byte {}, a boundary is followed by neither a line break nor --",
                          reader.offset()));
  }
  return AfterBoundary::part;
}

// The header lines of a part, without their final line break, the blank line after them
// consumed. The pending bytes begin with the line break of the boundary line before them.
std::string read_headers(BodyReader& reader, const Delimiter& delimiter, int part) {
  const auto no_blank_line = [&](std::string_view why) {
    malformed(fmt::format("part {} has no blank line after its headers ({})", part, why));
  };
  const auto too_long = [&] {
    malformed(fmt::format("the headers of part {} are longer than {} KiB", part,
                          max_header_bytes / 1024));
  };
  for (;;) {
    const auto pending = reader.pending();
    const auto blank = pending.find(blank_line);
    // A delimiter holds one CR, its first byte: one that begins before the blank line ends
    // before it too.
    if (delimiter.find_in(pending.substr(0, blank)) != std::string_view::npos) {
      no_blank_line("the next boundary comes first");
    }
    if (blank != std::string_view::npos) {
      const auto headers = blank == 0
                               ? std::string_view()
                               : pending.substr(line_break.size(), blank - line_break.size());
      if (headers.size() > max_header_bytes) too_long();
      std::string copy(headers);
      reader.consume(blank + blank_line.size());
      return copy;
    }
    // A blank line may yet begin in the last three pending bytes, after the first two.
    if (pending.size() > max_header_bytes + 5) too_long();
    if (!reader.read_more()) no_blank_line("the body ends first");
  }
}

// Copies a part's data to `file` (nothing for a form field) and consumes the boundary after
// it. The last bytes read, one fewer than a delimiter, are held back each time: they may be
// the start of a delimiter the next chunk completes. Linear: each chunk is searched once, with
// only the held-back bytes before it (and Boyer-Moore finds a first match in linear time).
void copy_part(BodyReader& reader, const Delimiter& delimiter, int part, FileWriter* file) {
  const auto delimiter_size = delimiter.text().size();
  for (;;) {
    const auto pending = reader.pending();
    const auto found = delimiter.find_in(pending);
    if (found != std::string_view::npos) {
      if (file != nullptr) file->write(pending.substr(0, found));
      reader.consume(found + delimiter_size);
      return;
    }
    const auto ready = pending.size() - std::min(pending.size(), delimiter_size - 1);
    if (file != nullptr) file->write(pending.substr(0, ready));
    reader.consume(ready);
    if (!reader.read_more()) delimiter.ended_early(fmt::format("inside part {}", part));
  }
}

}  // namespace

std::optional<std::string> disposition_file_name(std::string_view disposition) {
  std::optional<std::string> plain;
  std::optional<std::string> extended;
  for (auto& parameter : parameters_of(disposition)) {
    if (parameter.name == "filename*" && !extended) {
      extended = extended_value(parameter.value);
    } else if (parameter.name == "filename" && !plain) {
      plain = std::move(parameter.value);
    }
  }
  if (extended && !extended->empty()) return extended;
  if (plain && !plain->empty()) return plain;
  return std::nullopt;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto type = trimmed(content_type.substr(0, content_type.find(';')));
  if (!equals_ignoring_case(type, "multipart/form-data")) return std::nullopt;
  for (auto& parameter : parameters_of(content_type)) {
    if (parameter.name != "boundary") continue;
    if (!is_boundary(parameter.value)) return std::nullopt;
    return std::move(parameter.value);
  }
  return std::nullopt;
}

std::string safe_file_name(std::string_view name) {
  // Browsers send only the name, but old ones and some tools send a path, Windows' too.
  const auto separator = name.find_last_of("/\\");
  if (separator != std::string_view::npos) name.remove_prefix(separator + 1);
  std::string base(name);
  if (base.empty() || base == "." || base == "..") return "upload";
  std::replace(base.begin(), base.end(), '\0', '_');
  return shortened(base);
}

std::vector<api::UploadedFile> split_multipart(const fs::path& body, std::string_view boundary,
                                               const fs::path& folder) {
  if (!is_boundary(boundary)) {
    malformed("the multipart boundary is empty, longer than 70 bytes or holds a control character");
  }
  const Delimiter delimiter(boundary);
  BodyReader reader(body);
  skip_preamble(reader, delimiter);
  std::vector<api::UploadedFile> files;
  for (int part = 1; after_boundary(reader, delimiter, part) == AfterBoundary::part; ++part) {
    const auto name = file_name_in(read_headers(reader, delimiter, part));
    if (!name) {
      copy_part(reader, delimiter, part, nullptr);
      continue;
    }
    api::UploadedFile file{.name = safe_file_name(*name), .path = {}};
    file.path = folder / std::to_string(files.size()) / file.name;
    FileWriter writer(file.path, part);
    copy_part(reader, delimiter, part, &writer);
    writer.finish();
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace cairn::server
