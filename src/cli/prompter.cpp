#include "prompter.hpp"

#include <csignal>

#include <fmt/format.h>

#include "args.hpp"

namespace cairn::cli {
namespace {

// Set by the SIGINT handler while a question waits. A signal handler may only write a flag of
// this type: the one mutable global of the program, and only a question's handler sets it.
volatile std::sig_atomic_t interrupt_seen = 0;

extern "C" void note_interrupt(int /*signal*/) { interrupt_seen = 1; }

// While a question waits, Ctrl-C ends the wait instead of the program: the handler is
// installed without SA_RESTART, so the blocked read returns and the question ends as at the
// end of input; the program then decides what to keep (a "no", a draft) and says so.
class InterruptCatcher {
 public:
  InterruptCatcher() {
    interrupt_seen = 0;
    struct sigaction action {};
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_);
  }
  ~InterruptCatcher() { sigaction(SIGINT, &previous_, nullptr); }
  InterruptCatcher(const InterruptCatcher&) = delete;
  InterruptCatcher& operator=(const InterruptCatcher&) = delete;
  [[nodiscard]] static bool seen() { return interrupt_seen != 0; }

 private:
  struct sigaction previous_ {};
};

}  // namespace

std::optional<std::string> Prompter::text(std::string_view question) {
  if (closed_) return std::nullopt;
  std::string line;
  bool answered = false;
  {
    // Caught from before the question shows: a Ctrl-C typed as soon as it appears must end
    // the question, not the program.
    const InterruptCatcher catcher;
    out_ << question << ' ' << std::flush;
    answered = !InterruptCatcher::seen() && static_cast<bool>(std::getline(in_, line));
    interrupted_ = InterruptCatcher::seen();
  }
  if (!answered || interrupted_) {
    closed_ = true;
    out_ << '\n';
    return std::nullopt;
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.empty()) return std::nullopt;
  return line;
}

std::optional<int> Prompter::rating(std::string_view question, const RatingScale& scale) {
  const std::string full =
      fmt::format("{} ({}-{}, Enter to skip):", question, scale.min, scale.max);
  return parsed<int>(full, [&](std::string_view answer) {
    const auto value = static_cast<int>(parse_whole(answer, scale.name));
    check_rating(scale, value);
    return value;
  });
}

bool Prompter::yes(std::string_view question, bool fallback) {
  const auto answer = text(fmt::format("{} [{}]", question, fallback ? "Y/n" : "y/N"));
  if (!answer) return fallback;
  return answer->front() == 'y' || answer->front() == 'Y';
}

}  // namespace cairn::cli
