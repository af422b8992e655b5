// cairn values: the runner's values, the catalogue, and every change with its reason.

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "render.hpp"
#include "table.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct ChangeFlags {
  std::string date;
  std::string since;  ///< `values add` only: the day the value began to matter
  std::string reason;
  void add_to(CLI::App& command, bool reason_required = false) {
    command.add_option("--date", date,
                       "the day the change takes effect, YYYY-MM-DD (default today)");
    auto* reason_option = command.add_option("--reason", reason, "why, in your words");
    if (reason_required) reason_option->required();
  }
  [[nodiscard]] ValueChangeNote note(const app::JournalService& service) const {
    if (!since.empty() && !date.empty()) {
      throw Error(Errc::invalid_input, "--since and --date say the same: give one of them");
    }
    return ValueChangeNote{.effective_on = date_or(since.empty() ? date : since, service.today()),
                           .reason = reason,
                           .review = std::nullopt};
  }
};

struct ValueFlags {
  std::string name;
  std::string new_name;
  std::string importance;
  std::string description;
  std::string why;
  std::string link;
  std::vector<std::string> practices;
  bool clear_practices = false;
  ChangeFlags change;
};

void list_values(Context& context, const std::string& at, bool all) {
  auto service = context.service(Access::read);
  std::vector<Value> values;
  if (!at.empty()) {
    values = service.values_at(parse_date(at));
  } else {
    for (auto& value : service.values()) {
      if (all || value.active) values.push_back(std::move(value));
    }
    std::stable_sort(values.begin(), values.end(), [](const Value& a, const Value& b) {
      return std::tie(b.active, b.importance) < std::tie(a.active, a.importance);
    });
  }
  auto& out = *context.out;
  if (context.json) {
    print_json(out, values_json(values));
    return;
  }
  if (values.empty()) {
    out << (at.empty() ? "You have no values yet. See 'cairn values catalogue' and add one with "
                         "'cairn values add NAME'.\n"
                       : fmt::format("No values were in force on {}.\n", at));
    return;
  }
  if (!at.empty()) out << "Values in force on " << at << ":\n";
  print_values_table(out, values);
}

void show_catalogue(Context& context) {
  auto& out = *context.out;
  if (context.json) {
    print_json(out, catalogue_json());
    return;
  }
  Table table({{"key"}, {"value"}, {"what it means"}});
  for (const auto& entry : value_catalogue()) {
    table.add_row(
        {std::string(entry.key), std::string(entry.name), std::string(entry.description)});
  }
  table.print(out);
  out << "\nAdd one with 'cairn values add NAME --importance 1-10', or name your own.\n";
}

void add_value(Context& context, const ValueFlags& flags) {
  auto service = context.service();
  // 'values add NAME --since DATE' for a value held already moves its start earlier (it was
  // added on the day the runner began with Cairn, and mattered long before).
  const bool words_given = !flags.importance.empty() || !flags.description.empty() ||
                           !flags.why.empty() || !flags.link.empty() || !flags.practices.empty();
  if (!flags.change.since.empty() && !words_given) {
    if (const auto held = service.find_value(flags.name)) {
      const ValueEvent moved = service.hold_value_since(held->id, parse_date(flags.change.since));
      if (context.json) {
        print_json(*context.out, value_event_json(moved));
        return;
      }
      *context.out << fmt::format("Value '{}' held since {}.\n", visible(held->name),
                                  format_date(moved.effective_on));
      return;
    }
  }
  Value value;
  value.name = flags.name;
  if (const auto entry = find_in_catalogue(flags.name)) value = value_from_catalogue(*entry);
  if (!flags.description.empty()) value.description = flags.description;
  if (!flags.link.empty()) value.link = flags.link;
  if (!flags.practices.empty()) value.practices = flags.practices;
  value.why = flags.why;
  if (!flags.importance.empty()) {
    value.importance = static_cast<int>(parse_whole(flags.importance, "--importance"));
  }
  const Value added = service.add_value(value, flags.change.note(service));
  if (context.json) {
    print_json(*context.out, value_json(added));
    return;
  }
  *context.out << fmt::format("Added value #{} '{}' (importance {}).\n", added.id.value,
                              visible(added.name), added.importance);
}

void show_recorded(Context& context, const ValueEvent& event) {
  if (context.json) {
    print_json(*context.out, value_event_json(event));
    return;
  }
  *context.out << fmt::format("Value '{}' {} from {}.\n", visible(event.after.name),
                              value_change_name(event.kind), format_date(event.effective_on));
}

void record_change(Context& context, const Value& after, const ChangeFlags& change) {
  auto service = context.service();
  show_recorded(context, service.change_value(after, change.note(service)));
}

void edit_value(Context& context, const ValueFlags& flags) {
  Value value = context.service().value_named(flags.name);
  if (!flags.new_name.empty()) value.name = flags.new_name;
  if (!flags.description.empty()) value.description = flags.description;
  if (!flags.why.empty()) value.why = flags.why;
  if (!flags.link.empty()) value.link = flags.link;
  if (flags.clear_practices) value.practices.clear();
  for (const auto& practice : flags.practices) value.practices.push_back(practice);
  if (!flags.importance.empty()) {
    value.importance = static_cast<int>(parse_whole(flags.importance, "--importance"));
  }
  record_change(context, value, flags.change);
}

void show_value(Context& context, const std::string& name) {
  auto service = context.service(Access::read);
  const app::ValueStory story = service.value_story(name);
  const Value& value = story.value;
  auto& out = *context.out;
  if (context.json) {
    Json shown = value_json(value);
    shown["key"] = value_key(value);
    shown["history"] = value_history_json(story.history);
    print_json(out, shown);
    return;
  }
  out << fmt::format("{} (#{}, key {}): {}, importance {}\n", visible(value.name), value.id.value,
                     visible(value_key(value)), value.active ? "active" : "retired",
                     value.importance);
  const auto words = [&out](std::string_view label, const std::string& text) {
    out << fmt::format("{:<23}{}\n", label, text.empty() ? "-" : visible(text));
  };
  words("What it means to you:", value.description);
  words("Why it matters:", value.why);
  words("How running serves it:", value.link);
  out << "Practices:";
  if (value.practices.empty()) out << "              -";
  out << '\n';
  for (const auto& practice : value.practices) out << "  - " << visible(practice) << '\n';
  out << "\nHistory:\n";
  Table table({{"date"}, {"change"}, {"importance", Table::Align::right}, {"reason"}});
  for (const auto& event : story.history) {
    table.add_row({format_date(event.effective_on), std::string(value_change_name(event.kind)),
                   std::to_string(event.after.importance),
                   event.review ? fmt::format("{} (review #{})", event.reason, event.review->value)
                                : event.reason});
  }
  table.print(out);
}

void show_history(Context& context, const std::string& name) {
  auto service = context.service(Access::read);
  auto history = service.value_history();
  if (!name.empty()) {
    const Value value = service.value_named(name);
    std::erase_if(history, [&](const ValueEvent& event) { return event.after.id != value.id; });
  }
  std::stable_sort(history.begin(), history.end(), [](const ValueEvent& a, const ValueEvent& b) {
    return a.effective_on < b.effective_on;
  });
  auto& out = *context.out;
  if (context.json) {
    print_json(out, value_history_json(history));
    return;
  }
  if (history.empty()) {
    out << "No changes recorded yet.\n";
    return;
  }
  Table table({{"date"}, {"value"}, {"change"}, {"importance", Table::Align::right}, {"reason"}});
  for (const auto& event : history) {
    table.add_row({format_date(event.effective_on), event.after.name,
                   std::string(value_change_name(event.kind)),
                   std::to_string(event.after.importance),
                   event.review ? fmt::format("{} (review #{})", event.reason, event.review->value)
                                : event.reason});
  }
  table.print(out);
}

}  // namespace

void add_values_command(CLI::App& root, Context& context) {
  auto* values = root.add_subcommand("values", "Your values: list, add, change, and their history");
  auto at = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  values->add_option("--at", *at, "show the values in force on this date, YYYY-MM-DD");
  values->add_flag("--all", *all, "include retired values");
  values->require_subcommand(0, 1);
  values->callback([values, at, all, &context] {
    if (values->get_subcommands().empty()) list_values(context, *at, *all);
  });

  // "values list", as "runs list" and "experiment list": the same as "values" alone.
  auto list_at = std::make_shared<std::string>();
  auto list_all = std::make_shared<bool>(false);
  auto* list = values->add_subcommand("list", "List your values (the same as 'cairn values')");
  list->add_option("--at", *list_at, "show the values in force on this date, YYYY-MM-DD");
  list->add_flag("--all", *list_all, "include retired values");
  list->callback([list_at, list_all, at, all, &context] {
    list_values(context, list_at->empty() ? *at : *list_at, *list_all || *all);
  });

  values->add_subcommand("catalogue", "About thirty values to start from")->callback([&context] {
    show_catalogue(context);
  });

  auto flags = std::make_shared<ValueFlags>();
  auto* add = values->add_subcommand("add", "Add a value (from the catalogue or your own)");
  add->add_option("name", flags->name, "the value's name, or a catalogue key")->required();
  add->add_option("--importance", flags->importance, "1 (a little) to 10 (most), default 5");
  add->add_option("--description", flags->description, "what it means to you");
  add->add_option("--why", flags->why, "why it matters to you");
  add->add_option("--link", flags->link, "how running can serve it");
  add->add_option("--practice", flags->practices, "a run idea that expresses it; repeatable");
  flags->change.add_to(*add);
  add->add_option("--since", flags->change.since,
                  "the day it began to matter to you, YYYY-MM-DD (default today; may be years "
                  "ago, before later changes to other values)");
  add->callback([flags, &context] { add_value(context, *flags); });

  auto edit_flags = std::make_shared<ValueFlags>();
  auto* edit = values->add_subcommand("edit", "Reword a value or change its practices");
  edit->add_option("name", edit_flags->name, "the value's name, key or id")->required();
  edit->add_option("--name", edit_flags->new_name, "a new name");
  edit->add_option("--importance", edit_flags->importance, "1 to 10");
  edit->add_option("--description", edit_flags->description, "what it means to you");
  edit->add_option("--why", edit_flags->why, "why it matters to you");
  edit->add_option("--link", edit_flags->link, "how running can serve it");
  edit->add_option("--practice", edit_flags->practices, "add a practice; repeatable");
  edit->add_flag("--clear-practices", edit_flags->clear_practices, "remove the practices first");
  edit_flags->change.add_to(*edit);
  edit->callback([edit_flags, &context] { edit_value(context, *edit_flags); });

  auto rank_flags = std::make_shared<ValueFlags>();
  auto* rank = values->add_subcommand("rank", "Change how important a value is");
  rank->add_option("name", rank_flags->name, "the value's name, key or id")->required();
  rank->add_option("importance", rank_flags->importance, "1 to 10")->required();
  rank_flags->change.add_to(*rank);
  rank->callback([rank_flags, &context] {
    Value value = context.service().value_named(rank_flags->name);
    value.importance = static_cast<int>(parse_whole(rank_flags->importance, "importance"));
    record_change(context, value, rank_flags->change);
  });

  auto retire_flags = std::make_shared<ValueFlags>();
  auto* retire =
      values->add_subcommand("retire", "Retire a value that no longer fits (kept in history)");
  retire->add_option("name", retire_flags->name, "the value's name, key or id")->required();
  retire_flags->change.add_to(*retire, /*reason_required=*/true);
  retire->callback([retire_flags, &context] {
    auto service = context.service();
    const auto event = service.retire_value(retire_flags->name, retire_flags->change.note(service));
    show_recorded(context, event);
  });

  auto restore_flags = std::make_shared<ValueFlags>();
  auto* restore = values->add_subcommand("restore", "Bring a retired value back");
  restore->add_option("name", restore_flags->name, "the value's name, key or id")->required();
  restore_flags->change.add_to(*restore);
  restore->callback([restore_flags, &context] {
    auto service = context.service();
    const auto event =
        service.restore_value(restore_flags->name, restore_flags->change.note(service));
    show_recorded(context, event);
  });

  auto show_name = std::make_shared<std::string>();
  auto* show = values->add_subcommand(
      "show", "One value in your words: description, why, link, practices, importance, history");
  show->add_option("name", *show_name, "the value's name, key (clear_mind) or id")->required();
  show->callback([show_name, &context] { show_value(context, *show_name); });

  auto history_name = std::make_shared<std::string>();
  auto* history = values->add_subcommand("history", "Every change to your values, with reasons");
  history->add_option("name", *history_name, "only this value");
  history->callback([history_name, &context] { show_history(context, *history_name); });
}

}  // namespace cairn::cli
