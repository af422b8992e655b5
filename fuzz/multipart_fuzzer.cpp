// Fuzz target: the server's multipart/form-data splitter (an upload's body, spooled to disk,
// split into its files without being held in memory) and the header parsing around it.
//
// The first byte chooses what an input is:
//   - even: a body as the client sent it. The next byte is a length L and the L bytes after
//     it a Content-Type; its boundary (multipart_boundary), or "b" when it names none, splits
//     the rest of the input. Only Error(invalid_input, field "body") may come out; every file
//     split out must lie in a folder of its own under the upload's folder, under a name that
//     safe_file_name leaves as it is.
//   - odd: a round trip. The rest is cut into up to four files (a name byte, a two-byte size
//     and a filler byte each; a file's size runs to ~200 KB, its bytes the filler and the
//     input repeated) and written as a well-formed body with a form field between them; the
//     splitter must give back exactly those files, named safe_file_name(name), byte
//     for byte. Sizes past the splitter's 64 KB chunks put a boundary across a chunk's edge.
// Any other exception, a broken property (which aborts) or a sanitizer report is a bug.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "cairn/core/error.hpp"

#include "multipart.hpp"

namespace {

namespace fs = std::filesystem;
using cairn::server::safe_file_name;
using cairn::server::split_multipart;

[[noreturn]] void broken(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "multipart_fuzzer: %s %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  __builtin_trap();
}

// The input read from its front; bytes past its end read as 0.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  std::string_view bytes(std::size_t count) {
    count = std::min(count, size_ - at_);
    const std::string_view taken(reinterpret_cast<const char*>(data_ + at_), count);
    at_ += count;
    return taken;
  }
  std::string_view rest() { return bytes(size_ - at_); }
  [[nodiscard]] bool done() const { return at_ >= size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

// A folder of this process's own, emptied for each input.
const fs::path& work_folder() {
  static const fs::path folder =
      fs::temp_directory_path() / ("cairn-multipart-fuzz-" + std::to_string(::getpid()));
  return folder;
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) broken("could not write the body's spool file");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What a spool name may be: what safe_file_name makes of itself, never a way out of its
// folder.
void check_safe_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 200 ||
      name.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
    broken("unsafe spool name:", name);
  }
  if (safe_file_name(name) != name) broken("safe_file_name is not stable on", name);
}

std::vector<cairn::api::UploadedFile> split(const fs::path& body, std::string_view boundary,
                                            const fs::path& folder) {
  auto files = split_multipart(body, boundary, folder);
  for (const auto& file : files) {
    check_safe_name(file.path.filename().string());
    // A folder of its own, right under the upload's folder.
    if (file.path.parent_path().parent_path() != folder) {
      broken("a file outside its upload's folder:", file.path.string());
    }
    if (!fs::is_regular_file(file.path)) broken("a file reported but not written");
  }
  return files;
}

void as_sent(Input& input, const fs::path& folder) {
  const std::string_view content_type = input.bytes(input.byte());
  const std::string boundary = cairn::server::multipart_boundary(content_type).value_or("b");
  if (boundary.empty() || boundary.size() > 70) broken("a boundary out of RFC 2046's range");
  const fs::path body = folder / "body";
  write_file(body, input.rest());
  try {
    static_cast<void>(split(body, boundary, folder / "files"));
  } catch (const cairn::Error& error) {
    if (error.code() != cairn::Errc::invalid_input || error.field() != "body") {
      broken("an error other than a refused body:", error.what());
    }
  }
}

struct Sent {
  std::string name;
  std::string bytes;
};

void round_trip(Input& input, const fs::path& folder) {
  const std::string boundary = "----cairnFuzz" + std::to_string(input.byte());
  std::vector<Sent> files;
  const int count = 1 + input.byte() % 4;
  for (int i = 0; i < count && !input.done(); ++i) {
    Sent file;
    file.name = std::string(input.bytes(input.byte() % 48));
    const std::size_t size = (std::size_t{input.byte()} << 8 | input.byte()) * 3;
    const char filler = static_cast<char>(input.byte());
    const std::string_view pattern = input.bytes(input.byte() % 32);
    while (file.bytes.size() < size) {
      file.bytes += filler;
      file.bytes.append(pattern.substr(0, size - file.bytes.size()));
    }
    files.push_back(std::move(file));
  }
  std::string body = "preamble\r\n";
  for (const auto& file : files) {
    // A name with a quote, a backslash or a line break cannot be sent quoted as it is; its
    // RFC 5987 form can say any bytes.
    std::string escaped;
    for (const unsigned char c : file.name) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      escaped += hex;
    }
    if (file.bytes.find("\r\n--" + boundary) != std::string::npos) return;  // not sendable
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"; "
            "filename*=UTF-8''" +
            escaped + "\r\nContent-Type: application/octet-stream\r\n\r\n" + file.bytes + "\r\n";
    body +=
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot a file\r\n";
  }
  body += "--" + boundary + "--\r\nepilogue";
  const fs::path body_path = folder / "body";
  write_file(body_path, body);
  std::vector<cairn::api::UploadedFile> split_files;
  try {
    split_files = split(body_path, boundary, folder / "files");
  } catch (const cairn::Error& error) {
    broken("a well-formed body refused:", error.what());
  }
  if (split_files.size() != files.size()) broken("files lost or made up in a round trip");
  for (std::size_t i = 0; i < files.size(); ++i) {
    // An empty filename* gives way to the plain filename, "x".
    const std::string expected_name = safe_file_name(files[i].name.empty() ? "x" : files[i].name);
    if (split_files[i].name != expected_name ||
        split_files[i].path.filename().string() != expected_name) {
      broken("a file spooled under another name:", split_files[i].path.string());
    }
    if (read_file(split_files[i].path) != files[i].bytes) broken("a file's bytes changed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& folder = work_folder();
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  fs::create_directories(folder / "files");
  Input input(data, size);
  if (input.byte() % 2 == 0) {
    as_sent(input, folder);
  } else {
    round_trip(input, folder);
  }
  fs::remove_all(folder, ignored);
  return 0;
}
