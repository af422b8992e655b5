// The cairn command. main() is the CLI's one edge: every error ends here, as a message on
// stderr and an exit status from one table (documented in README.md).

#include <algorithm>
#include <cctype>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <malloc.h>
#include <nlohmann/json.hpp>

#include "cairn/core/error.hpp"
#include "cairn/exchange/json.hpp"

#include "commands.hpp"
#include "context.hpp"
#include "terminal_text.hpp"

namespace {

enum ExitStatus : int {
  exit_ok = 0,
  exit_internal = 1,
  exit_bad_input = 2,
  exit_storage = 3,
  exit_unsupported = 4,
};

int exit_status_for(cairn::Errc code) {
  switch (code) {
    case cairn::Errc::invalid_input:
    case cairn::Errc::not_found:
    case cairn::Errc::conflict:
    case cairn::Errc::corrupt_file:
      return exit_bad_input;
    case cairn::Errc::storage:
      return exit_storage;
    case cairn::Errc::unsupported:
      return exit_unsupported;
  }
  return exit_internal;
}

// Edit distance between two words (Levenshtein), for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Every command word and long flag of the program, for suggestions.
void collect_names(const CLI::App& app, std::vector<std::string>& words,
                   std::vector<std::string>& flags) {
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    words.push_back(sub->get_name());
    collect_names(*sub, words, flags);
  }
}

// "Did you mean 'values'?" for the first word or flag of the command line that is a typo of
// one the program knows (at most two letters off), or nothing.
std::string suggestion(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> words;
  std::vector<std::string> flags;
  collect_names(app, words, flags);
  for (int i = 1; i < argc; ++i) {
    const std::string_view given = argv[i];
    const bool flag = given.starts_with("--");
    const std::string_view name = flag ? given.substr(0, given.find('=')) : given;
    const auto& known = flag ? flags : words;
    if (name.size() < 3 || std::find(known.begin(), known.end(), name) != known.end()) continue;
    if (!flag && name.starts_with("-")) continue;
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& candidate : known) {
      const std::size_t distance = edit_distance(name, candidate);
      if (distance < best_distance) {
        best_distance = distance;
        best = candidate;
      }
    }
    if (!best.empty()) return fmt::format("Did you mean '{}'?\n", cairn::cli::visible(best));
  }
  return "";
}

const CLI::App* subcommand_named(const CLI::App& app, std::string_view name) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// The option `name` of `app` or of a command above it (the root's --db, --json fall through).
const CLI::Option* option_named(const CLI::App* app, const std::string& name) {
  for (; app != nullptr; app = app->get_parent()) {
    if (const auto* option = app->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

// Words CLI11 could not place, as a runner reads them: the command the words reached
// ("cairn values"), the first word it does not take ("ad"), its commands, and the command
// line as probably meant ("cairn values add Joy"; empty when there is no good guess). For
// words in the wrong order ("add values Joy", "runs 12 show") the guess puts them in order;
// for a typo of a command, it corrects it. Nothing when an unknown flag is the trouble (the
// flag suggestion handles that) or every word has its place.
struct Misread {
  std::string command;
  std::string word;
  std::vector<std::string> commands;
  std::string meant;
  std::string value_split;  ///< "10 km": an option's value typed with a space in it
};

std::optional<Misread> misread(const CLI::App& root, int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  const CLI::App* app = &root;
  std::string command = "cairn";
  std::size_t free_positionals = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.starts_with("-") && word.size() > 1) {
      const auto equals = word.find('=');
      const auto* option = option_named(app, word.substr(0, equals));
      if (option == nullptr) return std::nullopt;
      // A flag (--json) takes nothing; an option (--db PATH) takes the next word.
      if (option->get_expected_min() > 0 && equals == std::string::npos) ++i;
      continue;
    }
    if (const auto* sub = subcommand_named(*app, word)) {
      app = sub;
      command += " " + word;
      free_positionals = 0;
      for (const auto* option : app->get_options()) {
        if (option->get_positional()) {
          free_positionals += option->get_expected_max() > 1 ? words.size() : 1;
        }
      }
      continue;
    }
    if (free_positionals > 0) {
      --free_positionals;
      continue;
    }
    Misread found{.command = command, .word = word, .commands = {}, .meant = {}, .value_split = {}};
    for (const auto* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
      // Option groups are unnamed subcommands: not commands a runner can type.
      if (!sub->get_name().empty()) found.commands.push_back(sub->get_name());
    }
    // "--distance 10 km": the word belongs to the option's value before it.
    if (i >= 2 && words[i - 2].starts_with("--") && words[i - 2].find('=') == std::string::npos &&
        !words[i - 1].starts_with("-")) {
      found.value_split = fmt::format("{} {}", words[i - 1], word);
    }
    std::vector<std::string> meant;
    for (std::size_t j = i + 1; j < words.size() && meant.empty(); ++j) {
      // "runs 12 show": a command of this one comes later.
      if (subcommand_named(*app, words[j]) != nullptr) {
        meant = words;
        meant.erase(meant.begin() + static_cast<std::ptrdiff_t>(j));
        meant.insert(meant.begin() + static_cast<std::ptrdiff_t>(i), words[j]);
      }
    }
    for (std::size_t j = i + 1; j < words.size() && meant.empty(); ++j) {
      // "add values Joy": this word is a command of a command that comes later.
      const auto* later = subcommand_named(*app, words[j]);
      if (later != nullptr && subcommand_named(*later, word) != nullptr) {
        meant = words;
        std::swap(meant[i], meant[j]);
      }
    }
    if (meant.empty()) {
      // "values ad Joy": a typo or the start of a command of this one.
      std::string best;
      std::size_t best_distance = word.size() < 3 ? 2 : 3;
      for (const auto& candidate : found.commands) {
        const std::size_t distance =
            candidate.starts_with(word) && word.size() >= 2 ? 1 : edit_distance(word, candidate);
        if (distance < best_distance) {
          best_distance = distance;
          best = candidate;
        }
      }
      if (!best.empty()) {
        meant = words;
        meant[i] = best;
      }
    }
    if (!meant.empty()) found.meant = fmt::format("cairn {}", fmt::join(meant, " "));
    return found;
  }
  return std::nullopt;
}

std::string misread_message(const Misread& misread) {
  using cairn::cli::visible;
  std::string message =
      misread.commands.empty()
          ? fmt::format("cairn: '{}' does not take '{}'\n", visible(misread.command),
                        visible(misread.word))
          : fmt::format("cairn: '{}' is not a command of '{}' (its commands: {})\n",
                        visible(misread.word), visible(misread.command),
                        fmt::join(misread.commands, ", "));
  if (!misread.value_split.empty()) {
    message +=
        fmt::format("  if '{}' is one value, write it without the space or in quotes: \"{}\"\n",
                    visible(misread.value_split), visible(misread.value_split));
  }
  if (!misread.meant.empty())
    message += fmt::format("Did you mean '{}'?\n", visible(misread.meant));
  message += fmt::format("Run '{} --help' for usage.\n", visible(misread.command));
  return message;
}

// The first flag on the command line that the command it was given to does not know
// ("--distnce" given to "cairn runs edit"), with the nearest flag that command (or one above
// it: --db, --json) does know, empty when none is close. CLI11's own message lists the words
// it could not place backwards ("4 --distnce"), and its suggestions would come from any
// command; this one reads the words in the order they were typed.
struct UnknownFlag {
  std::string command;
  std::string flag;
  std::string nearest;
};

std::optional<UnknownFlag> unknown_flag(const CLI::App& root, int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  const CLI::App* app = &root;
  std::string command = "cairn";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") return std::nullopt;  // what follows is not flags
    const bool flag = word.size() > 1 && word.front() == '-' &&
                      std::isdigit(static_cast<unsigned char>(word[1])) == 0;
    if (!flag) {
      if (const auto* sub = subcommand_named(*app, word)) {
        app = sub;
        command += " " + word;
      }
      continue;
    }
    const auto equals = word.find('=');
    const std::string name = word.substr(0, equals);
    if (const auto* option = option_named(app, name)) {
      // A flag (--json) takes nothing; an option (--db PATH) takes the next word.
      if (option->get_expected_min() > 0 && equals == std::string::npos) ++i;
      continue;
    }
    UnknownFlag found{.command = command, .flag = name, .nearest = {}};
    std::size_t best_distance = 3;
    const auto consider = [&](const CLI::App& holder) {
      for (const CLI::Option* option : holder.get_options()) {
        for (const auto& long_name : option->get_lnames()) {
          const std::string candidate = "--" + long_name;
          const std::size_t distance = edit_distance(name, candidate);
          if (distance < best_distance) {
            best_distance = distance;
            found.nearest = candidate;
          }
        }
      }
    };
    for (const CLI::App* level = app; level != nullptr; level = level->get_parent()) {
      consider(*level);
      // Option groups ("Run", "Journal entry") are nameless commands holding flags.
      for (const CLI::App* group :
           level->get_subcommands([](const CLI::App* sub) { return sub->get_name().empty(); })) {
        consider(*group);
      }
    }
    return found;
  }
  return std::nullopt;
}

std::string unknown_flag_message(const UnknownFlag& unknown) {
  using cairn::cli::visible;
  std::string message = fmt::format("cairn: '{}' has no flag '{}'\n", visible(unknown.command),
                                    visible(unknown.flag));
  if (!unknown.nearest.empty()) message += fmt::format("Did you mean '{}'?\n", unknown.nearest);
  message += fmt::format("Run '{} --help' for its flags.\n", visible(unknown.command));
  return message;
}

}  // namespace

int main(int argc, char** argv) {
  // Importing reads one file after another into buffers of a few hundred kilobytes. glibc
  // serves those with fresh mmaps that the kernel must zero on every file; keeping them in
  // the heap instead roughly halves the system time of a bulk import.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);

  cairn::cli::Context context;
  CLI::App app{"Cairn: a running journal that ties your running to what matters to you.", "cairn"};
  app.set_version_flag("--version", std::string(CAIRN_VERSION));
  app.add_option("--db", context.db_flag,
                 "database file (default: $CAIRN_DB, else ~/.local/share/cairn/cairn.db)");
  app.add_flag("--json", context.json, "print machine-readable JSON");
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.footer(
      "Exit status: 0 done, 2 bad input (for import and inspect: a file could not be read), 3 "
      "database unusable (locked, corrupt), 4 database from a newer Cairn, 1 internal error.");

  cairn::cli::add_values_command(app, context);
  cairn::cli::add_log_command(app, context);
  cairn::cli::add_journal_command(app, context);
  cairn::cli::add_runs_command(app, context);
  cairn::cli::add_experiment_command(app, context);
  cairn::cli::add_checkin_command(app, context);
  cairn::cli::add_review_command(app, context);
  cairn::cli::add_insights_command(app, context);
  cairn::cli::add_export_command(app, context);
  cairn::cli::add_import_json_command(app, context);
  cairn::cli::add_backup_command(app, context);
  cairn::cli::add_settings_command(app, context);
  cairn::cli::add_demo_command(app, context);
  cairn::cli::add_serve_command(app, context);
  int batch_status = exit_ok;
  cairn::cli::add_import_command(app, context, batch_status);
  cairn::cli::add_inspect_command(app, context, batch_status);
  app.callback([&] {
    if (app.get_subcommands().empty()) cairn::cli::run_start(context);
  });

  try {
    app.parse(argc, argv);
    return batch_status;
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    context.abandon_created_database();
    // Words CLI11 could not place ("values ad Joy"), or a word taken for another command's
    // argument ("runs 1 show": show's id is then missing): say which word, and the order meant.
    const auto found = misread(app, argc, argv);
    // A flag the command does not know: named with its command, in the order typed.
    const auto unknown = unknown_flag(app, argc, argv);
    std::string message;
    if (found &&
        (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr ||
         (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && !found->meant.empty()))) {
      message = misread_message(*found);
    } else if (unknown) {
      message = unknown_flag_message(*unknown);
    } else {
      message = fmt::format("cairn: {}\n{}Run 'cairn --help' for usage.\n",
                            cairn::cli::visible(error.what()), suggestion(app, argc, argv));
    }
    if (context.json) {
      const cairn::Error refusal(cairn::Errc::invalid_input,
                                 message.substr(std::string_view("cairn: ").size()));
      std::cerr << cairn::exchange::to_json(refusal).dump(
                       -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
    } else {
      std::cerr << message;
    }
    return exit_bad_input;
  } catch (const cairn::Error& error) {
    context.abandon_created_database();
    if (context.json) {
      // A script reading --json output reads the refusal the same way; dump() escapes
      // control characters, so the terminal shows them and does not obey them.
      std::cerr << cairn::exchange::to_json(error).dump(
                       -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << '\n';
    } else {
      std::cerr << "cairn: " << cairn::cli::visible(error.what()) << '\n';
    }
    return exit_status_for(error.code());
  } catch (const std::exception& error) {
    context.abandon_created_database();
    std::cerr << "cairn: internal error: " << cairn::cli::visible(error.what()) << '\n';
    return exit_internal;
  }
}
