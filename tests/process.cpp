#include "process.hpp"

#include <array>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <linux/capability.h>
#include <poll.h>
#include <pty.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace cairn::testing {
namespace {

// In a forked child: adds `env` to the environment and becomes `program`; exits 127 when
// it cannot.
[[noreturn]] void exec_with_env(const std::string& program, const std::vector<std::string>& args,
                                const std::map<std::string, std::string>& env) {
  for (const auto& [key, value] : env) setenv(key.c_str(), value.c_str(), 1);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  execv(program.c_str(), argv.data());
  _exit(127);
}

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env, const std::string& input,
                          const ProcessLimits& limits) {
  const auto started = std::chrono::steady_clock::now();
  std::array<int, 2> in_pipe{};
  std::array<int, 2> out_pipe{};
  std::array<int, 2> err_pipe{};
  if (pipe(in_pipe.data()) != 0 || pipe(out_pipe.data()) != 0 || pipe(err_pipe.data()) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (const int fd :
         {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    if (limits.address_space_bytes != 0) {
      const rlimit limit{limits.address_space_bytes, limits.address_space_bytes};
      setrlimit(RLIMIT_AS, &limit);
    }
    if (limits.cpu_seconds != 0) {
      const rlimit limit{limits.cpu_seconds, limits.cpu_seconds};
      setrlimit(RLIMIT_CPU, &limit);
    }
    if (limits.file_size_bytes != 0) {
      const rlimit limit{limits.file_size_bytes, limits.file_size_bytes};
      setrlimit(RLIMIT_FSIZE, &limit);
      signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails instead of killing
    }
    if (limits.honour_file_permissions && geteuid() == 0) {
      // Out of the bounding set, the capabilities do not come back at exec.
      for (const int capability : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER}) {
        prctl(PR_CAPBSET_DROP, capability, 0, 0, 0);
      }
    }
    exec_with_env(program, args, env);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  // Write all input, then close, so the child sees the end of its input.
  std::size_t written = 0;
  while (written < input.size()) {
    const auto n = write(in_pipe[1], input.data() + written, input.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  close(in_pipe[1]);

  ProcessResult result;
  std::array<pollfd, 2> fds{pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
  int open_count = 2;
  std::array<char, 4096> buffer{};
  while (open_count > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) break;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const auto n = read(fds[i].fd, buffer.data(), buffer.size());
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
        continue;
      }
      (i == 0 ? result.out : result.err).append(buffer.data(), static_cast<std::size_t>(n));
    }
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.peak_rss_kb = static_cast<std::size_t>(usage.ru_maxrss);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

namespace {

// Reads what the terminal shows into `shown` until `done` says so, the program closes the
// terminal, or the deadline passes. Returns false when the terminal was closed.
template <class Done>
bool read_terminal(int master, std::string& shown, std::chrono::steady_clock::time_point deadline,
                   Done done) {
  std::array<char, 4096> buffer{};
  while (!done()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return true;
    pollfd fd{master, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
    const auto n = read(master, buffer.data(), buffer.size());
    if (n <= 0) return false;  // EIO: the program's side of the terminal is closed
    shown.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

ProcessResult run_in_terminal(const std::string& program, const std::vector<std::string>& args,
                              const std::map<std::string, std::string>& env,
                              const std::vector<TerminalStep>& steps, int timeout_seconds) {
  const auto started = std::chrono::steady_clock::now();
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    exec_with_env(program, args, env);
  }
  const auto deadline = started + std::chrono::seconds(timeout_seconds);
  ProcessResult result;
  std::size_t seen = 0;
  bool open = true;
  for (const auto& step : steps) {
    open = read_terminal(master, result.out, deadline,
                         [&] { return result.out.find(step.wait_for, seen) != std::string::npos; });
    const auto found = result.out.find(step.wait_for, seen);
    if (!open || found == std::string::npos) break;
    seen = found + step.wait_for.size();
    if (write(master, step.send.data(), step.send.size()) < 0) break;
  }
  if (open) open = read_terminal(master, result.out, deadline, [] { return false; });
  // A closed terminal means the program is ending; past the deadline it is stuck.
  if (open) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace cairn::testing
