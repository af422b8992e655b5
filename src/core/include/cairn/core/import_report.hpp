#pragma once
/// \file
/// What an import did with each file: the report `cairn import` prints and its `--json`
/// (and later the HTTP API) carries, in the shape of cairn::exchange::to_json.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/core/ids.hpp"

namespace cairn {

enum class ImportOutcome : std::uint8_t {
  imported,       ///< at least one new run
  already_there,  ///< every run in it was there before (same file, or same run elsewhere)
  skipped,        ///< readable but holds no run (a ride, a swim, a course)
  failed,         ///< could not be read; the reason says why
};
/// "imported", "already_there", "skipped" or "failed".
[[nodiscard]] std::string_view import_outcome_name(ImportOutcome outcome);

/// What happened to one file.
struct FileReport {
  std::string name{};
  ImportOutcome outcome = ImportOutcome::failed;
  std::string reason{};  ///< why it failed, was skipped or was already there, in full
  /// Runs added; for a file already there, the runs it gave when it was imported (so an
  /// entry can be attached to them at once) where they are still stored.
  std::vector<RunId> runs{};
  /// Of `runs`, those that were typed in before and took the file's numbers (not new runs).
  std::vector<RunId> merged{};
  /// Each activity of the file that did not become a run, and why ("activity 2: a cycling
  /// activity"), also when others did.
  std::vector<std::string> left_out{};
  /// Runs added that need the runner's look, and why ("run #12: ... a ride?").
  std::vector<std::string> review{};
  std::vector<std::string> warnings{};
};

struct ImportSummary {
  std::vector<FileReport> files;
  [[nodiscard]] std::size_t count(ImportOutcome outcome) const;
};

}  // namespace cairn
