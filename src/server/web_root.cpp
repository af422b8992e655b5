#include "web_root.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <utility>

#include "compression.hpp"

namespace cairn::server {

namespace fs = std::filesystem;

WebRoot::WebRoot(std::optional<fs::path> root) {
  std::error_code error;
  if (root && fs::is_directory(*root, error)) root_ = fs::canonical(*root, error);
  if (error) root_.reset();
}

std::string WebRoot::content_type_of(const fs::path& file) {
  static const std::array<std::pair<std::string_view, std::string_view>, 14> types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
  }};
  const std::string extension = file.extension().string();
  for (const auto& [known, type] : types) {
    if (extension == known) return std::string(type);
  }
  return "application/octet-stream";
}

std::shared_ptr<const WebFile> WebRoot::find(std::string_view path) {
  if (!root_) return nullptr;
  // The path is the client's: a NUL or a ".." part is never a file of the app.
  if (path.find('\0') != std::string_view::npos) return nullptr;
  const fs::path relative = fs::path(std::string(path)).relative_path();
  for (const auto& part : relative) {
    if (part == "..") return nullptr;
  }
  std::error_code error;
  const fs::path file = *root_ / relative;
  if (!relative.empty() && fs::is_regular_file(file, error)) return load(file);
  // Vite names its assets by their content: one not there is of another build, and the
  // index in its place would be run as a script.
  if (relative.begin() != relative.end() && *relative.begin() == "assets") return nullptr;
  return load(*root_ / "index.html");
}

std::shared_ptr<const WebFile> WebRoot::load(const fs::path& file) {
  std::error_code error;
  const auto modified = fs::last_write_time(file, error);
  const auto size = error ? 0 : fs::file_size(file, error);
  if (error) return nullptr;
  {
    const std::scoped_lock lock(mutex_);
    const auto found = loaded_.find(file);
    if (found != loaded_.end() && found->second.modified == modified &&
        found->second.size == size) {
      return found->second.file;
    }
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  auto loaded = std::make_shared<WebFile>();
  loaded->content.assign(std::istreambuf_iterator<char>(in), {});
  loaded->content_type = content_type_of(file);
  if (worth_compressing(loaded->content_type, loaded->content.size())) {
    loaded->gzipped = gzip(loaded->content);
  }
  // Files under assets/ are named by their content, so they never change; everything else
  // (the index, the service worker, the manifest) is checked again on every load.
  const fs::path relative = file.lexically_relative(*root_);
  const bool named_by_content = !relative.empty() && *relative.begin() == "assets";
  loaded->cache_control = named_by_content ? "public, max-age=31536000, immutable" : "no-cache";
  const std::scoped_lock lock(mutex_);
  loaded_[file] = Loaded{.modified = modified, .size = size, .file = loaded};
  return loaded;
}

}  // namespace cairn::server
