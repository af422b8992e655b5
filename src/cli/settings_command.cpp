// cairn settings: units and home time zone.

#include <fmt/format.h>

#include "cairn/core/error.hpp"

#include "commands.hpp"
#include "json_output.hpp"

namespace cairn::cli {
namespace {

void show_settings(Context& context) {
  auto service = context.service(Access::read);
  if (context.json) {
    Json out = Json::object();
    out["units"] = unit_system_name(service.units());
    out["zone"] = service.zone();
    out["database"] = context.database_path().string();
    print_json(*context.out, out);
    return;
  }
  *context.out << fmt::format("units     {}\nzone      {}\ndatabase  {}\n",
                              unit_system_name(service.units()), service.zone(),
                              context.database_path().string());
}

}  // namespace

void add_settings_command(CLI::App& root, Context& context) {
  auto* settings = root.add_subcommand("settings", "Show or change units and time zone");
  settings->require_subcommand(0, 1);
  settings->callback([settings, &context] {
    if (settings->get_subcommands().empty()) show_settings(context);
  });
  auto units = std::make_shared<std::string>();
  auto* units_command = settings->add_subcommand("units", "Kilometres or miles");
  units_command->add_option("units", *units, "km or mi")->required();
  units_command->callback([units, &context] {
    context.service().set_units(parse_unit_system(*units));
    show_settings(context);
  });
  auto zone = std::make_shared<std::string>();
  auto* zone_command = settings->add_subcommand("zone", "Your home time zone");
  zone_command->add_option("zone", *zone, "an IANA name such as Europe/Berlin")->required();
  zone_command->callback([zone, &context] {
    context.service().set_zone(*zone);
    show_settings(context);
  });
}

}  // namespace cairn::cli
