#pragma once
// Answers to reads, kept until the journal changes: the insights read every run and entry
// (~50 ms on ten years), the status counts the entries, a run page decodes its track; kept,
// each costs a lookup. A change
// is seen two ways: this server's own writes bump a counter, and a write by another process
// (the CLI beside the server) changes the database files' size or time.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cairn/core/time.hpp"

namespace cairn::api {

/// A kept answer, with the runner's zone and the day it was worked out on (an answer about
/// "today" is stale the next day though the journal did not change).
struct KeptAnswer {
  std::string zone;
  LocalDate today{};
  std::shared_ptr<const std::string> text;
};

class AnswerCache {
 public:
  /// `database`: the SQLite file whose changes (and its write-ahead log's) make answers
  /// stale; empty when only this server writes.
  explicit AnswerCache(std::filesystem::path database) : database_(std::move(database)) {}

  /// A write by this server (or an import it runs) has been made: every answer is stale.
  void journal_changed() noexcept { ++writes_; }

  /// The answer kept for `key`, if the journal has not changed since it was kept. Reads no
  /// database: the answers are shared, only the pointer is copied under the lock (many
  /// workers look up at once).
  [[nodiscard]] std::optional<KeptAnswer> find(const std::string& key) const;
  /// Keeps `answer` for `key`, as of the journal's state read by `version()` before it was
  /// worked out (a write in between makes it stale at once, never wrongly fresh).
  void keep(const std::string& key, const std::string& version, KeptAnswer answer);
  /// The journal's state now: this server's writes and the database files' signature.
  [[nodiscard]] std::string version() const;

 private:
  struct Kept {
    std::string version;
    KeptAnswer answer;
  };
  static constexpr std::size_t max_kept = 64;
  /// Answers larger than this are not kept (a page of 500 runs is about 400 KB).
  static constexpr std::size_t max_answer_bytes = std::size_t{1} << 20;

  std::filesystem::path database_;
  std::atomic<std::uint64_t> writes_{0};
  mutable std::mutex mutex_;
  std::map<std::string, Kept> kept_;
};

}  // namespace cairn::api
