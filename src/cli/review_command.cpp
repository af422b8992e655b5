// cairn review: re-evaluate the values; every change is recorded with the review's reason.

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "table.hpp"

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
};

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

void run_review(Context& context, const ReviewFlags& flags) {
  auto service = context.service();
  std::vector<app::ReviewChange> changes;
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
      return service.review(Review{.on = date_or(flags.date, service.today()),
                                   .trigger = flags.reason,
                                   .notes = flags.notes},
                            changes);
    } catch (const Error& error) {
      if (error.field() != "notes") throw;
      throw Error(
          error.code(),
          fmt::format("{} (--rank, --reword, --retire, --restore, or --notes)", error.what()),
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
  review->require_subcommand(0, 1);
  review->callback([review, flags, &context] {
    if (review->get_subcommands().empty()) run_review(context, *flags);
  });
  review->add_subcommand("list", "List reviews")->callback([&context] { list_reviews(context); });
}

}  // namespace cairn::cli
