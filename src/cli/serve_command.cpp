// cairn serve: the web app and the HTTP API on this machine (cairn/server).

#include <fmt/format.h>
#include <unistd.h>

#include "cairn/core/error.hpp"
#include "cairn/server/server.hpp"

#include "commands.hpp"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

struct ServeFlags {
  int port = 8080;
  std::string listen = "127.0.0.1";
  std::string web;
  std::vector<std::string> host_names;
};

// The built web app: --web, else $CAIRN_WEB, else web/dist found beside the program (an
// installed Cairn's share/cairn/web, or the source tree a build sits in).
std::optional<fs::path> find_web_root(const std::string& flag) {
  if (!flag.empty()) return fs::path(flag);
  if (const char* env = std::getenv("CAIRN_WEB"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  std::error_code error;
  fs::path at = fs::read_symlink("/proc/self/exe", error).parent_path();
  if (error) return std::nullopt;
  if (fs::is_regular_file(at / "../share/cairn/web/index.html", error)) {
    return at / "../share/cairn/web";
  }
  for (int up = 0; up < 5 && !at.empty(); ++up, at = at.parent_path()) {
    if (fs::is_regular_file(at / "web/dist/index.html", error)) return at / "web/dist";
  }
  return std::nullopt;
}

void serve(Context& context, const ServeFlags& flags) {
  if (flags.port < 1 || flags.port > 65535) {
    throw Error(Errc::invalid_input,
                fmt::format("--port {} is not a port: give one from 1 to 65535", flags.port),
                "port");
  }
  static_cast<void>(context.store(Access::write));  // created and migrated when missing
  server::ServeOptions options;
  options.address = flags.listen == "localhost" ? "127.0.0.1" : flags.listen;
  options.port = flags.port;
  options.host_names = flags.host_names;
  options.database = context.database_path();
  options.web_root = find_web_root(flags.web);
  options.clock = Context::clock();
  if (!server::is_loopback_address(options.address)) {
    *context.err << fmt::format(
        "warning: listening on {}: anyone who can reach this machine there can read and change "
        "your journal (Cairn has no accounts yet)\n",
        options.address);
  }
  server::serve_until_signalled(options, [&](const server::Server& running) {
    *context.out << fmt::format("Cairn is serving your journal ({})\n", options.database.string());
    if (!options.web_root || !fs::is_regular_file(*options.web_root / "index.html")) {
      *context.out << "The web app is not built here: only the API is served (/api/).\n";
    }
    *context.out << fmt::format("Open {}   (Ctrl-C stops it)\n", running.url());
    for (const auto& url : running.urls_from_other_devices()) {
      *context.out << fmt::format("  from another device: {}\n", url);
    }
    context.out->flush();
  });
  *context.out << "Stopped.\n";
}

}  // namespace

void add_serve_command(CLI::App& root, Context& context) {
  auto flags = std::make_shared<ServeFlags>();
  auto* serve_command =
      root.add_subcommand("serve", "Serve the web app and the HTTP API on this machine");
  serve_command->add_option("--port", flags->port, "the port to listen on (default 8080)");
  serve_command->add_option("--listen", flags->listen,
                            "the address to listen on (default 127.0.0.1, this machine only)");
  serve_command->add_option("--host-name", flags->host_names,
                            "another name this machine is reached by (repeatable)");
  serve_command->add_option("--web", flags->web, "the built web app to serve (web/dist)");
  serve_command->callback([flags, &context] { serve(context, *flags); });
}

}  // namespace cairn::cli
