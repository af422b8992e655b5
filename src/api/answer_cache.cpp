#include "answer_cache.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

namespace cairn::api {
namespace {

// Size and modification time (to the nanosecond) of a file, or "-" when it is missing.
std::string signature_of(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "-";
  return fmt::format("{}:{}.{}", info.st_size, info.st_mtim.tv_sec, info.st_mtim.tv_nsec);
}

}  // namespace

std::string AnswerCache::version() const {
  std::string version = std::to_string(writes_.load());
  if (!database_.empty()) {
    version += '|' + signature_of(database_);
    version += '|' + signature_of(std::filesystem::path(database_.string() + "-wal"));
  }
  return version;
}

std::optional<KeptAnswer> AnswerCache::find(const std::string& key) const {
  const std::string now = version();
  const std::lock_guard lock(mutex_);
  const auto found = kept_.find(key);
  if (found == kept_.end() || found->second.version != now) return std::nullopt;
  return found->second.answer;
}

void AnswerCache::keep(const std::string& key, const std::string& version, KeptAnswer answer) {
  if (!answer.text || answer.text->size() > max_answer_bytes) return;
  const std::lock_guard lock(mutex_);
  if (kept_.size() >= max_kept && !kept_.contains(key)) kept_.clear();
  kept_[key] = Kept{version, std::move(answer)};
}

}  // namespace cairn::api
