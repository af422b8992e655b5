#include "import_jobs.hpp"

#include <exception>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "cairn/app/importer.hpp"
#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"

namespace cairn::api {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct ImportJobs::Job {
  std::int64_t id = 0;
  UserId user{};
  std::string zone;
  fs::path folder;
  std::shared_ptr<UploadSlot> slot;
  bool finished = false;
  std::size_t done = 0;
  std::size_t total = 0;
  std::string current;
  std::optional<Json> summary;
  std::optional<Json> error;
  std::thread thread;
};

namespace {

// Keeps the reports of this many finished imports for the page to read.
constexpr std::size_t kept_finished_jobs = 20;

}  // namespace

ImportJobs::ImportJobs(const ApiOptions& options, AnswerCache& answers)
    : options_(options), answers_(answers) {}

ImportJobs::~ImportJobs() {
  for (auto& job : jobs_) {
    if (job->thread.joinable()) job->thread.join();
  }
}

std::int64_t ImportJobs::start(std::vector<UploadedFile> files, UserId user, std::string zone,
                               std::shared_ptr<UploadSlot> slot) {
  std::unique_lock lock(mutex_);
  forget_finished();
  auto job = std::make_unique<Job>();
  job->id = next_id_++;
  job->user = user;
  job->zone = std::move(zone);
  job->slot = std::move(slot);
  job->total = files.size();
  job->folder = options_.spool_folder / fmt::format("import-{}", job->id);
  fs::create_directories(job->folder);
  std::vector<fs::path> paths;
  for (std::size_t i = 0; i < files.size(); ++i) {
    // Each file in a folder of its own keeps the name the runner gave it (an export's zip,
    // activities.csv), even when two files of an upload share a name.
    const fs::path folder = job->folder / std::to_string(i);
    fs::create_directory(folder);
    const fs::path moved = folder / fs::path(files[i].name).filename();
    fs::rename(files[i].path, moved);
    paths.push_back(moved);
  }
  Job& started = *jobs_.emplace_back(std::move(job));
  started.thread = std::thread([this, &started, paths = std::move(paths)] { run(started, paths); });
  return started.id;
}

void ImportJobs::run(Job& job, const std::vector<fs::path>& paths) {
  std::optional<Json> summary;
  std::optional<Json> error;
  try {
    const auto store = options_.open_store();
    app::ImportOptions import_options;
    import_options.clock = options_.clock;
    app::Importer importer(*store, job.user, job.zone, import_options);
    const ImportSummary result = importer.import_paths(paths, [&](const app::ImportProgress& at) {
      answers_.journal_changed();
      const std::lock_guard lock(mutex_);
      job.done = at.done;
      job.total = at.total;
      job.current = fs::path(at.current).filename().string();
      changed_.notify_all();
    });
    // The reports name each file as the runner named it, not by where it waited on disk.
    ImportSummary named = result;
    for (auto& report : named.files) {
      const std::string prefix = job.folder.string() + "/";
      if (!report.name.starts_with(prefix)) continue;
      const auto slash = report.name.find('/', prefix.size());
      report.name = slash == std::string::npos ? report.name.substr(prefix.size())
                                               : report.name.substr(slash + 1);
    }
    summary = exchange::to_json(named);
    if (const auto note = importer.zone_data_note()) (*summary)["zone_data_note"] = *note;
  } catch (const Error& failure) {
    error = exchange::to_json(failure);
  } catch (const std::exception& failure) {
    error = exchange::to_json(Error(Errc::storage, failure.what()));
  }
  answers_.journal_changed();
  std::error_code ignored;
  fs::remove_all(job.folder, ignored);
  const std::lock_guard lock(mutex_);
  job.summary = std::move(summary);
  job.error = std::move(error);
  job.done = job.total;
  job.current.clear();
  job.finished = true;
  job.slot.reset();
  changed_.notify_all();
}

Json ImportJobs::status_of(const Job& job) const {
  Json out = Json::object();
  out["id"] = job.id;
  out["state"] = !job.finished ? "running" : job.error ? "failed" : "done";
  out["files_done"] = job.done;
  out["files_total"] = job.total;
  out["current"] = job.current.empty() ? Json(nullptr) : Json(job.current);
  out["summary"] = job.summary ? *job.summary : Json(nullptr);
  out["error"] = job.error ? *job.error : Json(nullptr);
  return out;
}

std::optional<Json> ImportJobs::status(std::int64_t id, UserId user) const {
  const std::lock_guard lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->id == id && job->user == user) return status_of(*job);
  }
  return std::nullopt;
}

Json ImportJobs::wait(std::int64_t id, UserId user) const {
  std::unique_lock lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->id == id && job->user == user) {
      changed_.wait(lock, [&] { return job->finished; });
      return status_of(*job);
    }
  }
  throw Error(Errc::not_found, fmt::format("no import {}", id), "id");
}

void ImportJobs::forget_finished() {
  std::size_t finished = 0;
  for (const auto& job : jobs_) finished += job->finished ? 1U : 0U;
  for (auto it = jobs_.begin(); it != jobs_.end() && finished > kept_finished_jobs;) {
    if ((*it)->finished) {
      if ((*it)->thread.joinable()) (*it)->thread.join();
      it = jobs_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

}  // namespace cairn::api
