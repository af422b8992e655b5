// cairn checkin: a weekly note on life in each value's area and on motivation quality.

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "args.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "prompter.hpp"
#include "render.hpp"
#include "table.hpp"
#include "terminal_text.hpp"

namespace cairn::cli {
namespace {

struct CheckinFlags {
  std::string date;
  std::vector<std::string> areas;  ///< VALUE=RATING
  std::string enjoyment;
  std::string chosen;
  std::string guilt;
  std::string pressure;
  std::string note;
  bool interactive = false;
};

void add_checkin(Context& context, const CheckinFlags& flags) {
  auto service = context.service();
  CheckIn checkin;
  checkin.on = date_or(flags.date, service.today());
  const auto in_force = service.values_at(checkin.on);
  for (const auto& assignment : flags.areas) {
    const auto [name, rating] = split_assignment(assignment, "--area");
    const auto value = find_value_by_reference(in_force, name);
    if (!value) {
      throw Error(Errc::invalid_input,
                  fmt::format("--area names '{}', which is not one of your values in force on {}",
                              name, format_date(checkin.on)));
    }
    checkin.areas.push_back(
        LifeAreaRating{.value = value->id,
                       .rating = static_cast<int>(parse_whole(rating, "--area " + name)),
                       .note = ""});
  }
  checkin.motivation.enjoyment = optional_rating(flags.enjoyment, "--enjoyment");
  checkin.motivation.chosen = optional_rating(flags.chosen, "--chosen");
  checkin.motivation.guilt = optional_rating(flags.guilt, "--guilt");
  checkin.motivation.pressure = optional_rating(flags.pressure, "--pressure");
  checkin.note = flags.note;

  const bool nothing_given = flags.areas.empty() && flags.enjoyment.empty() &&
                             flags.chosen.empty() && flags.guilt.empty() &&
                             flags.pressure.empty() && flags.note.empty();
  if (flags.interactive || (Context::interactive_terminal() && nothing_given)) {
    Prompter prompter(*context.in, *context.out);
    if (checkin.areas.empty() && !in_force.empty()) {
      *context.out << "How is life going in each of these areas?\n";
      for (const auto& value : in_force) {
        if (const auto rating =
                prompter.rating(fmt::format("  {}", visible(value.name)), life_area_scale)) {
          checkin.areas.push_back(LifeAreaRating{.value = value.id, .rating = *rating, .note = ""});
        }
      }
    }
    *context.out << "How true is each of these for you (1 not at all, 5 completely)?\n";
    for (const auto item : motivation_items) {
      auto& answer = checkin.motivation[item];
      if (!answer) {
        answer = prompter.rating(fmt::format("  {}", motivation_item_statement(item)),
                                 motivation_item_scale);
      }
    }
    if (checkin.note.empty()) {
      if (auto note = prompter.text("Anything else this week?")) checkin.note = *note;
    }
  } else if (nothing_given) {
    throw Error(Errc::invalid_input,
                "nothing to record: give --area VALUE=RATING or the motivation ratings "
                "(--enjoyment, --chosen, --guilt, --pressure)");
  }

  const CheckIn stored = service.add_checkin(checkin);
  if (context.json) {
    print_json(*context.out, checkin_json(stored));
    return;
  }
  *context.out << fmt::format("Saved check-in #{} for {}.", stored.id.value,
                              format_date(stored.on));
  if (const auto score = self_direction_score(stored.motivation)) {
    *context.out << fmt::format(" Self-direction {:+.0f} (from -12, pushed, to +12, chosen).",
                                *score);
  }
  *context.out << '\n';
}

void list_checkins(Context& context) {
  auto service = context.service(Access::read);
  const auto checkins = service.checkins();
  if (context.json) {
    print_json(*context.out, checkins_json(checkins));
    return;
  }
  if (checkins.empty()) {
    *context.out << "No check-ins yet. Record one with 'cairn checkin'.\n";
    return;
  }
  Table table({{"id", Table::Align::right},
               {"date"},
               {"areas rated", Table::Align::right},
               {"self-direction", Table::Align::right},
               {"note"}});
  for (const auto& checkin : checkins) {
    const auto score = self_direction_score(checkin.motivation);
    table.add_row({std::to_string(checkin.id.value), format_date(checkin.on),
                   std::to_string(checkin.areas.size()),
                   score ? fmt::format("{:+.0f}", *score) : "—", shorten(checkin.note, 40)});
  }
  table.print(*context.out);
}

}  // namespace

void add_checkin_command(CLI::App& root, Context& context) {
  auto flags = std::make_shared<CheckinFlags>();
  auto* checkin =
      root.add_subcommand("checkin", "Weekly check-in: life in each value's area, and motivation");
  checkin->add_option("--date", flags->date, "the day, YYYY-MM-DD (default today)");
  checkin->add_option("--area", flags->areas,
                      "how life is going for a value, VALUE=1..10; repeatable");
  checkin->add_option("--enjoyment", flags->enjoyment, "1-5: I ran because I like running itself");
  checkin->add_option("--chosen", flags->chosen, "1-5: my running felt like my own choice");
  checkin->add_option("--guilt", flags->guilt, "1-5: I ran mainly to avoid feeling guilty");
  checkin->add_option("--pressure", flags->pressure, "1-5: I ran mainly because others expect it");
  checkin->add_option("--note", flags->note, "anything else");
  checkin->add_flag("-i,--interactive", flags->interactive, "ask for every answer not given");
  checkin->require_subcommand(0, 1);
  checkin->callback([checkin, flags, &context] {
    if (checkin->get_subcommands().empty()) add_checkin(context, *flags);
  });
  checkin->add_subcommand("list", "List check-ins")->callback([&context] {
    list_checkins(context);
  });
}

}  // namespace cairn::cli
