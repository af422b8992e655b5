#include "compression.hpp"

#include <stdexcept>

#include <zlib.h>

#include "header_text.hpp"

namespace cairn::server {

namespace {

// Whether a coding's parameters say q=0 ("not acceptable").
bool refused(std::string_view parameters) {
  const auto q = parameters.find("q=");
  if (q == std::string_view::npos) return false;
  const std::string_view value = trimmed(parameters.substr(q + 2));
  return !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    const std::string_view coding = trimmed(item.substr(0, semicolon));
    const std::string_view parameters =
        semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
    if ((equals_ignoring_case(coding, "gzip") || coding == "*") && !refused(parameters)) {
      return true;
    }
  }
  return false;
}

bool worth_compressing(std::string_view content_type, std::size_t size) {
  constexpr std::size_t smallest = 1024;
  if (size < smallest) return false;
  return content_type.starts_with("text/") || content_type.find("json") != std::string_view::npos ||
         content_type.find("javascript") != std::string_view::npos ||
         content_type.starts_with("image/svg+xml") ||
         content_type.find("xml") != std::string_view::npos;
}

std::string gzip(std::string_view data) {
  z_stream stream{};
  constexpr int gzip_window = 15 + 16;  // 16 asks zlib for the gzip header and trailer
  constexpr int memory_level = 8;
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window, memory_level,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib could not start compressing");
  }
  std::string compressed(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  // zlib's interface is not const-correct; it only reads the input.
  stream.next_in = reinterpret_cast<Bytef*>(  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
      const_cast<char*>(data.data()));        // NOLINT(cppcoreguidelines-pro-type-const-cast)
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out =
      reinterpret_cast<Bytef*>(  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
          compressed.data());
  stream.avail_out = static_cast<uInt>(compressed.size());
  const int result = deflate(&stream, Z_FINISH);
  compressed.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("zlib could not compress an answer");
  return compressed;
}

std::shared_ptr<const std::string> KeptGzip::of(const std::shared_ptr<const std::string>& text) {
  {
    const std::scoped_lock lock(mutex_);
    const auto found = copies_.find(text.get());
    // The same address may be a newer answer's once the older is gone: the text must match.
    if (found != copies_.end() && found->second.text.lock() == text) return found->second.gzipped;
  }
  auto gzipped = std::make_shared<const std::string>(gzip(*text));
  const std::scoped_lock lock(mutex_);
  std::erase_if(copies_, [](const auto& entry) { return entry.second.text.expired(); });
  copies_[text.get()] = Copy{.text = text, .gzipped = gzipped};
  return gzipped;
}

}  // namespace cairn::server
