#pragma once
// Asking the runner questions on a terminal: each answer is checked at once and asked
// again when wrong; an empty answer skips; the end of input (or Ctrl-C while a question
// waits) stops all further questions.

#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cairn/core/rating.hpp"

namespace cairn::cli {

class Prompter {
 public:
  Prompter(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  /// A line of text, or nothing when skipped or when input ended.
  std::optional<std::string> text(std::string_view question);
  /// A rating on `scale`, asked again until valid.
  std::optional<int> rating(std::string_view question, const RatingScale& scale);
  /// Any answer `parse` accepts (it throws cairn::Error for a bad one), asked again until valid.
  template <class T>
  std::optional<T> parsed(std::string_view question,
                          const std::function<T(std::string_view)>& parse) {
    while (auto answer = text(question)) {
      try {
        return parse(*answer);
      } catch (const std::exception& error) {
        out_ << "  " << error.what() << '\n';
      }
    }
    return std::nullopt;
  }
  /// Yes or no; `fallback` for an empty answer.
  bool yes(std::string_view question, bool fallback);
  /// True once the input has ended (Ctrl-D, Ctrl-C or a closed pipe): no more questions.
  [[nodiscard]] bool closed() const { return closed_; }
  /// True when it ended by Ctrl-C while a question waited.
  [[nodiscard]] bool interrupted() const { return interrupted_; }

 private:
  std::istream& in_;
  std::ostream& out_;
  bool closed_ = false;
  bool interrupted_ = false;
};

}  // namespace cairn::cli
