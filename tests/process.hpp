#pragma once
// Runs a program as a child process for tests: arguments, extra environment, standard
// input; collects standard output, standard error and the exit status.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace cairn::testing {

struct ProcessResult {
  int status = -1;  ///< exit status, or 128 + signal number when killed
  std::string out;
  std::string err;
  double seconds = 0.0;         ///< wall-clock time from start to exit
  std::size_t peak_rss_kb = 0;  ///< the child's peak resident memory (getrusage)
};

/// Resource limits set in the child before it runs (setrlimit); 0 means no limit.
struct ProcessLimits {
  std::size_t address_space_bytes = 0;  ///< RLIMIT_AS: allocations past it fail
  unsigned cpu_seconds = 0;             ///< RLIMIT_CPU: killed by SIGXCPU past it
  std::size_t file_size_bytes = 0;      ///< RLIMIT_FSIZE: writes past it fail with EFBIG
  /// Run subject to file permissions even as root (drops CAP_DAC_OVERRIDE,
  /// CAP_DAC_READ_SEARCH and CAP_FOWNER), so a read-only file is read-only.
  bool honour_file_permissions = false;
};

/// Runs `program` with `args` and waits for it. `env` entries are added to (or override)
/// the current environment.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& input = {}, const ProcessLimits& limits = {});

}  // namespace cairn::testing
