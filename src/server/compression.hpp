#pragma once
// gzip for answers a client accepts compressed: JSON pages of runs, the insights and the web
// app's scripts shrink to a fifth, which a phone on a slow network feels.

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace cairn::server {

/// Whether an Accept-Encoding header value takes gzip ("gzip", "gzip;q=0.5", "*"), and not
/// with q=0.
[[nodiscard]] bool accepts_gzip(std::string_view accept_encoding);

/// Whether an answer of this type and size is worth compressing: text, JSON, JavaScript,
/// SVG of a kilobyte or more (below that the gzip header and the work cost more than they
/// save; images and zips are compressed already).
[[nodiscard]] bool worth_compressing(std::string_view content_type, std::size_t size);

/// `data` in the gzip format (RFC 1952) at zlib's default level.
[[nodiscard]] std::string gzip(std::string_view data);

/// gzip'd copies of the answers the API keeps, made once for each: the insights (130 KB) cost
/// zlib about a millisecond, and the same text goes to every request until the journal
/// changes. A copy goes when its answer does (the API dropped it for a newer one).
class KeptGzip {
 public:
  [[nodiscard]] std::shared_ptr<const std::string> of(
      const std::shared_ptr<const std::string>& text);

 private:
  struct Copy {
    std::weak_ptr<const std::string> text;
    std::shared_ptr<const std::string> gzipped;
  };
  std::mutex mutex_;
  std::map<const std::string*, Copy> copies_;
};

}  // namespace cairn::server
