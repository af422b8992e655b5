// cairn review: re-evaluate the values; every change is recorded with the review's reason.

#include <algorithm>

#include <fmt/format.h>

#include "cairn/core/error.hpp"
#include "cairn/core/rating.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "prompter.hpp"
#include "table.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct ReviewFlags {
  std::string date;
  std::string reason;
  std::string notes;
  std::vector<std::string> rank;     ///< VALUE=IMPORTANCE
  std::vector<std::string> retire;   ///< VALUE
  std::vector<std::string> restore;  ///< VALUE
  std::vector<std::string> reword;   ///< VALUE=DESCRIPTION
  bool no_prompt = false;

  /// True when any flag changes a value.
  [[nodiscard]] bool any_change() const {
    return !rank.empty() || !retire.empty() || !restore.empty() || !reword.empty();
  }
};

// The review's questions ended part-way (Ctrl-D, Ctrl-C): nothing is recorded.
void stop_if_closed(const Prompter& prompter) {
  if (!prompter.closed()) return;
  throw Error(Errc::invalid_input,
              fmt::format("nothing was recorded: the review's questions ended ({}) before the "
                          "last one; 'cairn review' asks them again",
                          prompter.interrupted() ? "Ctrl-C" : "end of input"));
}

// On a terminal, a review given no change is asked for: what prompted it, each value's
// importance and whether to retire it (or bring a retired one back), and notes. Returns the
// changes; fills the reason and notes in `flags` when they were not given.
std::vector<app::ReviewChange> ask_review(Prompter& prompter, std::ostream& out,
                                          const app::JournalService& service, ReviewFlags& flags,
                                          LocalDate on) {
  out << fmt::format(
      "Reviewing your values on {}. Enter keeps each as it is; --reword changes a description.\n",
      format_date(on));
  // The insights' prompts to re-evaluate, as they stood on the review's date: what a review
  // answers, and what its reason is when the runner picks one.
  const auto prompts = service.insights(std::min(on, service.today())).prompts;
  if (!prompts.empty()) {
    out << "Your journal suggests a look at:\n";
    for (std::size_t i = 0; i < prompts.size(); ++i) {
      out << indented_block(fmt::format("{}. {}", i + 1, prompts[i].text), "  ", "     ",
                            Context::text_columns())
          << '\n';
    }
  }
  if (flags.reason.empty()) {
    const auto answer =
        prompter
            .text(prompts.empty()
                      ? "What prompted this review (a life change, an insight; Enter to skip):"
                  : prompts.size() == 1
                      ? std::string("What prompted this review (1 or Enter for the suggestion "
                                    "above, or your own words):")
                      : fmt::format("What prompted this review (1-{} for a suggestion above, "
                                    "or your own words; Enter for 1):",
                                    prompts.size()))
            .value_or("");
    stop_if_closed(prompter);
    flags.reason = answer;
    // Enter picks the first suggestion, a number (one or two digits) that one; other words
    // are the runner's own reason.
    const bool number =
        !answer.empty() && answer.size() <= 2 &&
        std::all_of(answer.begin(), answer.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!prompts.empty() && (answer.empty() || number)) {
      const std::size_t picked = answer.empty() ? 1 : static_cast<std::size_t>(std::stoi(answer));
      if (picked < 1 || picked > prompts.size()) {
        throw Error(Errc::invalid_input,
                    fmt::format("{} is not one of the suggestions (1-{}): nothing was recorded",
                                answer, prompts.size()));
      }
      flags.reason = prompts[picked - 1].text;
    }
  }
  std::vector<app::ReviewChange> changes;
  for (const auto& value : service.values()) {
    const std::string name = visible(value.name);
    Value after = value;
    if (value.active) {
      const auto importance = prompter.parsed<int>(
          fmt::format("{} (importance {}): importance now (1-10, Enter keeps {}):", name,
                      value.importance, value.importance),
          [](std::string_view text) {
            const auto rating = static_cast<int>(parse_whole(text, "importance"));
            check_rating(importance_scale, rating);
            return rating;
          });
      stop_if_closed(prompter);
      after.importance = importance.value_or(value.importance);
      after.active = !prompter.yes(fmt::format("  Retire {}?", name), false);
    } else {
      after.active = prompter.yes(fmt::format("{} (retired): bring it back?", name), false);
    }
    stop_if_closed(prompter);
    if (after != value) changes.push_back(app::ReviewChange{.after = after, .reason = ""});
  }
  flags.notes = prompter
                    .text(changes.empty() ? "Nothing changed: notes on why everything stays "
                                            "(Enter records nothing):"
                                          : "Notes on this review (Enter to skip):")
                    .value_or("");
  stop_if_closed(prompter);
  return changes;
}

// Finds the pending change for a value, so several flags on one value make one change.
app::ReviewChange& change_for(std::vector<app::ReviewChange>& changes,
                              const app::JournalService& service, std::string_view name) {
  const Value value = service.value_named(name);
  for (auto& change : changes) {
    if (change.after.id == value.id) return change;
  }
  changes.push_back(app::ReviewChange{.after = value, .reason = ""});
  return changes.back();
}

void run_review(Context& context, ReviewFlags flags) {
  auto service = context.service();
  const LocalDate on = date_or(flags.date, service.today());
  std::vector<app::ReviewChange> changes;
  const bool ask = !flags.any_change() && flags.notes.empty() && !flags.no_prompt &&
                   Context::interactive_terminal();
  if (ask) {
    Prompter prompter(*context.in, *context.out);
    changes = ask_review(prompter, *context.out, service, flags, on);
  }
  for (const auto& assignment : flags.rank) {
    const auto [name, importance] = split_assignment(assignment, "--rank");
    change_for(changes, service, name).after.importance =
        static_cast<int>(parse_whole(importance, "--rank " + name));
  }
  for (const auto& assignment : flags.reword) {
    const auto [name, description] = split_assignment(assignment, "--reword");
    change_for(changes, service, name).after.description = description;
  }
  for (const auto& name : flags.retire) change_for(changes, service, name).after.active = false;
  for (const auto& name : flags.restore) change_for(changes, service, name).after.active = true;
  const Review review = [&] {
    try {
      return service.review(Review{.on = on, .trigger = flags.reason, .notes = flags.notes},
                            changes);
    } catch (const Error& error) {
      if (error.field() != "notes") throw;
      throw Error(error.code(),
                  ask ? fmt::format("{}; nothing was recorded", error.what())
                      : fmt::format("{} (--rank, --reword, --retire, --restore, or --notes; on a "
                                    "terminal, 'cairn review' alone asks)",
                                    error.what()),
                  error.field());
    }
  }();
  if (context.json) {
    print_json(*context.out, review_json(review));
    return;
  }
  *context.out << fmt::format("Recorded review #{} on {} with {} change(s).\n", review.id.value,
                              format_date(review.on), changes.size());
}

void list_reviews(Context& context) {
  auto service = context.service(Access::read);
  const auto reviews = service.reviews();
  if (context.json) {
    print_json(*context.out, reviews_json(reviews));
    return;
  }
  if (reviews.empty()) {
    *context.out << "No reviews yet.\n";
    return;
  }
  const auto history = service.value_history();
  Table table({{"id", Table::Align::right},
               {"date"},
               {"changes", Table::Align::right},
               {"reason"},
               {"notes"}});
  for (const auto& review : reviews) {
    const auto count = std::count_if(history.begin(), history.end(), [&](const ValueEvent& event) {
      return event.review == review.id;
    });
    table.add_row({std::to_string(review.id.value), format_date(review.on), std::to_string(count),
                   shorten(review.trigger, 30), shorten(review.notes, 40)});
  }
  table.print(*context.out);
}

}  // namespace

void add_review_command(CLI::App& root, Context& context) {
  auto flags = std::make_shared<ReviewFlags>();
  auto* review =
      root.add_subcommand("review", "Re-evaluate your values; changes are kept with reasons");
  review->add_option("--date", flags->date, "the day, YYYY-MM-DD (default today)");
  review->add_option("--reason", flags->reason,
                     "what prompted it (a life change, an insight, ...)");
  review->add_option("--notes", flags->notes, "your reflection");
  review->add_option("--rank", flags->rank, "new importance, VALUE=1..10; repeatable");
  review->add_option("--reword", flags->reword, "new description, VALUE=TEXT; repeatable");
  review->add_option("--retire", flags->retire, "retire a value; repeatable");
  review->add_option("--restore", flags->restore, "bring back a retired value; repeatable");
  review->add_flag("--no-prompt", flags->no_prompt,
                   "never ask, even on a terminal (a review without changes or notes is refused)");
  review->require_subcommand(0, 1);
  review->callback([review, flags, &context] {
    if (review->get_subcommands().empty()) run_review(context, *flags);
  });
  review->add_subcommand("list", "List reviews")->callback([&context] { list_reviews(context); });
}

}  // namespace cairn::cli
