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

/// One exchange with a program on a terminal: wait until its output shows `wait_for`
/// (after what the previous steps waited for), then type `send` ("\x04" is Ctrl-D at the
/// start of a line, "\x03" is Ctrl-C, which the terminal turns into SIGINT).
struct TerminalStep {
  std::string wait_for;
  std::string send;
};

/// Runs `program` on a new pseudo-terminal (its stdin, stdout and stderr), as a runner at a
/// keyboard would, playing `steps` in order. `out` holds everything the terminal showed,
/// typed input echoed included, in the terminal's line endings ("\r\n"); `err` is empty. A
/// step whose text never shows up within `timeout_seconds` ends the wait (the test then
/// fails on the output); a program still running then is killed.
ProcessResult run_in_terminal(const std::string& program, const std::vector<std::string>& args,
                              const std::map<std::string, std::string>& env,
                              const std::vector<TerminalStep>& steps, int timeout_seconds = 20);

}  // namespace cairn::testing
