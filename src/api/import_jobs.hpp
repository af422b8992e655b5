#pragma once
// Imports of uploaded files that go on after their request is answered: each on a thread of
// its own with its own connection to the database (so the server's readers are not held
// up), its progress kept for the page to poll.

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cairn/api/api.hpp"
#include "cairn/core/ids.hpp"

#include "answer_cache.hpp"

namespace cairn::api {

class ImportJobs {
 public:
  /// Each import tells `answers` that the journal changed, as it goes and when it ends.
  ImportJobs(const ApiOptions& options, AnswerCache& answers);
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;
  ImportJobs(ImportJobs&&) = delete;
  ImportJobs& operator=(ImportJobs&&) = delete;
  /// Waits for the imports still running.
  ~ImportJobs();

  /// Starts importing `files` for `user` in `zone`; the files move to the job's own folder
  /// (removed when it is done), `slot` is held until then. Returns the job's id.
  std::int64_t start(std::vector<UploadedFile> files, UserId user, std::string zone,
                     std::shared_ptr<UploadSlot> slot);
  /// The job's progress (`id`, `state`, `files_done`, `files_total`, `current`, `summary`,
  /// `error`); nothing for an id this user has no job under.
  [[nodiscard]] std::optional<nlohmann::ordered_json> status(std::int64_t id, UserId user) const;
  /// Waits for the job to finish, then its status.
  [[nodiscard]] nlohmann::ordered_json wait(std::int64_t id, UserId user) const;

 private:
  struct Job;
  void run(Job& job, const std::vector<std::filesystem::path>& paths);
  [[nodiscard]] nlohmann::ordered_json status_of(const Job& job) const;  // lock held
  void forget_finished();                                                // lock held

  const ApiOptions& options_;
  AnswerCache& answers_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::list<std::unique_ptr<Job>> jobs_;
  std::int64_t next_id_ = 1;
};

}  // namespace cairn::api
