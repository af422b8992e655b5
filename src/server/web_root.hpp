#pragma once
// The built web app (web/dist) as the server sends it: a page's path to its file, its type,
// how long a browser may keep it, and its gzip'd copy made once (a 70 KB script is not
// compressed again for every phone that loads it).

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::server {

struct WebFile {
  std::string content;
  std::string gzipped;  ///< empty when not worth compressing
  std::string content_type;
  std::string cache_control;
};

class WebRoot {
 public:
  /// `root`: the folder of the built app; nothing (or a folder that is not there): no app.
  explicit WebRoot(std::optional<std::filesystem::path> root);

  [[nodiscard]] bool built() const { return root_.has_value(); }

  /// The file for the (decoded) path of a page: the file itself when the app has it, else
  /// the app's index (it routes in the browser: /runs/12 is its page). Nothing when the app
  /// is not built, for a file of /assets/ that is not there (a script of an older build),
  /// and for a path that tries to leave the folder.
  [[nodiscard]] std::shared_ptr<const WebFile> find(std::string_view path);

  /// The content type of a file of the app, by its extension.
  [[nodiscard]] static std::string content_type_of(const std::filesystem::path& file);

 private:
  [[nodiscard]] std::shared_ptr<const WebFile> load(const std::filesystem::path& file);

  std::optional<std::filesystem::path> root_;
  struct Loaded {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    std::shared_ptr<const WebFile> file;
  };
  std::mutex mutex_;
  std::map<std::filesystem::path, Loaded> loaded_;  // kept while the file stays the same
};

}  // namespace cairn::server
