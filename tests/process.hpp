#pragma once
// Runs a program as a child process for tests: arguments, extra environment, standard
// input; collects standard output, standard error and the exit status.

#include <map>
#include <string>
#include <vector>

namespace cairn::testing {

struct ProcessResult {
  int status = -1;  ///< exit status, or 128 + signal number when killed
  std::string out;
  std::string err;
};

/// Runs `program` with `args` and waits for it. `env` entries are added to (or override)
/// the current environment.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const std::string& input = {});

}  // namespace cairn::testing
