#pragma once
/// \file
/// An activity file the runner imported, remembered by its content so that importing the
/// same file again adds nothing.

#include <string>

#include "cairn/core/time.hpp"

namespace cairn {

/// One imported activity file.
struct ImportedFile {
  std::string fingerprint{};  ///< hash of the file's bytes; unique per user
  std::string name{};         ///< the file's name when imported, for the runner's information
  Timestamp imported_at{};
  int run_count = 0;  ///< runs the file added (0 when all were there already or none were runs)
  friend bool operator==(const ImportedFile&, const ImportedFile&) = default;
};

}  // namespace cairn
